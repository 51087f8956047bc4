/* Agencies: who leads and who supports each task, read from the forms
 * Chinese plans use for it, and the names of each agency grouped by the
 * standard names of government departments (发展和改革委员会 = 发展改革委 =
 * 发改委), which are the same in every city. */
#include "plantrack/extract/agencies.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plantrack/extract/clean.h"
#include "plantrack/extract/grammar.h"
#include "plantrack/text.h"

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* Copy src into dst (cap bytes), cut at a character boundary. */
static void put(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memmove(dst, src, n);
    dst[n] = '\0';
}

/* The departments of a Chinese city or district government, each with the
 * names it goes by and a short id. */
static const struct {
    const char *id;
    const char *forms[6];
} DEPARTMENTS[] = {
    {"ndrc",
     {"发展和改革委员会", "发展改革委", "发改委", "发展改革局", "发改局"}},
    {"miit",
     {"工业和信息化局", "工业和信息化委员会", "工信局", "经济和信息化局",
      "经信局", "工业和科技局"}},
    {"eco", {"生态环境局", "生态环境分局", "环境保护局", "环保局"}},
    {"natres",
     {"自然资源和规划局", "自然资源局", "自然资源分局", "规划和自然资源局",
      "自规局"}},
    {"housing",
     {"住房和城乡建设局", "住房城乡建设局", "住建局", "建设局",
      "住房和城乡建设委员会", "住建委"}},
    {"transport", {"交通运输局", "交通局", "交通运输委员会"}},
    {"agri", {"农业农村局", "农牧局", "农业局", "农业农村和水利局"}},
    {"water", {"水利局", "水务局"}},
    {"forestry", {"林业和草原局", "林业局", "林草局"}},
    {"science", {"科学技术局", "科技局", "科学技术委员会", "科委"}},
    {"commerce", {"商务局", "商务和投资促进局"}},
    {"market", {"市场监督管理局", "市场监管局"}},
    {"finance", {"财政局"}},
    {"stats", {"统计局"}},
    {"police", {"公安局", "公安分局"}},
    {"energy", {"能源局", "能源发展服务中心"}},
    {"admin-affairs",
     {"机关事务管理局", "机关事务局", "机关事务服务中心", "机关事务管理中心"}},
    {"culture-tourism",
     {"文化广电旅游局", "文化和旅游局", "文旅局", "文化旅游体育局",
      "文体旅游局"}},
    {"edu", {"教育局", "教育体育局", "教体局"}},
    {"urban",
     {"城市管理局", "城管局", "城市管理综合行政执法局", "综合行政执法局",
      "执法局"}},
    {"emergency", {"应急管理局", "应急局"}},
    {"health", {"卫生健康委员会", "卫生健康委", "卫健委", "卫生健康局"}},
    {"hr", {"人力资源和社会保障局", "人力资源社会保障局", "人社局"}},
    {"justice", {"司法局"}},
    {"tax", {"税务局"}},
    {"weather", {"气象局"}},
    {"sasac", {"国有资产监督管理委员会", "国资委"}},
    {"approval", {"行政审批和政务服务局", "行政审批局", "政务服务局"}},
    {"publicity", {"委宣传部", "宣传部"}},
    {"organization", {"委组织部", "组织部"}},
    {"reform", {"委改革办", "委全面深化改革委员会办公室", "改革办"}},
    {"civil", {"民政局"}},
    {"big-data", {"大数据局", "大数据发展管理局"}},
    {"audit", {"审计局"}},
    {"gov-office", {"人民政府办公室", "政府办公室", "政府办"}},
};

static bool ends_with(const char *s, const char *w)
{
    size_t a = strlen(s), b = strlen(w);
    return a >= b && memcmp(s + a - b, w, b) == 0;
}

/* The department a name is, and where its prefix (市, 区, 包头市) ends. */
static int department_of(const char *name, size_t *prefix)
{
    int best = -1;
    size_t best_len = 0;
    for (size_t d = 0; d < COUNT(DEPARTMENTS); d++)
        for (size_t f = 0; f < 6 && DEPARTMENTS[d].forms[f]; f++) {
            const char *w = DEPARTMENTS[d].forms[f];
            size_t wl = strlen(w);
            if (ends_with(name, w) && wl > best_len) {
                best = (int)d;
                best_len = wl;
            }
        }
    if (best >= 0 && prefix)
        *prefix = strlen(name) - best_len;
    return best;
}

