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

namespace ungegaranti {

/// Whether the AVX2 forms run: the processor has AVX2, and the environment variable
/// UNGEGARANTI_NO_AVX2 is not set. With it set, the baseline forms run on any machine (the test
/// suite runs its to-the-bit tests both ways, tests/CMakeLists.txt).
inline bool has_avx2() {
  static const bool yes =
      __builtin_cpu_supports("avx2") && std::getenv("UNGEGARANTI_NO_AVX2") == nullptr;
  return yes;
}

}  // namespace ungegaranti
#endif
