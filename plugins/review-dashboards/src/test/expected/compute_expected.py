#!/usr/bin/env python3
"""Independent expectations for the review-dashboards funnel (issue 6).

Writes a seeded data set as IMPORT.md CSV files (opportunities.csv, stage-history.csv) and computes
every funnel figure of ../shared/docs/METRICS.md for a list of queries straight from those rows, with
nothing but the Python standard library and none of the plugin's code:

    python3 compute_expected.py [--out ../resources/review-fixture]

Output: <out>/opportunities.csv, <out>/stage-history.csv, <out>/lead-paths.csv (each lead's statuses in
order, the last its status now), <out>/expected.json. Same seed, same bytes.

The data has what the definitions are about: skipped stages, moves back (regressions) and forward
again, lost deals at every height, open deals, several owners / industries / regions / channels
(and some opportunities without a channel), opportunities just inside and just outside the cohort
windows (the tenant is in Asia/Shanghai, UTC+8, so a window's dates start at 16:00 UTC the day before).
"""
import argparse
import csv
import json
import os
import random
import statistics
from datetime import datetime, timedelta, timezone

TZ = timezone(timedelta(hours=8))  # Asia/Shanghai has no daylight saving time
ORDER = ["contacted", "needs_confirmed", "solution_demo", "quote", "negotiation", "won"]
# The default pipeline's healthy conversion to the next stage (METRICS.md "The pipeline").
HEALTHY = {"needs_confirmed": (0.40, 0.55), "negotiation": (0.25, 0.35)}
OWNERS = ["rep1@rd.example", "rep2@rd.example", "rep3@rd.example", "rep4@rd.example"]
INDUSTRIES = ["制造业", "医药", "零售"]
REGIONS = ["华东", "华南", "华北"]
CHANNELS = ["web", "partner", "event", ""]
# The figures' "now" for queries without an end date (the trailing-12-month baseline ends there).
NOW = datetime(2026, 12, 1, 0, 0, tzinfo=TZ)


def iso(t):
    return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


PRODUCT_LINES = ["valves", "pumps", "boilers"]


