// A whole LSTM layer through oneDNN's LSTM primitive (Debian: libdnnl-dev), forward for training and
// backward, on Chainer's parameter layout. The Swift side is LSTMSequenceOneDNN.swift.
#ifndef KUSARI_CDNNL_KERNELS_H
#define KUSARI_CDNNL_KERNELS_H

/// What one forward call keeps for its backward: oneDNN's workspace and the weights in oneDNN's order.
typedef struct kusari_onednn_lstm kusari_onednn_lstm;

/// Forward (training) over T steps of N sequences, from a zero state.
///   x (T·N, C) time-major; w (4H, C), v (4H, H), b (4H) in Chainer's layout (gates a, i, f, o of unit j
///   in rows 4j…4j+3). Writes h (T·N, H) (every step's output) and cLast (N, H) (the last cell state).
/// Returns the state backward needs, or NULL with a message in `error` (at most `error_size` bytes).
kusari_onednn_lstm *kusari_onednn_lstm_forward(long T, long N, long C, long H, int threads,
                                               const float *x, const float *w, const float *v,
                                               const float *b, float *h, float *c_last,
                                               char *error, long error_size);

/// Backward of the call that returned `state`: from gh (T·N, H) and gc_last (N, H, or NULL for zeros),
/// writes gx (T·N, C; skipped when NULL), gw (4H, C), gv (4H, H) and gb (4H), Chainer's layout,
/// overwriting them. x and h are the forward's input and output. Returns 0, or −1 with a message.
int kusari_onednn_lstm_backward(kusari_onednn_lstm *state, int threads, const float *x, const float *h,
                                const float *gh, const float *gc_last, float *gx, float *gw, float *gv,
                                float *gb, char *error, long error_size);

/// 1 when oneDNN can build an LSTM on this CPU (checked once, on a one-unit layer), else 0.
int kusari_onednn_lstm_available(void);

/// Frees what `kusari_onednn_lstm_forward` returned (NULL is allowed).
void kusari_onednn_lstm_release(kusari_onednn_lstm *state);

#endif
