#!/usr/bin/env python3
"""Turns scripts/bench's results.tsv into the one table (markdown).

Per figure, server and connection count: the median over rounds of req/s, p50
and p99 (wrk's latency percentiles), the range of req/s, errors summed over the
rounds, and the largest per-run peak RSS of the server (VmHWM, reset before
each run). Then the ratios the issue asks for and each target, met or missed.

usage: table.py RESULTS_TSV PROVINCE_ENV NATIONAL_ENV|-
"""
import statistics, sys

def kv(text):
    out = {}
    for part in text.split():
        k, sep, v = part.partition("=")
        if sep:
            out[k] = v
    return out

def env(path):
    if path == "-":
        return {}
    try:
        with open(path) as f:
            return dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line)
    except OSError:
        return {}

results, province, national = sys.argv[1], env(sys.argv[2]), env(sys.argv[3])
runs, notes, extra = {}, [], {}
with open(results) as f:
    for raw in f:
        cols = raw.rstrip("\n").split("\t")
        if cols[0] == "note":
            notes.append(cols[1])
        elif cols[0] == "idle":
            extra.setdefault("idle", {})[cols[1]] = cols[2] if len(cols) > 2 else ""
        elif cols[0] in ("startup", "store"):
            extra[cols[0]] = cols[1] if len(cols) > 1 else ""
        elif len(cols) >= 6:
            figure, server, conns, rnd, peak = cols[:5]
            bench = kv(cols[5].replace("BENCH ", "", 1))
            bench["round"] = rnd
            statuses = ""
            if "statuses:" in cols[5]:
                statuses = cols[5].split("statuses:", 1)[1]
            runs.setdefault((figure, server, int(conns)), []).append((bench, int(peak or 0), statuses))

def summary(key):
    rs = runs.get(key)
    if not rs:
        return None
    rps = [float(b["rps"]) for b, _, _ in rs]
    return {
        "rps": statistics.median(rps), "min": min(rps), "max": max(rps), "rounds": len(rs),
        "p50": statistics.median(int(b["p50_us"]) for b, _, _ in rs) / 1000,
        "p99": statistics.median(int(b["p99_us"]) for b, _, _ in rs) / 1000,
        "errors": sum(int(b["errors"]) for b, _, _ in rs),
        "requests": sum(int(b["requests"]) for b, _, _ in rs),
        "peak": max(p for _, p, _ in rs) / 1024,
        "statuses": ";".join(s for _, _, s in rs if s),
    }

def round_ratios(a, b):
    """tiendo / peer req/s for each round both ran in."""
    ra = {int(x["round"]): float(x["rps"]) for x, _, _ in runs.get(a, [])}
    rb = {int(x["round"]): float(x["rps"]) for x, _, _ in runs.get(b, [])}
    return [ra[k] / rb[k] for k in sorted(ra) if k in rb and rb[k] > 0]

LABELS = {
    "health": ("GET /health", "—"),
    "tasks": ("GET /api/v1/tasks/{id}", "province"),
    "summary": ("GET /api/v1/plans/{id}/summary", "province"),
    "compliance": (f"GET /api/v1/plans/{{id}}/compliance?period={national.get('compliance_period', '…')}", "national"),
    "tasks-cold": ("GET /api/v1/tasks/{id}, answer cache off", "province"),
    "summary-cold": ("GET /api/v1/plans/{id}/summary, answer cache off", "province"),
    "compliance-cold": (f"GET /api/v1/plans/{{id}}/compliance?period={national.get('compliance_period', '…')}, answer cache off", "national"),
    "reports-group": ("POST /api/v1/reports (group commit)", "province"),
    "reports-single": ("POST /api/v1/reports (one commit per write)", "province"),
    "batch": ("POST /api/v1/reports/batch (60 items)", "province"),
}
ORDER = ["health", "tasks", "tasks-cold", "summary", "summary-cold", "compliance", "compliance-cold", "reports-group",
         "reports-single", "batch"]
SERVERS = ["tiendo", "hummingbird", "nginx"]

def met(ok):
    return "**met**" if ok else "**missed**"

NO_DATA = "no request completed: **missed**"

