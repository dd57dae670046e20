// An LSTM layer (all time steps, forward for training and backward) through oneDNN's LSTM primitive,
// the library PyTorch's nn.LSTM runs on the CPU. Kusari calls it from LSTMSequenceOneDNN.swift.
//
// Layouts. Kusari keeps Chainer's parameters: W (4H, C) whose rows 4j…4j+3 are the gates a (cell input,
// tanh), i, f, o of unit j. oneDNN wants "ldigo" (layers, directions, input, gate, output) with the gates
// in the order i, f, c̃ (= a), o, and the bias "ldgo". So a weight is first permuted into plain ldigo here,
// then reordered by oneDNN into the format its primitive chose (padded strides); gradients come back the
// same way. The equations are the same: c = i·a + f·c₋₁, h = o·tanh c.
//
// Primitives are created once per shape (T, N, C, H) and kept in a cache (onednn_plan.c; creating one takes
// milliseconds); each call has a workspace of its own (the plan keeps one spare for the next call). The initial state is passed as explicit zeros: oneDNN
// 2.6.3 computes ∂W_iter wrongly when src_iter is left NULL.
#include <stdlib.h>
#include <string.h>
#include "CDNNLKernels.h"
#include "onednn_plan.h"

// oneDNN's gate g (i, f, c̃, o) is Chainer's lane kChainerLane[g] within a unit's four rows.
static const int kChainerLane[4] = {1, 2, 0, 3};

struct kusari_onednn_lstm {
    plan *plan;
    dnnl_memory_t workspace;
    float *workspace_data;
    float *layer, *iter, *bias;   // plain ldigo / ldgo copies of W, V, b
    float *c_last;                // the forward's last cell state (backward's dst_iter_c)
};

// Chainer (4H, K) rows → plain ldigo (K, 4, H); `back` runs the other way. Sixteen units at a time, so
// each write (or read) on the ldigo side is one whole cache line and the sixteen rows stream in order.
static void permute(long K, long H, const float *from, float *to, int back) {
    for (long o0 = 0; o0 < H; o0 += 16) {
        long units = H - o0 < 16 ? H - o0 : 16;
        for (long k = 0; k < K; k++)
            for (int g = 0; g < 4; g++) {
                float *plain = (back ? (float *)from : to) + k * 4 * H + g * H + o0;
                float *chainer = (back ? to : (float *)from) + (4 * o0 + kChainerLane[g]) * K + k;
                for (long u = 0; u < units; u++) {
                    if (back) chainer[4 * u * K] = plain[u]; else plain[u] = chainer[4 * u * K];
                }
            }
    }
}

// m[0], m[1]: the state's plain W and V; m[2], m[3]: the same in the layout oneDNN chose for the forward
// (backward = 0) or the backward (1) primitive, filled by the plan's reorders.
static dnnl_status_t weights_in(plan *p, kusari_onednn_lstm *s, dnnl_stream_t stream, int backward,
                                dnnl_memory_t m[4]) {
    dnnl_status_t status;
    if ((status = kusari_dnnl_memory(&m[0], &p->layer_plain, p->engine, s->layer)) != dnnl_success) return status;
    if ((status = kusari_dnnl_memory(&m[1], &p->iter_plain, p->engine, s->iter)) != dnnl_success) return status;
    if ((status = kusari_dnnl_memory(&m[2], backward ? &p->layer_bwd : &p->layer_fwd, p->engine, NULL)) != dnnl_success) return status;
    if ((status = kusari_dnnl_memory(&m[3], backward ? &p->iter_bwd : &p->iter_fwd, p->engine, NULL)) != dnnl_success) return status;
    if ((status = kusari_dnnl_reorder(backward ? p->to_layer_bwd : p->to_layer_fwd, stream, m[0], m[2])) != dnnl_success) return status;
    return kusari_dnnl_reorder(backward ? p->to_iter_bwd : p->to_iter_fwd, stream, m[1], m[3]);
}

