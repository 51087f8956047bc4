/* Files from spreadsheets: UTF-8 with or without BOM read as is; GBK read
 * as GBK; Big5, which also reads as GBK without an error, refused by name;
 * bytes that are neither refused, never stored. */
#include <stdlib.h>

#include "plantrack/encoding.h"
#include "unit.h"

/* "目标编号,日期,数值,来源,备注\r\nmini/pm25-2025,2025-06-30,24,
 * 市生态环境局,上半年\r\n" in GBK. */
static const char GBK[] =
    "\xc4\xbf\xb1\xea\xb1\xe0\xba\xc5,\xc8\xd5\xc6\xda,\xca\xfd\xd6\xb5,"
    "\xc0\xb4\xd4\xb4,\xb1\xb8\xd7\xa2\r\nmini/pm25-2025,2025-06-30,24,"
    "\xca\xd0\xc9\xfa\xcc\xac\xbb\xb7\xbe\xb3\xbe\xd6,\xc9\xcf\xb0\xeb"
    "\xc4\xea\r\n";
static const char UTF8[] =
    "目标编号,日期,数值,来源,备注\r\nmini/pm25-2025,2025-06-30,24,"
    "市生态环境局,上半年\r\n";
/* The same text in traditional characters, in Big5. */
static const char BIG5[] =
    "\xa5\xd8\xbc\xd0\xbds\xb8\xb9,\xa4\xe9\xb4\xc1,\xbc\xc6\xad\xc8,"
    "\xa8\xd3\xb7\xbd,\xb3\xc6\xb5\xf9\r\nmini/pm25-2025,2025-06-30,24,"
    "\xa5\xab\xa5\xcd\xba"
    "A\xc0\xf4\xb9\xd2\xa7\xbd,\xa4W\xa5"
    "b\xa6"
    "~\r\n";

TEST(utf8_with_and_without_bom_reads_as_is)
{
    size_t bad, n;
    char *out, why[256];
    CHECK(encoding_sniff(UTF8, sizeof UTF8 - 1, &bad) == ENC_UTF8);
    char bom[256];
    snprintf(bom, sizeof bom, "\xEF\xBB\xBF%s", UTF8);
    CHECK(encoding_sniff(bom, strlen(bom), &bad) == ENC_UTF8_BOM);
    CHECK(encoding_to_utf8(bom, strlen(bom), ENC_UTF8_BOM, &out, &n, why,
                           sizeof why) == 0);
    CHECK_STR(out, UTF8);
    free(out);
}

TEST(gbk_is_recognised_and_converted)
{
    size_t bad, n;
    char *out, why[256];
    CHECK(encoding_sniff(GBK, sizeof GBK - 1, &bad) == ENC_GB18030);
    CHECK(encoding_to_utf8(GBK, sizeof GBK - 1, ENC_GB18030, &out, &n, why,
                           sizeof why) == 0);
    CHECK_STR(out, UTF8);
    free(out);
}

TEST(big5_is_refused_by_name_not_read_as_gbk)
{
    size_t bad, n;
    char *out, why[256];
    CHECK(encoding_sniff(BIG5, sizeof BIG5 - 1, &bad) == ENC_BIG5);
    CHECK(encoding_to_utf8(BIG5, sizeof BIG5 - 1, ENC_BIG5, &out, &n, why,
                           sizeof why) < 0);
    CHECK_CONTAINS(why, "Big5");
    CHECK_CONTAINS(why, "CSV UTF-8");
    CHECK(out == NULL);
}

TEST(bytes_that_are_no_text_are_refused)
{
    static const char junk[] = "a,b\r\n\x80\xff\xfe\x01,2\r\n";
    size_t bad, n;
    char *out, why[256];
    enum encoding e = encoding_sniff(junk, sizeof junk - 1, &bad);
    CHECK(e == ENC_UNKNOWN);
    CHECK(bad == 5);
    CHECK(encoding_to_utf8(junk, sizeof junk - 1, e, &out, &n, why,
                           sizeof why) < 0);
    CHECK_CONTAINS(why, "byte 6 is not UTF-8");
}

TEST(utf16_from_excel_unicode_text_is_converted)
{
    static const char u16[] = "\xff\xfe"
                              "a\0,\0\x70\x65\r\0\n\0";
    size_t bad, n;
    char *out, why[256];
    CHECK(encoding_sniff(u16, sizeof u16 - 1, &bad) == ENC_UTF16LE);
    CHECK(encoding_to_utf8(u16, sizeof u16 - 1, ENC_UTF16LE, &out, &n, why,
                           sizeof why) == 0);
    CHECK_STR(out, "a,数\r\n");
    free(out);
}
