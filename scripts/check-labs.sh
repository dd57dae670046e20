#!/usr/bin/env bash
# Proves that the labs' grading works both ways (Labs/README.md):
#   - on the stubs (Labs/LabN/Sources, what students get) every graded test FAILS, and every lab fails;
#   - on the solutions (Labs/Solutions, KUSARI_LAB_SOLUTIONS=1) every test PASSES.
# One package (Labs/Package.swift) holds all labs; the environment variable switches its source folders.
# The test runs' output goes to files (a stub run is supposed to fail; its report would only confuse a
# reader of `make test`), and is printed when a check does not hold.
#
# Usage: scripts/check-labs.sh [scratch-path]   (default .build-examples, shared with the other checks)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SWIFT=${SWIFT:-swift}
SCRATCH=${1:-$ROOT/.build-examples}
LOGS=$SCRATCH-logs
mkdir -p "$LOGS"
labs=$(cd Labs && ls -d Lab[0-9]* | sed 's/^Lab//' | sort -n)

build() {   # $1: 0 = stubs, 1 = solutions
    if ! KUSARI_LAB_SOLUTIONS=$1 "$SWIFT" build --package-path Labs --scratch-path "$SCRATCH" --build-tests \
        > "$LOGS/build-$1.log" 2>&1; then
        grep -v '^\[[0-9]*/[0-9]*\]' "$LOGS/build-$1.log" >&2
        echo "check-labs: FAILED: the labs do not build with KUSARI_LAB_SOLUTIONS=$1" >&2
        exit 1
    fi
}

run() {     # $1: 0 or 1; runs every lab's tests once, output in $LOGS/test-$1.log
    KUSARI_LAB_SOLUTIONS=$1 "$SWIFT" test --package-path Labs --scratch-path "$SCRATCH" --skip-build \
        > "$LOGS/test-$1.log" 2>&1
}

# Graded tests are named "Step N.k: …" after the lab N they belong to.
passed() { grep -c "^✔ Test \"Step $2\.[0-9]*:.* passed after" "$LOGS/test-$1.log" || true; }
failed() { grep -c "^✘ Test \"Step $2\.[0-9]*:.* failed after" "$LOGS/test-$1.log" || true; }

# Stubs: the run fails, every graded test of every lab fails, none passes.
build 0
if run 0; then
    cat "$LOGS/test-0.log"; echo "check-labs: FAILED: the tests pass on the stubs: they grade nothing" >&2; exit 1
fi
build 1
if ! run 1; then
    cat "$LOGS/test-1.log"; echo "check-labs: FAILED: the tests fail on the solutions" >&2; exit 1
fi
total=0
for n in $labs; do
    stub_passed=$(passed 0 "$n") stub_failed=$(failed 0 "$n")
    solution_passed=$(passed 1 "$n") solution_failed=$(failed 1 "$n")
    if [ "$stub_passed" -ne 0 ] || [ "$stub_failed" -eq 0 ] || [ "$solution_failed" -ne 0 ] \
        || [ "$solution_passed" -ne "$stub_failed" ]; then
        grep "Step $n\." "$LOGS/test-0.log" "$LOGS/test-1.log" | grep -e '^.*✔ Test' -e '^.*✘ Test' >&2 || true
        echo "check-labs: FAILED: lab $n: stubs $stub_passed passed, $stub_failed failed; solutions" \
             "$solution_passed passed, $solution_failed failed (want 0 passed on the stubs, all on the solutions)" >&2
        exit 1
    fi
    total=$((total + solution_passed))
done
echo "check-labs: $(echo $labs | wc -w) labs, $total graded tests: each fails on the stub, passes on the solution"
