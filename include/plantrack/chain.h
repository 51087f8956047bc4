/* The hash chain of the log: each observation's link is SHA-256 over the
 * previous link and the row's content, so that a row changed, removed or
 * slipped in behind plantrack's back breaks the chain where it happened. */
#ifndef PLANTRACK_CHAIN_H
#define PLANTRACK_CHAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CHAIN_HASH_LEN 32

/* A field as SQLite typed it: the type is hashed too, so that the text
 * "25" and the number 25 do not link alike. */
enum chain_type {
    CHAIN_NULL = 'N',
    CHAIN_INT = 'I',
    CHAIN_REAL = 'R',
    CHAIN_TEXT = 'T',
    CHAIN_BLOB = 'B',
};
struct chain_field {
    enum chain_type type;
    int64_t i;
    double r;
    const void *p; /* text or blob */
    size_t n;
};

/* The link of a row: prev is the previous link (NULL for the first row:
 * 32 zero bytes), then each field as type, length and bytes (integers and
 * reals as 8 bytes, big-endian; a real by its IEEE 754 bits). */
void chain_link(const unsigned char *prev, const struct chain_field *f,
                size_t n, unsigned char out[CHAIN_HASH_LEN]);

/* SHA-256 of a byte string (an import's file). */
void chain_sha256(const void *p, size_t n, unsigned char out[CHAIN_HASH_LEN]);

/* Lower-case hex (65 bytes with the NUL), and back: -1 unless hex is 64
 * hex digits. */
void chain_hex(const unsigned char *h, char hex[2 * CHAIN_HASH_LEN + 1]);
int chain_unhex(const char *hex, unsigned char h[CHAIN_HASH_LEN]);

#endif
