#include "ungegaranti/monte_carlo.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

#include "scenario_text.hpp"
#include "ungegaranti/assumptions.hpp"
#include "ungegaranti/cost.hpp"
#include "ungegaranti/economics.hpp"
#include "ungegaranti/load.hpp"
#include "ungegaranti/monte_carlo_table.hpp"
#include "ungegaranti/order_statistics.hpp"
#include "ungegaranti/projection.hpp"
#include "ungegaranti/sampling.hpp"
#include "ungegaranti/table.hpp"

using ungegaranti::Distribution;
using ungegaranti::Quantity;
using ungegaranti::RandomStream;
using ungegaranti::Tier;

namespace {

Quantity ranged(double value, double low, double high, Distribution dist) {
  Quantity q;
  q.value = value;
  q.low = low;
  q.high = high;
  q.dist = dist;
  return q;
}

// Mean and the share below `cut` of 40.000 draws.
std::pair<double, double> moments(const Quantity& q, double cut) {
  double sum = 0, below = 0;
  constexpr int kN = 40000;
  for (int i = 0; i < kN; ++i) {
    RandomStream random(7, static_cast<uint64_t>(i), 0);
    double x = ungegaranti::sample(q, random);
    REQUIRE(x >= *q.low);
    REQUIRE(x <= *q.high);
    sum += x;
    below += x < cut ? 1 : 0;
  }
  return {sum / kN, below / kN};
}

}  // namespace

TEST_CASE("draws follow their distribution (means and shares by the formulas)") {
  // Uniform on [0, 10]: mean 5, P(x < 2) = 0.2.
  auto [u_mean, u_below] = moments(ranged(5, 0, 10, Distribution::kUniform), 2);
  CHECK(u_mean == doctest::Approx(5).epsilon(0.01));
  CHECK(u_below == doctest::Approx(0.2).epsilon(0.03));
  // Triangular 0, 2, 10: mean (0 + 2 + 10) / 3 = 4; P(x < 2) = (2 - 0) / (10 - 0) = 0.2.
  auto [t_mean, t_below] = moments(ranged(2, 0, 10, Distribution::kTriangular), 2);
  CHECK(t_mean == doctest::Approx(4).epsilon(0.01));
  CHECK(t_below == doctest::Approx(0.2).epsilon(0.03));
  // PERT 0, 2, 10: mean (0 + 4 x 2 + 10) / 6 = 3.
  auto [p_mean, p_below] = moments(ranged(2, 0, 10, Distribution::kPert), 2);
  CHECK(p_mean == doctest::Approx(3).epsilon(0.01));
  // Normal with [90, 110] as the 5th-95th percentile around 100: symmetric, so mean 100 and half
  // below 100 (the truncation at the percentiles is symmetric too).
  auto [n_mean, n_below] = moments(ranged(100, 90, 110, Distribution::kNormal), 100);
  CHECK(n_mean == doctest::Approx(100).epsilon(0.001));
  CHECK(n_below == doctest::Approx(0.5).epsilon(0.03));
  // Lognormal with [1, 100] as the 5th-95th percentile: the median is sqrt(1 x 100) = 10.
  auto [l_mean, l_below] = moments(ranged(10, 1, 100, Distribution::kLognormal), 10);
  CHECK(l_below == doctest::Approx(0.5).epsilon(0.03));
}

TEST_CASE("the normal quantile function") {
  CHECK(ungegaranti::normal_quantile(0.5) == doctest::Approx(0).epsilon(1e-9));
  CHECK(ungegaranti::normal_quantile(0.95) == doctest::Approx(1.6448536269514722).epsilon(1e-8));
  CHECK(ungegaranti::normal_quantile(0.01) == doctest::Approx(-2.3263478740408408).epsilon(1e-8));
  // uniform() gives exactly 1 for one pattern in 2^53 (x = 2^53 - 1: (x + 0.5) 2^-53 = 1 - 2^-54
  // rounds to 1). Its quantile is that of 1 - 2^-54, i.e. minus the quantile of 2^-54, which
  // Phi^-1(2^-54) = -8.29 (Phi(-8.29) = 5.6e-17 = 2^-54 to two digits); not NaN, as log(0) gave.
  double at_one = ungegaranti::normal_quantile(1.0);
  CHECK(at_one == -ungegaranti::normal_quantile(0x1p-54));
  CHECK(at_one == doctest::Approx(8.29).epsilon(0.01));
  CHECK(ungegaranti::normal_quantile(0.0) == -at_one);
}

TEST_CASE("a draw's numbers depend only on (seed, draw, input)") {
  RandomStream a(1, 5, 3), b(1, 5, 3), c(2, 5, 3), d(1, 6, 3);
  double x = a.uniform();
  CHECK(x == b.uniform());
  CHECK(x != c.uniform());
  CHECK(x != d.uniform());
  CHECK(a.uniform() != x);  // the stream moves on
  RandomStream e = RandomStream::of_input(RandomStream::draw_key(1, 5), 3);
  CHECK(e.uniform() == x);  // the same stream, with the draw's part worked out once
  CHECK(RandomStream::first_of(RandomStream::draw_key(1, 5), 3) == x);  // its first number alone
  RandomStream future(1, 5, ~uint64_t{0});  // the Monte Carlo's future stream
  CHECK(RandomStream::first_of(RandomStream::draw_key(1, 5), ~uint64_t{0}) == future.uniform());
}

