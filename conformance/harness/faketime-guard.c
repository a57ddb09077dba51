/*
 * corsight faked-clock lane: a guard preloaded *before* libfaketime (LD_PRELOAD=guard:libfaketime).
 *
 * Firefox's allocator (mozjemalloc, in the firefox binary) reads std::chrono::steady_clock while
 * it initializes, under its init lock, from the first malloc of libstdc++'s own initializer. That
 * clock_gettime call reaches libfaketime before libfaketime's constructor has run, so libfaketime
 * initializes right there: a failing dlsym("__ftime") formats its error with malloc, and
 * sem_open() of its shared-memory semaphore allocates too — both re-enter mozjemalloc and wait
 * for the lock it already holds. Firefox hangs before printing anything (seen with libfaketime
 * 0.9.10 and Firefox ESR 153; Chromium and WebKitGTK start fine without this guard).
 *
 * Until this library's constructor has run (after every dependency's initializer, mozjemalloc's
 * first malloc included), clock_gettime is answered by the kernel directly; afterwards every call
 * goes to the next definition, libfaketime's. The offset file holds +0 at start-up, so the only
 * difference before that point is libfaketime's own re-basing of CLOCK_MONOTONIC.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static int (*next_clock_gettime)(clockid_t, struct timespec *);
static volatile int ready;

__attribute__((constructor)) static void corsight_faketime_guard_init(void) {
  next_clock_gettime = (int (*)(clockid_t, struct timespec *))dlsym(RTLD_NEXT, "clock_gettime");
  ready = 1;
}

int clock_gettime(clockid_t clock, struct timespec *ts) {
  if (ready && next_clock_gettime) return next_clock_gettime(clock, ts);
  return (int)syscall(SYS_clock_gettime, clock, ts);
}
