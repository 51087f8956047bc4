/* bench/runstat.c: run one command and report its wall time and peak RSS,
 * for `make bench` (issue 6).
 *
 *   runstat OUTFILE CMD [ARG...]
 *
 * Runs CMD with this process's stdin, stdout and stderr, waits for it, and
 * writes "SECONDS MAXRSS_KIB EXIT" to OUTFILE; exits with CMD's status.
 * Why not from Python: Linux reports as a child's peak RSS the largest of
 * every memory image it had, the one before exec included, so a child
 * forked from the Python driver would report at least the driver's RSS.
 * Forked from this small program, it reports its own. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static pid_t child;

static void forward(int sig)
{
    if (child > 0)
        kill(child, sig);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: runstat OUTFILE CMD [ARG...]\n", stderr);
        return 2;
    }
    struct sigaction sa = {.sa_handler = forward};
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    child = fork();
    if (child < 0) {
        perror("fork");
        return 2;
    }
    if (child == 0) {
        /* Die with this process, even by SIGKILL, which cannot be
         * forwarded: a killed benchmark leaves nothing running. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() == 1)
            _exit(127);
        execvp(argv[2], argv + 2);
        perror(argv[2]);
        _exit(127);
    }
    int status;
    struct rusage ru;
    while (wait4(child, &status, 0, &ru) < 0)
        if (errno != EINTR) {
            perror("wait4");
            return 2;
        }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) +
                  (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    int code = WIFEXITED(status) ? WEXITSTATUS(status)
                                 : 128 + WTERMSIG(status);
    FILE *out = fopen(argv[1], "w");
    if (out) {
        fprintf(out, "%.6f %ld %d\n", secs, ru.ru_maxrss, code);
        fclose(out);
    }
    return code;
}
