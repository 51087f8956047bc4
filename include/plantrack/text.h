/* Text: UTF-8 decoding, display width, truncation, sanitising, and the
 * parsing of numbers and dates as officials type them. */
#ifndef PLANTRACK_TEXT_H
#define PLANTRACK_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Make wcwidth() usable whatever the user's locale: call once after
 * setlocale(LC_ALL, ""). Returns true when the user's locale is UTF-8 (the
 * terminal can show CJK and Unicode marks), false otherwise. */
bool text_init(void);

/* Decode one code point from s (at most n bytes). Stores the code point in
 * *cp (U+FFFD for an invalid sequence) and returns the number of bytes used
 * (at least 1 when n > 0, 0 when n == 0). */
size_t text_decode(const char *s, size_t n, uint32_t *cp);

/* Display cells of one code point: 0 for combining marks, 2 for wide (CJK),
 * 1 otherwise; control characters count 1 (they are shown replaced). */
int text_cp_width(uint32_t cp);

/* Display width of a UTF-8 string in terminal cells. */
int text_width(const char *s);
int text_width_n(const char *s, size_t n);

/* Bytes of s (of the first n bytes) that fit in `cols` cells without
 * cutting a character. */
size_t text_fit(const char *s, int cols);
size_t text_fit_n(const char *s, size_t n, int cols);

/* The first line of s (n bytes) wrapped at `cols` cells, in bytes. A line
 * breaks at a space or beside a wide (CJK) character, never inside a Latin
 * word, before closing punctuation (，。」 …) or after opening punctuation,
 * unless nothing else fits. *next is where the following line starts, the
 * spaces at the break skipped. Always makes progress while n > 0. */
size_t text_wrap_n(const char *s, size_t n, int cols, size_t *next);

/* Write s into dst (capacity cap) truncated to `cols` cells, ending with "…"
 * (or "~" when !utf8) when truncated, and padded with spaces to exactly `cols`
 * cells when pad is set. Control characters are replaced as by
 * text_sanitize. Returns the cells used. */
int text_fit_pad(char *dst, size_t cap, const char *s, int cols, bool pad,
                 bool utf8);

/* Copy s into a new string with every control character (C0, DEL, C1) and
 * invalid UTF-8 byte replaced: newlines and tabs by a space, others by
 * U+FFFD. Safe to print on a terminal. Caller frees. */
char *text_sanitize(const char *s);

/* Trim ASCII and ideographic spaces at both ends, in place. */
char *text_trim(char *s);

/* Normalise what a Chinese input method types: full-width digits, letters,
 * signs and spaces become ASCII. Caller frees. */
char *text_halfwidth(const char *s);

/* Parse a number as typed: "5000", "5,000", "5 000", "５０００", "-0",
 * "1.5e3". On success returns 0, stores the value (−0 normalised to 0) and
 * points *rest at the first byte after the number (trailing text such as a
 * unit; spaces skipped). On failure returns -1 and writes a message. */
int text_parse_number(const char *s, double *out, const char **rest, char *err,
                      size_t errlen);

/* A calendar date. */
struct pt_date {
    int y, m, d;
};

/* Parse "2025-06-30", "2025/6/30", "2025.6.30", "2025年6月30日" (full-width
 * digits accepted). Refuses impossible dates (2025-02-30). */
int text_parse_date(const char *s, struct pt_date *out, char *err,
                    size_t errlen);

/* Days since 1970-01-01 (proleptic Gregorian). */
long date_days(struct pt_date d);
struct pt_date date_from_days(long days);
bool date_valid(int y, int m, int d);
/* Fractional year: 2025-07-02 → 2025.5, 2025-12-31 → 2025.997. */
double date_year_fraction(struct pt_date d);
/* "YYYY-MM-DD" into buf (11 bytes). */
void date_format(struct pt_date d, char buf[11]);
/* Today in local time. */
struct pt_date date_today(void);
int date_cmp(struct pt_date a, struct pt_date b);
/* A time as the log records it ("2025-06-30T08:15:16.047Z", UTC) as a
 * time_t; false when it is not one. */
bool time_parse_utc(const char *iso, time_t *out);
/* A time to the minute in local time (TZ): "2025-06-30 16:15". */
void time_local_minute(time_t t, char *buf, size_t len);
/* The first moment of a date in local time. */
time_t date_local_start(struct pt_date d);

/* A number for people: as it was typed ("5000", "17.5", "0.2825"), to at
 * most fifteen significant digits; a very small or very large one with its
 * power of ten ("4.9e-11", "1e+308"), never rounded to zero or to another
 * magnitude. */
void text_format_number(double v, char *buf, size_t len);
/* A number rounded to `decimals` places for people (a projection, a chart's
 * axis), unless that would show 0 or overflow: then as text_format_number. */
void text_format_rounded(double v, int decimals, char *buf, size_t len);
/* A number for machines (CSV, JSON, export): the shortest decimal that
 * reads back (strtod) as exactly v; positional from 1e-4 up to 1e16,
 * else with an exponent ("1e+308", "4.9e-11", "0.12345678901234"). */
void text_format_exact(double v, char *buf, size_t len);
/* Whether s is a plain decimal number: [+-]digits[.digits][e[+-]digits],
 * nothing before or after. */
bool text_is_number(const char *s);
/* Parse a number as text_format_exact writes it (a plain decimal, no
 * grouping, no unit): 0, or -1 when s is anything else or not finite.
 * -0 reads as 0. */
int text_parse_exact(const char *s, double *out);

/* Levenshtein distance between two short strings (for "did you mean"). */
int text_edit_distance(const char *a, const char *b);

#endif
