/* Text: display width, truncation, sanitising, numbers and dates as
 * officials type them. */
#include <stdlib.h>

#include "plantrack/text.h"
#include "unit.h"

TEST(a_cjk_character_is_two_cells_wide)
{
    CHECK(text_width("abc") == 3);
    CHECK(text_width("新能源") == 6);
    CHECK(text_width("PM2.5浓度") == 9);
    CHECK(text_width("") == 0);
}

TEST(invalid_utf8_counts_one_cell_per_bad_byte)
{
    CHECK(text_width("a\xff"
                     "b") == 3);
    CHECK(text_width("\xe6\x96") == 2); /* a truncated 3-byte sequence */
}

TEST(truncation_never_splits_a_wide_character)
{
    char buf[64];
    /* 5 cells for "新能源" (6 cells): 新能 + mark, never half of 源. */
    int w = text_fit_pad(buf, sizeof buf, "新能源", 5, true, true);
    CHECK(w == 5);
    CHECK_STR(buf, "新能~");
    /* 4 cells: 新 (2) leaves one cell before the mark, filled by a space. */
    w = text_fit_pad(buf, sizeof buf, "新能源", 4, true, true);
    CHECK(w == 4);
    CHECK_STR(buf, "新 ~");
    CHECK(text_width(buf) == 4);
}

TEST(text_that_fits_is_padded_to_the_column_width)
{
    char buf[64];
    CHECK(text_fit_pad(buf, sizeof buf, "能源", 6, true, true) == 6);
    CHECK_STR(buf, "能源  ");
    CHECK(text_fit_pad(buf, sizeof buf, "能源", 6, false, true) == 4);
    CHECK_STR(buf, "能源");
}

TEST(text_fit_counts_bytes_that_fit_in_cells)
{
    CHECK(text_fit("新能源", 3) == 3); /* one character: 3 bytes, 2 cells */
    CHECK(text_fit("新能源", 4) == 6);
    CHECK(text_fit("ab新", 3) == 2);
}

TEST(sanitize_neutralises_terminal_escapes)
{
    char *s = text_sanitize("red\x1b[31m text\x07 and \xc2\x9b"
                            "2J");
    CHECK(strchr(s, '\x1b') == NULL);
    CHECK(strchr(s, '\x07') == NULL);
    CHECK(strstr(s, "\xc2\x9b") == NULL); /* C1 CSI */
    CHECK_CONTAINS(s, "[31m text");
    free(s);
    s = text_sanitize("line1\nline2\ttab");
    CHECK_STR(s, "line1 line2 tab");
    free(s);
    s = text_sanitize("abc\xe2\x80\xae"
                      "evil"); /* right-to-left override */
    CHECK(strstr(s, "\xe2\x80\xae") == NULL);
    free(s);
}

static double num(const char *s, int *rc, const char **rest)
{
    double v = -12345;
    char err[160];
    static const char *r;
    *rc = text_parse_number(s, &v, rest ? rest : &r, err, sizeof err);
    return v;
}

TEST(numbers_accept_separators_and_fullwidth_digits)
{
    int rc;
    CHECK_NUM(num("5000", &rc, NULL), 5000, 0);
    CHECK(rc == 0);
    CHECK_NUM(num("5,000", &rc, NULL), 5000, 0);
    CHECK(rc == 0);
    CHECK_NUM(num("5 000", &rc, NULL), 5000, 0);
    CHECK(rc == 0);
    CHECK_NUM(num("５０００", &rc, NULL), 5000, 0);
    CHECK(rc == 0);
    CHECK_NUM(num("５，０００．５", &rc, NULL), 5000.5, 1e-9);
    CHECK(rc == 0);
    CHECK_NUM(num("1,234,567.25", &rc, NULL), 1234567.25, 1e-9);
    CHECK(rc == 0);
    CHECK_NUM(num("-12.5", &rc, NULL), -12.5, 0);
    CHECK(rc == 0);
    CHECK_NUM(num("1.5e3", &rc, NULL), 1500, 0);
    CHECK(rc == 0);
}

TEST(minus_zero_is_normalised_to_zero)
{
    int rc;
    double v = num("-0", &rc, NULL);
    CHECK(rc == 0);
    CHECK(v == 0 && !signbit(v));
}

