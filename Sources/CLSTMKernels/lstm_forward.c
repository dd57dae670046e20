// The float32 LSTM forward kernel of LSTMFastPath.swift, in C so that it can be compiled for several
// x86-64 vector widths at once and the widest one the CPU has is picked when the program loads
// (`target_clones`, GCC/Clang function multiversioning through an ifunc; no compiler flags needed).
// Swift compiles for the baseline x86-64 (SSE2, four float lanes); the AVX2 and AVX-512 clones run the
// same loop on eight and sixteen lanes.
//
// Bit-for-bit equal to the Swift kernel: the same operations in the same order, no fused multiply-add
// (contraction off below), IEEE division (no reciprocal estimates), Cephes' expf polynomial, and the
// tanh of the cell input as 2σ(2a) − 1. See LSTMFastPath.swift for the accuracy analysis.
#include <stdint.h>
#include <string.h>
#include "CLSTMKernels.h"

#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)

// e^x (Cephes expf): clamp to [−87.3, 88.3], n = round(x·log₂e) by the 1.5·2²³ trick, r = x − n·ln 2
// (ln 2 in two parts), e^r by a degree-6 polynomial, times 2ⁿ built in the exponent field.
static inline float kusari_exp(float x) {
    float clamped = x < -87.3f ? -87.3f : x;
    clamped = clamped > 88.3f ? 88.3f : clamped;
    const float magic = 12582912.0f;
    float shifted = clamped * 1.44269504f + magic;
    float n = shifted - magic;
    float r = clamped - n * 0.693359375f - n * -2.1219444e-4f;
    float p = 1.98756915e-4f;
    p = p * r + 1.39819995e-3f;
    p = p * r + 8.3334519e-3f;
    p = p * r + 4.1665796e-2f;
    p = p * r + 1.6666665e-1f;
    p = p * r + 5.0000001e-1f;
    float er = p * r * r + r + 1.0f;
    int32_t shiftedBits, magicBits;
    memcpy(&shiftedBits, &shifted, 4);
    memcpy(&magicBits, &magic, 4);
    int32_t twoNBits = ((shiftedBits - magicBits) + 127) << 23;
    float twoN;
    memcpy(&twoN, &twoNBits, 4);
    return er * twoN;
}

static inline float kusari_sigmoid(float x) { return 1.0f / (1.0f + kusari_exp(-x)); }

KUSARI_CLONES
void kusari_lstm_forward_f32(long units, const float *cPrev, const float *x, float *gates,
                             float *c, float *tanhC, float *h) {
    // 1. Gate activations: lane 4j is a (tanh a = 2σ(2a) − 1), the others sigmoids.
    for (long k = 0; k < 4 * units; k++) {
        float scale = (k & 3) == 0 ? 2.0f : 1.0f;
        gates[k] = kusari_sigmoid(x[k] * scale) * scale - (scale - 1.0f);
    }
    // 2. The new cell state; 3. tanh c; 4. h = σ(o)·tanh c.
    for (long u = 0; u < units; u++) c[u] = gates[4 * u] * gates[4 * u + 1] + gates[4 * u + 2] * cPrev[u];
    for (long u = 0; u < units; u++) tanhC[u] = 2.0f * kusari_sigmoid(2.0f * c[u]) - 1.0f;
    for (long u = 0; u < units; u++) h[u] = gates[4 * u + 3] * tanhC[u];
}
