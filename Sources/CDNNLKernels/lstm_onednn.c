// An LSTM layer (all time steps, forward for training and backward) through oneDNN's LSTM primitive,
// the library PyTorch's nn.LSTM runs on the CPU. Kusari calls it from LSTMSequenceOneDNN.swift.
//
// Layouts. Kusari keeps Chainer's parameters: W (4H, C) whose rows 4j…4j+3 are the gates a (cell input,
// tanh), i, f, o of unit j. oneDNN wants "ldigo" (layers, directions, input, gate, output) with the gates
// in the order i, f, c̃ (= a), o, and the bias "ldgo". So a weight is first permuted into plain ldigo here,
// then reordered by oneDNN into the format its primitive chose (padded strides); gradients come back the
// same way. The equations are the same: c = i·a + f·c₋₁, h = o·tanh c.
//
// Primitives are created once per shape (T, N, C, H) and kept in a small cache (creating one takes
// milliseconds); each call owns its workspace. The initial state is passed as explicit zeros: oneDNN
// 2.6.3 computes ∂W_iter wrongly when src_iter is left NULL.
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <oneapi/dnnl/dnnl.h>
#include "CDNNLKernels.h"

// oneDNN's gate g (i, f, c̃, o) is Chainer's lane kChainerLane[g] within a unit's four rows.
static const int kChainerLane[4] = {1, 2, 0, 3};

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

struct kusari_onednn_lstm {
    plan *plan;
    dnnl_memory_t workspace;
    float *workspace_data;
    float *layer, *iter, *bias;   // plain ldigo / ldgo copies of W, V, b
    float *c_last;                // the forward's last cell state (backward's dst_iter_c)
};

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static plan *cache = NULL;        // plans are never freed: one per shape seen

#define CHECK(call, what)                                                                      \
    do {                                                                                       \
        dnnl_status_t status_ = (call);                                                        \
        if (status_ != dnnl_success) {                                                         \
            snprintf(error, (size_t)error_size, "oneDNN LSTM: %s failed (status %d)", what,    \
                     (int)status_);                                                            \
            goto fail;                                                                         \
        }                                                                                      \
    } while (0)

// OpenMP's thread count for oneDNN (libgomp is loaded with libdnnl; looked up so we need not link it).
static void set_threads(int threads) {
    static void (*set)(int) = NULL;
    static int looked = 0;
    if (!looked) { *(void **)(&set) = dlsym(RTLD_DEFAULT, "omp_set_num_threads"); looked = 1; }
    if (set && threads > 0) set(threads);
}

// A reorder primitive from layout `a` to layout `b` (oneDNN compiles one, so plans keep theirs).
static dnnl_status_t make_reorder(dnnl_primitive_t *r, dnnl_engine_t engine, const dnnl_memory_desc_t *a,
                                  const dnnl_memory_desc_t *b) {
    dnnl_primitive_desc_t pd;
    dnnl_status_t status = dnnl_reorder_primitive_desc_create(&pd, a, engine, b, engine, NULL);
    if (status != dnnl_success) return status;
    status = dnnl_primitive_create(r, pd);
    dnnl_primitive_desc_destroy(pd);
    return status;
}

// Runs reorder `r`: copies `from` into `to` in `to`'s layout.
static dnnl_status_t reorder(dnnl_primitive_t r, dnnl_stream_t stream, dnnl_memory_t from, dnnl_memory_t to) {
    dnnl_exec_arg_t args[2] = {{DNNL_ARG_FROM, from}, {DNNL_ARG_TO, to}};
    dnnl_status_t status = dnnl_primitive_execute(r, stream, 2, args);
    return status == dnnl_success ? dnnl_stream_wait(stream) : status;
}

