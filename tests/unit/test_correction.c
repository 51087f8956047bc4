/* Competing corrections: every log picks the same figure, whatever order
 * the rows came in; disagreeing ones are a conflict until a correction
 * names them all. */
#include <stdlib.h>

#include "plantrack/correction.h"
#include "plantrack/log.h"
#include "unit.h"

#define R "00000000-0000-4000-8000-000000000000"
#define C1 "11111111-1111-4111-8111-111111111111"
#define C2 "22222222-2222-4222-8222-222222222222"
#define D "33333333-3333-4333-8333-333333333333"
#define E "44444444-4444-4444-8444-444444444444"

static struct correction_row row(const char *uuid, const char *corrects,
                                 const char *rec, double v)
{
    struct correction_row c = {.has_value = true, .value = v};
    snprintf(c.uuid, sizeof c.uuid, "%s", uuid);
    snprintf(c.corrects, sizeof c.corrects, "%s", corrects);
    snprintf(c.recorded_at, sizeof c.recorded_at, "%s", rec);
    snprintf(c.date, sizeof c.date, "2024-12-31");
    return c;
}

static const struct correction_row *get(const struct correction_row *v,
                                        size_t n, const char *uuid)
{
    return correction_find(v, n, uuid);
}

TEST(two_corrections_of_one_figure_are_a_conflict_the_later_counts)
{
    /* Every order of the same three rows gives the same standing. */
    static const int orders[][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2},
                                    {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
    for (size_t k = 0; k < sizeof orders / sizeof *orders; k++) {
        struct correction_row all[] = {
            row(R, "", "2025-01-01T00:00:00.000Z", 3000),
            row(C1, R, "2025-07-01T09:00:00.000Z", 3100),
            row(C2, R, "2025-07-02T10:00:00.000Z", 3200),
        };
        struct correction_row v[3];
        for (int i = 0; i < 3; i++)
            v[i] = all[orders[k][i]];
        correction_resolve(v, 3);
        CHECK(get(v, 3, R)->corrected && !get(v, 3, R)->conflict);
        CHECK(get(v, 3, C2)->counts && get(v, 3, C2)->conflict);
        CHECK(get(v, 3, C1)->set_aside && get(v, 3, C1)->conflict);
        CHECK(!get(v, 3, C1)->counts);
        CHECK(get(v, 3, C1)->group == get(v, 3, R)->group);
    }
}

TEST(at_the_same_recorded_time_the_greater_id_counts)
{
    struct correction_row v[] = {
        row(R, "", "2025-01-01T00:00:00.000Z", 3000),
        row(C2, R, "2025-07-01T09:00:00.000Z", 3200),
        row(C1, R, "2025-07-01T09:00:00.000Z", 3100),
    };
    correction_resolve(v, 3);
    CHECK(get(v, 3, C2)->counts && get(v, 3, C1)->set_aside);
}

TEST(corrections_that_agree_are_no_conflict)
{
    struct correction_row v[] = {
        row(R, "", "2025-01-01T00:00:00.000Z", 3000),
        row(C1, R, "2025-07-01T09:00:00.000Z", 3100),
        row(C2, R, "2025-07-02T10:00:00.000Z", 3100),
    };
    correction_resolve(v, 3);
    CHECK(!get(v, 3, C1)->conflict && !get(v, 3, C2)->conflict);
    /* Counted once, not twice. */
    CHECK(get(v, 3, C2)->counts && get(v, 3, C1)->set_aside);
}

TEST(a_figure_on_another_date_disagrees)
{
    struct correction_row v[] = {
        row(R, "", "2025-01-01T00:00:00.000Z", 3000),
        row(C1, R, "2025-07-01T09:00:00.000Z", 3100),
        row(C2, R, "2025-07-02T10:00:00.000Z", 3100),
    };
    snprintf(v[1].date, sizeof v[1].date, "2024-12-30");
    correction_resolve(v, 3);
    CHECK(get(v, 3, C1)->conflict && get(v, 3, C2)->conflict);
}

TEST(a_correction_of_a_correction_is_no_conflict)
{
    struct correction_row v[] = {
        row(R, "", "2025-01-01T00:00:00.000Z", 3000),
        row(C1, R, "2025-07-01T09:00:00.000Z", 3100),
        row(D, C1, "2025-07-03T09:00:00.000Z", 3150),
    };
    correction_resolve(v, 3);
    CHECK(get(v, 3, C1)->corrected && get(v, 3, D)->counts);
    CHECK(!get(v, 3, D)->conflict && !get(v, 3, D)->set_aside);
}

TEST(a_correction_naming_both_resolves_the_conflict)
{
    struct correction_row v[] = {
        row(R, "", "2025-01-01T00:00:00.000Z", 3000),
        row(C1, R, "2025-07-01T09:00:00.000Z", 3100),
        row(C2, R, "2025-07-02T10:00:00.000Z", 3200),
        row(D, C2, "2025-07-01T08:00:00.000Z", 3150),
    };
    /* Recorded earlier than both on a laptop with a slow clock: it still
     * replaces them, because it names them. */
    v[3].also = C1;
    correction_resolve(v, 4);
    CHECK(get(v, 4, C1)->corrected && get(v, 4, C2)->corrected);
    CHECK(get(v, 4, D)->counts && !get(v, 4, D)->conflict);
}

TEST(a_correction_made_without_seeing_the_resolution_reopens_it)
{
    struct correction_row v[] = {
        row(R, "", "2025-01-01T00:00:00.000Z", 3000),
        row(C1, R, "2025-07-01T09:00:00.000Z", 3100),
        row(C2, R, "2025-07-02T10:00:00.000Z", 3200),
        row(D, C2, "2025-07-03T08:00:00.000Z", 3150),
        row(E, C1, "2025-07-03T09:00:00.000Z", 3120),
    };
    v[3].also = C1;
    correction_resolve(v, 5);
    CHECK(get(v, 5, E)->counts && get(v, 5, E)->conflict);
    CHECK(get(v, 5, D)->set_aside && get(v, 5, D)->conflict);
}

TEST(a_cycle_from_a_hostile_log_leaves_nothing_counted_and_ends)
{
    struct correction_row v[] = {
        row(C1, C2, "2025-07-01T09:00:00.000Z", 1),
        row(C2, C1, "2025-07-02T10:00:00.000Z", 2),
    };
    correction_resolve(v, 2);
    CHECK(get(v, 2, C1)->corrected && get(v, 2, C2)->corrected);
    CHECK(!get(v, 2, C1)->counts && !get(v, 2, C2)->counts);
}

TEST(how_a_correction_reads_in_a_table)
{
    char buf[128];
    correction_refs(C1, buf, sizeof buf);
    CHECK_STR(buf, "corrects 11111111");
    correction_refs(C1 " " C2, buf, sizeof buf);
    CHECK_STR(buf, "resolves 11111111 22222222");
    correction_refs("", buf, sizeof buf);
    CHECK_STR(buf, "");
    CHECK_STR(correction_label(false, true, true), "conflict: set aside");
    CHECK_STR(correction_label(true, true, false), "corrected");
}

/* ---- the same rule through the log ---- */

static struct obs imported(const char *uuid, const char *corrects,
                           const char *rec, double v)
{
    struct obs o = {.plan = "ordos",
                    .target = "t",
                    .date = "2024-12-31",
                    .has_value = true,
                    .value = v,
                    .state = "",
                    .unit = "",
                    .source = "",
                    .note = "",
                    .author = "wang",
                    .host = "laptop",
                    .corrects = (char *)corrects};
    snprintf(o.uuid, sizeof o.uuid, "%s", uuid);
    snprintf(o.recorded_at, sizeof o.recorded_at, "%s", rec);
    return o;
}

/* These tests are of which figure counts, not of the check: it lets
 * every row in. */
static int let_in(void *ctx, const struct obs *row, const struct obs *corrected,
                  char *why, size_t len)
{
    (void)ctx, (void)row, (void)corrected, (void)why, (void)len;
    return 0;
}

static struct log *log_with(const char *name, const int *order, int n)
{
    struct obs rows[] = {
        imported(R, "", "2025-01-01T00:00:00.000Z", 3000),
        imported(C1, R, "2025-07-01T09:00:00.000Z", 3100),
        imported(C2, R, "2025-07-02T10:00:00.000Z", 3200),
    };
    char path[512];
    struct log *log = NULL;
    struct pt_error err;
    snprintf(path, sizeof path, "%s/%s.db", unit_tmpdir(), name);
    if (log_open(&log, path, LOG_WRITE, &err) < 0)
        return NULL;
    log_set_check(log, let_in, NULL, NULL);
    enum log_fate fate;
    CHECK(log_begin(log, &err) == 0);
    for (int i = 0; i < n; i++) {
        CHECK(log_import_row(log, &rows[order[i]], &fate, &err) == 0);
        CHECK(fate == LOG_FATE_NEW);
    }
    CHECK(log_commit(log, &err) == 0);
    return log;
}

static struct target_obs target_of(struct log *log)
{
    struct log_reader *r;
    struct target_obs to = {0};
    struct pt_error err;
    if (log_reader_open(log, NULL, &r, &err) == 0) {
        int total = 0;
        log_reader_total(r, "ordos", "t", &total, &err);
        log_reader_target(r, "ordos", "t", total, "2000-01-01", &to, &err);
        log_reader_close(r);
    }
    return to;
}

TEST(two_logs_that_received_rows_in_opposite_orders_agree)
{
    static const int ab[] = {0, 1, 2}, ba[] = {0, 2, 1};
    struct log *a = log_with("a", ab, 3), *b = log_with("b", ba, 3);
    CHECK(a && b);
    if (!a || !b)
        return;
    struct target_obs x = target_of(a), y = target_of(b);
    CHECK(x.n == 1 && y.n == 1);
    CHECK(x.latest.value == 3200 && y.latest.value == 3200);
    CHECK(x.first.value == 3200 && y.first.value == 3200);
    CHECK(x.conflict && y.conflict);
    /* The history lists them in the same order, with the same marks. */
    struct obs *h1, *h2;
    size_t n1, n2;
    struct pt_error err;
    CHECK(log_history(a, "ordos", "t", &h1, &n1, &err) == 0);
    CHECK(log_history(b, "ordos", "t", &h2, &n2, &err) == 0);
    CHECK(n1 == 3 && n2 == 3);
    for (size_t i = 0; i < n1 && i < n2; i++) {
        CHECK_STR(h1[i].uuid, h2[i].uuid);
        CHECK(h1[i].superseded == h2[i].superseded);
    }
    CHECK_STR(h1[0].uuid, C2);
    CHECK(!h1[0].superseded && h1[0].conflict);
    CHECK(h1[1].superseded && h1[1].conflict && !h1[1].corrected);
    CHECK(h1[2].corrected);
    obs_list_free(h1, n1);
    obs_list_free(h2, n2);
    struct log_conflict *c;
    size_t nc;
    CHECK(log_conflicts(a, NULL, NULL, &c, &nc, &err) == 0);
    CHECK(nc == 1);
    if (nc == 1) {
        CHECK_STR(c[0].original.uuid, R);
        CHECK(c[0].n == 2);
        CHECK_STR(c[0].figures[0].uuid, C2);
        CHECK_STR(c[0].figures[1].uuid, C1);
    }
    log_conflicts_free(c, nc);
    log_close(a);
    log_close(b);
}

TEST(correcting_a_figure_in_conflict_names_every_competitor)
{
    static const int all[] = {0, 1, 2};
    struct log *log = log_with("c", all, 3);
    struct pt_error err;
    char uuid[37];
    struct obs_input in = {.plan = "ordos",
                           .target = "t",
                           .date = "2024-12-31",
                           .has_value = true,
                           .value = 3150,
                           .corrects = C1};
    CHECK(log_append(log, &in, uuid, &err) == 0);
    struct obs o;
    CHECK(log_get(log, uuid, &o, &err) == 0);
    CHECK_STR(o.corrects, C1 " " C2);
    obs_clear(&o);
    struct target_obs to = target_of(log);
    CHECK(!to.conflict && to.latest.value == 3150 && to.n == 1);
    log_close(log);
}

TEST(a_figure_already_corrected_is_not_corrected_again)
{
    static const int two[] = {0, 1};
    struct log *log = log_with("d", two, 2);
    struct pt_error err;
    struct obs_input in = {.plan = "ordos",
                           .target = "t",
                           .date = "2024-12-31",
                           .has_value = true,
                           .value = 1,
                           .corrects = R};
    CHECK(log_append(log, &in, NULL, &err) < 0);
    CHECK_CONTAINS(err.msg, "already corrected by 11111111");
    log_close(log);
}