TEST_CASE("the first pass turns 64 random bits into uniform()'s number, to the bit") {
  // uniform()'s number is (double(bits >> 11) + 0.5) * 2^-53: x = bits >> 11 has 53 bits, so
  // x + 0.5 is exact for x < 2^52 and rounds to even above (2^52 + 0.5 -> 2^52, 2^53 - 0.5 ->
  // 2^53). The first pass's AVX2 form builds the same number from x's bit pattern; the edges of
  // both halves, the top bit alone, every single bit, and a spread of mixed patterns.
  std::vector<uint64_t> bits = {0,
                                1,
                                0x7FF,
                                0x800,
                                uint64_t{1} << 63,
                                (uint64_t{1} << 63) - 1,
                                (uint64_t{1} << 63) | 0x800,
                                (uint64_t{1} << 63) | 0x7FF,
                                ~uint64_t{0},
                                ~uint64_t{0} - 0x800,
                                0x8000000000000800ull,
                                0x7FFFFFFFFFFFF800ull};
  for (int b = 0; b < 64; ++b)
    bits.push_back(uint64_t{1} << b);
  uint64_t x = 0x243F6A8885A308D3ull;  // a spread of patterns: a 64-bit LCG (Knuth's MMIX)
  for (int i = 0; i < 4000; ++i) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    bits.push_back(x);
  }
  std::vector<double> got(bits.size());
  ungegaranti::detail::units_from_bits(bits.data(), bits.size(), got.data());
  for (size_t i = 0; i < bits.size(); ++i) {
    CAPTURE(bits[i]);
    double want = (static_cast<double>(bits[i] >> 11) + 0.5) * 0x1.0p-53;
    CHECK(std::memcmp(&got[i], &want, sizeof want) == 0);
  }
  // The rounding at the top, worked out by hand: x = 2^53 - 1 gives 2^53 - 0.5, which rounds to
  // the even 2^53, so the number is 1; x = 2^52 gives 2^52 + 0.5 -> 2^52, so 1/2.
  CHECK(got[8] == 1.0);
  CHECK(got[4] == 0.5);
  CHECK(got[0] == 0x1.0p-54);  // x = 0: 0.5 * 2^-53
}

TEST_CASE("the first pass's streams give first_of()'s numbers for any key, to the bit") {
  // The first pass mixes each stream's key and counter in SIMD lanes (64-bit multiplies from
  // 32-bit products with AVX2, vpmullq with AVX-512) and converts the bits to a double (from the
  // bit pattern with AVX2, vcvtuqq2pd with AVX-512); the suite runs this in every form. By hand:
  // SplitMix64's finaliser of 0 is 0xE220A8397B1DCDAF (its well-known first output for seed 0),
  // so key 0 and stream 0 give mix(0xE220A8397B1DCDAF + 0xD1B54A32D192ED03) = 0x52492C0C36610EB0,
  // whose top 53 bits are x = 0xA49258186CC21 < 2^52: (x + 0.5) 2^-53 = (2x + 1) 2^-54 exactly.
  uint64_t zero = 0;
  double first = 0;
  ungegaranti::detail::first_uniforms(0, &zero, 1, &first);
  CHECK(first == static_cast<double>(2 * 0xA49258186CC21ull + 1) * 0x1.0p-54);
  CHECK(first == RandomStream::first_of(0, 0));
  // Against the scalar form on many keys: n from 1 to 9 streams (a padding lane or none), the
  // streams' numbers spread over all 64 bits, and the keys too (a 64-bit LCG, Knuth's MMIX).
  uint64_t x = 0x13198A2E03707344ull;
  auto next = [&x] { return x = x * 6364136223846793005ull + 1442695040888963407ull; };
  std::vector<uint64_t> index;
  std::vector<double> got;
  for (int i = 0; i < 3000; ++i) {
    uint64_t key = next();
    size_t n = 1 + static_cast<size_t>(i % 9);
    index.resize(n);
    for (size_t k = 0; k < n; ++k)
      index[k] = (i & 1) != 0 ? next() : k;  // any stream, or a scenario's 0, 1, 2, ...
    got.assign(n, -1.0);
    ungegaranti::detail::first_uniforms(key, index.data(), n, got.data());
    for (size_t k = 0; k < n; ++k) {
      CAPTURE(key);
      CAPTURE(index[k]);
      double want = RandomStream::first_of(key, index[k]);
      CHECK(std::memcmp(&got[k], &want, sizeof want) == 0);
    }
  }
}

TEST_CASE("InputDraws draws each independent input as sample() does, to the bit") {
  // InputDraws works each distribution's constants out once and takes the triangular's two
  // branches without a jump; the numbers must still be sample()'s on the input's own stream. The
  // default scenario's inputs (139) without its correlations, each given every distribution in
  // turn (PERT goes through sample()).
  ungegaranti::Scenario s =
      ungegaranti::parse_scenario(ungegaranti::builtin_scenario_text(), "builtin");
  s.correlations.clear();
  for (Distribution dist : {Distribution::kNone, Distribution::kTriangular, Distribution::kUniform,
                            Distribution::kPert, Distribution::kNormal, Distribution::kLognormal}) {
    CAPTURE(static_cast<int>(dist));
    ungegaranti::Scenario d = s;
    for (const Quantity* q : ungegaranti::all_quantities(s)) {
      // A lognormal needs low > 0 (the schema says so); those inputs keep their own.
      if (q->low && q->high && (dist != Distribution::kLognormal || *q->low > 0)) {
        for (Quantity* copy : ungegaranti::quantities_at(d, q->path))
          copy->dist = dist;
      }
    }
    ungegaranti::InputDraws draws(d);
    REQUIRE(draws.correlated() == 0);
    REQUIRE(!draws.inputs().empty());
    std::vector<double> values;
    for (uint64_t i = 0; i < 200; ++i) {
      draws.draw(5, i, values);
      for (size_t k = 0; k < values.size(); ++k) {
        RandomStream random(5, i, k);
        CHECK(values[k] == ungegaranti::sample(*draws.inputs()[k], random));
      }
    }
    // An input worked out alone (the Monte Carlo's staged calibrations read the moving baseline
    // transitions so), one draw at a time and four draws in lanes: draw()'s numbers.
    std::array<std::vector<double>, 4> each;
    std::array<uint64_t, 4> keys{};
    for (uint64_t i = 0; i < 200; i += 4) {
      for (size_t l = 0; l < 4; ++l) {
        keys[l] = RandomStream::draw_key(5, i + l);
        draws.draw(5, i + l, each[l]);
      }
      for (size_t k = 0; k < each[0].size(); ++k) {
        CAPTURE(k);
        REQUIRE(draws.alone(k));
        std::array<double, 4> lanes{};
        draws.values_alone(keys.data(), k, lanes.data());
        for (size_t l = 0; l < 4; ++l) {
          CHECK(draws.value_alone(keys[l], k) == each[l][k]);
          CHECK(lanes[l] == each[l][k]);
        }
      }
    }
  }
}

