#include "ungegaranti/projection.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>

#include "test_util.hpp"
#include "ungegaranti/load.hpp"
#include "ungegaranti/simd.hpp"

using ungegaranti::NeetData;
using ungegaranti::ProjectionResult;
using ungegaranti::Scenario;
using ungegaranti::Tier;

namespace {

const std::vector<Tier> kTiers(ungegaranti::kAllTiers.begin(), ungegaranti::kAllTiers.end());

NeetData builtin_data() {
  return ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
}

ProjectionResult run(const std::vector<std::string>& sets = {}) {
  Scenario s = ungegaranti::load_scenario("", sets);
  return ungegaranti::project(s, builtin_data(), kTiers);
}

// Transitions of a two-state chain (education and NEET only), so that the steady state can be
// written out by hand: nobody enters or reaches work.
ungegaranti::Transitions two_state(double entry_neet, double dropout, double back) {
  auto q = [](double v) {
    ungegaranti::Quantity x;
    x.value = v;
    return x;
  };
  ungegaranti::Transitions t;
  t.entry_education = q(1 - entry_neet);
  t.entry_employed = q(0);
  t.dropout = q(dropout);
  t.education_to_work.assign(8, q(0));
  t.employed_to_neet = q(0);
  t.employed_to_education = q(0);
  t.neet_to_education = q(back);
  t.neet_to_work = q(0);
  return t;
}

// NEET share per municipality in `year`, read straight from the CSV file, not through the
// library's reader.
std::map<int, double> shares_in(int year) {
  std::ifstream in(source_file("scenarios/data/neet_16_24_kommuner_2010_2024.csv"));
  std::map<int, double> out;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::stringstream fields(line);
    std::string code, name, y, share;
    std::getline(fields, code, ',');
    std::getline(fields, name, ',');
    std::getline(fields, y, ',');
    std::getline(fields, share, ',');
    if (std::stoi(y) == year)
      out[std::stoi(code)] = std::stod(share);
  }
  return out;
}

// The default's base level per municipality: the mean of its 2022, 2023 and 2024 shares
// (projection.base_years: 3), summed in that order.
std::map<int, double> base_shares() {
  std::map<int, double> a = shares_in(2022), b = shares_in(2023), c = shares_in(2024), out;
  for (const auto& [code, share] : a)
    out[code] = (share + b.at(code) + c.at(code)) / 3;
  return out;
}

std::map<int, int> groups() {
  std::ifstream in(source_file("scenarios/data/kommuner_dst_kommunegrupper.csv"));
  std::map<int, int> out;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::stringstream fields(line);
    std::string code, name, group;
    std::getline(fields, code, ',');
    std::getline(fields, name, ',');
    std::getline(fields, group, ',');
    out[std::stoi(code)] = std::stoi(group);
  }
  return out;
}

}  // namespace

TEST_CASE("the steady state of a two-state chain, worked out by hand") {
  // Entry NEET 10 %, dropout 10 %, back to education 50 %, no calibration (factor 1):
  // n16 = 0.1, and n(a+1) = 0.5 n(a) + 0.1 (1 - n(a)) = 0.1 + 0.4 n(a):
  // 0.1, 0.14, 0.156, 0.1624, 0.16496, 0.165984, 0.1663936, 0.16655744, 0.166622976.
  double ages[] = {0.1, 0.14, 0.156, 0.1624, 0.16496, 0.165984, 0.1663936, 0.16655744, 0.166622976};
  double mean = 0;
  for (double n : ages)
    mean += n / 9;
  CHECK(ungegaranti::steady_neet_share(two_state(0.1, 0.1, 0.5), 1.0) ==
        doctest::Approx(mean).epsilon(1e-12));
  // Doubling the flows into NEET: n(a+1) = 0.5 n(a) + 0.2 (1 - n(a)) = 0.2 + 0.3 n(a).
  double n = 0.1, sum = 0.1;
  for (int a = 1; a < 9; ++a) {
    n = 0.2 + 0.3 * n;
    sum += n;
  }
  CHECK(ungegaranti::steady_neet_share(two_state(0.1, 0.1, 0.5), 2.0) ==
        doctest::Approx(sum / 9).epsilon(1e-12));
}

TEST_CASE("every transition matrix row sums to 1, for every age, at the calibrated factor") {
  Scenario s = ungegaranti::load_scenario("");
  ProjectionResult r = ungegaranti::project(s, builtin_data(), kTiers);
  for (int age = 0; age < 8; ++age) {
    auto m = ungegaranti::baseline_matrix(s.projection->baseline, age, r.calibration);
    for (const auto& row : m) {
      CAPTURE(age);
      CHECK(row[0] + row[1] + row[2] == doctest::Approx(1.0).epsilon(1e-15));
      for (double p : row)
        CHECK((p >= 0 && p <= 1));
    }
  }
}

TEST_CASE("calibration reproduces the observed base-year share") {
  struct Case {
    int code;
    int base_years;
    double observed;  // from scenarios/data, by hand
  };
  const Case cases[] = {
      {707, 1, 10.94},                        // Norddjurs 2024
      {707, 3, (12.65 + 12.63 + 10.94) / 3},  // Norddjurs, mean of 2022-2024
      {101, 1, 8.05},                         // København 2024
  };
  for (const Case& c : cases) {
    CAPTURE(c.code);
    ProjectionResult r = run({"municipality.code=" + std::to_string(c.code),
                              "projection.base_years=" + std::to_string(c.base_years)});
    CHECK(r.observed_base_pct == doctest::Approx(c.observed).epsilon(1e-12));
    Scenario s = ungegaranti::load_scenario("");
    // Newton's method to a step of 1e-15 of the factor: S(c) is the observed share to a few ulps
    // (a bisection to a bracket of 1e-13, as before, left about 2.5e-13 percent for 707 and 101).
    CHECK(std::abs(ungegaranti::steady_neet_share(s.projection->baseline, r.calibration) * 100 -
                   r.observed_base_pct) < 1e-13);
    CHECK(r.baseline.front().share_pct == doctest::Approx(c.observed));
    for (const auto& m : r.models)
      CHECK(m.years.front().share_pct == doctest::Approx(c.observed));
  }
}

