/*
 * libsvm_container.a: container limits for SubstrateVM (com.oracle.svm.core.container.ContainerLibrary),
 * so the heap is sized from the memory the process may really use and availableProcessors() counts the
 * CPU quota, as HotSpot's -XX:+UseContainerSupport does. GraalVM ships a C++ port of HotSpot's cgroup
 * code; this is a much smaller reading of the same files.
 *
 * Implemented: cgroup v2 (the unified hierarchy under /sys/fs/cgroup, what current Docker, Kubernetes,
 * systemd and Lambda's al2023 environments use). The process's cgroup comes from /proc/self/cgroup
 * ("0::<path>"); each limit is the tightest one on the path from that cgroup up to the root, because a
 * parent's limit binds its children (and inside a cgroup namespace the path is just "/").
 *   memory.max          -> memory limit       memory.swap.max -> memory + swap limit
 *   memory.low          -> soft limit         memory.current  -> usage
 *   memory.peak         -> max usage          memory.stat anon/file -> rss / cache usage
 *   cpu.max "quota period" and the affinity mask -> active processor count (ceil(quota / period))
 * Also cgroup v1 (older hosts: one hierarchy per controller, found through /proc/self/mountinfo), with
 * memory.limit_in_bytes (or the smaller hierarchical_memory_limit of memory.stat), memory.memsw.*,
 * memory.soft_limit_in_bytes, memory.usage_in_bytes, memory.max_usage_in_bytes, memory.stat total_rss /
 * total_cache and cpu.cfs_quota_us / cpu.cfs_period_us; a v1 limit at or above the machine's memory means
 * none. Left out: cpu shares / cpu.weight (ignored, as HotSpot does since JDK 19), cpusets beyond the
 * affinity mask, and v1 hierarchies mounted elsewhere than the process's cgroup or its ancestor.
 *
 * Return values follow HotSpot's: -1 for "no limit", -2 (OSCONTAINER_ERROR) for "cannot tell".
 */
#define _GNU_SOURCE
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define UNLIMITED (-1L)
#define ERROR (-2L)

/* Keep in sync with ContainerLibrary's SUCCESS_IS_NOT_CONTAINERIZED / SUCCESS_IS_CONTAINERIZED. */
#define NOT_CONTAINERIZED 0
#define CONTAINERIZED 1

static char cgroup_dir[PATH_MAX];   /* /sys/fs/cgroup/<own path>, or "" when there is no cgroup v2 */
static size_t cgroup_root_len;      /* length of "/sys/fs/cgroup" inside cgroup_dir */
static char v1_memory[PATH_MAX];    /* cgroup v1: the process's memory and cpu controller directories, or "" */
static char v1_cpu[PATH_MAX];

/* Reads the first line of <dir>/<file> into buf; 0 on success. */
static int read_line(const char *dir, const char *file, char *buf, size_t size) {
  char path[PATH_MAX + 64];
  snprintf(path, sizeof(path), "%s/%s", dir, file);
  FILE *in = fopen(path, "re");
  if (in == NULL) {
    return -1;
  }
  char *got = fgets(buf, (int) size, in);
  fclose(in);
  if (got == NULL) {
    return -1;
  }
  buf[strcspn(buf, "\n")] = '\0';
  return 0;
}

/* A number from a cgroup file: the value, UNLIMITED for "max", ERROR when absent or unreadable. */
static long read_value(const char *dir, const char *file) {
  char buf[64];
  if (read_line(dir, file, buf, sizeof(buf)) != 0) {
    return ERROR;
  }
  if (strncmp(buf, "max", 3) == 0) {
    return UNLIMITED;
  }
  char *end;
  long value = strtol(buf, &end, 10);
  return end == buf ? ERROR : value;
}

static unsigned long svm_container_physical_memory_early(void) {
  long pages = sysconf(_SC_PHYS_PAGES);
  long page = sysconf(_SC_PAGESIZE);
  return pages > 0 && page > 0 ? (unsigned long) pages * (unsigned long) page : 0;
}

/* Calls visit(dir) for the process's cgroup and each ancestor up to the cgroup root. */
static void walk_up(void (*visit)(const char *dir, void *acc), void *acc) {
  char dir[PATH_MAX];
  strcpy(dir, cgroup_dir);
  for (;;) {
    visit(dir, acc);
    char *slash = strrchr(dir, '/');
    if (slash == NULL || (size_t) (slash - dir) < cgroup_root_len) {
      return;
    }
    *slash = '\0';
  }
}

struct limit_acc { const char *file; long limit; int seen; };

static void tighter_limit(const char *dir, void *p) {
  struct limit_acc *acc = p;
  long value = read_value(dir, acc->file);
  if (value == ERROR) {
    return;
  }
  acc->seen = 1;
  if (value != UNLIMITED && (acc->limit == UNLIMITED || value < acc->limit)) {
    acc->limit = value;
  }
}

/* The tightest limit in <file> on the path to the root: UNLIMITED if none, ERROR if no level has the file. */
static long hierarchical_limit(const char *file) {
  if (cgroup_dir[0] == '\0') {
    return ERROR;
  }
  struct limit_acc acc = {file, UNLIMITED, 0};
  walk_up(tighter_limit, &acc);
  return acc.seen ? acc.limit : ERROR;
}

