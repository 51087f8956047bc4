/* gettext set-up: the language, and the message catalogues whether
 * installed or not. */
#include "plantrack/i18n.h"

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plantrack/text.h"
#include "plantrack/shared.h"

void i18n_init(void)
{
    const char *dir = getenv("PLANTRACK_LOCALEDIR");
    char exe[PATH_MAX], local[PATH_MAX + 16];
    /* A setgid plantrack reads only the installed catalogues. */
    if (shared_mode())
        dir = LOCALEDIR;
    if (!dir || !*dir) {
        ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        if (n > 0) {
            exe[n] = '\0';
            char *slash = strrchr(exe, '/');
            if (slash)
                *slash = '\0';
            snprintf(local, sizeof local, "%s/build/locale", exe);
            struct stat st;
            if (stat(local, &st) == 0 && S_ISDIR(st.st_mode))
                dir = local;
        }
    }
    if (!dir || !*dir)
        dir = LOCALEDIR;
    bindtextdomain("plantrack", dir);
    bind_textdomain_codeset("plantrack", "UTF-8");
    textdomain("plantrack");
}

const char *i18n_lang_arg(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            return argv[i + 1];
        if (strncmp(argv[i], "--lang=", 7) == 0)
            return argv[i] + 7;
    }
    return NULL;
}

/* The locale the environment names for a category, as setlocale reads
 * it. */
static const char *named_locale(const char *category)
{
    const char *v = getenv("LC_ALL");
    if (!v || !*v)
        v = getenv(category);
    if (!v || !*v)
        v = getenv("LANG");
    return v && *v ? v : NULL;
}

static bool names_utf8(const char *locale)
{
    return locale && (strcasestr(locale, "utf-8") || strcasestr(locale, "utf8"));
}

static bool is_c_locale(const char *l)
{
    return !l || strcmp(l, "C") == 0 || strcmp(l, "POSIX") == 0 ||
           strncmp(l, "C.", 2) == 0;
}

bool i18n_setup(const char *lang, char *warning, size_t len)
{
    warning[0] = '\0';
    const char *ctype = named_locale("LC_CTYPE");
    const char *messages = named_locale("LC_MESSAGES");
    bool generated = setlocale(LC_ALL, "") != NULL;
    /* zh_CN.UTF-8 named but not generated: the terminal is UTF-8 all the
     * same, and the language is still the one asked for. */
    if (!generated && names_utf8(ctype) && !setlocale(LC_ALL, "C.UTF-8"))
        setlocale(LC_ALL, "C.utf8");
    const char *codeset = nl_langinfo(CODESET);
    char cs[64];
    snprintf(cs, sizeof cs, "%s", codeset ? codeset : "");
    bool utf8 = text_init();
    const char *want = lang && *lang ? lang : NULL;
    if (!want && messages && strncmp(messages, "zh", 2) == 0 &&
        (!generated || !utf8))
        want = "zh";
    if (!want) {
        const char *language = getenv("LANGUAGE");
        if (language && strncmp(language, "zh", 2) == 0)
            want = "zh";
    }
    bool chinese = want && strncmp(want, "zh", 2) == 0;
    if (!utf8) {
        /* GBK, GB18030, Latin-1…: UTF-8 text would come out garbled. */
        bool ascii = strcmp(cs, "ANSI_X3.4-1968") == 0 || !*cs;
        if (!ascii || chinese)
            snprintf(warning, len,
                     "plantrack: the terminal's character set is %s, not "
                     "UTF-8: showing English and plain ASCII. For Chinese, "
                     "use a UTF-8 terminal with LANG=zh_CN.UTF-8 (or "
                     "LANG=C.UTF-8 and --lang zh).",
                     *cs ? cs : "unknown");
        setenv("LANGUAGE", "en", 1);
    } else if (chinese) {
        /* gettext ignores LANGUAGE under the C locale, not C.UTF-8. */
        const char *cur = setlocale(LC_MESSAGES, NULL);
        if (is_c_locale(cur) && !setlocale(LC_MESSAGES, "C.UTF-8"))
            setlocale(LC_MESSAGES, "C.utf8");
        setenv("LANGUAGE", "zh_CN", 1);
    } else if (want && strcmp(want, "en") == 0) {
        setenv("LANGUAGE", "en", 1);
    }
    i18n_init();
    return utf8;
}

const char *i18n_pgettext(const char *ctx_and_msgid)
{
    const char *t = gettext(ctx_and_msgid);
    const char *sep = strchr(ctx_and_msgid, '\004');
    /* Untranslated, gettext hands back the key: show the English part. */
    return t == ctx_and_msgid && sep ? sep + 1 : t;
}
