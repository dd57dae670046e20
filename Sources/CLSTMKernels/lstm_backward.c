// The float32 LSTM backward kernel (lstmBackwardKernel in LSTMFunction.swift, equations in LSTMFunction's
// documentation), compiled for several x86-64 vector widths like lstm_forward.c. No transcendental
// function: the forward pass saved the activated gates and tanh c. Same operations in the same order as
// the Swift loop, contraction off: equal bit for bit.
#include "CLSTMKernels.h"

#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)

KUSARI_CLONES
void kusari_lstm_backward_f32(long units, const float *cPrev, const float *gates, const float *tanhC,
                              const float *gc, const float *gh, float *gcPrev, float *gx) {
    for (long u = 0; u < units; u++) {
        float a = gates[4 * u], i = gates[4 * u + 1], f = gates[4 * u + 2], o = gates[4 * u + 3];
        float t = tanhC[u];
        float gcTotal = gc[u] + gh[u] * o * (1 - t * t);
        gcPrev[u] = gcTotal * f;
        gx[4 * u] = gcTotal * i * (1 - a * a);
        gx[4 * u + 1] = gcTotal * a * i * (1 - i);
        gx[4 * u + 2] = gcTotal * cPrev[u] * f * (1 - f);
        gx[4 * u + 3] = gh[u] * t * o * (1 - o);
    }
}
