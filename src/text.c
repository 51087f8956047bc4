/* Text: UTF-8, display width, truncation, sanitising, number and date
 * parsing. The one place that knows how wide a character is. */
#include "plantrack/text.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "plantrack/i18n.h"

bool text_init(void)
{
    const char *cs = nl_langinfo(CODESET);
    bool utf8 = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
    /* Plan text is UTF-8 whatever the user's locale; wcwidth needs a UTF-8
     * LC_CTYPE to measure it. C.UTF-8 ships with glibc. */
    if (!utf8 && !setlocale(LC_CTYPE, "C.UTF-8"))
        setlocale(LC_CTYPE, "C.utf8");
    return utf8;
}

size_t text_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n == 0) {
        *cp = 0;
        return 0;
    }
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    size_t len;
    uint32_t c, min;
    if ((u[0] & 0xE0) == 0xC0) {
        len = 2, c = u[0] & 0x1F, min = 0x80;
    } else if ((u[0] & 0xF0) == 0xE0) {
        len = 3, c = u[0] & 0x0F, min = 0x800;
    } else if ((u[0] & 0xF8) == 0xF0) {
        len = 4, c = u[0] & 0x07, min = 0x10000;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (len > n) {
        *cp = 0xFFFD;
        return 1;
    }
    for (size_t i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        c = (c << 6) | (u[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = c;
    return len;
}

static bool is_control(uint32_t cp)
{
    /* C0, DEL, C1, and the bidirectional overrides that can make text read
     * differently from what it is ("Trojan Source"). */
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
           cp == 0x2028 || cp == 0x2029;
}

int text_cp_width(uint32_t cp)
{
    if (is_control(cp))
        return 1;
    int w = wcwidth((wchar_t)cp);
    return w < 0 ? 1 : w;
}

int text_width_n(const char *s, size_t n)
{
    int w = 0;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        i += text_decode(s + i, n - i, &cp);
        w += text_cp_width(cp);
    }
    return w;
}

int text_width(const char *s)
{
    return s ? text_width_n(s, strlen(s)) : 0;
}

size_t text_fit_n(const char *s, size_t n, int cols)
{
    size_t i = 0;
    int w = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = text_decode(s + i, n - i, &cp);
        int cw = text_cp_width(cp);
        if (w + cw > cols)
            break;
        w += cw;
        i += k;
    }
    return i;
}

size_t text_fit(const char *s, int cols)
{
    return text_fit_n(s, strlen(s), cols);
}

static bool is_space(uint32_t cp)
{
    return cp == ' ' || cp == 0x3000;
}

/* Punctuation a line may not start with (closing) or end with (opening). */
static bool is_closing(uint32_t cp)
{
    static const char closing[] = ",.;:!?)]}%\"'";
    static const uint32_t wide[] = {0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1B,
                                    0xFF1A, 0xFF01, 0xFF1F, 0xFF09, 0x300D,
                                    0x300F, 0x300B, 0x3009, 0x3011, 0x201D,
                                    0x2019, 0x2026, 0xFF05, 0x3015, 0xFF3D};
    if (cp < 0x80)
        return cp && strchr(closing, (int)cp) != NULL;
    for (size_t i = 0; i < sizeof wide / sizeof *wide; i++)
        if (wide[i] == cp)
            return true;
    return false;
}

static bool is_opening(uint32_t cp)
{
    static const uint32_t open[] = {'(',    '[',    '{',    0xFF08, 0x300C,
                                    0x300E, 0x300A, 0x3008, 0x3010, 0x201C,
                                    0x2018, 0x3014, 0xFF3B};
    for (size_t i = 0; i < sizeof open / sizeof *open; i++)
        if (open[i] == cp)
            return true;
    return false;
}

/* May a line end between a and b? */
static bool may_break(uint32_t a, uint32_t b)
{
    if (is_space(b))
        return true;
    if (is_closing(b) || is_opening(a))
        return false;
    return is_space(a) || text_cp_width(a) == 2 || text_cp_width(b) == 2;
}

size_t text_wrap_n(const char *s, size_t n, int cols, size_t *next)
{
    size_t fit = text_fit_n(s, n, cols);
    if (fit == 0 && n > 0) { /* one wide character in a tiny room */
        uint32_t cp;
        fit = text_decode(s, n, &cp);
    }
    size_t end = fit;
    if (fit < n) {
        size_t brk = 0, i = 0;
        uint32_t a = 0, b;
        while (i <= fit && i < n) {
            size_t k = text_decode(s + i, n - i, &b);
            if (i > 0 && may_break(a, b))
                brk = i;
            a = b;
            i += k;
        }
        if (brk > 0)
            end = brk;
    }
    size_t at = end;
    while (at < n) {
        uint32_t cp;
        size_t k = text_decode(s + at, n - at, &cp);
        if (!is_space(cp))
            break;
        at += k;
    }
    while (end > 0 && s[end - 1] == ' ')
        end--;
    if (end == 0 && at == 0) /* progress even on a line of one space */
        end = at = fit;
    *next = at;
    return end;
}

/* Append the encoding of cp to buf at *pos if it fits (keeping room for NUL).
 */
static bool put_cp(char *buf, size_t cap, size_t *pos, uint32_t cp)
{
    char tmp[4];
    size_t k;
    if (cp < 0x80) {
        tmp[0] = (char)cp, k = 1;
    } else if (cp < 0x800) {
        tmp[0] = (char)(0xC0 | (cp >> 6));
        tmp[1] = (char)(0x80 | (cp & 0x3F));
        k = 2;
    } else if (cp < 0x10000) {
        tmp[0] = (char)(0xE0 | (cp >> 12));
        tmp[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        tmp[2] = (char)(0x80 | (cp & 0x3F));
        k = 3;
    } else {
        tmp[0] = (char)(0xF0 | (cp >> 18));
        tmp[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        tmp[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        tmp[3] = (char)(0x80 | (cp & 0x3F));
        k = 4;
    }
    if (*pos + k + 1 > cap)
        return false;
    memcpy(buf + *pos, tmp, k);
    *pos += k;
    buf[*pos] = '\0';
    return true;
}

static uint32_t safe_cp(uint32_t cp, bool utf8)
{
    if (cp == '\n' || cp == '\t' || cp == '\r')
        return ' ';
    if (is_control(cp) || cp == 0xFFFD)
        return utf8 ? 0xFFFD : '?';
    /* A terminal that is not UTF-8 (GBK…) would show UTF-8 garbled: a
     * mark per cell instead. */
    if (!utf8 && cp >= 0x80)
        return '?';
    return cp;
}

int text_fit_pad(char *dst, size_t cap, const char *s, int cols, bool pad,
                 bool utf8)
{
    size_t pos = 0;
    if (cap == 0)
        return 0;
    dst[0] = '\0';
    if (cols <= 0)
        return 0;
    if (!s)
        s = "";
    int total = text_width(s);
    int budget = total <= cols ? cols : cols - 1; /* room for the mark */
    size_t n = strlen(s), i = 0;
    int w = 0;
    while (i < n) {
        uint32_t cp;
        i += text_decode(s + i, n - i, &cp);
        cp = safe_cp(cp, utf8);
        int cw = text_cp_width(cp);
        if (w + cw > budget)
            break;
        if (!put_cp(dst, cap, &pos, cp))
            break;
        w += cw;
    }
    if (total > cols) {
        /* A wide character that did not fit leaves a gap before the mark. */
        while (w < cols - 1 && put_cp(dst, cap, &pos, ' '))
            w++;
        if (put_cp(dst, cap, &pos, '~'))
            w++;
    }
    while (pad && w < cols && put_cp(dst, cap, &pos, ' '))
        w++;
    return w;
}

/* A copy of s with every code point passed through map. */
static char *map_cps(const char *s, size_t bytes_per_byte,
                     uint32_t (*map)(uint32_t cp, bool utf8))
{
    size_t n = strlen(s), cap = n * bytes_per_byte + 1, pos = 0, i = 0;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    out[0] = '\0';
    while (i < n) {
        uint32_t cp;
        i += text_decode(s + i, n - i, &cp);
        put_cp(out, cap, &pos, map(cp, true));
    }
    return out;
}

char *text_sanitize(const char *s)
{
    /* An invalid byte becomes U+FFFD: three bytes for one. */
    return map_cps(s ? s : "", 3, safe_cp);
}

static bool is_space_at(const char *s, size_t *len)
{
    if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
        *len = 1;
        return true;
    }
    if ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 &&
        (unsigned char)s[2] == 0x80) { /* U+3000 ideographic space */
        *len = 3;
        return true;
    }
    return false;
}

char *text_trim(char *s)
{
    size_t len;
    char *p = s;
    while (*p && is_space_at(p, &len))
        p += len;
    if (p != s)
        memmove(s, p, strlen(p) + 1);
    size_t n = strlen(s);
    for (;;) {
        if (n >= 1 && is_space_at(s + n - 1, &len) && len == 1)
            n -= 1;
        else if (n >= 3 && is_space_at(s + n - 3, &len) && len == 3)
            n -= 3;
        else
            break;
        s[n] = '\0';
    }
    return s;
}

/* Full-width forms typed by Chinese input methods, as ASCII. */
static uint32_t halfwidth_cp(uint32_t cp, bool utf8)
{
    (void)utf8;
    if (cp >= 0xFF01 && cp <= 0xFF5E)
        return cp - 0xFEE0;
    if (cp == 0x3000)
        return ' ';
    if (cp == 0x3001) /* 、 used as a list comma */
        return ',';
    return cp;
}

char *text_halfwidth(const char *s)
{
    return map_cps(s, 1, halfwidth_cp);
}

/* Next code point of s at *i, full-width folded to ASCII. */
static uint32_t next_ascii(const char *s, size_t n, size_t *i)
{
    uint32_t cp;
    *i += text_decode(s + *i, n - *i, &cp);
    return halfwidth_cp(cp, true);
}

static uint32_t peek_ascii(const char *s, size_t n, size_t i)
{
    return i < n ? next_ascii(s, n, &i) : 0;
}

static bool is_digit(uint32_t c)
{
    return c >= '0' && c <= '9';
}

/* Number of digits from position i (folded), stopping at a non-digit. */
static int count_digits(const char *s, size_t n, size_t i)
{
    int k = 0;
    while (i < n && is_digit(next_ascii(s, n, &i)))
        k++;
    return k;
}

int text_parse_number(const char *s, double *out, const char **rest, char *err,
                      size_t errlen)
{
    char buf[128];
    size_t n = strlen(s), i = 0, b = 0;
    while (i < n) { /* leading spaces */
        size_t j = i;
        uint32_t c = next_ascii(s, n, &j);
        if (c != ' ' && c != '\t')
            break;
        i = j;
    }
    if (i >= n) {
        snprintf(err, errlen, "%s", _("empty: a number is needed"));
        return -1;
    }
    uint32_t c = peek_ascii(s, n, i);
    if (c == '+' || c == '-' || c == 0x2212 /* minus sign */) {
        buf[b++] = c == '+' ? '+' : '-';
        next_ascii(s, n, &i);
    }
    int int_digits = 0, frac_digits = 0, group = 0;
    bool grouped = false;
    while (i < n && b < sizeof buf - 32) {
        size_t j = i;
        c = next_ascii(s, n, &j);
        if (is_digit(c)) {
            buf[b++] = (char)c;
            int_digits++;
            group++;
            i = j;
            continue;
        }
        bool sep = c == ',' || c == ' ' || c == '\'';
        if (!sep || int_digits == 0 || !is_digit(peek_ascii(s, n, j)))
            break;
        /* "5 万吨", "2025 6": a space not before three digits ends it. */
        if (c == ' ' && count_digits(s, n, j) != 3)
            break;
        if (grouped ? group != 3 : group > 3)
            goto bad_groups;
        grouped = true;
        group = 0;
        i = j;
    }
    if (grouped && group != 3)
        goto bad_groups;
    if (peek_ascii(s, n, i) == '.') {
        next_ascii(s, n, &i);
        buf[b++] = '.';
        while (i < n && b < sizeof buf - 16 && is_digit(peek_ascii(s, n, i))) {
            buf[b++] = (char)next_ascii(s, n, &i);
            frac_digits++;
        }
    }
    if (int_digits == 0 && frac_digits == 0) {
        snprintf(err, errlen, _("'%s' is not a number"), s);
        return -1;
    }
    c = peek_ascii(s, n, i);
    if (c == 'e' || c == 'E') {
        size_t j = i;
        next_ascii(s, n, &j);
        char sign = 0;
        uint32_t d = peek_ascii(s, n, j);
        if (d == '+' || d == '-') {
            sign = (char)d;
            next_ascii(s, n, &j);
        }
        if (is_digit(peek_ascii(s, n, j))) {
            buf[b++] = 'e';
            if (sign)
                buf[b++] = sign;
            while (j < n && b < sizeof buf - 2 && is_digit(peek_ascii(s, n, j)))
                buf[b++] = (char)next_ascii(s, n, &j);
            i = j;
        }
    }
    buf[b] = '\0';
    if (b >= sizeof buf - 2) {
        snprintf(err, errlen, _("'%.40s…' is too long for a number"), s);
        return -1;
    }
    errno = 0;
    char *end;
    double v = strtod(buf, &end);
    if (*end != '\0' || end == buf) {
        snprintf(err, errlen, _("'%s' is not a number"), s);
        return -1;
    }
    /* A very small number is kept (strtod says ERANGE for it too); one so
     * small it became 0, or so large it became infinite, is refused. */
    if ((errno == ERANGE && v == 0) || !isfinite(v)) {
        snprintf(err, errlen, _("'%s' is out of range"), s);
        return -1;
    }
    if (v == 0)
        v = 0;      /* -0 → 0 */
    while (i < n) { /* spaces before a unit */
        size_t j = i;
        c = next_ascii(s, n, &j);
        if (c != ' ' && c != '\t')
            break;
        i = j;
    }
    /* 千/万/亿 multiply in words; a figure must be in the target's unit. */
    const char *mult[] = {"千", "万", "亿", "百"};
    for (size_t k = 0; k < sizeof mult / sizeof *mult; k++) {
        size_t ml = strlen(mult[k]);
        if (strncmp(s + i, mult[k], ml) == 0 &&
            (s[i + ml] == '\0' || strchr(" \t", s[i + ml]))) {
            snprintf(err, errlen,
                     _("'%s': write the whole number in digits (5千 is 5000)"),
                     s);
            return -1;
        }
    }
    *out = v;
    if (rest)
        *rest = s + i;
    return 0;
bad_groups:
    snprintf(err, errlen,
             _("'%s': digit groups must have three digits (5,000 or 5000)"), s);
    return -1;
}

bool date_valid(int y, int m, int d)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int max = mdays[m - 1] + (m == 2 && leap);
    return d <= max;
}

static int read_int(const char *s, size_t n, size_t *i, int maxdigits, int *out)
{
    int v = 0, k = 0;
    while (*i < n && k < maxdigits && is_digit(peek_ascii(s, n, *i))) {
        v = v * 10 + (int)(next_ascii(s, n, i) - '0');
        k++;
    }
    *out = v;
    return k;
}

int text_parse_date(const char *s, struct pt_date *out, char *err,
                    size_t errlen)
{
    size_t n = strlen(s), i = 0;
    int y, m, d;
    while (i < n && (peek_ascii(s, n, i) == ' '))
        next_ascii(s, n, &i);
    if (i >= n) {
        snprintf(err, errlen, "%s", _("empty: a date is needed (YYYY-MM-DD)"));
        return -1;
    }
    if (read_int(s, n, &i, 4, &y) != 4)
        goto bad;
    uint32_t sep = peek_ascii(s, n, i);
    bool chinese = strncmp(s + i, "年", 3) == 0;
    if (!chinese && sep != '-' && sep != '/' && sep != '.')
        goto bad;
    if (chinese)
        i += 3;
    else
        next_ascii(s, n, &i);
    int km = read_int(s, n, &i, 2, &m);
    if (km < 1)
        goto bad;
    if (chinese) {
        if (strncmp(s + i, "月", 3) != 0)
            goto bad;
        i += 3;
    } else {
        if (peek_ascii(s, n, i) != sep)
            goto bad;
        next_ascii(s, n, &i);
    }
    if (read_int(s, n, &i, 2, &d) < 1)
        goto bad;
    if (chinese && strncmp(s + i, "日", 3) == 0)
        i += 3;
    while (i < n && peek_ascii(s, n, i) == ' ')
        next_ascii(s, n, &i);
    if (i != n)
        goto bad;
    if (!date_valid(y, m, d)) {
        snprintf(err, errlen, _("'%s' is not a calendar date"), s);
        return -1;
    }
    out->y = y, out->m = m, out->d = d;
    return 0;
bad:
    snprintf(err, errlen, _("'%s' is not a date: write YYYY-MM-DD"), s);
    return -1;
}

/* Howard Hinnant's days_from_civil. */
long date_days(struct pt_date dt)
{
    long y = dt.y - (dt.m <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long mp = (dt.m + 9) % 12;
    long doy = (153 * mp + 2) / 5 + dt.d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct pt_date date_from_days(long z)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    struct pt_date r = {(int)(y + (m <= 2)), (int)m, (int)d};
    return r;
}

double date_year_fraction(struct pt_date d)
{
    /* Days before each month in a common year. */
    static const int before[] = {0,   31,  59,  90,  120, 151,
                                 181, 212, 243, 273, 304, 334};
    bool leap = (d.y % 4 == 0 && d.y % 100 != 0) || d.y % 400 == 0;
    int doy = before[(d.m - 1) % 12] + d.d + (leap && d.m > 2);
    return d.y + (double)doy / (leap ? 366.0 : 365.0);
}

void date_format(struct pt_date d, char buf[11])
{
    unsigned y = (unsigned)d.y % 10000, m = (unsigned)d.m % 100,
             dd = (unsigned)d.d % 100;
    buf[0] = (char)('0' + y / 1000), buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10), buf[3] = (char)('0' + y % 10);
    buf[4] = '-', buf[5] = (char)('0' + m / 10), buf[6] = (char)('0' + m % 10);
    buf[7] = '-', buf[8] = (char)('0' + dd / 10);
    buf[9] = (char)('0' + dd % 10), buf[10] = '\0';
}

struct pt_date date_today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    struct pt_date d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    return d;
}

