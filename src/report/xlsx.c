/* The report as a workbook (libxlsxwriter) that Excel and WPS open: a
 * summary by agency, a sheet of every selected target with all its status
 * fields, and the summary by plan and the changes when there are any.
 * Numbers are numbers, dates are dates; widths count display cells, so
 * Chinese text fits. Written row by row (constant memory) and with a fixed
 * creation time: the same selection gives the same bytes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

#include "plantrack/i18n.h"
#include "plantrack/report.h"
#include "plantrack/text.h"

enum cell_kind { C_BLANK, C_TEXT, C_NUMBER, C_DATE };

struct cell {
    enum cell_kind kind;
    const char *text;
    double num;
    struct pt_date date;
    lxw_format *format; /* NULL: the column's */
};

/* What the sheets share: the workbook, its formats, and the width each
 * column needs so far. */
struct book {
    lxw_workbook *wb;
    lxw_format *head, *title, *date, *wrap, *bold, *total;
    lxw_format *light[LIGHT_COUNT]; /* a light's cell colour */
    int widths[64];
};

#define MAX_TEXT_WIDTH 60 /* wider text wraps */

static struct cell text(const char *s)
{
    return (struct cell){.kind = s && *s ? C_TEXT : C_BLANK, .text = s};
}

static struct cell number(double v)
{
    return (struct cell){.kind = isfinite(v) ? C_NUMBER : C_BLANK, .num = v};
}

static struct cell date(struct pt_date d, bool has)
{
    return (struct cell){.kind = has ? C_DATE : C_BLANK, .date = d};
}

static void measure(struct book *b, int col, int w)
{
    if (col < 64 && w > b->widths[col])
        b->widths[col] = w > MAX_TEXT_WIDTH ? MAX_TEXT_WIDTH : w;
}

/* The length of s when it is printable ASCII only (ids, codes, dates:
 * most cells), which needs no sanitising and is as wide as it is long;
 * else -1. */
static int printable_ascii(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p >= 0x20 && *p < 0x7f)
        p++;
    return *p ? -1 : (int)(p - (const unsigned char *)s);
}

/* About as many cells as Excel shows a number in (its digits, a sign and
 * a few decimals): a column's width, counted without formatting each of
 * tens of thousands of numbers. */
static int number_width(double v)
{
    int w = v < 0 ? 2 : 1;
    for (double a = fabs(v); a >= 10 && w < 16; a /= 10)
        w++;
    return v == floor(v) ? w : w + 4;
}

/* One cell; text from plans and the log is sanitised first (no control
 * characters reach the sheet's XML). */
static void put(struct book *b, lxw_worksheet *ws, int row, int col,
                const struct cell *c)
{
    switch (c->kind) {
    case C_BLANK:
        if (c->format)
            worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)col,
                                  c->format);
        break;
    case C_TEXT: {
        int w = printable_ascii(c->text);
        char *safe = w < 0 ? text_sanitize(c->text) : NULL;
        if (w < 0 && !safe)
            break;
        if (w < 0)
            w = text_width(safe);
        lxw_format *f = c->format;
        if (w > MAX_TEXT_WIDTH && !f)
            f = b->wrap;
        worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col,
                               safe ? safe : c->text, f);
        measure(b, col, w);
        free(safe);
        break;
    }
    case C_NUMBER:
        worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, c->num,
                               c->format);
        measure(b, col, number_width(c->num));
        break;
    case C_DATE: {
        lxw_datetime dt = {c->date.y, c->date.m, c->date.d, 0, 0, 0};
        worksheet_write_datetime(ws, (lxw_row_t)row, (lxw_col_t)col, &dt,
                                 c->format ? c->format : b->date);
        measure(b, col, 10);
        break;
    }
    }
}

static void put_row(struct book *b, lxw_worksheet *ws, int row,
                    const struct cell *cells, int n)
{
    for (int c = 0; c < n; c++)
        put(b, ws, row, c, &cells[c]);
}

static void header_row(struct book *b, lxw_worksheet *ws, int row,
                       const char *const *names, int n)
{
    for (int c = 0; c < n; c++) {
        struct cell h = text(names[c]);
        h.format = b->head;
        put(b, ws, row, c, &h);
    }
}

/* Widths in Excel's units (about one Latin character; a Chinese one is
 * two), each column as wide as its widest cell. */
static void set_widths(struct book *b, lxw_worksheet *ws, int n)
{
    for (int c = 0; c < n && c < 64; c++) {
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, b->widths[c] + 2.0,
                             NULL);
        b->widths[c] = 0;
    }
}

