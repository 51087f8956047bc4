/* Output formats: tables aligned by display width, CSV, JSON. */
#include "plantrack/output.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plantrack/text.h"

static const char *const FORMAT_NAMES[] = {
    [FORMAT_TABLE] = "table", [FORMAT_CSV] = "csv", [FORMAT_JSON] = "json"};
#define N_FORMATS (sizeof FORMAT_NAMES / sizeof *FORMAT_NAMES)

int output_format_parse(const char *s)
{
    for (size_t f = 0; f < N_FORMATS; f++)
        if (strcmp(s, FORMAT_NAMES[f]) == 0)
            return (int)f;
    return -1;
}

const char *output_format_name(enum output_format f)
{
    return (size_t)f < N_FORMATS ? FORMAT_NAMES[f] : NULL;
}

#define TABLE_MAX_COLS 16

struct table {
    int ncols;
    char **cells; /* row-major, sanitised; row 0 is the header */
    size_t nrows, cap;
    bool *right;
    const struct table_fit *fit;
};

struct table *table_new(int ncols, const char *const *headers,
                        const struct table_fit *fit)
{
    if (ncols < 1 || ncols > TABLE_MAX_COLS)
        return NULL;
    struct table *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->ncols = ncols;
    t->fit = fit;
    t->right = calloc((size_t)ncols, sizeof *t->right);
    table_add(t, headers);
    return t;
}

void table_align_right(struct table *t, int col)
{
    t->right[col] = true;
}

void table_add(struct table *t, const char *const *cells)
{
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        char **v = realloc(t->cells, cap * (size_t)t->ncols * sizeof *v);
        if (!v)
            return;
        t->cells = v;
        t->cap = cap;
    }
    for (int c = 0; c < t->ncols; c++)
        t->cells[t->nrows * (size_t)t->ncols + (size_t)c] =
            text_sanitize(cells[c]);
    t->nrows++;
}

static int table_total(const struct table *t, const int *w, const bool *hidden)
{
    int total = 0, shown = 0;
    for (int c = 0; c < t->ncols; c++)
        if (!hidden[c])
            total += w[c] + (shown++ ? 2 : 0);
    return total;
}

/* Narrow the natural widths w to max_width: shrink first, then leave out
 * the fewest droppable columns that make it fit, shrinking again from the
 * natural widths so that what is shown stays as wide as it can. Columns
 * already hidden (moved below) stay so. */
static void fit_widths(const struct table *t, int *w, bool *hidden,
                       int max_width)
{
    const struct table_fit *f = t->fit;
    int natural[TABLE_MAX_COLS];
    bool moved[TABLE_MAX_COLS];
    memcpy(natural, w, (size_t)t->ncols * sizeof *w);
    memcpy(moved, hidden, (size_t)t->ncols * sizeof *hidden);
    for (int k = 0; k <= f->n_drop; k++) {
        memcpy(w, natural, (size_t)t->ncols * sizeof *w);
        memcpy(hidden, moved, (size_t)t->ncols * sizeof *hidden);
        for (int d = 0; d < k; d++)
            if (f->drop[d] >= 0 && f->drop[d] < t->ncols)
                hidden[f->drop[d]] = true;
        int over = table_total(t, w, hidden) - max_width;
        for (int i = 0; i < f->n_shrink && over > 0; i++) {
            int c = f->shrink[i].col;
            if (c < 0 || c >= t->ncols)
                continue;
            int give = w[c] - f->shrink[i].min;
            if (hidden[c] || give <= 0)
                continue;
            if (give > over)
                give = over;
            w[c] -= give;
            over -= give;
        }
        if (over <= 0)
            return;
    }
}

#define BELOW_INDENT 2

/* The columns of the line under each row: the `below` ones, the others
 * hidden. The last gives up cells if the line is still too wide. */
static void below_widths(const struct table *t, const int *natural, int *w,
                         bool *hidden, int max_width)
{
    const struct table_fit *f = t->fit;
    int last = -1;
    for (int c = 0; c < t->ncols; c++) {
        hidden[c] = true;
        w[c] = natural[c];
    }
    for (int i = 0; i < f->n_below; i++)
        if (f->below[i] >= 0 && f->below[i] < t->ncols) {
            hidden[f->below[i]] = false;
            last = last > f->below[i] ? last : f->below[i];
        }
    int over = BELOW_INDENT + table_total(t, w, hidden) - max_width;
    if (last >= 0 && over > 0)
        w[last] = w[last] - over > 1 ? w[last] - over : 1;
}

