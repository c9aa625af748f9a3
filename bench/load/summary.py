"""Reads a run's Locust CSVs and samples and writes the Markdown summary: per request kind and run,
requests, failures, requests/s and p50/p95/p99; the soak's response times and memory, minute by minute."""
import csv
import os
import sys
from collections import defaultdict

out = sys.argv[1]


def stats(label):
    path = os.path.join(out, f"{label}_stats.csv")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return list(csv.DictReader(f))


print("## Locust: mixed workload per request kind\n")
for label in ("one-node", "two-nodes", "soak"):
    rows = stats(label)
    if not rows:
        continue
    print(f"### {label}\n")
    print("| request | count | failures | req/s | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|---|---|")
    for row in rows:
        name = "**all**" if row["Name"] == "Aggregated" else row["Name"]  # names carry their method already
        print(f"| {name} | {row['Request Count']} | {row['Failure Count']} | {float(row['Requests/s']):.1f} | "
              f"{row['50%']} | {row['95%']} | {row['99%']} |")
    print()

history = os.path.join(out, "soak_stats_history.csv")
if os.path.exists(history):
    by_minute = defaultdict(list)
    with open(history) as f:
        rows = [r for r in csv.DictReader(f) if r["Name"] == "Aggregated"]
    start = int(rows[0]["Timestamp"]) if rows else 0
    for r in rows:
        by_minute[(int(r["Timestamp"]) - start) // 60].append(r)
    memory = defaultdict(list)
    samples = os.path.join(out, "soak-memory.txt")
    if os.path.exists(samples):
        for line in open(samples):
            t, a, b = line.split()
            memory[(int(t) - start) // 60].append((int(a), int(b)))
    print("## Soak (two nodes): each minute\n")
    print("| minute | req/s | p50 ms | p95 ms | p99 ms | failures so far | node A MB | node B MB |\n|---|---|---|---|---|---|---|---|")
    for minute in sorted(by_minute):
        last = by_minute[minute][-1]
        mem = memory.get(minute) or [(0, 0)]
        print(f"| {minute} | {float(last['Requests/s']):.1f} | {last['50%']} | {last['95%']} | {last['99%']} | {last['Total Failure Count']} | "
              f"{max(m[0] for m in mem)} | {max(m[1] for m in mem)} |")
    print()

wrk = os.path.join(out, "wrk.md")
if os.path.exists(wrk):
    print("## wrk: raw throughput (16 connections for 30 s, split over the nodes)\n")
    print(open(wrk).read())
memory_file = os.path.join(out, "memory.txt")
if os.path.exists(memory_file):
    print(open(memory_file).read())
