#!/usr/bin/env python3
"""bench/gen.py: write the synthetic workload of `make bench` (issue 6).

    python3 bench/gen.py OUTDIR [--plans 200] [--targets 100] [--obs 1000000]

Writes, deterministically (fixed seed):
  OUTDIR/plans/ID.yaml         200 plans x 100 targets in the real plan format
                               (plantrack-plans(5)): Chinese indicators and
                               agencies, comparators >=, <=, reduce-by,
                               increase-by and done, milestone years 2024-2030
  OUTDIR/plans/sources/ID.txt  each plan's "source text", holding every quote,
                               so `plantrack check` verifies quotes and numbers
  OUTDIR/obs.csv               1,000,000 observations in the exact format of
                               `plantrack export` (header, CRLF, RFC 4180), in
                               record order, about 0.5% of them corrections;
                               the bench loads it with `plantrack import`
  OUTDIR/haystack.txt          one line per target, the text incremental search
                               looks in (for the ncurses floor's search)
Nothing here touches the log: the bench imports obs.csv through the product.
"""
import argparse
import datetime as dt
import os
import random

SEED = 20240929

CITIES = [
    ("baotou", "包头"), ("hohhot", "呼和浩特"), ("wuhai", "乌海"),
    ("chifeng", "赤峰"), ("tongliao", "通辽"), ("taiyuan", "太原"),
    ("datong", "大同"), ("jincheng", "晋城"), ("shuozhou", "朔州"),
    ("jinzhong", "晋中"), ("yuncheng", "运城"), ("linfen", "临汾"),
    ("lvliang", "吕梁"), ("shijiazhuang", "石家庄"), ("tangshan", "唐山"),
    ("handan", "邯郸"), ("baoding", "保定"), ("cangzhou", "沧州"),
    ("jinan", "济南"), ("zibo", "淄博"), ("weifang", "潍坊"),
    ("jining", "济宁"), ("linyi", "临沂"), ("zhengzhou", "郑州"),
    ("luoyang", "洛阳"), ("anyang", "安阳"), ("xian", "西安"),
    ("yulin", "榆林"), ("yanan", "延安"), ("lanzhou", "兰州"),
    ("yinchuan", "银川"), ("xining", "西宁"), ("urumqi", "乌鲁木齐"),
    ("hefei", "合肥"), ("wuhu", "芜湖"), ("jiaxing", "嘉兴"),
    ("shaoxing", "绍兴"), ("wuxi", "无锡"), ("changzhou", "常州"),
    ("nanchang", "南昌"), ("ganzhou", "赣州"), ("changsha", "长沙"),
    ("zhuzhou", "株洲"), ("guiyang", "贵阳"), ("zunyi", "遵义"),
    ("kunming", "昆明"), ("qujing", "曲靖"), ("baise", "百色"),
    ("liuzhou", "柳州"), ("tianjin-binhai", "滨海新区"),
]

# (id suffix, title, short suffix, periods to pick from)
PLAN_KINDS = [
    ("pilot", "减污降碳协同创新试点实施方案", "试点", ["2024-2026", "2024-2027"]),
    ("peak", "碳达峰实施方案", "碳达峰", ["2024-2030", "2025-2030"]),
    ("air", "空气质量持续改善行动实施方案", "空气", ["2024-2025", "2024-2027"]),
    ("waste", "“无废城市”建设实施方案", "无废", ["2024-2028", "2025-2030"]),
]

# (id, name, aliases)
AGENCIES = [
    ("eco", "市生态环境局", []),
    ("ndrc", "市发展和改革委员会", ["市发展改革委", "市发改委"]),
    ("energy", "市能源局", []),
    ("miit", "市工业和信息化局", ["市工信局"]),
    ("housing", "市住房和城乡建设局", ["市住建局"]),
    ("transport", "市交通运输局", []),
    ("agri", "市农业农村局", []),
    ("natres", "市自然资源和规划局", []),
    ("water", "市水利局", []),
    ("forestry", "市林业和草原局", []),
    ("science", "市科学技术局", []),
    ("finance", "市财政局", []),
    ("stats", "市统计局", []),
    ("commerce", "市商务局", []),
    ("urban", "市城市管理局", []),
    ("market", "市市场监督管理局", []),
    ("offices", "市机关事务服务中心", []),
    ("counties", "各县（市、区）人民政府", []),
    ("parks", "各工业园区管委会", []),
]