TEST_CASE("zero effect gives exactly the baseline") {
  std::vector<std::string> sets;
  for (const char* model : {"guld", "solv", "bronze"}) {
    for (const char* track : {"stotte", "grundskole", "vejledning", "virksomhed"})
      sets.push_back(fmt::format("models.{}.effects.{}=0", model, track));
  }
  ProjectionResult r = run(sets);
  for (const auto& m : r.models) {
    REQUIRE(m.years.size() == r.baseline.size());
    for (size_t i = 0; i < m.years.size(); ++i)
      CHECK(m.years[i].share_pct == r.baseline[i].share_pct);
    CHECK(m.assumed_reduction_pp == 0.0);
  }
}

TEST_CASE("larger effects never raise NEET, and no share leaves 0-100") {
  std::vector<double> previous;
  for (double effect : {0.0, 0.1, 0.3, 0.6, 1.0}) {
    CAPTURE(effect);
    std::vector<std::string> sets;
    for (const char* track : {"stotte", "grundskole", "vejledning", "virksomhed"})
      sets.push_back(fmt::format("models.guld.effects.{}={}", track, effect));
    ProjectionResult r = run(sets);
    std::vector<double> shares;
    for (const auto& y : r.models[0].years) {
      CHECK(y.share_pct >= 0);
      CHECK(y.share_pct <= 100);
      shares.push_back(y.share_pct);
    }
    for (size_t i = 0; i < previous.size(); ++i)
      CHECK(shares[i] <= previous[i] + 1e-12);
    previous = shares;
  }
}

TEST_CASE("base-year ranks agree with ranks computed straight from the data file") {
  // The default's base is the mean of 2022-2024, for every municipality.
  std::map<int, double> shares = base_shares();
  std::map<int, int> group_of = groups();
  REQUIRE(shares.size() == 98);
  for (int code : {707, 101}) {  // Norddjurs (group 5) and København (group 1)
    CAPTURE(code);
    double own = shares.at(code);
    int rank_all = 1, rank_group = 1, group_size = 0;
    for (const auto& [other, share] : shares) {
      bool same_group = group_of.at(other) == group_of.at(code);
      group_size += same_group ? 1 : 0;
      if (other != code && share < own) {
        ++rank_all;
        rank_group += same_group ? 1 : 0;
      }
    }
    ProjectionResult r = run({"municipality.code=" + std::to_string(code)});
    CHECK(r.baseline.front().all.rank == rank_all);
    CHECK(r.baseline.front().all.of == 98);
    CHECK(r.baseline.front().group.rank == rank_group);
    CHECK(r.baseline.front().group.of == group_size);
  }
}

TEST_CASE("the horizon is five years after full implementation; targets and required effect") {
  ProjectionResult r = run();
  REQUIRE(r.models.size() == 3);
  for (const auto& m : r.models) {
    CAPTURE(ungegaranti::tier_id(m.tier));
    CHECK(m.full_year == 2027);  // every ramp of the default reaches 1 in 2027
    CHECK(m.horizon == 2032);
    CHECK(m.margin_pp == doctest::Approx(m.threshold_pct - m.share_at_horizon_pct));
    CHECK(m.met == (m.margin_pp >= 0));
    REQUIRE(m.required_scale.has_value());
    // At the required factor the model lands on its threshold: check by running it.
    std::vector<std::string> sets;
    Scenario s = ungegaranti::load_scenario("");
    for (const auto& [track, effect] : s.model(m.tier).effects) {
      sets.push_back(fmt::format("models.{}.effects.{}={}", ungegaranti::tier_id(m.tier), track,
                                 effect.value * *m.required_scale));
    }
    ProjectionResult scaled = run(sets);
    for (const auto& sm : scaled.models) {
      if (sm.tier == m.tier && *m.required_scale > 0)
        CHECK(sm.share_at_horizon_pct == doctest::Approx(m.threshold_pct).epsilon(1e-4));
    }
  }
  CHECK(r.models[0].target == ungegaranti::Target::kBestThirdAll);
  CHECK(r.models[1].target == ungegaranti::Target::kBestThirdGroup);
  CHECK(r.models[2].target == ungegaranti::Target::kGroupAverage);
}

TEST_CASE("the best-third threshold is the K-th lowest of the others, K = floor(N/3)") {
  // With unchanged development the group stays at its base level, the mean of 2022-2024:
  // Norddjurs' group 5 has 31 members, so K = 10 and the threshold is the 10th lowest of the 30
  // others.
  std::map<int, double> shares = base_shares();
  std::map<int, int> group_of = groups();
  std::vector<double> others;
  double sum = 0;
  for (const auto& [code, share] : shares) {
    if (code != 707 && group_of.at(code) == 5) {
      others.push_back(share);
      sum += share;
    }
  }
  std::sort(others.begin(), others.end());
  REQUIRE(others.size() == 30);
  ProjectionResult r = run();
  CHECK(r.models[1].threshold_pct == doctest::Approx(others[9]).epsilon(1e-12));
  CHECK(r.models[2].threshold_pct == doctest::Approx(sum / 30));
  CHECK(r.group_average_pct.front() == doctest::Approx(sum / 30));
}