/* Bodies that are not departments but recur in every plan. */
static const char *other_id(const char *name)
{
    static const struct {
        const char *w, *id;
    } O[] = {
        {"领导小组", "leading-group"},
        {"人民政府", "counties"},
        {"区县政府", "counties"},
        {"管委会", "parks"},
        {"园区", "parks"},
        {"开发区", "parks"},
        {"人民银行", "pbc"},
        {"金融监管", "nfra"},
        {"供电公司", "grid"},
        {"电力局", "grid"},
        {"电力公司", "grid"},
        {"集团", "group"},
        {"公司", "company"},
        {"铁路", "rail"},
    };
    for (size_t i = 0; i < COUNT(O); i++)
        if (strstr(name, O[i].w))
            return O[i].id;
    return NULL;
}

bool agencies_same(const char *a, const char *b)
{
    if (strcmp(a, b) == 0)
        return true;
    size_t pa, pb;
    int da = department_of(a, &pa), db = department_of(b, &pb);
    if (da >= 0 && da == db) {
        /* 市 and 区 are different governments; a missing prefix is either */
        if (pa == 0 || pb == 0)
            return true;
        return pa == pb && memcmp(a, b, pa) == 0;
    }
    const char *oa = other_id(a), *ob = other_id(b);
    return da < 0 && db < 0 && oa && ob && strcmp(oa, ob) == 0;
}

/* ---- responsibility notes ---- */

static const char *const MARKERS[] = {
    "牵头", "负责", "责任单位", "配合单位", "按职责", "参与单位", "责任部门"};

static bool bracket_open(const char *t, size_t i, size_t n)
{
    return grammar_starts(t + i, n - i, "（") || t[i] == '(';
}
static bool bracket_close(const char *t, size_t i, size_t n)
{
    return grammar_starts(t + i, n - i, "）") || t[i] == ')';
}

/* Strip words around a name: 牵头单位：, 等, 按职责分工负责, 牵头… */
static void clean_name(char *s)
{
    static const char *const HEADS[] = {
        "牵头单位：", "牵头单位:",  "责任单位：", "责任单位:",
        "配合单位：", "配合单位:",  "参与单位：", "责任部门：",
        "协办单位：", "主办单位：", "牵头部门：", "配合部门："};
    static const char *const TAILS[] = {"按职责分工负责",
                                        "按照职责分工负责",
                                        "分别负责",
                                        "按职责负责",
                                        "按职能分工负责",
                                        "负责",
                                        "牵头",
                                        "配合",
                                        "参与",
                                        "等部门",
                                        "等单位",
                                        "等",
                                        "，",
                                        "。",
                                        "；",
                                        "下同"};
    bool again = true;
    while (again) {
        again = false;
        text_trim(s);
        for (size_t k = 0; k < COUNT(HEADS); k++) {
            size_t l = strlen(HEADS[k]);
            if (strncmp(s, HEADS[k], l) == 0) {
                memmove(s, s + l, strlen(s + l) + 1);
                again = true;
            }
        }
        for (size_t k = 0; k < COUNT(TAILS); k++)
            if (ends_with(s, TAILS[k]) && strlen(s) > strlen(TAILS[k])) {
                s[strlen(s) - strlen(TAILS[k])] = '\0';
                again = true;
            }
    }
}

/* Whether a cleaned name looks like a body's name. */
static bool name_ok(const char *s)
{
    size_t n = strlen(s);
    if (n < 6 || n >= AGENCY_NAME_MAX)
        return false;
    static const char *const ENDS[] = {
        "局",     "委",     "委员会", "办",   "办公室", "厅",   "部",   "中心",
        "政府",   "管委会", "分局",   "分行", "行",     "公司", "集团", "院",
        "所",     "站",     "队",     "会",   "处",     "室",   "小组", "园区",
        "开发区", "〉",     "）",     "区",   "总局"};
    for (size_t k = 0; k < COUNT(ENDS); k++)
        if (ends_with(s, ENDS[k]))
            return !strstr(s, "以下") && !strstr(s, "任务");
    return false;
}

/* "各县、区人民政府", "长治高新区、经开区管委会": places before 、 that
 * share the body named after the last of them are one name. */