# Numeric indicators: (slug, indicator, domain, comparator, unit, lo, hi,
# decimals, quote template, lead candidates). {Y} milestone year, {I}
# indicator, {V} value, {U} unit, {B} baseline year.
NUMERIC = [
    ("ne-capacity", "新能源发电装机容量", "energy", ">=", "万千瓦", 200, 6000, 0,
     "到{Y}年，全市{I}达到{V}{U}以上", ["energy"]),
    ("nonfossil-share", "非化石能源消费比重", "energy", ">=", "%", 15, 45, 1,
     "{Y}年，{I}达到{V}{U}左右", ["energy", "ndrc"]),
    ("green-building", "城镇新建建筑中绿色建筑占比", "buildings", ">=", "%",
     60, 100, 0, "到{Y}年，{I}达到{V}{U}", ["housing"]),
    ("good-air-days", "空气质量优良天数比率", "environment", ">=", "%", 75, 95, 1,
     "{Y}年，全市{I}达到{V}{U}以上", ["eco"]),
    ("forest-cover", "森林覆盖率", "ecology", ">=", "%", 20, 65, 2,
     "到{Y}年，{I}提高到{V}{U}", ["forestry"]),
    ("solid-waste-use", "一般工业固体废物综合利用率", "resources", ">=", "%",
     50, 95, 0, "{Y}年，{I}达到{V}{U}以上", ["miit", "eco"]),
    ("nev-bus", "新增公交车中新能源汽车比例", "transport", ">=", "%", 80, 100, 0,
     "到{Y}年，{I}不低于{V}{U}", ["transport"]),
    ("reclaimed-water", "再生水利用率", "resources", ">=", "%", 20, 50, 0,
     "到{Y}年，城市{I}达到{V}{U}", ["water", "urban"]),
    ("straw-use", "农作物秸秆综合利用率", "agriculture", ">=", "%", 86, 98, 0,
     "{Y}年，{I}稳定在{V}{U}以上", ["agri"]),
    ("storage", "新型储能装机容量", "energy", ">=", "万千瓦", 10, 500, 0,
     "到{Y}年，{I}达到{V}{U}", ["energy"]),
    ("charging", "公共充电桩数量", "transport", ">=", "个", 500, 20000, 0,
     "到{Y}年，累计建成{I}{V}{U}以上", ["energy", "transport"]),
    ("green-factory", "省级以上绿色工厂数量", "industry", ">=", "家", 5, 80, 0,
     "到{Y}年，创建{I}{V}{U}", ["miit"]),
    ("manure", "畜禽粪污综合利用率", "agriculture", ">=", "%", 80, 95, 0,
     "{Y}年，{I}达到{V}{U}以上", ["agri"]),
    ("green-travel", "中心城区绿色出行比例", "transport", ">=", "%", 60, 80, 0,
     "到{Y}年，{I}达到{V}{U}", ["transport"]),
    ("rd-intensity", "全社会研发经费投入强度", "innovation", ">=", "%", 1.5, 3.5, 2,
     "到{Y}年，{I}达到{V}{U}", ["science"]),
    ("pm25", "细颗粒物（PM2.5）年均浓度", "environment", "<=", "微克/立方米",
     25, 45, 0, "到{Y}年，全市{I}控制在{V}{U}以下", ["eco"]),
    ("coal-share", "煤炭消费比重", "energy", "<=", "%", 40, 87, 0,
     "到{Y}年，{I}下降至{V}{U}以下", ["energy"]),
    ("heavy-days", "重度及以上污染天数比率", "environment", "<=", "%", 0.5, 2, 1,
     "{Y}年，{I}控制在{V}{U}以内", ["eco"]),
    ("water-intensity", "万元工业增加值用水量", "resources", "<=", "立方米",
     10, 40, 1, "到{Y}年，{I}不超过{V}{U}", ["water", "miit"]),
    ("power-coal", "煤电机组平均供电煤耗", "energy", "<=", "克标准煤/千瓦时",
     290, 305, 0, "到{Y}年，全市{I}降至{V}{U}以下", ["energy"]),
    ("ozone", "臭氧日最大8小时平均第90百分位数浓度", "environment", "<=",
     "微克/立方米", 140, 165, 0, "{Y}年，{I}控制在{V}{U}以内", ["eco"]),
    ("co2-intensity", "单位地区生产总值二氧化碳排放降幅", "energy", "reduce-by",
     "%", 10, 22, 1, "到{Y}年，单位地区生产总值二氧化碳排放较{B}年下降{V}{U}",
     ["ndrc"]),
    ("energy-intensity", "单位地区生产总值能耗降幅", "energy", "reduce-by", "%",
     10, 16, 1, "到{Y}年，单位地区生产总值能耗较{B}年下降{V}{U}", ["ndrc"]),
    ("nox", "氮氧化物排放总量降幅", "environment", "reduce-by", "吨", 100, 3000, 0,
     "{Y}年，全市氮氧化物排放总量较{B}年减少{V}{U}", ["eco"]),
    ("vocs", "挥发性有机物排放总量降幅", "environment", "reduce-by", "吨", 50,
     1500, 0, "{Y}年，全市挥发性有机物排放总量较{B}年减少{V}{U}", ["eco"]),
    ("cod", "化学需氧量重点工程减排量", "environment", "reduce-by", "吨", 200,
     5000, 0, "到{Y}年，化学需氧量重点工程减排量较{B}年累计减少{V}{U}", ["eco"]),
    ("ammonia", "氨氮重点工程减排量", "environment", "reduce-by", "吨", 20, 400,
     0, "到{Y}年，氨氮重点工程减排量较{B}年累计减少{V}{U}", ["eco", "agri"]),
    ("eff-gain", "重点企业环保设施运行效率提高幅度", "industry", "increase-by",
     "%", 5, 20, 0, "{Y}年，重点企业环保设施运行效率相较{B}年提高{V}{U}",
     ["eco", "miit"]),
    ("rail-freight", "铁路货运量增幅", "transport", "increase-by", "%", 5, 30, 0,
     "到{Y}年，铁路货运量较{B}年增长{V}{U}", ["transport"]),
    ("green-loans", "绿色贷款余额增量", "governance", "increase-by", "亿元", 50,
     800, 0, "到{Y}年，绿色贷款余额较{B}年增加{V}{U}", ["finance"]),
]

