/* Keys are data: one list of requests with their help, one table of key
 * bindings. The help overlay and the status-bar hints are made from them. */
#ifndef PLANTRACK_TUI_KEYS_H
#define PLANTRACK_TUI_KEYS_H

#include <stdbool.h>
#include <stddef.h>

/* R(name, help text, status-bar hint or NULL) */
#define TUI_REQUESTS(R)                                                        \
    R(QUIT, N_("quit"), N_("quit"))                                            \
    R(HELP, N_("show this help"), N_("help"))                                  \
    R(NEXT_PANE, N_("next pane"), N_("pane"))                                  \
    R(PREV_PANE, N_("previous pane"), NULL)                                    \
    R(DOWN, N_("move down"), NULL)                                             \
    R(UP, N_("move up"), NULL)                                                 \
    R(FIRST, N_("first line"), NULL)                                           \
    R(LAST, N_("last line"), NULL)                                             \
    R(PAGE_DOWN, N_("page down"), NULL)                                        \
    R(PAGE_UP, N_("page up"), NULL)                                            \
    R(SELECT, N_("select; in a filter pane, apply the filter"), N_("filter"))  \
    R(CANCEL, N_("close overlay, cancel, clear search"), NULL)                 \
    R(SEARCH, N_("search indicators, quotes and agencies"), N_("search"))      \
    R(SEARCH_NEXT, N_("next match"), NULL)                                     \
    R(SEARCH_PREV, N_("previous match"), NULL)                                 \
    R(ADD, N_("add an observation to the selected target"), N_("add"))         \
    R(CORRECT, N_("correct the selected observation"), N_("correct"))          \
    R(SOURCE, N_("show the quote in the plan's source text"), N_("source"))    \
    R(RELOAD, N_("reload plans and log"), NULL)                                \
    R(SORT, N_("cycle the sort order"), N_("sort"))                            \
    R(REPAINT, N_("repaint the whole screen"), NULL)

#define TUI_REQ_ENUM(name, help, hint) REQ_##name,
enum request { REQ_NONE, TUI_REQUESTS(TUI_REQ_ENUM) REQ_COUNT };
#undef TUI_REQ_ENUM

/* Keys as the viewer sees them: a character is its code point, a function
 * key is FKEY(KEY_…), so the two ranges never meet. */
#define FKEY(k) (0x1000000 + (k))

struct keybinding {
    int key;          /* a character or a curses KEY_ code */
    const char *name; /* as the help shows it */
    enum request req;
};

/* The request bound to a key (REQ_NONE when unbound). */
enum request keys_request(int key);
/* Localised help text and status-bar hint of a request (hint may be
 * NULL). */
const char *keys_help(enum request r);
const char *keys_hint(enum request r);
/* The names of the keys bound to r, joined: "j Down". */
void keys_names(enum request r, char *buf, size_t len);
/* One line per request: "j Down      move down". Returns the count. */
size_t keys_help_lines(char lines[][160], size_t max);
/* The status-bar hints: "q quit  ? help  / search …". */
void keys_hints(char *buf, size_t len);

#endif
