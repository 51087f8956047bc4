/* The hash chain's links: SHA-256 (nettle, which uses the CPU's SHA
 * instructions where there are some) over the previous link and a
 * row's fields, each framed by its type and length so that no two rows
 * can be read as the same bytes. */
#include "plantrack/chain.h"

#include <nettle/sha2.h>
#include <string.h>

/* The bytes hashed are gathered in a buffer and given to SHA-256 in as
 * few calls as possible: a call per field would cost more than the hash. */
struct gather {
    struct sha256_ctx c;
    unsigned char buf[2048];
    size_t n;
};

static void put(struct gather *g, const void *p, size_t n)
{
    if (g->n + n > sizeof g->buf) {
        sha256_update(&g->c, g->n, g->buf);
        g->n = 0;
        if (n > sizeof g->buf) {
            sha256_update(&g->c, n, p);
            return;
        }
    }
    memcpy(g->buf + g->n, p, n);
    g->n += n;
}

static void put_u64(struct gather *g, uint64_t v)
{
    unsigned char b[8];
    for (int i = 7; i >= 0; i--, v >>= 8)
        b[i] = (unsigned char)(v & 0xFF);
    put(g, b, sizeof b);
}

void chain_link(const unsigned char *prev, const struct chain_field *f,
                size_t n, unsigned char out[CHAIN_HASH_LEN])
{
    static const unsigned char zero[CHAIN_HASH_LEN];
    struct gather g;
    g.n = 0;
    sha256_init(&g.c);
    put(&g, prev ? prev : zero, CHAIN_HASH_LEN);
    for (size_t i = 0; i < n; i++) {
        unsigned char type = (unsigned char)f[i].type;
        put(&g, &type, 1);
        switch (f[i].type) {
        case CHAIN_NULL:
            break;
        case CHAIN_INT:
            put_u64(&g, (uint64_t)f[i].i);
            break;
        case CHAIN_REAL: {
            uint64_t bits;
            memcpy(&bits, &f[i].r, sizeof bits);
            put_u64(&g, bits);
            break;
        }
        case CHAIN_TEXT:
        case CHAIN_BLOB:
            put_u64(&g, (uint64_t)f[i].n);
            if (f[i].n)
                put(&g, f[i].p, f[i].n);
            break;
        }
    }
    if (g.n)
        sha256_update(&g.c, g.n, g.buf);
    sha256_digest(&g.c, CHAIN_HASH_LEN, out);
}

void chain_sha256(const void *p, size_t n, unsigned char out[CHAIN_HASH_LEN])
{
    struct sha256_ctx c;
    sha256_init(&c);
    if (n)
        sha256_update(&c, n, p);
    sha256_digest(&c, CHAIN_HASH_LEN, out);
}

void chain_hex(const unsigned char *h, char hex[2 * CHAIN_HASH_LEN + 1])
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < CHAIN_HASH_LEN; i++) {
        unsigned char b = h ? h[i] : 0;
        hex[2 * i] = digits[b >> 4];
        hex[2 * i + 1] = digits[b & 15];
    }
    hex[2 * CHAIN_HASH_LEN] = '\0';
}

static int nibble(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int chain_unhex(const char *hex, unsigned char h[CHAIN_HASH_LEN])
{
    if (strlen(hex) != 2 * CHAIN_HASH_LEN)
        return -1;
    for (size_t i = 0; i < CHAIN_HASH_LEN; i++) {
        int a = nibble(hex[2 * i]), b = nibble(hex[2 * i + 1]);
        if (a < 0 || b < 0)
            return -1;
        h[i] = (unsigned char)(a << 4 | b);
    }
    return 0;
}
