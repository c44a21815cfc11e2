/*
 * CPU features for SubstrateVM on amd64 (part of liblibchelper.a).
 *
 * The image is compiled for a CPU level (-march; x86-64-v3 by default). At start-up the binary calls
 * checkCPUFeaturesOrExit() with the build-time mask, so a CPU that lacks a feature the code uses stops
 * with a message instead of dying on an illegal instruction later. determineCPUFeatures() is also how
 * the runtime picks optional fast paths. Written from the Intel SDM / AMD APM CPUID tables: one bit
 * per feature, gated on the OS having enabled the register state (XCR0) where the feature needs it.
 */
#include <cpuid.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "amd64cpufeatures.h"

#define BIT(reg, n) (((reg) >> (n)) & 1u)

typedef struct { uint32_t a, b, c, d; } regs_t;

static regs_t cpuid(uint32_t leaf, uint32_t subleaf) {
  regs_t r = {0, 0, 0, 0};
  __cpuid_count(leaf, subleaf, r.a, r.b, r.c, r.d);
  return r;
}

/* The register state the OS saves on context switch; AVX and AVX-512 are usable only when it is on. */
static uint64_t xcr0(void) {
  uint32_t lo, hi;
  __asm__ __volatile__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  return ((uint64_t) hi << 32) | lo;
}

