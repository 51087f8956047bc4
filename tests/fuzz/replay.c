/* Runs a libFuzzer harness over files, without libFuzzer: each file named
 * on the command line is one input. make check builds every harness with
 * this driver under ASan+UBSan and replays the seed corpus, so a harness
 * that no longer builds, or a seed that now crashes, fails the suite.
 * Prints "ok - LABEL" or "not ok - LABEL" (an abort or a sanitizer report
 * ends the process, which the runner counts as a failure). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int replay(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    size_t k;
    while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) {
            uint8_t *bigger = realloc(buf, cap *= 2);
            if (!bigger) {
                free(buf);
                buf = NULL;
            }
            buf = bigger;
        }
    }
    fclose(f);
    if (!buf)
        return -1;
    LLVMFuzzerTestOneInput(buf, n);
    free(buf);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s LABEL FILE...\n", argv[0]);
        return 2;
    }
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    int bad = 0;
    for (int i = 2; i < argc; i++)
        bad += replay(argv[i]) < 0;
    printf("%s - %s (%d inputs)\n", bad ? "not ok" : "ok", argv[1], argc - 2);
    return bad != 0;
}
