/* The folding tables of src/search.c, generated at build time by
 * src/gen/search_tables.c from OpenCC's and Rime's dictionaries. */
#ifndef PLANTRACK_SEARCH_DATA_H
#define PLANTRACK_SEARCH_DATA_H

#include <stddef.h>
#include <stdint.h>

#define SEARCH_CJK_LO 0x3400u
#define SEARCH_CJK_HI 0x9FFFu
#define SEARCH_MAX_READINGS 3
/* At most this many reading sets (the generator refuses more). */
#define SEARCH_MAX_SETS 8192

struct search_pair {
    uint32_t from, to;
};

/* A set of syllables as bits: at most 64 * SEARCH_SYLLABLE_WORDS of them
 * (the generator refuses more). */
#define SEARCH_SYLLABLE_WORDS 8
/* Pinyin syllables, without tones, ü written v ("lv"). */
extern const char SEARCH_SYLLABLES[][8];
extern const int SEARCH_N_SYLLABLES;
/* Traditional → simplified for U+3400..U+9FFF (0: unchanged), and a sorted
 * list for the rest. */
extern const uint32_t SEARCH_T2S_DENSE[];
extern const struct search_pair SEARCH_T2S_SPARSE[];
extern const size_t SEARCH_N_T2S_SPARSE;
/* Sets of readings (syllable index + 1, 0 ends; most frequent first); a
 * character's set by code point, dense then sparse like the above. */
extern const uint16_t SEARCH_PY_SETS[][SEARCH_MAX_READINGS];
extern const int SEARCH_N_PY_SETS;
/* Per set: bit (letter - 'a') of the first letter of each reading. */
extern const uint32_t SEARCH_PY_SET_INITIALS[];
extern const uint16_t SEARCH_PY_DENSE[];
extern const struct search_pair SEARCH_PY_SPARSE[];
extern const size_t SEARCH_N_PY_SPARSE;

#endif