TEST_CASE("Monte Carlo: the same seed gives the same result for any number of threads") {
  std::string text = kHandScenario;
  text.replace(text.find("annual_cost: 500000"), 19,
               "annual_cost: {value: 500000, low: 400000, high: 600000}");
  auto s = ungegaranti::parse_scenario(text, "t.yaml");
  auto one = ungegaranti::monte_carlo(s, nullptr, 400, 42, 1);
  auto two = ungegaranti::monte_carlo(s, nullptr, 400, 42, 2);
  auto four = ungegaranti::monte_carlo(s, nullptr, 400, 42, 4);
  auto other = ungegaranti::monte_carlo(s, nullptr, 400, 43, 2);
  CHECK(one == two);
  CHECK(one == four);
  CHECK(one.models[1].cost != other.models[1].cost);
  CHECK(one.inputs == 1);
  CHECK(one.failed == 0);
  // Solv's cost is linear in the annual cost (3.36 kr. per krone, cost_test.cpp): its spread is
  // the triangular 400.000-500.000-600.000 scaled, centred on 2.067.650 kr. with a standard
  // deviation of 3.36 x 100.000 / sqrt(6) = 137.000 kr.; 400 draws give the mean and median to
  // within about 10.000 kr., and the 5th percentile near 2.067.650 - 3.36 x 68.400 = 1.838.000.
  CHECK(one.models[1].cost.mean == doctest::Approx(2067650).epsilon(0.01));
  CHECK(one.models[1].cost.p50 == doctest::Approx(2067650).epsilon(0.01));
  CHECK(one.models[1].cost.p5 == doctest::Approx(1838000).epsilon(0.02));
  CHECK(one.models[1].cost.p5 < one.models[1].cost.p50);
  CHECK(one.models[1].cost.p95 > one.models[1].cost.p50);
  CHECK_FALSE(one.models[1].neet.has_value());  // no projection section
}

TEST_CASE("Monte Carlo with every range zero-width equals the deterministic chain exactly") {
  auto s = ungegaranti::parse_scenario(ungegaranti::builtin_scenario_text(), "builtin");
  auto data = ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
  int ranged = 0;
  for (const Quantity* q : ungegaranti::all_quantities(s)) {
    if (!q->low || !q->high)
      continue;
    ++ranged;
    for (Quantity* copy : ungegaranti::quantities_at(s, q->path)) {
      copy->low = copy->value;
      copy->high = copy->value;
    }
  }
  REQUIRE(ranged > 20);  // the default scenario's ranges are all collapsed
  // Without the futures of the backtest (tests/verdict_test.cpp draws them), every draw is the
  // deterministic chain.
  auto mc = ungegaranti::monte_carlo(s, &data, 64, 42, 2, {}, /*futures=*/false);
  CHECK(mc.failed == 0);
  CHECK(mc.inputs == ranged);

  std::vector<Tier> tiers(ungegaranti::kAllTiers.begin(), ungegaranti::kAllTiers.end());
  auto p = ungegaranti::project(s, data, tiers, ungegaranti::economics_last_year(s), false);
  auto e = ungegaranti::compute_economics(s, p);
  REQUIRE(mc.models.size() == 3);
  for (size_t t = 0; t < 3; ++t) {
    const auto& m = mc.models[t];
    CAPTURE(ungegaranti::tier_id(m.tier));
    double cost = 0;
    for (const auto& row : ungegaranti::compute_cost(s, m.tier))
      cost += row.dkk;
    const auto& path = p.models[t];
    REQUIRE(path.tier == m.tier);
    const auto& at = path.years.at(static_cast<size_t>(path.horizon - p.base_year));
    for (const auto& [spread, expected] :
         {std::pair{m.cost, cost}, std::pair{*m.neet, at.share_pct},
          std::pair{*m.rank, static_cast<double>(at.all.rank)},
          std::pair{*m.npv, e.models[t].npv[ungegaranti::kForAll]}}) {
      CHECK(spread.p5 == expected);
      CHECK(spread.p50 == expected);
      CHECK(spread.p95 == expected);
      CHECK(spread.mean == doctest::Approx(expected).epsilon(1e-12));  // a sum of 64 equal terms
    }
    CHECK(*m.p_target_met == (path.met ? 1.0 : 0.0));
  }
  // Every draw of a model is the same, so one bin holds all 64 of them; the bins run from the
  // lowest model's share to the highest's.
  REQUIRE(mc.neet_histogram);
  const auto& h = *mc.neet_histogram;
  double lowest =
      std::min({mc.models[0].neet->p50, mc.models[1].neet->p50, mc.models[2].neet->p50});
  CHECK(h.lo == lowest);
  for (const auto& counts : h.counts)
    CHECK(std::count(counts.begin(), counts.end(), 64) == 1);
}

TEST_CASE("Monte Carlo: the NEET histogram counts every computed draw once, in shared bins") {
  auto s = ungegaranti::parse_scenario(ungegaranti::builtin_scenario_text(), "builtin");
  auto data = ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
  auto mc = ungegaranti::monte_carlo(s, &data, 300, 7, 2);
  REQUIRE(mc.neet_histogram);
  const auto& h = *mc.neet_histogram;
  REQUIRE(h.counts.size() == 3);
  CHECK(h.width > 0);
  double lowest = 1e300, highest = -1e300;
  for (size_t t = 0; t < 3; ++t) {
    CHECK(h.counts[t].size() == static_cast<size_t>(ungegaranti::kNeetHistogramBins));
    int total = 0;
    for (int c : h.counts[t])
      total += c;
    CHECK(total == mc.draws - mc.failed);
    lowest = std::min(lowest, mc.models[t].neet->p5);
    highest = std::max(highest, mc.models[t].neet->p95);
  }
  // The bins run from the lowest draw to the highest, so they hold every model's P5-P95.
  CHECK(h.lo <= lowest);
  CHECK(h.lo + h.width * ungegaranti::kNeetHistogramBins >= highest);
}