# Deliverables: (slug, indicator, domain, lead candidates)
DONE = [
    ("incentive-rules", "出台减污降碳协同创新激励办法", "governance", ["eco"]),
    ("carbon-accounting", "建立碳排放统计核算体系", "governance",
     ["stats", "ndrc"]),
    ("project-pool", "建立减污降碳协同增效重点项目库", "governance",
     ["ndrc", "eco"]),
    ("boiler-retire", "完成35蒸吨/小时以下燃煤锅炉淘汰", "energy", ["eco"]),
    ("monitoring-net", "建成大气环境质量监测网络", "environment", ["eco"]),
    ("tech-list", "编制重点领域减污降碳协同技术清单", "innovation",
     ["science", "eco"]),
    ("zero-waste-cells", "建成一批“无废”细胞", "resources", ["eco", "urban"]),
    ("heat-pipes", "完成老旧供热管网改造", "buildings", ["housing"]),
    ("eval-system", "建立减污降碳协同创新评价指标体系", "governance", ["eco"]),
    ("public-buildings", "完成公共机构既有建筑节能改造", "buildings",
     ["offices"]),
]

CN = "一二三四五六七八九十"
AUTHORS = ["wangli", "zhangwei", "liuyang", "chenjing", "zhaomin", "sunhao",
           "zhoujie", "wuqiang"]
HOSTS = ["plantrack-srv", "field-laptop-01", "field-laptop-02",
         "field-laptop-07", "eco-office-pc"]
SOURCES = ["", "", "市统计局月度统计快报", "市生态环境局环境质量月报",
           "市能源局能源统计", "国民经济和社会发展统计公报", "重点企业在线监测",
           "市发展改革委季度调度"]
NOTES = ["", "", "", "", "", "初步核算数", "含新增并网项目", "口径与上年一致"]
CSV_COLUMNS = ["uuid", "plan", "target", "date", "value", "state", "unit",
               "source", "note", "author", "host", "recorded_at", "corrects"]
OBS_FROM = dt.date(2021, 1, 1)
OBS_TO = dt.date(2026, 8, 31)  # past the bench's --as-of; recorded by 2026-11-03


def num(x, decimals):
    """A number as plantrack writes it: no trailing zeros, no '.0'."""
    s = f"{x:.{decimals}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


def yq(s):
    """A YAML scalar: plain when safe, else double-quoted."""
    if any(c in s for c in ":#[]{},&*!|<>'\"%@`") or s[:1] in "-?" or \
            s != s.strip():
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return s


