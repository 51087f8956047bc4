/* Build-time generator of the search folding tables (src/search.c):
 *   search_tables TS.txt PINYIN.dict.yaml > search_data.c
 * TS.txt is OpenCC's TSCharacters dictionary as text (opencc_dict -t text:
 * "TRADITIONAL<TAB>SIMPLIFIED [OTHER...]"), PINYIN.dict.yaml a Rime
 * dictionary ("CHARACTER<TAB>syllable<TAB>weight" after the "..." line).
 * Both come from Debian packages; nothing here is typed by hand. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CJK_LO 0x3400u
#define CJK_HI 0x9FFFu
#define MAX_READINGS 3

static uint32_t decode(const char **s)
{
    const unsigned char *p = (const unsigned char *)*s;
    uint32_t cp;
    int n;
    if (p[0] < 0x80) {
        cp = p[0];
        n = 1;
    } else if ((p[0] & 0xE0) == 0xC0) {
        cp = p[0] & 0x1F;
        n = 2;
    } else if ((p[0] & 0xF0) == 0xE0) {
        cp = p[0] & 0x0F;
        n = 3;
    } else {
        cp = p[0] & 0x07;
        n = 4;
    }
    for (int i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    *s += n;
    return cp;
}

struct pair {
    uint32_t from, to;
};

static int cmp_pair(const void *a, const void *b)
{
    const struct pair *x = a, *y = b;
    return (x->from > y->from) - (x->from < y->from);
}

struct reading {
    uint32_t cp;
    int syl;
    long weight;
};

static int cmp_reading(const void *a, const void *b)
{
    const struct reading *x = a, *y = b;
    if (x->cp != y->cp)
        return (x->cp > y->cp) - (x->cp < y->cp);
    return (y->weight > x->weight) - (y->weight < x->weight);
}

static char syllables[1024][8];
static int n_syllables;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(a, b);
}

static int syllable_id(const char *s)
{
    for (int i = 0; i < n_syllables; i++)
        if (strcmp(syllables[i], s) == 0)
            return i;
    if (n_syllables == 512 || strlen(s) >= 8) /* SEARCH_SYLLABLE_WORDS */
        return -1;
    strcpy(syllables[n_syllables], s);
    return n_syllables++;
}

/* Sets of readings, shared by the characters that have the same. */
static uint16_t sets[8192][MAX_READINGS]; /* SEARCH_MAX_SETS */
static int n_sets = 1; /* set 0: no reading */

