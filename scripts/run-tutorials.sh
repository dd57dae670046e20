#!/usr/bin/env bash
# Runs every tutorial from the release build; each writes its figures and metrics.json to Plots/<name>.
set -euo pipefail
cd "$(dirname "$0")/.."
coretype="$(./scripts/openblas-coretype.sh)"
if [ -n "$coretype" ]; then export OPENBLAS_CORETYPE="$coretype"; fi
bin="$(swift build -c release --show-bin-path)"
for tutorial in autodiff-graph noisy-sine-rnn sine-cosine-lstm stateful-rnn icu-mortality-lstm; do
  echo "=== ${tutorial}"
  "${bin}/${tutorial}" "$@"
done
echo "=== bearing-anomaly-vae"   # issue 12: the bearing anomaly lab
"${bin}/bearing-anomaly-vae" "$@"