kusari_onednn_lstm *kusari_onednn_lstm_forward(long T, long N, long C, long H, int threads,
                                               const float *x, const float *w, const float *v,
                                               const float *b, float *h, float *c_last,
                                               char *error, long error_size) {
    kusari_onednn_lstm *s = calloc(1, sizeof *s);
    float *zeros = calloc((size_t)(2 * N * H), sizeof(float)), *h_last = zeros + N * H;
    dnnl_stream_t stream = NULL;
    dnnl_memory_t m[10] = {0};
    if (!s || !zeros) { snprintf(error, (size_t)error_size, "oneDNN LSTM: out of memory"); goto fail; }
    if (!(s->plan = kusari_dnnl_find_plan(T, N, C, H, error, error_size))) goto fail;
    plan *p = s->plan;
    s->layer = malloc(sizeof(float) * (size_t)(C * 4 * H));
    s->iter = malloc(sizeof(float) * (size_t)(H * 4 * H));
    s->bias = malloc(sizeof(float) * (size_t)(4 * H));
    s->c_last = malloc(sizeof(float) * (size_t)(N * H));
    if (!s->layer || !s->iter || !s->bias || !s->c_last) { snprintf(error, (size_t)error_size, "oneDNN LSTM: out of memory"); goto fail; }
    permute(C, H, w, s->layer, 0);
    permute(H, H, v, s->iter, 0);
    permute(1, H, b, s->bias, 0);
    kusari_dnnl_set_threads(threads);
    CHECK(dnnl_stream_create(&stream, p->engine, dnnl_stream_default_flags), "stream");
    CHECK(weights_in(p, s, stream, 0, m), "W and V into oneDNN's layout");
    CHECK(kusari_dnnl_memory(&m[4], &p->x, p->engine, x), "x memory");
    CHECK(kusari_dnnl_memory(&m[5], &p->bias, p->engine, s->bias), "b memory");
    CHECK(kusari_dnnl_memory(&m[6], &p->hs, p->engine, h), "h memory");
    CHECK(kusari_dnnl_memory(&m[7], &p->state, p->engine, zeros), "zero state");
    CHECK(kusari_dnnl_memory(&m[8], &p->state, p->engine, h_last), "last h");
    CHECK(kusari_dnnl_memory(&m[9], &p->state, p->engine, c_last), "last c");
    if (!(s->workspace_data = kusari_dnnl_take_workspace(p))) { snprintf(error, (size_t)error_size, "oneDNN LSTM: out of memory"); goto fail; }
    CHECK(kusari_dnnl_memory(&s->workspace, &p->workspace, p->engine, s->workspace_data), "workspace");
    dnnl_exec_arg_t args[] = {
        {DNNL_ARG_SRC_LAYER, m[4]}, {DNNL_ARG_SRC_ITER, m[7]}, {DNNL_ARG_SRC_ITER_C, m[7]},
        {DNNL_ARG_WEIGHTS_LAYER, m[2]}, {DNNL_ARG_WEIGHTS_ITER, m[3]}, {DNNL_ARG_BIAS, m[5]},
        {DNNL_ARG_DST_LAYER, m[6]}, {DNNL_ARG_DST_ITER, m[8]}, {DNNL_ARG_DST_ITER_C, m[9]},
        {DNNL_ARG_WORKSPACE, s->workspace}};
    CHECK(dnnl_primitive_execute(p->forward, stream, 10, args), "forward");
    CHECK(dnnl_stream_wait(stream), "forward wait");
    memcpy(s->c_last, c_last, sizeof(float) * (size_t)(N * H));
    for (int i = 0; i < 10; i++) dnnl_memory_destroy(m[i]);
    dnnl_stream_destroy(stream);
    free(zeros);
    return s;
fail:
    for (int i = 0; i < 10; i++) if (m[i]) dnnl_memory_destroy(m[i]);
    if (stream) dnnl_stream_destroy(stream);
    free(zeros);
    kusari_onednn_lstm_release(s);
    return NULL;
}