static bool bare_place(const char *s)
{
    static const char *const PLACES[] = {"县", "区", "市", "旗"};
    static const char *const BODIES[] = {"政府", "管委会", "委员会", "局",
                                         "委",   "办",     "部",     "中心"};
    for (size_t k = 0; k < COUNT(BODIES); k++)
        if (strstr(s, BODIES[k]))
            return false;
    for (size_t k = 0; k < COUNT(PLACES); k++)
        if (ends_with(s, PLACES[k]))
            return true;
    return false;
}

static bool shared_body(const char *s)
{
    static const char *const SHARED[] = {"人民政府", "管委会", "委员会"};
    for (size_t k = 0; k < COUNT(SHARED); k++)
        if (ends_with(s, SHARED[k]))
            return true;
    return false;
}

/* Names of a list "A、B、C", cleaned, into out. */
static size_t names_of(const char *t, size_t a, size_t b,
                       char out[][AGENCY_NAME_MAX], size_t max)
{
    size_t n = 0, s = a;
    int depth = 0, joined = 0;
    for (size_t i = a; i <= b && n < max;) {
        bool end = i == b;
        size_t l = 1;
        if (!end) {
            uint32_t cp;
            l = text_decode(t + i, b - i, &cp);
            if (cp == 0x3008 || cp == 0xFF08)
                depth++;
            else if ((cp == 0x3009 || cp == 0xFF09) && depth)
                depth--;
            end = depth == 0 && (cp == 0x3001 || cp == 0xFF0C);
        }
        if (end && i < b && joined < 3 && t[i] != ',' &&
            grammar_starts(t + i, b - i, "、")) {
            /* a bare place before 、 whose body comes after the next one */
            char head[AGENCY_NAME_MAX], next[AGENCY_NAME_MAX];
            size_t hl = i - s < sizeof head - 1 ? i - s : sizeof head - 1;
            memcpy(head, t + s, hl);
            head[hl] = '\0';
            size_t e = i + l;
            while (e < b && !grammar_starts(t + e, b - e, "、") &&
                   !grammar_starts(t + e, b - e, "，"))
                e++;
            size_t nl =
                e - i - l < sizeof next - 1 ? e - i - l : sizeof next - 1;
            memcpy(next, t + i + l, nl);
            next[nl] = '\0';
            clean_name(head);
            clean_name(next);
            if (bare_place(head) && shared_body(next)) {
                joined++;
                i += l;
                continue;
            }
        }
        if (end) {
            char name[AGENCY_NAME_MAX];
            size_t len = i - s < sizeof name - 1 ? i - s : sizeof name - 1;
            memcpy(name, t + s, len);
            name[len] = '\0';
            clean_name(name);
            if (name_ok(name))
                put(out[n++], AGENCY_NAME_MAX, name);
            s = i + l;
            joined = 0;
        }
        i += l;
    }
    return n;
}

static void add_support(struct responsibility *r, const char *name)
{
    if (strcmp(name, r->lead) == 0)
        return;
    for (size_t i = 0; i < r->n_support; i++)
        if (strcmp(r->support[i], name) == 0)
            return;
    if (r->n_support < AGENCY_MAX_SUPPORT)
        put(r->support[r->n_support++], AGENCY_NAME_MAX, name);
}

static bool part_has(const char *t, size_t a, size_t b, const char *w)
{
    size_t k = strlen(w);
    for (size_t i = a; i + k <= b; i++)
        if (memcmp(t + i, w, k) == 0)
            return true;
    return false;
}

