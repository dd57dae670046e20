#!/usr/bin/env bash
# Installs the Debian packages Kusari needs, and only those that are missing.
#   libopenblas-dev          matrix products (cblas_sgemm / cblas_dgemm)
#   gnuplot-nox              draws the tutorials' figures (pngcairo terminal)
#   libgnuplot-iostream-dev  the C++ header our CGnuplot target wraps (brings boost)
# Does nothing when everything is present; stops with a clear message when it cannot install.
set -euo pipefail

packages=(libopenblas-dev gnuplot-nox libgnuplot-iostream-dev)
packages+=(openmpi-bin libopenmpi-dev)  # MPI for KusariDistributed, mpirun for scripts/test-mpi.sh (issue 13)
packages+=(libfftw3-dev liblapacke-dev)   # FFTW (real FFT) and LAPACKE (eigen-decomposition for PCA): KusariSignal
packages+=(libdnnl-dev)                 # oneDNN: SequenceLSTM's equal-length float32 batches (CDNNLKernels, issue 16)
packages+=(zlib1g-dev pkg-config)       # zlib: inflating .npz members (CInflate) and ZIPFoundation; pkg-config finds MPI, FFTW, LAPACKE
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing missing Debian packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  runner=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  runner=(sudo)
else
  echo "install-deps: error: ${missing[*]} missing, and this user is not root and has no password-less sudo." >&2
  echo "install-deps: ask an administrator to run: apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${runner[@]}" apt-get update -q
"${runner[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
echo "install-deps: done."
