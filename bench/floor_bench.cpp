// What a Monte Carlo draw costs before its chain: the time of the parts that every output
// depends on to the bit and that no change to the chain can take away, against the whole
// Monte Carlo, on the default scenario.
//
//   - whole: monte_carlo() itself (as `sensitivity --draws N`, without the start and the tables);
//   - sampling: each draw's 139 inputs drawn into a thread's copy of the scenario, as the Monte
//     Carlo's workers draw them (InputDraws::draw_bound(), and the copies of inputs at two places);
//   - powers: the powers a draw works out of its drawn rates (the index factors of the two
//     indexation rates and each year's discount factor, by integer_powers(), and the persistence
//     factor, by pow()), with the same calls as the chain, after the sampling of the same draws:
//     (sampling + powers) - sampling; and, for comparison, the same powers each by its own call
//     to pow(), as the chain worked them out before integer_powers().
//
// Each is the median of RUNS runs, on THREADS threads (the parts: each thread its share of the
// draws, in one piece). The outputs pin the random numbers (the goldens hold the draws) and
// the powers to glibc's pow()'s doubles (the chain's results are compared to the bit), so the two
// are a floor under any faster chain that keeps every output the same, but for faster ways to the
// same numbers.
//
//   cmake --build --preset release --target ungegaranti-floor-bench
//   build/release/ungegaranti-floor-bench [DRAWS [THREADS [RUNS]]]     default 1000000 2 5
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "ungegaranti/assumptions.hpp"
#include "ungegaranti/cost.hpp"
#include "ungegaranti/economics.hpp"
#include "ungegaranti/error.hpp"
#include "ungegaranti/load.hpp"
#include "ungegaranti/monte_carlo.hpp"
#include "ungegaranti/neet_data.hpp"
#include "ungegaranti/sampling.hpp"
#include "ungegaranti/scenario_data.hpp"

namespace ug = ungegaranti;

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Runs work(first, end) for each thread's share of [0, n) and returns the wall time in seconds.
double timed(size_t n, size_t threads, const std::function<void(size_t, size_t)>& work) {
  auto t0 = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (size_t w = 0; w < threads; ++w)
    pool.emplace_back(work, n * w / threads, n * (w + 1) / threads);
  for (std::thread& t : pool)
    t.join();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// A thread's copy of the scenario with the sampler bound to it, as the Monte Carlo's workers
// have them.
struct Worker {
  ug::Scenario d;
  ug::InputDraws sampler;
  std::vector<std::pair<double*, const double*>> copies;

  Worker(const ug::Scenario& s, const ug::InputDraws& inputs) : d(s), sampler(inputs) {
    std::vector<double*> where;
    for (const ug::Quantity* q : inputs.inputs()) {
      std::vector<ug::Quantity*> at = ug::quantities_at(d, q->path);
      where.push_back(&at.front()->value);
      for (size_t c = 1; c < at.size(); ++c)
        copies.emplace_back(&at[c]->value, where.back());
    }
    sampler.bind(where);
  }

  void draw(uint64_t seed, size_t i) {
    sampler.draw_bound(seed, i);
    for (const auto& [to, from] : copies)
      *to = *from;
  }
};

// A draw's powers of its rates, worked out one way or another; returns a sum of them.
using Powers = double (*)(const ug::Scenario& d, std::span<double> factors,
                          std::span<double> discount);

// The powers of a draw whose inputs are in `d`: the same calls, with the same arguments, as
// IndexFactors (index_factors() of each indexation rate) and EconomicsKernel::discounting()
// (discount_factors(), persistence_factor()). Returns a sum, so that none is left out.
double powers(const ug::Scenario& d, std::span<double> factors, std::span<double> discount) {
  double sum = 0;
  for (const double rate : {d.wage_indexation.value, d.other_indexation.value}) {
    ug::index_factors(d, rate, factors);
    sum += factors.back();
  }
  const ug::EconomicsSettings& e = *d.economics;
  ug::discount_factors(e.discount_rate.value, d.first_year - e.discount_to, discount);
  return sum + discount.back() +
         ug::persistence_factor(e.half_life_years.value, e.discount_rate.value);
}

// The same powers, each by its own call to pow() (index_factor(), discount_factor()), as the
// chain worked them out before integer_powers().
double powers_by_pow(const ug::Scenario& d, std::span<double> factors, std::span<double> discount) {
  double sum = 0;
  for (const double rate : {d.wage_indexation.value, d.other_indexation.value}) {
    for (size_t y = 0; y < factors.size(); ++y)
      factors[y] = ug::index_factor(rate, d.price_base, d.first_year + static_cast<int>(y));
    sum += factors.back();
  }
  const ug::EconomicsSettings& e = *d.economics;
  const int offset = d.first_year - e.discount_to;
  for (size_t t = 0; t < discount.size(); ++t)
    discount[t] = ug::discount_factor(e.discount_rate.value, offset + static_cast<int>(t));
  return sum + discount.back() +
         ug::persistence_factor(e.half_life_years.value, e.discount_rate.value);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
    const size_t threads = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 2;
    const int runs = argc > 3 ? std::atoi(argv[3]) : 5;
    const uint64_t seed = 1;
    const ug::Scenario s = ug::parse_scenario(ug::builtin_scenario_text(), "builtin");
    const ug::NeetData data = ug::load_projection_data(s);
    const ug::InputDraws inputs(s);
    const size_t years = static_cast<size_t>(s.year_count);
    const size_t economics_years =
        static_cast<size_t>(ug::economics_last_year(s) - s.first_year + 1);
    std::vector<double> whole, sampling, both, by_pow;
    double keep = 0;  // every result is added here and printed, so that none is left out
    for (int r = 0; r < runs; ++r) {
      auto t0 = std::chrono::steady_clock::now();
      ug::MonteCarloResult result =
          ug::monte_carlo(s, &data, static_cast<int>(n), seed, static_cast<int>(threads));
      whole.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
      keep += result.models.empty() ? 0 : static_cast<double>(result.draws);
      std::vector<double> sums(threads * 8);  // a cache line per thread
      // The draws' sampling on the threads, each draw followed by then() where it is given.
      auto draws_then = [&](Powers then) {
        return timed(n, threads, [&, then](size_t first, size_t end) {
          Worker w(s, inputs);
          std::vector<double> factors(years), discount(economics_years);
          double sum = 0;
          for (size_t i = first; i < end; ++i) {
            w.draw(seed, i);
            sum += w.d.wage_indexation.value + (then ? then(w.d, factors, discount) : 0.0);
          }
          sums[8 * (first * threads / n)] += sum;
        });
      };
      sampling.push_back(draws_then(nullptr));
      both.push_back(draws_then(powers));
      by_pow.push_back(draws_then(powers_by_pow));
      for (double x : sums)
        keep += x;
    }
    const double a = median(whole), b = median(sampling), c = median(both), d = median(by_pow);
    std::printf("%zu draws, %zu threads, medians of %d runs (check %g)\n", n, threads, runs, keep);
    std::printf("  whole Monte Carlo  %8.3f s\n", a);
    std::printf("  sampling           %8.3f s  (%4.1f %% of the whole)\n", b, 100 * b / a);
    std::printf("  powers             %8.3f s  (%4.1f %%)\n", c - b, 100 * (c - b) / a);
    std::printf("  sampling + powers  %8.3f s  (%4.1f %%)\n", c, 100 * c / a);
    std::printf("  (the same powers, each by pow(): %.3f s)\n", d - b);
    std::printf("  the rest           %8.3f s  (%4.1f %%)\n", a - c, 100 * (a - c) / a);
    return 0;
  } catch (const ug::Error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}
