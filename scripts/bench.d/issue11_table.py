#!/usr/bin/env python3
"""Issue 11's figures from scripts/bench's issue11.tsv (name TAB BENCH line):
reads and writes together, the hot pair, and computed answers with the cache off,
each beside its target, judged as ratios within the run.

usage: issue11_table.py ISSUE11_TSV
"""
import sys

def kv(text):
    return dict(p.split("=", 1) for p in text.split() if "=" in p)

runs = {}
with open(sys.argv[1]) as f:
    for line in f:
        name, _, bench = line.rstrip("\n").partition("\t")
        runs[name] = kv(bench)

def rps(name):
    return float(runs.get(name, {}).get("rps", 0) or 0)

def ms(name, p):
    v = runs.get(name, {}).get(f"p{p}_us")
    return None if v is None else int(v) / 1000

def errs(name):
    return int(runs.get(name, {}).get("errors", 0) or 0)

def verdict(ok):
    return "met" if ok else "**missed**"

def fmt_ms(x):
    return "–" if x is None else f"{x:.1f} ms"

print("### Reads and writes together (issue 11)")
print()
print("| figure | measured | target | |")
print("|---|---|---|---|")
alone = rps("rush-post-alone")
if alone:
    print(f"| POST /reports alone, one plan (60 tasks × 27 districts), 64 wide | {alone:,.0f} req/s, {errs('rush-post-alone')} errors | ≥ 8k req/s, all 201 | {verdict(alone >= 8000 and errs('rush-post-alone') == 0)} |")
for kind in ["summary", "compliance", "task", "summary-off", "compliance-off"]:
    post, read = f"rush-post-{kind}", f"rush-read-{kind}"
    if post not in runs:
        continue
    r = rps(post) / alone if alone else 0
    p50, p99 = ms(read, 50), ms(read, 99)
    ok = r >= 0.6 and p50 is not None and p50 <= 5 and p99 is not None and p99 <= 25
    what = f"{kind[:-4]}, answer cache off" if kind.endswith("-off") else kind
    print(f"| the rush, 4 connections reading {what} | POST {rps(post):,.0f} req/s ({r:.2f}× alone); {kind} {rps(read):,.0f} req/s, p50 {fmt_ms(p50)}, p99 {fmt_ms(p99)}; errors {errs(post)}+{errs(read)} | ≥ 0.6×, p50 ≤ 5 ms, p99 ≤ 25 ms | {verdict(ok)} |")
spread, first, after = rps("hot-spread"), rps("hot-first"), rps("hot-after")
if spread and first:
    print(f"| one (task, unit) pair, 64 wide | {first:,.0f} req/s ({first / spread:.2f}× the spread {spread:,.0f}) | ≥ 0.3× the spread | {verdict(first / spread >= 0.3)} |")
    n = sum(int(runs.get(k, {}).get("requests", 0) or 0) for k in ["hot-first", "hot-fill"])
    if after:
        print(f"| the same pair after {n:,} revisions | {after:,.0f} req/s ({after / first:.2f}× its first rate) | ≥ 0.8× | {verdict(after / first >= 0.8 and n >= 10000)} |")
for kind in ["summary", "compliance", "task"]:
    name = f"cold-{kind}"
    if name in runs:
        p50 = ms(name, 50)
        print(f"| {kind} computed (TIENDO_ANSWER_CACHE_MB=0), 1 connection | p50 {fmt_ms(p50)}, p99 {fmt_ms(ms(name, 99))}, {rps(name):,.0f} req/s | p50 ≤ 2 ms | {verdict(p50 is not None and p50 <= 2)} |")