static plan *make_plan(long T, long N, long C, long H, char *error, long error_size) {
    plan *p = calloc(1, sizeof *p);
    dnnl_primitive_desc_t fpd = NULL, bpd = NULL;
    if (!p) { snprintf(error, (size_t)error_size, "oneDNN LSTM: out of memory"); return NULL; }
    p->T = T, p->N = N, p->C = C, p->H = H;
    CHECK(dnnl_engine_create(&p->engine, dnnl_cpu, 0), "engine");
    dnnl_dims_t dx = {T, N, C}, dh = {T, N, H}, ds = {1, 1, N, H};
    dnnl_dims_t dl = {1, 1, C, 4, H}, di = {1, 1, H, 4, H}, db = {1, 1, 4, H};
    dnnl_memory_desc_t layer_any, iter_any;
    CHECK(dnnl_memory_desc_init_by_tag(&p->x, 3, dx, dnnl_f32, dnnl_tnc), "x desc");
    CHECK(dnnl_memory_desc_init_by_tag(&p->hs, 3, dh, dnnl_f32, dnnl_tnc), "h desc");
    CHECK(dnnl_memory_desc_init_by_tag(&p->state, 4, ds, dnnl_f32, dnnl_ldnc), "state desc");
    CHECK(dnnl_memory_desc_init_by_tag(&p->layer_plain, 5, dl, dnnl_f32, dnnl_ldigo), "W desc");
    CHECK(dnnl_memory_desc_init_by_tag(&p->iter_plain, 5, di, dnnl_f32, dnnl_ldigo), "V desc");
    CHECK(dnnl_memory_desc_init_by_tag(&p->bias, 4, db, dnnl_f32, dnnl_ldgo), "b desc");
    CHECK(dnnl_memory_desc_init_by_tag(&layer_any, 5, dl, dnnl_f32, dnnl_format_tag_any), "W any");
    CHECK(dnnl_memory_desc_init_by_tag(&iter_any, 5, di, dnnl_f32, dnnl_format_tag_any), "V any");
    const dnnl_memory_desc_t *s = &p->state;
    dnnl_rnn_desc_t fd, bd;
    CHECK(dnnl_lstm_forward_desc_init(&fd, dnnl_forward_training, dnnl_unidirectional_left2right, &p->x,
                                      s, s, &layer_any, &iter_any, &p->bias, &p->hs, s, s, 0), "forward desc");
    CHECK(dnnl_primitive_desc_create(&fpd, &fd, NULL, p->engine, NULL), "forward primitive desc");
    CHECK(dnnl_lstm_backward_desc_init(&bd, dnnl_backward, dnnl_unidirectional_left2right, &p->x, s, s,
                                       &layer_any, &iter_any, &p->bias, &p->hs, s, s, &p->x, s, s,
                                       &layer_any, &iter_any, &p->bias, &p->hs, s, s, 0), "backward desc");
    CHECK(dnnl_primitive_desc_create(&bpd, &bd, NULL, p->engine, fpd), "backward primitive desc");
    p->layer_fwd = *dnnl_primitive_desc_query_md(fpd, dnnl_query_weights_md, 0);
    p->iter_fwd = *dnnl_primitive_desc_query_md(fpd, dnnl_query_weights_md, 1);
    p->workspace = *dnnl_primitive_desc_query_md(fpd, dnnl_query_workspace_md, 0);
    p->layer_bwd = *dnnl_primitive_desc_query_md(bpd, dnnl_query_weights_md, 0);
    p->iter_bwd = *dnnl_primitive_desc_query_md(bpd, dnnl_query_weights_md, 1);
    p->diff_layer = *dnnl_primitive_desc_query_md(bpd, dnnl_query_diff_weights_md, 0);
    p->diff_iter = *dnnl_primitive_desc_query_md(bpd, dnnl_query_diff_weights_md, 1);
    CHECK(dnnl_primitive_create(&p->forward, fpd), "forward primitive");
    CHECK(dnnl_primitive_create(&p->backward, bpd), "backward primitive");
    CHECK(make_reorder(&p->to_layer_fwd, p->engine, &p->layer_plain, &p->layer_fwd), "W reorder");
    CHECK(make_reorder(&p->to_iter_fwd, p->engine, &p->iter_plain, &p->iter_fwd), "V reorder");
    CHECK(make_reorder(&p->to_layer_bwd, p->engine, &p->layer_plain, &p->layer_bwd), "W reorder");
    CHECK(make_reorder(&p->to_iter_bwd, p->engine, &p->iter_plain, &p->iter_bwd), "V reorder");
    CHECK(make_reorder(&p->from_diff_layer, p->engine, &p->diff_layer, &p->layer_plain), "∂W reorder");
    CHECK(make_reorder(&p->from_diff_iter, p->engine, &p->diff_iter, &p->iter_plain), "∂V reorder");
    dnnl_primitive_desc_destroy(fpd);
    dnnl_primitive_desc_destroy(bpd);
    return p;
fail:
    if (fpd) dnnl_primitive_desc_destroy(fpd);
    if (bpd) dnnl_primitive_desc_destroy(bpd);
    free(p);   // an engine or primitive created before the failure is leaked: failures are fatal upstream
    return NULL;
}

