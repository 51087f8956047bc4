/* gettext: every user-visible string goes through _(). */
#ifndef PLANTRACK_I18N_H
#define PLANTRACK_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)
/* A message with a context, for an English word that needs two Chinese
 * ones (a short status word in a column, a fuller label elsewhere):
 * NC_ marks it, i18n_pgettext translates it. */
#define NC_(ctx, s) ctx "\004" s
const char *i18n_pgettext(const char *ctx_and_msgid);

/* Bind the "plantrack" text domain: $PLANTRACK_LOCALEDIR, else a locale/
 * folder beside the executable (an uninstalled build), else LOCALEDIR. */
void i18n_init(void);

#endif