struct cpu_acc { double cpus; };

static void tighter_cpu(const char *dir, void *p) {
  struct cpu_acc *acc = p;
  char buf[64];
  long quota, period;
  if (read_line(dir, "cpu.max", buf, sizeof(buf)) != 0 || strncmp(buf, "max", 3) == 0) {
    return;
  }
  if (sscanf(buf, "%ld %ld", &quota, &period) == 2 && quota > 0 && period > 0) {
    double cpus = (double) quota / (double) period;
    if (acc->cpus < 0 || cpus < acc->cpus) {
      acc->cpus = cpus;
    }
  }
}

/* CPUs the scheduler lets this process use (cpusets, taskset). */
static int affinity_count(void) {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof(set), &set) == 0) {
    return CPU_COUNT(&set);
  }
  return (int) sysconf(_SC_NPROCESSORS_ONLN);
}

/* One value from <dir>/memory.stat ("anon 1234"), ERROR if absent. */
static long stat_value(const char *dir, const char *key) {
  if (dir[0] == '\0') {
    return ERROR;
  }
  char path[PATH_MAX + 32], line[256];
  snprintf(path, sizeof(path), "%s/memory.stat", dir);
  FILE *in = fopen(path, "re");
  if (in == NULL) {
    return ERROR;
  }
  size_t key_len = strlen(key);
  long value = ERROR;
  while (fgets(line, sizeof(line), in) != NULL) {
    if (strncmp(line, key, key_len) == 0 && line[key_len] == ' ') {
      value = strtol(line + key_len + 1, NULL, 10);
      break;
    }
  }
  fclose(in);
  return value;
}

static long memory_stat(const char *key) {
  return stat_value(cgroup_dir, key);
}

static long v1_stat(const char *key) {
  return stat_value(v1_memory, key);
}

/* Does the comma-separated list have this item? */
static int has_item(const char *list, const char *item) {
  size_t n = strlen(item);
  for (const char *p = list; p != NULL && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
    if (strncmp(p, item, n) == 0 && (p[n] == ',' || p[n] == '\0' || p[n] == ' ' || p[n] == '\n')) {
      return 1;
    }
  }
  return 0;
}

/*
 * cgroup v1: the directory of one controller for this process: its mount point (from mountinfo) joined with
 * the process's path in that hierarchy (from /proc/self/cgroup) relative to the mount's root. Inside a
 * container the mount usually is the process's own cgroup already, so the mount point itself is used when
 * the joined path does not exist.
 */
static void v1_directory(const char *controller, char *dir, size_t size) {
  dir[0] = '\0';
  char line[PATH_MAX * 2], root[PATH_MAX], mount[PATH_MAX], path[PATH_MAX] = "";
  root[0] = mount[0] = '\0';
  FILE *in = fopen("/proc/self/mountinfo", "re");
  if (in == NULL) {
    return;
  }
  while (fgets(line, sizeof(line), in) != NULL) {
    /* id parent major:minor root mount-point options ... - fstype source super-options */
    char r[PATH_MAX], m[PATH_MAX];
    const char *dash = strstr(line, " - cgroup ");
    if (dash != NULL && sscanf(line, "%*s %*s %*s %4095s %4095s", r, m) == 2) {
      const char *super = strrchr(dash, ' ');
      if (super != NULL && has_item(super + 1, controller)) {
        strcpy(root, r);
        strcpy(mount, m);
        break;
      }
    }
  }
  fclose(in);
  if (mount[0] == '\0' || (in = fopen("/proc/self/cgroup", "re")) == NULL) {
    return;
  }
  while (fgets(line, sizeof(line), in) != NULL) {
    /* hierarchy-id:controller-list:path */
    char *first = strchr(line, ':'), *second = first ? strchr(first + 1, ':') : NULL;
    if (second != NULL) {
      *second = '\0';
      if (has_item(first + 1, controller)) {
        second[1 + strcspn(second + 1, "\n")] = '\0';
        strcpy(path, second + 1);
        break;
      }
    }
  }
  fclose(in);
  const char *relative = path;
  if (strcmp(root, "/") != 0 && strncmp(path, root, strlen(root)) == 0) {
    relative = path + strlen(root);
  }
  snprintf(dir, size, "%s%s", mount, strcmp(relative, "/") == 0 ? "" : relative);
  if (access(dir, R_OK) != 0) {
    snprintf(dir, size, "%s", mount);
  }
}

/* A v1 memory value: at or above the machine's memory (or the 2^63 "unlimited" value) means no limit. */
static long v1_limit(const char *file) {
  long value = read_value(v1_memory, file);
  if (value > 0 && (unsigned long) value >= svm_container_physical_memory_early()) {
    return UNLIMITED;
  }
  return value;
}

static double v1_cpus(void) {
  long quota = read_value(v1_cpu, "cpu.cfs_quota_us");
  long period = read_value(v1_cpu, "cpu.cfs_period_us");
  return (quota > 0 && period > 0) ? (double) quota / (double) period : -1;
}