int kusari_onednn_lstm_backward(kusari_onednn_lstm *s, int threads, const float *x, const float *h,
                                const float *gh, const float *gc_last, float *gx, float *gw, float *gv,
                                float *gb, char *error, long error_size) {
    plan *p = s->plan;
    long T = p->T, N = p->N, C = p->C, H = p->H;
    // Scratch: zeros (state and ∂ of the last h), the state gradients we drop, ∂x when not wanted,
    // the plain ∂W, ∂V, ∂b.
    size_t state = (size_t)(N * H), dx = gx ? 0 : (size_t)(T * N * C);
    float *scratch = calloc(4 * state + dx + (size_t)((C + H + 1) * 4 * H), sizeof(float));
    float *zeros = scratch, *dh0 = zeros + state, *dc0 = dh0 + state, *dc_last = dc0 + state;
    float *dx_scratch = dc_last + state, *dlayer = dx_scratch + dx, *diter = dlayer + C * 4 * H;
    float *dbias = diter + H * 4 * H;
    dnnl_stream_t stream = NULL;
    dnnl_memory_t m[21] = {0};
    if (!scratch) { snprintf(error, (size_t)error_size, "oneDNN LSTM: out of memory"); return -1; }
    if (gc_last) memcpy(dc_last, gc_last, sizeof(float) * state);
    kusari_dnnl_set_threads(threads);
    CHECK(dnnl_stream_create(&stream, p->engine, dnnl_stream_default_flags), "stream");
    CHECK(weights_in(p, s, stream, 1, m), "W and V into oneDNN's layout");
    // oneDNN adds into the weight gradients: start them at zero.
    CHECK(kusari_dnnl_memory(&m[4], &p->diff_layer, p->engine, NULL), "∂W (oneDNN layout)");
    CHECK(kusari_dnnl_memory(&m[5], &p->diff_iter, p->engine, NULL), "∂V (oneDNN layout)");
    for (int i = 4; i <= 5; i++) {
        void *data;
        CHECK(dnnl_memory_get_data_handle(m[i], &data), "∂ weights handle");
        memset(data, 0, dnnl_memory_desc_get_size(i == 4 ? &p->diff_layer : &p->diff_iter));
    }
    CHECK(kusari_dnnl_memory(&m[6], &p->x, p->engine, x), "x memory");
    CHECK(kusari_dnnl_memory(&m[7], &p->bias, p->engine, s->bias), "b memory");
    CHECK(kusari_dnnl_memory(&m[8], &p->hs, p->engine, h), "h memory");
    CHECK(kusari_dnnl_memory(&m[9], &p->state, p->engine, zeros), "zero state");
    CHECK(kusari_dnnl_memory(&m[10], &p->hs, p->engine, gh), "∂h memory");
    CHECK(kusari_dnnl_memory(&m[11], &p->state, p->engine, dc_last), "∂ last c");
    CHECK(kusari_dnnl_memory(&m[12], &p->x, p->engine, gx ? gx : dx_scratch), "∂x memory");
    CHECK(kusari_dnnl_memory(&m[13], &p->state, p->engine, dh0), "∂h₀");
    CHECK(kusari_dnnl_memory(&m[14], &p->state, p->engine, dc0), "∂c₀");
    CHECK(kusari_dnnl_memory(&m[15], &p->bias, p->engine, dbias), "∂b memory");
    CHECK(kusari_dnnl_memory(&m[16], &p->layer_plain, p->engine, dlayer), "∂W memory");
    CHECK(kusari_dnnl_memory(&m[17], &p->iter_plain, p->engine, diter), "∂V memory");
    CHECK(kusari_dnnl_memory(&m[19], &p->state, p->engine, h + (T - 1) * N * H), "last h");
    CHECK(kusari_dnnl_memory(&m[20], &p->state, p->engine, s->c_last), "last c");
    dnnl_exec_arg_t args[] = {
        {DNNL_ARG_SRC_LAYER, m[6]}, {DNNL_ARG_SRC_ITER, m[9]}, {DNNL_ARG_SRC_ITER_C, m[9]},
        {DNNL_ARG_WEIGHTS_LAYER, m[2]}, {DNNL_ARG_WEIGHTS_ITER, m[3]}, {DNNL_ARG_BIAS, m[7]},
        {DNNL_ARG_DST_LAYER, m[8]}, {DNNL_ARG_DST_ITER, m[19]}, {DNNL_ARG_DST_ITER_C, m[20]},
        {DNNL_ARG_WORKSPACE, s->workspace},
        {DNNL_ARG_DIFF_DST_LAYER, m[10]}, {DNNL_ARG_DIFF_DST_ITER, m[9]}, {DNNL_ARG_DIFF_DST_ITER_C, m[11]},
        {DNNL_ARG_DIFF_SRC_LAYER, m[12]}, {DNNL_ARG_DIFF_SRC_ITER, m[13]}, {DNNL_ARG_DIFF_SRC_ITER_C, m[14]},
        {DNNL_ARG_DIFF_WEIGHTS_LAYER, m[4]}, {DNNL_ARG_DIFF_WEIGHTS_ITER, m[5]}, {DNNL_ARG_DIFF_BIAS, m[15]}};
    CHECK(dnnl_primitive_execute(p->backward, stream, 19, args), "backward");
    CHECK(dnnl_stream_wait(stream), "backward wait");
    CHECK(kusari_dnnl_reorder(p->from_diff_layer, stream, m[4], m[16]), "∂W reorder");
    CHECK(kusari_dnnl_reorder(p->from_diff_iter, stream, m[5], m[17]), "∂V reorder");
    permute(C, H, dlayer, gw, 1);
    permute(H, H, diter, gv, 1);
    permute(1, H, dbias, gb, 1);
    for (int i = 0; i < 21; i++) if (m[i]) dnnl_memory_destroy(m[i]);
    dnnl_stream_destroy(stream);
    free(scratch);
    return 0;
fail:
    for (int i = 0; i < 21; i++) if (m[i]) dnnl_memory_destroy(m[i]);
    if (stream) dnnl_stream_destroy(stream);
    free(scratch);
    return -1;
}

int kusari_onednn_lstm_available(void) {
    char error[256];
    return kusari_dnnl_find_plan(1, 1, 1, 1, error, sizeof error) != NULL;
}

void kusari_onednn_lstm_release(kusari_onednn_lstm *s) {
    if (!s) return;
    if (s->workspace) dnnl_memory_destroy(s->workspace);
    if (s->workspace_data) kusari_dnnl_return_workspace(s->plan, s->workspace_data);
    free(s->layer);
    free(s->iter);
    free(s->bias);
    free(s->c_last);
    free(s);
}
