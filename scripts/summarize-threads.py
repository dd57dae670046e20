#!/usr/bin/env python3
"""Summarises scripts/compare-threads.sh's JSON lines: for each (workload, H, threads), the median over
rounds of the per-run medians (wall), then the ratios PyTorch / Kusari and the 1 -> 2 thread scaling."""
import json, statistics, sys
from collections import defaultdict

runs = defaultdict(list)
for line in open(sys.argv[1]):
    if line.startswith("{"):
        d = json.loads(line)
        runs[(d["workload"], d["H"], d["threads"])].append(d["median_ms"])
med = {k: statistics.median(v) for k, v in runs.items()}
print("| workload | H | 1 thread (ms) | 2 threads (ms) | scaling 1 -> 2 | rounds (2 threads) |")
print("|---|---|---|---|---|---|")
for (w, h) in sorted({(w, h) for (w, h, _) in med}):
    one, two = med.get((w, h, 1)), med.get((w, h, 2))
    scale = f"{one / two:.2f}x" if one and two else "-"
    rounds = ", ".join(f"{x:.1f}" for x in runs.get((w, h, 2), []))
    print(f"| {w} | {h} | {one:.1f} | {two:.1f} | {scale} | {rounds} |" if one and two else f"| {w} | {h} | {one} | {two} | - | |")
print()
print("| H | threads | PyTorch nn.LSTM / Kusari w4 | nn.LSTM / Kusari w4seq | LSTMCell / Kusari w4 |")
print("|---|---|---|---|---|")
for h in sorted({h for (_, h, _) in med}):
    for t in (1, 2):
        def r(a, b):
            return f"{med[a] / med[b]:.2f}x" if a in med and b in med else "-"
        print(f"| {h} | {t} | {r(('w4-nn.LSTM', h, t), ('w4', h, t))} | {r(('w4-nn.LSTM', h, t), ('w4seq', h, t))} | {r(('w4-LSTMCell', h, t), ('w4', h, t))} |")
