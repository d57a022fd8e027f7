#include "ungegaranti/sampling.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <map>

#include "ungegaranti/assumptions.hpp"
#include "ungegaranti/error.hpp"
#include "ungegaranti/simd.hpp"

namespace ungegaranti {
namespace {

// SplitMix64's finaliser: a good 64-bit mix, enough to turn counters into independent numbers.
uint64_t mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

constexpr uint64_t kCounterStep = 0xD1B54A32D192ED03ull;  // RandomStream::uniform()'s

// RandomStream::uniform()'s number from 64 random bits: (0, 1), never 0 or 1.
double to_unit(uint64_t bits) { return (static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-53; }

// The first uniform number of each input k's stream, RandomStream::of_input(key, k).uniform(),
// and the triangular quantile of each u with each input's constants (Shape::at's): the scalar
// forms, and AVX2 forms that do the same integer and IEEE operations on four inputs at once (so
// the same numbers to the bit; the sum of the two halves of the conversion below is exact). The
// AVX2 forms are chosen at run time, so the package still runs on baseline x86-64.
void first_uniforms_scalar(uint64_t key, size_t n, double* u) {
  for (size_t k = 0; k < n; ++k)
    u[k] = to_unit(mix(mix(key ^ k) + kCounterStep));
}

void triangular_scalar(size_t n, const double* u, const double* lo, const double* hi,
                       const double* width, const double* below, const double* above,
                       const double* split, double* out) {
  for (size_t k = 0; k < n; ++k) {
    bool left = u[k] < split[k];
    double near = u[k] * width[k] * below[k], far = (1 - u[k]) * width[k] * above[k];
    double root = std::sqrt(left ? near : far);
    out[k] = left ? lo[k] + root : hi[k] - root;
  }
}

#ifdef UNGEGARANTI_X86
// a * b modulo 2^64 per lane, from 32 x 32 -> 64-bit products (AVX2 has no 64-bit multiply).
UNGEGARANTI_AVX2 __m256i multiply64(__m256i a, __m256i b) {
  __m256i low = _mm256_mul_epu32(a, b);
  __m256i cross = _mm256_add_epi64(_mm256_mul_epu32(_mm256_srli_epi64(a, 32), b),
                                   _mm256_mul_epu32(a, _mm256_srli_epi64(b, 32)));
  return _mm256_add_epi64(low, _mm256_slli_epi64(cross, 32));
}

UNGEGARANTI_AVX2 __m256i mix4(__m256i x) {
  x = _mm256_add_epi64(x, _mm256_set1_epi64x(static_cast<long long>(0x9E3779B97F4A7C15ull)));
  x = multiply64(_mm256_xor_si256(x, _mm256_srli_epi64(x, 30)),
                 _mm256_set1_epi64x(static_cast<long long>(0xBF58476D1CE4E5B9ull)));
  x = multiply64(_mm256_xor_si256(x, _mm256_srli_epi64(x, 27)),
                 _mm256_set1_epi64x(static_cast<long long>(0x94D049BB133111EBull)));
  return _mm256_xor_si256(x, _mm256_srli_epi64(x, 31));
}

// x < 2^53 to double, exactly: each 32-bit half through the 2^52 trick, then hi * 2^32 + lo,
// an integer below 2^53 and so exact.
UNGEGARANTI_AVX2 __m256d to_double4(__m256i x) {
  const __m256i magic = _mm256_set1_epi64x(0x4330000000000000LL);  // 2^52
  const __m256d two52 = _mm256_set1_pd(0x1.0p52);
  __m256d hi =
      _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(_mm256_srli_epi64(x, 32), magic)), two52);
  __m256d lo = _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(
                                 _mm256_and_si256(x, _mm256_set1_epi64x(0xFFFFFFFFLL)), magic)),
                             two52);
  return _mm256_add_pd(_mm256_mul_pd(hi, _mm256_set1_pd(0x1.0p32)), lo);
}

