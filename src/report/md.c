/* The report as Markdown, for pasting into a message or a wiki: the same
 * sections as the HTML report, without the charts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "plantrack/i18n.h"
#include "plantrack/report.h"
#include "plantrack/text.h"

/* Text from plans and the log: control characters and invalid bytes
 * replaced, line breaks made spaces, and the characters Markdown would
 * read as markup (or as a table's cell border) escaped. */
static void md_text(FILE *out, const char *s)
{
    char *safe = text_sanitize(s ? s : "");
    for (const char *p = safe ? safe : ""; *p; p++) {
        if (strchr("\\`*_[]<>|~", *p))
            fputc('\\', out);
        fputc(*p, out);
    }
    free(safe);
}

/* "`PLAN/TARGET` indicator" */
static void md_target(FILE *out, const struct report_item *it)
{
    fputs("`", out);
    md_text(out, it->row->t->plan->id);
    fputc('/', out);
    md_text(out, it->row->t->id);
    fputs("` ", out);
    md_text(out, it->row->t->indicator);
}

static void md_counts_header(FILE *out, const char *first,
                             const enum status_code *cols, int n)
{
    fputs("| ", out);
    md_text(out, first);
    fprintf(out, " | %s |", _("Targets"));
    for (int i = 0; i < LIGHT_COUNT; i++)
        fprintf(out, " %s |", report_light_word(REPORT_LIGHTS[i]));
    for (int i = 0; i < n; i++)
        fprintf(out, " %s |", status_label(cols[i]));
    fputs("\n|---|--:|--:|--:|--:|--:|", out);
    for (int i = 0; i < n; i++)
        fputs("--:|", out);
    fputc('\n', out);
}

static void md_counts_row(FILE *out, const char *label,
                          const struct report_counts *c,
                          const enum status_code *cols, int n, bool bold)
{
    fputs(bold ? "| **" : "| ", out);
    md_text(out, label);
    fprintf(out, bold ? "** | **%d** |" : " | %d |", c->total);
    for (int i = 0; i < LIGHT_COUNT; i++)
        fprintf(out, bold ? " **%d** |" : " %d |", c->light[REPORT_LIGHTS[i]]);
    for (int i = 0; i < n; i++)
        fprintf(out, " %d |", c->status[cols[i]]);
    fputc('\n', out);
}

static void md_summary(FILE *out, const struct report *r,
                       const struct report_group *g, size_t n_groups,
                       const char *title, const char *first)
{
    enum status_code cols[ST_COUNT];
    int n = report_statuses(r, cols);
    fprintf(out, "\n## %s\n\n", title);
    md_counts_header(out, first, cols, n);
    for (size_t i = 0; i < n_groups; i++)
        md_counts_row(out, g[i].label, &g[i].counts, cols, n, false);
    if (n_groups > 1)
        md_counts_row(out, _("Total"), &r->total, cols, n, true);
}

static void md_header(FILE *out, const struct report *r)
{
    char sel[512], as_of[11];
    report_selection(r, sel, sizeof sel);
    date_format(r->m->as_of, as_of);
    fprintf(out, "# %s\n\n", _("Target progress report"));
    for (size_t i = 0; i < r->m->plans.n; i++) {
        const struct plan *p = r->m->plans.plans[i];
        bool used = false;
        for (size_t k = 0; k < r->n_items && !used; k++)
            used = r->items[k].row->t->plan == p;
        if (!used)
            continue;
        fputs("- ", out);
        md_text(out, p->title);
        if (*p->document) {
            fputs(i18n_pgettext(NC_("document", " (")), out);
            md_text(out, p->document);
            fputs(i18n_pgettext(NC_("document", ")")), out);
        }
        if (p->draft)
            fprintf(out, " **%s**",
                    i18n_pgettext(NC_("plan standing", "draft")));
        fputc('\n', out);
    }
    fprintf(out, "\n%s", _("Selection: "));
    md_text(out, sel);
    fprintf(out, "  \n%s%s  \n", _("As of: "), as_of);
    char head[1200];
    report_head_text(r, head, sizeof head);
    fprintf(out, "%s", _("Log head hash: "));
    md_text(out, head);
    fputc('\n', out);
    fprintf(out, "\n");
    fprintf(out,
            _("**%d** target(s) counted, **%d** need attention; %zu "
              "deferred and %zu of draft plans listed apart.\n"),
            r->total.total, r->total.attention, r->n_deferred, r->n_draft);
}

static void md_item(FILE *out, const struct report_item *it)
{
    struct report_facts f;
    const struct target *t = it->row->t;
    report_item_facts(it, &f);
    fputs("- **", out);
    md_text(out, t->indicator);
    fputs("** `", out);
    md_text(out, f.ref);
    fputs("` — ", out);
    fprintf(out, _("%s (%s)"), status_label(it->row->st.code),
            report_light_word(it->light));
    char target[320];
    snprintf(target, sizeof target, _("%s by %d"), f.statement, t->year);
    fprintf(out, "  \n  %s", _("Target: "));
    md_text(out, target);
    fprintf(out, "%s", i18n_pgettext(NC_("facts", "; ")));
    fprintf(out, "%s", _("Latest: "));
    md_text(out, f.latest);
    if (*f.date)
        fprintf(out, " (%s)", f.date);
    if (it->source && *it->source) {
        fprintf(out, "%s%s", i18n_pgettext(NC_("facts", "; ")), _("Source: "));
        md_text(out, it->source);
    }
    fprintf(out, "  \n  %s", _("Why: "));
    md_text(out, f.why);
    if (*f.schedule) {
        fprintf(out, "  \n  %s", _("Schedule: "));
        md_text(out, f.schedule);
    }
    fprintf(out, "  \n  %s", _("Lead: "));
    md_text(out, target_lead(t)->name);
    if (*f.support) {
        fprintf(out, "%s%s", i18n_pgettext(NC_("facts", "; ")), _("Support: "));
        md_text(out, f.support);
    }
    if (*f.marks) {
        fprintf(out, "  \n  %s", _("Note: "));
        md_text(out, f.marks);
    }
    fputc('\n', out);
}

