#!/usr/bin/env python3
"""Summarises scripts/compare-threads.sh's output (JSON lines after '# round R, threads T' markers).

Two views of the same rounds:
- medians over rounds of each measurement's median (wall ms), their 1 -> 2 thread scaling and the ratios
  PyTorch / Kusari;
- per round, then the median over rounds: the ratio PyTorch / Kusari within one round and the scaling
  1 -> 2 threads within one round. On a shared, noisy machine this is the steadier view, because both
  frameworks (and both thread counts) of one round met the same phase of the machine.
`ceiling` (one 2048^3 product split over the pool) is what a second thread gives perfectly parallel work
in that round: the most any workload's scaling can reach then."""
import json, re, statistics, sys
from collections import defaultdict

runs = defaultdict(list)                 # (workload, H, threads) -> [median ms per round]
by_round = defaultdict(dict)             # round -> {(workload, H, threads): median ms}
current = 0
for line in open(sys.argv[1]):
    marker = re.match(r"# round (\d+), threads (\d+)", line)
    if marker:
        current = int(marker.group(1))
    elif line.startswith("{"):
        d = json.loads(line)
        key = (d["workload"], d["H"], d["threads"])
        runs[key].append(d["median_ms"])
        by_round[current][key] = d["median_ms"]
med = {k: statistics.median(v) for k, v in runs.items()}

print("| workload | H | 1 thread (ms) | 2 threads (ms) | scaling 1 -> 2 | rounds (2 threads) |")
print("|---|---|---|---|---|---|")
for (w, h) in sorted({(w, h) for (w, h, _) in med}):
    one, two = med.get((w, h, 1)), med.get((w, h, 2))
    rounds = ", ".join(f"{x:.1f}" for x in runs.get((w, h, 2), []))
    if one and two:
        print(f"| {w} | {h} | {one:.1f} | {two:.1f} | {one / two:.2f}x | {rounds} |")
    else:
        print(f"| {w} | {h} | {one} | {two} | - | {rounds} |")
print()


def per_round(numerator, denominator):
    """The median over rounds of numerator / denominator within each round, with the rounds' values."""
    values = [r[numerator] / r[denominator] for r in by_round.values() if numerator in r and denominator in r]
    if not values:
        return "-"
    return f"{statistics.median(values):.2f}x ({', '.join(f'{v:.2f}' for v in values)})"


print("Per round, then the median over rounds (each round's values in brackets):")
print()
print("| H | threads | nn.LSTM / Kusari w4 | nn.LSTM / Kusari w4seq | LSTMCell / Kusari w4 |")
print("|---|---|---|---|---|")
for h in sorted({h for (w, h, _) in med if w != "ceiling"}):
    for t in (1, 2):
        print(f"| {h} | {t} | {per_round(('w4-nn.LSTM', h, t), ('w4', h, t))} | "
              f"{per_round(('w4-nn.LSTM', h, t), ('w4seq', h, t))} | {per_round(('w4-LSTMCell', h, t), ('w4', h, t))} |")
print()
print("| scaling 1 -> 2 threads, per round | median (rounds) |")
print("|---|---|")
for (w, h) in sorted({(w, h) for (w, h, _) in med}):
    print(f"| {w}, H={h} | {per_round((w, h, 1), (w, h, 2))} |")
