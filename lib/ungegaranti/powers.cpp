#include "ungegaranti/powers.hpp"

#include <bit>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "ungegaranti/simd.hpp"

namespace ungegaranti {
namespace {

// The powers worked out alone: x in [0,25; 4] and exponents up to 64 in size keep every power
// and reciprocal between 2^-128 and 2^128, far from overflow and subnormals.
constexpr double kLowest = 0.25, kHighest = 4.0;
constexpr int kLargest = 64;

// A double-double: the value hi + lo, |lo| at most half an ULP of hi.
struct Twin {
  double hi, lo;
};

// hi + lo with |hi| >= |lo| (or hi 0) as a Twin, exactly (Fast2Sum).
[[gnu::always_inline]] inline Twin normalised(double hi, double lo) {
  double sum = hi + lo;
  return {sum, lo - (sum - hi)};
}

// a x b for a double b: the product a.hi b exactly (its error by fma), plus a.lo b. The relative
// error is below 2^-104 beside a's.
[[gnu::always_inline]] inline Twin times(Twin a, double b) {
  double p = a.hi * b;
  double e = std::fma(a.hi, b, -p);
  return normalised(p, std::fma(a.lo, b, e));
}

// 1 / a: q = 1 / a.hi rounded, then one Newton step. 1 - q a.hi is exact by fma (q is the double
// nearest 1 / a.hi, so the residual is a double); subtracting q a.lo and scaling by q adds a
// relative error of about 2^-104.
[[gnu::always_inline]] inline Twin reciprocal(Twin a) {
  double q = 1.0 / a.hi;
  double r = std::fma(-q, a.hi, 1.0);
  r = std::fma(-q, a.lo, r);
  return normalised(q, q * r);
}

// The double nearest a when a lies more than 1/16 ULP from a midway point (then pow() returns
// it too, std::pow()'s error being below 0,5625 ULP), else nothing. The error of `a` itself is
// below 2^-90 of a, about 2^-37 ULP, which the 1/16 ULP takes in.
[[gnu::always_inline]] inline bool clear_of_midway(Twin a, double& out) {
  const uint64_t bits = std::bit_cast<uint64_t>(a.hi);
  const uint64_t exponent = bits & 0x7ff0000000000000ull;
  // A power of two has its neighbours at two distances (and the normalised twin may lie on
  // either side of it): left to pow().
  if ((bits & 0x000fffffffffffffull) == 0)
    return false;
  // The ULP of a.hi, 2^(e - 52): a.hi is normal and at least 2^-128, so e - 52 stays normal.
  const double ulp = std::bit_cast<double>(exponent - (uint64_t{52} << 52));
  if (!(std::abs(a.lo) < 0.4375 * ulp))
    return false;
  out = a.hi;
  return true;
}

// Whether x^n is worked out alone (else by pow()): x in [kLowest, kHighest], n at most kLargest
// in size.
[[gnu::always_inline]] inline bool in_range(double x, int n) {
  return x >= kLowest && x <= kHighest && std::abs(n) <= kLargest;
}

// x^n from the twin p = x^|n|: the double nearest, where it is clear of a midway point.
[[gnu::always_inline]] inline bool power_from(Twin p, int n, double& out) {
  return clear_of_midway(n > 0 ? p : reciprocal(p), out);
}

// integer_powers()'s work, inlined into each of its forms.
[[gnu::always_inline]] inline void powers_of(double x, int first, int step, std::span<double> out) {
  const int last = first + step * (static_cast<int>(out.size()) - 1);
  const bool alone = in_range(x, first) && in_range(x, last);  // and every exponent between
  // The powers x^1 .. x^largest as twins, multiplied up once for all the exponents.
  Twin powers[kLargest + 1];
  int known = 0;  // powers[1 .. known] are worked out
  if (alone) {
    powers[1] = {x, 0.0};
    known = 1;
  }
  for (size_t i = 0; i < out.size(); ++i) {
    const int n = first + step * static_cast<int>(i);
    if (n == 0) {
      out[i] = 1.0;  // what pow(x, 0) returns for any x, NaN included
      continue;
    }
    if (alone) {
      const int k = std::abs(n);
      for (; known < k; ++known)
        powers[known + 1] = times(powers[known], x);
      if (power_from(powers[k], n, out[i]))
        continue;
    }
    out[i] = std::pow(x, static_cast<double>(n));
  }
}

#ifdef UNGEGARANTI_X86
// The same operations, with std::fma() as the FMA instruction.
UNGEGARANTI_FMA void powers_fma(double x, int first, int step, std::span<double> out) {
  powers_of(x, first, step, out);
}
#endif

}  // namespace

namespace detail {

bool integer_power_alone(double x, int n, double& out) {
  if (n == 0 || !in_range(x, n))
    return false;
  Twin p{x, 0.0};
  for (int k = std::abs(n); k > 1; --k)
    p = times(p, x);
  return power_from(p, n, out);
}

}  // namespace detail

void integer_powers(double x, int first, int step, std::span<double> out) {
  assert(step == 1 || step == -1);
#ifdef UNGEGARANTI_X86
  if (has_fma())
    return powers_fma(x, first, step, out);
#endif
  powers_of(x, first, step, out);
}

}  // namespace ungegaranti
