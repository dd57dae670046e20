// The plans of lstm_onednn.c: oneDNN's LSTM primitives for one shape, compiled once (it takes 3–20 ms)
// and kept in a list for the life of the process, with the reorders between Kusari's plain layout and the
// one oneDNN chose, and a spare workspace so a training step does not map and fault in ~100 MB anew.
#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include "onednn_plan.h"

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static plan *cache = NULL;        // plans are never freed: one per shape seen

// OpenMP's thread count for oneDNN (libgomp is loaded with libdnnl; looked up so we need not link it).
void kusari_dnnl_set_threads(int threads) {
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
dnnl_status_t kusari_dnnl_reorder(dnnl_primitive_t r, dnnl_stream_t stream, dnnl_memory_t from, dnnl_memory_t to) {
    dnnl_exec_arg_t args[2] = {{DNNL_ARG_FROM, from}, {DNNL_ARG_TO, to}};
    dnnl_status_t status = dnnl_primitive_execute(r, stream, 2, args);
    return status == dnnl_success ? dnnl_stream_wait(stream) : status;
}

// A memory object over `data` (user memory) or, when data is NULL, memory oneDNN allocates.
dnnl_status_t kusari_dnnl_memory(dnnl_memory_t *m, const dnnl_memory_desc_t *desc, dnnl_engine_t engine, const void *data) {
    return dnnl_memory_create(m, desc, engine, data ? (void *)data : DNNL_MEMORY_ALLOCATE);
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

plan *kusari_dnnl_find_plan(long T, long N, long C, long H, char *error, long error_size) {
    pthread_mutex_lock(&cache_lock);
    plan *p = cache;
    while (p && !(p->T == T && p->N == N && p->C == C && p->H == H)) p = p->next;
    if (!p && (p = make_plan(T, N, C, H, error, error_size))) { p->next = cache; cache = p; }
    pthread_mutex_unlock(&cache_lock);
    return p;
}

// The workspace of a forward call: the plan's spare one when free (a 100 MB buffer would otherwise be
// mapped and faulted in on every step), else a new one.
float *kusari_dnnl_take_workspace(plan *p) {
    pthread_mutex_lock(&cache_lock);
    float *w = p->spare;
    p->spare = NULL;
    pthread_mutex_unlock(&cache_lock);
    if (w) return w;
    size_t bytes = dnnl_memory_desc_get_size(&p->workspace);
    return aligned_alloc(64, (bytes + 63) / 64 * 64);
}

void kusari_dnnl_return_workspace(plan *p, float *w) {
    pthread_mutex_lock(&cache_lock);
    if (!p->spare) { p->spare = w; w = NULL; }
    pthread_mutex_unlock(&cache_lock);
    free(w);
}