static int set_id(const uint16_t r[MAX_READINGS])
{
    for (int i = 1; i < n_sets; i++)
        if (memcmp(sets[i], r, sizeof sets[i]) == 0)
            return i;
    if (n_sets == 8192)
        return 0;
    memcpy(sets[n_sets], r, sizeof sets[n_sets]);
    return n_sets++;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: search_tables TS.txt PINYIN.dict.yaml\n");
        return 2;
    }
    FILE *ts = fopen(argv[1], "r"), *py = fopen(argv[2], "r");
    if (!ts || !py) {
        perror(!ts ? argv[1] : argv[2]);
        return 2;
    }
    char line[4096];
    /* Traditional → simplified: the first simplified form of each. */
    struct pair *t2s = NULL;
    size_t n_t2s = 0, cap = 0;
    while (fgets(line, sizeof line, ts)) {
        const char *s = line;
        uint32_t from = decode(&s);
        if (!from || *s != '\t')
            continue;
        s++;
        uint32_t to = decode(&s);
        if (!to || to == from || (*s && *s != ' ' && *s != '\n'))
            continue;
        if (n_t2s == cap) {
            cap = cap ? cap * 2 : 4096;
            t2s = realloc(t2s, cap * sizeof *t2s);
        }
        t2s[n_t2s++] = (struct pair){from, to};
    }
    qsort(t2s, n_t2s, sizeof *t2s, cmp_pair);
    /* Character → readings, most frequent first. */
    struct reading *rd = NULL;
    size_t n_rd = 0, rcap = 0;
    int body = 0;
    while (fgets(line, sizeof line, py)) {
        if (!body) {
            body = strncmp(line, "...", 3) == 0;
            continue;
        }
        const char *s = line;
        uint32_t cp = decode(&s);
        if (!cp || *s != '\t')
            continue; /* a phrase or a comment */
        char syl[16];
        long weight = 0;
        if (sscanf(s + 1, "%15[a-z]\t%ld", syl, &weight) < 1)
            continue;
        int id = syllable_id(syl);
        if (id < 0)
            continue;
        if (n_rd == rcap) {
            rcap = rcap ? rcap * 2 : 65536;
            rd = realloc(rd, rcap * sizeof *rd);
        }
        rd[n_rd++] = (struct reading){cp, id, weight};
    }
    if (n_t2s < 1000 || n_rd < 10000) {
        fprintf(stderr, "search_tables: too few entries (%zu, %zu): not the "
                "expected dictionaries\n", n_t2s, n_rd);
        return 1;
    }
    /* Syllables in alphabetical order, and the readings renumbered. */
    char old[1024][8];
    memcpy(old, syllables, sizeof old);
    qsort(syllables, (size_t)n_syllables, sizeof *syllables, cmp_str);
    int renum[1024];
    for (int i = 0; i < n_syllables; i++)
        for (int k = 0; k < n_syllables; k++)
            if (strcmp(old[i], syllables[k]) == 0)
                renum[i] = k;
    for (size_t i = 0; i < n_rd; i++)
        rd[i].syl = renum[rd[i].syl];
    qsort(rd, n_rd, sizeof *rd, cmp_reading);

    printf("/* Generated by src/gen/search_tables.c from %s and %s: do not "
           "edit. */\n#include \"plantrack/search_data.h\"\n\n", argv[1],
           argv[2]);
    printf("const char SEARCH_SYLLABLES[][8] = {\n");
    for (int i = 0; i < n_syllables; i++)
        printf("    \"%s\",\n", syllables[i]);
    printf("};\nconst int SEARCH_N_SYLLABLES = %d;\n\n", n_syllables);

    /* Dense tables for U+3400..U+9FFF, sparse ones for the rest. */
    static uint32_t dense_t2s[CJK_HI - CJK_LO + 1];
    static uint16_t dense_py[CJK_HI - CJK_LO + 1];
    struct pair *sparse_t2s = calloc(n_t2s, sizeof *sparse_t2s);
    size_t n_sparse_t2s = 0;
    for (size_t i = 0; i < n_t2s; i++) {
        if (t2s[i].from >= CJK_LO && t2s[i].from <= CJK_HI)
            dense_t2s[t2s[i].from - CJK_LO] = t2s[i].to;
        else
            sparse_t2s[n_sparse_t2s++] = t2s[i];
    }
    struct pair *sparse_py = calloc(n_rd, sizeof *sparse_py);
    size_t n_sparse_py = 0;
    for (size_t i = 0; i < n_rd;) {
        size_t j = i;
        uint16_t r[MAX_READINGS] = {0};
        int k = 0;
        long top = rd[i].weight;
        for (; j < n_rd && rd[j].cp == rd[i].cp; j++) {
            int dup = 0;
            for (int q = 0; q < k; q++)
                dup |= r[q] == rd[j].syl + 1;
            /* Readings used in at least 1% of the uses of the first. */
            if (!dup && k < MAX_READINGS &&
                (k == 0 || rd[j].weight * 100 >= top))
                r[k++] = (uint16_t)(rd[j].syl + 1);
        }
        int id = set_id(r);
        if (rd[i].cp >= CJK_LO && rd[i].cp <= CJK_HI)
            dense_py[rd[i].cp - CJK_LO] = (uint16_t)id;
        else
            sparse_py[n_sparse_py++] = (struct pair){rd[i].cp, (uint32_t)id};
        i = j;
    }
    printf("const uint32_t SEARCH_T2S_DENSE[] = {");
    for (uint32_t i = 0; i <= CJK_HI - CJK_LO; i++)
        printf("%s%u,", i % 16 ? "" : "\n    ", dense_t2s[i]);
    printf("\n};\nconst struct search_pair SEARCH_T2S_SPARSE[] = {\n");
    for (size_t i = 0; i < n_sparse_t2s; i++)
        printf("    {%u, %u},\n", sparse_t2s[i].from, sparse_t2s[i].to);
    printf("    {0, 0}};\nconst size_t SEARCH_N_T2S_SPARSE = %zu;\n\n",
           n_sparse_t2s);
    printf("const uint16_t SEARCH_PY_SETS[][SEARCH_MAX_READINGS] = {\n");
    for (int i = 0; i < n_sets; i++)
        printf("    {%u, %u, %u},\n", sets[i][0], sets[i][1], sets[i][2]);
    printf("};\nconst int SEARCH_N_PY_SETS = %d;\n", n_sets);
    /* The first letters of each set's readings, as a bit mask. */
    printf("const uint32_t SEARCH_PY_SET_INITIALS[] = {\n");
    for (int i = 0; i < n_sets; i++) {
        unsigned mask = 0;
        for (int k = 0; k < MAX_READINGS && sets[i][k]; k++)
            mask |= 1u << (syllables[sets[i][k] - 1][0] - 'a');
        printf("    %uu,\n", mask);
    }
    printf("};\nconst uint16_t SEARCH_PY_DENSE[] = {");
    for (uint32_t i = 0; i <= CJK_HI - CJK_LO; i++)
        printf("%s%u,", i % 16 ? "" : "\n    ", dense_py[i]);
    printf("\n};\nconst struct search_pair SEARCH_PY_SPARSE[] = {\n");
    for (size_t i = 0; i < n_sparse_py; i++)
        printf("    {%u, %u},\n", sparse_py[i].from, sparse_py[i].to);
    printf("    {0, 0}};\nconst size_t SEARCH_N_PY_SPARSE = %zu;\n",
           n_sparse_py);
    fclose(ts);
    fclose(py);
    return 0;
}