TEST_CASE("errors: a municipality not in the data, no projection section") {
  // load_scenario() refuses a code that is no municipality; comparison data of one's own may
  // still lack a valid one.
  Scenario s = ungegaranti::load_scenario("");
  s.municipality_code = 999;
  CHECK_THROWS_WITH_AS(ungegaranti::project(s, builtin_data(), kTiers),
                       "municipality.code 999 (Norddjurs) is not in the comparison data "
                       "builtin:neet_16_24_kommuner_2010_2024.csv",
                       ungegaranti::Error);
  Scenario other = ungegaranti::load_scenario(test_data("other.yaml"));
  CHECK_THROWS_WITH_AS(ungegaranti::project(other, builtin_data(), kTiers),
                       (test_data("other.yaml") + " has no 'projection' section").c_str(),
                       ungegaranti::Error);
}

TEST_CASE("errors: a group too small for a best third, a horizon before the data") {
  Scenario s = ungegaranti::load_scenario("", {"projection.codes=[101]"});
  CHECK_THROWS_WITH_AS(ungegaranti::project(s, builtin_data(), kTiers),
                       "the comparable group (projection.codes) has 2 municipalities with "
                       "Norddjurs; it needs at least 3",
                       ungegaranti::Error);
  CHECK_THROWS_WITH_AS(ungegaranti::load_scenario("", {"projection.codes=[101, 101]"}),
                       "--set projection.codes=[101, 101]: duplicate kommunekode 101 in "
                       "'projection.codes'",
                       ungegaranti::Error);
  Scenario early =
      ungegaranti::load_scenario("", {"years.first=2012", "models.guld.one_off=[]",
                                      "models.guld.funding=[]", "models.solv.funding=[]"});
  CHECK_THROWS_WITH_AS(ungegaranti::project(early, builtin_data(), kTiers),
                       "the horizon of guld (2019) is not after the latest data year 2024; the "
                       "budget years must lie after the comparison data",
                       ungegaranti::Error);
}

TEST_CASE("a ramp that never reaches 1 sets full implementation to the last budget year") {
  ProjectionResult r = run({"initiatives.mentor.ramp=[0.2, 0.4, 0.6, 0.8, 0.9]"});
  for (const auto& m : r.models) {
    CHECK(m.full_year == 2029);
    CHECK_FALSE(m.full_reached);
    CHECK(m.horizon == 2034);
  }
}

namespace {

// Every figure ProjectionRerun gives for the values now in `s` against project() of `s`: equal to
// the last bit, as both run the same calibration, cohort kernel and rank rule.
void check_rerun_is_project(const Scenario& s, const NeetData& data, int through,
                            ungegaranti::ProjectionRerun& rerun) {
  rerun.run();
  ProjectionResult p = ungegaranti::project(s, data, kTiers, through, false);
  for (const ungegaranti::ModelPath& m : p.models) {
    CAPTURE(ungegaranti::tier_id(m.tier));
    const auto& run = rerun.model(m.tier);
    REQUIRE(run.path.size() == m.years.size());
    for (size_t i = 0; i < m.years.size(); ++i) {
      CAPTURE(m.years[i].year);
      CHECK(run.path[i] == m.years[i].share_pct);
      CHECK(run.work_share[i] == m.years[i].work_share);
    }
    CHECK(run.horizon == m.horizon);
    CHECK(run.share_at_horizon_pct == m.share_at_horizon_pct);
    CHECK(run.rank_all == m.years[static_cast<size_t>(m.horizon - p.base_year)].all.rank);
    CHECK(run.met == std::optional<bool>(m.met));
    CHECK(run.met_without == std::optional<bool>(m.met_without));
  }
}

}  // namespace

TEST_CASE(
    "the Monte Carlo's rerun gives project()'s figures to the last bit, for any transitions") {
  // One calibration (Newton's method from c = 1, whatever factor the rerun was built with), one
  // cohort kernel and one rank rule: a draw's baseline transitions, written into the scenario the
  // rerun reads, give exactly what project() gives for them. Two reruns built at different
  // transitions agree too, so a draw's figures do not depend on where its rerun started.
  NeetData data = builtin_data();
  Scenario s = ungegaranti::load_scenario("");
  Scenario other = ungegaranti::load_scenario("", {"projection.baseline.dropout=0.09"});
  int through = s.last_year() + 5;  // the economics' last year in the default: past every horizon
  ungegaranti::ProjectionRerun rerun(s, data, through), rerun_other(other, data, through);
  const ungegaranti::Transitions own = s.projection->baseline;
  struct Case {
    const char* name;
    double dropout, neet_to_education, entry_education;
  };
  const Case cases[] = {
      {"the scenario's own", own.dropout.value, own.neet_to_education.value,
       own.entry_education.value},
      {"more dropout", own.dropout.value * 1.2, own.neet_to_education.value,
       own.entry_education.value},
      {"fewer back to education, fewer in education at 16", own.dropout.value,
       own.neet_to_education.value * 0.8, own.entry_education.value - 0.02},
      {"all three", own.dropout.value * 0.7, own.neet_to_education.value * 1.1,
       own.entry_education.value - 0.01},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    for (Scenario* x : {&s, &other}) {
      x->projection->baseline.dropout.value = c.dropout;
      x->projection->baseline.neet_to_education.value = c.neet_to_education;
      x->projection->baseline.entry_education.value = c.entry_education;
    }
    check_rerun_is_project(s, data, through, rerun);
    check_rerun_is_project(other, data, through, rerun_other);
    for (Tier tier : kTiers)
      CHECK(rerun.model(tier).path == rerun_other.model(tier).path);
  }
}

