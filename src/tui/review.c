/* The review room: one drafted target at a time, its fields above (what
 * the extractor inferred marked "?"), the source text below with the
 * quote highlighted. Keys are one table that the hint line and the help
 * are made from; each key is a request on the review model, which says
 * what went wrong in words. */
#include "plantrack/tui/review.h"

#include <curses.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "plantrack/i18n.h"
#include "plantrack/lineedit.h"
#include "plantrack/text.h"

#define KEY_CTRL(c) ((c)&0x1f)
#define COUNT(a) (sizeof(a) / sizeof *(a))
#define MIN_COLS 40
#define MIN_ROWS 14

enum req {
    RQ_NONE,
    RQ_NEXT,
    RQ_PREV,
    RQ_FIRST,
    RQ_LAST,
    RQ_NEXT_DRAFT,
    RQ_ACCEPT,
    RQ_REJECT,
    RQ_UNDO,
    RQ_EDIT,
    RQ_SENTENCE_NEXT,
    RQ_SENTENCE_PREV,
    RQ_ADD,
    RQ_WRITE,
    RQ_HELP,
    RQ_QUIT,
    RQ_REDRAW,
};

/* The keys: the hint line shows those with `hint`, the help all. */
static const struct {
    int key;
    const char *name;
    enum req req;
    const char *help;
    const char *hint;
} KEYS[] = {
    {'j', "j", RQ_NEXT, N_("next target"), NULL},
    {KEY_DOWN, "Down", RQ_NEXT, N_("next target"), NULL},
    {'k', "k", RQ_PREV, N_("previous target"), NULL},
    {KEY_UP, "Up", RQ_PREV, N_("previous target"), NULL},
    {'g', "g", RQ_FIRST, N_("first target"), NULL},
    {'G', "G", RQ_LAST, N_("last target"), NULL},
    {'n', "n", RQ_NEXT_DRAFT, N_("next target still a draft"), NULL},
    {'a', "a", RQ_ACCEPT, N_("accept the target as it stands"), N_("accept")},
    {'x', "x", RQ_REJECT, N_("reject: not a target of the plan"), N_("reject")},
    {'u', "u", RQ_UNDO, N_("make it a draft again"), NULL},
    {'e', "e", RQ_EDIT, N_("edit a field (then the field's key)"), N_("edit")},
    {']', "]", RQ_SENTENCE_NEXT, N_("next sentence of the source"), NULL},
    {'[', "[", RQ_SENTENCE_PREV, N_("previous sentence of the source"), NULL},
    {'m', "m", RQ_ADD, N_("add the sentence under [ ] as a missed target"),
     N_("add missed")},
    {'w', "w", RQ_WRITE, N_("write the plan file (after plantrack check)"),
     N_("write")},
    {KEY_CTRL('s'), "Ctrl-S", RQ_WRITE, N_("write the plan file"), NULL},
    {'?', "?", RQ_HELP, N_("this help"), N_("help")},
    {'q', "q", RQ_QUIT, N_("quit (asks when not written)"), N_("quit")},
    {KEY_CTRL('l'), "Ctrl-L", RQ_REDRAW, N_("repaint the screen"), NULL},
};

/* After e: the field's key. */
static const struct {
    int key;
    enum review_field field;
} FIELD_KEYS[] = {
    {'i', RF_INDICATOR}, {'y', RF_YEAR},    {'c', RF_COMPARATOR},
    {'v', RF_VALUE},     {'u', RF_UNIT},    {'b', RF_BASELINE},
    {'l', RF_LEAD},      {'s', RF_SUPPORT}, {'f', RF_FIRMNESS},
    {'p', RF_SECTION},   {'t', RF_QUOTE},
};

enum mode { M_BROWSE, M_CHOOSE, M_INPUT, M_HELP, M_QUIT_ASK };

enum { P_MARK = 1, P_QUOTE, P_GOOD, P_BAD, P_TITLE };

