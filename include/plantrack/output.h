/* Output formats for the command line: aligned tables (by display width),
 * CSV (RFC 4180) and JSON. Each neutralises untrusted text its own way. */
#ifndef PLANTRACK_OUTPUT_H
#define PLANTRACK_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

enum output_format { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON };

/* "table", "csv", "json" → format; -1 when unknown. */
int output_format_parse(const char *s);
/* The name of a format; NULL past the last one. */
const char *output_format_name(enum output_format f);

/* A table is filled row by row, then printed with each column as wide as
 * its widest cell. When max_width > 0 (a terminal), it is made to fit, as
 * ps and htop do, rather than wrap: the `below` columns, which must not be
 * cut (an id to copy), move to a line of their own under each row,
 * indented, aligned among themselves; then the `shrink` columns give up
 * cells (truncated at a character boundary, marked "…") in their order,
 * each down to its minimum; if that is not enough, the `drop` columns are
 * left out, in their order. */
#define TABLE_FIT_MAX 8
struct table_fit {
    struct {
        int col, min;
    } shrink[TABLE_FIT_MAX];
    int n_shrink;
    int drop[TABLE_FIT_MAX];
    int n_drop;
    int below[TABLE_FIT_MAX];
    int n_below;
};
struct table;
/* fit may be NULL: the table is never narrowed. It must outlive t. */
struct table *table_new(int ncols, const char *const *headers,
                        const struct table_fit *fit);
void table_add(struct table *t, const char *const *cells);
/* Columns that align right (numbers). */
void table_align_right(struct table *t, int col);
void table_print(struct table *t, FILE *out, int max_width);
void table_free(struct table *t);

/* One CSV field (quoted when needed). `last` ends the record with CRLF.
 * A cell a spreadsheet would run as a formula (csv_needs_guard) gets a
 * leading ' that csv_unguard takes off again, so an export re-imports
 * exactly. Written to a terminal, the field passes text_sanitize first;
 * to a file or a pipe it is exact (control characters kept, as CSV allows
 * inside quotes). */
void csv_field(FILE *out, const char *s, bool last);
/* Whether a cell starts with = + - @ tab or CR and is not a whole number
 * ("-2" is a number; "-2+3" and "-1+cmd|' /C calc'!A0" are formulas), or
 * starts with ' before such a cell. */
bool csv_needs_guard(const char *s);
/* Take off, in place, the ' that csv_field put before a guarded cell. */
void csv_unguard(char *s);

/* A JSON string literal: quotes, backslashes, control characters and the
 * bidirectional marks escaped (so no escape sequence reaches a terminal,
 * and nothing is lost); invalid UTF-8 replaced by U+FFFD. */
void json_string(FILE *out, const char *s);
/* A JSON number, exactly (text_format_exact), or null when not finite. */
void json_number(FILE *out, double v);

/* Read one CSV record (RFC 4180, CRLF or LF) from data[0..len). Returns
 * the number of fields, 0 at end of input, -1 for a malformed or oversized
 * record. The fields point into a buffer owned by r, valid until the next
 * call; `nul` says the record held a NUL byte (which would cut a field
 * short: the caller refuses the record). */
struct csv_reader {
    const char *data;
    size_t len, pos;
    size_t line;      /* line where the last record started */
    size_t next_line; /* where the next one starts */
    bool nul;
    char *buf;
    size_t cap;
    char **fields;
    size_t fcap;
};
int csv_read(struct csv_reader *r);
void csv_reader_free(struct csv_reader *r);

#endif
