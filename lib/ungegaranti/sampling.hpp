#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "ungegaranti/scenario.hpp"

namespace ungegaranti {

/// A counter-based random stream: the k-th number of stream (seed, draw, input) depends only on
/// those four integers, so a Monte Carlo draw gives the same numbers in any thread and any order.
class RandomStream {
 public:
  RandomStream(uint64_t seed, uint64_t draw, uint64_t input);
  /// The stream of RandomStream(seed, draw, input), from draw_key(seed, draw) worked out once
  /// for all the inputs of a draw.
  static uint64_t draw_key(uint64_t seed, uint64_t draw);
  static RandomStream of_input(uint64_t draw_key, uint64_t input);
  /// The first number of that stream, of_input(draw_key, input).uniform(), in one call.
  static double first_of(uint64_t draw_key, uint64_t input);
  /// Uniform on (0, 1): (x + 0.5) 2^-53 for 53 random bits x, which is never 0, and is 1 (x + 0.5
  /// rounded to the even 2^53) for one x in 2^53.
  double uniform();

 private:
  explicit RandomStream(uint64_t key) : key_(key) {}
  uint64_t key_;
  uint64_t counter_ = 0;
};

/// A value of `quantity` drawn from its range by its `dist` (docs/method.md): uniform; triangular
/// with its mode at `value`; PERT (a Beta on [low, high] with mode `value`, shape 4); normal or
/// lognormal with [low, high] as the 5th-95th percentile, truncated to [low, high]. A quantity
/// without a range gives its value.
double sample(const Quantity& quantity, RandomStream& random);

/// The value of `quantity` at probability `u` of its distribution (the inverse of its distribution
/// function), for u in (0, 1): what sample() draws with one uniform number for uniform, triangular,
/// normal and lognormal; PERT by inverting the Beta distribution function. A quantity without a
/// range gives its value.
double quantile(const Quantity& quantity, double u);

/// The regularized incomplete Beta function I_x(a, b), the Beta(a, b) distribution function.
double beta_cdf(double a, double b, double x);

/// The inputs that `uncertainty.correlations` ties together, as one correlation matrix C over
/// `inputs` (in order of first mention) and a factor L with L L^T = C (from C's eigenvalues, so
/// that rho = 1 works too). `smallest_eigenvalue` < 0 means no inputs can have these
/// correlations. A pair given twice takes the last rho (the schema refuses that).
struct Copula {
  std::vector<std::string> inputs;
  std::vector<double> factor;  // n x n, row-major
  double smallest_eigenvalue = 1.0;
};
Copula copula_of(const std::vector<Correlation>& groups);

/// Correlated uniform numbers u = Phi(L z) from independent standard normal numbers z, one per
/// input of the copula (docs/method.md); `u` is resized to match.
void correlated_uniforms(const Copula& copula, const std::vector<double>& z,
                         std::vector<double>& u);

namespace detail {
/// Four inputs side by side as InputDraws' first pass reads them (structure of arrays): each one's
/// triangular constants (lo, hi, width, below, above, split; zeros for the inputs of other kinds
/// and for the lanes that pad the inputs to whole groups), its input number (its stream's), and
/// where its value goes; the pass writes each one's first uniform number into `first`. One block
/// per group, so that the pass walks one pointer.
struct InputGroup {
  double constants[6][4];
  uint64_t index[4];
  double* where[4];
  double first[4];
};

/// The first uniform number of the streams index[0..n) of the draw whose key is `key` (each one
/// RandomStream::first_of(key, index[i])) as InputDraws' first pass works them out, in the form
/// that runs here (scalar, AVX2 or AVX-512): for tests, to the bit against first_of()'s.
void first_uniforms(uint64_t key, const uint64_t* index, size_t n, double* out);

/// RandomStream::uniform()'s number from 64 random bits, for bits[0..n), in the form the first
/// pass uses (the AVX2 one where it runs): for tests, to the bit against uniform()'s.
void units_from_bits(const uint64_t* bits, size_t n, double* out);
}  // namespace detail

/// Draws every uncertain input of a scenario (a quantity with low and high, in the order of
/// all_quantities()): each from its own stream (seed, draw, input), or, for the inputs of
/// `uncertainty.correlations`, through the copula from the first number of each one's stream. A
/// draw's values depend only on (seed, draw). Not thread-safe (it keeps scratch space and where
/// its values go): one per thread.
class InputDraws {
 public:
  explicit InputDraws(const Scenario& scenario);
  const std::vector<const Quantity*>& inputs() const { return inputs_; }
  /// The number of inputs drawn through the copula.
  size_t correlated() const { return copula_.inputs.size(); }
  /// Draw `draw`'s value of every input, in the order of inputs(). Allocates: for tests and tools;
  /// the Monte Carlo uses bind() and draw_bound().
  void draw(uint64_t seed, uint64_t draw, std::vector<double>& values);
  /// Where draw_bound() writes each input's value: input k's to *where[k], e.g. the quantity's
  /// own value in a thread's copy of the scenario, so that a draw's values go straight where they
  /// are used. `where` has one place per input; a copy of this object writes to the same places.
  void bind(const std::vector<double*>& where);
  /// Draw `draw`'s value of every input into the places bind() gave (the same values as draw()).
  /// Returns the draw's key, RandomStream::draw_key(seed, draw), from which the draw's other
  /// streams follow (RandomStream::of_input).
  uint64_t draw_bound(uint64_t seed, uint64_t draw);
  /// Whether input k is drawn from its own stream alone (not through the copula), so that
  /// value_alone() can work it out.
  bool alone(size_t k) const;
  /// Input k's value in the draw whose key is `key` (draw_bound()'s), worked out on its own: the
  /// same number draw_bound() writes for it. Only for an input alone().
  double value_alone(uint64_t key, size_t k) const;
  /// value_alone() in four draws at once: out[l] for keys[l] (in AVX2 lanes where it can).
  void values_alone(const uint64_t* keys, size_t k, double* out) const;