UNGEGARANTI_AVX2 void first_uniforms_avx2(uint64_t key, size_t n, double* u) {
  size_t k = 0;
  __m256i keys = _mm256_set1_epi64x(static_cast<long long>(key));
  __m256i step = _mm256_set1_epi64x(static_cast<long long>(kCounterStep));
  __m256i index = _mm256_set_epi64x(3, 2, 1, 0), four = _mm256_set1_epi64x(4);
  for (; k + 4 <= n; k += 4, index = _mm256_add_epi64(index, four)) {
    __m256i bits = mix4(_mm256_add_epi64(mix4(_mm256_xor_si256(keys, index)), step));
    __m256d x = to_double4(_mm256_srli_epi64(bits, 11));
    _mm256_storeu_pd(
        u + k, _mm256_mul_pd(_mm256_add_pd(x, _mm256_set1_pd(0.5)), _mm256_set1_pd(0x1.0p-53)));
  }
  for (; k < n; ++k)
    u[k] = to_unit(mix(mix(key ^ k) + kCounterStep));
}

UNGEGARANTI_AVX2 void triangular_avx2(size_t n, const double* u, const double* lo, const double* hi,
                                      const double* width, const double* below, const double* above,
                                      const double* split, double* out) {
  size_t k = 0;
  const __m256d one = _mm256_set1_pd(1.0);
  for (; k + 4 <= n; k += 4) {
    __m256d x = _mm256_loadu_pd(u + k), w = _mm256_loadu_pd(width + k);
    __m256d left = _mm256_cmp_pd(x, _mm256_loadu_pd(split + k), _CMP_LT_OQ);
    __m256d near = _mm256_mul_pd(_mm256_mul_pd(x, w), _mm256_loadu_pd(below + k));
    __m256d far =
        _mm256_mul_pd(_mm256_mul_pd(_mm256_sub_pd(one, x), w), _mm256_loadu_pd(above + k));
    __m256d root = _mm256_sqrt_pd(_mm256_blendv_pd(far, near, left));
    __m256d from_lo = _mm256_add_pd(_mm256_loadu_pd(lo + k), root);
    __m256d from_hi = _mm256_sub_pd(_mm256_loadu_pd(hi + k), root);
    _mm256_storeu_pd(out + k, _mm256_blendv_pd(from_hi, from_lo, left));
  }
  triangular_scalar(n - k, u + k, lo + k, hi + k, width + k, below + k, above + k, split + k,
                    out + k);
}

void first_uniforms(uint64_t key, size_t n, double* u) {
  has_avx2() ? first_uniforms_avx2(key, n, u) : first_uniforms_scalar(key, n, u);
}

void triangular_quantiles(size_t n, const double* u, const double* lo, const double* hi,
                          const double* width, const double* below, const double* above,
                          const double* split, double* out) {
  has_avx2() ? triangular_avx2(n, u, lo, hi, width, below, above, split, out)
             : triangular_scalar(n, u, lo, hi, width, below, above, split, out);
}
#else
void first_uniforms(uint64_t key, size_t n, double* u) { first_uniforms_scalar(key, n, u); }

void triangular_quantiles(size_t n, const double* u, const double* lo, const double* hi,
                          const double* width, const double* below, const double* above,
                          const double* split, double* out) {
  triangular_scalar(n, u, lo, hi, width, below, above, split, out);
}
#endif

constexpr double kZ95 = 1.6448536269514722;  // the standard normal's 95th percentile

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

// Lentz's continued fraction for the incomplete Beta function (Numerical Recipes' betacf).
double beta_fraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300;
  double qab = a + b, qap = a + 1, qam = a - 1;
  double c = 1, d = 1 - qab * x / qap;
  d = 1 / (std::abs(d) < kTiny ? kTiny : d);
  double h = d;
  for (int m = 1; m <= 300; ++m) {
    double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    d = 1 / (std::abs(d) < kTiny ? kTiny : d);
    c = 1 + aa / c;
    c = std::abs(c) < kTiny ? kTiny : c;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    d = 1 / (std::abs(d) < kTiny ? kTiny : d);
    c = 1 + aa / c;
    c = std::abs(c) < kTiny ? kTiny : c;
    double step = d * c;
    h *= step;
    if (std::abs(step - 1) < 1e-15)
      break;
  }
  return h;
}

// The p-quantile of Beta(a, b) by bisection on its distribution function: 100 halvings of [0, 1]
// reach the resolution of a double.
double beta_quantile(double a, double b, double p) {
  double lo = 0, hi = 1;
  for (int i = 0; i < 100 && hi - lo > 1e-16; ++i) {
    double mid = (lo + hi) / 2;
    (beta_cdf(a, b, mid) < p ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

}  // namespace

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

double beta_cdf(double a, double b, double x) {
  if (x <= 0)
    return 0;
  if (x >= 1)
    return 1;
  double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) +
                          b * std::log1p(-x));
  if (x < (a + 1) / (a + b + 2))
    return front * beta_fraction(a, b, x) / a;
  return 1 - front * beta_fraction(b, a, 1 - x) / b;
}

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

