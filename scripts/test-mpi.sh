#!/usr/bin/env bash
# Runs KusariDistributed's multi-rank checks under mpirun (called by `make test` after `swift test`).
#   1. kusari-mpi-tests on 2 ranks: collectives, MultiNodeOptimizer, parameter averaging, resume.
#   2. The failure scenarios: rank 1 gets a NaN loss / throws / crashes on a failed precondition; the job
#      must end non-zero, naming rank 1, within the time limit (a hang is a failure).
#   3. The bearing anomaly tutorial, `--quick`, on 2 ranks (`--distributed`) against 1 process: every
#      number of metrics.json must agree within a tolerance (timings excepted).
# Every run has a time limit (MPI_TEST_TIMEOUT seconds, default 300), so a hang can never stall CI.
# As root (CI), Open MPI needs --allow-run-as-root; --oversubscribe lets 2 ranks share fewer cores.
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT=${SWIFT:-swift}
RANKS=${MPI_TEST_RANKS:-2}
LIMIT=${MPI_TEST_TIMEOUT:-300}

if ! command -v mpirun >/dev/null 2>&1; then
  echo "test-mpi: error: mpirun not found; run ./scripts/install-deps.sh (openmpi-bin)" >&2
  exit 1
fi

$SWIFT build --product kusari-mpi-tests
binary="$($SWIFT build --show-bin-path)/kusari-mpi-tests"
mpirun_=(mpirun --allow-run-as-root --oversubscribe -np "$RANKS")

echo "test-mpi: kusari-mpi-tests on $RANKS ranks (limit ${LIMIT}s)"
timeout "$LIMIT" "${mpirun_[@]}" "$binary"

for scenario in fail-nan fail-throw fail-crash; do
  # Errors are reported by abortOnError ("kusari: rank 1 of 2 failed: …"), a crash by mpirun itself.
  if [ "$scenario" = fail-crash ]; then pattern="process rank 1"; else pattern="rank 1 of $RANKS failed"; fi
  echo "test-mpi: $scenario: rank 1 fails, the job must end naming it (limit 60s)"
  log=$(mktemp)
  set +e
  timeout 60 "${mpirun_[@]}" "$binary" "$scenario" >"$log" 2>&1
  status=$?
  set -e
  if [ "$status" -eq 124 ]; then
    cat "$log"; rm -f "$log"
    echo "test-mpi: FAIL $scenario: the job hung (killed after 60s)" >&2; exit 1
  elif [ "$status" -eq 0 ]; then
    cat "$log"; rm -f "$log"
    echo "test-mpi: FAIL $scenario: the job exited with status 0" >&2; exit 1
  elif ! grep -q "$pattern" "$log"; then
    cat "$log"; rm -f "$log"
    echo "test-mpi: FAIL $scenario: no message naming rank 1" >&2; exit 1
  fi
  echo "test-mpi: PASS $scenario (status $status: $(grep -m1 "$pattern" "$log"))"
  rm -f "$log"
done
# 3. The showcase: bearing-anomaly-vae --quick, data-parallel on 2 ranks vs 1 process (issue 13, section 3).
#    2 ranks split each batch and average gradients: the same training up to float reassociation.
$SWIFT build --product bearing-anomaly-vae
tutorial="$($SWIFT build --show-bin-path)/bearing-anomaly-vae"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "test-mpi: bearing-anomaly-vae --quick, 1 process vs --distributed on $RANKS ranks (limit 120s each)"
OPENBLAS_NUM_THREADS=1 timeout 120 "$tutorial" --quick --quiet --out "$work/one" >"$work/one.log" 2>&1 \
  || { cat "$work/one.log"; echo "test-mpi: FAIL bearing-anomaly-vae --quick (1 process)" >&2; exit 1; }
timeout 120 "${mpirun_[@]}" -x OPENBLAS_NUM_THREADS=1 "$tutorial" --quick --quiet --distributed \
  --out "$work/ranks" >"$work/ranks.log" 2>&1 \
  || { cat "$work/ranks.log"; echo "test-mpi: FAIL bearing-anomaly-vae --quick --distributed ($RANKS ranks)" >&2; exit 1; }
# Flattens a pretty-printed, key-sorted metrics.json into "path value" lines (numbers only, no timings).
flatten() {
  awk '{
    line = $0; sub(/^[ \t]+/, "", line); sub(/,$/, "", line)
    if (line ~ /^"[^"]*" : [\[{]$/) { key = line; sub(/^"/, "", key); sub(/" : .*$/, "", key); stack[++depth] = key; next }
    if (line ~ /^[\]}]$/) { if (depth > 0) depth--; next }
    if (line ~ /^[\[{]$/) { stack[++depth] = ""; next }
    path = ""; for (i = 1; i <= depth; i++) if (stack[i] != "") path = path "/" stack[i]
    if (line ~ /^"[^"]*" : /) { key = line; sub(/^"/, "", key); sub(/" : .*$/, "", key); value = line
                               sub(/^"[^"]*" : /, "", value); path = path "/" key }
    else value = line
    if (value ~ /^-?[0-9]/ && path !~ /seconds|data_parallel/) print path, value
  }' "$1"
}
# Tolerance: |a − b| ≤ 1e-6 + 1e-5·max(|a|, |b|) for every loss, AUC, F1 and threshold (measured: ≤ 8e-7
# relative; the sums of the two ranks' half-batch gradients are only reassociated).
if ! paste -d ' ' <(flatten "$work/one/metrics.json") <(flatten "$work/ranks/metrics.json") | awk '
    { n++
      if ($1 != $3) { print "test-mpi: metrics.json differ in layout: " $1 " vs " $3; bad++; next }
      d = $2 - $4; if (d < 0) d = -d; a = ($2 < 0 ? -$2 : $2); b = ($4 < 0 ? -$4 : $4); m = (a > b ? a : b)
      if (d > worst) worst = d
      if (d > 1e-6 + 1e-5 * m) { print "test-mpi: " $1 ": 1 process " $2 ", '"$RANKS"' ranks " $4; bad++ } }
    END { printf "test-mpi: %d numbers compared, largest difference %.2e\n", n, worst; exit (bad > 0 || n < 50) }'; then
  echo "test-mpi: FAIL bearing-anomaly-vae: $RANKS-rank metrics differ from the 1-process run" >&2; exit 1
fi
grep -q '"ranks" : '"$RANKS" "$work/ranks/metrics.json" || { echo "test-mpi: FAIL: the run was not data-parallel" >&2; exit 1; }
echo "test-mpi: PASS bearing-anomaly-vae on $RANKS ranks matches 1 process"
echo "test-mpi: all passed"