static void table_sheet_setup(lxw_worksheet *ws, int header_row, int last_row,
                              int n_cols)
{
    worksheet_freeze_panes(ws, (lxw_row_t)(header_row + 1), 0);
    worksheet_autofilter(
        ws, (lxw_row_t)header_row, 0,
        (lxw_row_t)(last_row > header_row ? last_row : header_row),
        (lxw_col_t)(n_cols - 1));
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, (lxw_row_t)header_row, (lxw_row_t)header_row);
}

/* ---- the summaries ---- */

static int counts_header(const struct report *r, const char *first,
                         const char **names, enum status_code *cols)
{
    int n = report_statuses(r, cols);
    names[0] = first;
    names[1] = _("Targets");
    for (int i = 0; i < LIGHT_COUNT; i++)
        names[2 + i] = report_light_word(REPORT_LIGHTS[i]);
    for (int i = 0; i < n; i++)
        names[2 + LIGHT_COUNT + i] = status_label(cols[i]);
    return 2 + LIGHT_COUNT + n;
}

static void counts_cells(struct book *b, const char *label,
                         const struct report_counts *c,
                         const enum status_code *cols, int n, bool total,
                         struct cell *cells)
{
    cells[0] = text(label);
    cells[1] = number(c->total);
    /* The lights as cell colours, where there is any. */
    for (int i = 0; i < LIGHT_COUNT; i++) {
        enum light l = REPORT_LIGHTS[i];
        cells[2 + i] = number(c->light[l]);
        if (c->light[l] && l != LIGHT_NONE)
            cells[2 + i].format = b->light[l];
    }
    for (int i = 0; i < n; i++)
        cells[2 + LIGHT_COUNT + i] = number(c->status[cols[i]]);
    if (total)
        for (int i = 0; i < 2 + LIGHT_COUNT + n; i++)
            if (!cells[i].format)
                cells[i].format = b->total;
}

/* The head of the summary sheet: what the report is of. */
static int meta_rows(struct book *b, lxw_worksheet *ws, const struct report *r)
{
    char sel[512], as_of[11], head[1200];
    report_selection(r, sel, sizeof sel);
    date_format(r->m->as_of, as_of);
    report_head_text(r, head, sizeof head);
    struct cell t = text(_("Target progress report"));
    t.format = b->title;
    put(b, ws, 0, 0, &t);
    b->widths[0] = 0; /* the title may pass over the next columns */
    const char *labels[] = {_("Selection"), _("As of"), _("Log head hash")};
    const char *values[] = {sel, as_of, head};
    for (int i = 0; i < 3; i++) {
        struct cell l = text(labels[i]), v = text(values[i]);
        l.format = b->bold;
        worksheet_write_string(ws, (lxw_row_t)(1 + i), 0, labels[i], l.format);
        char *safe = text_sanitize(v.text);
        worksheet_write_string(ws, (lxw_row_t)(1 + i), 1, safe ? safe : "",
                               NULL);
        free(safe);
    }
    return 5;
}

static void summary_sheet(struct book *b, const struct report *r,
                          const char *name, const struct report_group *g,
                          size_t n_groups, const char *first, bool meta)
{
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
    const char *names[2 + LIGHT_COUNT + ST_COUNT];
    enum status_code cols[ST_COUNT];
    struct cell cells[2 + LIGHT_COUNT + ST_COUNT];
    int n = counts_header(r, first, names, cols);
    int row = meta ? meta_rows(b, ws, r) : 0, head = row;
    header_row(b, ws, row++, names, n);
    for (size_t i = 0; i < n_groups; i++) {
        counts_cells(b, g[i].label, &g[i].counts, cols, n - 2 - LIGHT_COUNT,
                     false, cells);
        put_row(b, ws, row++, cells, n);
    }
    if (n_groups > 1) {
        counts_cells(b, _("Total"), &r->total, cols, n - 2 - LIGHT_COUNT, true,
                     cells);
        put_row(b, ws, row++, cells, n);
    }
    set_widths(b, ws, n);
    table_sheet_setup(ws, head, row - 1, n);
}

/* ---- every target ---- */

static const char *part_word(enum report_part p)
{
    return p == PART_DRAFT      ? _("draft plan")
           : p == PART_DEFERRED ? _("deferred")
                                : _("counted");
}

static const char *yes_no(bool v)
{
    return v ? _("yes") : _("no");
}

/* A number as the engine prints it (the ratio rounded toward its band),
 * read back: the cell shows what status and JSON show. */
static struct cell ratio_cell(const struct report_item *it)
{
    char buf[64];
    status_format_ratio(it->row->t, &it->row->st, buf, sizeof buf);
    return *buf ? number(strtod(buf, NULL)) : text("");
}

