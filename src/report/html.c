/* The report as one self-contained HTML file: inline CSS and SVG, no
 * script, nothing fetched. It projects (screen CSS) and prints on A4
 * (print CSS: a page per agency, items never split across pages). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "plantrack/i18n.h"
#include "plantrack/report.h"
#include "plantrack/text.h"

/* Fonts that Chinese desktops and Debian already have: nothing is
 * downloaded, the first one present is used. */
static const char CSS[] =
    ":root{--ink:#1b1f24;--muted:#5b6470;--line:#c9ced6;--soft:#f3f5f8;"
    "--accent:#1f4e8c;--warn:#a4161a;}\n"
    "*{box-sizing:border-box}\n"
    "html{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
    "body{margin:0 auto;max-width:1100px;padding:24px 32px;color:var(--ink);"
    "background:#fff;font:16px/1.55 \"Noto Sans CJK SC\",\"Source Han Sans "
    "SC\",\"WenQuanYi Micro Hei\",\"WenQuanYi Zen Hei\",\"Microsoft "
    "YaHei\",\"PingFang SC\",\"Hiragino Sans GB\",\"SimSun\",\"Songti "
    "SC\",\"Noto Sans\",\"DejaVu Sans\",sans-serif}\n"
    "h1{font-size:1.9em;margin:.2em 0 .4em;letter-spacing:.04em}\n"
    "h2{font-size:1.35em;margin:1.4em 0 .5em;padding-bottom:.2em;"
    "border-bottom:2px solid var(--accent)}\n"
    "h3{font-size:1.08em;margin:0}\n"
    "code{font-family:\"DejaVu Sans Mono\",\"Noto Sans Mono\",Consolas,"
    "monospace;font-size:.86em;color:var(--muted);overflow-wrap:anywhere}\n"
    "table{border-collapse:collapse;width:100%;margin:.4em 0 1em}\n"
    "th,td{border:1px solid var(--line);padding:.25em .45em;"
    "vertical-align:top;text-align:left}\n"
    "th{background:var(--soft);font-weight:600}\n"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;"
    "white-space:nowrap}\n"
    "td.zero{color:#b7bcc4}\n"
    /* Where the counts are short of room (A4, a small projector), a long
     * status name wraps in its header: the agency's name keeps a quarter
     * of the line rather than a word a line. */
    "table.counts th.n{white-space:normal}"
    "table.counts th.lw{white-space:nowrap}"
    "table.counts th:first-child{width:26%}\n"
    "tr.total td{font-weight:700;background:var(--soft)}\n"
    "td.hot{color:var(--warn);font-weight:700}\n"
    ".kicker{color:var(--muted);margin:0;letter-spacing:.08em}\n"
    "dl.meta{display:grid;grid-template-columns:max-content 1fr;"
    "gap:.15em 1em;margin:.6em 0 1em}\n"
    "dl.meta dt{color:var(--muted)}dl.meta dd{margin:0}\n"
    ".tiles{display:flex;flex-wrap:wrap;gap:12px;margin:1em 0}\n"
    ".tile{border:1px solid var(--line);border-radius:6px;padding:.4em .9em;"
    "min-width:9em}\n"
    ".tile b{display:block;font-size:1.9em;line-height:1.2}\n"
    ".tile.hot b{color:var(--warn)}\n"
    ".badge{display:inline-block;border-radius:3px;padding:0 .45em;"
    "font-size:.85em;font-weight:600;border:1px solid var(--line);"
    "background:var(--soft);white-space:nowrap}\n"
    ".l3{--light:#b3261e;--tint:#f9dcd9}.l2{--light:#d9a400;--tint:#fdf1c7}"
    ".l1{--light:#2e7d32;--tint:#dcefdc}.l0{--light:#8a94a3;--tint:#eef0f3}\n"
    ".badge.l3,.badge.l1{color:#fff;background:var(--light);"
    "border-color:var(--light)}\n"
    ".badge.l2{color:#1b1f24;background:#f2c94c;border-color:var(--light)}\n"
    ".dot{display:inline-block;width:.8em;height:.8em;border-radius:50%;"
    "background:var(--light);margin-right:.25em;vertical-align:-.05em}\n"
    "td.lit{background:var(--tint);font-weight:700}"
    "td.lit.l3,td.lit.l1{color:var(--light)}\n"
    ".tile.l3 b,.tile.l2 b,.tile.l1 b{color:var(--light)}\n"
    ".item{border:1px solid var(--line);border-left:5px solid var(--light);"
    "border-radius:4px;padding:.6em .8em;margin:.8em 0;display:grid;"
    "grid-template-columns:1fr 280px;gap:.3em 1em;"
    "break-inside:avoid;page-break-inside:avoid}\n"
    ".item header{grid-column:1/-1;display:flex;flex-wrap:wrap;"
    "align-items:baseline;gap:.2em .6em}\n"
    ".item dl{display:grid;grid-template-columns:max-content 1fr;"
    "gap:.05em .8em;margin:0;font-size:.95em}\n"
    ".item dt{color:var(--muted)}.item dd{margin:0}\n"
    ".mark{color:#7a4b00}\n"
    "ul.records{margin:0;padding-left:1.1em}\n"
    ".chart svg{width:100%;height:auto;display:block}\n"
    "svg .grid{stroke:#e3e6eb;stroke-width:10;fill:none}"
    "svg .frame{fill:none;stroke:#c9ced6;stroke-width:10}"
    "svg text{font-size:90px;fill:#5b6470}svg .ty{text-anchor:end}"
    "svg .tx{text-anchor:middle}"
    "svg .tgt{stroke:#a4161a;stroke-width:12;stroke-dasharray:20 30}"
    "svg text.tgt{fill:#a4161a;stroke:none}"
    "svg .path{stroke:#8a94a3;stroke-width:15;stroke-dasharray:60 30}"
    "svg .obs{fill:none;stroke:#1f4e8c;stroke-width:20}"
    "svg .dot{fill:#1f4e8c}\n"
    ".legend{font-size:.85em;color:var(--muted)}\n"
    ".nofig{border:1px dashed var(--line);color:var(--muted);padding:1em;"
    "text-align:center;font-size:.9em}\n"
    "section.agency{break-before:page;page-break-before:always}\n"
    ".note{color:var(--muted);font-size:.9em}\n"
    "footer{margin-top:2em;border-top:1px solid var(--line);"
    "color:var(--muted);font-size:.85em}\n"
    "@page{size:A4;margin:14mm 12mm 16mm}\n"
    "@media print{body{max-width:none;padding:0;font-size:10pt}"
    "h2{break-after:avoid;page-break-after:avoid}"
    "tr{break-inside:avoid;page-break-inside:avoid}"
    "thead{display:table-header-group}"
    "table.counts{font-size:.9em}"
    "table.counts th.n,table.counts td.n{width:2.4em}"
    ".item{grid-template-columns:1fr 62mm}}\n";

