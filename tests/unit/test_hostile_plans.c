/* Hostile plan files: whatever a file holds, loading it ends, with bounded
 * memory and a file:line:column message, and the other plans load. Each
 * case here once hung or grew without bound; the limits that stop them are
 * what is asserted. How fast they stop is the benchmark's business. */
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plantrack/plan.h"
#include "plantrack/ydoc.h"
#include "unit.h"

static const char GOOD[] = "id: good\n"
                           "title: 好方案\n"
                           "issuer: 某市人民政府\n"
                           "issued: 2024-09-29\n"
                           "period: 2024-2026\n"
                           "agencies:\n"
                           "  - id: eco\n"
                           "    name: 市生态环境局\n"
                           "targets:\n"
                           "  - id: pm25-2025\n"
                           "    section: 一\n"
                           "    domain: environment\n"
                           "    indicator: PM2.5年均浓度\n"
                           "    year: 2025\n"
                           "    comparator: \"<=\"\n"
                           "    value: 22\n"
                           "    unit: 微克/立方米\n"
                           "    lead: eco\n"
                           "    quote: 控制在22微克/立方米以内\n";

/* Valgrind (which preloads its vgpreload libraries) and the sanitizers run
 * the same code many times slower. */
static unsigned slowdown(void)
{
    const char *pre = getenv("LD_PRELOAD");
    if (pre && strstr(pre, "vgpreload"))
        return 40;
#if defined(__SANITIZE_ADDRESS__)
    return 4;
#else
    return 1;
#endif
}

/* A case that hangs is killed by the alarm rather than hanging the suite:
 * a hang catcher, not a time limit. */
static void guard(unsigned seconds)
{
    signal(SIGALRM, SIG_DFL);
    alarm(seconds * slowdown());
}

/* Parse text; the diagnostics joined (caller frees). */
static char *parse(const char *text, size_t len)
{
    struct plan_diags d = {0};
    struct plan *p = plan_parse(text, len, "plans/x.yaml", NULL, &d);
    size_t total = 1;
    for (size_t i = 0; i < d.n; i++)
        total += strlen(d.lines[i]) + 1;
    char *all = calloc(1, total);
    for (size_t i = 0; i < d.n; i++) {
        strcat(all, d.lines[i]);
        strcat(all, "\n");
    }
    CHECK(p == NULL);
    plan_free(p);
    plan_diags_free(&d);
    return all;
}

/* A growing text buffer. */
struct buf {
    char *s;
    size_t n, cap;
};

static void put(struct buf *b, const char *s)
{
    size_t k = strlen(s);
    if (b->n + k + 1 > b->cap) {
        b->cap = (b->n + k + 1) * 2;
        b->s = realloc(b->s, b->cap);
    }
    memcpy(b->s + b->n, s, k + 1);
    b->n += k;
}

TEST(a_fifo_named_like_a_plan_is_refused_without_waiting_for_a_writer)
{
    const char *dir = unit_tmpdir();
    unit_write(dir, "a-good.yaml", GOOD);
    char fifo[512];
    snprintf(fifo, sizeof fifo, "%s/b-fifo.yaml", dir);
    CHECK(mkfifo(fifo, 0600) == 0);
    struct plan_set set = {0};
    struct pt_error err;
    guard(10);
    CHECK(plan_set_load_dir(&set, dir, &err) == 0);
    alarm(0);
    CHECK(set.n == 1 && set.n_files_failed == 1);
    CHECK(set.diags.n == 1);
    if (set.diags.n == 1)
        CHECK_CONTAINS(set.diags.lines[0], "b-fifo.yaml:1:1: not a regular "
                                           "file");
    plan_set_free(&set);
}

TEST(a_fifo_as_the_source_text_does_not_block_the_quote_check)
{
    const char *dir = unit_tmpdir();
    const char *path = unit_write(dir, "good.yaml", GOOD);
    char plan_path[512], fifo[512];
    snprintf(plan_path, sizeof plan_path, "%s", path);
    snprintf(fifo, sizeof fifo, "%s/sources", dir);
    mkdir(fifo, 0700);
    snprintf(fifo, sizeof fifo, "%s/sources/good.txt", dir);
    CHECK(mkfifo(fifo, 0600) == 0);
    struct plan_diags d = {0};
    guard(10);
    struct plan *p = plan_load(plan_path, &d);
    alarm(0);
    CHECK(p != NULL); /* no source text to check against: loads */
    plan_free(p);
    plan_diags_free(&d);
}

