/* YAML → located tree, with libyaml's event parser. Aliases are refused
 * rather than expanded, so an alias bomb costs nothing. */
#include "plantrack/ydoc.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "plantrack/i18n.h"

#define MAX_MAP_KEYS 512

const char *ydoc_kind_name(enum ynode_kind k)
{
    switch (k) {
    case YNODE_SCALAR:
        return _("a text or number");
    case YNODE_SEQ:
        return _("a list");
    case YNODE_MAP:
        return _("a mapping");
    }
    return "?";
}

/* Every node, text and list of a document comes from its arena: one free
 * for the whole tree instead of one per node. */
void ydoc_free(struct ydoc *doc)
{
    arena_free(&doc->mem);
    doc->root = NULL;
}

const struct ynode *ydoc_get(const struct ynode *map, const char *key)
{
    if (!map || map->kind != YNODE_MAP)
        return NULL;
    size_t len = strlen(key);
    for (size_t i = 0; i < map->n; i++)
        if (map->keys[i]->len == len &&
            memcmp(map->keys[i]->text, key, len) == 0)
            return map->items[i];
    return NULL;
}

static struct ynode *node_new(struct arena *mem, enum ynode_kind kind,
                              yaml_mark_t mark)
{
    struct ynode *n = arena_alloc(mem, sizeof *n);
    if (n) {
        memset(n, 0, sizeof *n);
        n->kind = kind;
        n->line = (int)mark.line + 1;
        n->col = (int)mark.column + 1;
    }
    return n;
}

/* The containers being filled, innermost last. A mapping with an odd count
 * of children has a key waiting for its value. */
struct builder {
    struct arena mem;
    struct ynode *stack[YDOC_MAX_DEPTH + 1];
    struct ynode *pending_key[YDOC_MAX_DEPTH + 1];
    int depth;
    size_t nodes;
    struct ynode *root;
    char *err;
    size_t errlen;
};

static int fail(struct builder *b, yaml_mark_t m, const char *fmt,
                const char *arg)
{
    int k = snprintf(b->err, b->errlen, "%d:%d: ", (int)m.line + 1,
                     (int)m.column + 1);
    if (k >= 0 && (size_t)k < b->errlen)
        snprintf(b->err + k, b->errlen - (size_t)k, fmt, arg);
    return -1;
}

static int append(struct builder *b, struct ynode *parent, struct ynode *key,
                  struct ynode *child)
{
    /* Capacity doubles (16, 32, 64…): growing by a fixed step would copy
     * a long list over and over, quadratic in its length. The old arrays
     * stay in the arena, which at most doubles what the lists take. */
    size_t n = parent->n;
    if (n == 0 || (n >= 16 && (n & (n - 1)) == 0)) {
        size_t cap = n ? n * 2 : 16;
        struct ynode **items = arena_alloc(&b->mem, cap * sizeof *items);
        if (!items)
            return -1;
        if (n)
            memcpy(items, parent->items, n * sizeof *items);
        parent->items = items;
        if (parent->kind == YNODE_MAP) {
            struct ynode **keys = arena_alloc(&b->mem, cap * sizeof *keys);
            if (!keys)
                return -1;
            if (n)
                memcpy(keys, parent->keys, n * sizeof *keys);
            parent->keys = keys;
        }
    }
    if (parent->kind == YNODE_MAP)
        parent->keys[parent->n] = key;
    parent->items[parent->n++] = child;
    return 0;
}

/* Attach a finished node to the open container (or make it the root). */
static int attach(struct builder *b, struct ynode *n, yaml_mark_t mark)
{
    if (b->depth == 0) {
        b->root = n;
        return 0;
    }
    struct ynode *top = b->stack[b->depth - 1];
    if (top->kind == YNODE_SEQ) {
        if (append(b, top, NULL, n) < 0)
            return fail(b, mark, "%s", _("out of memory"));
        return 0;
    }
    struct ynode *key = b->pending_key[b->depth - 1];
    if (!key) {
        if (n->kind != YNODE_SCALAR) {
            return fail(b, mark, "%s",
                        _("a key must be a plain text, not a list or "
                          "mapping"));
        }
        for (size_t i = 0; i < top->n; i++) {
            if (top->keys[i]->len == n->len &&
                memcmp(top->keys[i]->text, n->text, n->len) == 0)
                return fail(b, mark, _("duplicate key '%s'"), n->text);
        }
        if (top->n >= MAX_MAP_KEYS)
            return fail(b, mark, "%s", _("too many keys in one mapping"));
        b->pending_key[b->depth - 1] = n;
        return 0;
    }
    b->pending_key[b->depth - 1] = NULL;
    if (append(b, top, key, n) < 0)
        return fail(b, mark, "%s", _("out of memory"));
    return 0;
}

