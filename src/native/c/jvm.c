/*
 * libjvm.a: the HotSpot "JVM_*" and "jio_*" functions the JDK's static native libraries (libjava.a,
 * libnet.a, libnio.a, ...) call into, for the parts of those libraries a native image links. In a
 * native image most of the JDK's natives are replaced by SubstrateVM's own Java code; the C natives
 * it keeps need only this handful of VM services. SubstrateVM itself calls initialize() and
 * JVM_ActiveProcessorCount() (com.oracle.svm.core.jdk.Jvm, @CLibrary("jvm")).
 * Every other JVM_* name the JDK libraries mention gets a generated stub (toolchain.sh, libjvm.a's
 * unsupported-*.o) that stops the process with its name: linked only if referenced, called never so far.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <jni.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void initialize(void) {
}

/* CPUs this process may run on (cpusets, taskset); the cgroup CPU quota is applied by libsvm_container. */
JNIEXPORT jint JNICALL JVM_ActiveProcessorCount(void) {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof(set), &set) == 0) {
    return CPU_COUNT(&set);
  }
  return (jint) sysconf(_SC_NPROCESSORS_ONLN);
}

JNIEXPORT jlong JNICALL JVM_CurrentTimeMillis(JNIEnv *env, jclass ignored) {
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  return (jlong) now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

JNIEXPORT jlong JNICALL JVM_NanoTime(JNIEnv *env, jclass ignored) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (jlong) now.tv_sec * 1000000000 + now.tv_nsec;
}

/* Nanoseconds since offset_secs (epoch seconds), or -1 when that does not fit, as HotSpot defines it. */
JNIEXPORT jlong JNICALL JVM_GetNanoTimeAdjustment(JNIEnv *env, jclass ignored, jlong offset_secs) {
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  jlong diff = (jlong) now.tv_sec - offset_secs;
  if (diff >= 0x100000000LL || diff <= -0x100000000LL) {
    return -1;
  }
  return diff * 1000000000LL + now.tv_nsec;
}

/*
 * The JDK looks up one libc symbol by name, inet_pton, to decide IPv6 support. The image is linked
 * statically against this code, so answer that one directly instead of going through dlsym.
 */
JNIEXPORT void *JNICALL JVM_FindLibraryEntry(void *handle, const char *name) {
  if (strcmp(name, "inet_pton") == 0) {
    return (void *) inet_pton;
  }
  return handle == NULL ? NULL : dlsym(handle, name);
}

JNIEXPORT void JNICALL JVM_Halt(jint code) {
  exit(code);
}

JNIEXPORT void JNICALL JVM_BeforeHalt(void) {
}

JNIEXPORT jstring JNICALL JVM_GetTemporaryDirectory(JNIEnv *env) {
  return (*env)->NewStringUTF(env, "/tmp");
}

JNIEXPORT jboolean JNICALL JVM_IsStaticallyLinked(void) {
  return JNI_FALSE;  /* the JDK libraries linked in never load other JDK libraries by path */
}

JNIEXPORT jint JNICALL JVM_GetInterfaceVersion(void) {
  return 6;
}

/* jio_*: snprintf/fprintf with HotSpot's truncation rule (always terminated, -1 when cut short). */
int jio_vsnprintf(char *str, size_t count, const char *fmt, va_list args) {
  if ((intptr_t) count <= 0) {
    return -1;
  }
  int n = vsnprintf(str, count, fmt, args);
  if (n < 0 || (size_t) n >= count) {
    str[count - 1] = '\0';
    return -1;
  }
  return n;
}

int jio_snprintf(char *str, size_t count, const char *fmt, ...) {
  va_list args;
  va_start(args, fmt);
  int n = jio_vsnprintf(str, count, fmt, args);
  va_end(args);
  return n;
}

int jio_vfprintf(FILE *f, const char *fmt, va_list args) {
  return vfprintf(f, fmt, args);
}

int jio_fprintf(FILE *f, const char *fmt, ...) {
  va_list args;
  va_start(args, fmt);
  int n = vfprintf(f, fmt, args);
  va_end(args);
  return n;
}

/* Raw monitors: the JDK's zip code locks its cache with them. A recursive mutex, as HotSpot's are re-entrant. */
JNIEXPORT void *JNICALL JVM_RawMonitorCreate(void) {
  pthread_mutex_t *m = malloc(sizeof(pthread_mutex_t));
  pthread_mutexattr_t attr;
  if (m == NULL) {
    return NULL;
  }
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(m, &attr);
  pthread_mutexattr_destroy(&attr);
  return m;
}

JNIEXPORT void JNICALL JVM_RawMonitorDestroy(void *m) {
  pthread_mutex_destroy(m);
  free(m);
}

JNIEXPORT jint JNICALL JVM_RawMonitorEnter(void *m) {
  return pthread_mutex_lock(m) == 0 ? 0 : -1;
}

JNIEXPORT void JNICALL JVM_RawMonitorExit(void *m) {
  pthread_mutex_unlock(m);
}

/* On Unix HotSpot leaves paths as they are. */
JNIEXPORT char *JNICALL JVM_NativePath(char *path) {
  return path;
}