TEST(numbers_refuse_nan_infinity_overflow_and_empty)
{
    int rc;
    const char *bad[] = {"NaN", "nan", "inf", "-inf", "Infinity",  "1e999",
                         "",    "   ", "abc", "5,00", "50,00,000", "."};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        num(bad[i], &rc, NULL);
        if (!CHECK(rc == -1))
            printf("#     accepted '%s'\n", bad[i]);
    }
}

TEST(numbers_refuse_chinese_multipliers_with_a_hint)
{
    double v;
    const char *rest;
    char err[160];
    CHECK(text_parse_number("5千", &v, &rest, err, sizeof err) == -1);
    CHECK_CONTAINS(err, "5000");
    CHECK(text_parse_number("3万", &v, &rest, err, sizeof err) == -1);
}

TEST(a_unit_after_the_number_is_left_for_the_caller)
{
    int rc;
    const char *rest;
    CHECK_NUM(num("5000万千瓦", &rc, &rest), 5000, 0);
    CHECK(rc == 0);
    CHECK_STR(rest, "万千瓦");
    CHECK_NUM(num("17.5 %", &rc, &rest), 17.5, 1e-12);
    CHECK_STR(rest, "%");
    CHECK_NUM(num("5 万吨", &rc, &rest), 5, 0);
    CHECK_STR(rest, "万吨");
}

TEST(dates_are_checked_against_the_calendar)
{
    struct pt_date d;
    char err[160];
    CHECK(text_parse_date("2025-06-30", &d, err, sizeof err) == 0);
    CHECK(d.y == 2025 && d.m == 6 && d.d == 30);
    CHECK(text_parse_date("2024-02-29", &d, err, sizeof err) == 0);
    CHECK(text_parse_date("2025-02-29", &d, err, sizeof err) == -1);
    CHECK(text_parse_date("2025-02-30", &d, err, sizeof err) == -1);
    CHECK_CONTAINS(err, "not a calendar date");
    CHECK(text_parse_date("2025-13-01", &d, err, sizeof err) == -1);
    CHECK(text_parse_date("2025-6", &d, err, sizeof err) == -1);
    CHECK(text_parse_date("", &d, err, sizeof err) == -1);
}

TEST(dates_accept_chinese_and_slashed_forms)
{
    struct pt_date d;
    char err[160];
    CHECK(text_parse_date("2025年6月30日", &d, err, sizeof err) == 0);
    CHECK(d.y == 2025 && d.m == 6 && d.d == 30);
    CHECK(text_parse_date("２０２５/６/３０", &d, err, sizeof err) == 0);
    CHECK(d.m == 6 && d.d == 30);
    CHECK(text_parse_date("2025.12.31", &d, err, sizeof err) == 0);
}

TEST(date_arithmetic_round_trips)
{
    struct pt_date d = {2024, 2, 29};
    CHECK(date_days(d) == 19782);
    struct pt_date e = date_from_days(date_days(d));
    CHECK(e.y == 2024 && e.m == 2 && e.d == 29);
    struct pt_date end = {2025, 12, 31};
    CHECK_NUM(date_year_fraction(end), 2026.0, 1e-12);
    char buf[11];
    date_format(end, buf);
    CHECK_STR(buf, "2025-12-31");
}

TEST(numbers_are_formatted_without_exponent_or_trailing_zeros)
{
    char buf[64];
    text_format_number(5000, buf, sizeof buf);
    CHECK_STR(buf, "5000");
    text_format_number(17.5, buf, sizeof buf);
    CHECK_STR(buf, "17.5");
    text_format_number(0.2825, buf, sizeof buf);
    CHECK_STR(buf, "0.2825");
    text_format_number(-0.0, buf, sizeof buf);
    CHECK_STR(buf, "0");
}