TEST_CASE("order_statistics() gives a full sort's values at the ranks asked, for any spread") {
  // Values from a fixed generator (a 64-bit LCG, top 53 bits) shaped six ways, 50.000 of them
  // (4.096 buckets), 3.000 (1.024 buckets: the bucketed form starts at 1.024 values, with about
  // four values a bucket below 16.384) and 1.000 (the nth_element form): each rank's value must be
  // the sorted copy's value at that rank, exactly.
  uint64_t state = 12345;
  auto uniform = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) * 0x1p-53;
  };
  auto check = [](const std::vector<double>& values) {
    std::vector<double> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    size_t n = values.size();
    std::array<size_t, 7> ranks = {0, n / 20, n / 20 + 1, n / 2, n / 2 + 1, n - n / 20, n - 1};
    auto got =
        ungegaranti::order_statistics(values.data(), n, sorted.front(), sorted.back(), ranks);
    for (size_t k = 0; k < ranks.size(); ++k) {
      CAPTURE(ranks[k]);
      CHECK(got[k] == sorted[ranks[k]]);
    }
  };
  for (size_t n : {size_t{50000}, size_t{3000}, size_t{1000}}) {
    CAPTURE(n);
    std::vector<double> values(n);
    for (double& x : values)  // uniform on [-3e7, 5e7): an NPV's scale
      x = -3e7 + 8e7 * uniform();
    check(values);
    for (double& x : values)  // a long tail: most values in the lowest bucket
      x = std::pow(uniform(), 40.0) * 1e9;
    check(values);
    for (double& x : values)  // whole numbers with many ties (as the ranks are)
      x = std::floor(uniform() * 7) + 60;
    check(values);
    for (double& x : values)  // a range of a few units in the last place
      x = 10.5 + std::floor(uniform() * 5) * 0x1p-49;
    check(values);
    for (double& x : values)  // the widest range: the buckets cannot be formed
      x = uniform() < 0.5 ? -1e308 : 1e308;
    check(values);
    std::fill(values.begin(), values.end(), 11.25);  // all equal
    check(values);
  }
  // 16-bit ranks, as the Monte Carlo keeps them.
  std::vector<uint16_t> ranks(40000);
  for (uint16_t& r : ranks)
    r = static_cast<uint16_t>(1 + uniform() * 97);
  std::vector<uint16_t> sorted = ranks;
  std::sort(sorted.begin(), sorted.end());
  std::array<size_t, 3> at = {1999, 20000, 38000};
  auto got =
      ungegaranti::order_statistics(ranks.data(), ranks.size(), sorted.front(), sorted.back(), at);
  for (size_t k = 0; k < at.size(); ++k)
    CHECK(got[k] == sorted[at[k]]);
}

TEST_CASE("order_statistics() takes the ranks in any order, repeated, in each of its forms") {
  // The ranks asked out of order and one of them twice; each must be the sorted copy's value at
  // that rank, in the order asked. Doubles by selection on a copy (1.000 values) and in buckets
  // (30.000); 16-bit whole numbers counted per value (a range of 97, the ranks among the
  // municipalities, 1.000 and 30.000 values) and, where the range is wider than both 4.096 and
  // the count, by selection (1.000 values from 0 to 65.535).
  uint64_t state = 777;
  auto uniform = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) * 0x1p-53;
  };
  auto check = [](const auto& values) {
    auto sorted = values;
    std::sort(sorted.begin(), sorted.end());
    size_t n = values.size();
    std::array<size_t, 7> ranks = {n - 1, n / 2 + 1, 0, n / 2, n / 20, n / 2, 1};
    auto got = ungegaranti::order_statistics(values.data(), n, static_cast<double>(sorted.front()),
                                             static_cast<double>(sorted.back()), ranks);
    for (size_t k = 0; k < ranks.size(); ++k) {
      CAPTURE(ranks[k]);
      CHECK(got[k] == static_cast<double>(sorted[ranks[k]]));
    }
  };
  for (size_t n : {size_t{1000}, size_t{30000}}) {
    CAPTURE(n);
    std::vector<double> values(n);
    for (double& x : values)
      x = -3e7 + 8e7 * uniform();
    check(values);
    std::vector<uint16_t> ranks(n);
    for (uint16_t& r : ranks)
      r = static_cast<uint16_t>(1 + uniform() * 97);
    check(ranks);
  }
  std::vector<uint16_t> wide(1000);
  for (uint16_t& r : wide)
    r = static_cast<uint16_t>(uniform() * 65536);
  check(wide);
}

