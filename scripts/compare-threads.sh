#!/usr/bin/env bash
# Issue 16's table: w4 (and w4seq) with 1 and 2 threads, Kusari and PyTorch side by side, interleaved
# round by round so both frameworks share the machine's moods. Prints every JSON line, then a summary of
# the medians over rounds (scripts/summarize-threads.py). Optional; never part of CI.
#
#   scripts/compare-threads.sh [rounds] [repeats]     (defaults: 3 rounds, 20 timed steps per measurement)
#
# Both sides use the same malloc settings (Kusari's bench calls Memory.reuseLargeBuffers(); PyTorch gets
# the equivalent environment), and OpenBLAS's kernel family is pinned as `make` pins it.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3} repeats=${2:-20}
venv=/tmp/kusari-pytorch-venv
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; "$venv/bin/pip" install --quiet torch numpy; fi
coretype="$(./scripts/openblas-coretype.sh)"
if [ -n "$coretype" ]; then export OPENBLAS_CORETYPE="$coretype"; fi
swift build -c release --product kusari-bench >/dev/null
bench="$(swift build -c release --show-bin-path)/kusari-bench"
out=$(mktemp)
for round in $(seq "$rounds"); do
  for threads in 1 2; do
    echo "# round $round, threads $threads" | tee -a "$out" >&2
    OPENBLAS_NUM_THREADS=$threads "$bench" ceiling --threads "$threads" | tee -a "$out"
    OPENBLAS_NUM_THREADS=$threads "$bench" w4 --hidden 128 512 --threads "$threads" --repeats "$repeats" | tee -a "$out"
    OPENBLAS_NUM_THREADS=$threads "$bench" w4seq --hidden 128 512 --threads "$threads" --repeats "$repeats" | tee -a "$out"
    OMP_NUM_THREADS=$threads MKL_NUM_THREADS=$threads MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=1073741824 \
      "$venv/bin/python" scripts/pytorch_workloads.py --threads "$threads" --hidden 128 512 --only w4-both | tee -a "$out"
  done
done
python3 scripts/summarize-threads.py "$out"
