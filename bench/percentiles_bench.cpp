// The Monte Carlo's percentiles on one column of 10^6 values: three exact percentiles (P5, P50,
// P95, each with the next order statistic) by nth_element over the whole column, as the Monte
// Carlo did before, and by order_statistics() (counting into buckets). Prints the median of RUNS
// runs of each in ms and checks that both give the same values.
//
//   cmake --build --preset release --target ungegaranti-percentiles-bench
//   build/release/ungegaranti-percentiles-bench [RUNS]      default 15
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "ungegaranti/order_statistics.hpp"

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  int runs = argc > 1 ? std::atoi(argv[1]) : 15;
  constexpr size_t kN = 1000000;
  std::mt19937_64 random(1);
  std::normal_distribution<double> npv(-7.4e7, 1.2e7);  // the scale of a model's NPV
  std::vector<double> column(kN);
  for (double& x : column)
    x = npv(random);
  std::array<size_t, 6> ranks{};
  for (size_t k = 0; k < 3; ++k) {
    size_t i = static_cast<size_t>(std::array{0.05, 0.5, 0.95}[k] * (kN - 1));
    ranks[2 * k] = i;
    ranks[2 * k + 1] = i + 1;
  }
  std::vector<double> old_ms, new_ms;
  std::array<double, 6> by_nth{}, by_buckets{};
  for (int r = 0; r < runs; ++r) {
    std::vector<double> v = column;
    auto t0 = std::chrono::steady_clock::now();
    size_t sorted_to = 0;
    for (size_t k = 0; k < 3; ++k) {
      auto at = v.begin() + static_cast<std::ptrdiff_t>(ranks[2 * k]);
      std::nth_element(v.begin() + static_cast<std::ptrdiff_t>(sorted_to), at, v.end());
      sorted_to = ranks[2 * k] + 1;
      by_nth[2 * k] = *at;
      by_nth[2 * k + 1] = *std::min_element(at + 1, v.end());
    }
    old_ms.push_back(ms_since(t0));
    t0 = std::chrono::steady_clock::now();
    auto [lo, hi] = std::minmax_element(column.begin(), column.end());
    by_buckets = ungegaranti::order_statistics(column.data(), kN, *lo, *hi, ranks);
    new_ms.push_back(ms_since(t0));
  }
  std::printf(
      "10^6 values, median of %d runs: nth_element %.2f ms, order_statistics %.2f ms "
      "(with the min and max), ratio %.1f\n",
      runs, median(old_ms), median(new_ms), median(old_ms) / median(new_ms));
  if (by_nth != by_buckets) {
    std::printf("the two differ\n");
    return 1;
  }
  return 0;
}