/* Every field of a target's status, in the order of TARGET_COLUMNS. */
static int target_cells(struct book *b, const struct report_item *it,
                        const struct report_facts *f, struct cell *c)
{
    const struct target *t = it->row->t;
    const struct status *st = &it->row->st;
    const struct target_summary *s = &it->row->sum;
    const char *sched = st->schedule == SCHEDULE_AHEAD    ? _("ahead")
                        : st->schedule == SCHEDULE_BEHIND ? _("behind")
                                                          : "";
    int i = 0;
    c[i++] = text(f->ref);
    c[i++] = text(*t->plan->short_name ? t->plan->short_name : t->plan->id);
    c[i++] = text(t->indicator);
    c[i++] = number(t->year);
    c[i++] = text(f->statement);
    c[i++] = number(t->has_value ? t->value : NAN);
    c[i++] = text(t->unit);
    c[i++] = number(t->baseline_year ? t->baseline_year : NAN);
    c[i++] = number(t->has_baseline_value ? t->baseline_value : NAN);
    c[i++] = text(target_lead(t)->name);
    c[i++] = text(f->support);
    c[i] = text(report_light_word(it->light));
    c[i++].format = it->light == LIGHT_NONE ? NULL : b->light[it->light];
    c[i++] = text(status_label(st->code));
    c[i++] = text(status_name(st->code));
    c[i++] = text(part_word(it->part));
    c[i++] = !s->has_latest        ? text("")
             : s->latest.has_value ? number(s->latest.value)
                                   : text(f->latest);
    c[i++] = date(s->latest.date, s->has_latest);
    c[i++] = text(it->source);
    c[i++] = text(it->author);
    c[i++] = number(s->n);
    c[i++] = text(yes_no(it->recent));
    c[i++] = number(st->schedule_value);
    c[i++] = number(st->schedule_at_latest);
    c[i++] = text(sched);
    c[i++] = number(st->required_annual_change);
    c[i++] = ratio_cell(it);
    c[i++] = number(st->has_projection ? st->projected : NAN);
    c[i++] = date(st->due, t->cmp != CMP_DONE);
    c[i++] = text(f->why);
    c[i++] = text(yes_no(!t->lead_inferred));
    c[i++] = text(yes_no(!t->year_inferred));
    c[i++] = text(yes_no(t->approximate));
    c[i++] = text(t->firmness == STRIVING ? _("striving") : _("firm"));
    c[i++] = text(f->marks);
    c[i++] = text(t->note);
    c[i++] = text(t->n_sections ? t->sections[0] : "");
    c[i++] = it->has_then ? text(status_label(it->then)) : text("");
    return i;
}

#define N_TARGET_COLS 37

static void targets_sheet(struct book *b, const struct report *r)
{
    const char *names[N_TARGET_COLS] = {
        _("PLAN/TARGET"),
        _("Plan"),
        _("Indicator"),
        _("Year"),
        _("Target"),
        _("Target value"),
        _("Unit"),
        _("Baseline year"),
        _("Baseline value"),
        _("Lead"),
        _("Support"),
        _("Light"),
        _("Status"),
        _("Status code"),
        _("Counted"),
        _("Latest figure"),
        _("Latest date"),
        _("Source"),
        _("Recorded by"),
        _("Observations"),
        _("Recent figure"),
        _("Schedule value (序时进度) as of the date"),
        _("Schedule value at the latest figure"),
        _("Against the schedule"),
        _("Change a year still needed"),
        _("Progress ratio R"),
        _("Projected value"),
        _("Figure due by"),
        _("Why"),
        _("Lead stated"),
        _("Year stated"),
        _("Approximate"),
        _("Firmness"),
        _("Note"),
        _("Plan note"),
        _("Section"),
        _("Status at --since"),
    };
    int n = r->opt.has_since ? N_TARGET_COLS : N_TARGET_COLS - 1;
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, _("Targets"));
    struct cell cells[N_TARGET_COLS];
    header_row(b, ws, 0, names, n);
    for (size_t i = 0; i < r->n_items; i++) {
        struct report_facts f;
        report_item_facts(&r->items[i], &f);
        target_cells(b, &r->items[i], &f, cells);
        put_row(b, ws, (int)i + 1, cells, n);
    }
    set_widths(b, ws, n);
    table_sheet_setup(ws, 0, (int)r->n_items, n);
}

/* ---- changes ---- */