rows = []
hb = summary(("health", "hummingbird", 64))
ngx = summary(("health", "nginx", 64))
single = summary(("reports-single", "tiendo", 64))
for figure in ORDER:
    keys = sorted({k for k in runs if k[0] == figure}, key=lambda k: (SERVERS.index(k[1]) if k[1] in SERVERS else 9, k[2]))
    for key in keys:
        s = summary(key)
        label, data = LABELS.get(figure, (figure, ""))
        server = key[1]
        ratio, target = "", ""
        if figure == "health" and server == "tiendo":
            # Ratios per round (the servers ran back to back within a round), then their median:
            # noise on a shared box moves between rounds more than within one.
            parts, checks = [], []
            for peer, name, want in (("hummingbird", "Hummingbird", 1.2), ("nginx", "nginx", 0.5)):
                per = round_ratios(("health", "tiendo", 64), ("health", peer, 64))
                if not per:
                    continue
                r = statistics.median(per)
                parts.append(f"{r:.2f}× {name} (rounds: {', '.join(f'{x:.2f}' for x in per)})")
                checks.append(f"≥ {want}× {name} {met(r >= want)}")
            ratio, target = "; ".join(parts), "; ".join(checks)
        elif figure == "tasks":
            target = f"≥ 20k req/s {met(s['rps'] >= 20000)}; p99 ≤ 10 ms {met(s['p99'] <= 10)}"
        elif figure == "summary":
            target = f"p50 ≤ 5 ms {met(s['p50'] <= 5)}"
        elif figure == "compliance":
            target = f"p50 ≤ 50 ms {met(s['p50'] <= 50)}"
        elif figure.endswith("-cold"):
            target = "(for reference: every answer computed)"
        elif figure == "reports-group":
            target = f"≥ 8k req/s {met(s['rps'] >= 8000)}"
            if single:
                ratio = f"{s['rps'] / single['rps']:.1f}× one-commit-per-write"
        elif figure == "batch":
            ratio = f"= {s['rps'] * 60:,.0f} reports/s"
        if s["requests"] == 0 and target:
            target = NO_DATA
        errors = f"{s['errors']}/{s['requests']}"
        if s["errors"] and s["statuses"]:
            errors += f" ({s['statuses']})"
        rows.append([label, server, data, str(key[2]), f"{s['rps']:,.0f}", f"{s['min']:,.0f}–{s['max']:,.0f}",
                     f"{s['p50']:.2f}", f"{s['p99']:.2f}", errors, f"{s['peak']:.1f}" if s["peak"] else "—", ratio, target])

header = ["endpoint", "server", "data", "conns", "req/s (median)", "req/s range", "p50 ms", "p99 ms",
          "errors/requests", "server peak RSS MiB", "ratio", "target"]
print()
print("| " + " | ".join(header) + " |")
print("|" + "|".join("---" for _ in header) + "|")
for r in rows:
    print("| " + " | ".join(r) + " |")

for server in ("tiendo", "hummingbird", "nginx"):
    line = extra.get("idle", {}).get(server)
    if line is None:
        continue
    i = kv(line.replace("IDLE ", "", 1))
    if "rss_kib" in i:
        rss = int(i["rss_kib"]) / 1024
        before = int(i.get("rss_before_kib", 0)) / 1024
        answers = i.get("fresh_status") == "200"
        target = f"RSS ≤ 64 MiB {met(rss <= 64)}; /health answers {met(answers)}" if server == "tiendo" else ""
        print(f"| 1,000 idle keep-alive connections | {server} | {'province' if server == 'tiendo' else '—'} "
              f"| 1000 ({i.get('ok')} answered, {i.get('failed')} failed) | | | | "
              f"| new /health {i.get('fresh_ms')} ms → {i.get('fresh_status')} | {rss:.1f} (VmRSS; {before:.1f} before) "
              f"| idle ones reused: {i.get('reused_ok')} | {target} |")
    else:
        print(f"| 1,000 idle keep-alive connections | {server} | | failed: {line} | | | | | | | | {'**missed**' if server == 'tiendo' else ''} |")
if "startup" in extra:
    st = kv(extra["startup"].replace("STARTUP ", "", 1))
    if "median_ms" in st:
        ms = float(st["median_ms"])
        print(f"| start-up to first 200 from /ready (median of 5) | tiendo | national | | | | {ms:.0f} ms "
              f"| runs {st.get('runs_ms')} ms | | | | ≤ 300 ms {met(ms <= 300)} |")
    else:
        print(f"| start-up to first 200 from /ready | tiendo | national | failed: {extra['startup']} | | | | | | | | **missed** |")
print()
if province:
    print(f"province dataset: {province.get('units')} units, {province.get('plans')} plans, {province.get('tasks')} tasks, "
          f"{province.get('reports')} reports, {int(province.get('db_bytes', 0)) / 2**20:.0f} MiB")
if national:
    print(f"national dataset: {national.get('units')} units, {national.get('plans')} plans, {national.get('tasks')} tasks, "
          f"{national.get('reports')} reports, {int(national.get('db_bytes', 0)) / 2**20:.0f} MiB")
if "store" in extra:
    print(f"tiendo bench-store (no server switch for one commit per write): {extra['store']}")
for n in notes:
    print(f"note: {n}")
