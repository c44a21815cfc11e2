/*
 * liblibchelper.a: the small C functions SubstrateVM's Java code calls through @CFunction with
 * @CLibrary("libchelper") (GraalVM ships its own build of this library; the Maven artifacts do not).
 * CPU features are in cpufeatures.c, the locale in locale.c. Names and signatures follow the
 * @CFunction declarations in svm-25.0.2.jar (com.oracle.svm.core.LibCHelper, posix.linux.LinuxLibCHelper,
 * posix.headers.CSunMiscSignal, posix.attach.AttachHelper, CodeSynchronizationOperations).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <semaphore.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char **environ;

/* ---- LinuxLibCHelper ---- */

/* The kernel thread id, for thread dumps and per-thread CPU time. */
int getThreadId(void) {
  return (int) syscall(SYS_gettid);
}

/*
 * User-mode CPU time of one thread in nanoseconds, from /proc/self/task/<tid>/stat (field 14, in clock
 * ticks), or -1. Only the fallback path: the runtime normally uses clock_gettime on the thread's clock.
 */
long getThreadUserTimeSlow(int tid) {
  char path[64], buf[2048];
  snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tid);
  FILE *in = fopen(path, "re");
  if (in == NULL) {
    return -1;
  }
  size_t n = fread(buf, 1, sizeof(buf) - 1, in);
  fclose(in);
  buf[n] = '\0';
  /* The command name may hold spaces and parentheses: the fields start after the last ')'. */
  char *p = strrchr(buf, ')');
  if (p == NULL) {
    return -1;
  }
  p++;
  /* After ')' come state (field 3) ... utime (field 14): skip 11 fields, read the 12th. */
  for (int field = 3; field < 14; field++) {
    p = strchr(p + 1, ' ');
    if (p == NULL) {
      return -1;
    }
  }
  long ticks = strtol(p + 1, NULL, 10);
  long hz = sysconf(_SC_CLK_TCK);
  return hz > 0 ? ticks * (1000000000L / hz) : -1;
}

/* Fixed-argument wrappers of variadic libc functions: @CFunction calls use the plain calling convention,
 * which is not the variadic one on every platform, so the C compiler makes the variadic call. */
void *mremapP(void *old_address, size_t old_size, size_t new_size, int flags, void *new_address) {
  return mremap(old_address, old_size, new_size, flags, new_address);
}

int openSII(const char *path, int flags, int mode) {
  return open(path, flags, mode);
}

int fprintfSD(FILE *stream, const char *format, const char *s, int d) {
  return fprintf(stream, format, s, d);
}

/* ---- LibCHelper ---- */

char **getEnviron(void) {
  return environ;
}

/*
 * The platform time zone ID ("Europe/Berlin") as a malloc'd string, or NULL for "unknown" (the runtime
 * then uses GMT). SubstrateVM passes the JDK's tzmappings table, which only Windows needs; on Linux the
 * answer comes from TZ, /etc/timezone or the /etc/localtime link, as the JDK's TimeZone_md.c looks.
 * Lambda sets TZ=:UTC.
 */
char *SVM_FindJavaTZmd(const char *tzmappings, int length) {
  (void) tzmappings;
  (void) length;
  const char *tz = getenv("TZ");
  if (tz != NULL && *tz != '\0') {
    if (*tz == ':') {
      tz++;
    }
    if (strncmp(tz, "/usr/share/zoneinfo/", 20) == 0) {
      tz += 20;
    }
    return strdup(tz);
  }
  char line[256];
  FILE *in = fopen("/etc/timezone", "re");
  if (in != NULL) {
    char *got = fgets(line, sizeof(line), in);
    fclose(in);
    if (got != NULL) {
      line[strcspn(line, " \t\r\n")] = '\0';
      if (line[0] != '\0') {
        return strdup(line);
      }
    }
  }
  char target[PATH_MAX];
  ssize_t n = readlink("/etc/localtime", target, sizeof(target) - 1);
  if (n > 0) {
    target[n] = '\0';
    char *zone = strstr(target, "zoneinfo/");
    if (zone != NULL) {
      return strdup(zone + 9);
    }
  }
  return NULL;
}

