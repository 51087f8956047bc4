/* plantrack: the entry point. Only main() decides to exit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plantrack/cli.h"
#include "plantrack/config.h"
#include "plantrack/i18n.h"
#include "plantrack/shared.h"
#include "plantrack/tui.h"

int main(int argc, char **argv)
{
    struct cli_opts o;
    struct pt_error err;
    /* Before anything reads the environment (or a file of the user's). */
    if (shared_init(&err) < 0) {
        fprintf(stderr, "plantrack: %s\n", err.msg);
        return PT_EENV;
    }
    struct config cfg;
    char *path = config_default_path();
    config_load(&cfg, path);
    free(path);
    /* The language first: every message after this is in it. */
    const char *lang = i18n_lang_arg(argc, argv);
    char warning[400];
    bool utf8 = i18n_setup(lang ? lang : cfg.lang, warning, sizeof warning);
    if (warning[0])
        fprintf(stderr, "%s\n", warning);
    int rc = cli_parse(argc, argv, &o);
    if (rc == 0) {
        o.utf8 = utf8;
        o.config = &cfg;
        snprintf(o.locale_warning, sizeof o.locale_warning, "%s", warning);
        cli_apply_config(&o, &cfg);
        rc = o.command == CMD_TUI ? tui_main(&o) : cli_run(&o);
    }
    cli_opts_free(&o);
    config_free(&cfg);
    return rc;
}