bool time_parse_utc(const char *iso, time_t *out)
{
    struct tm tm = {0};
    if (!iso || sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon,
                       &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
        return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    *out = timegm(&tm);
    return *out != (time_t)-1;
}

void time_local_minute(time_t t, char *buf, size_t len)
{
    struct tm local;
    if (!localtime_r(&t, &local) ||
        strftime(buf, len, "%Y-%m-%d %H:%M", &local) == 0)
        snprintf(buf, len, "?");
}

time_t date_local_start(struct pt_date d)
{
    struct tm tm = {.tm_year = d.y - 1900,
                    .tm_mon = d.m - 1,
                    .tm_mday = d.d,
                    .tm_isdst = -1};
    return mktime(&tm);
}

int date_cmp(struct pt_date a, struct pt_date b)
{
    long x = date_days(a), y = date_days(b);
    return (x > y) - (x < y);
}

/* The decimal digits of v (no leading or trailing zeros) and the
 * exponent of the first: v = 0.D × 10^(exp + 1). `sig` significant digits
 * at most; with sig 0, the fewest that read back as v. */
static void decimal_digits(double v, int sig, char *digits, int *exp)
{
    char tmp[40];
    if (sig > 0) {
        snprintf(tmp, sizeof tmp, "%.*e", sig - 1, v);
    } else {
        for (int p = 1; p <= 17; p++) {
            snprintf(tmp, sizeof tmp, "%.*e", p - 1, v);
            if (strtod(tmp, NULL) == v)
                break;
        }
    }
    /* tmp is [-]d.ddde±XX */
    const char *p = tmp + (tmp[0] == '-');
    size_t n = 0;
    for (; *p && *p != 'e'; p++)
        if (*p != '.')
            digits[n++] = *p;
    digits[n] = '\0';
    *exp = *p == 'e' ? atoi(p + 1) : 0;
    while (n > 1 && digits[n - 1] == '0')
        digits[--n] = '\0';
}

/* Digits and exponent written out: positional between lo and hi, else as
 * d.ddde±X. */
static void render(bool neg, const char *d, int exp, int lo, int hi, char *buf,
                   size_t len)
{
    char out[400];
    size_t n = strlen(d), k = 0;
    if (neg)
        out[k++] = '-';
    if (exp < lo || exp >= hi) {
        out[k++] = d[0];
        if (n > 1) {
            out[k++] = '.';
            memcpy(out + k, d + 1, n - 1);
            k += n - 1;
        }
        snprintf(out + k, sizeof out - k, "e%c%d", exp < 0 ? '-' : '+',
                 exp < 0 ? -exp : exp);
    } else if (exp >= 0) {
        for (int i = 0; i <= exp || (size_t)i < n; i++) {
            if (i == exp + 1)
                out[k++] = '.';
            out[k++] = (size_t)i < n ? d[i] : '0';
        }
        out[k] = '\0';
    } else {
        out[k++] = '0';
        out[k++] = '.';
        for (int i = 0; i < -exp - 1; i++)
            out[k++] = '0';
        memcpy(out + k, d, n + 1);
    }
    snprintf(buf, len, "%s", out);
}

void text_format_exact(double v, char *buf, size_t len)
{
    char d[40];
    int exp;
    if (v == 0 || !isfinite(v)) {
        snprintf(buf, len, "%s", v == 0 ? "0" : isnan(v) ? "nan" : "inf");
        return;
    }
    decimal_digits(v, 0, d, &exp);
    render(v < 0, d, exp, -4, 16, buf, len);
}

void text_format_number(double v, char *buf, size_t len)
{
    char d[40];
    int exp;
    if (v == 0 || !isfinite(v)) {
        snprintf(buf, len, "%s", v == 0 ? "0" : isnan(v) ? "nan" : "inf");
        return;
    }
    /* Fifteen significant digits show every figure as it was typed and
     * drop the noise of binary fractions (0.1 + 0.2); a very small or very
     * large one keeps six, with its power of ten, never rounded to 0. */
    double a = fabs(v);
    bool plain = a >= 1e-6 && a < 1e15;
    decimal_digits(v, plain ? 15 : 6, d, &exp);
    render(v < 0, d, exp, -6, 15, buf, len);
}

void text_format_rounded(double v, int decimals, char *buf, size_t len)
{
    double scale = pow(10, decimals);
    double r = round(v * scale) / scale;
    /* A figure rounding to 0 (or past the largest double) is shown as it
     * is, with its power of ten. */
    text_format_number(isfinite(r) && (r != 0 || v == 0) ? r : v, buf, len);
}

bool text_is_number(const char *s)
{
    const char *p = s;
    bool digits = false;
    if (*p == '+' || *p == '-')
        p++;
    while (*p >= '0' && *p <= '9')
        p++, digits = true;
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9')
            p++, digits = true;
    }
    if (!digits)
        return false;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!(*p >= '0' && *p <= '9'))
            return false;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    return *p == '\0';
}