/* ---- CSunMiscSignal: Java signal handlers (SIGTERM, SIGINT, SIGHUP for shutdown hooks) ----
 *
 * The C handler runs on whatever thread the kernel picks, outside any Java state, so it only counts the
 * signal and posts a semaphore; a Java dispatcher thread waits on the semaphore and runs the handlers.
 */
static volatile long signal_counts[NSIG];
static sem_t signal_semaphore;
static volatile int signals_open;

int cSunMiscSignal_open(void) {
  if (__sync_val_compare_and_swap(&signals_open, 0, 1) != 0) {
    errno = EBUSY;
    return -1;
  }
  memset((void *) signal_counts, 0, sizeof(signal_counts));
  if (sem_init(&signal_semaphore, 0, 0) != 0) {
    signals_open = 0;
    return -1;
  }
  return 0;
}

int cSunMiscSignal_close(void) {
  if (signals_open) {
    if (sem_destroy(&signal_semaphore) != 0) {
      return -1;
    }
    signals_open = 0;
  }
  return 0;
}

/* Waits for a signal (or a wake-up from signalSemaphore); 0 on success. */
int cSunMiscSignal_awaitSemaphore(void) {
  if (!signals_open) {
    errno = EINVAL;
    return -1;
  }
  while (sem_wait(&signal_semaphore) != 0) {
    if (errno != EINTR) {
      return -1;
    }
  }
  return 0;
}

int cSunMiscSignal_signalSemaphore(void) {
  if (!signals_open) {
    errno = EINVAL;
    return -1;
  }
  return sem_post(&signal_semaphore);
}

bool cSunMiscSignal_signalRangeCheck(int sig) {
  return sig > 0 && sig < NSIG;
}

/* One pending signal, its count decremented, or -1 when none is pending. */
int cSunMiscSignal_checkPendingSignal(void) {
  for (int sig = 1; sig < NSIG; sig++) {
    long seen = signal_counts[sig];
    while (seen > 0) {
      long before = __sync_val_compare_and_swap(&signal_counts[sig], seen, seen - 1);
      if (before == seen) {
        return sig;
      }
      seen = before;
    }
  }
  return -1;
}

/* Async-signal-safe: an atomic increment and sem_post only. */
static void counting_handler(int sig, siginfo_t *info, void *context) {
  (void) info;
  (void) context;
  int saved = errno;
  if (cSunMiscSignal_signalRangeCheck(sig)) {
    __sync_fetch_and_add(&signal_counts[sig], 1);
    if (signals_open) {
      sem_post(&signal_semaphore);
    }
  }
  errno = saved;
}

void *cSunMiscSignal_signalHandlerFunctionPointer(void) {
  return (void *) counting_handler;
}

/* ---- CodeSynchronizationOperations ---- */

/* Makes freshly written code visible to instruction fetch; a no-op on amd64, needed on aarch64. */
void codeSynchronization_clearCache(long start, long size) {
  __builtin___clear_cache((char *) start, (char *) (start + size));
}

/* ---- AttachHelper: the jcmd attach listener ----
 * Not provided: only images built with --enable-monitoring=attach call these, and a Lambda function has
 * no jcmd to attach. Each reports failure, so the listener simply never starts.
 */
void svm_attach_startup(const char *path) { (void) path; }
void svm_attach_listener_cleanup(int fd, const char *path) { (void) fd; (void) path; }
bool svm_attach_check_socket_file(const char *path) { (void) path; return false; }
bool svm_attach_is_init_trigger(const char *path) { (void) path; return false; }
int svm_attach_create_listener(const char *path) { (void) path; errno = ENOTSUP; return -1; }
int svm_attach_wait_for_request(int fd) { (void) fd; errno = ENOTSUP; return -1; }
void svm_attach_shutdown_socket(int fd) { (void) fd; }