#define STR(x) #x
#define XSTR(x) STR(x)

/* Every node costs memory: count them against YDOC_MAX_NODES. */
static int count_node(struct builder *b, yaml_mark_t m)
{
    if (++b->nodes <= YDOC_MAX_NODES)
        return 0;
    return fail(b, m,
                _("too many YAML nodes (more than %s): a plan file is far "
                  "smaller"),
                XSTR(YDOC_MAX_NODES));
}

static int on_event(struct builder *b, yaml_event_t *ev, int *docs)
{
    yaml_mark_t m = ev->start_mark;
    struct ynode *n;
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (++*docs > 1)
            return fail(b, m, "%s",
                        _("a second YAML document: one plan per file"));
        return 0;
    case YAML_ALIAS_EVENT:
        return fail(b, m, _("alias '*%s': plan files may not use aliases"),
                    (const char *)ev->data.alias.anchor);
    case YAML_SCALAR_EVENT:
        if (count_node(b, m) < 0)
            return -1;
        n = node_new(&b->mem, YNODE_SCALAR, m);
        if (!n)
            return fail(b, m, "%s", _("out of memory"));
        n->len = ev->data.scalar.length;
        n->text = arena_alloc(&b->mem, n->len + 1);
        if (!n->text)
            return fail(b, m, "%s", _("out of memory"));
        memcpy(n->text, ev->data.scalar.value, n->len);
        n->text[n->len] = '\0';
        n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
                   ev->data.scalar.plain_implicit;
        return attach(b, n, m);
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        if (count_node(b, m) < 0)
            return -1;
        if (b->depth >= YDOC_MAX_DEPTH)
            return fail(b, m, "%s", _("nesting too deep"));
        n = node_new(
            &b->mem,
            ev->type == YAML_SEQUENCE_START_EVENT ? YNODE_SEQ : YNODE_MAP, m);
        if (!n)
            return fail(b, m, "%s", _("out of memory"));
        b->pending_key[b->depth] = NULL;
        b->stack[b->depth++] = n;
        return 0;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        n = b->stack[--b->depth];
        return attach(b, n, m);
    default:
        return 0;
    }
}

/* Line and column (in characters) of a byte offset. */
static void offset_position(const char *buf, size_t offset, int *line, int *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < offset && buf[i]; i++) {
        if (buf[i] == '\n') {
            (*line)++;
            *col = 1;
        } else if (((unsigned char)buf[i] & 0xC0) != 0x80) {
            (*col)++;
        }
    }
}

int ydoc_parse(const char *buf, size_t len, struct ydoc *doc, char *err,
               size_t errlen)
{
    struct builder b = {.err = err, .errlen = errlen};
    doc->root = NULL;
    doc->mem.head = NULL;
    yaml_parser_t parser;
    int docs = 0, rc = 0;
    if (len > YDOC_MAX_BYTES) {
        snprintf(err, errlen, _("1:1: file too large (%zu bytes; at most %u)"),
                 len, YDOC_MAX_BYTES);
        return -1;
    }
    if (!yaml_parser_initialize(&parser)) {
        snprintf(err, errlen, "1:1: %s", _("out of memory"));
        return -1;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            int line = (int)parser.problem_mark.line + 1;
            int col = (int)parser.problem_mark.column + 1;
            /* Encoding errors come as a byte offset, not a mark. */
            if (parser.error == YAML_READER_ERROR)
                offset_position(buf, parser.problem_offset, &line, &col);
            snprintf(err, errlen, "%d:%d: %s%s%s", line, col,
                     parser.problem ? parser.problem : _("YAML syntax error"),
                     parser.context ? " " : "",
                     parser.context ? parser.context : "");
            rc = -1;
            break;
        }
        bool end = ev.type == YAML_STREAM_END_EVENT;
        rc = on_event(&b, &ev, &docs);
        yaml_event_delete(&ev);
        if (rc < 0 || end)
            break;
    }
    yaml_parser_delete(&parser);
    doc->mem = b.mem;
    if (rc == 0 && !b.root) {
        snprintf(err, errlen, "1:1: %s", _("the file is empty"));
        rc = -1;
    }
    if (rc < 0) { /* whatever was built goes with its memory */
        ydoc_free(doc);
        return -1;
    }
    doc->root = b.root;
    return 0;
}