TEST_CASE("order_statistics_in_place() gives order_statistics()'s values, in each of its forms") {
  // The same ranks of the same values, to the bit, where the values may be reordered: doubles by
  // selection (300 values) and in buckets (3.000 and 30.000), the widest range and all equal
  // (selection), 16-bit whole numbers counted per value and, in a range wider than both 4.096 and
  // the count, by selection. What is left is the same values in some order.
  uint64_t state = 4242;
  auto uniform = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) * 0x1p-53;
  };
  auto check = [](const auto& values) {
    size_t n = values.size();
    auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    std::array<size_t, 6> ranks = {n / 20, n / 20 + 1, n / 2, n / 2 + 1, n - n / 20, n - 1};
    auto want = ungegaranti::order_statistics(values.data(), n, static_cast<double>(*lo),
                                              static_cast<double>(*hi), ranks);
    auto scratch = values;
    auto got = ungegaranti::order_statistics_in_place(scratch.data(), n, static_cast<double>(*lo),
                                                      static_cast<double>(*hi), ranks);
    for (size_t k = 0; k < ranks.size(); ++k) {
      CAPTURE(ranks[k]);
      CHECK(std::memcmp(&got[k], &want[k], sizeof(double)) == 0);
    }
    auto sorted = values;
    std::sort(sorted.begin(), sorted.end());
    std::sort(scratch.begin(), scratch.end());
    CHECK(scratch == sorted);
  };
  for (size_t n : {size_t{300}, size_t{3000}, size_t{30000}}) {
    CAPTURE(n);
    std::vector<double> values(n);
    for (double& x : values)
      x = -3e7 + 8e7 * uniform();
    check(values);
    for (double& x : values)
      x = uniform() < 0.5 ? -1e308 : 1e308;
    check(values);
    std::fill(values.begin(), values.end(), 11.25);
    check(values);
    std::vector<uint16_t> ranks(n);
    for (uint16_t& r : ranks)
      r = static_cast<uint16_t>(1 + uniform() * 97);
    check(ranks);
  }
  std::vector<uint16_t> wide(1000);
  for (uint16_t& r : wide)
    r = static_cast<uint16_t>(uniform() * 65536);
  check(wide);
}

TEST_CASE("Monte Carlo: draws that fail are in neither the histogram nor the percentiles") {
  // The share of 16-year-olds in education drawn between 0,20 and 0,999: where few start in
  // education, no factor on the flows into NEET reproduces the observed share, and the draw fails
  // (about one in seven with seed 1). The percentiles compact the kept values in place; the
  // histogram must count the draws that were computed, each once, and not what compaction left
  // behind at the end of a column.
  std::string text(ungegaranti::builtin_scenario_text());
  std::string from = "education: { value: 0.93, low: 0.90, high: 0.96";
  REQUIRE(text.find(from) != std::string::npos);
  text.replace(text.find(from), from.size(), "education: { value: 0.93, low: 0.20, high: 0.999");
  auto s = ungegaranti::parse_scenario(text, "builtin");
  auto data = ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
  auto mc = ungegaranti::monte_carlo(s, &data, 400, 1, 2);
  REQUIRE(mc.failed > 20);
  REQUIRE(mc.failed < 200);
  REQUIRE(mc.neet_histogram);
  for (const auto& counts : mc.neet_histogram->counts) {
    int total = 0;
    for (int c : counts)
      total += c;
    CHECK(total == mc.draws - mc.failed);
  }
}

TEST_CASE("each distribution's sample mean and variance match theory, within limits set by N") {
  // N draws; the sample mean's standard error is sqrt(var / N) and the sample variance's at most
  // var x sqrt(2 / N) for a shape whose kurtosis is at most 3 (the normal's), which holds for all
  // five (bounded or truncated). Five standard errors: a false alarm has odds of about 1 in 10^6.
  constexpr int kN = 40000;
  struct Case {
    const char* name;
    Quantity q;
    bool in_logs;  // test ln(x) (the lognormal)
    double mean, variance;
  };
  // Truncating a normal at +-z (z = 1.6448536, the 5th and 95th percentiles) leaves the variance
  // sigma^2 (1 - 2 z phi(z) / (2 Phi(z) - 1)) = 0.623017 sigma^2.
  const double kept = 1 - 2 * 1.6448536269514722 * 0.10313564037537128 / 0.9;
  const double sigma_normal = 20 / (2 * 1.6448536269514722);
  const double sigma_log = std::log(100.0) / (2 * 1.6448536269514722);
  const Case cases[] = {
      {"uniform 0-10", ranged(5, 0, 10, Distribution::kUniform), false, 5, 100.0 / 12},
      // (a^2 + b^2 + c^2 - ab - ac - bc) / 18 with a = 0, c = 2, b = 10: 84 / 18.
      {"triangular 0, 2, 10", ranged(2, 0, 10, Distribution::kTriangular), false, 4, 84.0 / 18},
      // PERT: (mean - a)(b - mean) / 7 = 3 x 7 / 7.
      {"PERT 0, 2, 10", ranged(2, 0, 10, Distribution::kPert), false, 3, 3},
      {"normal 90-110", ranged(100, 90, 110, Distribution::kNormal), false, 100,
       sigma_normal * sigma_normal * kept},
      {"lognormal 1-100 (in logs)", ranged(10, 1, 100, Distribution::kLognormal), true,
       std::log(10.0), sigma_log * sigma_log * kept},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.name));
    double mean = 0, m2 = 0;  // Welford
    for (int i = 0; i < kN; ++i) {
      RandomStream random(11, static_cast<uint64_t>(i), 3);
      double x = ungegaranti::sample(c.q, random);
      if (c.in_logs)
        x = std::log(x);
      double delta = x - mean;
      mean += delta / (i + 1);
      m2 += delta * (x - mean);
    }
    double variance = m2 / (kN - 1);
    CHECK(std::abs(mean - c.mean) < 5 * std::sqrt(c.variance / kN));
    CHECK(std::abs(variance - c.variance) < 5 * c.variance * std::sqrt(2.0 / kN));
  }
}

TEST_CASE(
    "Monte Carlo of the whole chain: the same for 1, 2 and 4 threads, with or without progress") {
  auto s = ungegaranti::parse_scenario(ungegaranti::builtin_scenario_text(), "builtin");
  auto data = ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
  auto one = ungegaranti::monte_carlo(s, &data, 203, 5, 1);
  std::vector<std::pair<int, int>> calls;
  auto two = ungegaranti::monte_carlo(
      s, &data, 203, 5, 2, [&](int done, int total) { calls.emplace_back(done, total); });
  auto four = ungegaranti::monte_carlo(s, &data, 203, 5, 4);
  CHECK(one == two);
  CHECK(one == four);
  REQUIRE(one.models.size() == 3);
  CHECK(one.models[0].neet);
  CHECK(one.models[0].p_target_met);
  // Progress is reported from the calling thread, never backwards, and ends with every draw.
  REQUIRE_FALSE(calls.empty());
  CHECK(calls.back() == std::pair{203, 203});
  for (size_t i = 1; i < calls.size(); ++i)
    CHECK(calls[i - 1].first <= calls[i].first);
}

