#pragma once

#include <cstdint>

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
  /// Uniform on the open interval (0, 1).
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

/// The standard normal quantile function (Acklam's approximation, relative error below 1.2e-9).
double normal_quantile(double p);

}  // namespace ungegaranti
