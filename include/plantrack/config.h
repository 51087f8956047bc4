/* The config file, $XDG_CONFIG_HOME/plantrack/config (plantrack-config(5)):
 * default --plans and --db, language, mouse, colours, the list's columns
 * and sort, and key bindings. Lines are `NAME = VALUE` or
 * `bind KEY ACTION`; # starts a comment. */
#ifndef PLANTRACK_CONFIG_H
#define PLANTRACK_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "plantrack/error.h"

struct config_bind {
    char key[32], action[32];
    int line;
};

struct config {
    char *path;       /* the file read (may not exist) */
    char *plans, *db; /* defaults for --plans and --db; NULL: none */
    char lang[8];     /* "zh", "en" or "" (the locale decides) */
    int mouse;        /* 1 on, 0 off, -1 not set (on) */
    char theme[24];   /* "default", "high-contrast", "monochrome" or "" */
    char *columns;    /* "status,year,indicator,..." or NULL */
    char *sort;       /* a column name, "-" before it for descending */
    struct config_bind *binds;
    size_t n_binds;
    char **problems; /* "FILE:LINE: what is wrong", for the user */
    size_t n_problems;
};

/* $PLANTRACK_CONFIG, else $XDG_CONFIG_HOME/plantrack/config, else
 * ~/.config/plantrack/config. Caller frees. */
char *config_default_path(void);
/* Read path (a missing file is an empty config). Lines that cannot be
 * understood are listed in c->problems and skipped, never fatal. */
void config_load(struct config *c, const char *path);
/* Add a problem found later (a binding the viewer cannot use). */
void config_problem(struct config *c, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void config_free(struct config *c);
/* Set NAME = VALUE in the file at path, replacing the line that sets it or
 * adding one, keeping every other line as it is; written atomically. */
int config_save_value(const char *path, const char *name, const char *value,
                      struct pt_error *err);

#endif