/* Text from plans and the log: control characters and invalid bytes
 * replaced (text_sanitize), then the five characters HTML gives meaning
 * to written as references. */
static void esc(FILE *out, const char *s)
{
    char *safe = text_sanitize(s ? s : "");
    for (const char *p = safe ? safe : ""; *p; p++) {
        switch (*p) {
        case '&':
            fputs("&amp;", out);
            break;
        case '<':
            fputs("&lt;", out);
            break;
        case '>':
            fputs("&gt;", out);
            break;
        case '"':
            fputs("&quot;", out);
            break;
        case '\'':
            fputs("&#39;", out);
            break;
        default:
            fputc(*p, out);
        }
    }
    free(safe);
}

static void date_str(struct pt_date d, char buf[11])
{
    date_format(d, buf);
}

/* ---- the header ---- */

static bool plan_in_report(const struct report *r, const struct plan *p)
{
    for (size_t k = 0; k < r->n_items; k++)
        if (r->items[k].row->t->plan == p)
            return true;
    return false;
}

static void html_plans(FILE *out, const struct report *r)
{
    bool any = false;
    for (size_t i = 0; i < r->m->plans.n; i++) {
        const struct plan *p = r->m->plans.plans[i];
        if (!plan_in_report(r, p))
            continue;
        if (any)
            fputs("<br>", out);
        any = true;
        esc(out, p->title);
        if (*p->document) {
            fputs(i18n_pgettext(NC_("document", " (")), out);
            esc(out, p->document);
            fputs(i18n_pgettext(NC_("document", ")")), out);
        }
        if (p->draft)
            fprintf(out, " <span class=\"badge\">%s</span>",
                    i18n_pgettext(NC_("plan standing", "draft")));
    }
    if (!any)
        fputs("-", out);
}

/* A CSS string: the characters that would end it or the style element
 * escaped (only our own words and a date come here). */
