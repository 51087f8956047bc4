/* The key table: every binding of the viewer, the help and the hints made
 * from it, and the key names the config file uses. */
#include "plantrack/tui/keys.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "plantrack/i18n.h"
#include "plantrack/text.h"

#define CTRL(c) ((c)&0x1f)

/* The defaults: vi, less, tig and htop users each find their keys. */
static const struct keybinding DEFAULTS[] = {
    {'q', REQ_QUIT},
    {FKEY(KEY_F(10)), REQ_QUIT},
    {'?', REQ_HELP},
    {FKEY(KEY_F(1)), REQ_HELP},
    {'\t', REQ_NEXT_PANE},
    {FKEY(KEY_BTAB), REQ_PREV_PANE},
    {'h', REQ_PANE_LEFT},
    {FKEY(KEY_LEFT), REQ_PANE_LEFT},
    {'l', REQ_PANE_RIGHT},
    {FKEY(KEY_RIGHT), REQ_PANE_RIGHT},
    {'1', REQ_PANE_1},
    {'2', REQ_PANE_2},
    {'3', REQ_PANE_3},
    {'4', REQ_PANE_4},
    {'5', REQ_PANE_5},
    {'j', REQ_DOWN},
    {FKEY(KEY_DOWN), REQ_DOWN},
    {'k', REQ_UP},
    {FKEY(KEY_UP), REQ_UP},
    {'g', REQ_FIRST},
    {FKEY(KEY_HOME), REQ_FIRST},
    {'G', REQ_LAST},
    {FKEY(KEY_END), REQ_LAST},
    {FKEY(KEY_NPAGE), REQ_PAGE_DOWN},
    {' ', REQ_PAGE_DOWN},
    {CTRL('f'), REQ_PAGE_DOWN},
    {FKEY(KEY_PPAGE), REQ_PAGE_UP},
    {'b', REQ_PAGE_UP},
    {CTRL('b'), REQ_PAGE_UP},
    {CTRL('d'), REQ_HALF_DOWN},
    {CTRL('u'), REQ_HALF_UP},
    {'\n', REQ_SELECT},
    {'\r', REQ_SELECT},
    {FKEY(KEY_ENTER), REQ_SELECT},
    {'x', REQ_TOGGLE},
    {FKEY(KEY_IC), REQ_TOGGLE},
    {27, REQ_CANCEL},
    {'/', REQ_SEARCH},
    {'|', REQ_NARROW},
    {'n', REQ_SEARCH_NEXT},
    {'N', REQ_SEARCH_PREV},
    {'f', REQ_STATUS_FILTER},
    {'X', REQ_CLEAR_FILTERS},
    {'a', REQ_ADD},
    {'c', REQ_CORRECT},
    {'s', REQ_SOURCE},
    {'o', REQ_SORT},
    {'O', REQ_SORT_REVERSE},
    {'C', REQ_COLUMNS},
    {'m', REQ_MESSAGE},
    {'r', REQ_RELOAD},
    {'w', REQ_REPORT},
    {CTRL('l'), REQ_REPAINT},
};

#define TUI_REQ_NAME(name, cname, help, hint, rank) cname,
static const char *const NAME[] = {"none", TUI_REQUESTS(TUI_REQ_NAME)};
#undef TUI_REQ_NAME
#define TUI_REQ_HELP(name, cname, help, hint, rank) help,
static const char *const HELP[] = {NULL, TUI_REQUESTS(TUI_REQ_HELP)};
#undef TUI_REQ_HELP
#define TUI_REQ_HINT(name, cname, help, hint, rank) hint,
static const char *const HINT[] = {NULL, TUI_REQUESTS(TUI_REQ_HINT)};
#undef TUI_REQ_HINT
#define TUI_REQ_RANK(name, cname, help, hint, rank) rank,
static const int RANK[] = {0, TUI_REQUESTS(TUI_REQ_RANK)};
#undef TUI_REQ_RANK