TEST(a_list_of_a_million_items_is_refused_by_its_node_count)
{
    /* 2 bytes a node: a 4 MB file would be two million nodes, some 250 MB
     * in memory. */
    struct buf b = {0};
    put(&b, "id: x\nsection: [");
    for (int i = 0; i < 1000000; i++)
        put(&b, "1,");
    put(&b, "1]\n");
    char *d = parse(b.s, b.n);
    CHECK_CONTAINS(d, "plans/x.yaml:2:");
    CHECK_CONTAINS(d, "too many YAML nodes");
    free(d);
    free(b.s);
}

TEST(a_plan_with_thousands_of_agencies_is_refused_by_a_limit)
{
    /* Each agency is checked against every other, each alias against every
     * other agency's: a limit keeps that instant. */
    struct buf b = {0};
    char line[128];
    put(&b, "agencies:\n");
    for (int i = 0; i < 2000; i++) {
        snprintf(line, sizeof line,
                 "  - {id: a%d, name: 局%d, aliases: [x%d]}\n", i, i, i);
        put(&b, line);
    }
    guard(20);
    char *d = parse(b.s, b.n);
    alarm(0);
    CHECK_CONTAINS(d, "plans/x.yaml:");
    CHECK_CONTAINS(d, "too many agencies");
    free(d);
    free(b.s);
}

TEST(a_plan_with_thousands_of_targets_is_refused_by_a_limit)
{
    struct buf b = {0};
    char line[128];
    put(&b, "targets:\n");
    for (int i = 0; i < 5000; i++) {
        snprintf(line, sizeof line, "  - {id: t%d, lead: nobody}\n", i);
        put(&b, line);
    }
    guard(20);
    char *d = parse(b.s, b.n);
    alarm(0);
    CHECK_CONTAINS(d, "too many targets");
    free(d);
    free(b.s);
}

TEST(a_plan_with_as_many_targets_as_allowed_loads_whole)
{
    /* The node limit must not refuse, with a message about YAML nodes, a
     * plan the target limit accepts: 2,000 targets written out in full,
     * with supporting agencies and a baseline, as an official writes them. */
    struct buf b = {0};
    char line[512];
    put(&b,
        "id: big\ntitle: 大方案\nissuer: 某市人民政府\n"
        "issued: 2024-09-29\nperiod: 2024-2030\nagencies:\n"
        "  - {id: eco, name: 市生态环境局, aliases: [生态环境局]}\n"
        "  - {id: ndrc, name: 市发展和改革委员会, aliases: [市发展改革委]}\n"
        "  - {id: nea, name: 市能源局}\ntargets:\n");
    for (int i = 0; i < 2000; i++) {
        snprintf(
            line, sizeof line,
            "  - id: t%d\n    note: 第%d项\n    section: [一(二), 二(%d)]\n"
            "    domain: environment\n    indicator: 指标%d的年均浓度\n"
            "    year: 2025\n    comparator: reduce-by\n    value: 10\n"
            "    unit: \"%%\"\n    baseline: {year: 2020, value: 30}\n"
            "    firmness: striving\n    lead: eco\n"
            "    support: [ndrc, nea]\n    quote: 下降10%%\n",
            i, i, i, i);
        put(&b, line);
    }
    struct plan_diags d = {0};
    struct plan *p = plan_parse(b.s, b.n, "plans/big.yaml", NULL, &d);
    CHECK(d.n == 0);
    if (d.n)
        printf("# %s\n", d.lines[0]);
    CHECK(p != NULL);
    if (p)
        CHECK(p->n_targets == 2000);
    plan_free(p);
    plan_diags_free(&d);
    free(b.s);
}

TEST(an_agency_with_thousands_of_aliases_is_refused_by_a_limit)
{
    struct buf b = {0};
    char line[64];
    put(&b, "agencies:\n");
    for (int a = 0; a < 2; a++) {
        snprintf(line, sizeof line,
                 "  - id: a%d\n    name: 局%d\n"
                 "    aliases:\n",
                 a, a);
        put(&b, line);
        for (int i = 0; i < 20000; i++) {
            snprintf(line, sizeof line, "      - 别名%d-%d\n", a, i);
            put(&b, line);
        }
    }
    guard(20);
    char *d = parse(b.s, b.n);
    alarm(0);
    CHECK_CONTAINS(d, "too many aliases");
    free(d);
    free(b.s);
}

