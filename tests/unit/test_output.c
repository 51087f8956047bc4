/* Report formats: JSON and CSV escape untrusted text by their own rules. */
#include <stdlib.h>

#include "plantrack/output.h"
#include "unit.h"

static char *json_of(const char *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    json_string(f, s);
    fclose(f);
    return buf;
}

TEST(json_strings_escape_quotes_backslashes_and_controls)
{
    char *j = json_of("say \"hi\" \\ then\n\ttab \x1b[31m");
    CHECK_STR(j, "\"say \\\"hi\\\" \\\\ then\\n\\ttab \\u001b[31m\"");
    free(j);
}

TEST(json_strings_keep_chinese_and_escape_unicode_line_breaks)
{
    char *j = json_of("新能源\xe2\x80\xa8装机\xe2\x80\xa9容量\xc2\x85");
    CHECK_STR(j, "\"新能源\\u2028装机\\u2029容量\\u0085\"");
    free(j);
}

TEST(json_strings_replace_invalid_utf8)
{
    char *j = json_of("a\xff"
                      "b\xed\xa0\x80"
                      "c\xe6\x96");
    /* each bad byte becomes U+FFFD; the output is valid UTF-8 */
    CHECK(strstr(j, "\xff") == NULL && strstr(j, "\xed\xa0") == NULL);
    CHECK_CONTAINS(j, "a\xef\xbf\xbd"
                      "b");
    free(j);
}

TEST(json_numbers_are_plain_or_null)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    json_number(f, 17.5);
    fputc(' ', f);
    json_number(f, NAN);
    fclose(f);
    CHECK_STR(buf, "17.5 null");
    free(buf);
}

TEST(csv_fields_are_quoted_when_needed_and_formulas_defused)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    csv_field(f, "plain", false);
    csv_field(f, "a,b", false);
    csv_field(f, "say \"x\"", false);
    csv_field(f, "=HYPERLINK(\"x\")", false);
    csv_field(f, "-5", true);
    fclose(f);
    CHECK_STR(
        buf,
        "plain,\"a,b\",\"say \"\"x\"\"\",\"'=HYPERLINK(\"\"x\"\")\",-5\r\n");
    free(buf);
}

/* The cell as csv_field writes it to a file, without the record's end. */
static char *csv_cell(const char *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    csv_field(f, s, true);
    fclose(f);
    buf[len - 2] = '\0';
    return buf;
}

TEST(the_formula_guard_covers_every_cell_a_spreadsheet_would_run)
{
    const char *guarded[] = {
        "=1+1", "+SUM(A1)", "-2+3",  "-1+cmd|' /C calc'!A0", "@SUM(A1)", "\tx",
        "\rx",  "'=1+1",    "''-2+3"};
    for (size_t i = 0; i < sizeof guarded / sizeof *guarded; i++) {
        CHECK(csv_needs_guard(guarded[i]));
        char *c = csv_cell(guarded[i]);
        CHECK(c[0] == '"' && c[1] == '\'');
        free(c);
    }
    const char *plain[] = {"-2", "+3", "-1e-5", "-0.5", "'x", "x=1", "", "a-b"};
    for (size_t i = 0; i < sizeof plain / sizeof *plain; i++)
        CHECK(!csv_needs_guard(plain[i]));
}

TEST(a_guarded_cell_reads_back_exactly)
{
    const char *cells[] = {"=1+1", "-2+3", "'=1+1", "''=x",
                           "'x",   "'",    "-2",    "\tstarts with a tab",
                           "@x",   "plain"};
    for (size_t i = 0; i < sizeof cells / sizeof *cells; i++) {
        char *c = csv_cell(cells[i]);
        struct csv_reader r = {.data = c, .len = strlen(c)};
        CHECK(csv_read(&r) == 1);
        csv_unguard(r.fields[0]);
        CHECK_STR(r.fields[0], cells[i]);
        csv_reader_free(&r);
        free(c);
    }
}

