/* plantrack check: validate plan files. */
#include "plantrack/cmd.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "plantrack/entry.h"
#include "plantrack/i18n.h"

int cmd_check(const struct cli_opts *o)
{
    struct plan_set set = {.check_quotes = true};
    struct pt_error err;
    int rc;
    if (o->nargs > 0)
        rc = plan_set_load_paths(&set, o->args, (size_t)o->nargs, &err);
    else
        rc = cmd_load_plans(o, &set, &err);
    if (rc < 0) {
        plan_set_free(&set);
        return cmd_report_err(&err);
    }
    cmd_print_diags(&set.diags);
    int code = 0;
    if (set.diags.n) {
        printf(_("%zu plan(s), %zu target(s) loaded\n"), set.n, set.n_targets);
        fprintf(stderr,
                _("plantrack: %zu problem(s); %zu file(s) not "
                  "loaded\n"),
                set.diags.n, set.n_files_failed);
        code = PT_EUSER;
    } else if (set.n == 0) {
        cmd_say(stderr, _("plantrack: no plan files (*.yaml) in %s\n"),
                o->nargs ? o->args[0] : o->plans);
        code = PT_EUSER;
    } else {
        printf(_("%zu plan(s), %zu target(s): no problems\n"), set.n,
               set.n_targets);
    }
    plan_set_free(&set);
    return code;
}
