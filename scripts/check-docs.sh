#!/usr/bin/env bash
# Builds the DocC documentation of every library module as one static site, and fails when DocC warns
# (a broken ``Symbol`` link, an undocumented parameter, a catalog problem) or when a public symbol has no
# `///` doc comment. `make docs` runs it.
#
#   scripts/check-docs.sh              build .build/docs/site and check
#   SWIFT=/path/to/swift scripts/…     use another toolchain
#
# Read the site through any static web server, e.g.
#   python3 -m http.server --directory .build/docs/site 8000
# and open http://localhost:8000/documentation/kusari (or /documentation/kusaricore, …).
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT=${SWIFT:-swift}
OUT=.build/docs
SITE=$OUT/site
LOG=$OUT/docc.log
# The library modules, bottom to top (Docs/Architecture.md); each has a catalog Sources/<M>/<M>.docc.
TARGETS=(KusariCore KusariNN KusariData KusariIO KusariPlot KusariTraining Kusari KusariTesting KusariSignal KusariDistributed)

mkdir -p "$OUT"
args=()
for target in "${TARGETS[@]}"; do args+=(--target "$target"); done

start=$(date +%s)
# --enable-experimental-combined-documentation: one site with a page per module, and links across
# modules (``KusariCore/NDArray`` from KusariIO) resolve. --disable-indexing: no IDE index, not needed.
status=0
"$SWIFT" package --allow-writing-to-directory "$OUT" generate-documentation "${args[@]}" \
    --enable-experimental-combined-documentation --disable-indexing --transform-for-static-hosting \
    --output-path "$SITE" >"$LOG" 2>&1 || status=$?
elapsed=$(( $(date +%s) - start ))
if [ "$status" -ne 0 ]; then
    cat "$LOG"
    echo "check-docs: generate-documentation failed (exit $status) after ${elapsed}s; log: $LOG" >&2
    exit "$status"
fi

# The targets build in parallel, so one diagnostic may be printed in the middle of another's line: put
# every "warning:"/"error:" on a line of its own before reading them. SwiftPM's note about a resource file
# in a dependency's checkout (ZIPFoundation's PrivacyInfo.xcprivacy) is not ours and is left out.
diagnostics=$(sed -E 's/(warning|error): /\n&/g' "$LOG" | grep -E '^(warning|error): ' \
    | grep -vE "^warning: '[^']+': found [0-9]+ file\(s\) which are unhandled" || true)
count=0
if [ -n "$diagnostics" ]; then count=$(printf '%s\n' "$diagnostics" | wc -l); fi

# Public symbols without a doc comment, read from the symbol graphs the plugin just extracted.
graphs=()
for target in "${TARGETS[@]}"; do
    for dir in .build/*/extracted-symbols/*/"$target"; do
        [ -d "$dir" ] && graphs+=("$dir")
    done
done
undocumented_status=0
if ! command -v python3 >/dev/null; then
    echo "check-docs: python3 is needed to list undocumented symbols (apt-get install python3)" >&2
    exit 1
fi
undocumented=$(python3 scripts/undocumented-symbols.py "${graphs[@]}" 2>/dev/null) || undocumented_status=$?

if [ "$count" -ne 0 ]; then
    # Show each warning with the source excerpt DocC printed under it (up to the next blank line).
    sed -E 's/(warning|error): /\n&/g' "$LOG" \
        | awk "/^(warning|error): '[^']+': found [0-9]+ file\\(s\\) which are unhandled/ { skip = 1; next }
               /^(warning|error): / { show = 1; skip = 0 }
               /^\$/ { if (show) print; show = 0; skip = 0; next }
               show && !skip { print }" >&2
    echo "check-docs: $count DocC warning(s); full log: $LOG" >&2
fi
if [ "$undocumented_status" -ne 0 ]; then
    printf '%s\n' "$undocumented" >&2
    echo "check-docs: $(printf '%s\n' "$undocumented" | wc -l) public symbol(s) without a /// doc comment" >&2
fi
if [ "$count" -ne 0 ] || [ "$undocumented_status" -ne 0 ]; then exit 1; fi
echo "check-docs: no DocC warnings, every public symbol documented (${elapsed}s); site: $SITE/documentation/kusari/index.html"