static void md_agencies(FILE *out, const struct report *r)
{
    fprintf(out, "\n## %s\n", _("Targets that need attention, by agency"));
    if (!r->n_attention) {
        fprintf(out, "\n%s\n", _("No target needs attention."));
        return;
    }
    for (size_t g = 0; g < r->n_agencies; g++) {
        const struct report_group *grp = &r->agencies[g];
        if (!grp->counts.attention)
            continue;
        fputs("\n### ", out);
        md_text(out, grp->label);
        fprintf(out, "\n\n");
        for (size_t i = 0; i < grp->n_items; i++)
            if (r->items[grp->items[i]].attention)
                md_item(out, &r->items[grp->items[i]]);
    }
}

static void md_coverage(FILE *out, const struct report *r)
{
    char from[11];
    date_format(r->recent_from, from);
    fprintf(out, "\n## %s\n\n", _("Coverage of the figures"));
    int pct = r->total.total ? r->total.recent * 100 / r->total.total : 0;
    fprintf(out,
            _("%d of %d target(s) (%d%%) have a figure dated since %s; %d "
              "have only an older one; %d have none.\n"),
            r->total.recent, r->total.total, pct, from, r->total.stale,
            r->total.none);
    bool any = false;
    for (size_t i = 0; i < r->n_items; i++) {
        const struct report_item *it = &r->items[i];
        if (it->part != PART_MAIN || !it->stale)
            continue;
        if (!any)
            fprintf(out, "\n%s\n\n", _("Stale figures:"));
        any = true;
        struct report_facts f;
        report_item_facts(it, &f);
        fputs("- ", out);
        md_target(out, it);
        fprintf(out, ": ");
        md_text(out, f.latest);
        fprintf(out, " (%s)\n", f.date);
    }
}

static void md_record(FILE *out, const struct report *r,
                      const struct report_change *c)
{
    struct report_record rec;
    report_change_record(r, c, &rec);
    fputs("  \n  ", out);
    if (c->kind == CHANGE_CORRECTION)
        fputs(_("correction: "), out);
    md_text(out, rec.value);
    fprintf(out, " (%s)", c->ob.date);
    if (*c->ob.source) {
        fprintf(out, "%s%s", i18n_pgettext(NC_("facts", "; ")), _("Source: "));
        md_text(out, c->ob.source);
    }
    if (*c->ob.note) {
        fprintf(out, "%s%s", i18n_pgettext(NC_("facts", "; ")), _("Note: "));
        md_text(out, c->ob.note);
    }
    fprintf(out, "%s", i18n_pgettext(NC_("facts", "; ")));
    fprintf(out, _("recorded %s by "), rec.when);
    md_text(out, c->ob.author);
}

static void md_changes(FILE *out, const struct report *r)
{
    char since[11];
    if (!r->opt.has_since)
        return;
    date_format(r->opt.since, since);
    fprintf(out, "\n## ");
    fprintf(out, _("Changes since %s"), since);
    fprintf(out, "\n\n");
    if (!r->n_changes)
        fprintf(out, "%s\n", _("Nothing changed."));
    for (size_t i = 0; i < r->n_changes;) {
        const struct report_item *it = &r->items[r->changes[i].item];
        fputs("- ", out);
        md_target(out, it);
        fputs(": ", out);
        if (r->changes[i].kind == CHANGE_STATUS) {
            fprintf(out, "%s → ", status_label(r->changes[i].from));
            i++;
        }
        fprintf(out, "**%s**", status_label(it->row->st.code));
        for (; i < r->n_changes && &r->items[r->changes[i].item] == it; i++)
            md_record(out, r, &r->changes[i]);
        fputc('\n', out);
    }
}

static void md_apart(FILE *out, const struct report *r)
{
    if (!r->n_deferred && !r->n_draft)
        return;
    fprintf(out, "\n## %s\n\n%s\n\n",
            _("Deferred targets and draft plans (not counted)"),
            _("Targets that defer to a figure set by a higher level, and the "
              "targets of plans still in draft, are listed here and left out "
              "of the counts above."));
    fprintf(out, "| %s | %s | %s | %s |\n|---|---|---|---|\n", _("Target"),
            _("Status"), _("Latest"), _("Why apart"));
    for (size_t i = 0; i < r->n_items; i++) {
        const struct report_item *it = &r->items[i];
        if (it->part == PART_MAIN)
            continue;
        struct report_facts f;
        report_item_facts(it, &f);
        fputs("| ", out);
        md_target(out, it);
        fprintf(out, " | %s | ", status_label(it->row->st.code));
        md_text(out, f.latest);
        fprintf(out, " | %s |\n",
                it->part == PART_DRAFT ? _("draft plan") : _("deferred"));
    }
}

int report_md(const struct report *r, FILE *out, struct pt_error *err)
{
    md_header(out, r);
    if (r->n_agencies)
        md_summary(out, r, r->agencies, r->n_agencies,
                   _("Summary by lead agency"), _("Lead agency"));
    if (r->n_plans > 1)
        md_summary(out, r, r->plans, r->n_plans, _("Summary by plan"),
                   _("Plan"));
    md_agencies(out, r);
    md_changes(out, r);
    md_coverage(out, r);
    md_apart(out, r);
    if (ferror(out))
        return pt_fail(err, PT_EENV, _("cannot write the report"));
    return 0;
}
