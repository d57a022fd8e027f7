// The verdict on a target against the futures of the backtest (docs/method.md#the-verdict), on a
// small synthetic panel whose projection errors are known by construction.
#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "ungegaranti/assumptions.hpp"
#include "ungegaranti/fast_chain.hpp"
#include "ungegaranti/load.hpp"
#include "ungegaranti/monte_carlo.hpp"
#include "ungegaranti/project_table.hpp"
#include "ungegaranti/projection.hpp"
#include "ungegaranti/sampling.hpp"

using ungegaranti::ModelPath;
using ungegaranti::NeetData;
using ungegaranti::ProjectionResult;
using ungegaranti::Scenario;
using ungegaranti::Target;
using ungegaranti::Tier;
using ungegaranti::Verdict;

namespace {

// Norddjurs (707) and five others, all in DST group 5, 2010-2024. The others never move, so
// their errors are 0 in every future and the thresholds stay where they are: best third of the
// 5 others (K = floor(6 / 3) = 2) is the 2nd lowest, 9,0 %; their mean is 10,0 %.
// Norddjurs holds 10,0 % in 2010-2017 and in 2024; in between it moves, so that under `hold`
// with a one-year base its error 8 years ahead from origin o (observed(o + 8) - observed(o)) is:
//   origin  2010  2011  2012  2013  2014  2015  2016
//   error   +2,0  -1,0  +0,5  +1,5  -0,5  +3,0   0,0     (observed 2018..2024)
const std::vector<double> kSubjectErrors = {2.0, -1.0, 0.5, 1.5, -0.5, 3.0, 0.0};

NeetData panel() {
  NeetData d;
  for (int year = 2010; year <= 2024; ++year)
    d.years.push_back(year);
  std::vector<std::pair<int, double>> others = {
      {101, 8.0}, {102, 9.0}, {103, 10.0}, {104, 11.0}, {105, 12.0}};
  d.municipalities.push_back({707, "Norddjurs", 5, "Landkommuner"});
  std::vector<double> subject(8, 10.0);  // 2010-2017
  for (double e : kSubjectErrors)
    subject.push_back(10.0 + e);  // 2018-2024
  d.shares[707] = subject;
  for (auto [code, share] : others) {
    d.municipalities.push_back({code, "K" + std::to_string(code), 5, "Landkommuner"});
    d.shares[code] = std::vector<double>(15, share);
  }
  d.vintage = "synthetic";
  return d;
}

// The default scenario with a one-year base, the rule the errors above are written for.
Scenario scenario() { return ungegaranti::load_scenario("", {"projection.base_years=1"}); }

const std::vector<Tier> kTiers(ungegaranti::kAllTiers.begin(), ungegaranti::kAllTiers.end());

const ModelPath& model(const ProjectionResult& r, Tier tier) {
  for (const ModelPath& m : r.models) {
    if (m.tier == tier)
      return m;
  }
  FAIL("no such model");
  return r.models.front();
}

// How many of kSubjectErrors e leave share + e at or below threshold.
int count_met(double share, double threshold) {
  int n = 0;
  for (double e : kSubjectErrors)
    n += share + e <= threshold ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("verdict: futures from the backtest, hand-computed on a synthetic panel") {
  NeetData data = panel();
  Scenario s = scenario();
  ProjectionResult r = ungegaranti::project(s, data, kTiers);
  REQUIRE(r.base_year == 2024);
  CHECK(r.observed_base_pct == 10.0);

  for (const ModelPath& m : r.models) {
    CAPTURE(ungegaranti::tier_id(m.tier));
    REQUIRE(m.horizon == 2032);  // 8 years after the data: the futures of origins 2010-2016
    CHECK(m.futures == 7);
    CHECK(m.first_origin == 2010);
    CHECK(m.last_origin == 2016);
  }

  // Bronze: at most the group's average, 10,0 %. Without the guarantee Norddjurs holds 10,0 %,
  // so the target is met already without it; in the futures the baseline meets it when its error
  // is <= 0: -1,0, -0,5 and 0,0, 3 of 7.
  const ModelPath& bronze = model(r, Tier::kBronze);
  CHECK(bronze.threshold_pct == 10.0);
  CHECK(bronze.met_without);
  CHECK(*bronze.p_met_without == doctest::Approx(3.0 / 7));

  // Guld: best third of all, the 2nd lowest of the others, 9,0 %; the baseline 10,0 % misses it
  // centrally, and in the futures it meets it only with an error <= -1,0: 1 of 7.
  const ModelPath& guld = model(r, Tier::kGuld);
  CHECK(guld.threshold_pct == 9.0);
  CHECK_FALSE(guld.met_without);
  CHECK(*guld.p_met_without == doctest::Approx(1.0 / 7));

  // With the guarantee, each model's share at the horizon moves by the same errors.
  for (const ModelPath& m : r.models) {
    CAPTURE(ungegaranti::tier_id(m.tier));
    int met = count_met(m.share_at_horizon_pct, m.threshold_pct);
    CHECK(*m.p_met == doctest::Approx(met / 7.0));
    // The verdict: met centrally and in at least 80 % of the futures is "yes".
    if (!m.met)
      CHECK(m.verdict == Verdict::kNotMet);
    else if (met / 7.0 < 0.8)
      CHECK(m.verdict == Verdict::kUncertain);
    else
      CHECK(m.verdict == Verdict::kMet);
  }
}

TEST_CASE("verdict: the threshold rule in words") {
  NeetData data = panel();
  ProjectionResult r = ungegaranti::project(scenario(), data, kTiers);
  using ungegaranti::Lang;
  // 6 municipalities: the best third is rank 1-2 (floor(6 / 3)); the group's other 5.
  CHECK(ungegaranti::target_rule(Target::kBestThirdAll, r, Lang::kDa) == "placering 1-2 af 6");
  CHECK(ungegaranti::target_rule(Target::kBestThirdGroup, r, Lang::kEn) ==
        "rank 1-2 of 6 in the group");
  CHECK(ungegaranti::target_rule(Target::kGroupAverage, r, Lang::kDa) ==
        "højst gennemsnittet af de 5 andre i gruppen");

  // The default data: rank 1-32 of 98; group 5 has 31 members, rank 1-10.
  auto builtin = ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
  ProjectionResult d = ungegaranti::project(scenario(), builtin, kTiers);
  CHECK(ungegaranti::target_rule(Target::kBestThirdAll, d, Lang::kDa) == "placering 1-32 af 98");
  CHECK(ungegaranti::target_rule(Target::kBestThirdGroup, d, Lang::kDa) ==
        "placering 1-10 af 31 i gruppen");
}

TEST_CASE("verdict: the words say a target met already without the guarantee") {
  NeetData data = panel();
  ProjectionResult r = ungegaranti::project(scenario(), data, kTiers);
  auto notes = ungegaranti::verdict_notes(r, model(r, Tier::kBronze), ungegaranti::Lang::kDa);
  REQUIRE(!notes.empty());
  CHECK(notes.front().find("Målet er nået allerede uden ungegaranti") != std::string::npos);
  CHECK(ungegaranti::verdict_notes(r, model(r, Tier::kGuld), ungegaranti::Lang::kDa).empty() ==
        (model(r, Tier::kGuld).verdict != Verdict::kUncertain));
}

TEST_CASE("verdict: a future drawn by the fast chain equals the direct computation") {
  NeetData data = panel();
  Scenario s = scenario();
  ProjectionResult r = ungegaranti::project(s, data, kTiers, 0, false);
  ungegaranti::FastChain fast(s, &data);
  REQUIRE(fast.has_futures());
  // u picks future floor(7 u): one u inside each of the seven.
  for (int k = 0; k < 7; ++k) {
    CAPTURE(k);
    double u = (k + 0.5) / 7;
    auto quick = fast.evaluate(u);
    auto full = ungegaranti::evaluate_chain(s, &data, u);
    for (const ModelPath& m : r.models) {
      size_t t = static_cast<size_t>(m.tier);
      double share = m.share_at_horizon_pct + kSubjectErrors[static_cast<size_t>(k)];
      CHECK(quick[t].neet == doctest::Approx(share).epsilon(1e-12));
      CHECK(full[t].neet == doctest::Approx(share).epsilon(1e-12));
      CHECK(quick[t].met == (share <= m.threshold_pct ? 1.0 : 0.0));
      CHECK(full[t].met == quick[t].met);
      double baseline = 10.0 + kSubjectErrors[static_cast<size_t>(k)];
      CHECK(quick[t].met_without == (baseline <= m.threshold_pct ? 1.0 : 0.0));
      CHECK(full[t].met_without == quick[t].met_without);
      // Rank among the five fixed others 8, 9, 10, 11, 12: 1 + those strictly lower.
      int lower = 0;
      for (double o : {8.0, 9.0, 10.0, 11.0, 12.0})
        lower += o < quick[t].neet ? 1 : 0;
      CHECK(quick[t].rank == 1 + lower);
      CHECK(full[t].rank == quick[t].rank);
    }
  }
}

TEST_CASE("verdict: the Monte Carlo's P(met) with and without the guarantee follow the futures") {
  NeetData data = panel();
  Scenario s = scenario();
  // Every range collapsed: only the future varies, so every draw is one of the seven futures,
  // picked by the draw's own stream (seed, draw, 2^64 - 1).
  for (const ungegaranti::Quantity* q : ungegaranti::all_quantities(s)) {
    for (ungegaranti::Quantity* copy : ungegaranti::quantities_at(s, q->path)) {
      if (copy->low && copy->high)
        copy->low = copy->high = copy->value;
    }
  }
  constexpr int kDraws = 700;
  ungegaranti::MonteCarloResult mc = ungegaranti::monte_carlo(s, &data, kDraws, 5, 2);
  REQUIRE(mc.futures);
  CHECK(mc.failed == 0);
  std::array<int, 7> picked{};
  for (uint64_t i = 0; i < kDraws; ++i) {
    double u = ungegaranti::RandomStream(5, i, ~uint64_t{0}).uniform();
    ++picked[ungegaranti::Futures::pick(u, 7)];
  }
  ProjectionResult r = ungegaranti::project(s, data, kTiers, 0, false);
  for (const auto& m : mc.models) {
    CAPTURE(ungegaranti::tier_id(m.tier));
    const ModelPath& path = model(r, m.tier);
    int met = 0, met_without = 0;
    for (size_t k = 0; k < 7; ++k) {
      double e = kSubjectErrors[k];
      met += path.share_at_horizon_pct + e <= path.threshold_pct ? picked[k] : 0;
      met_without += 10.0 + e <= path.threshold_pct ? picked[k] : 0;
    }
    CHECK(*m.p_target_met == doctest::Approx(static_cast<double>(met) / kDraws));
    CHECK(*m.p_target_met_without == doctest::Approx(static_cast<double>(met_without) / kDraws));
  }

  // Without the futures, every draw is the central projection.
  ungegaranti::MonteCarloResult central =
      ungegaranti::monte_carlo(s, &data, 50, 5, 2, {}, /*futures=*/false);
  CHECK_FALSE(central.futures);
  for (const auto& m : central.models) {
    const ModelPath& path = model(r, m.tier);
    CHECK(*m.p_target_met == (path.met ? 1.0 : 0.0));
    CHECK(*m.p_target_met_without == (path.met_without ? 1.0 : 0.0));
  }
}

namespace {

// Norddjurs (707) and three others, all in DST group 5, 2010-2024, where the others move too.
// The others sit at 8, 10 and 12 % plus a common shift c(t): 0 in 2010-2017, then
//   year  2018  2019  2020  2021  2022  2023  2024
//   c     +1,0  -0,5   0,0  +2,0  -1,0  +0,5   0,0
// so under `hold` with a one-year base each other's error 8 years ahead from origin
// 2010 + k is c(2018 + k) - 0 = c_k; the subject's is kSubjectErrors[k] = e_k, as in panel().
// Every figure is a multiple of 0,5, so all the sums below are exact in binary.
const std::vector<double> kShifts = {1.0, -0.5, 0.0, 2.0, -1.0, 0.5, 0.0};

NeetData moving_panel() {
  NeetData d;
  for (int year = 2010; year <= 2024; ++year)
    d.years.push_back(year);
  d.municipalities.push_back({707, "Norddjurs", 5, "Landkommuner"});
  std::vector<double> subject(8, 10.0);  // 2010-2017
  for (double e : kSubjectErrors)
    subject.push_back(10.0 + e);  // 2018-2024
  d.shares[707] = subject;
  for (auto [code, level] :
       std::vector<std::pair<int, double>>{{101, 8.0}, {102, 10.0}, {103, 12.0}}) {
    d.municipalities.push_back({code, "K" + std::to_string(code), 5, "Landkommuner"});
    std::vector<double> series(8, level);  // 2010-2017: c = 0
    for (double c : kShifts)
      series.push_back(level + c);  // 2018-2024
    d.shares[code] = series;
  }
  d.vintage = "synthetic";
  return d;
}

}  // namespace

TEST_CASE("verdict: in every future the other municipalities move by their own errors") {
  NeetData data = moving_panel();
  Scenario s = scenario();
  ProjectionResult r = ungegaranti::project(s, data, kTiers);
  REQUIRE(r.base_year == 2024);
  CHECK(r.observed_base_pct == 10.0);

  // Centrally (2024, c = 0) the others are 8, 10, 12. 4 municipalities: the best third is
  // K = floor(4 / 3) = 1, the lowest other, 8,0 % (guld, best third of all; sølv, best third of
  // the group, is the same, as all are in group 5); bronze, the group's average, (8+10+12)/3 = 10.
  const ModelPath& guld = model(r, Tier::kGuld);
  const ModelPath& solv = model(r, Tier::kSolv);
  const ModelPath& bronze = model(r, Tier::kBronze);
  CHECK(guld.threshold_pct == 8.0);
  CHECK(solv.threshold_pct == 8.0);
  CHECK(bronze.threshold_pct == 10.0);

  // Future k: the others are 8 + c_k, 10 + c_k, 12 + c_k; the baseline 10 + e_k. Thresholds:
  // guld = sølv = 8 + c_k, bronze = 10 + c_k.
  //   k      0     1     2     3     4     5     6
  //   e_k   +2,0  -1,0  +0,5  +1,5  -0,5  +3,0   0,0
  //   c_k   +1,0  -0,5   0,0  +2,0  -1,0  +0,5   0,0
  //   e-c   +1,0  -0,5  +0,5  -0,5  +0,5  +2,5   0,0
  // Bronze met without <=> 10 + e <= 10 + c <=> e - c <= 0: k = 1, 3, 6, 3 of 7.
  // Guld and sølv met without <=> 10 + e <= 8 + c <=> e - c <= -2: never, 0 of 7.
  // (Were the others not moved, bronze would count e <= 0: k = 1, 4, 6, and guld e <= -2: none,
  // so the k-by-k checks below tell the two apart at k = 3 and 4.)
  const std::array<bool, 7> kBronzeWithout = {false, true, false, true, false, false, true};
  CHECK(*bronze.p_met_without == doctest::Approx(3.0 / 7));
  CHECK(*guld.p_met_without == 0.0);
  CHECK(*solv.p_met_without == 0.0);

  ProjectionResult direct = ungegaranti::project(s, data, kTiers, 0, false);
  ungegaranti::Futures futures(*s.projection, data, 8, 8);
  ungegaranti::FastChain fast(s, &data);
  REQUIRE(fast.has_futures());
  for (const ModelPath& m : direct.models) {
    CAPTURE(ungegaranti::tier_id(m.tier));
    REQUIRE(m.horizon == 2032);  // distance 8: origins 2010-2016, 7 futures
    CHECK(model(r, m.tier).futures == 7);
    bool bronze_target = m.target == Target::kGroupAverage;
    int met = 0;
    for (size_t k = 0; k < 7; ++k) {
      CAPTURE(k);
      double u = (static_cast<double>(k) + 0.5) / 7;  // picks future floor(7 u) = k
      double e = kSubjectErrors[k], c = kShifts[k];
      double threshold = (bronze_target ? 10.0 : 8.0) + c;
      double share = m.share_at_horizon_pct + e;
      bool met_without = bronze_target ? kBronzeWithout[k] : false;
      met += share <= threshold ? 1 : 0;
      // Rank among the moved others: 1 + those strictly lower.
      int lower = 0;
      for (double o : {8.0 + c, 10.0 + c, 12.0 + c})
        lower += o < share ? 1 : 0;

      auto f = ungegaranti::in_future(s, data, direct, m, futures, u);
      REQUIRE(f);
      CHECK(f->threshold_pct == threshold);
      CHECK(f->share_pct == doctest::Approx(share).epsilon(1e-12));
      REQUIRE(f->met);
      CHECK(*f->met == (share <= threshold));
      REQUIRE(f->met_without);
      CHECK(*f->met_without == met_without);
      CHECK(f->all.rank == 1 + lower);
      CHECK(f->all.of == 4);

      auto quick = fast.evaluate(u);
      size_t t = static_cast<size_t>(m.tier);
      CHECK(quick[t].neet == doctest::Approx(share).epsilon(1e-12));
      CHECK(quick[t].met == (share <= threshold ? 1.0 : 0.0));
      CHECK(quick[t].met_without == (met_without ? 1.0 : 0.0));
      CHECK(quick[t].rank == 1 + lower);
    }
    CHECK(*model(r, m.tier).p_met == doctest::Approx(met / 7.0));
  }
}