double quantile(const Quantity& q, double u) {
  if (!q.low || !q.high || *q.high <= *q.low)
    return q.value;
  double lo = *q.low, hi = *q.high, mode = std::clamp(q.value, lo, hi);
  switch (q.dist) {
    case Distribution::kUniform:
      return lo + u * (hi - lo);
    case Distribution::kNone:
    case Distribution::kTriangular: {
      double split = (mode - lo) / (hi - lo);
      return u < split ? lo + std::sqrt(u * (hi - lo) * (mode - lo))
                       : hi - std::sqrt((1 - u) * (hi - lo) * (hi - mode));
    }
    case Distribution::kPert: {
      double alpha = 1 + 4 * (mode - lo) / (hi - lo), beta = 1 + 4 * (hi - mode) / (hi - lo);
      return lo + (hi - lo) * beta_quantile(alpha, beta, u);
    }
    case Distribution::kNormal:
      return truncated_normal(q.value, (hi - lo) / (2 * kZ95), lo, hi, u);
    case Distribution::kLognormal: {
      double mu = (std::log(lo) + std::log(hi)) / 2,
             sigma = (std::log(hi) - std::log(lo)) / (2 * kZ95);
      return std::exp(truncated_normal(mu, sigma, std::log(lo), std::log(hi), u));
    }
  }
  return q.value;
}

double sample(const Quantity& q, RandomStream& random) {
  if (!q.low || !q.high || *q.high <= *q.low)
    return q.value;
  if (q.dist == Distribution::kPert) {  // faster than inverting the Beta: two Gamma draws
    double lo = *q.low, hi = *q.high, mode = std::clamp(q.value, lo, hi);
    double alpha = 1 + 4 * (mode - lo) / (hi - lo), beta = 1 + 4 * (hi - mode) / (hi - lo);
    double x = gamma(alpha, random), y = gamma(beta, random);
    return lo + (hi - lo) * x / (x + y);
  }
  return quantile(q, random.uniform());
}

Copula copula_of(const std::vector<Correlation>& groups) {
  Copula c;
  std::map<std::string, size_t> index;
  for (const Correlation& g : groups) {
    if (g.inputs.size() < 2)
      continue;  // nothing left to correlate (inputs without a range are not listed)
    for (const std::string& input : g.inputs) {
      if (index.emplace(input, c.inputs.size()).second)
        c.inputs.push_back(input);
    }
  }
  size_t n = c.inputs.size();
  Eigen::MatrixXd matrix =
      Eigen::MatrixXd::Identity(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
  for (const Correlation& g : groups) {
    for (size_t i = 0; i < g.inputs.size(); ++i) {
      for (size_t j = i + 1; j < g.inputs.size(); ++j) {
        auto a = static_cast<Eigen::Index>(index[g.inputs[i]]);
        auto b = static_cast<Eigen::Index>(index[g.inputs[j]]);
        if (a == b)
          continue;
        matrix(a, b) = g.rho;
        matrix(b, a) = g.rho;
      }
    }
  }
  if (n == 0)
    return c;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(matrix);
  const Eigen::VectorXd& values = solver.eigenvalues();
  c.smallest_eigenvalue = values.minCoeff();
  // L = V sqrt(max(D, 0)): L L^T = C where C is positive semi-definite.
  Eigen::MatrixXd factor = solver.eigenvectors() * values.cwiseMax(0.0).cwiseSqrt().asDiagonal();
  c.factor.resize(n * n);
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < n; ++j)
      c.factor[i * n + j] = factor(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
  }
  return c;
}

void correlated_uniforms(const Copula& copula, const std::vector<double>& z,
                         std::vector<double>& u) {
  size_t n = copula.inputs.size();
  u.resize(n);
  for (size_t i = 0; i < n; ++i) {
    double y = 0;
    for (size_t j = 0; j < n && j < z.size(); ++j)
      y += copula.factor[i * n + j] * z[j];
    u[i] = std::clamp(normal_cdf(y), 1e-15, 1 - 1e-15);  // (0, 1), as a uniform draw is
  }
}