/* Keys with names of their own. */
static const struct {
    int key;
    const char *name;
} NAMED[] = {
    {'\n', "Enter"},
    {'\r', NULL},
    {FKEY(KEY_ENTER), NULL},
    {27, "Esc"},
    {'\t', "Tab"},
    {' ', "Space"},
    {127, "Backspace"},
    {FKEY(KEY_BACKSPACE), "Backspace"},
    {FKEY(KEY_BTAB), "Shift-Tab"},
    {FKEY(KEY_DOWN), "Down"},
    {FKEY(KEY_UP), "Up"},
    {FKEY(KEY_LEFT), "Left"},
    {FKEY(KEY_RIGHT), "Right"},
    {FKEY(KEY_HOME), "Home"},
    {FKEY(KEY_END), "End"},
    {FKEY(KEY_NPAGE), "PgDn"},
    {FKEY(KEY_PPAGE), "PgUp"},
    {FKEY(KEY_IC), "Insert"},
    {FKEY(KEY_DC), "Delete"},
};

void keymap_init(struct keymap *km)
{
    km->n = sizeof DEFAULTS / sizeof *DEFAULTS;
    memcpy(km->b, DEFAULTS, sizeof DEFAULTS);
}

int keys_parse(const char *name)
{
    for (size_t i = 0; i < sizeof NAMED / sizeof *NAMED; i++)
        if (NAMED[i].name && strcasecmp(NAMED[i].name, name) == 0)
            return NAMED[i].key;
    if (strcasecmp(name, "PageDown") == 0)
        return FKEY(KEY_NPAGE);
    if (strcasecmp(name, "PageUp") == 0)
        return FKEY(KEY_PPAGE);
    if ((name[0] == 'F' || name[0] == 'f') && name[1] >= '1' &&
        name[1] <= '9') {
        char *end;
        long n = strtol(name + 1, &end, 10);
        if (!*end && n >= 1 && n <= 12)
            return FKEY(KEY_F((int)n));
    }
    if (strncasecmp(name, "Ctrl-", 5) == 0 && name[5] && !name[6]) {
        char c = name[5];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (c >= '@' && c <= '_')
            return CTRL(c);
        return -1;
    }
    if (name[0] == '^' && name[1] && !name[2] && name[1] >= '@' &&
        name[1] <= 'z')
        return CTRL(name[1] >= 'a' ? name[1] - 'a' + 'A' : name[1]);
    /* One printable character, Chinese included. */
    uint32_t cp;
    size_t n = text_decode(name, strlen(name), &cp);
    if (n && !name[n] && cp > ' ' && cp != 0x7F && cp != 0xFFFD)
        return (int)cp;
    return -1;
}

void keys_key_name(int key, char *buf, size_t len)
{
    for (size_t i = 0; i < sizeof NAMED / sizeof *NAMED; i++)
        if (NAMED[i].key == key) {
            snprintf(buf, len, "%s", NAMED[i].name ? NAMED[i].name : "Enter");
            return;
        }
    if (key >= FKEY(KEY_F(1)) && key <= FKEY(KEY_F(12)))
        snprintf(buf, len, "F%d", key - FKEY(KEY_F(0)));
    else if (key >= 0 && key < 0x20)
        snprintf(buf, len, "Ctrl-%c", key + '@');
    else if (key >= FKEY(0))
        snprintf(buf, len, "<%s>", keyname(key - FKEY(0)));
    else {
        char s[8] = {0};
        uint32_t cp = (uint32_t)key;
        /* UTF-8 of one code point. */
        if (cp < 0x80)
            s[0] = (char)cp;
        else if (cp < 0x800) {
            s[0] = (char)(0xC0 | (cp >> 6));
            s[1] = (char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            s[0] = (char)(0xE0 | (cp >> 12));
            s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
            s[2] = (char)(0x80 | (cp & 0x3F));
        } else {
            s[0] = (char)(0xF0 | (cp >> 18));
            s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
            s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
            s[3] = (char)(0x80 | (cp & 0x3F));
        }
        snprintf(buf, len, "%s", s);
    }
}

const char *keys_request_name(enum request r)
{
    return r < REQ_COUNT ? NAME[r] : "none";
}

static int request_parse(const char *name)
{
    for (int r = 0; r < REQ_COUNT; r++)
        if (strcmp(NAME[r], name) == 0)
            return r;
    return -1;
}

static void unbind(struct keymap *km, int key)
{
    size_t k = 0;
    for (size_t i = 0; i < km->n; i++)
        if (km->b[i].key != key)
            km->b[k++] = km->b[i];
    km->n = k;
}

int keymap_bind(struct keymap *km, const char *key, const char *request,
                char *err, size_t errlen)
{
    int k = keys_parse(key);
    int r = request_parse(request);
    if (k < 0) {
        snprintf(err, errlen,
                 _("unknown key '%s' (a character, Ctrl-X, F1…F12, Enter, "
                   "Esc, Tab, Space, Up, Down, Left, Right, PgUp, PgDn, "
                   "Home, End)"),
                 key);
        return -1;
    }
    if (r < 0) {
        size_t n = (size_t)snprintf(err, errlen, _("unknown action '%s'; "
                                                   "one of:"),
                                    request);
        for (int i = 0; i < REQ_COUNT && n < errlen; i++)
            n += (size_t)snprintf(err + n, errlen - n, " %s", NAME[i]);
        return -1;
    }
    unbind(km, k);
    if (r != REQ_NONE && km->n < KEYMAP_MAX) {
        /* New bindings go first, so the help and hints show them. */
        memmove(km->b + 1, km->b, km->n * sizeof *km->b);
        km->b[0] = (struct keybinding){k, (enum request)r};
        km->n++;
    }
    return 0;
}

enum request keys_request(const struct keymap *km, int key)
{
    for (size_t i = 0; i < km->n; i++)
        if (km->b[i].key == key)
            return km->b[i].req;
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

void keys_names(const struct keymap *km, enum request r, char *buf,
                size_t len)
{
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < km->n && n < len; i++) {
        if (km->b[i].req != r || km->b[i].key == '\r' ||
            km->b[i].key == FKEY(KEY_ENTER))
            continue;
        char name[24];
        keys_key_name(km->b[i].key, name, sizeof name);
        n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? " " : "", name);
    }
}