TEST(csv_reading_names_the_line_a_record_starts_on_and_sees_nul)
{
    static const char data[] = "a,b\r\n\"two\nlines\",c\r\nx\0y,z\r\n";
    struct csv_reader r = {.data = data, .len = sizeof data - 1};
    CHECK(csv_read(&r) == 2 && r.line == 1 && !r.nul);
    CHECK(csv_read(&r) == 2 && r.line == 2);
    CHECK_STR(r.fields[0], "two\nlines");
    CHECK(csv_read(&r) == 2 && r.line == 4 && r.nul);
    CHECK(csv_read(&r) == 0);
    csv_reader_free(&r);
}

TEST(json_escapes_the_bidirectional_marks_too)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    json_string(f, "a\u202eb\u2066c\x1b");
    fclose(f);
    CHECK_STR(buf, "\"a\\u202eb\\u2066c\\u001b\"");
    free(buf);
}

/* A status-like table printed at max_width (0: no terminal). */
static char *table_at(int max_width)
{
    const char *h[] = {"STATUS", "YEAR", "INDICATOR", "LATEST", "DATE"};
    const char *r1[] = {"! overdue", "2025", "新能源发电装机容量达到", "4200",
                        "2025-06-30"};
    const char *r2[] = {"+ met", "2026", "PM2.5年均浓度", "21", "2026-01-31"};
    static const struct table_fit fit = {
        .shrink = {{2, 8}}, .n_shrink = 1, .drop = {4}, .n_drop = 1};
    struct table *t = table_new(5, h, &fit);
    table_add(t, r1);
    table_add(t, r2);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    table_print(t, f, max_width);
    fclose(f);
    table_free(t);
    return buf;
}

TEST(without_a_terminal_a_table_is_printed_whole)
{
    char *s = table_at(0);
    CHECK_CONTAINS(s, "新能源发电装机容量达到  4200    2025-06-30\n");
    free(s);
}

TEST(on_a_terminal_the_shrinkable_column_gives_way_first)
{
    /* Natural width 9+4+22+6+10 plus 4 gaps = 59; at 50 the indicator
     * loses 9 cells, cut at a character boundary and marked. */
    char *s = table_at(50);
    CHECK_CONTAINS(s, "! overdue  2025  新能源发电装~  4200    2025-06-30\n");
    free(s);
}

TEST(on_a_narrow_terminal_a_droppable_column_is_left_out)
{
    /* The indicator down to its 8 cells still leaves 45: the date goes, and
     * the indicator gets back the cells it can. */
    char *s = table_at(40);
    CHECK(strstr(s, "DATE") == NULL && strstr(s, "2025-06-30") == NULL);
    CHECK_CONTAINS(s, "! overdue  2025  新能源发电装机~  4200\n");
    free(s);
}

/* A table whose id must never be cut: below, on a line of its own. */
static char *table_with_id_at(int max_width)
{
    const char *h[] = {"STATUS", "ID", "INDICATOR", "LEAD"};
    const char *r1[] = {"R missed", "kundulun/industrial-energy-intensity-2025",
                        "规模以上工业单位增加值能耗降幅", "区工业和信息化局"};
    static const struct table_fit fit = {
        .shrink = {{2, 8}}, .n_shrink = 1, .below = {1, 3}, .n_below = 2};
    struct table *t = table_new(4, h, &fit);
    table_add(t, r1);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    table_print(t, f, max_width);
    fclose(f);
    table_free(t);
    return buf;
}

TEST(a_table_too_wide_for_one_line_puts_the_id_whole_under_each_row)
{
    char *s = table_with_id_at(0);
    CHECK_CONTAINS(s, "R missed  kundulun/industrial-energy-intensity-2025  "
                      "规模以上工业单位增加值能耗降幅  区工业和信息化局\n");
    free(s);
    s = table_with_id_at(64);
    CHECK_CONTAINS(s, "STATUS    INDICATOR\n"
                      "  ID                                         LEAD\n"
                      "R missed  规模以上工业单位增加值能耗降幅\n"
                      "  kundulun/industrial-energy-intensity-2025  "
                      "区工业和信息化局\n");
    free(s);
    /* Narrower still: the indicator gives way, the id never; the lead,
     * last on its line, is cut. */
    s = table_with_id_at(30);
    CHECK(strstr(s, "规模以上工业单位增加值能耗降幅") == NULL);
    CHECK_CONTAINS(s, "\n  kundulun/industrial-energy-intensity-2025  ");
    CHECK(strstr(s, "区工业和信息化局") == NULL);
    free(s);
}