struct room {
    struct review *r;
    bool utf8, color;
    size_t sel;
    /* the sentence under the cursor of [ and ], while one is chosen */
    bool browsing;
    size_t cur_from, cur_to;
    enum mode mode;
    enum review_field field;
    struct lineedit le;
    char msg[600];
    bool msg_error;
    bool quit;
};

static volatile sig_atomic_t stop_signal;
static void on_signal(int sig)
{
    stop_signal = sig;
}

static attr_t pair(const struct room *m, int p)
{
    return m->color ? COLOR_PAIR(p) : A_NORMAL;
}

static void say(struct room *m, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void say(struct room *m, bool error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m->msg, sizeof m->msg, fmt, ap);
    va_end(ap);
    m->msg_error = error;
}

/* s at (y, x) in at most cols cells: sanitised, cut at a character. */
static int put_text(const struct room *m, int y, int x, const char *s, int cols,
                    bool pad, attr_t a)
{
    char buf[4096];
    if (cols <= 0)
        return 0;
    int used = text_fit_pad(buf, sizeof buf, s ? s : "", cols, pad, m->utf8);
    attron(a);
    mvaddstr(y, x, buf);
    attroff(a);
    return used;
}

static struct xtarget *current(struct room *m)
{
    return m->sel < m->r->plan.n_targets ? &m->r->plan.targets[m->sel] : NULL;
}

/* ---- drawing ---- */

static const char *state_word(enum xreview s)
{
    return s == XR_ACCEPTED   ? _("accepted")
           : s == XR_REJECTED ? _("rejected")
                              : _("draft");
}

static void draw_header(struct room *m, int cols)
{
    size_t p, a, x;
    review_counts(m->r, &p, &a, &x);
    char buf[512];
    snprintf(buf, sizeof buf,
             _("Review %s: %zu/%zu  accepted %zu  rejected %zu  drafts "
               "%zu%s"),
             m->r->plan.short_name[0] ? m->r->plan.short_name : m->r->plan.id,
             m->sel + 1, m->r->plan.n_targets, a, x, p,
             m->r->changed ? _("  (not written)") : "");
    put_text(m, 0, 0, buf, cols, true, A_REVERSE | A_BOLD);
}

/* "label: value" with "?" after what was inferred; returns the x after. */
static int field(struct room *m, int y, int x, int cols,
                 const struct xtarget *t, enum review_field f)
{
    char val[1024], buf[1200];
    review_field_text(t, f, val, sizeof val);
    bool inferred = review_field_inferred(t, f);
    snprintf(buf, sizeof buf, _("%s: "), review_field_label(f));
    int w = put_text(m, y, x, buf, cols, false, pair(m, P_TITLE));
    w += put_text(m, y, x + w, val[0] ? val : "-", cols - w, false,
                  inferred ? (pair(m, P_MARK) | A_BOLD) : A_NORMAL);
    if (inferred && w < cols)
        w += put_text(m, y, x + w, "?", cols - w, false,
                      pair(m, P_MARK) | A_BOLD);
    return x + w + 2;
}

