/* Search that finds what an official means, for the viewer and the CLI
 * alike. Text is folded (full-width → half-width, Latin letters to lower
 * case, traditional → simplified, one code point for one), and a query of
 * Latin letters is also read as pinyin, by three rules a user can predict:
 *
 *  - syllables, anywhere: whole syllables of consecutive characters, the
 *    last one perhaps begun ("shengtai", "nongdu", "shengt"), found in any
 *    field as the characters would be;
 *  - initials, at the start of an indicator or a name: consecutive
 *    characters from the first, each by its initial or its syllable
 *    ("sthj" 生态环境…, "slfgl" 森林覆盖率, "shengtaihj");
 *  - the abbreviation of a name: the name's first character and then any
 *    of its characters in order, by their initials ("stj" 生态局 for
 *    市生态环境局, "fgw" 发改委).
 *
 * A name's or an indicator's start is its first character after the
 * place it begins with (市, 区, 包头市, 全市: the leading characters up to
 * 市/区/县/旗/盟/省), or the place itself typed first in full ("sfgw"
 * 市发改委). Initials never match inside a quote: scattered initials of a
 * long text find nearly anything. Every rule is closed under prefixes, so
 * a longer query finds a subset of what its start found (incremental
 * narrowing relies on it). The tables are generated at build time from
 * OpenCC's and Rime's dictionaries (see search_data.h). */
#ifndef PLANTRACK_SEARCH_H
#define PLANTRACK_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "plantrack/arena.h"
#include "plantrack/search_data.h"

#define SEARCH_QUERY_MAX 512

/* What a field is, for the pinyin rules above. */
enum search_field {
    SEARCH_TEXT,  /* a quote, an id: text and syllables */
    SEARCH_TITLE, /* an indicator: also initials from its start */
    SEARCH_NAME,  /* an agency's name: also its abbreviation */
};

struct search_query {
    char text[SEARCH_QUERY_MAX]; /* folded */
    size_t len;
    uint64_t bloom[8]; /* of text's code points and their pairs */
    /* The query's letters, when it is made of Latin letters (spaces and
     * apostrophes between syllables allowed) and long enough to be read
     * as pinyin; "" otherwise. */
    char letters[64];
    size_t n_letters;
    /* Whether the letters read as whole syllables (the last perhaps
     * begun), and then the reading sets that can begin such a reading. */
    bool syllabic;
    uint64_t lead_sets[SEARCH_MAX_SETS / 64];
    /* The syllables that read the letters alone (the letters begin them),
     * and those that begin a reading of two syllables or more. */
    uint64_t one_syllable[SEARCH_SYLLABLE_WORDS];
    uint64_t first_syllable[SEARCH_SYLLABLE_WORDS];
    uint64_t at_letter[26]; /* bit i: letters[i] is that letter */
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

/* Where an indicator's or a name's initials may begin (internal). */
struct search_start;

/* A text prepared for searching: its fields folded, with their readings,
 * built once per target so that a keystroke only compares. */
struct search_doc {
    const char *text;      /* folded fields, separated by \x1f */
    const uint16_t *units; /* per code point of text: its reading set */
    const struct search_start *starts;
    uint32_t n_units, n_starts;
    uint32_t initials; /* bit (letter - 'a') of every reading's first letter */
    /* A bit per folded code point and per pair of neighbours, and the
     * syllables of its characters: most texts that cannot match are
     * passed over without being read, and one syllable is answered here. */
    uint64_t bloom[8];
    uint64_t syllables[SEARCH_SYLLABLE_WORDS];
};

/* Prepare fields[0..n) of the given kinds into d, memory from mem.
 * Returns 0, or -1 when memory runs out. */
int search_doc_init(struct search_doc *d, struct arena *mem,
                    const char *const *fields, const enum search_field *kind,
                    size_t n);
bool search_doc_matches(const struct search_doc *d,
                        const struct search_query *q);

/* Where q matches in one field of a kind (text as it is shown): the byte
 * span [*start, *end) of the text, for highlighting (a whole name for an
 * abbreviation). */
bool search_span(const char *text, const struct search_query *q,
                 enum search_field kind, size_t *start, size_t *end);

#endif