TEST_CASE("Monte Carlo percentiles are PERCENTILE.INC of every draw, worked out with a full sort") {
  std::string text = kHandScenario;
  text.replace(text.find("annual_cost: 500000"), 19,
               "annual_cost: {value: 500000, low: 400000, high: 600000, dist: uniform}");
  auto s = ungegaranti::parse_scenario(text, "t.yaml");
  for (int draws : {1, 2, 37, 400}) {
    CAPTURE(draws);
    auto mc = ungegaranti::monte_carlo(s, nullptr, draws, 9, 2);
    // By hand: the one input (input 0) drawn as draw i does, then the cost engine.
    std::vector<double> cost;
    double sum = 0;
    for (int i = 0; i < draws; ++i) {
      auto d = s;
      RandomStream random(9, static_cast<uint64_t>(i), 0);
      d.roles[0].annual_cost.value = ungegaranti::sample(s.roles[0].annual_cost, random);
      double c = 0;
      for (const auto& row : ungegaranti::compute_cost(d, Tier::kSolv))
        c += row.dkk;
      cost.push_back(c);
      sum += c;
    }
    std::sort(cost.begin(), cost.end());
    auto inc = [&](double p) {  // PERCENTILE.INC
      double pos = p * static_cast<double>(cost.size() - 1);
      size_t i = static_cast<size_t>(pos);
      return i + 1 < cost.size()
                 ? cost[i] + (pos - static_cast<double>(i)) * (cost[i + 1] - cost[i])
                 : cost[i];
    };
    const auto& solv = mc.models[1].cost;
    CHECK(solv.p5 == inc(0.05));
    CHECK(solv.p50 == inc(0.5));
    CHECK(solv.p95 == inc(0.95));
    CHECK(solv.mean == sum / draws);  // summed in draw order
  }
}

namespace {

// kHandScenario with ranges on both roles' annual cost, and `correlations` appended.
std::string correlated_scenario(const std::string& correlations) {
  std::string text = kHandScenario;
  text.replace(text.find("annual_cost: 500000"), 19,
               "annual_cost: {value: 500000, low: 400000, high: 600000, dist: uniform}");
  text.replace(text.find("annual_cost: 1000000"), 20,
               "annual_cost: {value: 1000000, low: 800000, high: 1200000, dist: uniform}");
  return text + correlations;
}

// Spearman's rank correlation of x and y (no ties: continuous draws).
double spearman(std::vector<double> x, std::vector<double> y) {
  auto ranks = [](const std::vector<double>& v) {
    std::vector<size_t> order(v.size());
    for (size_t i = 0; i < order.size(); ++i)
      order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return v[a] < v[b]; });
    std::vector<double> r(v.size());
    for (size_t i = 0; i < order.size(); ++i)
      r[order[i]] = static_cast<double>(i);
    return r;
  };
  std::vector<double> rx = ranks(x), ry = ranks(y);
  double n = static_cast<double>(x.size()), d2 = 0;
  for (size_t i = 0; i < rx.size(); ++i)
    d2 += (rx[i] - ry[i]) * (rx[i] - ry[i]);
  return 1 - 6 * d2 / (n * (n * n - 1));
}

}  // namespace

TEST_CASE("correlated inputs: the copula gives the rank correlation of its rho") {
  using ungegaranti::Correlation;
  // Two uniform inputs with rho 0.8: their normal scores have correlation 0.8, so their rank
  // correlation is (6 / pi) asin(0.8 / 2) = 0.7859 (the Gaussian copula's).
  ungegaranti::Copula copula = ungegaranti::copula_of({Correlation{{"a", "b"}, 0.8, "", {}, {}}});
  REQUIRE(copula.inputs == std::vector<std::string>{"a", "b"});
  CHECK(copula.smallest_eigenvalue == doctest::Approx(0.2));
  Quantity a = ranged(5, 0, 10, Distribution::kUniform);
  Quantity b = ranged(2, 0, 10, Distribution::kTriangular);
  std::vector<double> xs, ys, z(2), u;
  constexpr int kN = 20000;
  for (int i = 0; i < kN; ++i) {
    for (uint64_t k = 0; k < 2; ++k)
      z[k] = ungegaranti::normal_quantile(RandomStream(3, static_cast<uint64_t>(i), k).uniform());
    ungegaranti::correlated_uniforms(copula, z, u);
    xs.push_back(ungegaranti::quantile(a, u[0]));
    ys.push_back(ungegaranti::quantile(b, u[1]));
  }
  // The standard error of Spearman's rho near 0.8 with 20.000 pairs is about 0.003.
  CHECK(spearman(xs, ys) == doctest::Approx(6 / M_PI * std::asin(0.4)).epsilon(0.02));

  // rho = 1: the same uniform for both, so equal ranges give equal values in every draw.
  ungegaranti::Copula same = ungegaranti::copula_of({Correlation{{"a", "b"}, 1.0, "", {}, {}}});
  for (int i = 0; i < 100; ++i) {
    for (uint64_t k = 0; k < 2; ++k)
      z[k] = ungegaranti::normal_quantile(RandomStream(4, static_cast<uint64_t>(i), k).uniform());
    ungegaranti::correlated_uniforms(same, z, u);
    CHECK(ungegaranti::quantile(a, u[0]) == doctest::Approx(ungegaranti::quantile(a, u[1])));
  }
  // Three inputs pairwise at -0.9 cannot be: the smallest eigenvalue is 1 - 2 x 0.9 < 0.
  CHECK(ungegaranti::copula_of({Correlation{{"a", "b", "c"}, -0.9, "", {}, {}}})
            .smallest_eigenvalue == doctest::Approx(-0.8));
}