/* Finds the process's cgroup directories; answers whether a memory or CPU limit applies to it. */
int svm_container_initialize(int version) {
  (void) version;  /* the ABI above is the one of ContainerLibrary 240100 (svm 25.0.x) */
  cgroup_dir[0] = v1_memory[0] = v1_cpu[0] = '\0';
  const char *root = "/sys/fs/cgroup";
  char probe[PATH_MAX];
  snprintf(probe, sizeof(probe), "%s/cgroup.controllers", root);
  if (access(probe, R_OK) != 0) {
    v1_directory("memory", v1_memory, sizeof(v1_memory));
    v1_directory("cpu", v1_cpu, sizeof(v1_cpu));
    long memory = v1_memory[0] ? v1_limit("memory.limit_in_bytes") : ERROR;
    return (memory > 0 || (v1_cpu[0] && v1_cpus() > 0)) ? CONTAINERIZED : NOT_CONTAINERIZED;
  }
  FILE *in = fopen("/proc/self/cgroup", "re");
  if (in == NULL) {
    return NOT_CONTAINERIZED;
  }
  char line[PATH_MAX];
  while (fgets(line, sizeof(line), in) != NULL) {
    if (strncmp(line, "0::", 3) == 0) {
      line[strcspn(line, "\n")] = '\0';
      const char *path = line + 3;
      snprintf(cgroup_dir, sizeof(cgroup_dir), "%s%s", root, strcmp(path, "/") == 0 ? "" : path);
      break;
    }
  }
  fclose(in);
  cgroup_root_len = strlen(root);
  if (cgroup_dir[0] == '\0') {
    return NOT_CONTAINERIZED;
  }
  long memory = hierarchical_limit("memory.max");
  struct cpu_acc cpu = {-1};
  walk_up(tighter_cpu, &cpu);
  return (memory > 0 || cpu.cpus > 0) ? CONTAINERIZED : NOT_CONTAINERIZED;
}

/* The machine's memory, regardless of limits. */
unsigned long svm_container_physical_memory(void) {
  return svm_container_physical_memory_early();
}

long svm_container_memory_limit_in_bytes(void) {
  if (v1_memory[0]) {
    long own = v1_limit("memory.limit_in_bytes");
    long hierarchical = v1_stat("hierarchical_memory_limit");
    if (hierarchical > 0 && (unsigned long) hierarchical < svm_container_physical_memory_early()
        && (own == UNLIMITED || hierarchical < own)) {
      return hierarchical;
    }
    return own;
  }
  return hierarchical_limit("memory.max");
}

/* cgroup v2 keeps swap apart (memory.swap.max); HotSpot reports memory + swap. */
long svm_container_memory_and_swap_limit_in_bytes(void) {
  if (v1_memory[0]) {
    long both = v1_limit("memory.memsw.limit_in_bytes");
    return both == ERROR ? svm_container_memory_limit_in_bytes() : both;
  }
  long memory = hierarchical_limit("memory.max");
  long swap = hierarchical_limit("memory.swap.max");
  if (memory == UNLIMITED || memory == ERROR) {
    return memory;
  }
  if (swap == ERROR) {
    return memory;  /* swap accounting off: no swap on top of the memory limit */
  }
  return swap == UNLIMITED ? UNLIMITED : memory + swap;
}

long svm_container_memory_soft_limit_in_bytes(void) {
  if (v1_memory[0]) {
    return v1_limit("memory.soft_limit_in_bytes");
  }
  long low = hierarchical_limit("memory.low");
  return low == 0 ? UNLIMITED : low;
}

long svm_container_memory_usage_in_bytes(void) {
  if (v1_memory[0]) {
    return read_value(v1_memory, "memory.usage_in_bytes");
  }
  return cgroup_dir[0] ? read_value(cgroup_dir, "memory.current") : ERROR;
}

long svm_container_memory_max_usage_in_bytes(void) {
  if (v1_memory[0]) {
    return read_value(v1_memory, "memory.max_usage_in_bytes");
  }
  return cgroup_dir[0] ? read_value(cgroup_dir, "memory.peak") : ERROR;
}

long svm_container_rss_usage_in_bytes(void) {
  return v1_memory[0] ? v1_stat("total_rss") : memory_stat("anon");
}

long svm_container_cache_usage_in_bytes(void) {
  return v1_memory[0] ? v1_stat("total_cache") : memory_stat("file");
}

/* min(affinity, ceil(quota / period)), at least 1. */
int svm_container_active_processor_count(void) {
  int count = affinity_count();
  struct cpu_acc cpu = {-1};
  if (v1_cpu[0]) {
    cpu.cpus = v1_cpus();
  } else if (cgroup_dir[0] != '\0') {
    walk_up(tighter_cpu, &cpu);
  }
  {
    if (cpu.cpus > 0) {
      int quota_cpus = (int) cpu.cpus;
      if ((double) quota_cpus < cpu.cpus) {
        quota_cpus++;
      }
      if (quota_cpus < count) {
        count = quota_cpus;
      }
    }
  }
  return count > 0 ? count : 1;
}