TEST_CASE("draws calibrated together in lanes give run()'s figures and errors to the last bit") {
  // ProjectionRerun::stage() and calibrate_staged(): the Monte Carlo calibrates four draws at a
  // time, in the lanes of vectors. Each lane must give calibrate()'s factor to the bit, and throw
  // where it throws: transitions drawn widely here, so that some cannot reach the observed share
  // (both ways), some have c_max < 1, some are the scenario's own, in groups of 1 to 4 lanes.
  if (!ungegaranti::has_avx2())
    return;  // staged_lanes() is 0: the Monte Carlo runs run() alone
  NeetData data = builtin_data();
  Scenario s = ungegaranti::load_scenario("");
  int through = s.last_year() + 5;
  ungegaranti::ProjectionRerun staged(s, data, through), alone(s, data, through);
  REQUIRE(staged.staged_lanes() == 4);
  ungegaranti::Transitions& t = s.projection->baseline;
  std::vector<double*> places = {
      &t.entry_education.value,  &t.entry_employed.value,        &t.dropout.value,
      &t.employed_to_neet.value, &t.employed_to_education.value, &t.neet_to_education.value,
      &t.neet_to_work.value};
  for (ungegaranti::Quantity& q : t.education_to_work)
    places.push_back(&q.value);
  std::vector<double> own;
  std::vector<std::pair<const double*, size_t>> sources;
  for (size_t k = 0; k < places.size(); ++k) {
    own.push_back(*places[k]);
    if (k != 1)  // entry_employed does not move: stage() reads it from the scenario
      sources.emplace_back(places[k], k);
  }
  staged.bind_staging(sources);
  std::mt19937_64 random(20261204);
  std::uniform_real_distribution<double> scale(0.3, 2.2), pick(0, 1);
  size_t thrown = 0, calibrated = 0, own_values = 0, large_dropout = 0;
  for (int group = 0; group < 150; ++group) {
    size_t lanes = 1 + static_cast<size_t>(group) % 4;
    std::vector<std::vector<double>> values(lanes, own);
    for (size_t j = 0; j < lanes; ++j) {
      double kind = pick(random);
      if (kind < 0.1) {
        ++own_values;  // the scenario's own values
      } else {
        for (size_t k = 0; k < places.size(); ++k) {
          if (k != 1)
            values[j][k] = std::min(own[k] * scale(random), 0.97);
        }
        values[j][0] = std::min(values[j][0], 1 - own[1]);  // the entry row sums to at most 1
        if (kind > 0.9) {                                   // dropout above 1 - g_a: c_max < 1
          values[j][2] = 0.95;
          ++large_dropout;
        }
      }
      staged.stage(j, values[j].data());
    }
    staged.calibrate_staged(lanes);
    for (size_t j = 0; j < lanes; ++j) {
      CAPTURE(group);
      CAPTURE(j);
      for (size_t k = 0; k < places.size(); ++k)
        *places[k] = values[j][k];
      std::string error_alone, error_staged;
      try {
        alone.run();
      } catch (const ungegaranti::Error& e) {
        error_alone = e.what();
      }
      try {
        staged.run_staged(j);
      } catch (const ungegaranti::Error& e) {
        error_staged = e.what();
      }
      CHECK(error_staged == error_alone);
      if (!error_alone.empty()) {
        ++thrown;
        continue;
      }
      ++calibrated;
      for (Tier tier : kTiers) {
        const auto& a = alone.model(tier);
        const auto& b = staged.model(tier);
        CHECK(b.path == a.path);
        CHECK(b.work_share == a.work_share);
        CHECK(b.horizon == a.horizon);
        CHECK(std::bit_cast<uint64_t>(b.share_at_horizon_pct) ==
              std::bit_cast<uint64_t>(a.share_at_horizon_pct));
        CHECK(b.rank_all == a.rank_all);
        CHECK(b.met == a.met);
        CHECK(b.met_without == a.met_without);
      }
    }
  }
  CHECK(thrown >= 10);
  CHECK(calibrated >= 100);
  CHECK(own_values >= 10);
  CHECK(large_dropout >= 10);
}

TEST_CASE("the Monte Carlo's rerun ranks as project() does when the share jumps between runs") {
  // A rerun keeps what it can between runs (the reach's layouts, the levers' tables, the cohort),
  // and a faster rank could start from the last run's. Here the models' effects and the dropout
  // move the shares far up, far down, back and not at all between runs: each run's figures, the
  // rank at the horizon among them, are project()'s.
  NeetData data = builtin_data();
  Scenario s = ungegaranti::load_scenario("");
  int through = s.last_year() + 5;
  ungegaranti::ProjectionRerun rerun(s, data, through);
  const Scenario own = s;
  std::array<std::set<int>, 3> ranks;
  for (double factor : {1.0, 2.5, 0.3, 2.5, 2.5, 1.0, 0.6, 0.61, 1.8, 0.0, 1.0}) {
    CAPTURE(factor);
    s.projection->baseline.dropout.value =
        own.projection->baseline.dropout.value * (0.5 + factor / 2);
    for (size_t m = 0; m < 3; ++m) {
      for (size_t e = 0; e < s.models[m].effects.size(); ++e)
        s.models[m].effects[e].second.value = own.models[m].effects[e].second.value * factor;
    }
    check_rerun_is_project(s, data, through, rerun);
    for (Tier tier : kTiers)
      ranks[static_cast<size_t>(tier)].insert(rerun.model(tier).rank_all);
  }
  for (const std::set<int>& model_ranks : ranks)
    CHECK(model_ranks.size() >= 5);  // the ranks did move
}

