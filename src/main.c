/* plantrack: the entry point. Only main() decides to exit. */
#include <locale.h>
#include <stdio.h>

#include "plantrack/cli.h"
#include "plantrack/i18n.h"
#include "plantrack/tui.h"

int main(int argc, char **argv)
{
    struct cli_opts o;
    setlocale(LC_ALL, "");
    bool utf8 = text_init();
    i18n_init();
    int rc = cli_parse(argc, argv, &o);
    if (rc == 0) {
        o.utf8 = utf8;
        rc = o.command == CMD_TUI ? tui_main(&o) : cli_run(&o);
    }
    cli_opts_free(&o);
    return rc;
}