static plan *find_plan(long T, long N, long C, long H, char *error, long error_size) {
    pthread_mutex_lock(&cache_lock);
    plan *p = cache;
    while (p && !(p->T == T && p->N == N && p->C == C && p->H == H)) p = p->next;
    if (!p && (p = make_plan(T, N, C, H, error, error_size))) { p->next = cache; cache = p; }
    pthread_mutex_unlock(&cache_lock);
    return p;
}

// A memory object over `data` (user memory) or, when data is NULL, memory oneDNN allocates.
static dnnl_status_t memory(dnnl_memory_t *m, const dnnl_memory_desc_t *desc, dnnl_engine_t engine, const void *data) {
    return dnnl_memory_create(m, desc, engine, data ? (void *)data : DNNL_MEMORY_ALLOCATE);
}

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

// The workspace of a forward call: the plan's spare one when free (a 100 MB buffer would otherwise be
// mapped and faulted in on every step), else a new one.
static float *take_workspace(plan *p) {
    pthread_mutex_lock(&cache_lock);
    float *w = p->spare;
    p->spare = NULL;
    pthread_mutex_unlock(&cache_lock);
    if (w) return w;
    size_t bytes = dnnl_memory_desc_get_size(&p->workspace);
    return aligned_alloc(64, (bytes + 63) / 64 * 64);
}

static void return_workspace(plan *p, float *w) {
    pthread_mutex_lock(&cache_lock);
    if (!p->spare) { p->spare = w; w = NULL; }
    pthread_mutex_unlock(&cache_lock);
    free(w);
}

