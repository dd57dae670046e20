// LAPACK's C interface (Debian: liblapacke-dev); the LAPACK routines behind it come from OpenBLAS.
#include <lapacke.h>
