/* bench/curses_floor.c: the ncurses floor of `make bench` (issue 6): the
 * least a ncursesw program must do to show a list like plantrack's.
 *
 *   curses_floor            a boxed pane and a boxed list filling the
 *                           screen (24 lines at 80x24) of Chinese rows
 *   curses_floor HAYSTACK   the same, listing the lines of HAYSTACK (one per
 *                           target, from bench/gen.py), with search
 *
 * Keys: j moves the highlight, Tab switches the focused pane, Ctrl-L
 * repaints everything, / starts an incremental search (each key scans every
 * line with strstr and moves to the first match), | one that narrows the
 * list to the matching lines (each key scans every line and redraws the
 * list), Backspace takes a character back, Enter/Esc end it, q quits.
 * Draws with wnoutrefresh + doupdate, as plantrack does. */
#include <curses.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static char **lines;
static size_t n_lines;
static WINDOW *side, *list, *bar;
static int focus = 1; /* 0 side, 1 list */
static long sel, top;
static char query[512];
static bool searching, narrowing;
static size_t *shown; /* with narrowing: the lines listed */
static long n_shown;

static void load(const char *path)
{
    FILE *f = fopen(path, "r");
    char buf[4096];
    size_t cap = 0;
    if (!f) {
        perror(path);
        exit(1);
    }
    while (fgets(buf, sizeof buf, f)) {
        buf[strcspn(buf, "\n")] = '\0';
        if (n_lines == cap) {
            cap = cap ? cap * 2 : 1024;
            lines = realloc(lines, cap * sizeof *lines);
            if (!lines)
                exit(1);
        }
        lines[n_lines++] = strdup(buf);
    }
    fclose(f);
}

/* The first field of a haystack line, where the row's text is. */
static void row_text(long i, char *out, size_t len)
{
    if (narrowing)
        i = (long)shown[i];
    if (n_lines) {
        const char *s = lines[i];
        size_t k = strcspn(s, "\x1f");
        snprintf(out, len, "%.*s", (int)k, s);
    } else {
        snprintf(out, len, "第%ld项  单位地区生产总值二氧化碳排放降幅  17.5%%", i + 1);
    }
}

static long count(void)
{
    if (narrowing)
        return n_shown;
    return n_lines ? (long)n_lines : 1000;
}

static void frame(WINDOW *w, const char *title, bool focused)
{
    box(w, 0, 0);
    wattr_on(w, focused ? A_REVERSE | A_BOLD : A_BOLD, NULL);
    mvwaddstr(w, 0, 2, title);
    wattr_off(w, focused ? A_REVERSE | A_BOLD : A_BOLD, NULL);
}

static void draw_side(void)
{
    werase(side);
    frame(side, " 方案 ", focus == 0);
    mvwaddstr(side, 1, 1, "* 全部方案");
    wnoutrefresh(side);
}

static void draw_row(int rows, long i)
{
    int h, w;
    char text[1024];
    getmaxyx(list, h, w);
    (void)h;
    if (i < top || i >= top + rows || i >= count())
        return;
    row_text(i, text, sizeof text);
    wattr_set(list, i == sel ? A_REVERSE : A_NORMAL, 0, NULL);
    wmove(list, 1 + (int)(i - top), 1);
    /* Pad to the inner width so a highlight covers the whole row. */
    waddnstr(list, text, -1);
    int y, x;
    getyx(list, y, x);
    (void)y;
    for (; x < w - 1; x++)
        waddch(list, ' ');
    wattr_set(list, A_NORMAL, 0, NULL);
}

static int list_rows(void)
{
    int h, w;
    getmaxyx(list, h, w);
    (void)w;
    return h - 2;
}

static void draw_list(void)
{
    int rows = list_rows();
    werase(list);
    frame(list, " 目标 ", focus == 1);
    for (long i = top; i < top + rows && i < count(); i++)
        draw_row(rows, i);
    wnoutrefresh(list);
}

