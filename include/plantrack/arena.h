/* Arena: many small allocations that live and die together (a YAML tree, a
 * plan's strings), taken from a few large chunks and freed at once. */
#ifndef PLANTRACK_ARENA_H
#define PLANTRACK_ARENA_H

#include <stddef.h>

struct arena_chunk;
struct arena {
    struct arena_chunk *head;
};

/* n bytes, aligned for any type; NULL when memory runs out. */
void *arena_alloc(struct arena *a, size_t n);
/* n zeroed bytes. */
void *arena_calloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
/* Everything allocated from a, at once; a is empty again afterwards. */
void arena_free(struct arena *a);

#endif
