/* Recognising and converting the encoding of a spreadsheet's file. Which
 * legacy encoding a file is in cannot be known for sure: GBK and Big5 share
 * their byte ranges, so Big5 text reads as GBK without an error, only as
 * nonsense (目標 becomes ヘ夹). What decides is which reading looks like
 * ordinary Chinese: in GBK the common characters have lead bytes B0-F7 and
 * trail bytes A1-FE (GB2312), in Big5 lead bytes A4-F9. */
#include "plantrack/encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plantrack/i18n.h"

/* The length of the well-formed UTF-8 sequence at s (at most n bytes), or
 * 0 when there is none (overlong, surrogate, beyond U+10FFFF, cut). */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (len == 0 || c > 0xF4 || len > n)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F) ||
        (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))
        return 0;
    return len;
}

/* Of the double-byte characters of data read as a legacy encoding, how
 * many look like common text, per thousand; -1 when data cannot be read
 * that way at all. */
static int plausible_gbk(const unsigned char *d, size_t n)
{
    size_t all = 0, common = 0;
    for (size_t i = 0; i < n;) {
        unsigned a = d[i];
        if (a < 0x80) {
            i++;
            continue;
        }
        if (a == 0x80 || a == 0xFF || i + 1 >= n)
            return -1;
        unsigned b = d[i + 1];
        if (b >= 0x30 && b <= 0x39) { /* a four-byte GB18030 sequence */
            if (i + 3 >= n || d[i + 2] < 0x81 || d[i + 2] > 0xFE ||
                d[i + 3] < 0x30 || d[i + 3] > 0x39)
                return -1;
            all++; /* rare in text from a spreadsheet */
            i += 4;
            continue;
        }
        if (b < 0x40 || b == 0x7F || b == 0xFF)
            return -1;
        all++;
        common +=
            ((a >= 0xB0 && a <= 0xF7) || (a >= 0xA1 && a <= 0xA3)) && b >= 0xA1;
        i += 2;
    }
    return all ? (int)(common * 1000 / all) : 1000;
}

static int plausible_big5(const unsigned char *d, size_t n)
{
    size_t all = 0, common = 0;
    for (size_t i = 0; i < n;) {
        unsigned a = d[i];
        if (a < 0x80) {
            i++;
            continue;
        }
        if (a < 0xA1 || a == 0xFF || i + 1 >= n)
            return -1;
        unsigned b = d[i + 1];
        if (!((b >= 0x40 && b <= 0x7E) || (b >= 0xA1 && b <= 0xFE)))
            return -1;
        all++;
        common += (a >= 0xA4 && a <= 0xC6) || (a >= 0xA1 && a <= 0xA3);
        i += 2;
    }
    return all ? (int)(common * 1000 / all) : 1000;
}

enum encoding encoding_sniff(const char *data, size_t len, size_t *bad)
{
    const unsigned char *d = (const unsigned char *)data;
    *bad = 0;
    if (len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF)
        return ENC_UTF8_BOM;
    if (len >= 2 && d[0] == 0xFF && d[1] == 0xFE)
        return ENC_UTF16LE;
    if (len >= 2 && d[0] == 0xFE && d[1] == 0xFF)
        return ENC_UTF16BE;
    /* Well-formed multi-byte sequences against bytes that are not: a GBK
     * file has a few of the first by chance, a UTF-8 file with a damaged
     * row (whose line the import names) a few of the second. */
    size_t i = 0, multi = 0, broken = 0;
    bool first = true;
    while (i < len) {
        size_t n = utf8_seq(d + i, len - i);
        if (n > 1)
            multi++;
        if (n)
            i += n;
        else {
            if (first)
                *bad = i;
            first = false;
            broken++;
            i++;
        }
    }
    if (!broken || multi > 4 * broken)
        return ENC_UTF8;
    int gbk = plausible_gbk(d, len), big5 = plausible_big5(d, len);
    /* GBK unless Big5 reads clearly better: mainland files are GBK. */
    if (gbk >= 0 && (big5 < 0 || gbk >= big5 - 100) && gbk >= 500)
        return ENC_GB18030;
    if (big5 >= 0 && big5 >= 500)
        return ENC_BIG5;
    return ENC_UNKNOWN;
}

