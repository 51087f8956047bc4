/* A YAML document as a tree of located nodes, read with libyaml's event
 * parser under limits that keep hostile files harmless. */
#ifndef PLANTRACK_YDOC_H
#define PLANTRACK_YDOC_H

#include <stdbool.h>
#include <stddef.h>

#include "plantrack/arena.h"

enum ynode_kind { YNODE_SCALAR, YNODE_SEQ, YNODE_MAP };

struct ynode {
    enum ynode_kind kind;
    int line, col; /* 1-based */
    /* Scalars: the text (NUL-terminated, may hold NULs: see len) and whether
     * it was written plain (unquoted), which is how YAML types numbers. */
    char *text;
    size_t len;
    bool plain;
    /* Sequences: items; mappings: keys[i] → items[i]. */
    struct ynode **items;
    struct ynode **keys;
    size_t n;
};

/* Largest plan file accepted, deepest nesting, and most nodes (texts,
 * lists, mappings). A target written out in full is some 40 nodes, so the
 * node limit leaves room for the 2,000 targets a plan may hold (the largest
 * real plan has under 3,000 nodes), while a file of "[1,1,1,…" cannot take
 * hundreds of MB: each node costs memory. */
#define YDOC_MAX_BYTES (4u << 20)
#define YDOC_MAX_DEPTH 32
#define YDOC_MAX_NODES 150000

/* A parsed document: the tree and the memory it lives in, freed at once. */
struct ydoc {
    struct ynode *root;
    struct arena mem;
};

/* Parse buf (len bytes) as exactly one YAML document into doc. On error
 * returns -1 (doc left empty) and writes "LINE:COL: what" into err.
 * Aliases, duplicate keys, non-scalar keys and documents beyond the first
 * are errors. */
int ydoc_parse(const char *buf, size_t len, struct ydoc *doc, char *err,
               size_t errlen);
void ydoc_free(struct ydoc *doc);

/* Value of key in a mapping, or NULL. */
const struct ynode *ydoc_get(const struct ynode *map, const char *key);

const char *ydoc_kind_name(enum ynode_kind k);

#endif