/* Read one note's content t[a, b). */
static bool read_note(const char *t, size_t a, size_t b,
                      struct responsibility *r)
{
    memset(r->lead, 0, sizeof r->lead);
    r->n_support = 0;
    r->n_standing = 0;
    /* parts separated by ； and 。 and ， (a 牵头 part, a 配合 part…) */
    size_t s = a;
    bool lead_part_seen = false;
    char names[AGENCY_MAX_SUPPORT][AGENCY_NAME_MAX];
    for (size_t i = a; i <= b;) {
        uint32_t cp = 0;
        size_t l = i < b ? text_decode(t + i, b - i, &cp) : 1;
        bool end =
            i == b || cp == 0xFF1B || cp == 0x3002 || cp == 0xFF0C || cp == ';';
        if (!end) {
            i += l;
            continue;
        }
        size_t pa = s, pb = i;
        s = i + l;
        i += l;
        if (pb <= pa)
            continue;
        /* 以下任务均需X落实，不再列出: X stands for every later task */
        if (part_has(t, pa, pb, "均需") || part_has(t, pa, pb, "均由")) {
            const char *m = part_has(t, pa, pb, "均需") ? "均需" : "均由";
            size_t from = pa;
            while (from < pb && memcmp(t + from, m, strlen(m)) != 0)
                from++;
            from += strlen(m);
            /* the names run to 落实 or 负责, over commas between them
             * (各县、区人民政府，长治高新区、经开区管委会落实) */
            size_t to = pb;
            for (size_t k = from; k + 6 <= b; k++)
                if (memcmp(t + k, "落实", 6) == 0 ||
                    memcmp(t + k, "负责", 6) == 0) {
                    to = k;
                    break;
                }
            size_t k = names_of(t, from, to, names, 4);
            for (size_t q = 0; q < k && r->n_standing < 4; q++)
                put(r->standing[r->n_standing++], AGENCY_NAME_MAX, names[q]);
            if (to > pb)
                s = i = to;
            continue;
        }
        if (part_has(t, pa, pb, "不再列出") || part_has(t, pa, pb, "下同") ||
            part_has(t, pa, pb, "以下"))
            continue;
        size_t k = names_of(t, pa, pb, names, AGENCY_MAX_SUPPORT);
        if (!k)
            continue;
        bool leads = part_has(t, pa, pb, "牵头");
        bool supports = part_has(t, pa, pb, "配合") ||
                        part_has(t, pa, pb, "参与") ||
                        (lead_part_seen && part_has(t, pa, pb, "责任单位"));
        size_t q = 0;
        if (!r->lead[0] && !supports) {
            put(r->lead, sizeof r->lead, names[0]);
            q = 1;
        }
        if (leads)
            lead_part_seen = true;
        for (; q < k; q++)
            add_support(r, names[q]);
    }
    return r->lead[0] != 0 || r->n_standing > 0;
}

bool agencies_cell(const char *t, size_t a, size_t b, struct responsibility *r)
{
    memset(r, 0, sizeof *r);
    r->from = a;
    r->to = b;
    return a < b && read_note(t, a, b, r);
}

bool agencies_responsibility(const char *t, size_t a, size_t b,
                             struct responsibility *r)
{
    memset(r, 0, sizeof *r);
    /* brackets from the end: the note closes the task */
    for (size_t i = b; i > a;) {
        i--;
        if (((unsigned char)t[i] & 0xC0) == 0x80)
            continue;
        if (!bracket_open(t, i, b))
            continue;
        size_t ol = t[i] == '(' ? 1 : 3, j = i + ol;
        int depth = 1;
        while (j < b && depth) {
            if (bracket_open(t, j, b))
                depth++;
            else if (bracket_close(t, j, b))
                depth--;
            if (depth)
                j += ((unsigned char)t[j] < 0x80) ? 1 : (t[j] & 0x20 ? 3 : 2);
        }
        if (depth)
            continue;
        bool marked = false;
        for (size_t k = 0; k < COUNT(MARKERS); k++)
            marked |= part_has(t, i, j, MARKERS[k]);
        if (!marked)
            continue;
        if (read_note(t, i + ol, j, r)) {
            r->from = i;
            r->to = j + (t[j] == ')' ? 1 : 3);
            return true;
        }
    }
    return false;
}

bool agencies_leading_group(const char *t, size_t len, char *out, size_t cap)
{
    static const char *const STOP[] = {"发挥", "成立", "由",   "的",
                                       "在",   "设立", "建立", "组建",
                                       "强化", "调整", "充分", "发挥"};
    const char *g = t;
    while ((g = strstr(g, "领导小组")) && g < t + len) {
        size_t end = (size_t)(g - t) + strlen("领导小组");
        size_t a = (size_t)(g - t);
        while (a > 0) {
            size_t p = a - 1;
            while (p > 0 && ((unsigned char)t[p] & 0xC0) == 0x80)
                p--;
            uint32_t cp;
            text_decode(t + p, len - p, &cp);
            if (!clean_is_han(cp))
                break;
            bool stop = false;
            for (size_t k = 0; k < COUNT(STOP); k++) {
                size_t l = strlen(STOP[k]);
                if (a >= l && memcmp(t + a - l, STOP[k], l) == 0)
                    stop = true;
            }
            if (stop)
                break;
            a = p;
        }
        if (end - a > strlen("领导小组") + 6 && end - a < cap) {
            memcpy(out, t + a, end - a);
            out[end - a] = '\0';
            return true;
        }
        g += strlen("领导小组");
    }
    return false;
}

