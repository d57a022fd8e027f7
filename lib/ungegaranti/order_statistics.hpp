#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <type_traits>
#include <vector>

namespace ungegaranti {

namespace detail {
/// The values at the 0-based ranks ranks[0..m) (ascending, distinct, each < n) of v[0..n)'s
/// ascending order into got[0..m), by selection on v itself, which it reorders: each rank in what
/// is left above the one before (every value there is at least as large as the ones found), by
/// nth_element, or, for the rank right after the one before (a percentile's second value), as the
/// smallest of what is left, which is then swapped to its place. nth_element over the whole range
/// for every rank reads it K times; this reads less each time.
template <typename T>
void select_ascending(T* v, size_t n, const size_t* ranks, size_t m, T* got) {
  size_t from = 0;  // v[from, n) holds the order statistics from rank `from` up, in some order
  for (size_t k = 0; k < m; ++k) {
    size_t r = ranks[k];
    if (r == from)
      std::iter_swap(v + from, std::min_element(v + from, v + n));
    else
      std::nth_element(v + from, v + r, v + n);
    got[k] = v[r];
    from = r + 1;
  }
}

/// `ranks` sorted ascending without repeats (at most K), and for each of the K ranks asked its
/// place among them.
template <size_t K>
struct SortedRanks {
  explicit SortedRanks(const std::array<size_t, K>& ranks) {
    std::array<size_t, K> order{};
    for (size_t k = 0; k < K; ++k)
      order[k] = ranks[k];
    std::sort(order.begin(), order.end());
    for (size_t k = 0; k < K; ++k) {
      if (m == 0 || order[k] != unique[m - 1])
        unique[m++] = order[k];
    }
    for (size_t k = 0; k < K; ++k)
      place[k] = static_cast<size_t>(
          std::lower_bound(unique.begin(), unique.begin() + m, ranks[k]) - unique.begin());
  }
  std::array<size_t, K> unique{}, place{};
  size_t m = 0;
};

// order_statistics(), and order_statistics_in_place() where Value is not const.
template <typename Value, size_t K>
std::array<double, K> order_statistics(Value* first, size_t n, double lo, double hi,
                                       const std::array<size_t, K>& ranks) {
  using T = std::remove_const_t<Value>;
  constexpr size_t kBuckets = 4096;
  constexpr size_t kMinBucketed = 1024;
  std::array<double, K> out{};
  if (K == 0 || n == 0)
    return out;
  const detail::SortedRanks<K> sorted(ranks);
  // Whole numbers in a range no wider than the buckets or the count (the ranks among the
  // municipalities): counted per value, and each rank's value read off the running count.
  if constexpr (std::is_integral_v<T>) {
    if (hi >= lo && hi - lo < static_cast<double>(std::max(kBuckets, n))) {
      auto low = static_cast<long long>(lo);
      std::vector<size_t> count(static_cast<size_t>(hi - lo) + 1, 0);
      for (size_t i = 0; i < n; ++i)
        ++count[static_cast<size_t>(static_cast<long long>(first[i]) - low)];
      std::array<double, K> at{};
      size_t seen = 0, v = 0;
      for (size_t k = 0; k < sorted.m; ++k) {
        while (seen + count[v] <= sorted.unique[k])
          seen += count[v++];
        at[k] = static_cast<double>(low + static_cast<long long>(v));
      }
      for (size_t k = 0; k < K; ++k)
        out[k] = at[sorted.place[k]];
      return out;
    }
  }
  // About four values a bucket below 16.384 values, so that counting the buckets costs less than
  // the values' own passes.
  const size_t buckets = std::min(kBuckets, std::bit_ceil(n / 4));
  double scale = static_cast<double>(buckets) / (hi - lo);
  if (n < kMinBucketed || !(hi > lo) || !(scale > 0) || !std::isfinite(scale)) {
    std::array<T, K> got{};
    if constexpr (std::is_const_v<Value>) {
      std::vector<T> copy(first, first + n);
      detail::select_ascending(copy.data(), n, sorted.unique.data(), sorted.m, got.data());
    } else {
      detail::select_ascending(first, n, sorted.unique.data(), sorted.m, got.data());
    }
    for (size_t k = 0; k < K; ++k)
      out[k] = static_cast<double>(got[sorted.place[k]]);
    return out;
  }
  // (x - lo) x scale is from 0 to about `buckets`: its conversion through a signed integer (one
  // instruction, where one to size_t is several) gives the same whole number.
  auto bucket = [lo, scale, buckets](T value) {
    auto b = static_cast<long long>((static_cast<double>(value) - lo) * scale);
    return std::min(buckets - 1, static_cast<size_t>(b));
  };
  std::vector<size_t> start(buckets + 1, 0);  // counts, then each bucket's first rank
  for (size_t i = 0; i < n; ++i)
    ++start[bucket(first[i]) + 1];
  for (size_t b = 0; b < buckets; ++b)
    start[b + 1] += start[b];
  // Each rank's bucket (the ranks ascending, as `sorted` has them), and a slot for each distinct
  // bucket wanted.
  std::array<size_t, K> in_bucket{};
  std::vector<signed char> slot(buckets, -1);
  std::array<std::vector<T>, K> held;
  size_t slots = 0;
  for (size_t k = 0; k < sorted.m; ++k) {
    auto after = std::upper_bound(start.begin(), start.end(), sorted.unique[k]);
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
  // In each bucket held, its ranks relative to the bucket's first rank; the ranks ascending give
  // each bucket's ones one after the other.
  std::array<double, K> at{};
  for (size_t k = 0; k < sorted.m;) {
    size_t b = in_bucket[k], m = 0;
    std::array<size_t, K> mine{};
    for (; k + m < sorted.m && in_bucket[k + m] == b; ++m)
      mine[m] = sorted.unique[k + m] - start[b];
    std::vector<T>& values = held[static_cast<size_t>(slot[b])];
    std::array<T, K> got{};
    detail::select_ascending(values.data(), values.size(), mine.data(), m, got.data());
    for (size_t i = 0; i < m; ++i)
      at[k + i] = static_cast<double>(got[i]);
    k += m;
  }
  for (size_t k = 0; k < K; ++k)
    out[k] = at[sorted.place[k]];
  return out;
}
}  // namespace detail

/// The values of [first, first + n) at the 0-based ranks `ranks` (each < n) of their ascending
/// order: exactly what std::nth_element would put at those places, without sorting or reordering
/// the range (of values that compare equal, such as -0 and +0, any may come out). `lo` and `hi`
/// are the smallest and the largest of the values, none of them NaN.
///
/// The values are counted into B buckets by floor((x - lo) x B / (hi - lo)), a map
/// that never decreases with x (each of its steps rounds monotonically), so the values of a bucket
/// are the order statistics from the bucket's first rank to its last. A rank's value is then found
/// by selection among the values of its bucket alone, which a second pass gathers: two passes
/// over the values, where nth_element for three percentiles reads them about three times and
/// moves them. B is 4.096, or about a quarter of the values below 16.384 of them, so that the
/// buckets cost less than the values' passes. Below kMinBucketed values (1.024), or where the
/// buckets cannot be formed (all values equal, or a range too wide or too narrow for the division),
/// it is selection on a copy (detail::select_ascending: the ranks in ascending order, each in what
/// is left above the one before). Whole numbers (T integral) in a range narrower than kBuckets or n
/// are counted per value instead, and each rank's value read off the running count.
///
/// order_statistics_in_place() is the same on values it may reorder: where this selects on a copy,
/// it selects on the values themselves (the same selection on the same sequence: the same
/// values, without the copy).
template <typename T, size_t K>
std::array<double, K> order_statistics(const T* first, size_t n, double lo, double hi,
                                       const std::array<size_t, K>& ranks) {
  return detail::order_statistics(first, n, lo, hi, ranks);
}

/// order_statistics() on [first, first + n), which it may leave in another order.
template <typename T, size_t K>
std::array<double, K> order_statistics_in_place(T* first, size_t n, double lo, double hi,
                                                const std::array<size_t, K>& ranks) {
  return detail::order_statistics(first, n, lo, hi, ranks);
}

}  // namespace ungegaranti
