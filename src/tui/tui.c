/* The interactive viewer: not built yet. */
#include "plantrack/tui.h"

#include <stdio.h>

#include "plantrack/i18n.h"

int tui_main(const struct cli_opts *o)
{
    (void)o;
    fputs(_("plantrack: the interactive viewer is not built yet; use "
            "'plantrack status' (see --help)\n"),
          stderr);
    return 1;
}