static void changes_sheet(struct book *b, const struct report *r)
{
    const char *names[] = {_("PLAN/TARGET"), _("Indicator"), _("Change"),
                           _("Figure"),      _("Date"),      _("Source"),
                           _("Note"),        _("Recorded"),  _("Recorded by")};
    int n = (int)(sizeof names / sizeof *names);
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, _("Changes"));
    header_row(b, ws, 0, names, n);
    for (size_t i = 0; i < r->n_changes; i++) {
        const struct report_change *c = &r->changes[i];
        const struct report_item *it = &r->items[c->item];
        struct report_facts f;
        struct cell cells[9];
        struct report_record rec;
        char what[160];
        struct pt_date d;
        char derr[80];
        report_item_facts(it, &f);
        cells[0] = text(f.ref);
        cells[1] = text(it->row->t->indicator);
        for (int k = 2; k < n; k++)
            cells[k] = text("");
        if (c->kind == CHANGE_STATUS) {
            snprintf(what, sizeof what, _("status %s → %s"),
                     status_label(c->from), status_label(c->to));
            cells[2] = text(what);
        } else {
            report_change_record(r, c, &rec);
            cells[2] = text(c->kind == CHANGE_CORRECTION ? _("correction")
                                                         : _("new figure"));
            cells[3] = c->ob.has_value ? number(c->ob.value) : text(rec.value);
            cells[4] = date(
                d, text_parse_date(c->ob.date, &d, derr, sizeof derr) == 0);
            cells[5] = text(c->ob.source);
            cells[6] = text(c->ob.note);
            cells[7] = text(rec.when);
            cells[8] = text(c->ob.author);
        }
        put_row(b, ws, (int)i + 1, cells, n);
    }
    set_widths(b, ws, n);
    table_sheet_setup(ws, 0, (int)r->n_changes, n);
}

static void make_formats(struct book *b)
{
    b->head = workbook_add_format(b->wb);
    format_set_bold(b->head);
    format_set_bg_color(b->head, 0xE8ECF2);
    format_set_border(b->head, LXW_BORDER_THIN);
    format_set_text_wrap(b->head);
    b->title = workbook_add_format(b->wb);
    format_set_bold(b->title);
    format_set_font_size(b->title, 16);
    b->date = workbook_add_format(b->wb);
    format_set_num_format(b->date, "yyyy-mm-dd");
    b->wrap = workbook_add_format(b->wb);
    format_set_text_wrap(b->wrap);
    b->bold = workbook_add_format(b->wb);
    format_set_bold(b->bold);
    b->total = workbook_add_format(b->wb);
    format_set_bold(b->total);
    format_set_bg_color(b->total, 0xF3F5F8);
    /* Excel's own Bad / Neutral / Good colours, which officials know. */
    static const struct {
        lxw_color_t fill, font;
    } LIGHT_COLOURS[LIGHT_COUNT] = {[LIGHT_RED] = {0xFFC7CE, 0x9C0006},
                                    [LIGHT_YELLOW] = {0xFFEB9C, 0x9C5700},
                                    [LIGHT_GREEN] = {0xC6EFCE, 0x006100}};
    for (int l = LIGHT_GREEN; l < LIGHT_COUNT; l++) {
        b->light[l] = workbook_add_format(b->wb);
        format_set_bg_color(b->light[l], LIGHT_COLOURS[l].fill);
        format_set_font_color(b->light[l], LIGHT_COLOURS[l].font);
        format_set_bold(b->light[l]);
    }
}

int report_xlsx(const struct report *r, const char *path, struct pt_error *err)
{
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
    struct book b = {0};
    b.wb = workbook_new_opt(path, &opt);
    if (!b.wb)
        return pt_fail(err, PT_EENV, _("cannot write %s"), path);
    /* The as-of date as the creation time: reproducible, and true to
     * what the workbook shows. */
    struct tm tm = {.tm_year = r->m->as_of.y - 1900,
                    .tm_mon = r->m->as_of.m - 1,
                    .tm_mday = r->m->as_of.d};
    lxw_doc_properties props = {.title = _("Target progress report"),
                                .author = "plantrack",
                                .created = timegm(&tm)};
    workbook_set_properties(b.wb, &props);
    make_formats(&b);
    summary_sheet(&b, r, _("Summary"), r->agencies, r->n_agencies,
                  _("Lead agency"), true);
    targets_sheet(&b, r);
    if (r->n_plans > 1)
        summary_sheet(&b, r, _("By plan"), r->plans, r->n_plans, _("Plan"),
                      false);
    if (r->opt.has_since)
        changes_sheet(&b, r);
    lxw_error e = workbook_close(b.wb);
    if (e != LXW_NO_ERROR)
        return pt_fail(err, PT_EENV, _("cannot write %s: %s"), path,
                       lxw_strerror(e));
    return 0;
}
