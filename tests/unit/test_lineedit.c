/* The line editor: cursor movement and deletion by whole characters, the
 * cursor's display column over 汉字. */
#include "plantrack/lineedit.h"
#include "unit.h"

TEST(a_cjk_character_moves_the_cursor_two_columns)
{
    struct lineedit e;
    le_set(&e, "");
    CHECK(le_insert(&e, 0x6C49)); /* 汉 */
    CHECK(le_insert(&e, 0x5B57)); /* 字 */
    CHECK(le_insert(&e, 'a'));
    CHECK_STR(e.buf, "汉字a");
    CHECK(le_cursor_col(&e) == 5);
    le_left(&e);
    CHECK(le_cursor_col(&e) == 4);
    le_left(&e);
    CHECK(le_cursor_col(&e) == 2 && e.cur == 3);
}

TEST(backspace_removes_a_whole_character)
{
    struct lineedit e;
    le_set(&e, "5000万千瓦");
    CHECK(le_backspace(&e));
    CHECK_STR(e.buf, "5000万千");
    le_home(&e);
    CHECK(!le_backspace(&e));
    CHECK(le_delete(&e));
    CHECK_STR(e.buf, "000万千");
}

TEST(control_characters_are_not_inserted)
{
    struct lineedit e;
    le_set(&e, "");
    CHECK(!le_insert(&e, 0x1b));
    CHECK(!le_insert(&e, 0x9b));
    CHECK(!le_insert(&e, 0xD800));
    CHECK(e.len == 0);
}

TEST(kill_to_start_and_kill_word)
{
    struct lineedit e;
    le_set(&e, "市能源局 年报 2025");
    CHECK(le_kill_word(&e));
    CHECK_STR(e.buf, "市能源局 年报 ");
    CHECK(le_kill_word(&e));
    CHECK_STR(e.buf, "市能源局 ");
    CHECK(le_kill_to_start(&e));
    CHECK_STR(e.buf, "");
}

TEST(a_long_field_scrolls_by_whole_characters)
{
    struct lineedit e;
    le_set(&e, "新能源发电装机容量达到五千万千瓦");
    size_t first;
    int col;
    le_view(&e, 9, &first, &col);
    CHECK(col < 9);
    CHECK(first % 3 == 0); /* never inside a 3-byte character */
    le_home(&e);
    le_view(&e, 9, &first, &col);
    CHECK(first == 0 && col == 0);
}
