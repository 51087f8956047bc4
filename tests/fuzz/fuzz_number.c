/* libFuzzer harness for the number formats: for any double, the exact
 * format (CSV, JSON, export) reads back as exactly the same number, by the
 * import's parser and by the one officials type into; the format for
 * people never shows a number that is not 0 as 0, nor one of another
 * magnitude. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plantrack/text.h"

static void check(double x)
{
    char buf[64];
    double back;
    if (!isfinite(x))
        return;
    if (x == 0)
        x = 0; /* -0 is written and read as 0 */
    text_format_exact(x, buf, sizeof buf);
    if (text_parse_exact(buf, &back) < 0 || memcmp(&back, &x, sizeof x) != 0)
        abort(); /* parse(format(x)) != x */
    const char *rest;
    char err[200];
    if (text_parse_number(buf, &back, &rest, err, sizeof err) < 0 || *rest ||
        back != x)
        abort(); /* the editor could not take back what it showed */
    /* The shortest: one digit fewer does not read back. */
    text_format_number(x, buf, sizeof buf);
    if (text_parse_exact(buf, &back) < 0)
        abort();
    if (x != 0 && (back == 0 || fabs(back - x) > fabs(x) * 1e-5))
        abort(); /* shown as 0, or rounded too far */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (size_t i = 0; i + 8 <= size; i += 8) {
        double x;
        memcpy(&x, data + i, sizeof x);
        check(x);
    }
    /* the bytes as typed text: whatever reads as a number round-trips */
    char *s = malloc(size + 1);
    memcpy(s, data, size);
    s[size] = '\0';
    double v;
    if (text_parse_exact(s, &v) == 0)
        check(v);
    free(s);
    return 0;
}