static void print_line(const struct table *t, FILE *out, size_t r, const int *w,
                       const bool *hidden, int indent, char **buf, size_t *cap)
{
    int last_shown = t->ncols - 1;
    while (last_shown > 0 && hidden[last_shown])
        last_shown--;
    fprintf(out, "%*s", indent, "");
    for (int c = 0; c < t->ncols; c++) {
        if (hidden[c])
            continue;
        const char *s = t->cells[r * (size_t)t->ncols + (size_t)c];
        bool last = c == last_shown;
        size_t need = strlen(s) + (size_t)w[c] + 8;
        if (need > *cap) {
            char *nb = realloc(*buf, need);
            if (!nb)
                return;
            *buf = nb;
            *cap = need;
        }
        if (t->right[c]) {
            int sw = text_width(s);
            for (int k = sw; k < w[c]; k++)
                fputc(' ', out);
            text_fit_pad(*buf, *cap, s, w[c] < sw ? w[c] : sw, false, true);
        } else {
            text_fit_pad(*buf, *cap, s, w[c], !last, true);
        }
        fputs(*buf, out);
        if (!last)
            fputs("  ", out);
    }
    fputc('\n', out);
}

void table_print(struct table *t, FILE *out, int max_width)
{
    int w[TABLE_MAX_COLS] = {0}, w2[TABLE_MAX_COLS];
    bool hidden[TABLE_MAX_COLS] = {false}, hidden2[TABLE_MAX_COLS];
    for (size_t r = 0; r < t->nrows; r++)
        for (int c = 0; c < t->ncols; c++) {
            int cw = text_width(t->cells[r * (size_t)t->ncols + (size_t)c]);
            if (cw > w[c])
                w[c] = cw;
        }
    bool two_lines = false;
    if (max_width > 0 && t->fit) {
        two_lines =
            t->fit->n_below > 0 && table_total(t, w, hidden) > max_width;
        if (two_lines) {
            below_widths(t, w, w2, hidden2, max_width);
            for (int i = 0; i < t->fit->n_below; i++)
                if (t->fit->below[i] >= 0 && t->fit->below[i] < t->ncols)
                    hidden[t->fit->below[i]] = true;
        }
        fit_widths(t, w, hidden, max_width);
    }
    char *buf = NULL;
    size_t cap = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        print_line(t, out, r, w, hidden, 0, &buf, &cap);
        if (two_lines)
            print_line(t, out, r, w2, hidden2, BELOW_INDENT, &buf, &cap);
    }
    free(buf);
}

void table_free(struct table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++)
        free(t->cells[i]);
    free(t->cells);
    free(t->right);
    free(t);
}

/* Whether out is a terminal: asked once per descriptor, as every CSV
 * field of a large export asks. */
static bool is_terminal(FILE *out)
{
    static int fd = -2;
    static bool tty;
    int f = fileno(out);
    if (f != fd) {
        fd = f;
        tty = f >= 0 && isatty(f);
    }
    return tty;
}

bool csv_needs_guard(const char *s)
{
    if (!s || !*s)
        return false;
    if (*s == '\'')
        return csv_needs_guard(s + 1);
    return strchr("=+-@\t\r", *s) && !text_is_number(s);
}

void csv_unguard(char *s)
{
    if (s[0] == '\'' && csv_needs_guard(s + 1))
        memmove(s, s + 1, strlen(s));
}

static void csv_write(FILE *out, const char *s, bool last)
{
    bool quote = strpbrk(s, ",\"\r\n") != NULL || *s == ' ';
    /* A leading = + - @ tab or CR makes spreadsheets run the cell as a
     * formula (-1+cmd|' /C calc'!A0); a ' before it shows it as text, and
     * is taken off again by import (csv_unguard), so the data is exact. */
    bool formula = csv_needs_guard(s);
    if (quote || formula)
        fputc('"', out);
    if (formula)
        fputc('\'', out);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', out);
        fputc(*p, out);
    }
    if (quote || formula)
        fputc('"', out);
    fputs(last ? "\r\n" : ",", out);
}

void csv_field(FILE *out, const char *s, bool last)
{
    if (!s)
        s = "";
    /* On a terminal, people read it: no escape sequence gets through. A
     * file or a pipe gets the exact data. */
    if (is_terminal(out)) {
        char *safe = text_sanitize(s);
        csv_write(out, safe ? safe : "", last);
        free(safe);
        return;
    }
    csv_write(out, s, last);
}

