#include "CGnuplot.h"
int cgnuplot_placeholder(void) { return 0; }
