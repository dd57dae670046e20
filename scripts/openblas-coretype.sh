#!/usr/bin/env bash
# Prints the OpenBLAS kernel family for this CPU, for OPENBLAS_CORETYPE.
#
# Debian 12's OpenBLAS (0.3.21) does not recognise some recent or virtualised Intel CPUs (they report as a
# generic "Intel Xeon Processor") and falls back to its Prescott kernels: about 4x slower matrix products,
# and different rounding from the AVX2/AVX-512 kernels, so the tutorials' committed numbers would not be
# reproduced. Choosing the family from the CPU's instruction-set flags avoids both. A value already in the
# environment wins; on a CPU without AVX2 (or not x86-64) nothing is printed and OpenBLAS decides.
set -euo pipefail
if [ -n "${OPENBLAS_CORETYPE:-}" ]; then echo "$OPENBLAS_CORETYPE"; exit 0; fi
[ -r /proc/cpuinfo ] || exit 0
flags=$(grep -m1 '^flags' /proc/cpuinfo || true)
case " $flags " in
  *" avx512f "*" avx512vl "*|*" avx512vl "*" avx512f "*) echo SkylakeX ;;
  *" avx2 "*) echo Haswell ;;
esac