static int draw_fields(struct room *m, int cols)
{
    const struct xtarget *t = current(m);
    if (!t)
        return 1;
    char buf[600];
    attr_t st = t->review == XR_ACCEPTED   ? pair(m, P_GOOD)
                : t->review == XR_REJECTED ? pair(m, P_BAD)
                                           : pair(m, P_MARK);
    int x = put_text(m, 1, 0, state_word(t->review), cols, false,
                     st | A_BOLD | A_REVERSE);
    char secs[200];
    review_field_text(t, RF_SECTION, secs, sizeof secs);
    snprintf(buf, sizeof buf, " %s  %s  ", t->id, secs);
    x += put_text(m, 1, x, buf, cols - x, false, A_BOLD);
    snprintf(buf, sizeof buf, _("confidence %.2f"), t->confidence);
    put_text(m, 1, x, buf, cols - x, false,
             t->confidence < 0.6 ? (pair(m, P_MARK) | A_BOLD) : A_NORMAL);
    field(m, 2, 0, cols, t, RF_INDICATOR);
    x = field(m, 3, 0, cols, t, RF_YEAR);
    x = field(m, 3, x, cols - x, t, RF_COMPARATOR);
    if (t->cmp != CMP_DONE) {
        x = field(m, 3, x, cols - x, t, RF_VALUE);
        x = field(m, 3, x, cols - x, t, RF_UNIT);
        if (comparator_relative(t->cmp))
            field(m, 3, x, cols - x, t, RF_BASELINE);
    }
    x = field(m, 4, 0, cols, t, RF_LEAD);
    field(m, 4, x, cols - x, t, RF_FIRMNESS);
    field(m, 5, 0, cols, t, RF_SUPPORT);
    snprintf(buf, sizeof buf, _("%s: "), _("note"));
    x = put_text(m, 6, 0, buf, cols, false, pair(m, P_TITLE));
    put_text(m, 6, x, t->note, cols - x, false, A_DIM);
    return 7;
}

/* Draw text[a, b) at (y, x), the parts inside [qa, qb) and [ca, cb)
 * highlighted. */
static void draw_run(struct room *m, int y, int x, const char *s, size_t a,
                     size_t b, size_t qa, size_t qb, size_t ca, size_t cb)
{
    size_t cuts[6] = {a, qa, qb, ca, cb, b};
    size_t i = a;
    while (i < b) {
        size_t next = b;
        for (size_t k = 0; k < 6; k++)
            if (cuts[k] > i && cuts[k] < next)
                next = cuts[k];
        attr_t at = A_NORMAL;
        if (i >= qa && i < qb)
            at |= pair(m, P_QUOTE) | A_REVERSE;
        if (i >= ca && i < cb)
            at |= A_UNDERLINE | A_BOLD;
        char seg[4096];
        size_t n = next - i < sizeof seg - 1 ? next - i : sizeof seg - 1;
        memcpy(seg, s + i, n);
        seg[n] = '\0';
        x += put_text(m, y, x, seg, text_width(seg), false, at);
        i = next;
    }
}

static void draw_source(struct room *m, int top, int rows, int cols)
{
    const struct review *r = m->r;
    char title[200];
    snprintf(title, sizeof title, _("source: sources/%s.txt"), r->plan.id);
    mvhline(top, 0, ACS_HLINE, cols);
    put_text(m, top, 2, title, cols - 4, false, pair(m, P_TITLE) | A_BOLD);
    top++;
    rows--;
    const struct xtarget *t = current(m);
    if (!r->source_len || !t) {
        put_text(m, top, 0, _("(no source text beside the plan)"), cols, false,
                 A_DIM);
        return;
    }
    size_t qa = review_quote_at(r, t), qb = qa;
    if (qa != (size_t)-1)
        qb = qa + strlen(t->quote);
    else
        qa = qb = r->source_len;
    size_t ca = m->browsing ? m->cur_from : r->source_len;
    size_t cb = m->browsing ? m->cur_to : r->source_len;
    size_t focus = m->browsing ? ca : qa;
    if (focus >= r->source_len) {
        put_text(m, top, 0, _("(the quote is not in the source text)"), cols,
                 false, pair(m, P_BAD));
        focus = 0;
    }
    /* from the start of the focus's paragraph, or a few lines before the
     * focus when the paragraph is long */
    const char *s = r->source;
    size_t para = focus;
    while (para > 0 && s[para - 1] != '\n')
        para--;
    size_t starts[512], n = 0, i = para;
    while (i < r->source_len && n < 512) {
        size_t e = i;
        while (e < r->source_len && s[e] != '\n')
            e++;
        while (i < e && n < 512) {
            size_t next;
            size_t len = text_wrap_n(s + i, e - i, cols, &next);
            starts[n++] = i;
            i += next ? next : (len ? len : 1);
        }
        if (n * 2 > (size_t)rows * 4)
            break;
        i = e + 1;
    }
    size_t first = 0;
    for (size_t k = 0; k < n; k++)
        if (starts[k] <= focus)
            first = k;
    first = first >= 2 ? first - 2 : 0;
    if (n > (size_t)rows && first + (size_t)rows > n)
        first = n - (size_t)rows;
    for (int row = 0; row < rows && first + (size_t)row < n; row++) {
        size_t a = starts[first + (size_t)row];
        size_t e = a;
        while (e < r->source_len && s[e] != '\n')
            e++;
        size_t next;
        size_t len = text_wrap_n(s + a, e - a, cols, &next);
        draw_run(m, top + row, 0, s, a, a + len, qa, qb, ca, cb);
    }
}

