/* A minimal unit-test harness: TEST() registers a case, CHECK*() record
 * failures with file:line; the runner prints "ok" / "not ok" lines that
 * tests/run-all counts. */
#ifndef UNIT_H
#define UNIT_H

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

void unit_register(const char *name, void (*fn)(void));
bool unit_check(bool ok, const char *expr, const char *file, int line);
bool unit_check_str(const char *got, const char *want, const char *expr,
                    const char *file, int line);
bool unit_check_contains(const char *hay, const char *needle, const char *expr,
                         const char *file, int line);
bool unit_check_num(double got, double want, double eps, const char *expr,
                    const char *file, int line);
/* A fresh empty directory for this test (removed at exit). */
const char *unit_tmpdir(void);
/* Write text to dir/name; returns the path (static buffer). */
const char *unit_write(const char *dir, const char *name, const char *text);

#define TEST(name)                                                             \
    static void name(void);                                                    \
    __attribute__((constructor)) static void reg_##name(void)                  \
    {                                                                          \
        unit_register(#name, name);                                            \
    }                                                                          \
    static void name(void)

#define CHECK(c) unit_check((c), #c, __FILE__, __LINE__)
#define CHECK_STR(got, want)                                                   \
    unit_check_str((got), (want), #got, __FILE__, __LINE__)
#define CHECK_CONTAINS(hay, needle)                                            \
    unit_check_contains((hay), (needle), #hay, __FILE__, __LINE__)
#define CHECK_NUM(got, want, eps)                                              \
    unit_check_num((got), (want), (eps), #got, __FILE__, __LINE__)

#endif
