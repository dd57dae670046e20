// Kusari's work pool: `threads − 1` workers that take parts of a job by an atomic counter, with the
// calling thread taking parts too. Between jobs a worker spins (with the CPU's pause hint) for a short
// while, because the jobs of a training step (halves of a matrix product, blocks of LSTM cells) come
// every few microseconds and waking a sleeping thread costs tens of microseconds; after the spin budget
// it sleeps on a condition variable until the next job. OpenBLAS's own pool works the same way; Kusari
// runs OpenBLAS single-threaded inside each part, so the two never compete for the cores.
//
// A job's fields are written only while no worker is inside a job (`active` is 0) and are published by
// the release store of `generation`. A worker announces itself in `active` before reading them and
// skips a job that is already `closed`, so a late worker never runs a part of the wrong job.
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <time.h>
#include "CWorkPool.h"

#define MAX_THREADS 64

static pthread_mutex_t submit_lock = PTHREAD_MUTEX_INITIALIZER;   // one job (or resize) at a time
static pthread_mutex_t sleep_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;

static kusari_pool_body job_body;
static void *job_context;
static long job_parts;
static atomic_long next_part;
static atomic_ulong claimed;       // bit p: part p (< 64) has been claimed
static long job_threads;           // the thread count when the job was published
static atomic_long finished_parts;
static atomic_ulong generation;     // bumped to publish a job
static atomic_ulong closed;         // the last generation whose parts are all done
static atomic_int active;           // workers between announcing themselves and leaving a job
static atomic_int sleepers;
static atomic_int stopping;
static atomic_long spin_ns = 200000;

static atomic_int thread_count = 1;
static pthread_t workers[MAX_THREADS];
static _Thread_local int inside_job;

static long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000000000L + t.tv_nsec;
}

static inline void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

// Claims part `part` for the calling thread: true exactly once per part. The first 64 parts also have a
// bit in `claimed`, because a thread may try them twice (as its own part and from the shared counter).
static int claim(long part) {
    if (part >= 64) return 1;
    unsigned long bit = 1UL << part;
    return !(atomic_fetch_or(&claimed, bit) & bit);
}

static void run_part(long part) {
    job_body(job_context, part);
    atomic_fetch_add(&finished_parts, 1);
}

// Takes parts of the current job until none is left. Thread `self` (0 for the caller, 1… for the
// workers) first takes its own parts, self, self + threads, …, so that from one job to the next a block
// of work (the same units of an LSTM step, the same columns of a weight) stays on the same core and
// finds its data in that core's cache; then it helps with whatever is still unclaimed.
static void take_parts(int self) {
    long threads = job_threads;
    for (long part = self; part < job_parts && part < 64; part += threads) {
        if (claim(part)) run_part(part);
    }
    for (;;) {
        long part = atomic_fetch_add(&next_part, 1);
        if (part >= job_parts) return;
        if (claim(part)) run_part(part);
    }
}

static void *worker_main(void *argument) {
    int self = (int)(long)argument;
    inside_job = 1;  // a worker's parts never start nested jobs
    unsigned long seen = atomic_load(&generation);
    for (;;) {
        long start = now_ns(), budget = atomic_load_explicit(&spin_ns, memory_order_relaxed);
        unsigned spins = 0;
        while (atomic_load_explicit(&generation, memory_order_acquire) == seen && !atomic_load(&stopping)) {
            cpu_relax();
            if ((++spins & 255) == 0 && now_ns() - start > budget) {
                pthread_mutex_lock(&sleep_lock);
                atomic_fetch_add(&sleepers, 1);
                while (atomic_load(&generation) == seen && !atomic_load(&stopping))
                    pthread_cond_wait(&wake, &sleep_lock);
                atomic_fetch_sub(&sleepers, 1);
                pthread_mutex_unlock(&sleep_lock);
            }
        }
        if (atomic_load(&stopping)) return NULL;
        atomic_fetch_add(&active, 1);
        unsigned long current = atomic_load_explicit(&generation, memory_order_acquire);
        if (atomic_load(&closed) != current) take_parts(self);
        atomic_fetch_sub(&active, 1);
        seen = current;
    }
}

static void stop_workers(void) {
    atomic_store(&stopping, 1);
    pthread_mutex_lock(&sleep_lock);
    pthread_cond_broadcast(&wake);
    pthread_mutex_unlock(&sleep_lock);
    for (int i = 0; i < thread_count - 1; i++) pthread_join(workers[i], NULL);
    atomic_store(&stopping, 0);
    thread_count = 1;
}

void kusari_pool_set_threads(int threads) {
    if (threads < 1) threads = 1;
    if (threads > MAX_THREADS) threads = MAX_THREADS;
    if (inside_job) return;  // from a part (its job holds the pool): ignored rather than deadlocking
    pthread_mutex_lock(&submit_lock);
    if (threads != thread_count) {
        stop_workers();
        int started = 1;
        for (int i = 0; i < threads - 1; i++) {
            if (pthread_create(&workers[i], NULL, worker_main, (void *)(long)(i + 1)) != 0) break;
            started++;
        }
        thread_count = started;
    }
    pthread_mutex_unlock(&submit_lock);
}

int kusari_pool_threads(void) { return thread_count; }

int kusari_pool_in_job(void) { return inside_job; }

void kusari_pool_set_spin_microseconds(long microseconds) {
    atomic_store(&spin_ns, (microseconds < 0 ? 0 : microseconds) * 1000L);
}

static void run_serially(long parts, kusari_pool_body body, void *context) {
    for (long part = 0; part < parts; part++) body(context, part);
}

void kusari_pool_run(long parts, kusari_pool_body body, void *context) {
    if (parts <= 0) return;
    if (parts == 1 || inside_job || thread_count == 1 || pthread_mutex_trylock(&submit_lock) != 0) {
        run_serially(parts, body, context);
        return;
    }
    if (atomic_load(&thread_count) == 1) {  // resized to one thread between the check and the lock
        pthread_mutex_unlock(&submit_lock);
        run_serially(parts, body, context);
        return;
    }
    while (atomic_load(&active) != 0) cpu_relax();  // no worker may be reading the previous job's fields
    job_body = body;
    job_context = context;
    job_parts = parts;
    job_threads = atomic_load(&thread_count);
    atomic_store(&claimed, 0);
    atomic_store(&next_part, 0);
    atomic_store(&finished_parts, 0);
    // Sequentially consistent, not just release: it pairs with a worker's `sleepers` increment followed
    // by its check of `generation`, so either the worker sees the job or this thread sees the sleeper.
    unsigned long current = atomic_fetch_add(&generation, 1) + 1;
    if (atomic_load(&sleepers) > 0) {
        pthread_mutex_lock(&sleep_lock);
        pthread_cond_broadcast(&wake);
        pthread_mutex_unlock(&sleep_lock);
    }
    inside_job = 1;
    take_parts(0);
    inside_job = 0;
    while (atomic_load_explicit(&finished_parts, memory_order_acquire) != parts) cpu_relax();
    atomic_store(&closed, current);
    while (atomic_load(&active) != 0) cpu_relax();
    pthread_mutex_unlock(&submit_lock);
}
