#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <vector>

namespace ungegaranti {

/// The values of [first, first + n) at the 0-based ranks `ranks` (each < n) of their ascending
/// order: exactly what std::nth_element would put at those places, without sorting or reordering
/// the range. `lo` and `hi` are the smallest and the largest of the values, none of them NaN.
///
/// The values are counted into kBuckets buckets by floor((x - lo) x kBuckets / (hi - lo)), a map
/// that never decreases with x (each of its steps rounds monotonically), so the values of a bucket
/// are the order statistics from the bucket's first rank to its last. A rank's value is then found
/// by nth_element among the values of its bucket alone, which a second pass gathers: two passes
/// over the values, where nth_element for three percentiles reads them about three times and
/// moves them. Below kMinBucketed values, or where the buckets cannot be formed (all values equal,
/// or a range too wide or too narrow for the division), it is nth_element on a copy.
template <typename T, size_t K>
std::array<double, K> order_statistics(const T* first, size_t n, double lo, double hi,
                                       const std::array<size_t, K>& ranks) {
  constexpr size_t kBuckets = 4096;
  constexpr size_t kMinBucketed = 16384;
  std::array<double, K> out{};
  if (K == 0 || n == 0)
    return out;
  double scale = static_cast<double>(kBuckets) / (hi - lo);
  if (n < kMinBucketed || !(hi > lo) || !(scale > 0) || !std::isfinite(scale)) {
    std::vector<T> copy(first, first + n);
    for (size_t k = 0; k < K; ++k) {
      auto at = copy.begin() + static_cast<std::ptrdiff_t>(ranks[k]);
      std::nth_element(copy.begin(), at, copy.end());
      out[k] = static_cast<double>(*at);
    }
    return out;
  }
  auto bucket = [lo, scale](T value) {
    return std::min(kBuckets - 1, static_cast<size_t>((static_cast<double>(value) - lo) * scale));
  };
  std::vector<size_t> start(kBuckets + 1, 0);  // counts, then each bucket's first rank
  for (size_t i = 0; i < n; ++i)
    ++start[bucket(first[i]) + 1];
  for (size_t b = 0; b < kBuckets; ++b)
    start[b + 1] += start[b];
  // Each rank's bucket, and a slot for each distinct bucket wanted.
  std::array<size_t, K> in_bucket{};
  std::vector<signed char> slot(kBuckets, -1);
  std::array<std::vector<T>, K> held;
  size_t slots = 0;
  for (size_t k = 0; k < K; ++k) {
    auto after = std::upper_bound(start.begin(), start.end(), ranks[k]);
    size_t b = static_cast<size_t>(after - start.begin()) - 1;
    in_bucket[k] = b;
    if (slot[b] < 0) {
      slot[b] = static_cast<signed char>(slots);
      held[slots++].reserve(start[b + 1] - start[b]);
    }
  }
  for (size_t i = 0; i < n; ++i) {
    signed char s = slot[bucket(first[i])];
    if (s >= 0)
      held[static_cast<size_t>(s)].push_back(first[i]);
  }
  for (size_t k = 0; k < K; ++k) {
    size_t b = in_bucket[k];
    std::vector<T>& values = held[static_cast<size_t>(slot[b])];
    auto at = values.begin() + static_cast<std::ptrdiff_t>(ranks[k] - start[b]);
    std::nth_element(values.begin(), at, values.end());
    out[k] = static_cast<double>(*at);
  }
  return out;
}

}  // namespace ungegaranti
