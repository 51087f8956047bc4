/* libFuzzer harness for the CSV importer's reading: any bytes are read
 * record by record without a crash, making progress, each record either
 * fields or a refusal; any fields written by csv_field (the export) read
 * back exactly, formula guard and all; and every row read passes through
 * the one check (admit_row) without a crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plantrack/admit.h"
#include "plantrack/output.h"

static struct target targets[] = {
    {.id = "pm25-2025", .cmp = CMP_LE, .unit = "微克/立方米", .year = 2025},
    {.id = "rules-2025", .cmp = CMP_DONE, .unit = "", .year = 2025},
};
static struct plan mini = {.id = "mini", .targets = targets, .n_targets = 2};
static struct plan *all[] = {&mini};
static const struct plan_set PLANS = {.plans = all, .n = 1, .n_targets = 2};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    targets[0].plan = &mini;
    targets[1].plan = &mini;
    return 0;
}

/* The fields of a record as the importer takes them. */
static void check_row(char **f, int nf)
{
    if (nf != 13)
        return;
    struct obs o;
    memset(&o, 0, sizeof o);
    for (int i = 0; i < nf; i++)
        csv_unguard(f[i]);
    if (strlen(f[0]) >= sizeof o.uuid || strlen(f[3]) >= sizeof o.date ||
        strlen(f[11]) >= sizeof o.recorded_at)
        return;
    snprintf(o.uuid, sizeof o.uuid, "%s", f[0]);
    snprintf(o.date, sizeof o.date, "%s", f[3]);
    snprintf(o.recorded_at, sizeof o.recorded_at, "%s", f[11]);
    o.plan = f[1];
    o.target = f[2];
    o.has_value = *f[4] && text_parse_exact(f[4], &o.value) == 0;
    o.state = f[5];
    o.unit = f[6];
    o.source = f[7];
    o.note = f[8];
    o.author = f[9];
    o.host = f[10];
    o.corrects = f[12];
    char why[400];
    struct pt_date today = {2025, 7, 1};
    why[0] = '\0';
    if (admit_row(&PLANS, today, &o, NULL, why, sizeof why) < 0 && !why[0])
        abort(); /* refused without a reason */
}

/* Any fields (split at NUL) written as CSV read back the same. */
static void round_trip(const uint8_t *data, size_t size)
{
    char *copy = malloc(size + 1);
    memcpy(copy, data, size);
    copy[size] = '\0';
    char *fields[64];
    int n = 0;
    for (char *p = copy; n < 64;) {
        fields[n++] = p;
        char *z = memchr(p, '\0', size - (size_t)(p - copy));
        if (!z || z == copy + size)
            break;
        p = z + 1;
    }
    char *csv = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&csv, &len);
    for (int i = 0; i < n; i++)
        csv_field(f, fields[i], i + 1 == n);
    fclose(f);
    struct csv_reader r = {.data = csv, .len = len};
    int nf = csv_read(&r);
    size_t total = 0;
    for (int i = 0; i < n; i++)
        total += strlen(fields[i]) + 1;
    if (total < (1u << 19) && n <= 64) {
        if (nf != n)
            abort();
        for (int i = 0; i < n; i++) {
            csv_unguard(r.fields[i]);
            if (strcmp(r.fields[i], fields[i]) != 0)
                abort();
        }
        if (csv_read(&r) != 0) /* one record, nothing after it */
            abort();
    }
    csv_reader_free(&r);
    free(csv);
    free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct csv_reader r = {.data = (const char *)data, .len = size};
    int nf;
    size_t last = 0;
    while ((nf = csv_read(&r)) != 0) {
        if (r.pos <= last && nf >= 0)
            abort(); /* no progress */
        last = r.pos;
        if (nf < 0)
            break;
        if (!r.nul)
            check_row(r.fields, nf);
    }
    csv_reader_free(&r);
    round_trip(data, size);
    return 0;
}
