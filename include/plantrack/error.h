/* Errors as values: a code that tells main() how to exit, and a message the
 * user can act on. */
#ifndef PLANTRACK_ERROR_H
#define PLANTRACK_ERROR_H

enum pt_code {
    PT_OK = 0,
    PT_EUSER = 1, /* bad input or failed validation */
    PT_EENV = 2,  /* the environment: log cannot be opened, disk full… */
};

struct pt_error {
    int code;
    char msg[1024];
};

/* Fill e (when not NULL) and return -1, so callers can `return pt_fail(…)`. */
int pt_fail(struct pt_error *e, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
