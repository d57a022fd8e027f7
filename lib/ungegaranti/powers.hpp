#pragma once

#include <span>

namespace ungegaranti {

/// out[i] = std::pow(x, first + i * step), the same double to the bit, for whole exponents: the
/// index and discount factors of a draw's rates without a call to pow() for most of them.
///
/// Each power is worked out as a double-double (about 100 bits) by multiplying up from x, and
/// rounded to the nearest double. glibc's pow() is within 0,52 ULP of the true power for these
/// arguments (its own error bound is 0,54 ULP for any; here |y log x| < 90 and its logarithm adds
/// next to nothing), so where the true power lies more than 1/16 ULP from the midway point between
/// two doubles, the nearest double is the only one pow() can return, and it is that. The rest
/// (about one power in eight), an exponent of 0 (1, for any x, as pow() gives), x outside
/// [0,25; 4], an exponent above 64 in size and a power of two (whose neighbours lie at two
/// distances) go to std::pow() itself.
void integer_powers(double x, int first, int step, std::span<double> out);

namespace detail {

/// One power as integer_powers() works it out: true with `out` when the double-double rounds
/// clear of a midway point (the same double as std::pow(x, n)), false where it goes to pow().
/// For tests, which count how often the first happens.
bool integer_power_alone(double x, int n, double& out);

}  // namespace detail

}  // namespace ungegaranti