/* ---- the register ---- */

void agencies_note(struct agency_register *reg, const char *name)
{
    if (!name || !*name)
        return;
    for (size_t i = 0; i < reg->n_names; i++)
        if (strcmp(reg->names[i], name) == 0)
            return;
    if (reg->n_names == reg->cap) {
        size_t cap = reg->cap ? reg->cap * 2 : 32;
        void *v = realloc(reg->names, cap * sizeof *reg->names);
        if (!v)
            return;
        reg->names = v;
        reg->cap = cap;
    }
    put(reg->names[reg->n_names++], AGENCY_NAME_MAX, name);
}

static void add_alias(struct agency_entry *e, const char *name)
{
    if (strcmp(e->name, name) == 0)
        return;
    for (size_t i = 0; i < e->n_aliases; i++)
        if (strcmp(e->aliases[i], name) == 0)
            return;
    if (e->n_aliases < 8)
        put(e->aliases[e->n_aliases++], AGENCY_NAME_MAX, name);
}

/* The fuller of two names of one agency is its name; the other an alias. */
static void merge_name(struct agency_entry *e, const char *name)
{
    if (strlen(name) > strlen(e->name)) {
        char old[AGENCY_NAME_MAX];
        put(old, sizeof old, e->name);
        put(e->name, sizeof e->name, name);
        for (size_t i = 0; i < e->n_aliases; i++)
            if (strcmp(e->aliases[i], name) == 0) {
                memmove(e->aliases[i], e->aliases[i + 1],
                        (e->n_aliases - i - 1) * sizeof e->aliases[i]);
                e->n_aliases--;
                break;
            }
        add_alias(e, old);
    } else {
        add_alias(e, name);
    }
}

void agencies_build(struct agency_register *reg)
{
    free(reg->v);
    reg->v = calloc(reg->n_names ? reg->n_names : 1, sizeof *reg->v);
    reg->n = 0;
    if (!reg->v)
        return;
    for (size_t i = 0; i < reg->n_names; i++) {
        const char *name = reg->names[i];
        size_t j;
        for (j = 0; j < reg->n; j++) {
            struct agency_entry *e = &reg->v[j];
            bool same = agencies_same(e->name, name);
            for (size_t k = 0; !same && k < e->n_aliases; k++)
                same = agencies_same(e->aliases[k], name);
            /* two bodies of the same kind (市/区 counties) stay apart */
            if (same && department_of(name, NULL) < 0 &&
                strcmp(e->name, name) != 0)
                same = false;
            if (same) {
                merge_name(e, name);
                break;
            }
        }
        if (j == reg->n)
            put(reg->v[reg->n++].name, AGENCY_NAME_MAX, name);
    }
    /* ids: the department's, else the kind of body's, else agency-N */
    for (size_t j = 0; j < reg->n; j++) {
        struct agency_entry *e = &reg->v[j];
        int d = department_of(e->name, NULL);
        const char *base = d >= 0 ? DEPARTMENTS[d].id : other_id(e->name);
        char id[48];
        if (base)
            put(id, sizeof id, base);
        else
            snprintf(id, sizeof id, "agency-%zu", j + 1);
        /* a second 市 and 区 body of one kind: ndrc-2 */
        for (int k = 2;; k++) {
            bool taken = false;
            for (size_t q = 0; q < j; q++)
                taken |= strcmp(reg->v[q].id, id) == 0;
            if (!taken)
                break;
            snprintf(id, sizeof id, "%s-%d", base ? base : "agency", k);
        }
        put(e->id, sizeof e->id, id);
    }
}

long agencies_find(const struct agency_register *reg, const char *name)
{
    for (size_t j = 0; j < reg->n; j++) {
        if (strcmp(reg->v[j].name, name) == 0)
            return (long)j;
        for (size_t k = 0; k < reg->v[j].n_aliases; k++)
            if (strcmp(reg->v[j].aliases[k], name) == 0)
                return (long)j;
    }
    return -1;
}

void agencies_free(struct agency_register *reg)
{
    free(reg->names);
    free(reg->v);
    memset(reg, 0, sizeof *reg);
}
