/* The extractor's first room: a plan's text as collected from a web page or
 * a PDF, cleaned into the source text plans/sources/ID.txt that quotes are
 * checked against. Every repair is a rule of how such texts break, and each
 * one is noted so that an official can see what was changed. */
#ifndef PLANTRACK_EXTRACT_CLEAN_H
#define PLANTRACK_EXTRACT_CLEAN_H

#include <stdbool.h>
#include <stddef.h>

#include "plantrack/error.h"

struct clean_result {
    char *text; /* UTF-8, one paragraph per line, ends with a newline */
    size_t len;
    char **notes; /* what was changed, one sentence each */
    size_t n_notes;
    bool converted; /* traditional characters were converted (OpenCC t2s) */
    bool pdf;       /* the text was read as PDF text (spaces are wraps) */
};

/* Clean raw (len bytes of UTF-8). Returns 0, or -1 with err when the text
 * is not UTF-8 or OpenCC's data cannot be opened. */
int clean_text(const char *raw, size_t len, struct clean_result *out,
               struct pt_error *err);
void clean_result_free(struct clean_result *r);

/* Code-point classes the other rooms share. */
#include <stdint.h>
bool clean_is_han(uint32_t c);
/* Han characters and CJK punctuation (full-width forms, quotes, 、。…). */
bool clean_is_cjk(uint32_t c);

#endif