/* The field keys after e, wrapped over the two bottom lines. */
static void draw_choose(struct room *m, int y, int cols)
{
    char line[2][1024] = {"", ""};
    int row = 0, w;
    snprintf(line[0], sizeof line[0], "%s", _("edit which field?"));
    w = text_width(line[0]);
    for (size_t i = 0; i < COUNT(FIELD_KEYS); i++) {
        char item[128];
        snprintf(item, sizeof item, "  %c %s", FIELD_KEYS[i].key,
                 review_field_label(FIELD_KEYS[i].field));
        int iw = text_width(item);
        if (w + iw > cols && row == 0) {
            row = 1;
            w = 0;
        }
        const char *it = row && !w ? item + 2 : item;
        size_t k = strlen(line[row]);
        snprintf(line[row] + k, sizeof line[row] - k, "%s", it);
        w += text_width(it);
    }
    put_text(m, y, 0, line[0], cols, true, A_REVERSE);
    put_text(m, y + 1, 0, line[1], cols, true, A_REVERSE);
}

static void draw_hints(struct room *m, int y, int cols)
{
    char buf[1024] = "";
    size_t k = 0;
    if (m->mode == M_CHOOSE) {
        draw_choose(m, y, cols);
        return;
    } else if (m->mode == M_INPUT && m->msg_error) {
        /* why the field was refused, above the field being edited */
        put_text(m, y, 0, m->msg, cols, true, pair(m, P_BAD) | A_BOLD);
        return;
    } else if (m->mode == M_INPUT) {
        snprintf(buf, sizeof buf, "%s",
                 _("Enter sets the field, Esc leaves it as it was"));
    } else {
        for (size_t i = 0; i < COUNT(KEYS) && k < sizeof buf; i++)
            if (KEYS[i].hint)
                k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s %s",
                                      k ? "  " : "", KEYS[i].name,
                                      _(KEYS[i].hint));
    }
    put_text(m, y, 0, buf, cols, true, A_REVERSE);
}

static void draw_bottom(struct room *m, int y, int cols)
{
    if (m->mode == M_INPUT) {
        char label[128];
        snprintf(label, sizeof label, _("%s: "), review_field_label(m->field));
        int x = put_text(m, y, 0, label, cols, false, A_BOLD);
        size_t first;
        int cc;
        le_view(&m->le, cols - x - 1, &first, &cc);
        put_text(m, y, x, m->le.buf + first, cols - x, true, A_UNDERLINE);
        move(y, x + cc);
        curs_set(1);
        return;
    }
    curs_set(0);
    put_text(m, y, 0, m->msg, cols, true,
             m->msg_error ? (pair(m, P_BAD) | A_BOLD) : A_NORMAL);
}

static void draw_help(struct room *m, int rows, int cols)
{
    put_text(m, 0, 0, _("Review: keys (any key closes)"), cols, true,
             A_REVERSE | A_BOLD);
    int y = 1;
    for (size_t i = 0; i < COUNT(KEYS) && y < rows - 3; i++) {
        if (i > 0 && KEYS[i].req == KEYS[i - 1].req)
            continue;
        char buf[256];
        snprintf(buf, sizeof buf, "%-7s %s", KEYS[i].name, _(KEYS[i].help));
        put_text(m, y++, 1, buf, cols - 1, false, A_NORMAL);
    }
    if (y < rows - 1)
        put_text(m, y++, 1,
                 _("A field marked ? was inferred by the extractor, not read "
                   "in the text: check it."),
                 cols - 1, false, pair(m, P_MARK));
    if (y < rows - 1)
        put_text(m, y++, 1,
                 _("Targets written as drafts keep the note \"extract:\"; "
                   "accepted ones lose it."),
                 cols - 1, false, A_NORMAL);
}

