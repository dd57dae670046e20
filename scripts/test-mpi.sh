#!/usr/bin/env bash
# Runs KusariDistributed's multi-rank checks under mpirun (called by `make test` after `swift test`).
#   1. kusari-mpi-tests on 2 ranks: collectives, MultiNodeOptimizer, parameter averaging, resume.
#   2. The failure scenarios: rank 1 gets a NaN loss / throws / crashes on a failed precondition; the job
#      must end non-zero, naming rank 1, within the time limit (a hang is a failure).
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
echo "test-mpi: all passed"