 private:
  // Each input's distribution with its constants worked out once: uniform and triangular are
  // drawn here with the same operations as quantile(); the others call sample() or quantile().
  struct Shape {
    enum Kind { kFixed, kUniform, kTriangular, kOther } kind = kOther;
    double value = 0, lo = 0, hi = 0, width = 0, below = 0, above = 0, split = 0;
    double at(const Quantity& q, double u) const;
    // A triangular's constants into lane 0 of a group of four (`c`); nothing for the others.
    void lay_out(double* c) const;
  };
  void draw_to(uint64_t key);
  std::vector<const Quantity*> inputs_;
  std::vector<Shape> shapes_;
  // Every input's triangular constants, stream number and place in groups of four (the last one
  // padded), so that one pass over the inputs works out each stream's first uniform number and its
  // triangular quantile and writes it to its place, in SIMD lanes where the processor has them;
  // then the inputs of other kinds one by one.
  std::vector<detail::InputGroup> groups_;
  std::vector<size_t> one_by_one_;  // the inputs that are not triangular
  std::vector<double*> places_;     // bind()'s places (empty before bind())
  // Input k's places in groups_: where its value goes, and its first uniform number.
  double*& where(size_t k) { return groups_[k / 4].where[k % 4]; }
  double first(size_t k) const { return groups_[k / 4].first[k % 4]; }
  // Each input's value to *where[k], a padding lane to where lane 0 of its group writes.
  void place(const std::vector<double*>& where);
  Copula copula_;
  std::vector<size_t> copula_input_;       // per copula input: its index in inputs_
  std::vector<double> copula_lanes_;       // their triangular constants, as a group holds them
  std::vector<size_t> copula_one_by_one_;  // the copula inputs (j) that are not triangular
  // Per copula input: its group and lane in groups_ (where its first uniform number is), and,
  // set by place(), where its value goes.
  std::vector<std::pair<uint32_t, uint32_t>> copula_slot_;
  std::vector<double*> copula_where_;
  std::vector<double> factor_t_;  // the copula's factor transposed, rows padded to `stride_`
  size_t stride_ = 0;
  // Scratch, padded to `stride_`: each copula input's own u, Phi^-1(u), L z, the copula's u and
  // its triangular quantile.
  std::vector<double> p_, z_, y_, u_, value_;
};

/// The standard normal distribution function.
double normal_cdf(double x);

/// The standard normal quantile function (Acklam's approximation, relative error below 1.2e-9).
double normal_quantile(double p);

}  // namespace ungegaranti
