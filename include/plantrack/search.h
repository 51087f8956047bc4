/* Search that finds what an official means, for the viewer and the CLI
 * alike: text is folded (full-width → half-width, Latin letters to lower
 * case, traditional → simplified, one code point for one), and a query of
 * Latin letters also matches the pinyin of Chinese text: whole syllables
 * ("shengtai"), initials ("sthj"), both mixed ("shengtaihj"), and, in
 * short fields such as agency names, the initials of an abbreviation
 * ("stj" for 市生态环境局, read 生态局). The tables are generated at build
 * time from OpenCC's and Rime's dictionaries (see search_data.h). */
#ifndef PLANTRACK_SEARCH_H
#define PLANTRACK_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "plantrack/arena.h"

#define SEARCH_QUERY_MAX 512

struct search_query {
    char text[SEARCH_QUERY_MAX]; /* folded */
    size_t len;
    /* The query's letters, when it is made of Latin letters (spaces and
     * apostrophes between syllables allowed) and long enough to be read
     * as pinyin; "" otherwise. */
    char letters[64];
    size_t n_letters;
};

/* One code point folded. */
uint32_t search_fold_cp(uint32_t cp);
/* A string folded (same number of code points). Caller frees. */
char *search_fold(const char *s);

void search_query_init(struct search_query *q, const char *typed);
/* Whether every text matching q also matches prev, so a search that goes
 * on from prev needs to look only at prev's matches. */
bool search_query_narrows(const struct search_query *q,
                          const struct search_query *prev);

/* A text prepared for searching: its fields folded and their pinyin. */
struct search_doc {
    const char *text;      /* folded fields, separated by \x1f */
    const uint16_t *units; /* per code point of text: see search.c */
    size_t n_units;
    uint32_t initials; /* bit (letter - 'a') of every reading's first letter */
};

/* Prepare fields[0..n) into d, memory from mem; abbrev[i] says whether
 * field i may match by the initials of an abbreviation (a name). Returns
 * 0, or -1 when memory runs out. */
int search_doc_init(struct search_doc *d, struct arena *mem,
                    const char *const *fields, const bool *abbrev, size_t n);
bool search_doc_matches(const struct search_doc *d,
                        const struct search_query *q);

/* Where q matches in one field (text as it is shown): the byte span
 * [*start, *end) of the text, for highlighting. */
bool search_span(const char *text, const struct search_query *q, bool abbrev,
                 size_t *start, size_t *end);

#endif