def section(rnd):
    if rnd.random() < 0.15:
        return "一(三)"
    return f"{CN[rnd.randrange(1, 6)]}({CN[rnd.randrange(0, 8)]}){rnd.randrange(1, 9)}"


def make_plan(rnd, n, city, kind, n_targets):
    slug, cname = city
    ksuffix, ktitle, kshort, periods = kind
    pid = f"{slug}-{ksuffix}"
    period = rnd.choice(periods)
    y0, y1 = (int(x) for x in period.split("-"))
    issued = dt.date(y0 - 1, 1, 1) + dt.timedelta(days=rnd.randrange(300, 700))
    agencies = [a for a in AGENCIES
                if a[0] in ("eco", "ndrc") or rnd.random() < 0.8]
    ids = {a[0] for a in agencies}
    plan = {
        "id": pid, "title": f"{cname}市{ktitle}", "short": f"{cname}{kshort}",
        "issuer": f"{cname}市人民政府",
        "document": f"{cname[0]}政发〔{issued.year}〕{rnd.randrange(1, 90)}号",
        "issued": issued.isoformat(), "period": period, "source": f"{pid}.html",
        "agencies": agencies, "targets": [], "y0": y0, "y1": y1,
    }
    used = set()
    for i in range(n_targets):
        year = rnd.randrange(y0, y1 + 1)
        r = rnd.random()
        t = {"year": year, "section": section(rnd)}
        if r < 0.15:
            dslug, ind, domain, leads = rnd.choice(DONE)
            t.update(slug=dslug, indicator=ind, domain=domain, cmp="done")
            if rnd.random() < 0.05:
                t["deferred"] = True
                t["quote"] = f"{year}年底前，完成上级下达的{ind}任务"
            else:
                t["quote"] = f"{year}年底前，{ind}"
        else:
            spec = rnd.choice(NUMERIC)
            (nslug, ind, domain, cmp, unit, lo, hi, dec, tmpl, leads) = spec
            v = num(rnd.uniform(lo, hi), dec)
            t.update(slug=nslug, indicator=ind, domain=domain, cmp=cmp,
                     unit=unit, value=v, dec=dec)
            b = rnd.choice([2020, 2020, 2022, 2023])
            if b >= year:
                b = 2020
            if cmp in ("reduce-by", "increase-by"):
                t["baseline"] = b
                t["quote"] = tmpl.format(Y=year, I=ind, V=v, U=unit, B=b)
            elif rnd.random() < 0.15 and float(v) > 0:
                f = rnd.uniform(0.5, 0.9) if cmp == ">=" else \
                    rnd.uniform(1.1, 1.5)
                bv = num(float(v) * f, dec)
                if bv == v:
                    bv = num(float(v) * f + 1, dec)
                t["baseline"] = {"year": b, "value": bv}
                verb = "提高到" if cmp == ">=" else "下降到"
                tail = "以上" if cmp == ">=" else "以下"
                t["quote"] = (f"到{year}年，{ind}由{b}年的{bv}{unit}"
                              f"{verb}{v}{unit}{tail}")
            else:
                t["quote"] = tmpl.format(Y=year, I=ind, V=v, U=unit)
        if rnd.random() < 0.2:
            t["firmness"] = "striving"
            t["quote"] = "力争" + t["quote"]
        lead = next((x for x in leads if x in ids), "eco")
        agency = next(a for a in agencies if a[0] == lead)
        # Refer to the lead by id, name or alias, as real files do.
        t["lead"] = rnd.choice([agency[0], agency[0], agency[1]] + agency[2])
        others = [a[0] for a in agencies if a[0] != lead]
        t["support"] = rnd.sample(others, rnd.randrange(0, 4))
        tid = f"{t['slug']}-{year}"
        k = 2
        while tid in used:
            tid = f"{t['slug']}-{k}-{year}"
            k += 1
        used.add(tid)
        t["id"] = tid
        if rnd.random() < 0.1:
            t["note"] = "年份据上下文确定；口径以市统计局公布数据为准。"
        plan["targets"].append(t)
    return plan