const char *encoding_name(enum encoding e)
{
    switch (e) {
    case ENC_UTF8:
        return "UTF-8";
    case ENC_UTF8_BOM:
        return _("UTF-8 with a BOM");
    case ENC_UTF16LE:
        return "UTF-16LE";
    case ENC_UTF16BE:
        return "UTF-16BE";
    case ENC_GB18030:
        return "GB18030 (GBK)";
    case ENC_BIG5:
        return _("Big5 (traditional Chinese)");
    default:
        return _("an unknown encoding");
    }
}

static int convert(const char *from, const char *data, size_t len, char **out,
                   size_t *out_len, char *why, size_t why_len)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) {
        snprintf(why, why_len, _("cannot convert from %s: %s"), from,
                 strerror(errno));
        return -1;
    }
    size_t cap = len * 2 + 16, used = 0;
    char *buf = malloc(cap);
    char *in = (char *)data;
    size_t left = len;
    int rc = 0;
    while (buf && left > 0) {
        char *o = buf + used;
        size_t room = cap - used - 1;
        size_t r = iconv(cd, &in, &left, &o, &room);
        used = (size_t)(o - buf);
        if (r != (size_t)-1)
            continue;
        if (errno == E2BIG) {
            char *b = realloc(buf, cap * 2);
            if (!b)
                break;
            buf = b;
            cap *= 2;
            continue;
        }
        snprintf(why, why_len,
                 _("byte %zu cannot be read as %s: save the file as 'CSV "
                   "UTF-8' in Excel or WPS"),
                 (size_t)(in - data) + 1, from);
        rc = -1;
        break;
    }
    iconv_close(cd);
    if (!buf) {
        snprintf(why, why_len, "out of memory");
        return -1;
    }
    if (rc < 0) {
        free(buf);
        return -1;
    }
    buf[used] = '\0';
    *out = buf;
    *out_len = used;
    return 0;
}

int encoding_to_utf8(const char *data, size_t len, enum encoding e, char **out,
                     size_t *out_len, char *why, size_t why_len)
{
    *out = NULL;
    *out_len = 0;
    switch (e) {
    case ENC_UTF8:
    case ENC_UTF8_BOM: {
        size_t skip = e == ENC_UTF8_BOM ? 3 : 0;
        char *b = malloc(len - skip + 1);
        if (!b) {
            snprintf(why, why_len, "out of memory");
            return -1;
        }
        memcpy(b, data + skip, len - skip);
        b[len - skip] = '\0';
        *out = b;
        *out_len = len - skip;
        return 0;
    }
    case ENC_UTF16LE:
    case ENC_UTF16BE:
        /* iconv's "UTF-16" reads the BOM and drops it. */
        if (convert("UTF-16", data, len, out, out_len, why, why_len) < 0)
            return -1;
        break;
    case ENC_GB18030:
        return convert("GB18030", data, len, out, out_len, why, why_len);
    case ENC_BIG5:
        snprintf(why, why_len,
                 _("the file is in Big5 (traditional Chinese), not UTF-8: "
                   "save it as 'CSV UTF-8' in Excel or WPS and import that"));
        return -1;
    default: {
        size_t bad;
        encoding_sniff(data, len, &bad);
        snprintf(why, why_len,
                 _("the file is neither UTF-8 nor GB18030/GBK (byte %zu is "
                   "not UTF-8): save it as 'CSV UTF-8' in Excel or WPS and "
                   "import that"),
                 bad + 1);
        return -1;
    }
    }
    /* A converted file may still open with U+FEFF. */
    if (*out_len >= 3 && memcmp(*out, "\xEF\xBB\xBF", 3) == 0) {
        memmove(*out, *out + 3, *out_len - 2);
        *out_len -= 3;
    }
    return 0;
}
