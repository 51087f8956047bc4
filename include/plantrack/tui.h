/* The interactive viewer (ncurses). */
#ifndef PLANTRACK_TUI_H
#define PLANTRACK_TUI_H

#include "plantrack/cli.h"

/* Run the TUI on the plans and log the options name; returns the exit
 * code. */
int tui_main(const struct cli_opts *o);

#endif