static void render(struct room *m)
{
    int rows, cols;
    getmaxyx(stdscr, rows, cols);
    erase();
    if (cols < MIN_COLS || rows < MIN_ROWS) {
        char buf[128];
        snprintf(buf, sizeof buf, _("Terminal too small: %dx%d, need %dx%d"),
                 cols, rows, MIN_COLS, MIN_ROWS);
        put_text(m, 0, 0, buf, cols, false, A_BOLD);
        curs_set(0);
        refresh();
        return;
    }
    if (m->mode == M_HELP) {
        draw_help(m, rows, cols);
        curs_set(0);
        refresh();
        return;
    }
    draw_header(m, cols);
    int used = draw_fields(m, cols);
    draw_source(m, used, rows - used - 2, cols);
    draw_hints(m, rows - 2, cols);
    if (m->mode != M_CHOOSE)
        draw_bottom(m, rows - 1, cols);
    refresh();
}

/* ---- requests ---- */

static void select_target(struct room *m, size_t i)
{
    if (i < m->r->plan.n_targets)
        m->sel = i;
    m->browsing = false;
}

static void next_draft(struct room *m)
{
    size_t n = m->r->plan.n_targets;
    for (size_t k = 1; k <= n; k++) {
        size_t i = (m->sel + k) % n;
        if (m->r->plan.targets[i].review == XR_PENDING) {
            select_target(m, i);
            return;
        }
    }
    say(m, false, "%s", _("no drafts left: w writes the plan file"));
}

static void move_sentence(struct room *m, int dir)
{
    const struct review *r = m->r;
    if (!r->source_len)
        return;
    size_t at;
    if (!m->browsing) {
        const struct xtarget *t = current(m);
        at = t ? review_quote_at(r, t) : 0;
        if (at == (size_t)-1)
            at = 0;
        review_sentence_at(r, at, &m->cur_from, &m->cur_to);
        m->browsing = true;
        if (dir == 0)
            return;
    }
    if (dir > 0) {
        at = m->cur_to;
        /* past the punctuation and line break that end it */
        while (at < r->source_len && (r->source[at] == '\n' ||
                                      ((unsigned char)r->source[at] >= 0x80 &&
                                       (memcmp(r->source + at, "。", 3) == 0 ||
                                        memcmp(r->source + at, "；", 3) == 0 ||
                                        memcmp(r->source + at, "！", 3) == 0 ||
                                        memcmp(r->source + at, "？", 3) == 0))))
            at += r->source[at] == '\n' ? 1 : 3;
        if (at >= r->source_len)
            return;
    } else {
        if (m->cur_from == 0)
            return;
        at = m->cur_from - 1;
        while (at > 0 && (r->source[at] == '\n' ||
                          ((unsigned char)r->source[at] & 0xC0) == 0x80 ||
                          memcmp(r->source + at, "。", 3) == 0 ||
                          memcmp(r->source + at, "；", 3) == 0))
            at--;
    }
    review_sentence_at(r, at, &m->cur_from, &m->cur_to);
}

static void begin_edit(struct room *m, enum review_field f)
{
    const struct xtarget *t = current(m);
    if (!t)
        return;
    char val[LINEEDIT_MAX];
    review_field_text(t, f, val, sizeof val);
    le_set(&m->le, val);
    m->field = f;
    m->mode = M_INPUT;
    m->msg[0] = '\0';
    m->msg_error = false;
}