static void css_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const char *p = s; *p; p++) {
        if (*p == '"' || *p == '\\' || *p == '<')
            fprintf(out, "\\%x ", (unsigned char)*p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

/* Printed pages say what they are and where they stand: a page that
 * leaves the meeting alone still names the report and its date. */
static void page_boxes(FILE *out, const char *as_of)
{
    char left[256];
    /* TRANSLATORS: at the foot of each printed page; {page} and {pages}
     * become the numbers. */
    const char *tmpl = _("page {page} of {pages}");
    const char *p = strstr(tmpl, "{page}"), *q = strstr(tmpl, "{pages}");
    snprintf(left, sizeof left, "%s%s%s", _("Target progress report"),
             i18n_pgettext(NC_("selection", " · ")), as_of);
    fputs("@page{@bottom-left{content:", out);
    css_string(out, left);
    fputs(";font-size:8pt;color:#5b6470}", out);
    if (p && q && p < q) {
        char a[128], b[128], c[128];
        snprintf(a, sizeof a, "%.*s", (int)(p - tmpl), tmpl);
        snprintf(b, sizeof b, "%.*s", (int)(q - p - 6), p + 6);
        snprintf(c, sizeof c, "%s", q + 7);
        fputs("@bottom-right{content:", out);
        css_string(out, a);
        fputs(" counter(page) ", out);
        css_string(out, b);
        fputs(" counter(pages) ", out);
        css_string(out, c);
        fputs(";font-size:8pt;color:#5b6470}", out);
    }
    fputs("}\n", out);
}

static void tile(FILE *out, const char *cls, const char *label, const char *fmt,
                 double v)
{
    fprintf(out, "<div class=\"tile %s\"><b>", cls);
    fprintf(out, fmt, v);
    fprintf(out, "</b>%s</div>\n", label);
}

/* A light as a coloured dot and its word. */
static void light_word(FILE *out, enum light l)
{
    fprintf(out, "<span class=\"l%d\"><span class=\"dot\"></span>%s</span>",
            (int)l, report_light_word(l));
}

#define LIGHTS REPORT_LIGHTS

static void html_head(FILE *out, const struct report *r)
{
    char sel[512], as_of[11], since[11];
    report_selection(r, sel, sizeof sel);
    date_str(r->m->as_of, as_of);
    /* TRANSLATORS: the language tag of this translation (BCP 47), for
     * the report's HTML: zh-CN. */
    fprintf(out,
            "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
            "<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, "
            "initial-scale=1\">\n"
            "<meta name=\"generator\" content=\"plantrack %s\">\n"
            "<title>",
            _("en"), VERSION);
    fprintf(out, "%s", _("Target progress report"));
    fputs(i18n_pgettext(NC_("selection", " · ")), out);
    esc(out, sel);
    fprintf(out, "%s%s</title>\n<style>\n%s",
            i18n_pgettext(NC_("selection", " · ")), as_of, CSS);
    page_boxes(out, as_of);
    fputs("</style>\n</head>\n<body>\n", out);
    fprintf(out, "<header>\n<p class=\"kicker\">%s</p>\n<h1>%s</h1>\n",
            _("plantrack · for the supervision meeting"),
            _("Target progress report"));
    fprintf(out, "<dl class=\"meta\">\n<dt>%s</dt><dd>", _("Plans"));
    html_plans(out, r);
    fprintf(out, "</dd>\n<dt>%s</dt><dd>", _("Selection"));
    esc(out, sel);
    fprintf(out, "</dd>\n<dt>%s</dt><dd>%s</dd>\n", _("As of"), as_of);
    if (r->opt.has_since) {
        date_str(r->opt.since, since);
        fprintf(out, "<dt>%s</dt><dd>%s</dd>\n", _("Changes since"), since);
    }
    fprintf(out, "<dt>%s</dt><dd>", _("Log head hash"));
    char head[1200];
    report_head_text(r, head, sizeof head);
    fputs("<code>", out);
    esc(out, head);
    fputs("</code>", out);
    fputs("</dd>\n</dl>\n<div class=\"tiles\">\n", out);
    tile(out, "", _("targets counted"), "%.0f", r->total.total);
    for (int i = 0; i < 3; i++) {
        char cls[8];
        snprintf(cls, sizeof cls, "l%d", (int)LIGHTS[i]);
        tile(out, cls, light_label(LIGHTS[i]), "%.0f",
             r->total.light[LIGHTS[i]]);
    }
    tile(out, "", _("with a recent figure"), "%.0f%%",
         r->total.total ? floor(r->total.recent * 100.0 / r->total.total) : 0);
    if (r->n_deferred + r->n_draft)
        tile(out, "", _("listed apart (deferred, draft)"), "%.0f",
             (double)(r->n_deferred + r->n_draft));
    fputs("</div>\n</header>\n", out);
}

/* ---- the summaries ---- */

static void count_cell(FILE *out, int v, const char *cls)
{
    fprintf(out, "<td class=\"n%s%s\">%d</td>", v == 0 ? " zero" : "",
            v && *cls ? cls : "", v);
}

static void counts_row(FILE *out, const char *label,
                       const struct report_counts *c,
                       const enum status_code *cols, int n, bool total)
{
    fputs(total ? "<tr class=\"total\"><td>" : "<tr><td>", out);
    esc(out, label);
    fputs("</td>", out);
    count_cell(out, c->total, "");
    for (int i = 0; i < LIGHT_COUNT; i++) {
        char cls[16];
        snprintf(cls, sizeof cls, " lit l%d", (int)LIGHTS[i]);
        count_cell(out, c->light[LIGHTS[i]],
                   LIGHTS[i] == LIGHT_NONE ? "" : cls);
    }
    for (int i = 0; i < n; i++)
        count_cell(out, c->status[cols[i]], "");
    fputs("</tr>\n", out);
}

static void html_summary(FILE *out, const struct report *r,
                         const struct report_group *g, size_t n_groups,
                         const char *title, const char *first)
{
    enum status_code cols[ST_COUNT];
    int n = report_statuses(r, cols);
    fprintf(out, "<h2>%s</h2>\n<table class=\"counts\">\n<thead><tr><th>",
            title);
    esc(out, first);
    fprintf(out, "</th><th class=\"n\">%s</th>", _("Targets"));
    for (int i = 0; i < LIGHT_COUNT; i++) {
        fputs("<th class=\"n lw\">", out);
        light_word(out, LIGHTS[i]);
        fputs("</th>", out);
    }
    for (int i = 0; i < n; i++)
        fprintf(out, "<th class=\"n\">%s</th>", status_label(cols[i]));
    fputs("</tr></thead>\n<tbody>\n", out);
    for (size_t i = 0; i < n_groups; i++)
        counts_row(out, g[i].label, &g[i].counts, cols, n, false);
    if (n_groups > 1)
        counts_row(out, _("Total"), &r->total, cols, n, true);
    fputs("</tbody>\n</table>\n", out);
}

/* What each light stands for here: the statuses under it among the
 * targets counted (the engine gives the light; this only counts). */
static void html_light_legend(FILE *out, const struct report *r)
{
    int n[LIGHT_COUNT][ST_COUNT] = {{0}};
    for (size_t i = 0; i < r->n_items; i++)
        if (r->items[i].part == PART_MAIN)
            n[r->items[i].light][r->items[i].row->st.code]++;
    fputs("<p class=\"note\">", out);
    for (int i = 0; i < LIGHT_COUNT; i++) {
        enum light l = LIGHTS[i];
        if (!r->total.light[l])
            continue;
        light_word(out, l);
        fputs(i18n_pgettext(NC_("legend", ": ")), out);
        const char *sep = "";
        for (int c = 0; c < ST_COUNT; c++)
            if (n[l][c]) {
                fprintf(out, "%s%s %d", sep, status_label((enum status_code)c),
                        n[l][c]);
                sep = i18n_pgettext(NC_("status counts", ", "));
            }
        fputs(" &#160; ", out);
    }
    fputs("</p>\n", out);
}

/* ---- the chart: figures against the straight path to the target ---- */

/* The chart's box and its plot area, in tenths of a pixel: coordinates
 * are written as integers (a report can hold thousands of charts). */
#define CW 2800
#define CH 1500
#define PL 460
#define PR 100
#define PT 120
#define PB 240

struct scale {
    double t0, t1, y0, y1;
};

static long sx(const struct scale *s, double t)
{
    return lround(PL + (t - s->t0) / (s->t1 - s->t0) * (CW - PL - PR));
}

static long sy(const struct scale *s, double y)
{
    return lround(CH - PB - (y - s->y0) / (s->y1 - s->y0) * (CH - PT - PB));
}

static void widen(struct scale *s, double t, double y)
{
    if (isfinite(t)) {
        s->t0 = fmin(s->t0, t);
        s->t1 = fmax(s->t1, t);
    }
    if (isfinite(y)) {
        s->y0 = fmin(s->y0, y);
        s->y1 = fmax(s->y1, y);
    }
}

/* A step of 1, 2 or 5 times a power of ten giving about four ticks. */
static double nice_step(double span)
{
    double raw = span / 4, p = pow(10, floor(log10(raw)));
    double m = raw / p;
    return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

/* A label: four significant digits at most. */
static void num(char *buf, size_t len, double v)
{
    double mag = fabs(v) > 0 ? pow(10, floor(log10(fabs(v))) - 3) : 1;
    text_format_number(round(v / mag) * mag, buf, len);
}

static bool chart_scale(const struct report_item *it, struct scale *s)
{
    const struct status *st = &it->row->st;
    const struct target *t = it->row->t;
    *s = (struct scale){INFINITY, -INFINITY, INFINITY, -INFINITY};
    for (size_t i = 0; i < it->n_points; i++)
        widen(s, date_year_fraction(it->points[i].date), it->points[i].value);
    widen(s, st->t0, st->y0);
    widen(s, st->tT, t->has_value ? st->target : NAN);
    if (!isfinite(s->t0) || !isfinite(s->y0) || !it->n_points)
        return false;
    s->t0 = floor(s->t0);
    s->t1 = ceil(s->t1);
    if (s->t1 - s->t0 < 1)
        s->t1 = s->t0 + 1;
    double pad = (s->y1 - s->y0) * 0.1;
    if (pad <= 0)
        pad = fabs(s->y1) > 0 ? fabs(s->y1) * 0.1 : 1;
    s->y0 -= pad;
    s->y1 += pad;
    return true;
}

static void chart_axes(FILE *out, const struct scale *s)
{
    double step = nice_step(s->y1 - s->y0);
    char label[64];
    /* The grid as two paths, then the labels. */
    fputs("<path class=\"grid\" d=\"", out);
    for (double y = ceil(s->y0 / step) * step; y <= s->y1; y += step)
        fprintf(out, "M%d %ldH%d", PL, sy(s, y), CW - PR);
    for (int y = (int)s->t0 + 1; y < (int)s->t1; y++)
        fprintf(out, "M%ld %dV%d", sx(s, y), PT, CH - PB);
    fputs("\"/>\n", out);
    for (double y = ceil(s->y0 / step) * step; y <= s->y1; y += step) {
        num(label, sizeof label, fabs(y) < step / 1e6 ? 0 : y);
        fprintf(out, "<text class=\"ty\" x=\"%d\" y=\"%ld\">%s</text>", PL - 40,
                sy(s, y) + 30, label);
    }
    /* Years as bands: a figure for 2025 stands at the end of its band. */
    double band = (double)(CW - PL - PR) / (s->t1 - s->t0);
    int every = band >= 260 ? 1 : (int)ceil(260 / band);
    for (int y = (int)s->t0; y < (int)s->t1; y += every)
        fprintf(out, "<text class=\"tx\" x=\"%ld\" y=\"%d\">%d</text>",
                sx(s, y + 0.5), CH - PB + 120, y);
    fprintf(out,
            "\n<rect class=\"frame\" x=\"%d\" y=\"%d\" width=\"%d\" "
            "height=\"%d\"/>\n",
            PL, PT, CW - PL - PR, CH - PT - PB);
}

static void chart_lines(FILE *out, const struct report_item *it,
                        const struct scale *s)
{
    const struct status *st = &it->row->st;
    const struct target *t = it->row->t;
    char label[64];
    if (t->has_value) {
        long y = sy(s, st->target);
        num(label, sizeof label, st->target);
        /* The label inside the plot, above the line unless at the top. */
        fprintf(out,
                "<path class=\"tgt\" d=\"M%d %ldH%d\"/><text class=\"tgt\" "
                "x=\"%d\" y=\"%ld\">%s %s</text>\n",
                PL, y, CW - PR, PL + 30, y - PT < 120 ? y + 110 : y - 30,
                _("target"), label);
    }
    if (t->has_value && isfinite(st->y0) && isfinite(st->t0))
        fprintf(out, "<path class=\"path\" d=\"M%ld %ldL%ld %ld\"/>\n",
                sx(s, st->t0), sy(s, st->y0), sx(s, st->tT), sy(s, st->target));
    fputs("<polyline class=\"obs\" points=\"", out);
    for (size_t i = 0; i < it->n_points; i++)
        fprintf(out, "%s%ld,%ld", i ? " " : "",
                sx(s, date_year_fraction(it->points[i].date)),
                sy(s, it->points[i].value));
    fputs("\"/>\n", out);
    /* Dots where they can be told apart, and always on the latest. */
    size_t from = it->n_points <= 24 ? 0 : it->n_points - 1;
    for (size_t i = from; i < it->n_points; i++)
        fprintf(out, "<circle class=\"dot\" cx=\"%ld\" cy=\"%ld\" r=\"26\"/>",
                sx(s, date_year_fraction(it->points[i].date)),
                sy(s, it->points[i].value));
    fputc('\n', out);
}

static void html_chart(FILE *out, const struct report_item *it)
{
    struct scale s;
    fputs("<div class=\"chart\">", out);
    if (!chart_scale(it, &s)) {
        fprintf(out, "<div class=\"nofig\">%s</div></div>\n",
                it->row->t->cmp == CMP_DONE ? _("a deliverable: no chart")
                                            : _("no figure to chart"));
        return;
    }
    fprintf(out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
            "role=\"img\">\n<title>",
            CW, CH);
    esc(out, it->row->t->indicator);
    fputs("</title>\n", out);
    chart_axes(out, &s);
    chart_lines(out, it, &s);
    fputs("</svg></div>\n", out);
}

/* What the lines of the charts are, once per agency. */
static void chart_legend(FILE *out)
{
    fprintf(out,
            "<p class=\"legend\"><span style=\"color:#1f4e8c\">"
            "&#9679;&#8212;&#8212;</span> %s &#160; <span "
            "style=\"color:#8a94a3\">&#8212; &#8212;</span> %s &#160; "
            "<span style=\"color:#a4161a\">&#183;&#183;&#183;&#183;</span> %s"
            "</p>\n",
            i18n_pgettext(NC_("chart", "figures")),
            _("straight path to the target"), _("target"));
}

/* ---- the items ---- */

static void fact(FILE *out, const char *label, const char *value)
{
    fprintf(out, "<dt>%s</dt><dd>", label);
    esc(out, value);
    fputs("</dd>\n", out);
}

/* The status word on its light's colour (the word says it without
 * colour, on a grey printer too). */
static void status_badge(FILE *out, const struct report_item *it)
{
    fprintf(out, "<span class=\"badge l%d\">%s</span>", (int)it->light,
            status_label(it->row->st.code));
}

static void html_item(FILE *out, const struct report_item *it)
{
    struct report_facts f;
    const struct target *t = it->row->t;
    char target[320];
    report_item_facts(it, &f);
    snprintf(target, sizeof target, _("%s by %d"), f.statement, t->year);
    fprintf(out, "<article class=\"item l%d\">\n<header>", (int)it->light);
    status_badge(out, it);
    fputs("<h3>", out);
    esc(out, t->indicator);
    fputs("</h3><code>", out);
    esc(out, f.ref);
    fputs("</code></header>\n<dl>\n", out);
    fact(out, _("Target"), target);
    fprintf(out, "<dt>%s</dt><dd><b>", _("Latest figure"));
    esc(out, f.latest);
    fputs("</b>", out);
    if (*f.date)
        fprintf(out, " (%s)", f.date);
    fputs("</dd>\n", out);
    if (it->source && *it->source)
        fact(out, _("Source"), it->source);
    if (it->author && *it->author)
        fact(out, _("Recorded by"), it->author);
    fact(out, _("Why"), f.why);
    if (*f.schedule)
        fact(out, _("Schedule (序时进度)"), f.schedule);
    fact(out, _("Lead"), target_lead(t)->name);
    if (*f.support)
        fact(out, _("Support"), f.support);
    if (*f.marks) {
        fprintf(out, "<dt>%s</dt><dd class=\"mark\">", _("Note"));
        esc(out, f.marks);
        fputs("</dd>\n", out);
    }
    fputs("</dl>\n", out);
    html_chart(out, it);
    fputs("</article>\n", out);
}

/* The rest of an agency's targets, one row each. */
static void html_others(FILE *out, const struct report *r,
                        const struct report_group *g)
{
    if (g->counts.attention == g->counts.total)
        return;
    fprintf(out,
            "<h3 style=\"margin-top:1em\">%s</h3>\n<table>\n<thead><tr>"
            "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
            "</tr></thead>\n<tbody>\n",
            _("Its other targets"), _("Status"), _("Indicator"), _("Target"),
            _("Latest figure"), _("Date"));
    for (size_t i = 0; i < g->n_items; i++) {
        const struct report_item *it = &r->items[g->items[i]];
        struct report_facts f;
        char target[320];
        if (it->attention)
            continue;
        report_item_facts(it, &f);
        snprintf(target, sizeof target, _("%s by %d"), f.statement,
                 it->row->t->year);
        fputs("<tr><td>", out);
        status_badge(out, it);
        fputs("</td><td>", out);
        esc(out, it->row->t->indicator);
        fputs("<br><code>", out);
        esc(out, f.ref);
        fputs("</code></td><td>", out);
        esc(out, target);
        fputs("</td><td>", out);
        esc(out, f.latest);
        fprintf(out, "</td><td>%s</td></tr>\n", *f.date ? f.date : "-");
    }
    fputs("</tbody>\n</table>\n", out);
}

static void html_agencies(FILE *out, const struct report *r)
{
    for (size_t g = 0; g < r->n_agencies; g++) {
        const struct report_group *grp = &r->agencies[g];
        const struct report_counts *c = &grp->counts;
        fputs("<section class=\"agency\">\n<h2>", out);
        esc(out, grp->label);
        fputs("</h2>\n<p>", out);
        fprintf(out, _("%d target(s), %d need attention"), c->total,
                c->attention);
        const char *sep = i18n_pgettext(NC_("facts", "; "));
        for (int s = 0; s < ST_COUNT; s++)
            if (c->status[s]) {
                fprintf(out, "%s%s %d", sep, status_label((enum status_code)s),
                        c->status[s]);
                sep = i18n_pgettext(NC_("status counts", ", "));
            }
        fputs("</p>\n", out);
        bool charts = false;
        for (size_t i = 0; i < grp->n_items && !charts; i++)
            charts = r->items[grp->items[i]].n_points > 0;
        if (charts)
            chart_legend(out);
        for (size_t i = 0; i < grp->n_items; i++)
            if (r->items[grp->items[i]].attention)
                html_item(out, &r->items[grp->items[i]]);
        html_others(out, r, grp);
        fputs("</section>\n", out);
    }
}

/* ---- changes, coverage, the targets apart ---- */

static void html_record(FILE *out, const struct report *r,
                        const struct report_change *c)
{
    struct report_record rec;
    report_change_record(r, c, &rec);
    fputs("<li>", out);
    if (c->kind == CHANGE_CORRECTION)
        fprintf(out, "%s", _("correction: "));
    fputs("<b>", out);
    esc(out, rec.value);
    fprintf(out, "</b> (%s)", c->ob.date);
    if (*c->ob.source) {
        fputs(i18n_pgettext(NC_("facts", "; ")), out);
        fputs(_("Source: "), out);
        esc(out, c->ob.source);
    }
    if (*c->ob.note) {
        fputs(i18n_pgettext(NC_("facts", "; ")), out);
        fputs(_("Note: "), out);
        esc(out, c->ob.note);
    }
    fprintf(out, "<br><span class=\"note\">");
    fprintf(out, _("recorded %s by "), rec.when);
    esc(out, c->ob.author);
    fputs("</span></li>\n", out);
}

/* One row per target that changed: its status then and now, and the
 * figures recorded since. */
static void html_changes(FILE *out, const struct report *r)
{
    char since[11];
    if (!r->opt.has_since)
        return;
    date_str(r->opt.since, since);
    fputs("<section class=\"changes\">\n<h2>", out);
    fprintf(out, _("Changes since %s"), since);
    fputs("</h2>\n", out);
    if (!r->n_changes) {
        fprintf(out, "<p>%s</p>\n</section>\n", _("Nothing changed."));
        return;
    }
    fprintf(out,
            "<table>\n<thead><tr><th>%s</th><th>%s</th><th>%s</th></tr>"
            "</thead>\n<tbody>\n",
            _("Target"), _("Status"), _("Figures recorded"));
    for (size_t i = 0; i < r->n_changes;) {
        const struct report_item *it = &r->items[r->changes[i].item];
        fputs("<tr><td>", out);
        esc(out, it->row->t->indicator);
        fputs("<br><code>", out);
        esc(out, it->row->t->plan->id);
        fputc('/', out);
        esc(out, it->row->t->id);
        fputs("</code></td><td>", out);
        if (r->changes[i].kind == CHANGE_STATUS) {
            fprintf(out, "%s &#8594; ", status_label(r->changes[i].from));
            status_badge(out, it);
            i++;
        } else {
            status_badge(out, it);
        }
        fputs("</td><td><ul class=\"records\">", out);
        for (; i < r->n_changes && &r->items[r->changes[i].item] == it; i++)
            html_record(out, r, &r->changes[i]);
        fputs("</ul></td></tr>\n", out);
    }
    fputs("</tbody>\n</table>\n</section>\n", out);
}

static void html_coverage(FILE *out, const struct report *r)
{
    char from[11];
    date_str(r->recent_from, from);
    int pct = r->total.total ? r->total.recent * 100 / r->total.total : 0;
    fprintf(out, "<section class=\"coverage\">\n<h2>%s</h2>\n<p>",
            _("Coverage of the figures"));
    fprintf(out,
            _("%d of %d target(s) (%d%%) have a figure dated since %s; %d "
              "have only an older one; %d have none.\n"),
            r->total.recent, r->total.total, pct, from, r->total.stale,
            r->total.none);
    fputs("</p>\n", out);
    bool any = false;
    for (size_t i = 0; i < r->n_items; i++) {
        const struct report_item *it = &r->items[i];
        struct report_facts f;
        if (it->part != PART_MAIN || !it->stale)
            continue;
        if (!any)
            fprintf(out,
                    "<table>\n<thead><tr><th>%s</th><th>%s</th><th>%s</th>"
                    "<th>%s</th></tr></thead>\n<tbody>\n",
                    _("Stale figures"), _("Lead"), _("Latest figure"),
                    _("Date"));
        any = true;
        report_item_facts(it, &f);
        fputs("<tr><td>", out);
        esc(out, it->row->t->indicator);
        fputs("<br><code>", out);
        esc(out, f.ref);
        fputs("</code></td><td>", out);
        esc(out, target_lead(it->row->t)->name);
        fputs("</td><td>", out);
        esc(out, f.latest);
        fprintf(out, "</td><td>%s</td></tr>\n", f.date);
    }
    if (any)
        fputs("</tbody>\n</table>\n", out);
    fputs("</section>\n", out);
}

static void html_apart(FILE *out, const struct report *r)
{
    if (!r->n_deferred && !r->n_draft)
        return;
    fprintf(out,
            "<section class=\"apart agency\">\n<h2>%s</h2>\n"
            "<p class=\"note\">%s</p>\n<table>\n<thead><tr><th>%s</th>"
            "<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n"
            "<tbody>\n",
            _("Deferred targets and draft plans (not counted)"),
            _("Targets that defer to a figure set by a higher level, and the "
              "targets of plans still in draft, are listed here and left out "
              "of the counts above."),
            _("Why apart"), _("Status"), _("Indicator"), _("Lead"),
            _("Latest figure"));
    for (size_t i = 0; i < r->n_items; i++) {
        const struct report_item *it = &r->items[i];
        struct report_facts f;
        if (it->part == PART_MAIN)
            continue;
        report_item_facts(it, &f);
        fprintf(out, "<tr><td>%s</td><td>",
                it->part == PART_DRAFT ? _("draft plan") : _("deferred"));
        status_badge(out, it);
        fputs("</td><td>", out);
        esc(out, it->row->t->indicator);
        fputs("<br><code>", out);
        esc(out, f.ref);
        fputs("</code></td><td>", out);
        esc(out, target_lead(it->row->t)->name);
        fputs("</td><td>", out);
        esc(out, f.latest);
        fprintf(out, "</td></tr>\n");
    }
    fputs("</tbody>\n</table>\n</section>\n", out);
}

static void html_foot(FILE *out, const struct report *r)
{
    (void)r;
    fprintf(out,
            "<footer>\n<p>%s</p>\n<p>plantrack %s</p>\n</footer>\n"
            "</body>\n</html>\n",
            _("Statuses, lights and 序时进度 are those of 'plantrack "
              "status' (the UN SDG Progress Chart method: the pace of change "
              "since the baseline against the pace the deadline needs; see "
              "plantrack(1), STATUS). Each target's line 'Why' gives the "
              "figures behind its status."),
            VERSION);
}

int report_html(const struct report *r, FILE *out, struct pt_error *err)
{
    html_head(out, r);
    fputs("<section class=\"summary\">\n", out);
    if (r->n_agencies)
        html_summary(out, r, r->agencies, r->n_agencies,
                     _("Summary by lead agency"), _("Lead agency"));
    else
        fprintf(out, "<p>%s</p>\n", _("No target matches the selection."));
    if (r->n_plans > 1)
        html_summary(out, r, r->plans, r->n_plans, _("Summary by plan"),
                     _("Plan"));
    if (r->total.total)
        html_light_legend(out, r);
    fputs("</section>\n", out);
    html_changes(out, r);
    html_coverage(out, r);
    html_agencies(out, r);
    html_apart(out, r);
    html_foot(out, r);
    if (ferror(out))
        return pt_fail(err, PT_EENV, _("cannot write the report"));
    return 0;
}
