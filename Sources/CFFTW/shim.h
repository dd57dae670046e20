// FFTW 3's C interface, double (fftw_*) and single (fftwf_*) precision (Debian: libfftw3-dev).
#include <fftw3.h>