TEST_CASE(
    "levers that settle before the horizon: reused matrices, and the re-projection's factor") {
  // Grundskolesporet moved to dropout: its band (6-15) cannot reach 16-24, so no model has an
  // entry lever, and the levers settle with the last budget year, 2029 (reach_settled_year());
  // with 8 years after full implementation the horizon is 2035. The cohort kernel builds the
  // matrices up to 2029 and reuses them after; a debug build checks each reused year against
  // levers built afresh.
  NeetData data = builtin_data();
  Scenario s = ungegaranti::load_scenario(
      "", {"tracks.grundskole.moves=dropout", "projection.years_after_full=8"});
  int through = 2039;
  ProjectionResult p = ungegaranti::project(s, data, kTiers, through);
  ungegaranti::ProjectionRerun rerun(s, data, through);
  check_rerun_is_project(s, data, through, rerun);
  for (const ungegaranti::ModelPath& m : p.models) {
    CAPTURE(ungegaranti::tier_id(m.tier));
    CHECK(m.horizon == 2035);
    // The levers are the same from 2029 on, so from 2029 + 8 = 2037 every cohort aged 16-24 has
    // lived under them alone: the profile is their steady state and stays, to the last bit, and
    // so do the work share and (the default's baseline holds its level) the share.
    REQUIRE(m.years.size() == 16);               // 2024-2039
    for (size_t i : {size_t{14}, size_t{15}}) {  // 2038, 2039 against 2037
      CAPTURE(m.years[i].year);
      CHECK(p.baseline[i].share_pct == p.baseline[13].share_pct);
      CHECK(m.years[i].share_pct == m.years[13].share_pct);
      CHECK(m.years[i].work_share == m.years[13].work_share);
    }
    CHECK(m.years[13].share_pct < p.baseline[13].share_pct);
  }
  // An observation in 2029, the settled year, 0.1 points off the path: the factor on the effects
  // from 2030 on is the first change of the levers after the settled year. Were those matrices
  // not rebuilt, every factor would give the planned share, and none would meet the target.
  const ungegaranti::ModelPath& guld = p.models.front();
  REQUIRE(guld.tier == Tier::kGuld);
  double on_path = guld.years[5].share_pct;  // 2029
  for (double gap : {-0.1, 0.1}) {
    CAPTURE(gap);
    ungegaranti::Reprojection r = ungegaranti::reproject(s, data, Tier::kGuld, 2029, on_path + gap);
    CHECK(r.projected_pct == on_path);
    CHECK(r.planned_at_horizon_pct == guld.share_at_horizon_pct);
    // Guld misses its target as planned (margin < -1 pp), so it needs more than the assumed
    // effects from 2030: more with a gap upwards than downwards.
    CHECK_FALSE(r.met);
    REQUIRE(r.required_scale.has_value());
    CHECK(*r.required_scale > 1);
  }
  double down = *ungegaranti::reproject(s, data, Tier::kGuld, 2029, on_path - 0.1).required_scale;
  double up = *ungegaranti::reproject(s, data, Tier::kGuld, 2029, on_path + 0.1).required_scale;
  CHECK(up > down);
}

