// Column sums of a strided block, vectorised across the columns (each column's sum still runs over the
// rows in order, so the result does not depend on the vector width).
#include "CLSTMKernels.h"

#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)

KUSARI_CLONES
void kusari_add_column_sums_f32(long rows, long columns, const float *x, long stride, float *out) {
    for (long r = 0; r < rows; r++) {
        const float *restrict row = x + r * stride;
        float *restrict sums = out;
        for (long j = 0; j < columns; j++) sums[j] += row[j];
    }
}
