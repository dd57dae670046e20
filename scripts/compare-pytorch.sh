#!/usr/bin/env bash
# Runs the benchmark workloads in PyTorch (CPU) and in Kusari on this machine, side by side, with the same
# thread count, printing one JSON line per measurement from each. Optional; never part of CI.
#
#   scripts/compare-pytorch.sh [--threads N]
#
# PyTorch is installed from PyPI into a virtualenv under /tmp (about 200 MB, once).
set -euo pipefail
cd "$(dirname "$0")/.."
threads=1
if [ "${1:-}" = "--threads" ]; then threads="${2:?--threads needs a number}"; fi
case "$threads" in ''|*[!0-9]*) echo "compare-pytorch: --threads must be a positive integer" >&2; exit 2;; esac

venv=/tmp/kusari-pytorch-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet torch numpy
fi

echo "# PyTorch $("$venv/bin/python" -c 'import torch; print(torch.__version__)'), threads=$threads"
OMP_NUM_THREADS="$threads" MKL_NUM_THREADS="$threads" \
  "$venv/bin/python" scripts/pytorch_workloads.py --threads "$threads"

coretype="$(./scripts/openblas-coretype.sh)"     # as `make` pins it: Debian's OpenBLAS misdetects some CPUs
if [ -n "$coretype" ]; then export OPENBLAS_CORETYPE="$coretype"; fi
echo "# Kusari, threads=$threads, OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-auto}"
swift build -c release --product kusari-bench >/dev/null
bin="$(swift build -c release --show-bin-path)"
OPENBLAS_NUM_THREADS="$threads" "$bin/kusari-bench" all --threads "$threads"