int text_parse_exact(const char *s, double *out)
{
    if (!text_is_number(s) || strlen(s) > 400)
        return -1;
    errno = 0;
    double v = strtod(s, NULL);
    if (!isfinite(v) || (errno == ERANGE && v == 0))
        return -1;         /* not a number a double holds, not even roughly */
    *out = v == 0 ? 0 : v; /* -0 → 0 */
    return 0;
}

int text_edit_distance(const char *a, const char *b)
{
    uint32_t x[64], y[64];
    size_t na = 0, nb = 0, i = 0, la = strlen(a), lb = strlen(b);
    while (i < la && na < 64)
        i += text_decode(a + i, la - i, &x[na++]);
    i = 0;
    while (i < lb && nb < 64)
        i += text_decode(b + i, lb - i, &y[nb++]);
    int row[65];
    for (size_t j = 0; j <= nb; j++)
        row[j] = (int)j;
    for (size_t k = 1; k <= na; k++) {
        int prev = row[0];
        row[0] = (int)k;
        for (size_t j = 1; j <= nb; j++) {
            int cur = row[j];
            int sub = prev + (x[k - 1] != y[j - 1]);
            int del = row[j] + 1, ins = row[j - 1] + 1;
            row[j] =
                sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            prev = cur;
        }
    }
    return row[nb];
}