size_t keys_help_lines(const struct keymap *km, char lines[][160], size_t max)
{
    size_t n = 0;
    for (int r = REQ_NONE + 1; r < REQ_COUNT && n < max; r++) {
        char names[64];
        keys_names(km, (enum request)r, names, sizeof names);
        if (!names[0])
            continue; /* unbound by the config */
        int pad = 16 - text_width(names);
        snprintf(lines[n++], 160, "%s%*s %s", names, pad > 0 ? pad : 0, "",
                 keys_help((enum request)r));
    }
    return n;
}

int keys_fit_hints(const struct hint *h, size_t n, int cols, char *buf,
                   size_t len)
{
    bool keep[64];
    int width = 0;
    if (n > 64)
        n = 64;
    for (size_t i = 0; i < n; i++) {
        keep[i] = true;
        width += (i ? 2 : 0) + text_width(h[i].key) + 1 + text_width(h[i].what);
    }
    /* Leave out the least useful hint until the rest fit. */
    while (width > cols) {
        size_t drop = n;
        for (size_t i = 0; i < n; i++)
            if (keep[i] && (drop == n || h[i].rank < h[drop].rank))
                drop = i;
        if (drop == n)
            break;
        keep[drop] = false;
        width = 0;
        bool first = true;
        for (size_t i = 0; i < n; i++)
            if (keep[i]) {
                width += (first ? 0 : 2) + text_width(h[i].key) + 1 +
                         text_width(h[i].what);
                first = false;
            }
    }
    size_t off = 0;
    buf[0] = '\0';
    bool first = true;
    for (size_t i = 0; i < n && off < len; i++)
        if (keep[i]) {
            off += (size_t)snprintf(buf + off, len - off, "%s%s %s",
                                    first ? "" : "  ", h[i].key, h[i].what);
            first = false;
        }
    return width > cols ? cols : width;
}

size_t keys_main_hints(const struct keymap *km, struct hint *out, size_t max,
                       char names[][24])
{
    size_t n = 0;
    for (int r = REQ_NONE + 1; r < REQ_COUNT && n < max; r++) {
        const char *hint = keys_hint((enum request)r);
        if (!hint)
            continue;
        /* The first key bound to the request is the one to show. */
        for (size_t i = 0; i < km->n; i++)
            if (km->b[i].req == (enum request)r) {
                keys_key_name(km->b[i].key, names[n], 24);
                out[n] = (struct hint){names[n], hint, RANK[r]};
                n++;
                break;
            }
    }
    return n;
}
