#pragma once

// Run-time choice of the SIMD code paths: the Debian package is built for baseline x86-64 (SSE2),
// and the functions marked UNGEGARANTI_AVX2 are compiled for AVX2 beside their baseline forms and
// called only where has_avx2() says so. Every such pair does the same IEEE operations on the same
// numbers, so the results do not depend on the path taken.

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

#include <cstdlib>
#define UNGEGARANTI_X86 1
#define UNGEGARANTI_AVX2 __attribute__((target("avx2")))
// AVX2 with FMA, for std::fma() as one instruction (without it, a call into libm).
#define UNGEGARANTI_FMA __attribute__((target("avx2,fma")))
// AVX-512 (F, DQ and VL): 64-bit integer multiplies and conversions that AVX2 lacks, plain loads
// where AVX2 gathers, and masks; mostly on 256-bit vectors (the first pass of the draws takes
// 512-bit ones). The same rule as for AVX2: the same IEEE operations as the other forms.
#define UNGEGARANTI_AVX512 __attribute__((target("avx2,avx512f,avx512dq,avx512vl")))

namespace ungegaranti {

/// Whether the AVX2 forms run: the processor has AVX2, and the environment variable
/// UNGEGARANTI_NO_AVX2 is not set. With it set, the baseline forms run on any machine (the test
/// suite runs its to-the-bit tests both ways, tests/CMakeLists.txt).
inline bool has_avx2() {
  static const bool yes =
      __builtin_cpu_supports("avx2") && std::getenv("UNGEGARANTI_NO_AVX2") == nullptr;
  return yes;
}

/// Whether the FMA forms run: has_avx2() and the processor has FMA. std::fma() is exact either
/// way; only its speed differs.
inline bool has_fma() {
  static const bool yes = has_avx2() && __builtin_cpu_supports("fma");
  return yes;
}

/// Whether the AVX-512 forms run: has_avx2(), the processor has AVX-512 F, DQ and VL, and the
/// environment variable UNGEGARANTI_NO_AVX512 is not set (with it, the AVX2 forms run; the test
/// suite runs its to-the-bit tests that way too). Valgrind's processor has no AVX-512, so a
/// callgrind count is that of the AVX2 forms.
inline bool has_avx512() {
  static const bool yes =
      has_avx2() && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
      __builtin_cpu_supports("avx512vl") && std::getenv("UNGEGARANTI_NO_AVX512") == nullptr;
  return yes;
}

}  // namespace ungegaranti
#endif