TEST_CASE("quantile() inverts each distribution, PERT through the Beta distribution function") {
  // Beta(2, 3) at 0.5: I = 11/16 (by the binomial sum 1 - sum_{j<2} C(4,j) 0.5^4).
  CHECK(ungegaranti::beta_cdf(2, 3, 0.5) == doctest::Approx(11.0 / 16).epsilon(1e-12));
  // The mean over an even grid of probabilities is the distribution's mean (PERT 0, 2, 10: 3).
  for (const auto& [q, mean] : {std::pair{ranged(2, 0, 10, Distribution::kPert), 3.0},
                                std::pair{ranged(2, 0, 10, Distribution::kTriangular), 4.0},
                                std::pair{ranged(5, 0, 10, Distribution::kUniform), 5.0}}) {
    double sum = 0;
    constexpr int kGrid = 4000;
    for (int i = 0; i < kGrid; ++i)
      sum += ungegaranti::quantile(q, (i + 0.5) / kGrid);
    CHECK(sum / kGrid == doctest::Approx(mean).epsilon(1e-4));
  }
  // sample() draws the single-number shapes through quantile(): the same stream, the same value.
  for (Distribution d : {Distribution::kUniform, Distribution::kTriangular, Distribution::kNormal,
                         Distribution::kLognormal}) {
    Quantity q = ranged(10, 1, 100, d);
    RandomStream one(8, 1, 2), two(8, 1, 2);
    CHECK(ungegaranti::sample(q, one) == ungegaranti::quantile(q, two.uniform()));
  }
}

TEST_CASE("Monte Carlo: salaries that move together, drawn the same for any threads") {
  auto independent = ungegaranti::parse_scenario(correlated_scenario(""), "t.yaml");
  auto together = ungegaranti::parse_scenario(
      correlated_scenario("uncertainty:\n  correlations:\n"
                          "    - { inputs: [roles.cw.annual_cost, roles.chief.annual_cost], rho: 1,"
                          " note: salaries move together }\n"),
      "t.yaml");
  REQUIRE(together.correlations.size() == 1);
  CHECK(together.correlations[0].note == "salaries move together");
  // In every draw both salaries sit at the same quantile of their ranges (rho = 1); without the
  // correlation they do not, and an input outside the copula keeps its own stream.
  ungegaranti::InputDraws tied(together), free(independent);
  REQUIRE(tied.inputs().size() == 2);
  CHECK(tied.correlated() == 2);
  CHECK(free.correlated() == 0);
  std::vector<double> v, w;
  int apart = 0;
  for (uint64_t i = 0; i < 200; ++i) {
    tied.draw(7, i, v);
    CHECK((v[0] - 400000) / 200000 == doctest::Approx((v[1] - 800000) / 400000).epsilon(1e-12));
    free.draw(7, i, w);
    apart += std::abs((w[0] - 400000) / 200000 - (w[1] - 800000) / 400000) > 0.01 ? 1 : 0;
    RandomStream own(7, i, 0);  // the independent draw is sample() on input 0's own stream
    CHECK(w[0] == ungegaranti::sample(independent.roles[0].annual_cost, own));
  }
  CHECK(apart > 150);
  // An input that --set gives a plain value is not drawn: it leaves its group, and a group of one
  // correlates nothing.
  auto plain = ungegaranti::parse_scenario(
      correlated_scenario(
          "uncertainty:\n  correlations:\n"
          "    - { inputs: [roles.cw.annual_cost, roles.chief.annual_cost], rho: 1 }\n"),
      "t.yaml", {"roles.cw.annual_cost=550000"});
  REQUIRE(plain.correlations.size() == 1);
  CHECK(plain.correlations[0].inputs == std::vector<std::string>{"roles.chief.annual_cost"});
  ungegaranti::InputDraws alone(plain);
  CHECK(alone.inputs().size() == 1);
  CHECK(alone.correlated() == 0);
  auto b1 = ungegaranti::monte_carlo(together, nullptr, 500, 7, 1);
  auto b2 = ungegaranti::monte_carlo(together, nullptr, 500, 7, 2);
  auto b4 = ungegaranti::monte_carlo(together, nullptr, 500, 7, 4);
  CHECK(b1 == b2);
  CHECK(b1 == b4);
  std::vector<ungegaranti::Table> tables =
      ungegaranti::monte_carlo_tables(together, b1, ungegaranti::Lang::kEn);
  CHECK(tables.front().notes.front().find("2 of them correlated in 1 group ") != std::string::npos);
}

