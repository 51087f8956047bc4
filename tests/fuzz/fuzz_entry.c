/* libFuzzer harness for entry_parse, the checks shared by `plantrack add`
 * and the TUI editor. The input picks a target and a correction flag and
 * holds the five raw fields separated by NUL bytes. A saved entry always
 * has a calendar date not after today and a finite value, or a state. */
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plantrack/entry.h"

static struct agency agency = {.id = "eco", .name = "市生态环境局"};
static struct plan plan = {.id = "mini",
                           .period_start = 2024,
                           .period_end = 2026,
                           .agencies = &agency,
                           .n_agencies = 1};
static struct target targets[] = {
    {.id = "ne",
     .cmp = CMP_GE,
     .has_value = true,
     .value = 5000,
     .unit = "万千瓦",
     .year = 2026},
    {.id = "pct",
     .cmp = CMP_REDUCE_BY,
     .has_value = true,
     .value = 17.5,
     .unit = "%",
     .year = 2026,
     .baseline_year = 2020},
    {.id = "pm",
     .cmp = CMP_LE,
     .has_value = true,
     .value = 22,
     .unit = "微克/立方米",
     .year = 2025},
    {.id = "rules", .cmp = CMP_DONE, .unit = "", .year = 2025},
    {.id = "none",
     .cmp = CMP_GT,
     .has_value = true,
     .value = 1,
     .unit = "",
     .year = 2025},
};
#define N_TARGETS (sizeof targets / sizeof *targets)

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setlocale(LC_ALL, "");
    text_init();
    plan.targets = targets;
    plan.n_targets = N_TARGETS;
    for (size_t i = 0; i < N_TARGETS; i++)
        targets[i].plan = &plan;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const struct target *t = &targets[data[0] % N_TARGETS];
    bool correction = data[0] & 0x80;
    char *s = malloc(size);
    if (!s)
        return 0;
    memcpy(s, data + 1, size - 1);
    s[size - 1] = '\0';
    const char *raw[ENTRY_NFIELDS] = {0};
    char *p = s, *end = s + size - 1;
    for (int f = 0; f < ENTRY_NFIELDS && p <= end; f++) {
        raw[f] = p;
        p += strlen(p) + 1;
    }
    struct pt_date today = {2025, 7, 1};
    struct entry e;
    struct entry_check chk;
    int rc = entry_parse(t, raw, today, correction, &e, &chk);
    if (rc == 0) {
        struct pt_date d;
        char err[200];
        if (chk.n_errors || text_parse_date(e.date, &d, err, sizeof err) < 0 ||
            date_cmp(d, today) > 0 || d.y < 2000)
            abort();
        if (t->cmp == CMP_DONE
                ? e.has_value || obs_state_parse(e.state) == STATE_NONE
                : !e.has_value || !isfinite(e.value) ||
                      signbit(e.value) != (e.value < 0))
            abort();
        if (correction && !e.note[0])
            abort();
        struct obs_input in;
        entry_input(&e, t, correction ? "0123abcd" : NULL, &in);
        struct target_summary sum = {.n = 1, .has_latest = true};
        sum.latest = (struct obs_point){{2025, 1, 1}, true, 4000, STATE_NONE};
        char warn[300];
        entry_warning(t, &sum, &e, warn, sizeof warn);
    } else {
        int with_msg = 0;
        for (int f = 0; f < ENTRY_NFIELDS; f++)
            with_msg += chk.msg[f][0] != '\0';
        if (!with_msg)
            abort(); /* refused without saying which field */
    }
    free(s);
    return 0;
}
