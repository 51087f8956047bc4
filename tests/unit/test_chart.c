/* The chart: observations over the target line and the baseline path. */
#include <stdlib.h>

#include "plantrack/chart.h"
#include "unit.h"

static int count_kind(const struct chart_cell *c, int n, enum chart_kind k)
{
    int m = 0;
    for (int i = 0; i < n; i++)
        m += c[i].kind == k;
    return m;
}

TEST(the_chart_draws_target_path_and_observations)
{
    struct chart_point obs[] = {{2025.0, 3000}, {2026.0, 4000}};
    struct chart_input in = {.obs = obs,
                             .n_obs = 2,
                             .has_target = true,
                             .target = 5000,
                             .has_path = true,
                             .from = {2025.0, 3000},
                             .to = {2027.0, 5000}};
    struct chart_cell cells[20 * 5];
    struct chart_range r;
    CHECK(chart_render(&in, 20, 5, true, cells, &r));
    CHECK(count_kind(cells, 100, CHART_OBS) > 0);
    CHECK(count_kind(cells, 100, CHART_TARGET) > 0);
    CHECK(count_kind(cells, 100, CHART_PATH) > 0);
    CHECK(r.y_min < 3000 && r.y_max > 5000);
    CHECK(r.t_min == 2025.0 && r.t_max == 2027.0);
    /* braille cells are three-byte characters of U+2800..U+28FF */
    CHECK((unsigned char)cells[0].text[0] == 0xE2 &&
          (unsigned char)cells[0].text[1] >= 0xA0);
    /* the target (5000) is on the top row, the first observation low */
    CHECK(cells[0 * 20 + 10].kind == CHART_TARGET);
}

TEST(without_utf8_the_chart_is_ascii)
{
    struct chart_point obs[] = {{2025.0, 1}, {2026.0, 2}};
    struct chart_input in = {
        .obs = obs, .n_obs = 2, .has_target = true, .target = 3};
    struct chart_cell cells[10 * 4];
    CHECK(chart_render(&in, 10, 4, false, cells, NULL));
    for (int i = 0; i < 40; i++)
        CHECK(cells[i].text[1] == '\0' &&
              strchr(" -.*", cells[i].text[0]) != NULL);
    CHECK(count_kind(cells, 40, CHART_OBS) >= 2);
}

TEST(the_time_axis_spans_baseline_to_deadline)
{
    struct chart_point obs[] = {{2025.0, 21.5}};
    struct chart_input in = {.obs = obs,
                             .n_obs = 1,
                             .has_target = true,
                             .target = 23,
                             .has_span = true,
                             .t_from = 2024,
                             .t_to = 2027};
    struct chart_cell cells[30 * 4];
    struct chart_range r;
    CHECK(chart_render(&in, 30, 4, true, cells, &r));
    CHECK(r.t_min == 2024 && r.t_max == 2027);
}

TEST(nothing_to_draw_is_said)
{
    struct chart_input in = {0};
    struct chart_cell cells[4];
    CHECK(!chart_render(&in, 2, 2, true, cells, NULL));
}
