#!/usr/bin/env bash
# What a user builds outside the library, checked by `make test`:
#   1. the starter package Examples/Starter (a project depending on Kusari by path): build, run, test;
#   2. every Swift block of README.md, Docs/ and Labs/ compiles (scripts/check-snippets.sh);
#   3. the labs' grading works both ways: tests fail on the stubs, pass on the solutions (scripts/check-labs.sh).
# All three share one build folder, .build-examples, so Kusari is compiled once for them.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SWIFT=${SWIFT:-swift}
SCRATCH=$ROOT/.build-examples
export SWIFT

# swift build/test without the progress lines; keeps the exit status.
quiet() {
    local status=0
    mkdir -p "$SCRATCH-logs"
    "$@" > "$SCRATCH-logs/check-examples.log" 2>&1 || status=$?
    grep -v -e '^\[[0-9]*/[0-9]*\]' -e 'found 1 file(s) which are unhandled' -e "PrivacyInfo.xcprivacy" "$SCRATCH-logs/check-examples.log" || true
    return $status
}

start=$SECONDS
echo "check-examples: starter package (Examples/Starter)"
quiet "$SWIFT" build --package-path Examples/Starter --scratch-path "$SCRATCH" --build-tests
"$SCRATCH/debug/Starter"
quiet "$SWIFT" test --package-path Examples/Starter --scratch-path "$SCRATCH" --skip-build > /dev/null \
    || { cat "$SCRATCH-logs/check-examples.log"; echo "check-examples: the starter's tests FAILED" >&2; exit 1; }
echo "check-examples: starter OK ($((SECONDS - start)) s)"

if [ -x scripts/check-snippets.sh ]; then
    start=$SECONDS
    ./scripts/check-snippets.sh "$SCRATCH"
    echo "check-examples: snippets OK ($((SECONDS - start)) s)"
fi

if [ -x scripts/check-labs.sh ]; then
    start=$SECONDS
    ./scripts/check-labs.sh "$SCRATCH"
    echo "check-examples: labs OK ($((SECONDS - start)) s)"
fi
