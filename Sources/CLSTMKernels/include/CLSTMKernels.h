// The LSTM cell's float32 kernels, compiled once per x86-64 vector width (see lstm_forward.c).
#ifndef CLSTM_KERNELS_H
#define CLSTM_KERNELS_H

/// For `units` cells: gates[4u..4u+3] = [tanh a, σ(i), σ(f), σ(o)] from x[4u..4u+3], then
/// c[u] = tanh(a)·σ(i) + σ(f)·cPrev[u], tanhC[u] = tanh c[u], h[u] = σ(o)·tanhC[u].
/// Same arithmetic, operation for operation, as KusariNN's Swift kernel (LSTMFastPath.swift), so the
/// results are equal bit for bit whichever instruction set runs it.
void kusari_lstm_forward_f32(long units, const float *cPrev, const float *x, float *gates,
                             float *c, float *tanhC, float *h);

/// The backward pass over `units` cells from the saved activations: gcPrev (units) and gx (units × 4) from
/// gc and gh (units each). Same arithmetic as KusariNN's `lstmBackwardKernel`, bit for bit.
void kusari_lstm_backward_f32(long units, const float *cPrev, const float *gates, const float *tanhC,
                              const float *gc, const float *gh, float *gcPrev, float *gx);

/// out[j] += Σ_r x[r·stride + j] for j < columns, the rows added in order (as KusariCore's
/// `addColumnSums`, so the sums are equal bit for bit): the bias gradient of a block of LSTM gates.
void kusari_add_column_sums_f32(long rows, long columns, const float *x, long stride, float *out);

#if defined(__x86_64__) && defined(__clang__)
/// Compile a kernel for AVX-512, AVX2 and baseline x86-64; the loader picks the widest the CPU has
/// (by its feature flags, so a virtual CPU of unknown model still gets its vector units).
#define KUSARI_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define KUSARI_CLONES
#endif

#endif