def plan_yaml(p):
    out = [
        f"# Synthetic plan for `make bench` (bench/gen.py); not a real plan.",
        f"id: {p['id']}", f"title: {yq(p['title'])}", f"short: {p['short']}",
        f"issuer: {p['issuer']}", f"document: {p['document']}",
        f"issued: {p['issued']}", "standing: issued",
        f"period: {p['period']}", f"source: {p['source']}", "",
        "agencies:",
    ]
    for aid, name, aliases in p["agencies"]:
        out.append(f"  - id: {aid}")
        out.append(f"    name: {name}")
        if aliases:
            out.append(f"    aliases: [{', '.join(aliases)}]")
    out += ["", "targets:"]
    for t in p["targets"]:
        out.append(f"  - id: {t['id']}")
        sec = t["section"]
        out.append(f"    section: [一(三), {sec}]" if sec != "一(三)" and
                   t["year"] == p["y1"] else f"    section: {sec}")
        out.append(f"    domain: {t['domain']}")
        out.append(f"    indicator: {yq(t['indicator'])}")
        out.append(f"    year: {t['year']}")
        out.append(f"    comparator: {yq(t['cmp']) if t['cmp'] != 'done' else 'done'}")
        if "value" in t:
            out.append(f"    value: {t['value']}")
            out.append(f"    unit: {yq(t['unit'])}")
        b = t.get("baseline")
        if isinstance(b, dict):
            out.append(f"    baseline: {{year: {b['year']}, value: {b['value']}}}")
        elif b:
            out.append(f"    baseline: {b}")
        out.append(f"    lead: {t['lead']}")
        if t["support"]:
            out.append(f"    support: [{', '.join(t['support'])}]")
        if "firmness" in t:
            out.append(f"    firmness: {t['firmness']}")
        if t.get("deferred"):
            out.append("    deferred: true")
        out.append(f"    quote: {yq(t['quote'])}")
        if "note" in t:
            out.append(f"    note: {yq(t['note'])}")
        out.append("")
    return "\n".join(out)


FILLER = [
    "坚持系统观念，统筹推进减污降碳协同增效。",
    "强化目标协同、区域协同、领域协同、任务协同、政策协同、监管协同。",
    "各有关部门要按照职责分工，细化工作措施，加强协调配合，形成工作合力。",
    "建立健全工作调度机制，定期通报工作进展情况。",
    "加强宣传引导，营造全社会共同参与的良好氛围。",
]


def source_text(rnd, p):
    lines = [f"{p['issuer']}关于印发{p['title']}的通知", p["document"],
             "各县（市、区）人民政府，市人民政府各部门：",
             f"现将《{p['title']}》印发给你们，请认真贯彻执行。",
             p["issuer"], p["issued"], p["title"], "一、总体要求",
             "（一）指导思想。" + "".join(rnd.sample(FILLER, 3)),
             "（二）主要目标。"]
    para = []
    for i, t in enumerate(p["targets"]):
        para.append(t["quote"] + "。")
        if len(para) == 5 or i == len(p["targets"]) - 1:
            if rnd.random() < 0.5:
                para.append(rnd.choice(FILLER))
            lines.append("".join(para))
            para = []
    lines += ["二、保障措施"] + FILLER
    return "\n".join(lines) + "\n"


def uuid4(rnd):
    b = rnd.getrandbits(128)
    b &= ~(0xF000 << 64)
    b |= 0x4000 << 64                       # version 4
    b &= ~(0xC000 << 48)
    b |= 0x8000 << 48                       # RFC 4122 variant
    h = f"{b:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def csv_cell(s):
    if any(c in s for c in ',"\r\n') or s[:1] == " ":
        return '"' + s.replace('"', '""') + '"'
    return s