TEST_CASE("errors: baseline transitions that cannot reproduce the observed share, either side") {
  // Norddjurs' base is (12.65 + 12.63 + 10.94) / 3 = 12.07 %. Each case's S(0) and S(c_max) by
  // hand; the message gives both, whichever side fails, and whether or not Newton's own
  // evaluations were above the target (calibrate() works out S(c_max) for the message).
  std::vector<std::string> none_into_neet = {
      "projection.baseline.entry.employed=0", "projection.baseline.employed.to_neet=0",
      "projection.baseline.employed.to_education=0", "projection.baseline.neet.to_education=0",
      "projection.baseline.neet.to_work=0"};
  struct Case {
    const char* name;
    std::vector<std::string> sets;
    const char* message;
  };
  std::vector<std::string> high = none_into_neet, low = none_into_neet, capped = none_into_neet;
  // 80 % start NEET and stay so; nothing flows in or out: S(c) = 0.8 for every c.
  high.insert(high.end(),
              {"projection.baseline.entry.education=0.2", "projection.baseline.dropout=0"});
  // Nobody starts NEET and nothing flows into it: S(c) = 0 for every c.
  low.insert(low.end(), {"projection.baseline.entry.education=1", "projection.baseline.dropout=0"});
  // All start in education; g = 0.9 at every age caps c at (1 - 0.9) / 0.1 = 1, where the 16-year
  // olds leave education entirely, 0.9 to work and 0.1 to NEET, and stay there: S(c_max) =
  // 8 x 0.1 / 9 = 8.89 %, and S(0) = 0.
  capped.insert(capped.end(),
                {"projection.baseline.entry.education=1", "projection.baseline.dropout=0.1"});
  for (int a = 0; a < 8; ++a)
    capped.push_back(fmt::format("projection.baseline.education_to_work.{}=0.9", a));
  const Case cases[] = {
      {"above at every factor", high, "80.00 % to 80.00 %"},
      {"below at every factor", low, "0.00 % to 0.00 %"},
      {"below up to the largest factor", capped, "0.00 % to 8.89 %"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    Scenario s = ungegaranti::load_scenario("", c.sets);
    CHECK_THROWS_WITH_AS(ungegaranti::project(s, builtin_data(), kTiers),
                         fmt::format("the baseline transitions cannot reproduce the observed NEET "
                                     "share of 12.07 % (they give {} for any factor on the flows "
                                     "into NEET); check projection.baseline",
                                     c.message)
                             .c_str(),
                         ungegaranti::Error);
  }
}

TEST_CASE("the steady share and its slope: by hand, and the AVX2 form to the bit") {
  // The two-state chain of the test above: n(a+1) = 0.1 c (1 - n(a)) + 0.5 n(a), so
  // dn(a+1)/dc = 0.1 (1 - n(a)) + (0.5 - 0.1 c) dn(a)/dc, from n(16) = 0.1 and dn(16)/dc = 0
  // (at c = 1: dn(17)/dc = 0.1 x 0.9 = 0.09, dn(18)/dc = 0.1 x 0.86 + 0.4 x 0.09 = 0.122), age by
  // age; S and dS/dc are the means over the nine ages.
  for (double c : {1.0, 2.0}) {
    double n = 0.1, dn = 0, sum = n, slope = 0;
    for (int a = 1; a < 9; ++a) {
      double next_dn = 0.1 * (1 - n) + (0.5 - 0.1 * c) * dn;
      n = 0.1 * c + (0.5 - 0.1 * c) * n;
      dn = next_dn;
      sum += n;
      slope += dn;
    }
    for (bool avx2 : {false, true}) {
      CAPTURE(c);
      CAPTURE(avx2);
      auto [share, d_share] =
          ungegaranti::steady_share_and_slope(two_state(0.1, 0.1, 0.5), c, avx2);
      CHECK(share == doctest::Approx(sum / 9).epsilon(1e-12));
      CHECK(d_share == doctest::Approx(slope / 9).epsilon(1e-12));
    }
  }
  // Random transitions and factors: the AVX2 form (where the processor has it) gives the
  // baseline form's bits.
  std::mt19937_64 random(20261203);
  std::uniform_real_distribution<double> share(0.0, 0.3);
  auto q = [](double v) {
    ungegaranti::Quantity x;
    x.value = v;
    return x;
  };
  for (int k = 0; k < 20000; ++k) {
    ungegaranti::Transitions t;
    t.entry_education = q(0.5 + share(random));
    t.entry_employed = q(0.6 * share(random));  // entry rows sum to at most 0.98
    t.dropout = q(share(random));
    for (int a = 0; a < 8; ++a)
      t.education_to_work.push_back(q(share(random)));
    t.employed_to_neet = q(share(random));
    t.employed_to_education = q(share(random));
    t.neet_to_education = q(share(random));
    t.neet_to_work = q(share(random));
    double c = 3 * share(random);  // 0 .. 0.9: every matrix stays a probability matrix
    auto [share_base, slope_base] = ungegaranti::steady_share_and_slope(t, c, false);
    auto [share_avx2, slope_avx2] = ungegaranti::steady_share_and_slope(t, c, true);
    CAPTURE(k);
    REQUIRE(std::bit_cast<uint64_t>(share_base) == std::bit_cast<uint64_t>(share_avx2));
    REQUIRE(std::bit_cast<uint64_t>(slope_base) == std::bit_cast<uint64_t>(slope_avx2));
  }
}

// Random baseline transitions for the cohort's to-the-bit tests: shares drawn from `share`, in a
// fixed order, so that each test's stream of cases stays the same.
static ungegaranti::Transitions random_transitions(std::mt19937_64& random,
                                                   std::uniform_real_distribution<double>& share) {
  auto q = [](double v) {
    ungegaranti::Quantity x;
    x.value = v;
    return x;
  };
  ungegaranti::Transitions r;
  r.entry_education = q(0.5 + share(random));
  r.entry_employed = q(0.6 * share(random));
  r.dropout = q(share(random));
  for (int a = 0; a < 8; ++a)
    r.education_to_work.push_back(q(share(random)));
  r.employed_to_neet = q(share(random));
  r.employed_to_education = q(share(random));
  r.neet_to_education = q(share(random));
  r.neet_to_work = q(share(random));
  return r;
}

TEST_CASE("the cohort's three-lane form: by hand, and to the bit against project()'s form") {
  // By hand: two states, 10 % NEET at entry, dropout 0.1, half the NEET back each year, c = 1.
  // The steady NEET shares by age are n0 = 0.1, n1 = 0.9 x 0.1 + 0.1 x 0.5 = 0.14, ...; the
  // employed share is 0 at every age (no flow into work), so the work share is 0 throughout.
  // Model 0 moves every NEET at entry into education from the first year (entry lever 1):
  // year 1 has n0 = 0 (-0.1 at age 16), year 2 also n1 = 1 x 0.1 = 0.1 (-0.04 at age 17);
  // the NEET share is the mean of the nine ages, in percent. Model 1 has no levers (its path
  // is the baseline), model 2 the entry lever from the second year, and an end one year earlier.
  ungegaranti::Transitions t = two_state(0.1, 0.1, 0.5);
  std::vector<double> baseline = {10, 11, 12, 13, 14, 15};
  std::array<std::vector<std::array<double, 4>>, 3> levers = {
      std::vector<std::array<double, 4>>{{0, 1, 0, 0}}, std::vector<std::array<double, 4>>{},
      std::vector<std::array<double, 4>>{{0, 0, 0, 0}, {0, 1, 0, 0}}};
  for (bool three : {false, true}) {
    CAPTURE(three);
    ungegaranti::CohortPaths p =
        ungegaranti::cohort_paths(t, 1.0, levers, 2024, {2029, 2029, 2028}, baseline, three);
    REQUIRE(p.path[0].size() == 6);
    REQUIRE(p.path[2].size() == 5);
    CHECK(p.path[0][0] == doctest::Approx(10).epsilon(1e-12));
    CHECK(p.path[0][1] == doctest::Approx(11 - 0.1 / 9 * 100).epsilon(1e-12));
    CHECK(p.path[0][2] == doctest::Approx(12 - 0.14 / 9 * 100).epsilon(1e-12));
    for (size_t i = 0; i < 6; ++i) {
      CHECK(p.path[1][i] == baseline[i]);
      CHECK(p.work[0][i] == 0.0);
      CHECK(p.work[1][i] == 0.0);
    }
    CHECK(p.path[2][1] == baseline[1]);
    CHECK(p.path[2][2] == doctest::Approx(12 - 0.1 / 9 * 100).epsilon(1e-12));
    CHECK(p.path[2][3] == doctest::Approx(13 - 0.14 / 9 * 100).epsilon(1e-12));
  }
  // By hand, the two levers on the NEET together above 1 (rates() scales them to their share of
  // the sum): to education 1 and to work 1 move half of those who would stay each, so the NEET
  // go back to education at 0.5 + 0.25 and to work at 0 + 0.25, and none stay. In the first year
  // every age from 17 has lost its steady NEET n(a - 1) x 0.5 (its NEET of last year no longer
  // stay) and gained n(a - 1) x 0.25 in work: the work share is 0.25 / 0.5.
  double steady_sum = 0;  // n16 .. n23 of the steady state (test above)
  for (double n : {0.1, 0.14, 0.156, 0.1624, 0.16496, 0.165984, 0.1663936, 0.16655744})
    steady_sum += n;
  std::array<std::vector<std::array<double, 4>>, 3> both = {
      std::vector<std::array<double, 4>>{{0, 0, 1, 1}},
      std::vector<std::array<double, 4>>{{0, 0, 1, 1}},
      std::vector<std::array<double, 4>>{{0, 0, 0.25, 0.5}}};
  for (bool three : {false, true}) {
    CAPTURE(three);
    ungegaranti::CohortPaths p =
        ungegaranti::cohort_paths(t, 1.0, both, 2024, {2026, 2026, 2026}, baseline, three);
    for (size_t m : {size_t{0}, size_t{1}}) {  // model 1's lane reads at()'s levers
      CHECK(p.path[m][1] == doctest::Approx(11 - 0.5 * steady_sum / 9 * 100).epsilon(1e-12));
      CHECK(p.work[m][1] == doctest::Approx(0.5).epsilon(1e-12));
    }
    // Below 1 together, unscaled: 0.25 and 0.5 of the stayers, to work 0.5 / 0.75 of the moved.
    CHECK(p.path[2][1] == doctest::Approx(11 - 0.75 * 0.5 * steady_sum / 9 * 100).epsilon(1e-12));
    CHECK(p.work[2][1] == doctest::Approx(0.5 / 0.75).epsilon(1e-12));
  }

  // Random transitions, levers (some years repeated, so that the cohorts settle; some pairs of
  // levers on the NEET above 1 together), ends and baselines near 0 and 100 (the clamp): the
  // three-lane form gives project()'s bits, model by model.
  std::mt19937_64 random(20261204);
  std::uniform_real_distribution<double> share(0.0, 0.3), unit(0.0, 1.0);
  for (int k = 0; k < 3000; ++k) {
    ungegaranti::Transitions r = random_transitions(random, share);
    double c = 3 * share(random);
    std::array<std::vector<std::array<double, 4>>, 3> drawn;
    std::array<int, 3> ends{};
    for (size_t m = 0; m < 3; ++m) {
      size_t rows = random() % 14;
      for (size_t i = 0; i < rows; ++i) {
        if (i > 0 && random() % 3 == 0) {
          drawn[m].push_back(drawn[m].back());
          continue;
        }
        drawn[m].push_back({unit(random), unit(random), unit(random), unit(random)});
      }
      ends[m] = 2024 + static_cast<int>(random() % 26);
    }
    std::vector<double> base(26);
    for (double& b : base)
      b = random() % 2 == 0 ? unit(random) - 0.5 : 99.5 + unit(random);
    ungegaranti::CohortPaths one = ungegaranti::cohort_paths(r, c, drawn, 2024, ends, base, false);
    ungegaranti::CohortPaths three = ungegaranti::cohort_paths(r, c, drawn, 2024, ends, base, true);
    CAPTURE(k);
    for (size_t m = 0; m < 3; ++m) {
      REQUIRE(one.path[m].size() == static_cast<size_t>(ends[m] - 2024 + 1));
      REQUIRE(three.path[m].size() == one.path[m].size());
      REQUIRE(three.work[m].size() == one.work[m].size());
      for (size_t i = 0; i < one.path[m].size(); ++i) {
        CAPTURE(m);
        CAPTURE(i);
        REQUIRE(std::bit_cast<uint64_t>(one.path[m][i]) ==
                std::bit_cast<uint64_t>(three.path[m][i]));
        REQUIRE(std::bit_cast<uint64_t>(one.work[m][i]) ==
                std::bit_cast<uint64_t>(three.work[m][i]));
      }
    }
  }
}

TEST_CASE("the rerun's full-implementation year, with ramps below 1 here and there") {
  // The rerun finds the year from which every initiative's ramp is full (>= 1) through the last
  // budget year as project() does, in the AVX2 form (four ramps gathered at a time) and the
  // baseline form (UNGEGARANTI_NO_AVX2, the suite's second run).
  NeetData data = builtin_data();
  Scenario s = ungegaranti::load_scenario("");
  int through = s.last_year() + 5;
  REQUIRE(s.initiatives.size() >= 5);  // a group of four and the rest
  ungegaranti::ProjectionRerun rerun(s, data, through);
  auto set_all = [&](double v) {
    for (ungegaranti::Initiative& ini : s.initiatives) {
      for (auto& in : ini.per_model) {
        if (in) {
          for (ungegaranti::Quantity& q : in->ramp)
            q.value = v;
        }
      }
    }
  };
  // By hand: every ramp full but the fifth initiative's in 2027 (the rest after the group of
  // four), so full implementation is 2028 for every model that has it and the horizon 5 years on.
  set_all(1.0);
  for (auto& in : s.initiatives[4].per_model) {
    if (in)
      in->ramp[static_cast<size_t>(2027 - s.first_year)].value = 0.5;
  }
  rerun.run();
  for (Tier tier : kTiers) {
    CAPTURE(ungegaranti::tier_id(tier));
    bool has = static_cast<bool>(s.initiatives[4].per_model[static_cast<size_t>(tier)]);
    CHECK(rerun.model(tier).horizon ==
          (has ? 2028 : s.first_year) + s.projection->years_after_full);
  }
  // Built with a promise that no ramp moves but the fifth initiative's in guld (MovingValues):
  // the other models' full-implementation years are worked out once, guld's at every run.
  {
    std::vector<const double*> moving;
    auto& guld = s.initiatives[4].per_model[static_cast<size_t>(Tier::kGuld)];
    REQUIRE(guld);
    for (const ungegaranti::Quantity& q : guld->ramp)
      moving.push_back(&q.value);
    ungegaranti::ProjectionRerun promised(s, data, through,
                                          ungegaranti::MovingValues(std::move(moving)));
    check_rerun_is_project(s, data, through, promised);
    for (double v : {1.0, 0.5}) {
      guld->ramp[static_cast<size_t>(2027 - s.first_year)].value = v;
      check_rerun_is_project(s, data, through, promised);
      CHECK(promised.model(Tier::kGuld).horizon ==
            (v == 1.0 ? s.first_year : 2028) + s.projection->years_after_full);
    }
  }
  // Random ramps, mostly full: the same horizon and figures as project().
  std::mt19937_64 random(20261205);
  for (int k = 0; k < 40; ++k) {
    CAPTURE(k);
    for (ungegaranti::Initiative& ini : s.initiatives) {
      for (auto& in : ini.per_model) {
        if (in) {
          for (ungegaranti::Quantity& q : in->ramp)
            q.value = random() % 8 == 0 ? 0.5 : (random() % 2 == 0 ? 1.0 : 1.25);
        }
      }
    }
    check_rerun_is_project(s, data, through, rerun);
  }
}

TEST_CASE(
    "the cohort's three-lane form with the levers on the NEET mostly below 1 together: to "
    "the bit against project()'s form") {
  // lane_rates() divides the levers on the NEET by their sum only in the years where some lane's
  // sum is above 1. Levers below 1 together in every lane (no division), with now and then one
  // lane's pair above 1 in one year (the division, kept in that lane only): project()'s bits.
  std::mt19937_64 random(20261206);
  std::uniform_real_distribution<double> share(0.0, 0.3), half(0.0, 0.5), unit(0.0, 1.0);
  size_t above = 0;
  for (int k = 0; k < 1000; ++k) {
    ungegaranti::Transitions r = random_transitions(random, share);
    double c = 3 * share(random);
    std::array<std::vector<std::array<double, 4>>, 3> drawn;
    std::array<int, 3> ends{};
    for (size_t m = 0; m < 3; ++m) {
      size_t rows = 1 + random() % 12;
      for (size_t i = 0; i < rows; ++i) {
        drawn[m].push_back({unit(random), unit(random), half(random), half(random)});
        if (random() % 16 == 0) {
          drawn[m].back()[2] = 0.5 + half(random);
          drawn[m].back()[3] = 0.6 + half(random);
          ++above;
        }
      }
      ends[m] = 2024 + static_cast<int>(random() % 26);
    }
    std::vector<double> base(26);
    for (double& b : base)
      b = 20 + 10 * unit(random);
    ungegaranti::CohortPaths one = ungegaranti::cohort_paths(r, c, drawn, 2024, ends, base, false);
    ungegaranti::CohortPaths three = ungegaranti::cohort_paths(r, c, drawn, 2024, ends, base, true);
    CAPTURE(k);
    for (size_t m = 0; m < 3; ++m) {
      REQUIRE(three.path[m].size() == one.path[m].size());
      REQUIRE(three.work[m].size() == one.work[m].size());
      for (size_t i = 0; i < one.path[m].size(); ++i) {
        CAPTURE(m);
        CAPTURE(i);
        REQUIRE(std::bit_cast<uint64_t>(one.path[m][i]) ==
                std::bit_cast<uint64_t>(three.path[m][i]));
        REQUIRE(std::bit_cast<uint64_t>(one.work[m][i]) ==
                std::bit_cast<uint64_t>(three.work[m][i]));
      }
    }
  }
  CHECK(above > 100);  // pairs above 1 were drawn
}

TEST_CASE("calibration where the largest factor is below 1") {
  // calibrate() evaluates S(1) before it knows c_max, for Newton's method starts from the clamp of
  // 1 to [0, c_max]. A dropout of 0.1 and 0.9 to work at 16 add up to 1, and cap the factor at
  // (1 - 0.9) / 0.1, which rounds to 1 - 2^-52: Newton's method starts there, and the evaluation
  // at 1 must not be used.
  const std::vector<std::string> sets = {"projection.baseline.dropout=0.1",
                                         "projection.baseline.education_to_work.0=0.9"};
  const double c_max = (1 - 0.9) / 0.1;
  REQUIRE(c_max < 1);
  ProjectionResult r = run(sets);
  Scenario s = ungegaranti::load_scenario("", sets);
  const ungegaranti::Transitions& t = s.projection->baseline;
  CHECK(ungegaranti::steady_neet_share(t, 0) * 100 < r.observed_base_pct);
  CHECK(ungegaranti::steady_neet_share(t, c_max) * 100 > r.observed_base_pct);
  CHECK(r.calibration > 0);
  CHECK(r.calibration < c_max);
  CHECK(std::abs(ungegaranti::steady_neet_share(t, r.calibration) * 100 - r.observed_base_pct) <
        1e-13);
  // The factor to the last bit, as calibrate() gave it before it evaluated S(1) ahead (the JSON
  // output's shortest form, which reads back to the same double).
  CHECK(r.calibration == 0.8271243468479939);
}
