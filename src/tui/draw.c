/* Drawing primitives: width-safe text, frames, status attributes. */
#include "plantrack/tui/draw.h"

#include <string.h>

#include "plantrack/i18n.h"
#include "plantrack/text.h"

int draw_text(struct tui *t, WINDOW *w, int y, int x, const char *s, int cols,
              bool pad, attr_t attr)
{
    char buf[2048];
    if (cols <= 0)
        return 0;
    int used = text_fit_pad(buf, sizeof buf, s ? s : "", cols, pad, t->utf8);
    wattr_on(w, attr, NULL);
    mvwaddstr(w, y, x, buf);
    wattr_off(w, attr, NULL);
    return used;
}

attr_t pair_attr(const struct tui *t, int pair)
{
    return t->color ? COLOR_PAIR(pair) : A_NORMAL;
}

attr_t status_attr(const struct tui *t, enum status_code c)
{
    switch (c) {
    case ST_MISSED:
    case ST_UNREPORTED:
    case ST_DETERIORATION:
        return pair_attr(t, PAIR_BAD) | A_BOLD;
    case ST_LIMITED:
    case ST_NEEDS_ACCELERATION:
        return pair_attr(t, PAIR_WARN);
    case ST_ON_TRACK:
    case ST_MET_LATE:
    case ST_MET:
    case ST_DONE:
        return pair_attr(t, PAIR_GOOD);
    case ST_IN_PROGRESS:
        return pair_attr(t, PAIR_INFO);
    default:
        return A_NORMAL;
    }
}

attr_t light_attr(const struct tui *t, enum light l)
{
    switch (l) {
    case LIGHT_RED:
        return pair_attr(t, PAIR_BAD) | A_BOLD;
    case LIGHT_YELLOW:
        return pair_attr(t, PAIR_WARN);
    case LIGHT_GREEN:
        return pair_attr(t, PAIR_GOOD);
    default:
        return A_NORMAL;
    }
}

void draw_frame(struct tui *t, WINDOW *w, const char *title, bool focused)
{
    int h, wd;
    getmaxyx(w, h, wd);
    (void)h;
    box(w, 0, 0);
    attr_t a =
        focused ? (A_BOLD | A_REVERSE) : (A_BOLD | pair_attr(t, PAIR_TITLE));
    char padded[512];
    snprintf(padded, sizeof padded, " %s ", title);
    draw_text(t, w, 0, 2, padded, wd - 4, false, a);
}

/* Last in the file: term.h defines macros named like common words. */
#include <term.h>

bool draw_terminal_can_address(void)
{
    const char *cup = tigetstr("cup");
    return cup && cup != (char *)-1 && *cup;
}
