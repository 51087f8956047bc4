/* Line editor: one line of UTF-8 text with a cursor that moves by whole
 * characters and knows its display column (CJK = 2 cells). No curses. */
#ifndef PLANTRACK_LINEEDIT_H
#define PLANTRACK_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LINEEDIT_MAX 2048

struct lineedit {
    char buf[LINEEDIT_MAX + 1];
    size_t len; /* bytes */
    size_t cur; /* byte offset of the cursor, on a character boundary */
};

void le_set(struct lineedit *e, const char *text);
/* Insert a code point at the cursor; false when full or a control char. */
bool le_insert(struct lineedit *e, uint32_t cp);
bool le_backspace(struct lineedit *e);
bool le_delete(struct lineedit *e);
bool le_left(struct lineedit *e);
bool le_right(struct lineedit *e);
void le_home(struct lineedit *e);
void le_end(struct lineedit *e);
/* Ctrl-U: delete from the start to the cursor. */
bool le_kill_to_start(struct lineedit *e);
/* Ctrl-W: delete the word before the cursor. */
bool le_kill_word(struct lineedit *e);

/* Display column of the cursor from the start of the text. */
int le_cursor_col(const struct lineedit *e);
/* For a field `width` cells wide: the first byte shown (scrolled so the
 * cursor stays visible, never inside a character) and the cursor's column
 * in the field. */
void le_view(const struct lineedit *e, int width, size_t *first,
             int *cursor_col);

#endif
