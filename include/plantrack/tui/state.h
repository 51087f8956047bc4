/* The viewer's one program state, shared by the pane files. Panes read it;
 * requests change it and say what to redraw. */
#ifndef PLANTRACK_TUI_STATE_H
#define PLANTRACK_TUI_STATE_H

#include <curses.h>
#include <panel.h>
#include <stdbool.h>

#include "plantrack/cli.h"
#include "plantrack/config.h"
#include "plantrack/draft.h"
#include "plantrack/lineedit.h"
#include "plantrack/tui/keys.h"
#include "plantrack/view.h"

/* The panes. The light and status filter is shown only as an overlay; on
 * a narrow terminal the other filters are too. */
enum pane {
    PANE_PLANS,
    PANE_YEARS,
    PANE_LEADS,
    PANE_TARGETS,
    PANE_DETAIL,
    PANE_STATUS,
    PANE_COUNT
};

enum overlay {
    OVERLAY_NONE,
    OVERLAY_HELP,
    OVERLAY_SOURCE,
    OVERLAY_DRAFTS,
    OVERLAY_OBS,     /* one observation in full */
    OVERLAY_MESSAGE, /* the last message in full */
    OVERLAY_FACETS,  /* a filter list (t->ov_pane) */
    OVERLAY_COLUMNS, /* the choice of columns */
};

/* What a request changed, so only that is redrawn. */
enum {
    DIRTY_FILTERS = 1 << 0,
    DIRTY_LIST = 1 << 1,
    DIRTY_DETAIL = 1 << 2,
    DIRTY_BAR = 1 << 3,
    DIRTY_OVERLAY = 1 << 4,
    DIRTY_LAYOUT = 1 << 5, /* sizes changed: new windows, draw all */
    DIRTY_ALL = (1 << 6) - 1,
};

/* Colour pairs (none with NO_COLOR or the monochrome theme). */
enum {
    PAIR_BAD = 1, /* missed, unreported, deterioration */
    PAIR_WARN,    /* limited, needs acceleration */
    PAIR_GOOD,    /* on track, met, done */
    PAIR_INFO,    /* in progress */
    PAIR_TITLE,   /* pane titles */
    PAIR_MATCH,   /* search matches, the quote in the source */
    PAIR_TARGET,  /* chart: target line */
    PAIR_PATH,    /* chart: path from baseline */
    PAIR_ERROR,   /* messages */
};

enum theme { THEME_DEFAULT, THEME_HIGH_CONTRAST, THEME_MONOCHROME };

struct cursor {
    long sel, top;
};

struct editor {
    char plan[72], target[72];
    char corrects[37];   /* correcting this observation, or "" */
    char uuid[37];       /* the id a save records under, once saving began */
    char old_value[160]; /* what is being corrected, for the header */
    struct lineedit f[ENTRY_NFIELDS];
    int field; /* the field with the cursor */
    struct entry_check chk;
    char warning[300];
    char failure[1200];               /* why the last save failed */
    char confirmed[LINEEDIT_MAX + 1]; /* a value ten times away, saved once */
    bool restored;                    /* opened from a draft */
    bool edited;                      /* changed since it was opened */
};

struct tui {
    const struct cli_opts *opts;
    struct config *cfg;
    struct keymap keys;
    struct model m;
    struct view v;
    bool writable;
    char log_note[1024]; /* why the log is read-only, when it is */
    char *drafts;        /* draft directory of this log */
    bool told_replaced;  /* the log file was replaced: said once */
    /* focus and cursors; on a narrow terminal the focus is the one pane
     * shown (the list or the detail) */
    enum pane focus;
    struct cursor cur[PANE_COUNT];
    unsigned columns; /* the list's columns (1u << enum column) */
    /* search: the prompt, and with `narrowing` the list follows it */
    bool searching, narrowing;
    struct lineedit search;
    long search_origin;
    bool search_wrapped; /* the last n / N went round the end */
    /* the detail pane's target, its history, and its lines as last laid
     * out (for moving and scrolling by line) */
    const struct model_row *shown;
    struct obs *hist;
    size_t n_hist;
    long detail_lines;
    long *detail_hist; /* per line: the history entry, or -1 */
    size_t detail_cap;
    /* the inline editor, when open */
    struct editor *ed;
    /* overlays */
    enum overlay overlay;
    long ov_top;
    long ov_lines; /* lines of the overlay's text, as last drawn */
    enum pane ov_pane;
    long ov_sel;
    long ov_obs; /* OVERLAY_OBS: the history entry */
    char *source; /* source text shown by OVERLAY_SOURCE */
    size_t source_len;
    const struct target *source_target;
    struct draft *recover; /* drafts offered at start */
    size_t n_recover;
    long recover_sel;
    /* one message for the status bar, kept whole for OVERLAY_MESSAGE */
    char msg[2048];
    bool msg_error;
    char last_msg[2048]; /* the message a key press cleared, for m */
    bool last_msg_error;
    /* the screen */
    SCREEN *screen;
    WINDOW *win[PANE_COUNT];
    PANEL *panel[PANE_COUNT];
    WINDOW *bar, *ov;
    PANEL *bar_panel, *ov_panel;
    int lines, cols;
    bool too_small;
    bool narrow; /* one pane at a time */
    bool utf8, color, mouse;
    enum theme theme;
    unsigned dirty;
    bool quit;
};

/* Messages in the status bar (never on stderr while curses runs). */
void tui_message(struct tui *t, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The model row under the target list's cursor, or NULL. */
const struct model_row *tui_selected_row(const struct tui *t);
/* Load the selected target's history into the detail pane if it changed. */
void tui_load_history(struct tui *t, bool force);
/* Re-read the log (after a save, or when another session wrote). */
void tui_refresh(struct tui *t);
/* Entry i of a filter pane and its kind (the status pane lists the
 * lights, then the statuses); NULL past the end. */
const struct facet *tui_pane_entry(const struct tui *t, enum pane p, long i,
                                   enum facet_kind *kind);
/* Apply the entry under a filter cursor: only it (toggle false), or add /
 * remove it from the filter (toggle true). */
unsigned tui_apply_facet(struct tui *t, enum pane p, long sel, bool toggle);

#endif