// m[0], m[1]: the state's plain W and V; m[2], m[3]: the same in the layout oneDNN chose for the forward
// (backward = 0) or the backward (1) primitive, filled by the plan's reorders.
static dnnl_status_t weights_in(plan *p, kusari_onednn_lstm *s, dnnl_stream_t stream, int backward,
                                dnnl_memory_t m[4]) {
    dnnl_status_t status;
    if ((status = memory(&m[0], &p->layer_plain, p->engine, s->layer)) != dnnl_success) return status;
    if ((status = memory(&m[1], &p->iter_plain, p->engine, s->iter)) != dnnl_success) return status;
    if ((status = memory(&m[2], backward ? &p->layer_bwd : &p->layer_fwd, p->engine, NULL)) != dnnl_success) return status;
    if ((status = memory(&m[3], backward ? &p->iter_bwd : &p->iter_fwd, p->engine, NULL)) != dnnl_success) return status;
    if ((status = reorder(backward ? p->to_layer_bwd : p->to_layer_fwd, stream, m[0], m[2])) != dnnl_success) return status;
    return reorder(backward ? p->to_iter_bwd : p->to_iter_fwd, stream, m[1], m[3]);
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
    if (!(s->plan = find_plan(T, N, C, H, error, error_size))) goto fail;
    plan *p = s->plan;
    s->layer = malloc(sizeof(float) * (size_t)(C * 4 * H));
    s->iter = malloc(sizeof(float) * (size_t)(H * 4 * H));
    s->bias = malloc(sizeof(float) * (size_t)(4 * H));
    s->c_last = malloc(sizeof(float) * (size_t)(N * H));
    if (!s->layer || !s->iter || !s->bias || !s->c_last) { snprintf(error, (size_t)error_size, "oneDNN LSTM: out of memory"); goto fail; }
    permute(C, H, w, s->layer, 0);
    permute(H, H, v, s->iter, 0);
    permute(1, H, b, s->bias, 0);
    set_threads(threads);
    CHECK(dnnl_stream_create(&stream, p->engine, dnnl_stream_default_flags), "stream");
    CHECK(weights_in(p, s, stream, 0, m), "W and V into oneDNN's layout");
    CHECK(memory(&m[4], &p->x, p->engine, x), "x memory");
    CHECK(memory(&m[5], &p->bias, p->engine, s->bias), "b memory");
    CHECK(memory(&m[6], &p->hs, p->engine, h), "h memory");
    CHECK(memory(&m[7], &p->state, p->engine, zeros), "zero state");
    CHECK(memory(&m[8], &p->state, p->engine, h_last), "last h");
    CHECK(memory(&m[9], &p->state, p->engine, c_last), "last c");
    if (!(s->workspace_data = take_workspace(p))) { snprintf(error, (size_t)error_size, "oneDNN LSTM: out of memory"); goto fail; }
    CHECK(memory(&s->workspace, &p->workspace, p->engine, s->workspace_data), "workspace");
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
    set_threads(threads);
    CHECK(dnnl_stream_create(&stream, p->engine, dnnl_stream_default_flags), "stream");
    CHECK(weights_in(p, s, stream, 1, m), "W and V into oneDNN's layout");
    // oneDNN adds into the weight gradients: start them at zero.
    CHECK(memory(&m[4], &p->diff_layer, p->engine, NULL), "∂W (oneDNN layout)");
    CHECK(memory(&m[5], &p->diff_iter, p->engine, NULL), "∂V (oneDNN layout)");
    for (int i = 4; i <= 5; i++) {
        void *data;
        CHECK(dnnl_memory_get_data_handle(m[i], &data), "∂ weights handle");
        memset(data, 0, dnnl_memory_desc_get_size(i == 4 ? &p->diff_layer : &p->diff_iter));
    }
    CHECK(memory(&m[6], &p->x, p->engine, x), "x memory");
    CHECK(memory(&m[7], &p->bias, p->engine, s->bias), "b memory");
    CHECK(memory(&m[8], &p->hs, p->engine, h), "h memory");
    CHECK(memory(&m[9], &p->state, p->engine, zeros), "zero state");
    CHECK(memory(&m[10], &p->hs, p->engine, gh), "∂h memory");
    CHECK(memory(&m[11], &p->state, p->engine, dc_last), "∂ last c");
    CHECK(memory(&m[12], &p->x, p->engine, gx ? gx : dx_scratch), "∂x memory");
    CHECK(memory(&m[13], &p->state, p->engine, dh0), "∂h₀");
    CHECK(memory(&m[14], &p->state, p->engine, dc0), "∂c₀");
    CHECK(memory(&m[15], &p->bias, p->engine, dbias), "∂b memory");
    CHECK(memory(&m[16], &p->layer_plain, p->engine, dlayer), "∂W memory");
    CHECK(memory(&m[17], &p->iter_plain, p->engine, diter), "∂V memory");
    CHECK(memory(&m[19], &p->state, p->engine, h + (T - 1) * N * H), "last h");
    CHECK(memory(&m[20], &p->state, p->engine, s->c_last), "last c");
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
    CHECK(reorder(p->from_diff_layer, stream, m[4], m[16]), "∂W reorder");
    CHECK(reorder(p->from_diff_iter, stream, m[5], m[17]), "∂V reorder");
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
    return find_plan(1, 1, 1, 1, error, sizeof error) != NULL;
}

void kusari_onednn_lstm_release(kusari_onednn_lstm *s) {
    if (!s) return;
    if (s->workspace) dnnl_memory_destroy(s->workspace);
    if (s->workspace_data) return_workspace(s->plan, s->workspace_data);
    free(s->layer);
    free(s->iter);
    free(s->bias);
    free(s->c_last);
    free(s);
}