TEST(numbers_for_machines_are_the_shortest_that_read_back_exactly)
{
    const double x[] = {1e308,
                        4.9e-11,
                        0.12345678901234,
                        0.1 + 0.2,
                        5000,
                        17.5,
                        -0.5,
                        1e15,
                        1e16,
                        1e-4,
                        1e-5,
                        5e-324,
                        1.7976931348623157e308};
    const char *want[] = {"1e+308",
                          "4.9e-11",
                          "0.12345678901234",
                          "0.30000000000000004",
                          "5000",
                          "17.5",
                          "-0.5",
                          "1000000000000000",
                          "1e+16",
                          "0.0001",
                          "1e-5",
                          "5e-324",
                          "1.7976931348623157e+308"};
    for (size_t i = 0; i < sizeof x / sizeof *x; i++) {
        char buf[64];
        double back;
        text_format_exact(x[i], buf, sizeof buf);
        CHECK_STR(buf, want[i]);
        CHECK(text_parse_exact(buf, &back) == 0 && back == x[i]);
    }
}

TEST(numbers_for_people_are_rounded_but_never_to_zero_or_another_magnitude)
{
    char buf[64];
    text_format_number(4.9e-11, buf, sizeof buf);
    CHECK_STR(buf, "4.9e-11");
    text_format_number(1e308, buf, sizeof buf);
    CHECK_STR(buf, "1e+308");
    text_format_number(0.1 + 0.2, buf, sizeof buf);
    CHECK_STR(buf, "0.3");
    text_format_number(0.12345678901234, buf, sizeof buf);
    CHECK_STR(buf, "0.12345678901234");
    text_format_number(123456789.125, buf, sizeof buf);
    CHECK_STR(buf, "123456789.125");
    text_format_number(1.0 / 3, buf, sizeof buf);
    CHECK_STR(buf, "0.333333333333333");
}

TEST(the_exact_parser_takes_only_what_export_writes)
{
    double v;
    CHECK(text_parse_exact("1,000", &v) == -1);
    CHECK(text_parse_exact("5 万", &v) == -1);
    CHECK(text_parse_exact("1e999", &v) == -1);
    CHECK(text_parse_exact("1e-400", &v) == -1); /* would become 0 */
    CHECK(text_parse_exact("", &v) == -1);
    CHECK(text_parse_exact(" 1", &v) == -1);
    CHECK(text_parse_exact("-0", &v) == 0 && v == 0 && !signbit(v));
}

TEST(edit_distance_counts_characters_not_bytes)
{
    CHECK(text_edit_distance("valu", "value") == 1);
    CHECK(text_edit_distance("市能源局", "市能源厅") == 1);
    CHECK(text_edit_distance("", "abc") == 3);
}

/* s wrapped at cols cells, the lines joined by '|'. */
static char *wrapped(const char *s, int cols)
{
    static char out[512];
    size_t n = strlen(s), pos = 0, o = 0;
    out[0] = '\0';
    while (pos < n && o + 64 < sizeof out) {
        size_t next;
        size_t len = text_wrap_n(s + pos, n - pos, cols, &next);
        o += (size_t)snprintf(out + o, sizeof out - o, "%s%.*s", o ? "|" : "",
                              (int)len, s + pos);
        uint32_t cp; /* a line is too wide only for a single character */
        CHECK(text_width_n(s + pos, len) <= cols ||
              text_decode(s + pos, len, &cp) == len);
        CHECK(next > 0); /* always progress */
        pos += next;
    }
    return out;
}

TEST(wrapping_breaks_english_between_words_not_inside_them)
{
    CHECK_STR(wrapped("deadline passed with no observation recorded", 20),
              "deadline passed with|no observation|recorded");
}

TEST(wrapping_breaks_chinese_between_any_two_characters)
{
    CHECK_STR(wrapped("全市PM2.5浓度力争达到34微克", 10),
              "全市PM2.5|浓度力争达|到34微克");
}

TEST(wrapping_never_starts_a_line_with_closing_punctuation)
{
    /* 6 cells would end after 新能源; the comma would open the next line. */
    CHECK_STR(wrapped("新能源，装机容量", 6), "新能|源，装|机容量");
    CHECK_STR(wrapped("引用「全市浓度」", 6), "引用|「全市|浓度」");
}

TEST(a_word_longer_than_the_line_is_cut_where_it_must_be)
{
    CHECK_STR(wrapped("https://example.org/plan", 10),
              "https://ex|ample.org/|plan");
    CHECK_STR(wrapped("新", 1), "新"); /* too wide, still shown */
}
