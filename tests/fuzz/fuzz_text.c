/* libFuzzer harness for the value and date parsers and the sanitiser:
 * whatever an official types, text_parse_number and text_parse_date either
 * refuse it with a message or give a finite number / a calendar date, and
 * text_sanitize leaves nothing a terminal would act on; wrapping ends. */
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plantrack/text.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setlocale(LC_ALL, "");
    text_init();
    return 0;
}

static void check_safe(const char *s)
{
    size_t n = strlen(s), i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = text_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD && k == 1)
            abort(); /* invalid UTF-8 left in */
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
            (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
            abort();
        i += k;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';

    double v;
    const char *rest;
    char err[200];
    err[0] = '\0';
    if (text_parse_number(s, &v, &rest, err, sizeof err) == 0) {
        if (!isfinite(v) || signbit(v) != (v < 0))
            abort(); /* NaN, inf or -0 let through */
        if (rest < s || rest > s + strlen(s))
            abort();
        char num[64];
        text_format_number(v, num, sizeof num);
    } else if (!err[0]) {
        abort(); /* refused without a message */
    }

    struct pt_date d;
    err[0] = '\0';
    if (text_parse_date(s, &d, err, sizeof err) == 0) {
        if (!date_valid(d.y, d.m, d.d))
            abort();
        char buf[11];
        date_format(d, buf);
        if (date_cmp(date_from_days(date_days(d)), d) != 0)
            abort();
    } else if (!err[0]) {
        abort();
    }

    char *clean = text_sanitize(s);
    if (clean) {
        check_safe(clean);
        free(clean);
    }
    char fit[64];
    int w = text_fit_pad(fit, sizeof fit, s, 20, true, true);
    if (w > 20)
        abort();
    check_safe(fit);
    /* Wrapping always progresses, never cuts a character, and each line
     * fits unless it is a single character. */
    for (int cols = 1; cols <= 12; cols += 11) {
        size_t n = strlen(s), pos = 0;
        while (pos < n) {
            size_t next;
            size_t len = text_wrap_n(s + pos, n - pos, cols, &next);
            uint32_t cp;
            if (next == 0 || len > next || pos + next > n)
                abort();
            if (text_width_n(s + pos, len) > cols &&
                text_decode(s + pos, len, &cp) != len)
                abort();
            pos += next;
        }
    }
    char *half = text_halfwidth(s);
    if (half) {
        text_trim(half);
        free(half);
    }
    free(s);
    return 0;
}