void determineCPUFeatures(CPUFeatures *f) {
  memset(f, 0, sizeof(*f));
  regs_t l0 = cpuid(0, 0);
  uint32_t max_leaf = l0.a;
  int intel = l0.b == 0x756e6547;                         /* "GenuineIntel" */
  int amd = l0.b == 0x68747541 || l0.b == 0x6f677948;     /* "AuthenticAMD", "HygonGenuine" */
  regs_t l1 = max_leaf >= 1 ? cpuid(1, 0) : (regs_t) {0, 0, 0, 0};
  regs_t l7 = max_leaf >= 7 ? cpuid(7, 0) : (regs_t) {0, 0, 0, 0};
  regs_t l7s1 = (max_leaf >= 7 && l7.a >= 1) ? cpuid(7, 1) : (regs_t) {0, 0, 0, 0};
  uint32_t max_ext = cpuid(0x80000000u, 0).a;
  regs_t e1 = max_ext >= 0x80000001u ? cpuid(0x80000001u, 0) : (regs_t) {0, 0, 0, 0};
  regs_t e7 = max_ext >= 0x80000007u ? cpuid(0x80000007u, 0) : (regs_t) {0, 0, 0, 0};

  int osxsave = BIT(l1.c, 27);
  uint64_t xcr = osxsave ? xcr0() : 0;
  int os_avx = osxsave && (xcr & 0x6) == 0x6;             /* XMM and YMM state */
  int os_avx512 = os_avx && (xcr & 0xe0) == 0xe0;         /* opmask, ZMM_Hi256, Hi16_ZMM state */
  int os_apx = osxsave && BIT(xcr, 19);                   /* APX extended GPR state */

  /* Leaf 1, EDX and ECX. */
  f->fTSC = BIT(l1.d, 4);
  f->fCX8 = BIT(l1.d, 8);
  f->fCMOV = BIT(l1.d, 15);
  f->fFLUSH = BIT(l1.d, 19);
  f->fMMX = BIT(l1.d, 23) || (amd && BIT(e1.d, 23));
  f->fFXSR = BIT(l1.d, 24) || (amd && BIT(e1.d, 24));
  f->fSSE = BIT(l1.d, 25);
  f->fSSE2 = BIT(l1.d, 26);
  f->fSSE3 = BIT(l1.c, 0);
  f->fCLMUL = BIT(l1.c, 1);
  f->fSSSE3 = BIT(l1.c, 9);
  f->fSSE4_1 = BIT(l1.c, 19);
  f->fSSE4_2 = BIT(l1.c, 20);
  f->fPOPCNT = BIT(l1.c, 23);
  f->fAES = BIT(l1.c, 25);
  f->fHV = BIT(l1.c, 31);

  /* AVX family: the CPU bit and the OS-enabled register state. */
  if (BIT(l1.c, 28) && os_avx) {
    f->fAVX = 1;
    f->fVZEROUPPER = 1;
    f->fFMA = BIT(l1.c, 12);
    f->fF16C = BIT(l1.c, 29);
    f->fAVX2 = BIT(l7.b, 5);
    f->fGFNI = BIT(l7.c, 8);
    f->fAVX_IFMA = BIT(l7s1.a, 23);
    f->fSHA512 = BIT(l7s1.a, 0);
  }
  if (f->fAVX && BIT(l7.b, 16) && os_avx512) {
    f->fAVX512F = 1;
    f->fAVX512DQ = BIT(l7.b, 17);
    f->fAVX512_IFMA = BIT(l7.b, 21);
    f->fAVX512PF = BIT(l7.b, 26);
    f->fAVX512ER = BIT(l7.b, 27);
    f->fAVX512CD = BIT(l7.b, 28);
    f->fAVX512BW = BIT(l7.b, 30);
    f->fAVX512VL = BIT(l7.b, 31);
    f->fAVX512_VBMI = BIT(l7.c, 1);
    f->fAVX512_VBMI2 = BIT(l7.c, 6);
    f->fAVX512_VAES = BIT(l7.c, 9);
    f->fAVX512_VPCLMULQDQ = BIT(l7.c, 10);
    f->fAVX512_VNNI = BIT(l7.c, 11);
    f->fAVX512_BITALG = BIT(l7.c, 12);
    f->fAVX512_VPOPCNTDQ = BIT(l7.c, 14);
    f->fAVX512_FP16 = BIT(l7.d, 23);
    /* AVX10: leaf 7.1 EDX bit 19 says leaf 0x24 exists; its EBX[7:0] is the version. */
    if (BIT(l7s1.d, 19) && max_leaf >= 0x24) {
      uint32_t version = cpuid(0x24, 0).b & 0xff;
      f->fAVX10_1 = version >= 1;
      f->fAVX10_2 = version >= 2;
    }
  }

  /* Leaf 7 sub-leaf 0: bit manipulation, memory and security features. */
  f->fBMI1 = BIT(l7.b, 3);
  f->fBMI2 = BIT(l7.b, 8);
  f->fERMS = BIT(l7.b, 9);
  f->fRTM = BIT(l7.b, 11);
  f->fADX = BIT(l7.b, 19);
  f->fFLUSHOPT = BIT(l7.b, 23);
  f->fCLWB = BIT(l7.b, 24);
  f->fSHA = BIT(l7.b, 29);
  f->fPKU = BIT(l7.c, 3);
  f->fOSPKE = BIT(l7.c, 4);
  f->fCET_SS = BIT(l7.c, 7);
  f->fRDPID = BIT(l7.c, 22);
  f->fFSRM = BIT(l7.d, 4);
  f->fSERIALIZE = BIT(l7.d, 14);
  f->fCET_IBT = BIT(l7.d, 20);
  f->fAPX_F = BIT(l7s1.d, 21) && os_apx;

  /* Extended leaves. */
  f->fLZCNT = BIT(e1.c, 5);
  f->fSSE4A = amd && BIT(e1.c, 6);
  f->fAMD_3DNOW_PREFETCH = BIT(e1.c, 8);                 /* PREFETCHW */
  f->fRDTSCP = BIT(e1.d, 27);
  f->fTSCINV_BIT = BIT(e7.d, 8);                         /* invariant TSC */
  f->fTSCINV = f->fTSCINV_BIT && (intel || amd);

  /* Hyper-threading: more than one logical processor per core. */
  if (intel && max_leaf >= 0xb) {
    f->fHT = (cpuid(0xb, 0).b & 0xffff) > 1;             /* logical CPUs at the SMT level */
  } else if (amd && max_ext >= 0x8000001eu) {
    f->fHT = ((cpuid(0x8000001eu, 0).b >> 8) & 0xff) > 0; /* threads per core - 1 */
  } else {
    f->fHT = BIT(l1.d, 28) && ((l1.b >> 16) & 0xff) > 1;
  }
}

/*
 * The builder passes the features the image was compiled for as a byte array laid out like CPUFeatures,
 * but inverted: a byte with its low bit clear marks a required feature, all-ones marks one not required.
 * So "mask | host" has every bit set exactly when each required feature is present. Returns 0 when this
 * CPU runs the image, 1 when not; the answer is computed once.
 */
int checkCPUFeatures(const uint8_t *buildtime_mask) {
  static int checked = -1;
  if (checked == -1) {
    CPUFeatures host;
    determineCPUFeatures(&host);
    const uint8_t *h = (const uint8_t *) &host;
    int result = 0;
    for (size_t i = 0; i < sizeof(host); i++) {
      if ((uint8_t) (buildtime_mask[i] | h[i]) != 0xff) {
        result = 1;
      }
    }
    checked = result;
  }
  return checked;
}

void checkCPUFeaturesOrExit(const uint8_t *buildtime_mask, const char *error_message) {
  if (checkCPUFeatures(buildtime_mask) != 0) {
    fputs(error_message, stderr);
    exit(1);
  }
}