static void save(struct room *m)
{
    char msg[500];
    if (review_save(m->r, msg, sizeof msg) == 0) {
        size_t p, a, x;
        review_counts(m->r, &p, &a, &x);
        if (m->sel >= m->r->plan.n_targets)
            m->sel = m->r->plan.n_targets ? m->r->plan.n_targets - 1 : 0;
        say(m, false,
            _("wrote %s: plantrack check passes; %zu accepted, %zu still "
              "drafts"),
            m->r->path, a, p);
    } else {
        say(m, true, _("not written: %s"), msg);
    }
}

static void request(struct room *m, enum req q)
{
    size_t n = m->r->plan.n_targets;
    if (q != RQ_QUIT && m->mode == M_BROWSE)
        m->msg[0] = '\0';
    switch (q) {
    case RQ_NEXT:
        select_target(m, m->sel + 1 < n ? m->sel + 1 : m->sel);
        break;
    case RQ_PREV:
        select_target(m, m->sel ? m->sel - 1 : 0);
        break;
    case RQ_FIRST:
        select_target(m, 0);
        break;
    case RQ_LAST:
        select_target(m, n ? n - 1 : 0);
        break;
    case RQ_NEXT_DRAFT:
        next_draft(m);
        break;
    case RQ_ACCEPT:
        review_accept(m->r, m->sel);
        next_draft(m);
        break;
    case RQ_REJECT:
        review_reject(m->r, m->sel);
        next_draft(m);
        break;
    case RQ_UNDO:
        review_undo(m->r, m->sel);
        break;
    case RQ_EDIT:
        m->mode = M_CHOOSE;
        break;
    case RQ_SENTENCE_NEXT:
        move_sentence(m, m->browsing ? 1 : 0);
        break;
    case RQ_SENTENCE_PREV:
        move_sentence(m, m->browsing ? -1 : 0);
        break;
    case RQ_ADD: {
        if (!m->browsing) {
            say(m, true, "%s",
                _("choose the sentence first: [ and ] move through the "
                  "source"));
            break;
        }
        char msg[300];
        long i = review_add(m->r, m->cur_from, m->cur_to, msg, sizeof msg);
        if (i < 0) {
            say(m, true, "%s", msg);
        } else {
            select_target(m, (size_t)i);
            say(m, false, "%s",
                _("added as a draft: check its fields (e edits), then a "
                  "accepts"));
        }
        break;
    }
    case RQ_WRITE:
        save(m);
        break;
    case RQ_HELP:
        m->mode = M_HELP;
        break;
    case RQ_QUIT:
        if (m->r->changed && m->mode != M_QUIT_ASK) {
            m->mode = M_QUIT_ASK;
            say(m, true, "%s",
                _("not written: w writes the plan file, q again quits "
                  "without writing"));
        } else {
            m->quit = true;
        }
        break;
    case RQ_REDRAW:
        clearok(curscr, TRUE);
        break;
    case RQ_NONE:
        break;
    }
}

static void key_browse(struct room *m, int key)
{
    for (size_t i = 0; i < COUNT(KEYS); i++)
        if (KEYS[i].key == key) {
            if (m->mode == M_QUIT_ASK && KEYS[i].req != RQ_QUIT)
                m->mode = M_BROWSE;
            request(m, KEYS[i].req);
            return;
        }
    if (m->mode == M_QUIT_ASK)
        m->mode = M_BROWSE;
    say(m, true, "%s", _("unknown key: ? shows the keys"));
}

static void key_choose(struct room *m, int key)
{
    m->mode = M_BROWSE;
    for (size_t i = 0; i < COUNT(FIELD_KEYS); i++)
        if (FIELD_KEYS[i].key == key) {
            begin_edit(m, FIELD_KEYS[i].field);
            return;
        }
    if (key != 27)
        say(m, true, "%s", _("no such field: e, then the key shown"));
}

