#include "ungegaranti/sampling.hpp"

#include <algorithm>
#include <cmath>

namespace ungegaranti {
namespace {

// SplitMix64's finaliser: a good 64-bit mix, enough to turn counters into independent numbers.
uint64_t mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

constexpr double kZ95 = 1.6448536269514722;  // the standard normal's 95th percentile

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

// Gamma(shape, 1) by Marsaglia and Tsang; shape >= 1 here (PERT's shapes are at least 1).
double gamma(double shape, RandomStream& random) {
  double d = shape - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
  while (true) {
    double u1 = random.uniform(), u2 = random.uniform();
    double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);  // Box-Muller
    double v = 1.0 + c * z;
    if (v <= 0)
      continue;
    v = v * v * v;
    double u = random.uniform();
    if (std::log(u) < 0.5 * z * z + d - d * v + d * std::log(v))
      return d * v;
  }
}

// A normal (mean, sd) truncated to [low, high], by the inverse CDF on the truncated range.
double truncated_normal(double mean, double sd, double low, double high, double u) {
  if (sd <= 0)
    return std::clamp(mean, low, high);
  double a = normal_cdf((low - mean) / sd), b = normal_cdf((high - mean) / sd);
  double p = std::clamp(a + u * (b - a), 1e-15, 1 - 1e-15);
  return std::clamp(mean + sd * normal_quantile(p), low, high);
}

}  // namespace

RandomStream::RandomStream(uint64_t seed, uint64_t draw, uint64_t input)
    : key_(mix(draw_key(seed, draw) ^ input)) {}

uint64_t RandomStream::draw_key(uint64_t seed, uint64_t draw) { return mix(mix(seed) ^ draw); }

RandomStream RandomStream::of_input(uint64_t draw_key, uint64_t input) {
  return RandomStream(mix(draw_key ^ input));
}

double RandomStream::uniform() {
  uint64_t bits = mix(key_ + ++counter_ * 0xD1B54A32D192ED03ull);
  return (static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-53;  // never 0 or 1
}

double normal_quantile(double p) {
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                 -2.759285104469687e+02, 1.383577518672690e+02,
                                 -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                 -1.556989798598866e+02, 6.680131188771972e+01,
                                 -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                 -2.400758277161838e+00, -2.549732539343734e+00,
                                 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                                 2.445134137142996e+00, 3.754408661907416e+00};
  constexpr double kLow = 0.02425;
  if (p < kLow) {
    double q = std::sqrt(-2 * std::log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - kLow)
    return -normal_quantile(1 - p);
  double q = p - 0.5, r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

double sample(const Quantity& q, RandomStream& random) {
  if (!q.low || !q.high || *q.high <= *q.low)
    return q.value;
  double lo = *q.low, hi = *q.high, mode = std::clamp(q.value, lo, hi);
  switch (q.dist) {
    case Distribution::kUniform:
      return lo + random.uniform() * (hi - lo);
    case Distribution::kNone:
    case Distribution::kTriangular: {
      double u = random.uniform(), split = (mode - lo) / (hi - lo);
      return u < split ? lo + std::sqrt(u * (hi - lo) * (mode - lo))
                       : hi - std::sqrt((1 - u) * (hi - lo) * (hi - mode));
    }
    case Distribution::kPert: {
      double alpha = 1 + 4 * (mode - lo) / (hi - lo), beta = 1 + 4 * (hi - mode) / (hi - lo);
      double x = gamma(alpha, random), y = gamma(beta, random);
      return lo + (hi - lo) * x / (x + y);
    }
    case Distribution::kNormal:
      return truncated_normal(q.value, (hi - lo) / (2 * kZ95), lo, hi, random.uniform());
    case Distribution::kLognormal: {
      double mu = (std::log(lo) + std::log(hi)) / 2,
             sigma = (std::log(hi) - std::log(lo)) / (2 * kZ95);
      return std::exp(truncated_normal(mu, sigma, std::log(lo), std::log(hi), random.uniform()));
    }
  }
  return q.value;
}

}  // namespace ungegaranti
