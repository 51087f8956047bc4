/* The extractor's third room: the agencies a plan names, in each of the
 * forms plans use to give a task its lead and support
 * (（牵头单位：X，配合单位： Y）, （责任单位：X牵头，Y按职责分工负责）,
 * （X、Y等按职责分工负责）, where the first leads, or the cells of a
 * responsibility table), and the register of
 * agencies with the other names the text uses for each (市发展改革委 for
 * 市发展和改革委员会). */
#ifndef PLANTRACK_EXTRACT_AGENCIES_H
#define PLANTRACK_EXTRACT_AGENCIES_H

#include <stdbool.h>
#include <stddef.h>

#define AGENCY_NAME_MAX 160
#define AGENCY_MAX_SUPPORT 24

/* Who a task's responsibility note names. */
struct responsibility {
    size_t from, to; /* the note, brackets included: not part of the task */
    char lead[AGENCY_NAME_MAX];
    char support[AGENCY_MAX_SUPPORT][AGENCY_NAME_MAX];
    size_t n_support;
    /* "以下任务均需各区县政府落实，不再列出": added to every later task */
    char standing[4][AGENCY_NAME_MAX];
    size_t n_standing;
};

/* The responsibility note of the paragraph text[a, b): the last bracket in
 * it that assigns agencies. Returns false when there is none. */
bool agencies_responsibility(const char *text, size_t a, size_t b,
                             struct responsibility *r);

/* The names in a cell of a responsibility table, t[a, b): "X牵头，Y配合"
 * or "X、Y" (the first leads). Returns false when it names none. */
bool agencies_cell(const char *text, size_t a, size_t b,
                   struct responsibility *r);

/* The plan's leading group (…工作领导小组), when the text names one. */
bool agencies_leading_group(const char *text, size_t len, char *out,
                            size_t cap);

/* The register: every name met, grouped into agencies. */
struct agency_entry {
    char id[48];
    char name[AGENCY_NAME_MAX];
    char aliases[8][AGENCY_NAME_MAX];
    size_t n_aliases;
    bool used; /* some target refers to it */
};

struct agency_register {
    char (*names)[AGENCY_NAME_MAX]; /* as met, in order */
    size_t n_names, cap;
    struct agency_entry *v;
    size_t n;
};

void agencies_note(struct agency_register *reg, const char *name);
/* Group the names met into agencies with ids and aliases. */
void agencies_build(struct agency_register *reg);
/* The agency a name belongs to, or -1. */
long agencies_find(const struct agency_register *reg, const char *name);
void agencies_free(struct agency_register *reg);

/* Whether two names name the same kind of agency (市发展和改革委员会 and
 * 发改委), for measuring a draft against a plan. */
bool agencies_same(const char *a, const char *b);

#endif
