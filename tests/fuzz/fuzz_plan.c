/* libFuzzer harness for the plan loader: any bytes given to plan_parse
 * give a plan or file:line:column diagnostics, never a crash, a leak or
 * text that could reach a terminal raw. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plantrack/plan.h"
#include "plantrack/text.h"

/* Every diagnostic names the file and holds no control character. */
static void check_diag(const char *line)
{
    if (strncmp(line, "fuzz.yaml:", 10) != 0)
        abort();
    size_t n = strlen(line), i = 0;
    while (i < n) {
        uint32_t cp;
        i += text_decode(line + i, n - i, &cp);
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* An exact-size copy, without a NUL after it, so that reading past the
     * end is caught. */
    char *buf = malloc(size ? size : 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    struct plan_diags diags = {0};
    struct plan *p = plan_parse(buf, size, "fuzz.yaml", NULL, &diags);
    if (!p && diags.n == 0)
        abort(); /* refused without saying why */
    for (size_t i = 0; i < diags.n; i++)
        check_diag(diags.lines[i]);
    if (p) {
        char stmt[256];
        for (size_t i = 0; i < p->n_targets; i++) {
            target_statement(&p->targets[i], stmt, sizeof stmt);
            if (!target_lead(&p->targets[i])->name)
                abort();
        }
    }
    plan_free(p);
    plan_diags_free(&diags);
    free(buf);
    return 0;
}