def observations(rnd, plans, total):
    """Yield (recorded_at, csv line) for every observation."""
    targets = [(p, t) for p in plans for t in p["targets"]]
    # About 4% of targets have nothing recorded; the rest share the total.
    weights = [0.0 if rnd.random() < 0.04 else rnd.uniform(0.2, 1.8)
               for _ in targets]
    s = sum(weights)
    counts = [int(w / s * total) for w in weights]
    short = total - sum(counts)
    live = [i for i, w in enumerate(weights) if w > 0]
    for i in rnd.sample(live, short):
        counts[i] += 1
    span = (OBS_TO - OBS_FROM).days
    # Dates as text, precomputed: day k after OBS_FROM (plus the lag of
    # recording, up to 64 days).
    day = [(OBS_FROM + dt.timedelta(days=k)).isoformat()
           for k in range(span + 65)]
    rows = []
    rand, randrange, choice, gauss = (rnd.random, rnd.randrange, rnd.choice,
                                      rnd.gauss)
    for (p, t), n in zip(targets, counts):
        if n == 0:
            continue
        ndays = sorted(randrange(span + 1) for _ in range(n))
        cmp = t["cmp"]
        pid, tid, unit = p["id"], csv_cell(t["id"]), t.get("unit", "")
        progress = rnd.uniform(-0.4, 1.4)   # how far it will have got
        if cmp == "done":
            finish = rand() < 0.5
            start_frac = rnd.uniform(0.1, 0.6)
        else:
            v = float(t["value"])
            dec = t["dec"]
            if cmp in ("reduce-by", "increase-by"):
                y0 = 0.0
            elif isinstance(t.get("baseline"), dict):
                y0 = float(t["baseline"]["value"])
            else:
                y0 = v * (rnd.uniform(0.5, 0.9) if cmp == ">=" else
                          rnd.uniform(1.1, 1.5))
        last = None
        for k in range(n):
            dk = ndays[k]
            f = dk / span
            if cmp == "done":
                state = ("not-started" if f < start_frac else
                         "done" if finish and f > 0.85 else "in-progress")
                value = ""
            else:
                x = y0 + (v - y0) * progress * f
                x *= 1 + gauss(0, 0.02)
                if cmp in ("reduce-by", "increase-by") and x < 0:
                    x = 0.0
                value = num(x, max(dec, 1) if abs(x) < 10 else dec)
                state = ""
            u = uuid4(rnd)
            rk = dk + randrange(3, 45)
            secs = randrange(8 * 3600, 18 * 3600)
            corrects = ""
            note = choice(NOTES)
            # About 1 in 200 rows corrects the row before it (same target),
            # dated the same, recorded a little later.
            if last and rand() < 0.005:
                corrects, dk, prk, psecs = last
                note = "统计口径更正"
                rk = min(prk + randrange(1, 20), span + 64)
            ms = randrange(1000)
            rec = (f"{day[rk]}T{secs // 3600:02d}:{secs // 60 % 60:02d}:"
                   f"{secs % 60:02d}.{ms:03d}Z")
            line = (f"{u},{pid},{tid},{day[dk]},{value},{state},{unit},"
                    f"{choice(SOURCES)},{note},{choice(AUTHORS)},"
                    f"{choice(HOSTS)},{rec},{corrects}")
            rows.append((rec, line))
            last = (u, dk, rk, secs)
    rows.sort()
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--plans", type=int, default=200)
    ap.add_argument("--targets", type=int, default=100)
    ap.add_argument("--obs", type=int, default=1_000_000)
    a = ap.parse_args()
    rnd = random.Random(SEED)
    pdir = os.path.join(a.out, "plans")
    os.makedirs(os.path.join(pdir, "sources"), exist_ok=True)
    for name in os.listdir(pdir):
        if name.endswith(".yaml"):
            os.remove(os.path.join(pdir, name))
    plans = []
    for n in range(a.plans):
        city = CITIES[n // len(PLAN_KINDS) % len(CITIES)]
        if n >= len(CITIES) * len(PLAN_KINDS):
            city = (f"{city[0]}{n // (len(CITIES) * len(PLAN_KINDS))}",
                    city[1])
        kind = PLAN_KINDS[n % len(PLAN_KINDS)]
        p = make_plan(rnd, n, city, kind, a.targets)
        plans.append(p)
        with open(os.path.join(pdir, p["id"] + ".yaml"), "w",
                  encoding="utf-8") as f:
            f.write(plan_yaml(p))
        with open(os.path.join(pdir, "sources", p["id"] + ".txt"), "w",
                  encoding="utf-8") as f:
            f.write(source_text(rnd, p))
    with open(os.path.join(a.out, "haystack.txt"), "w", encoding="utf-8") as f:
        names = {x[0]: x for x in AGENCIES}
        for p in plans:
            for t in p["targets"]:
                lead = next(x for x in AGENCIES if t["lead"] in
                            [x[0], x[1]] + x[2])
                parts = [t["indicator"], t["quote"], f"{p['id']}/{t['id']}",
                         lead[1]] + lead[2] + \
                    [names[s][1] for s in t["support"]]
                f.write("\x1f".join(parts).lower() + "\n")
    rows = observations(rnd, plans, a.obs)
    tmp = os.path.join(a.out, "obs.csv.tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(CSV_COLUMNS) + "\r\n")
        for _, line in rows:
            f.write(line + "\r\n")
    os.replace(tmp, os.path.join(a.out, "obs.csv"))
    print(f"gen: {len(plans)} plans, {sum(len(p['targets']) for p in plans)} "
          f"targets, {len(rows)} observations in {a.out}")


if __name__ == "__main__":
    main()