void json_string(FILE *out, const char *s)
{
    if (!s)
        s = "";
    size_t n = strlen(s), i = 0, run = 0;
    fputc('"', out);
    const unsigned char *u = (const unsigned char *)s;
    while (i < n) {
        /* Fast paths, written later with the rest of their run: printable
         * ASCII, and three-byte UTF-8 in E1..EC / EE..EF (all of CJK) with
         * two continuation bytes, which is no control character (E2, with
         * the separators and the bidirectional marks, goes the slow way). */
        if (u[i] >= 0x20 && u[i] < 0x7F && u[i] != '"' && u[i] != '\\') {
            i++;
            continue;
        }
        if (i + 2 < n && ((u[i] >= 0xE1 && u[i] <= 0xEC) || u[i] >= 0xEE) &&
            u[i] <= 0xEF && (u[i + 1] & 0xC0) == 0x80 &&
            (u[i + 2] & 0xC0) == 0x80 && u[i] != 0xE2) {
            i += 3;
            continue;
        }
        uint32_t cp;
        size_t k = text_decode(s + i, n - i, &cp);
        /* The bidirectional overrides are escaped too: valid either way,
         * and a terminal then shows what the text is. */
        bool plain = cp >= 0x20 && cp != '"' && cp != '\\' && cp != 0x7F &&
                     !(cp >= 0x80 && cp < 0xA0) && cp != 0x2028 &&
                     cp != 0x2029 && !(cp >= 0x202A && cp <= 0x202E) &&
                     !(cp >= 0x2066 && cp <= 0x2069) &&
                     !(cp == 0xFFFD && k == 1);
        if (plain) {
            i += k;
            continue;
        }
        fwrite(s + run, 1, i - run, out);
        if (cp == '"' || cp == '\\')
            fprintf(out, "\\%c", (char)cp);
        else if (cp == '\n')
            fputs("\\n", out);
        else if (cp == '\t')
            fputs("\\t", out);
        else if (cp == 0xFFFD) /* an invalid byte */
            fputs("\xEF\xBF\xBD", out);
        else
            fprintf(out, "\\u%04x", cp);
        i += k;
        run = i;
    }
    fwrite(s + run, 1, i - run, out);
    fputc('"', out);
}

void json_number(FILE *out, double v)
{
    char buf[64];
    if (!isfinite(v)) {
        fputs("null", out);
        return;
    }
    text_format_exact(v, buf, sizeof buf);
    fputs(buf, out);
}

#define CSV_MAX_RECORD (1u << 20)

static bool csv_push(struct csv_reader *r, size_t *len, char c)
{
    if (*len + 1 >= r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 256;
        if (cap > CSV_MAX_RECORD)
            return false;
        char *b = realloc(r->buf, cap);
        if (!b)
            return false;
        r->buf = b;
        r->cap = cap;
    }
    r->buf[(*len)++] = c;
    return true;
}

static int csv_getc(struct csv_reader *r)
{
    return r->pos < r->len ? (unsigned char)r->data[r->pos++] : EOF;
}

int csv_read(struct csv_reader *r)
{
    size_t len = 0, nf = 0;
    size_t starts[256];
    bool quoted = false, any = false;
    int c;
    if (!r->next_line)
        r->next_line = 1;
    r->line = r->next_line;
    r->nul = false;
    starts[nf++] = 0;
    while ((c = csv_getc(r)) != EOF) {
        any = true;
        if (c == '\0')
            r->nul = true;
        if (quoted) {
            if (c == '"') {
                int d = csv_getc(r);
                if (d == '"') {
                    if (!csv_push(r, &len, '"'))
                        return -1;
                    continue;
                }
                quoted = false;
                if (d == EOF)
                    break;
                r->pos--;
                continue;
            }
            if (c == '\n')
                r->next_line++;
            if (!csv_push(r, &len, (char)c))
                return -1;
            continue;
        }
        if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            if (!csv_push(r, &len, '\0') ||
                nf == sizeof starts / sizeof *starts)
                return -1;
            starts[nf++] = len;
        } else if (c == '\r') {
            continue;
        } else if (c == '\n') {
            break;
        } else if (!csv_push(r, &len, (char)c)) {
            return -1;
        }
    }
    r->next_line += any;
    if (!any)
        return 0;
    if (quoted || !csv_push(r, &len, '\0'))
        return -1;
    if (nf > r->fcap) {
        char **f = realloc(r->fields, nf * sizeof *f);
        if (!f)
            return -1;
        r->fields = f;
        r->fcap = nf;
    }
    for (size_t i = 0; i < nf; i++)
        r->fields[i] = r->buf + starts[i];
    return (int)nf;
}

void csv_reader_free(struct csv_reader *r)
{
    free(r->buf);
    free(r->fields);
    r->buf = NULL;
    r->fields = NULL;
}
