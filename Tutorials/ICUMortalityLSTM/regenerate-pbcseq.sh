#!/bin/sh
# Regenerates pbcseq.csv from the R package `survival` as Debian 12 ships it (r-cran-survival 3.5-3).
# Run as root on Debian 12 (or install the package yourself); the tutorial itself needs no R.
# The output is expected to be byte-identical to the committed file (see DATA.md).
set -eu
cd "$(dirname "$0")"
if ! command -v Rscript >/dev/null 2>&1; then
    apt-get install -y --no-install-recommends r-cran-survival
fi
Rscript -e 'write.csv(survival::pbcseq, "pbcseq.csv", row.names = FALSE)'
if command -v git >/dev/null 2>&1 && git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git diff --exit-code --stat -- pbcseq.csv && echo "pbcseq.csv: identical to the committed file"
fi
