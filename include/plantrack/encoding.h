/* The encoding of a file that came from a spreadsheet: UTF-8 with or
 * without the BOM Excel and WPS write, UTF-16 by its BOM, or, for bytes
 * that are not UTF-8, the legacy Chinese encodings: GB18030/GBK (what
 * Excel and WPS on mainland Windows save as "CSV") converted with iconv,
 * and Big5 recognised so that it is refused by name rather than read as
 * GBK into nonsense. Nothing undecodable comes out. */
#ifndef PLANTRACK_ENCODING_H
#define PLANTRACK_ENCODING_H

#include <stddef.h>

enum encoding {
    ENC_UTF8,
    ENC_UTF8_BOM,
    ENC_UTF16LE,
    ENC_UTF16BE,
    ENC_GB18030,
    ENC_BIG5,
    ENC_UNKNOWN,
};

/* What data is. A file of UTF-8 text with a few bytes that are not (a
 * damaged row) is UTF-8: its rows are refused one by one where they are
 * broken, never converted whole into nonsense. For bytes that are not
 * UTF-8, *bad is the offset of the first (for the message when nothing
 * reads them). */
enum encoding encoding_sniff(const char *data, size_t len, size_t *bad);
/* Its name for a person: "UTF-8", "GB18030 (GBK)", "Big5"... */
const char *encoding_name(enum encoding e);
/* data as UTF-8 with no BOM, in a new buffer (NUL-terminated, *out_len
 * without the NUL): UTF-8 as is, UTF-16 and GB18030 converted. Big5 and
 * unknown bytes are refused: -1 with why filled, naming the encoding and
 * how to save the file as UTF-8. */
int encoding_to_utf8(const char *data, size_t len, enum encoding e, char **out,
                     size_t *out_len, char *why, size_t why_len);

#endif