static void key_input(struct room *m, wint_t ch, int kind)
{
    bool fn = kind == KEY_CODE_YES;
    if (!fn && ch == 27) {
        m->mode = M_BROWSE;
        return;
    }
    if ((!fn && (ch == '\r' || ch == '\n')) || (fn && ch == KEY_ENTER)) {
        char msg[400];
        if (review_set_field(m->r, m->sel, m->field, m->le.buf, msg,
                             sizeof msg) == 0) {
            m->mode = M_BROWSE;
            say(m, false, _("%s set; a accepts the target"),
                review_field_label(m->field));
        } else {
            say(m, true, "%s", msg);
        }
        return;
    }
    if (fn) {
        switch (ch) {
        case KEY_LEFT:
            le_left(&m->le);
            break;
        case KEY_RIGHT:
            le_right(&m->le);
            break;
        case KEY_HOME:
            le_home(&m->le);
            break;
        case KEY_END:
            le_end(&m->le);
            break;
        case KEY_BACKSPACE:
            le_backspace(&m->le);
            break;
        case KEY_DC:
            le_delete(&m->le);
            break;
        default:
            break;
        }
        return;
    }
    if (ch == 127 || ch == KEY_CTRL('h'))
        le_backspace(&m->le);
    else if (ch == KEY_CTRL('a'))
        le_home(&m->le);
    else if (ch == KEY_CTRL('e'))
        le_end(&m->le);
    else if (ch == KEY_CTRL('u'))
        le_kill_to_start(&m->le);
    else if (ch == KEY_CTRL('w'))
        le_kill_word(&m->le);
    else if (ch >= 0x20)
        le_insert(&m->le, (uint32_t)ch);
}

static void no_flow_control(void)
{
    struct termios tio;
    if (tcgetattr(STDIN_FILENO, &tio) == 0) {
        tio.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
        tcsetattr(STDIN_FILENO, TCSANOW, &tio);
    }
}

int tui_review(struct review *r, bool utf8)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fputs(_("plantrack: review needs a terminal\n"), stderr);
        return 1;
    }
    const char *term = getenv("TERM");
    SCREEN *scr = newterm(NULL, stdout, stdin);
    if (!scr) {
        fprintf(stderr,
                _("plantrack: cannot start the viewer: terminal type '%s' is "
                  "unknown here; try TERM=xterm-256color\n"),
                term ? term : "");
        return 2;
    }
    set_term(scr);
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    no_flow_control();
    set_escdelay(40);
    curs_set(0);
    struct room m = {.r = r, .utf8 = utf8};
    const char *no_color = getenv("NO_COLOR");
    m.color = has_colors() && !(no_color && *no_color);
    if (m.color) {
        start_color();
        use_default_colors();
        init_pair(P_MARK, COLOR_YELLOW, -1);
        init_pair(P_QUOTE, COLOR_YELLOW, -1);
        init_pair(P_GOOD, COLOR_GREEN, -1);
        init_pair(P_BAD, COLOR_RED, -1);
        init_pair(P_TITLE, COLOR_CYAN, -1);
    }
    struct sigaction sa = {.sa_handler = on_signal};
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    stop_signal = 0;
    say(&m, false, "%s",
        _("a accepts, x rejects, e edits a field; ? shows every key"));
    if (r->plan.targets[0].review != XR_PENDING)
        next_draft(&m);
    while (!m.quit && !stop_signal) {
        render(&m);
        wint_t ch;
        int kind = get_wch(&ch);
        if (kind == ERR) {
            if (!isatty(STDIN_FILENO))
                break; /* the terminal hung up */
            continue;
        }
        if (kind == KEY_CODE_YES && ch == KEY_RESIZE)
            continue;
        switch (m.mode) {
        case M_HELP:
            m.mode = M_BROWSE;
            break;
        case M_CHOOSE:
            key_choose(&m, (int)ch);
            break;
        case M_INPUT:
            key_input(&m, ch, kind);
            break;
        default:
            key_browse(&m, kind == KEY_CODE_YES ? (int)ch : (int)ch);
            break;
        }
    }
    endwin();
    delscreen(scr);
    return 0;
}