static void draw_bar(void)
{
    werase(bar);
    if (searching) {
        mvwaddstr(bar, 0, 0, narrowing ? "|" : "/");
        waddstr(bar, query);
    } else {
        mvwaddstr(bar, 0, 0, "q 退出  j 下移  Tab 切换  / 搜索");
    }
    wnoutrefresh(bar);
}

static void move_to(long to)
{
    int rows = list_rows();
    long old = sel;
    sel = to < 0 ? 0 : to >= count() ? count() - 1 : to;
    if (sel < top || sel >= top + rows) {
        top = sel - rows / 2 < 0 ? 0 : sel - rows / 2;
        draw_list();
        return;
    }
    draw_row(rows, old);
    draw_row(rows, sel);
    wnoutrefresh(list);
}

/* The lines that hold the query, from scratch, and the list redrawn. */
static void narrow(void)
{
    n_shown = 0;
    for (size_t i = 0; i < n_lines; i++)
        if (strstr(lines[i], query))
            shown[n_shown++] = i;
    sel = top = 0;
    draw_list();
}

static void search(long origin)
{
    if (narrowing) {
        narrow();
        return;
    }
    for (size_t k = 0; k < n_lines; k++) {
        size_t i = ((size_t)origin + k) % n_lines;
        if (strstr(lines[i], query)) {
            move_to((long)i);
            return;
        }
    }
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    if (argc > 1) {
        load(argv[1]);
        shown = calloc(n_lines ? n_lines : 1, sizeof *shown);
        if (!shown)
            return 1;
    }
    SCREEN *s = newterm(NULL, stdout, stdin);
    if (!s)
        return 1;
    cbreak();
    noecho();
    set_escdelay(40);
    curs_set(0);
    int H = LINES, W = COLS, left = 24;
    side = newwin(H - 1, left, 0, 0);
    list = newwin(H - 1, W - left, 0, left);
    bar = newwin(1, W, H - 1, 0);
    keypad(bar, TRUE);
    draw_side();
    draw_list();
    draw_bar();
    doupdate();
    long origin = 0;
    for (;;) {
        wint_t ch;
        int rc = wget_wch(bar, &ch);
        if (rc == ERR)
            continue;
        if (searching) {
            if (ch == '\n' || ch == '\r' || ch == 27) {
                searching = false;
            } else if ((rc == KEY_CODE_YES && ch == KEY_BACKSPACE) ||
                       (rc == OK && (ch == 127 || ch == 8))) {
                size_t n = strlen(query);
                while (n > 0 && ((unsigned char)query[--n] & 0xC0) == 0x80)
                    ;
                query[n] = '\0';
                search(origin);
            } else if (rc == OK && ch >= 0x20) {
                char mb[MB_LEN_MAX];
                mbstate_t st;
                memset(&st, 0, sizeof st);
                size_t k = wcrtomb(mb, (wchar_t)ch, &st);
                size_t n = strlen(query);
                if (k != (size_t)-1 && n + k < sizeof query) {
                    memcpy(query + n, mb, k);
                    query[n + k] = '\0';
                }
                search(origin);
            }
            draw_bar();
            doupdate();
            continue;
        }
        if (ch == 'q')
            break;
        if (ch == 'j') {
            move_to(sel + 1);
        } else if (ch == '\t') {
            focus = !focus;
            draw_side();
            frame(list, " 目标 ", focus == 1);
            wnoutrefresh(list);
        } else if (ch == 12) {
            clearok(curscr, TRUE);
            draw_side();
            draw_list();
            draw_bar();
        } else if (ch == '/' || ch == '|') {
            searching = true;
            if (narrowing) { /* the whole list back */
                narrowing = false;
                sel = top = 0;
                draw_list();
            }
            narrowing = ch == '|' && n_lines;
            query[0] = '\0';
            origin = sel;
            draw_bar();
        }
        doupdate();
    }
    endwin();
    delscreen(s);
    return 0;
}