def make_data(seed):
    rng = random.Random(seed)
    opps = []
    start = datetime(2025, 9, 1, tzinfo=timezone.utc)
    n = 0

    def add(created, path, owner=None, industry=None, region=None, channel=None):
        nonlocal n
        n += 1
        ext = "RD-%04d" % n
        times = [created]
        for _ in path[1:]:
            times.append(times[-1] + timedelta(hours=rng.randint(5, 24 * 20), minutes=rng.randint(0, 59),
                                               seconds=rng.randint(0, 59)))
        final = path[-1]
        opps.append({
            "external_id": ext, "name": "Review fixture " + ext,
            "owner": owner or rng.choice(OWNERS), "amount": "%d.%02d" % (rng.randint(10, 900) * 1000, rng.randint(0, 99)),
            "channel": rng.choice(CHANNELS) if channel is None else channel,
            "industry": industry or rng.choice(INDUSTRIES), "region": region or rng.choice(REGIONS),
            "created_at": created, "closed_at": times[-1] if final in ("won", "lost") else None,
            "stage": final, "history": list(zip(path, times)),
            # METRICS.md "Cohort" filters by product line: a custom attribute (column product_line), from the
            # id and not the random stream, so that adding it changed no other figure; some deals have none
            "product_line": "" if n % 11 == 0 else PRODUCT_LINES[(n * 7 + n // 5) % 3],
        })

    for _ in range(260):
        created = start + timedelta(seconds=rng.randint(0, 300 * 86400))
        add(created, random_path(rng))
    # The windows' edges: 2026-01-01 and 2026-04-01 start at 16:00 UTC the day before.
    for edge in (datetime(2025, 12, 31, 16, 0, tzinfo=timezone.utc), datetime(2026, 3, 31, 16, 0, tzinfo=timezone.utc)):
        add(edge - timedelta(seconds=1), ["contacted", "needs_confirmed", "won"])
        add(edge, ["contacted", "needs_confirmed", "solution_demo", "lost"])
        add(edge + timedelta(seconds=1), ["contacted", "quote", "negotiation", "won"])
    # Named shapes, so that each appears whatever the seed does.
    t = datetime(2026, 2, 10, 3, 0, tzinfo=timezone.utc)
    add(t, ["contacted", "lost"], owner=OWNERS[0])                                        # lost at once
    add(t, ["contacted", "quote", "needs_confirmed", "quote", "negotiation", "won"], owner=OWNERS[1])  # back and forth
    add(t, ["needs_confirmed", "solution_demo", "needs_confirmed"], owner=OWNERS[2])       # starts late, moves back
    add(t, ["contacted", "solution_demo", "contacted", "lost"], owner=OWNERS[3])           # skip, back, lost
    add(t, ["contacted", "negotiation", "won"], owner=OWNERS[0], channel="")               # big skip, no channel
    # A month of retail deals lost after needs confirmed: a bottleneck against a healthy range.
    for i in range(16):
        add(datetime(2026, 5, 3, 2, 0, tzinfo=timezone.utc) + timedelta(hours=37 * i),
            ["contacted", "needs_confirmed", "lost"], owner=OWNERS[0], industry="零售")
    # Won, reopened and won again: the win cycle runs to the first win, the sales cycle to closed_at (the last).
    for i, (industry, region) in enumerate([("制造业", "华东"), ("医药", "华北"), ("零售", "华南"), ("医药", "华东")]):
        add(datetime(2026, 3, 5, 6, 0, tzinfo=timezone.utc) + timedelta(days=29 * i),
            ["contacted", "quote", "won", "negotiation", "won"], industry=industry, region=region)
    return opps


def random_path(rng):
    path = ["contacted"] if rng.random() < 0.9 else [rng.choice(ORDER[1:3])]
    pos = ORDER.index(path[0])
    for _ in range(12):
        r = rng.random()
        # needs confirmed and negotiation lose more often: their healthy ranges get tested both ways
        if r < (0.62 if ORDER[pos] in ("needs_confirmed", "negotiation") else 0.18):
            path.append("lost")
            return path
        if r < 0.32:
            return path  # still open
        if r < 0.42 and pos > 0:
            pos = max(0, pos - rng.randint(1, 2))  # moves back
        else:
            pos = min(len(ORDER) - 1, pos + (1 if rng.random() < 0.75 else rng.randint(2, 3)))  # on, or skips
        path.append(ORDER[pos])
        if ORDER[pos] == "won":
            return path
    return path


AGING = {"contacted": 14, "needs_confirmed": 21, "solution_demo": 21, "quote": 14, "negotiation": 30}


def cohort_of(opps, params):
    start = day_start(params["from"]) if "from" in params else None
    end = day_start(params["to"]) if "to" in params else None
    return [o for o in opps if in_window(o, start, end)]


def sales_days(o):
    """METRICS.md "Sales cycle" of a won opportunity: closed_at - created_at, fractional days."""
    return (o["closed_at"] - o["created_at"]).total_seconds() / 86400.0


def win_days(o):
    """Win cycle of a won opportunity: created_at to its first entry into won in the stage history."""
    won_at = min(at for stage, at in o["history"] if stage == "won")
    return (won_at - o["created_at"]).total_seconds() / 86400.0


def mean_median(values):
    return {"meanDays": statistics.fmean(values) if values else None,
            "medianDays": statistics.median(values) if values else None}


def time_in_stage(cohort):
    in_stage = {}
    for o in cohort:
        h = o["history"]
        days = {}
        for i, (stage, at) in enumerate(h):
            if i + 1 < len(h):
                days[stage] = days.get(stage, 0.0) + (h[i + 1][1] - at).total_seconds() / 86400.0
        for stage, d in days.items():
            if h[-1][0] != stage:  # it has left the stage (its last entry is elsewhere)
                in_stage.setdefault(stage, []).append(d)
    return [{"stage": st, "opportunities": len(v), "meanDays": statistics.fmean(v)}
            for st, v in sorted(in_stage.items(), key=lambda kv: ORDER.index(kv[0]) if kv[0] in ORDER else 99)]


def velocity_of(cohort):
    """METRICS.md "Pipeline velocity": open x mean won amount x win rate / mean sales cycle, per day."""
    won = [o for o in cohort if o["stage"] == "won"]
    lost = [o for o in cohort if o["stage"] == "lost"]
    open_all = [o for o in cohort if o["closed_at"] is None]
    amount = statistics.fmean(float(o["amount"]) for o in won) if won else None
    cycle = statistics.fmean(sales_days(o) for o in won) if won else None
    win_rate = len(won) / (len(won) + len(lost)) if won or lost else None
    return {"open": len(open_all), "meanWonAmount": amount, "winRate": win_rate, "meanCycleDays": cycle,
            "perDay": len(open_all) * amount * win_rate / cycle if won else None}


def time_figures(opps, params):
    cohort = cohort_of(opps, params)
    aging = []
    for st in ORDER[:-1]:
        open_ = [o for o in cohort if o["stage"] == st and o["closed_at"] is None]
        if open_:
            ages = [(NOW - o["history"][-1][1]).total_seconds() / 86400.0 for o in open_]
            aging.append({"stage": st, "open": len(open_), "meanDays": statistics.fmean(ages), "maxDays": max(ages),
                          "tooLongDays": AGING[st], "tooLong": sum(1 for a in ages if a > AGING[st])})
    won = [o for o in cohort if o["stage"] == "won"]

    def cycles(field, days):
        out = []
        for key in sorted({o[field] for o in cohort}):
            c = [days(o) for o in won if o[field] == key]
            out.append(dict({"key": key, "won": len(c)}, **mean_median(c)))
        return out

    return {"timeInStage": time_in_stage(cohort), "aging": aging, "velocity": velocity_of(cohort),
            "cycleByIndustry": cycles("industry", sales_days), "cycleByRegion": cycles("region", sales_days),
            "winCycleByIndustry": cycles("industry", win_days), "winCycleByRegion": cycles("region", win_days)}


def comparison_figures(opps, params):
    cohort = cohort_of(opps, params)
    team = figures(cohort)
    reps = []
    for owner in sorted({o["owner"] for o in cohort}):
        mine = [o for o in cohort if o["owner"] == owner]
        f = figures(mine)
        worst, gap = None, 0.0
        for k in range(len(ORDER) - 1):
            c, t = f["conversion"][k], team["conversion"][k]
            if c is not None and t is not None and t - c > gap:
                worst, gap = ORDER[k], t - c
        reps.append({"owner": owner, "won": f["won"], "lost": f["lost"], "winRate": f["winRate"],
                     "meanCycleDays": f["cycle"]["meanDays"],
                     "pipeline": sum(float(o["amount"]) for o in mine if o["closed_at"] is None),
                     "losesMostAt": worst, "shortfallPoints": gap * 100 if worst else None,
                     "stages": [{"stage": ORDER[k], "conversionToNext": f["conversion"][k],
                                 "team": team["conversion"][k]} for k in range(len(ORDER) - 1)]})
    reps.sort(key=lambda r: (-(r["winRate"] if r["winRate"] is not None else -1), r["owner"]))
    for i, r in enumerate(reps):
        r["rank"] = i + 1
    return {"team": {"winRate": team["winRate"], "meanCycleDays": team["cycle"]["meanDays"],
                     "pipeline": sum(float(o["amount"]) for o in cohort if o["closed_at"] is None)},
            "reps": reps}


def period_of(t, period):
    local = t.astimezone(TZ)
    return "%d-%02d" % (local.year, local.month) if period == "month" else "%d-Q%d" % (local.year, (local.month - 1) // 3 + 1)


def previous_period(key, period):
    y = int(key[:4])
    if period == "month":
        m = int(key[5:])
        return "%d-12" % (y - 1) if m == 1 else "%d-%02d" % (y, m - 1)
    q = int(key[6:])
    return "%d-Q4" % (y - 1) if q == 1 else "%d-Q%d" % (y, q - 1)


def trend_figures(opps, params):
    """Each period's cohort funnel (its own figures as the benchmark of unranged stages: none is flagged)
    with the previous period's beside it."""
    period = params.get("period", "month")
    by = {}
    for o in opps:
        by.setdefault(period_of(o["created_at"], period), []).append(o)
    cohort_keys = sorted({period_of(o["created_at"], period) for o in cohort_of(opps, params)})
    def of(key, cohort):
        won = [o for o in cohort if o["stage"] == "won"]
        return dict({"period": key}, **funnel(cohort, figures(cohort)), timeInStage=time_in_stage(cohort),
                    winCycle=mean_median([win_days(o) for o in won]), velocity=velocity_of(cohort))

    items = []
    for key in cohort_keys:
        mine = [o for o in cohort_of(opps, params) if period_of(o["created_at"], period) == key]
        item = of(key, mine)
        prev_key = previous_period(key, period)
        prev = [o for o in opps if period_of(o["created_at"], period) == prev_key]
        item["previous"] = of(prev_key, prev) if prev else {"period": prev_key}
        items.append(item)
    return {"period": period, "items": items}


ACTIVITY_TYPES = ["call", "email_open", "meeting", "demo", "visit"]


def make_activities(opps, seed):
    """0-7 activities per opportunity within 40 days of its creation; won deals see a demo early more often."""
    rng = random.Random(seed * 13 + 5)
    acts = []
    for o in opps:
        for _ in range(rng.randint(0, 7)):
            kind = "demo" if o["stage"] == "won" and rng.random() < 0.3 else rng.choice(ACTIVITY_TYPES)
            at = o["created_at"] + timedelta(seconds=rng.randint(0, 40 * 86400))
            acts.append({"external_id": "RA-%05d" % (len(acts) + 1), "opportunity": o["external_id"], "type": kind,
                         "occurred_at": at})
    return acts


def traits_figures(opps, acts, params):
    days = int(params.get("days", 14))
    closed = [o for o in cohort_of(opps, params) if o["stage"] in ("won", "lost")]
    won = sum(1 for o in closed if o["stage"] == "won")
    lost = len(closed) - won
    early = {}
    for a in acts:
        early.setdefault(a["opportunity"], []).append(a)
    rows = {}

    def count(kind, value, o):
        w, l = rows.get((kind, value), (0, 0))
        rows[(kind, value)] = (w + (o["stage"] == "won"), l + (o["stage"] == "lost"))

    for o in closed:
        mine = [a for a in early.get(o["external_id"], [])
                if o["created_at"] <= a["occurred_at"] < o["created_at"] + timedelta(days=days)]
        for t in sorted({a["type"] for a in mine}):
            count("activity", t, o)
        for k in (1, 3, 5):
            if len(mine) >= k:
                count("activities", str(k), o)
        for field in ("channel", "industry", "region"):
            count(field, o[field] if o[field] != "" else None, o)
    out = []
    for (kind, value), (w, l) in rows.items():
        sw = w / won if won else None
        sl = l / lost if lost else None
        out.append({"kind": kind, "value": value, "won": w, "lost": l, "shareOfWon": sw, "shareOfLost": sl,
                    "lift": sw / sl if sw is not None and sl else None, "support": w + l})
    out.sort(key=lambda t: (t["lift"] is None, -(t["lift"] or 0), t["kind"], "null" if t["value"] is None else t["value"]))
    return {"earlyDays": days, "won": won, "lost": lost, "traits": out}


LEAD_CHANNELS = ["web", "partner", "event"]
LEAD_ORDER = ["new", "contacted", "mql", "sql", "converted"]


def make_leads(seed):
    """Leads with their status paths: on through the statuses (sometimes skipping one), or disqualified
    on the way; converted leads convert a while after their creation."""
    rng = random.Random(seed * 7 + 1)
    leads = []
    start = datetime(2025, 10, 1, tzinfo=timezone.utc)
    for n in range(1, 181):
        created = start + timedelta(seconds=rng.randint(0, 270 * 86400))
        path, t, pos = [("new", created)], created, 0
        while True:
            t = t + timedelta(hours=rng.randint(2, 24 * 15), seconds=rng.randint(0, 3599))
            r = rng.random()
            if r < 0.25:
                path.append(("disqualified", t))
                break
            if r < 0.35 and pos > 0:
                break  # stays where it is
            pos = min(4, pos + (1 if rng.random() < 0.8 else 2))
            path.append((LEAD_ORDER[pos], t))
            if pos == 4:
                break
        leads.append({"external_id": "RL-%04d" % n, "channel": rng.choice(LEAD_CHANNELS), "created_at": created,
                      "path": path})
    return leads


def lead_figures(leads, params):
    start = day_start(params["from"]) if "from" in params else None
    end = day_start(params["to"]) if "to" in params else None
    cohort = [l for l in leads if (start is None or l["created_at"] >= start) and (end is None or l["created_at"] < end)]
    if "channel" in params:
        cohort = [l for l in cohort if l["channel"] == params["channel"]]

    def reached(l):
        return max(LEAD_ORDER.index(s) for s, _ in l["path"] if s in LEAD_ORDER)

    def fig(ls):
        created = len(ls)
        c = [sum(1 for l in ls if reached(l) >= k) for k in range(5)]
        days = [(l["path"][-1][1] - l["created_at"]).total_seconds() / 86400.0 for l in ls if l["path"][-1][0] == "converted"]
        return {"created": created, "contacted": c[1], "mql": c[2], "sql": c[3], "converted": c[4],
                "contactRate": c[1] / created if created else None, "mqlToSqlRate": c[3] / c[2] if c[2] else None,
                "conversionRate": c[4] / created if created else None,
                "meanDaysToConvert": statistics.fmean(days) if days else None}

    total = fig(cohort)
    low = 0.60
    bottleneck = total["contactRate"] is not None and total["contactRate"] < low
    return {"total": total,
            "leadToContacted": {"healthyRange": [0.60, 0.75], "bottleneck": bottleneck,
                                "shortfallPoints": (low - total["contactRate"]) * 100 if bottleneck else None},
            "channels": [dict({"channel": ch}, **fig([l for l in cohort if l["channel"] == ch]))
                         for ch in sorted({l["channel"] for l in cohort})]}


LEAD_QUERIES = [{}, {"from": "2026-01-01", "to": "2026-04-01"}, {"from": "2025-12-01", "channel": "partner"}]


def write_csv(opps, out):
    with open(os.path.join(out, "opportunities.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["external_id", "name", "owner", "amount", "currency", "channel", "industry", "region",
                    "created_at", "closed_at", "stage", "product_line"])
        for o in opps:
            w.writerow([o["external_id"], o["name"], o["owner"], o["amount"], "CNY", o["channel"], o["industry"],
                        o["region"], iso(o["created_at"]), iso(o["closed_at"]) if o["closed_at"] else "", o["stage"],
                        o["product_line"]])
    with open(os.path.join(out, "stage-history.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["opportunity", "stage", "entered_at"])
        for o in opps:
            for stage, at in o["history"]:
                w.writerow([o["external_id"], stage, iso(at)])


def day_start(d):
    return datetime.strptime(d, "%Y-%m-%d").replace(tzinfo=TZ)


def in_window(o, start, end):
    return (start is None or o["created_at"] >= start) and (end is None or o["created_at"] < end)


def furthest(o):
    """1-based position in ORDER of the furthest stage the history (or the current stage) holds; 0 for none."""
    stages = [s for s, _ in o["history"]] + [o["stage"]]
    return max([ORDER.index(s) + 1 for s in stages if s in ORDER] or [0])


def figures(cohort):
    reached = [sum(1 for o in cohort if furthest(o) >= k + 1) for k in range(len(ORDER))]
    won = [o for o in cohort if o["stage"] == "won"]
    lost = sum(1 for o in cohort if o["stage"] == "lost")
    cycles = [sales_days(o) for o in won]
    conv = [reached[k + 1] / reached[k] if k + 1 < len(ORDER) and reached[k] else None for k in range(len(ORDER))]
    return {
        "reached": reached, "conversion": conv, "won": len(won), "lost": lost,
        "winRate": len(won) / (len(won) + lost) if won or lost else None,
        "overallConversion": reached[-1] / reached[0] if reached[0] else None,
        "cycle": {"meanDays": statistics.fmean(cycles) if cycles else None,
                  "medianDays": statistics.median(cycles) if cycles else None},
    }


def funnel(cohort, baseline):
    f = figures(cohort)
    # Stages without a healthy range: the one furthest below the tenant's trailing-12-month conversion.
    worst, worst_gap = None, 0.0
    for k, key in enumerate(ORDER[:-1]):
        if key not in HEALTHY and f["conversion"][k] is not None and baseline["conversion"][k] is not None:
            gap = baseline["conversion"][k] - f["conversion"][k]
            if gap > worst_gap:
                worst, worst_gap = key, gap
    stages = []
    for k, key in enumerate(ORDER):
        c = f["conversion"][k]
        rng = HEALTHY.get(key)
        if rng is not None:
            bottleneck = c is not None and c < rng[0]
            shortfall = (rng[0] - c) * 100 if bottleneck else None
        else:
            bottleneck = key == worst
            shortfall = worst_gap * 100 if bottleneck else None
        stages.append({"key": key, "reached": f["reached"][k], "conversionToNext": c,
                       "healthyRange": list(rng) if rng else None, "bottleneck": bottleneck,
                       "shortfallPoints": shortfall})
    return {"stages": stages, "won": f["won"], "lost": f["lost"], "winRate": f["winRate"],
            "overallConversion": f["overallConversion"], "cycle": f["cycle"]}


def add_months(t, months):
    y, m = divmod(t.month - 1 + months, 12)
    return t.replace(year=t.year + y, month=m + 1)


def answer(opps, params):
    start = day_start(params["from"]) if "from" in params else None
    end = day_start(params["to"]) if "to" in params else None
    base_end = end or NOW
    baseline = figures([o for o in opps if in_window(o, add_months(base_end, -12), base_end)])
    cohort = [o for o in opps if in_window(o, start, end)]
    for field in ("owner", "industry", "region", "channel"):
        if field in params:
            cohort = [o for o in cohort if o[field] == params[field]]
    if "productLine" in params:
        cohort = [o for o in cohort if o["product_line"] in params["productLine"].split(",")]
    group = params.get("groupBy")
    if not group:
        return funnel(cohort, baseline)
    keys = sorted({o[group] for o in cohort})
    groups = []
    for key in keys:
        g = funnel([o for o in cohort if o[group] == key], baseline)
        groups.append(dict({"key": key if key != "" else None}, **g))
    return {"groups": groups}


QUERIES = [
    {},
    {"from": "2026-01-01", "to": "2026-04-01"},
    {"from": "2026-01-01"},
    {"to": "2026-01-01"},
    {"from": "2025-10-01", "to": "2026-07-01", "owner": "rep2@rd.example"},
    {"from": "2025-10-01", "to": "2026-07-01", "industry": "医药", "region": "华东"},
    {"from": "2025-10-01", "to": "2026-07-01", "channel": "partner"},
    {"from": "2026-01-01", "to": "2026-04-01", "groupBy": "owner"},
    {"from": "2025-09-01", "to": "2026-09-01", "groupBy": "industry"},
    {"from": "2025-09-01", "to": "2026-09-01", "groupBy": "region"},
    {"from": "2025-09-01", "to": "2026-09-01", "groupBy": "channel"},
    {"groupBy": "owner", "region": "华南"},
    {"from": "2026-05-01", "to": "2026-06-01", "industry": "零售"},
    {"from": "2026-05-01", "to": "2026-06-01", "groupBy": "owner"},
    {"from": "2025-12-01", "to": "2026-12-01"},  # the trailing year before "now": the weekly report's funnel
    # windows off the months' edges (whole months in between, days at either end, or days of one month)
    {"from": "2026-01-15", "to": "2026-04-10", "groupBy": "region"},
    {"from": "2026-02-03", "to": "2026-02-20"},
    {"from": "2025-12-20", "groupBy": "owner"},
    {"to": "2026-03-17", "groupBy": "channel"},
    # METRICS.md's product line filter (a custom attribute of the opportunities)
    {"from": "2025-10-01", "to": "2026-07-01", "productLine": "pumps"},
    {"productLine": "valves,boilers", "groupBy": "owner"},
]


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "..", "resources", "review-fixture"))
    ap.add_argument("--seed", type=int, default=6)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    opps = make_data(args.seed)
    write_csv(opps, args.out)
    acts = make_activities(opps, args.seed)
    with open(os.path.join(args.out, "activities.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["external_id", "opportunity", "type", "occurred_at"])
        for a in acts:
            w.writerow([a["external_id"], a["opportunity"], a["type"], iso(a["occurred_at"])])
    leads = make_leads(args.seed)
    with open(os.path.join(args.out, "lead-paths.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["lead", "channel", "created_at", "status", "at"])
        for l in leads:
            for status, at in l["path"]:
                w.writerow([l["external_id"], l["channel"], iso(l["created_at"]), status, iso(at)])
    result = {"now": NOW.isoformat(), "timeZone": "Asia/Shanghai", "opportunities": len(opps),
              "stageEntries": sum(len(o["history"]) for o in opps),
              "queries": [{"params": q, "expected": answer(opps, q)} for q in QUERIES],
              "trendQueries": [{"params": q, "expected": trend_figures(opps, q)}
                               for q in ({"period": "month", "from": "2026-01-01", "to": "2026-07-01"},
                                         {"period": "quarter"})],
              "traitQueries": [{"params": q, "expected": traits_figures(opps, acts, q)}
                               for q in ({}, {"from": "2026-01-01", "to": "2026-07-01", "days": "7"})],
              "timeQueries": [{"params": q, "expected": time_figures(opps, q)}
                              for q in ({}, {"from": "2026-01-01", "to": "2026-07-01"})],
              "comparisonQueries": [{"params": q, "expected": comparison_figures(opps, q)}
                                    for q in ({}, {"from": "2026-01-01", "to": "2026-04-01"})],
              "leadQueries": [{"params": q, "expected": lead_figures(leads, q)} for q in LEAD_QUERIES]}
    with open(os.path.join(args.out, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote %d opportunities, %d stage entries, %d queries to %s"
          % (len(opps), result["stageEntries"], len(QUERIES), args.out))


if __name__ == "__main__":
    main()
