/* gettext: every user-visible string goes through _(); and the language,
 * which need not depend on the locales a server has generated. */
#ifndef PLANTRACK_I18N_H
#define PLANTRACK_I18N_H

#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>

#define _(s) gettext(s)
#define N_(s) (s)
/* A message with a context, for an English word that needs two Chinese
 * ones (a short status word in a column, a fuller label elsewhere):
 * NC_ marks it, i18n_pgettext translates it. */
#define NC_(ctx, s) ctx "\004" s
const char *i18n_pgettext(const char *ctx_and_msgid);

/* The language asked for on the command line (--lang zh|en, before the
 * options are parsed, since their messages are translated), or NULL. */
const char *i18n_lang_arg(int argc, char **argv);

/* Set the locale from the environment and the language: `lang` "zh" or
 * "en" overrides the locale's ("" or NULL: the locale decides). Chinese
 * needs a UTF-8 terminal, not a generated zh_CN locale: when the locale
 * named is missing or is C.UTF-8, C.UTF-8 with LANGUAGE=zh_CN is used. A
 * locale whose character set is not UTF-8 (GBK…) gets English and ASCII
 * marks, and one warning in `warning` (empty when all is well). Then the
 * "plantrack" text domain is bound: $PLANTRACK_LOCALEDIR, else a locale/
 * folder beside the executable (an uninstalled build), else LOCALEDIR.
 * Returns whether the terminal takes UTF-8. */
bool i18n_setup(const char *lang, char *warning, size_t len);

/* Bind the text domain alone (tests). */
void i18n_init(void);

#endif