TEST_CASE("InputDraws draws the copula's inputs as its functions do, to the bit") {
  // The default scenario's correlation group (six roles' annual costs, rho 0.7) with the members
  // given each kind of shape InputDraws tells apart (triangular and uniform worked out in place,
  // normal through quantile()). The reference is the method's steps one by one through the public
  // functions: z_j = normal_quantile(u) of the first number of member j's own stream, u =
  // correlated_uniforms(copula, z), and the member's quantile() at u_j; every other input is
  // sample() on its own stream.
  ungegaranti::Scenario s =
      ungegaranti::parse_scenario(ungegaranti::builtin_scenario_text(), "builtin");
  REQUIRE(s.correlations.size() == 1);
  for (Distribution dist : {Distribution::kNone, Distribution::kUniform, Distribution::kNormal}) {
    CAPTURE(static_cast<int>(dist));
    ungegaranti::Scenario d = s;
    for (const std::string& path : s.correlations[0].inputs) {
      for (Quantity* copy : ungegaranti::quantities_at(d, path))
        copy->dist = dist;
    }
    ungegaranti::InputDraws draws(d);
    ungegaranti::Copula copula = ungegaranti::copula_of(d.correlations);
    REQUIRE(draws.correlated() == 6);
    REQUIRE(copula.inputs.size() == 6);
    std::vector<size_t> member;  // per copula input, its index in inputs()
    for (const std::string& path : copula.inputs) {
      for (size_t k = 0; k < draws.inputs().size(); ++k) {
        if (draws.inputs()[k]->path == path)
          member.push_back(k);
      }
    }
    REQUIRE(member.size() == 6);
    std::vector<double> values, z(6), u;
    for (uint64_t i = 0; i < 300; ++i) {
      draws.draw(9, i, values);
      REQUIRE(values.size() == draws.inputs().size());
      for (size_t j = 0; j < 6; ++j)
        z[j] = ungegaranti::normal_quantile(RandomStream(9, i, member[j]).uniform());
      ungegaranti::correlated_uniforms(copula, z, u);
      std::vector<double> want(values.size());
      for (size_t k = 0; k < values.size(); ++k) {
        RandomStream random(9, i, k);
        want[k] = ungegaranti::sample(*draws.inputs()[k], random);
      }
      for (size_t j = 0; j < 6; ++j)
        want[member[j]] = ungegaranti::quantile(*draws.inputs()[member[j]], u[j]);
      for (size_t k = 0; k < values.size(); ++k)
        CHECK(values[k] == want[k]);
      // Only the inputs outside the copula can be worked out alone.
      for (size_t k = 0; k < values.size(); ++k) {
        bool member_k = std::find(member.begin(), member.end(), k) != member.end();
        CHECK(draws.alone(k) == !member_k);
        if (!member_k)
          CHECK(draws.value_alone(RandomStream::draw_key(9, i), k) == values[k]);
      }
    }
  }
}

TEST_CASE("InputDraws::draw_bound writes each value to its place and nothing else, to the bit") {
  // The Monte Carlo binds each input to its quantity in a thread's copy of the scenario. Places
  // with a gap between them (holding a sentinel) show that the padding of the last group of four
  // lanes writes nowhere else: 1 input, 2, and all of the default scenario's.
  std::string one = kHandScenario;
  one.replace(one.find("annual_cost: 500000"), 19,
              "annual_cost: {value: 500000, low: 400000, high: 600000}");
  for (const ungegaranti::Scenario& s :
       {ungegaranti::parse_scenario(one, "t.yaml"),
        ungegaranti::parse_scenario(correlated_scenario(""), "t.yaml"),
        ungegaranti::parse_scenario(ungegaranti::builtin_scenario_text(), "builtin")}) {
    ungegaranti::InputDraws draws(s), bound(s);
    size_t n = draws.inputs().size();
    CAPTURE(n);
    constexpr double kSentinel = -12345.5;
    std::vector<double> places(2 * n + 1, kSentinel), values;
    std::vector<double*> where(n);
    for (size_t k = 0; k < n; ++k)
      where[k] = &places[2 * k + 1];
    bound.bind(where);
    for (uint64_t i = 0; i < 50; ++i) {
      CHECK(bound.draw_bound(3, i) == RandomStream::draw_key(3, i));
      draws.draw(3, i, values);
      for (size_t k = 0; k < n; ++k) {
        CHECK(places[2 * k + 1] == values[k]);
        CHECK(places[2 * k] == kSentinel);
      }
      CHECK(places[2 * n] == kSentinel);
    }
  }
}

TEST_CASE("Monte Carlo in bounded memory: the same percentiles, counts and histogram exactly") {
  auto s = ungegaranti::parse_scenario(ungegaranti::builtin_scenario_text(), "builtin");
  auto data = ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
  constexpr int kDraws = 1500;
  auto kept = ungegaranti::monte_carlo(s, &data, kDraws, 11, 2);  // every draw kept
  // Bounded: blocks of 128 draws (12 blocks, the last one short), a pilot of about 100 draws.
  // With margin 0 the brackets are as narrow as the pilot allows, so that ranks fall outside
  // them and the extra passes run; with the default margin they do not.
  for (double margin : {5.0, 0.0}) {
    CAPTURE(margin);
    ungegaranti::MonteCarloMemory small{100, 128, 100, margin};
    auto one = ungegaranti::monte_carlo(s, &data, kDraws, 11, 1, {}, true, small);
    auto two = ungegaranti::monte_carlo(s, &data, kDraws, 11, 2, {}, true, small);
    std::vector<std::pair<int, int>> calls;
    auto five = ungegaranti::monte_carlo(
        s, &data, kDraws, 11, 5, [&](int done, int total) { calls.emplace_back(done, total); },
        true, small);
    CHECK(one == two);  // the block sums make even the means independent of the threads
    CHECK(one == five);
    REQUIRE_FALSE(calls.empty());
    CHECK(calls.back() == std::pair{kDraws, kDraws});
    for (size_t i = 1; i < calls.size(); ++i)
      CHECK(calls[i - 1].first <= calls[i].first);
    CHECK(one.failed == kept.failed);
    CHECK(one.without_future == kept.without_future);
    CHECK(one.neet_histogram == kept.neet_histogram);
    REQUIRE(one.models.size() == 3);
    for (size_t t = 0; t < 3; ++t) {
      CAPTURE(t);
      const auto& a = one.models[t];
      const auto& b = kept.models[t];
      CHECK(a.p_target_met == b.p_target_met);
      CHECK(a.p_target_met_without == b.p_target_met_without);
      CHECK(a.p_cheapest == b.p_cheapest);
      auto same = [](const ungegaranti::Spread& x, const ungegaranti::Spread& y) {
        CHECK(x.p5 == y.p5);  // exact: the same order statistics
        CHECK(x.p50 == y.p50);
        CHECK(x.p95 == y.p95);
        // The mean sums blocks of draws instead of all draws in order: the last bits may differ.
        CHECK(x.mean == doctest::Approx(y.mean).epsilon(1e-12));
      };
      same(a.cost, b.cost);
      REQUIRE(a.neet);
      REQUIRE(b.neet);
      same(*a.neet, *b.neet);
      REQUIRE(a.rank);
      same(*a.rank, *b.rank);
      REQUIRE(a.npv);
      same(*a.npv, *b.npv);
    }
  }
}
