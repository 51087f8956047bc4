/* plantrack review PLAN.yaml: a drafted plan, reviewed in the viewer's
 * review room and written back as a plan that plantrack check passes. */
#include "plantrack/cmd.h"

#include <stdio.h>

#include "plantrack/extract/review.h"
#include "plantrack/i18n.h"
#include "plantrack/tui/review.h"

int cmd_review(const struct cli_opts *o)
{
    if (o->nargs != 1)
        return cmd_bad_usage("%s",
                             _("review needs one plan file: plantrack review "
                               "plans/ID.yaml"));
    struct review r;
    struct pt_error err;
    if (review_open(&r, o->args[0], &err) < 0)
        return cmd_report_err(&err);
    int rc = tui_review(&r, o->utf8);
    if (rc == 0 && r.changed)
        cmd_say(stderr, _("plantrack: %s: the last changes were not written\n"),
                r.path);
    review_close(&r);
    return rc;
}
