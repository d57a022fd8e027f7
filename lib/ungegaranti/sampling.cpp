#include "ungegaranti/sampling.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <map>

#include "ungegaranti/assumptions.hpp"
#include "ungegaranti/error.hpp"

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
  values.resize(inputs_.size());
  uint64_t key = RandomStream::draw_key(seed, draw);
  for (size_t k = 0; k < inputs_.size(); ++k) {
    if (member_[k] != std::string::npos)
      continue;
    RandomStream random = RandomStream::of_input(key, k);
    // sample() draws one uniform number for every distribution but PERT.
    const Shape& shape = shapes_[k];
    values[k] = shape.kind == Shape::kOther   ? sample(*inputs_[k], random)
                : shape.kind == Shape::kFixed ? shape.value
                                              : shape.at(*inputs_[k], random.uniform());
  }
  if (z_.empty())
    return;
  for (size_t j = 0; j < z_.size(); ++j)
    z_[j] = normal_quantile(RandomStream::of_input(key, copula_input_[j]).uniform());
  correlated_uniforms(copula_, z_, u_);
  for (size_t j = 0; j < z_.size(); ++j)
    values[copula_input_[j]] = shapes_[copula_input_[j]].at(*inputs_[copula_input_[j]], u_[j]);
}

}  // namespace ungegaranti
