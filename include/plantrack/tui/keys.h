/* Keys are data: one list of requests with their names, help and hints,
 * one table of default bindings. The help overlay, the status-bar hints
 * and the config file's `bind` lines all go through them. */
#ifndef PLANTRACK_TUI_KEYS_H
#define PLANTRACK_TUI_KEYS_H

#include <stdbool.h>
#include <stddef.h>

/* R(NAME, "config-name", help text, status-bar hint or NULL, hint rank)
 * A hint of lower rank is dropped first when the line is short. */
#define TUI_REQUESTS(R)                                                        \
    R(QUIT, "quit", N_("quit"), N_("quit"), 9)                                 \
    R(HELP, "help", N_("show this help (all keys)"), N_("help"), 10)           \
    R(NEXT_PANE, "next-pane", N_("next pane"), N_("pane"), 6)                  \
    R(PREV_PANE, "prev-pane", N_("previous pane"), NULL, 0)                    \
    R(PANE_LEFT, "pane-left", N_("pane to the left"), NULL, 0)                 \
    R(PANE_RIGHT, "pane-right", N_("pane to the right"), NULL, 0)              \
    R(PANE_1, "pane-plans", N_("go to the plans (a filter)"), NULL, 0)         \
    R(PANE_2, "pane-years", N_("go to the years (a filter)"), NULL, 0)         \
    R(PANE_3, "pane-agencies", N_("go to the lead agencies (a filter)"), NULL, \
      0)                                                                       \
    R(PANE_4, "pane-targets", N_("go to the target list"), NULL, 0)            \
    R(PANE_5, "pane-detail", N_("go to the detail"), NULL, 0)                  \
    R(DOWN, "down", N_("move down"), NULL, 0)                                  \
    R(UP, "up", N_("move up"), NULL, 0)                                        \
    R(FIRST, "first", N_("first line"), NULL, 0)                               \
    R(LAST, "last", N_("last line"), NULL, 0)                                  \
    R(PAGE_DOWN, "page-down", N_("page down"), NULL, 0)                        \
    R(PAGE_UP, "page-up", N_("page up"), NULL, 0)                              \
    R(HALF_DOWN, "half-page-down", N_("half a page down"), NULL, 0)            \
    R(HALF_UP, "half-page-up", N_("half a page up"), NULL, 0)                  \
    R(SELECT, "select",                                                        \
      N_("open: a filter entry, a target's detail, an observation in full"),   \
      N_("open"), 7)                                                           \
    R(TOGGLE, "toggle",                                                        \
      N_("in a filter: add or remove this entry (several at once)"), NULL, 0)  \
    R(CANCEL, "cancel", N_("back: close, cancel, clear the search"), NULL, 0)  \
    R(SEARCH, "search",                                                        \
      N_("search: also pinyin (shengtai, stj), traditional, full-width"),      \
      N_("search"), 8)                                                         \
    R(NARROW, "narrow", N_("show only the targets that match as you type"),    \
      N_("narrow"), 2)                                                         \
    R(SEARCH_NEXT, "search-next", N_("next match"), NULL, 0)                   \
    R(SEARCH_PREV, "search-prev", N_("previous match"), NULL, 0)               \
    R(STATUS_FILTER, "status-filter",                                          \
      N_("filter by light, schedule (序时进度) and status"), N_("status"), 4)  \
    R(CLEAR_FILTERS, "clear-filters", N_("clear every filter and the search"), \
      N_("clear"), 3)                                                          \
    R(ADD, "add", N_("add an observation to the selected target"), N_("add"),  \
      5)                                                                       \
    R(CORRECT, "correct", N_("correct the selected observation"),              \
      N_("correct"), 1)                                                        \
    R(SOURCE, "source", N_("show the quote in the plan's source text"),        \
      N_("source"), 1)                                                         \
    R(SORT, "sort", N_("sort by the next visible column"), N_("sort"), 2)      \
    R(SORT_REVERSE, "sort-reverse", N_("reverse the sort order"), NULL, 0)     \
    R(COLUMNS, "columns", N_("choose the columns of the list"), NULL, 0)       \
    R(MESSAGE, "message", N_("show the last message in full"), NULL, 0)        \
    R(RELOAD, "reload", N_("reload plans and log"), N_("reload"), 1)           \
    R(REPORT, "report",                                                        \
      N_("write the listed targets as a report (HTML, in this folder)"),      \
      N_("report"), 1)                                                         \
    R(REPAINT, "repaint", N_("repaint the whole screen"), NULL, 0)

#define TUI_REQ_ENUM(name, cname, help, hint, rank) REQ_##name,
enum request { REQ_NONE, TUI_REQUESTS(TUI_REQ_ENUM) REQ_COUNT };
#undef TUI_REQ_ENUM

/* Keys as the viewer sees them: a character is its code point, a function
 * key is FKEY(KEY_…), so the two ranges never meet. */
#define FKEY(k) (0x1000000 + (k))

struct keybinding {
    int key;
    enum request req;
};

/* The bindings in force: the defaults, then the config file's. */
#define KEYMAP_MAX 160
struct keymap {
    struct keybinding b[KEYMAP_MAX];
    size_t n;
};

void keymap_init(struct keymap *km);
/* Bind a key by name ("j", "Ctrl-D", "F1", "Space", "PgDn") to a request
 * by config name ("down"), or unbind it with request "none". Returns 0, or
 * -1 with a message in err. */
int keymap_bind(struct keymap *km, const char *key, const char *request,
                char *err, size_t errlen);

/* The request bound to a key (REQ_NONE when unbound). */
enum request keys_request(const struct keymap *km, int key);
/* A key's name as the help shows it ("Ctrl-D", "j", "F1"). */
void keys_key_name(int key, char *buf, size_t len);
/* Parse a key name; -1 when it is not one. */
int keys_parse(const char *name);
const char *keys_request_name(enum request r);
/* Localised help text and status-bar hint of a request (hint may be
 * NULL). */
const char *keys_help(enum request r);
const char *keys_hint(enum request r);
/* The names of the keys bound to r, joined: "j Down". */
void keys_names(const struct keymap *km, enum request r, char *buf, size_t len);
/* One line per request: "j Down      move down". Returns the count. */
size_t keys_help_lines(const struct keymap *km, char lines[][160], size_t max);

/* One hint of the status bar: a key name and what it does. */
struct hint {
    const char *key, *what;
    int rank; /* the lowest is dropped first */
};
/* Join the hints that fit in `cols` cells, whole, in their order: those
 * of lowest rank are left out first. Returns the cells used. */
int keys_fit_hints(const struct hint *h, size_t n, int cols, char *buf,
                   size_t len);
/* The hints of the main screen for the current keymap. */
size_t keys_main_hints(const struct keymap *km, struct hint *out, size_t max,
                       char names[][24]);

#endif
