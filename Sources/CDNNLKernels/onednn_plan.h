// The oneDNN side of lstm_onednn.c: a compiled plan per LSTM shape, kept in a cache, and the small
// helpers both the forward and the backward call use. Private to the CDNNLKernels target.
#ifndef KUSARI_ONEDNN_PLAN_H
#define KUSARI_ONEDNN_PLAN_H
#include <stdio.h>
#include <oneapi/dnnl/dnnl.h>

/// Everything about one LSTM shape (T steps, N sequences, C inputs, H units) that does not change between
/// calls: the engine, the forward and backward primitives, the memory layouts (plain and the ones oneDNN
/// chose) and the reorders between them, and a spare workspace buffer.
typedef struct plan {
    long T, N, C, H;
    dnnl_engine_t engine;
    dnnl_primitive_t forward, backward;
    dnnl_memory_desc_t x, state, hs, layer_plain, iter_plain, bias;      // plain layouts
    dnnl_memory_desc_t layer_fwd, iter_fwd, layer_bwd, iter_bwd;          // oneDNN's choices
    dnnl_memory_desc_t diff_layer, diff_iter, workspace;
    dnnl_primitive_t to_layer_fwd, to_iter_fwd, to_layer_bwd, to_iter_bwd, from_diff_layer, from_diff_iter;
    float *spare;                 // a free workspace buffer, kept for the next call
    struct plan *next;
} plan;


/// The plan for this shape, made on first use (NULL, with a message in `error`, if oneDNN cannot).
plan *kusari_dnnl_find_plan(long T, long N, long C, long H, char *error, long error_size);
/// A workspace buffer for one forward call (the plan's spare one when free), or NULL.
float *kusari_dnnl_take_workspace(plan *p);
/// Gives a workspace buffer back: kept as the plan's spare, or freed.
void kusari_dnnl_return_workspace(plan *p, float *w);
/// A memory object over `data`, or over memory oneDNN allocates when `data` is NULL.
dnnl_status_t kusari_dnnl_memory(dnnl_memory_t *m, const dnnl_memory_desc_t *desc, dnnl_engine_t engine, const void *data);
/// Runs reorder `r`: copies `from` into `to`, in `to`'s layout.
dnnl_status_t kusari_dnnl_reorder(dnnl_primitive_t r, dnnl_stream_t stream, dnnl_memory_t from, dnnl_memory_t to);
/// Sets the number of OpenMP threads oneDNN's next call uses.
void kusari_dnnl_set_threads(int threads);

// Goes to `fail` with a message in `error` when a oneDNN call does not succeed.
#define CHECK(call, what)                                                                      \
    do {                                                                                       \
        dnnl_status_t status_ = (call);                                                        \
        if (status_ != dnnl_success) {                                                         \
            snprintf(error, (size_t)error_size, "oneDNN LSTM: %s failed (status %d)", what,    \
                     (int)status_);                                                            \
            goto fail;                                                                         \
        }                                                                                      \
    } while (0)

#endif
