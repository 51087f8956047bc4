/* Line editor: byte offsets for editing, display columns for drawing. */
#include "plantrack/lineedit.h"

#include <string.h>

#include "plantrack/text.h"

void le_set(struct lineedit *e, const char *text)
{
    size_t n = text ? strlen(text) : 0;
    if (n > LINEEDIT_MAX) /* cut at a character boundary */
        for (n = LINEEDIT_MAX; n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80;
             n--)
            ;
    if (n)
        memcpy(e->buf, text, n);
    e->buf[n] = '\0';
    e->len = e->cur = n;
}

static size_t encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

bool le_insert(struct lineedit *e, uint32_t cp)
{
    char enc[4];
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return false;
    size_t k = encode(cp, enc);
    if (e->len + k > LINEEDIT_MAX)
        return false;
    memmove(e->buf + e->cur + k, e->buf + e->cur, e->len - e->cur + 1);
    memcpy(e->buf + e->cur, enc, k);
    e->len += k;
    e->cur += k;
    return true;
}

/* Byte offset of the character before / after offset i. */
static size_t prev_char(const struct lineedit *e, size_t i)
{
    if (i == 0)
        return 0;
    do
        i--;
    while (i > 0 && ((unsigned char)e->buf[i] & 0xC0) == 0x80);
    return i;
}

static size_t next_char(const struct lineedit *e, size_t i)
{
    uint32_t cp;
    return i >= e->len ? e->len : i + text_decode(e->buf + i, e->len - i, &cp);
}

static void cut(struct lineedit *e, size_t from, size_t to)
{
    memmove(e->buf + from, e->buf + to, e->len - to + 1);
    e->len -= to - from;
    e->cur = from;
}

bool le_backspace(struct lineedit *e)
{
    if (e->cur == 0)
        return false;
    cut(e, prev_char(e, e->cur), e->cur);
    return true;
}

bool le_delete(struct lineedit *e)
{
    if (e->cur >= e->len)
        return false;
    size_t at = e->cur;
    cut(e, at, next_char(e, at));
    return true;
}

bool le_left(struct lineedit *e)
{
    if (e->cur == 0)
        return false;
    e->cur = prev_char(e, e->cur);
    return true;
}

bool le_right(struct lineedit *e)
{
    if (e->cur >= e->len)
        return false;
    e->cur = next_char(e, e->cur);
    return true;
}

void le_home(struct lineedit *e)
{
    e->cur = 0;
}
void le_end(struct lineedit *e)
{
    e->cur = e->len;
}

bool le_kill_to_start(struct lineedit *e)
{
    if (e->cur == 0)
        return false;
    cut(e, 0, e->cur);
    return true;
}

bool le_kill_word(struct lineedit *e)
{
    size_t i = e->cur;
    while (i > 0 && e->buf[i - 1] == ' ')
        i--;
    while (i > 0 && e->buf[i - 1] != ' ')
        i = prev_char(e, i);
    if (i == e->cur)
        return false;
    cut(e, i, e->cur);
    return true;
}

int le_cursor_col(const struct lineedit *e)
{
    return text_width_n(e->buf, e->cur);
}

void le_view(const struct lineedit *e, int width, size_t *first,
             int *cursor_col)
{
    size_t start = 0;
    int col = le_cursor_col(e);
    /* Scroll whole characters off the left until the cursor (and one cell
     * after it) fits. */
    while (col >= width && start < e->cur) {
        size_t next = next_char(e, start);
        col -= text_width_n(e->buf + start, next - start);
        start = next;
    }
    *first = start;
    *cursor_col = col;
}
