/* gettext set-up: find the message catalogues whether installed or not. */
#include "plantrack/i18n.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void i18n_init(void)
{
    const char *dir = getenv("PLANTRACK_LOCALEDIR");
    char exe[PATH_MAX], local[PATH_MAX + 16];
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

const char *i18n_pgettext(const char *ctx_and_msgid)
{
    const char *t = gettext(ctx_and_msgid);
    const char *sep = strchr(ctx_and_msgid, '\004');
    /* Untranslated, gettext hands back the key: show the English part. */
    return t == ctx_and_msgid && sep ? sep + 1 : t;
}
