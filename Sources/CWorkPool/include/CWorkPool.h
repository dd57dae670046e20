// A small work-sharing thread pool for Kusari's parallel loops and split matrix products.
#ifndef CWORKPOOL_H
#define CWORKPOOL_H

/// The work of one part of a parallel job: `part` runs from 0 to the job's part count − 1.
typedef void (*kusari_pool_body)(void *context, long part);

/// Sets the number of threads a job may use, the calling thread included (1…64); starts or stops the
/// pool's workers. Waits for a running job to finish first; ignored when called from inside a part.
void kusari_pool_set_threads(int threads);

/// The number of threads a job may use, the calling thread included.
int kusari_pool_threads(void);

/// 1 on a thread that is running a part of a job (where a new job would run inline), else 0.
int kusari_pool_in_job(void);

/// How long an idle worker waits for the next job by spinning before it sleeps, in microseconds.
void kusari_pool_set_spin_microseconds(long microseconds);

/// Runs `body(context, p)` once for every p in 0..<parts, on the calling thread and the pool's workers,
/// and returns when all have finished. Runs every part on the calling thread, in order, when the pool has
/// one thread, when it is busy with another caller's job, or when called from inside a job.
void kusari_pool_run(long parts, kusari_pool_body body, void *context);

#endif
