/* bench/yaml_floor.c: the floor of plan loading for `make bench` (issue 6):
 * read each file named on the command line and run libyaml's event parser
 * over it, keeping nothing. Prints the number of files and events. */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *b = realloc(buf, cap *= 2);
            if (!b)
                free(buf);
            buf = b;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    long events = 0;
    for (int i = 1; i < argc; i++) {
        size_t len;
        char *buf = slurp(argv[i], &len);
        if (!buf) {
            perror(argv[i]);
            return 1;
        }
        yaml_parser_t p;
        yaml_event_t ev;
        yaml_parser_initialize(&p);
        yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
        for (;;) {
            if (!yaml_parser_parse(&p, &ev)) {
                fprintf(stderr, "%s:%zu: %s\n", argv[i],
                        p.problem_mark.line + 1,
                        p.problem ? p.problem : "error");
                return 1;
            }
            events++;
            int done = ev.type == YAML_STREAM_END_EVENT;
            yaml_event_delete(&ev);
            if (done)
                break;
        }
        yaml_parser_delete(&p);
        free(buf);
    }
    printf("%d files, %ld events\n", argc - 1, events);
    return 0;
}
