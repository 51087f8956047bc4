/* Errors as values. */
#include "plantrack/error.h"

#include <stdarg.h>
#include <stdio.h>

int pt_fail(struct pt_error *e, int code, const char *fmt, ...)
{
    if (e) {
        va_list ap;
        va_start(ap, fmt);
        e->code = code;
        vsnprintf(e->msg, sizeof e->msg, fmt, ap);
        va_end(ap);
    }
    return -1;
}
