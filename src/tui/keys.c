/* The key table: every binding of the viewer, and the help made from it. */
#include "plantrack/tui/keys.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "plantrack/i18n.h"

static const struct keybinding BINDINGS[] = {
    {'q', "q", REQ_QUIT},
    {'?', "?", REQ_HELP},
    {'\t', "Tab", REQ_NEXT_PANE},
    {FKEY(KEY_BTAB), "Shift-Tab", REQ_PREV_PANE},
    {'j', "j", REQ_DOWN},
    {FKEY(KEY_DOWN), "Down", REQ_DOWN},
    {'k', "k", REQ_UP},
    {FKEY(KEY_UP), "Up", REQ_UP},
    {'g', "g", REQ_FIRST},
    {FKEY(KEY_HOME), "Home", REQ_FIRST},
    {'G', "G", REQ_LAST},
    {FKEY(KEY_END), "End", REQ_LAST},
    {FKEY(KEY_NPAGE), "PgDn", REQ_PAGE_DOWN},
    {FKEY(KEY_PPAGE), "PgUp", REQ_PAGE_UP},
    {'\n', "Enter", REQ_SELECT},
    {'\r', NULL, REQ_SELECT},
    {FKEY(KEY_ENTER), NULL, REQ_SELECT},
    {27, "Esc", REQ_CANCEL},
    {'/', "/", REQ_SEARCH},
    {'n', "n", REQ_SEARCH_NEXT},
    {'N', "N", REQ_SEARCH_PREV},
    {'a', "a", REQ_ADD},
    {'c', "c", REQ_CORRECT},
    {'s', "s", REQ_SOURCE},
    {'r', "r", REQ_RELOAD},
    {'o', "o", REQ_SORT},
    {12, "Ctrl-L", REQ_REPAINT},
};

#define N_BINDINGS (sizeof BINDINGS / sizeof *BINDINGS)

#define TUI_REQ_HELP(name, help, hint) help,
static const char *const HELP[] = {NULL, TUI_REQUESTS(TUI_REQ_HELP)};
#undef TUI_REQ_HELP
#define TUI_REQ_HINT(name, help, hint) hint,
static const char *const HINT[] = {NULL, TUI_REQUESTS(TUI_REQ_HINT)};
#undef TUI_REQ_HINT

enum request keys_request(int key)
{
    for (size_t i = 0; i < N_BINDINGS; i++)
        if (BINDINGS[i].key == key)
            return BINDINGS[i].req;
    return REQ_NONE;
}

const char *keys_help(enum request r)
{
    return HELP[r] ? _(HELP[r]) : "";
}
const char *keys_hint(enum request r)
{
    return HINT[r] ? _(HINT[r]) : NULL;
}

void keys_names(enum request r, char *buf, size_t len)
{
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < N_BINDINGS && n < len; i++)
        if (BINDINGS[i].req == r && BINDINGS[i].name)
            n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? " " : "",
                                  BINDINGS[i].name);
}

size_t keys_help_lines(char lines[][160], size_t max)
{
    size_t n = 0;
    for (int r = REQ_NONE + 1; r < REQ_COUNT && n < max; r++) {
        char names[64];
        keys_names((enum request)r, names, sizeof names);
        snprintf(lines[n++], 160, "%-16s %s", names,
                 keys_help((enum request)r));
    }
    return n;
}

void keys_hints(char *buf, size_t len)
{
    size_t n = 0;
    buf[0] = '\0';
    for (int r = REQ_NONE + 1; r < REQ_COUNT && n < len; r++) {
        const char *hint = keys_hint((enum request)r);
        if (!hint)
            continue;
        /* The first key of the request is the one to show. */
        for (size_t i = 0; i < N_BINDINGS; i++) {
            if (BINDINGS[i].req == (enum request)r && BINDINGS[i].name) {
                n += (size_t)snprintf(buf + n, len - n, "%s%s %s",
                                      n ? "  " : "", BINDINGS[i].name, hint);
                break;
            }
        }
    }
}
