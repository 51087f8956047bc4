/* gettext: every user-visible string goes through _(). */
#ifndef PLANTRACK_I18N_H
#define PLANTRACK_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Bind the "plantrack" text domain: $PLANTRACK_LOCALEDIR, else a locale/
 * folder beside the executable (an uninstalled build), else LOCALEDIR. */
void i18n_init(void);

#endif