InputDraws::InputDraws(const Scenario& scenario) : copula_(copula_of(scenario.correlations)) {
  for (const Quantity* q : all_quantities(scenario)) {
    if (q->low && q->high)
      inputs_.push_back(q);
  }
  for (const Quantity* q : inputs_) {
    Shape shape;
    shape.value = q->value;
    if (!q->low || !q->high || *q->high <= *q->low) {
      shape.kind = Shape::kFixed;
    } else if (q->dist == Distribution::kUniform || q->dist == Distribution::kTriangular ||
               q->dist == Distribution::kNone) {
      // As quantile(): mode = clamp(value, lo, hi); (hi - lo), (mode - lo) and (hi - mode) are
      // the same numbers whether worked out here or there.
      shape.kind = q->dist == Distribution::kUniform ? Shape::kUniform : Shape::kTriangular;
      shape.lo = *q->low;
      shape.hi = *q->high;
      double mode = std::clamp(q->value, shape.lo, shape.hi);
      shape.width = shape.hi - shape.lo;
      shape.below = mode - shape.lo;
      shape.above = shape.hi - mode;
      shape.split = shape.below / shape.width;
    }
    shapes_.push_back(shape);
    bool triangular = shape.kind == Shape::kTriangular;
    lo_.push_back(triangular ? shape.lo : 0.0);
    hi_.push_back(triangular ? shape.hi : 0.0);
    width_.push_back(triangular ? shape.width : 0.0);
    below_.push_back(triangular ? shape.below : 0.0);
    above_.push_back(triangular ? shape.above : 0.0);
    split_.push_back(triangular ? shape.split : 0.0);
    if (!triangular)
      one_by_one_.push_back(shapes_.size() - 1);
  }
  member_.assign(inputs_.size(), std::string::npos);
  for (size_t j = 0; j < copula_.inputs.size(); ++j) {
    auto at = std::find_if(inputs_.begin(), inputs_.end(),
                           [&](const Quantity* q) { return q->path == copula_.inputs[j]; });
    if (at == inputs_.end()) {  // the schema refuses this; a Scenario built in code might not
      throw Error(scenario.correlations.front().where,
                  msg("'{}' er korreleret, men har intet interval",
                      "'{}' is correlated but has no range", copula_.inputs[j]));
    }
    member_[static_cast<size_t>(at - inputs_.begin())] = j;
    copula_input_.push_back(static_cast<size_t>(at - inputs_.begin()));
  }
  z_.resize(copula_.inputs.size());
}

double InputDraws::Shape::at(const Quantity& q, double u) const {
  switch (kind) {
    case kFixed:
      return value;
    case kUniform:
      return lo + u * width;
    case kTriangular: {
      // quantile()'s two branches with one square root and selects instead of a jump: u falls on
      // either side at random, so a jump would be mispredicted about half the time. The same
      // operations on the same numbers, so the same result to the bit.
      bool left = u < split;
      double near = u * width * below, far = (1 - u) * width * above;
      double root = std::sqrt(left ? near : far);
      return left ? lo + root : hi - root;
    }
    case kOther:
      break;
  }
  return quantile(q, u);
}

void InputDraws::draw(uint64_t seed, uint64_t draw, std::vector<double>& values) {
  size_t n = inputs_.size();
  values.resize(n);
  first_.resize(n);
  uint64_t key = RandomStream::draw_key(seed, draw);
  first_uniforms(key, n, first_.data());
  triangular_quantiles(n, first_.data(), lo_.data(), hi_.data(), width_.data(), below_.data(),
                       above_.data(), split_.data(), values.data());
  for (size_t k : one_by_one_) {
    const Shape& shape = shapes_[k];
    if (shape.kind == Shape::kOther) {  // PERT draws more than one number: sample() does
      RandomStream random = RandomStream::of_input(key, k);
      values[k] = sample(*inputs_[k], random);
    } else {
      values[k] = shape.at(*inputs_[k], first_[k]);
    }
  }
  if (z_.empty())
    return;
  // The copula's inputs: from the first number of each one's stream, overwriting the above.
  for (size_t j = 0; j < z_.size(); ++j)
    z_[j] = normal_quantile(first_[copula_input_[j]]);
  correlated_uniforms(copula_, z_, u_);
  for (size_t j = 0; j < z_.size(); ++j)
    values[copula_input_[j]] = shapes_[copula_input_[j]].at(*inputs_[copula_input_[j]], u_[j]);
}

}  // namespace ungegaranti