TEST(thousands_of_errors_stop_after_the_first_hundred)
{
    /* Every unknown key costs a "did you mean" search; after 100 messages
     * the file is given up rather than searched to the end. */
    struct buf b = {0};
    char line[64];
    put(&b, "targets:\n");
    for (int t = 0; t < 10; t++) {
        put(&b, "  -\n");
        for (int i = 0; i < 50; i++) {
            snprintf(line, sizeof line, "    unknown-key-%d: 1\n", i);
            put(&b, line);
        }
    }
    guard(20);
    char *d = parse(b.s, b.n);
    alarm(0);
    CHECK_CONTAINS(d, "too many errors; stopping here");
    int lines = 0;
    for (const char *p = d; *p; p++)
        lines += *p == '\n';
    CHECK(lines == 101);
    free(d);
    free(b.s);
}

TEST(a_string_of_ten_megabytes_is_refused_before_it_is_parsed)
{
    const char *dir = unit_tmpdir();
    char path[512];
    snprintf(path, sizeof path, "%s/big.yaml", dir);
    FILE *f = fopen(path, "w");
    fputs("id: big\ntitle: \"", f);
    for (int i = 0; i < 10 * 1024; i++)
        for (int k = 0; k < 1024; k++)
            fputc('a', f);
    fputs("\"\n", f);
    fclose(f);
    struct plan_diags d = {0};
    CHECK(plan_load(path, &d) == NULL);
    CHECK(d.n == 1);
    if (d.n == 1)
        CHECK_CONTAINS(d.lines[0], "big.yaml:1:1: file too large");
    plan_diags_free(&d);
}

TEST(a_plan_file_that_is_a_directory_or_missing_is_reported)
{
    const char *dir = unit_tmpdir();
    char path[512];
    snprintf(path, sizeof path, "%s/dir.yaml", dir);
    mkdir(path, 0700);
    struct plan_diags d = {0};
    CHECK(plan_load(path, &d) == NULL);
    snprintf(path, sizeof path, "%s/missing.yaml", dir);
    CHECK(plan_load(path, &d) == NULL);
    CHECK(d.n == 2);
    if (d.n == 2) {
        CHECK_CONTAINS(d.lines[0], "dir.yaml:1:1: is a directory");
        CHECK_CONTAINS(d.lines[1], "missing.yaml:1:1: No such file");
    }
    plan_diags_free(&d);
}

TEST(control_characters_in_a_plan_never_reach_a_diagnostic)
{
    const char *text = "id: \"x\\e]0;owned\\a\"\n\"ti\\e[2Jtle\": x\n";
    char *d = parse(text, strlen(text));
    CHECK(strchr(d, '\x1b') == NULL);
    CHECK(strchr(d, '\x07') == NULL);
    CHECK_CONTAINS(d, "plans/x.yaml:1:5:");
    free(d);
}

TEST(unknown_agencies_by_the_thousand_stop_after_the_first_hundred_errors)
{
    /* Each unknown agency looks for the closest of 4,000 names and aliases
     * to suggest: 40,000 of them once took seconds. */
    struct buf b = {0};
    char line[128];
    put(&b, "agencies:\n");
    for (int a = 0; a < 200; a++) {
        snprintf(line, sizeof line,
                 "  - id: a%d\n    name: 名字很长的机构%d\n"
                 "    aliases: [",
                 a, a);
        put(&b, line);
        for (int k = 0; k < 20; k++) {
            snprintf(line, sizeof line, "%s很长的别名%d-%d", k ? ", " : "", a,
                     k);
            put(&b, line);
        }
        put(&b, "]\n");
    }
    put(&b, "targets:\n");
    /* Under valgrind a tenth is enough to see the memory handled right. */
    int targets = slowdown() > 10 ? 20 : 200;
    for (int t = 0; t < targets; t++) {
        snprintf(line, sizeof line, "  - id: t%d\n    support: [", t);
        put(&b, line);
        for (int k = 0; k < 200; k++) {
            snprintf(line, sizeof line, "%s不存在的机构%d", k ? ", " : "", k);
            put(&b, line);
        }
        put(&b, "]\n");
    }
    guard(60);
    char *d = parse(b.s, b.n);
    alarm(0);
    CHECK_CONTAINS(d, "too many errors; stopping here");
    free(d);
    free(b.s);
}
