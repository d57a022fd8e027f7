// integer_powers() promises std::pow()'s doubles to the bit: the index factors and discount
// factors are worked out through it, and every output is compared to the bit with the builds
// before it. These tests compare it with std::pow() bit by bit over many drawn bases and
// exponents, at the edges of where it works alone, and check that it does work alone for most
// powers (else it would only be a slower pow()).
#include "ungegaranti/powers.hpp"

#include <doctest/doctest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "ungegaranti/economics.hpp"

using ungegaranti::integer_powers;
using ungegaranti::detail::integer_power_alone;

namespace {

uint64_t bits(double x) { return std::bit_cast<uint64_t>(x); }

// integer_powers(x, first, step, n values), each against std::pow(); the number that differ.
int differences(double x, int first, int step, size_t n) {
  std::vector<double> out(n);
  integer_powers(x, first, step, out);
  int differ = 0;
  for (size_t i = 0; i < n; ++i) {
    double want = std::pow(x, static_cast<double>(first + step * static_cast<int>(i)));
    if (bits(out[i]) != bits(want) && !(std::isnan(out[i]) && std::isnan(want)))
      ++differ;
  }
  return differ;
}

}  // namespace

TEST_CASE("integer_powers: exact powers and the first and last exponents") {
  std::vector<double> out(6);
  integer_powers(1.5, -2, 1, out);  // 1.5^-2 .. 1.5^3
  CHECK(out[0] == std::pow(1.5, -2.0));
  CHECK(out[1] == std::pow(1.5, -1.0));
  CHECK(out[2] == 1.0);
  CHECK(out[3] == 1.5);
  CHECK(out[4] == 2.25);
  CHECK(out[5] == 3.375);
  integer_powers(1.035, 0, -1, out);  // the discount factors 1 / 1,035^t, t = 0 .. 5
  CHECK(out[0] == 1.0);
  for (size_t t = 1; t < out.size(); ++t)
    CHECK(bits(out[t]) == bits(std::pow(1.035, -static_cast<double>(t))));
  CHECK(differences(1.02, 0, 1, 5) == 0);  // a budget period's index factors
}

TEST_CASE("integer_powers: every power the same double as std::pow, for drawn rates") {
  std::mt19937_64 random(20261204);
  std::uniform_real_distribution<double> rate(-0.2, 0.3), base(0.25, 4.0);
  std::uniform_int_distribution<int> first(-40, 40), count(1, 24);
  int differ = 0;
  for (int i = 0; i < 100000; ++i) {
    double x = i % 2 == 0 ? 1.0 + rate(random) : base(random);
    differ +=
        differences(x, first(random), i % 3 == 0 ? -1 : 1, static_cast<size_t>(count(random)));
  }
  CHECK(differ == 0);
}

TEST_CASE("integer_powers: most powers are worked out without pow()") {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> rate(0.0, 0.1);
  int alone = 0, tried = 0;
  for (int i = 0; i < 20000; ++i) {
    double x = 1.0 + rate(random), value = 0;
    for (int n : {1, 2, 3, 4, -1, -2, -5, -9, 17, -64}) {
      ++tried;
      if (integer_power_alone(x, n, value)) {
        ++alone;
        CHECK(bits(value) == bits(std::pow(x, static_cast<double>(n))));
      }
    }
  }
  // About 7 in 8: the powers within 1/16 ULP of a midway point go to pow().
  CHECK(alone > tried * 8 / 10);
  CHECK(alone < tried);
}

TEST_CASE("integer_powers: outside its range, std::pow itself") {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  constexpr double kInf = std::numeric_limits<double>::infinity();
  double value = 0;
  for (double x :
       {kNaN, kInf, -kInf, 0.0, -0.0, -1.5, 0.2499999, 4.0000001, 1e300, 1.0, 2.0, 0.25, 4.0}) {
    CHECK(differences(x, -70, 1, 141) == 0);
    CHECK(differences(x, 3, -1, 7) == 0);
  }
  CHECK_FALSE(integer_power_alone(1.05, 0, value));   // x^0 is 1 without working
  CHECK_FALSE(integer_power_alone(1.05, 65, value));  // past the largest exponent
  CHECK_FALSE(integer_power_alone(kNaN, 2, value));
  CHECK_FALSE(integer_power_alone(2.0, 3, value));  // a power of two
  CHECK(integer_power_alone(1.5, 3, value));
  CHECK(value == 3.375);
  // Exponent 0 gives 1 for any base, as pow() does, NaN included.
  std::vector<double> one(1);
  integer_powers(kNaN, 0, 1, one);
  CHECK(one[0] == 1.0);
}

TEST_CASE("discount_factors: discount_factor() of each year") {
  std::vector<double> out(12);
  for (double rate : {0.035, 0.0, -0.01, 0.07, std::numeric_limits<double>::quiet_NaN()}) {
    for (int first : {-3, 0, 2}) {
      ungegaranti::discount_factors(rate, first, out);
      for (size_t t = 0; t < out.size(); ++t) {
        double want = ungegaranti::discount_factor(rate, first + static_cast<int>(t));
        CHECK((bits(out[t]) == bits(want) || (std::isnan(out[t]) && std::isnan(want))));
      }
    }
  }
}
