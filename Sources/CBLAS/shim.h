// OpenBLAS's CBLAS interface (Debian: libopenblas-dev puts cblas.h on the default include path).
// It also declares openblas_set_num_threads / openblas_get_num_threads, which kusari-bench uses.
#include <cblas.h>
