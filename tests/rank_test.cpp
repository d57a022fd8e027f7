// Ranks, terciles and the best-third threshold on hand-made NEET data (docs/method.md#ranks-and-
// terciles and #targets): ties, the tercile edges at 98, 97, 99, 10 and 3 municipalities, and a
// share exactly at a target's threshold. The rules, as docs/method.md states them:
//   rank    = 1 + the number of others strictly lower (ties share the best rank; 1 = lowest)
//   tercile = 1 if 3 rank <= N, 2 if 3 rank <= 2N, else 3            (N = others + 1)
//   best third: threshold T = the K-th lowest of the others, K = floor(N / 3)
//   a target is met when margin = T - share >= 0, so a share exactly at T meets it.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "ungegaranti/load.hpp"
#include "ungegaranti/neet_data.hpp"
#include "ungegaranti/projection.hpp"

namespace ungegaranti {
// How a failed check prints a Rank: "rank 3 of 10, tercile 1".
std::ostream& operator<<(std::ostream& out, const Rank& r) {
  return out << "rank " << r.rank << " of " << r.of << ", tercile " << r.tercile;
}
}  // namespace ungegaranti

using ungegaranti::ModelPath;
using ungegaranti::NeetData;
using ungegaranti::ProjectionResult;
using ungegaranti::Rank;
using ungegaranti::rank_among;
using ungegaranti::Scenario;
using ungegaranti::Tier;

namespace {

constexpr int kSubject = 707;  // the default scenario's municipality, Norddjurs

// NEET data of one year (2024) for the given municipalities: code -> {share, DST group}.
// Codes need not be real municipalities (only the scenario's own must be), names are made up.
struct Hand {
  double share;
  int group;
};

NeetData hand_data(const std::map<int, Hand>& municipalities) {
  std::string groups = "kommunekode,kommune,dst_kommunegruppe_kode,dst_kommunegruppe\n";
  std::string shares = "kommunekode,kommune,aar,neet_andel_pct_16_24\n";
  for (const auto& [code, m] : municipalities) {
    groups += fmt::format("{},K{},{},Gruppe {}\n", code, code, m.group, m.group);
    shares += fmt::format("{},K{},2024,{}\n", code, code, m.share);
  }
  return ungegaranti::parse_neet_data(shares, "hand.csv", groups, "hand_groups.csv");
}

// Ten municipalities. Group 5 is the subject (707, at 10) with 147, 151, 153, 155; group 1 the
// rest.
//   all others:   8 (101), 9 (147), 10 (151), 10 (153), 11 (155), 12, 13, 14, 15
//   group others: 9, 10, 10, 11
NeetData ten_municipalities() {
  return hand_data({{101, {8, 1}},
                    {147, {9, 5}},
                    {151, {10, 5}},
                    {153, {10, 5}},
                    {155, {11, 5}},
                    {157, {12, 1}},
                    {159, {13, 1}},
                    {161, {14, 1}},
                    {163, {15, 1}},
                    {kSubject, {10, 5}}});
}

// The default scenario with a base of one data year (so the base level is the 2024 share itself,
// held: trend hold) and every effect 0, so that each model's share at its horizon is exactly the
// subject's share (projection_test.cpp: "zero effect gives exactly the baseline").
Scenario no_effect_scenario() {
  std::vector<std::string> sets = {"projection.base_years=1"};
  for (const char* model : {"guld", "solv", "bronze"}) {
    for (const char* track : {"stotte", "grundskole", "vejledning", "virksomhed"})
      sets.push_back(fmt::format("models.{}.effects.{}=0", model, track));
  }
  return ungegaranti::load_scenario("", sets);
}

const ModelPath& model(const ProjectionResult& r, Tier tier) {
  for (const ModelPath& m : r.models) {
    if (m.tier == tier)
      return m;
  }
  FAIL("no model " << ungegaranti::tier_id(tier));
  return r.models.front();
}

}  // namespace

TEST_CASE("tercile edges at 98, 97, 99, 10 and 3 municipalities") {
  // The others are 1, 2, ..., N - 1 and the subject rank - 0.5, so exactly rank - 1 others are
  // strictly lower. The tercile by hand from 3 rank against N and 2N.
  struct Case {
    int n;  // municipalities, the subject included
    int rank;
    int tercile;
  };
  const Case cases[] = {
      // 98: 3 x 32 = 96 <= 98, 3 x 33 = 99 > 98; 2N = 196: 3 x 65 = 195 <= 196, 3 x 66 = 198 > 196.
      {98, 1, 1},
      {98, 32, 1},
      {98, 33, 2},
      {98, 65, 2},
      {98, 66, 3},
      {98, 98, 3},
      // 97: 96 <= 97 and 99 > 97; 2N = 194: 3 x 64 = 192 <= 194, 3 x 65 = 195 > 194.
      {97, 32, 1},
      {97, 33, 2},
      {97, 64, 2},
      {97, 65, 3},
      // 99, divisible by 3: 99 <= 99 and 102 > 99; 2N = 198: 198 <= 198, 201 > 198.
      {99, 33, 1},
      {99, 34, 2},
      {99, 66, 2},
      {99, 67, 3},
      // 10: 9 <= 10, 12 > 10; 2N = 20: 18 <= 20, 21 > 20.
      {10, 3, 1},
      {10, 4, 2},
      {10, 6, 2},
      {10, 7, 3},
      // 3, the smallest allowed: one in each third.
      {3, 1, 1},
      {3, 2, 2},
      {3, 3, 3},
  };
  for (const Case& c : cases) {
    CAPTURE(c.n);
    CAPTURE(c.rank);
    std::vector<double> others;
    for (int i = 1; i < c.n; ++i)
      others.push_back(i);
    CHECK(rank_among(c.rank - 0.5, others) == Rank{c.rank, c.n, c.tercile});
  }
}

TEST_CASE("ties share the best rank, and the next share skips the tied places") {
  // Shares 8, 9, 9, 10: 9 has one lower (8) whether or not the other 9 is counted as lower, so
  // both 9s are rank 2; 10 has three lower, rank 4 ("1224" ranking). Each ranked among the other
  // three (N = 4, tercile 1 when 3 rank <= 4, 2 when <= 8).
  struct Case {
    double subject;
    std::vector<double> others;
    Rank expected;
  };
  const Case cases[] = {
      {8, {9, 9, 10}, {1, 4, 1}},
      {9, {8, 9, 10}, {2, 4, 2}},  // the first 9
      {9, {8, 9, 10}, {2, 4, 2}},  // the second 9, the same rank
      {10, {8, 9, 9}, {4, 4, 3}},
      // Everybody at the same share: all rank 1, in the best third.
      {7, {7, 7, 7, 7}, {1, 5, 1}},
      // Subject tied with the K-th lowest: at rank K, still in the best third. N = 10, K = 3.
      {10, {8, 9, 10, 10, 11, 12, 13, 14, 15}, {3, 10, 1}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.subject);
    CHECK(rank_among(c.subject, c.others) == c.expected);
  }
}

TEST_CASE("rank_in_sorted, the binary search, gives the same ranks as rank_among") {
  // Others 8, 9, 9, 10 (N = 5: tercile 1 when 3 rank <= 5, 2 when 3 rank <= 10, else 3). By hand,
  // 1 + the number strictly lower: 7 and 8 have none lower (rank 1), 8.5 and 9 one (rank 2), 9.5
  // and 10 three (rank 4), 11 four (rank 5). rank_among gets them in another order.
  const std::vector<double> sorted = {8, 9, 9, 10}, shuffled = {9, 10, 8, 9};
  struct Case {
    double subject;
    Rank expected;
  };
  const Case cases[] = {
      {7, {1, 5, 1}},   {8, {1, 5, 1}},  {8.5, {2, 5, 2}}, {9, {2, 5, 2}},
      {9.5, {4, 5, 3}}, {10, {4, 5, 3}}, {11, {5, 5, 3}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.subject);
    CHECK(ungegaranti::rank_in_sorted(c.subject, sorted) == c.expected);
    CHECK(rank_among(c.subject, shuffled) == c.expected);
  }
}

TEST_CASE("project(): ties, and a share exactly at each target's threshold meets it") {
  // ten_municipalities(). Every model's share at its horizon is the subject's 10 (no effect, trend
  // hold).
  NeetData data = ten_municipalities();
  Scenario s = no_effect_scenario();
  ProjectionResult r = ungegaranti::project(s, data, {Tier::kGuld, Tier::kSolv, Tier::kBronze});
  REQUIRE(r.baseline.size() == 2032 - 2024 + 1);  // the base year 2024 to the horizon 2032
  for (const auto& y : r.baseline) {
    CAPTURE(y.year);
    CHECK(y.share_pct == 10.0);
    // Among all: 8 and 9 are lower, the two 10s tie: rank 3 of 10, 3 x 3 = 9 <= 10: tercile 1.
    CHECK(y.all == Rank{3, 10, 1});
    // In the group: 9 is lower: rank 2 of 5; 6 > 5, 6 <= 10: tercile 2.
    CHECK(y.group == Rank{2, 5, 2});
  }
  CHECK(r.group_average_pct.front() == 10.0);  // (9 + 10 + 10 + 11) / 4

  // guld, best_third_all: N = 10, K = 3, T = the 3rd lowest of the others = 10 = the share.
  const ModelPath& guld = model(r, Tier::kGuld);
  CHECK(guld.horizon == 2032);
  CHECK(guld.share_at_horizon_pct == 10.0);
  CHECK(guld.threshold_pct == 10.0);
  CHECK(guld.margin_pp == 0.0);
  CHECK(guld.met);  // margin >= 0
  CHECK(guld.met_without);
  CHECK(guld.required_reduction_pp == 0.0);
  REQUIRE(guld.required_scale.has_value());
  CHECK(*guld.required_scale == 0.0);              // met without any effect
  CHECK(guld.years.back().all == Rank{3, 10, 1});  // at the threshold, rank K: the best third

  // solv, best_third_group: N = 5, K = 1, T = the lowest of the group's others = 9: not met.
  const ModelPath& solv = model(r, Tier::kSolv);
  CHECK(solv.threshold_pct == 9.0);
  CHECK(solv.margin_pp == -1.0);
  CHECK_FALSE(solv.met);
  CHECK_FALSE(solv.met_without);

  // bronze, group_average: T = (9 + 10 + 10 + 11) / 4 = 10 = the share: met, margin 0.
  const ModelPath& bronze = model(r, Tier::kBronze);
  CHECK(bronze.threshold_pct == 10.0);
  CHECK(bronze.margin_pp == 0.0);
  CHECK(bronze.met);
  CHECK(bronze.met_without);
}

TEST_CASE("project(): just above the K-th lowest is rank K + 1 and misses the best third") {
  // As above, but 151 at 9,5 instead of 10: the subject's 10 now has three others lower (8, 9,
  // 9,5), rank 4 of 10 (12 > 10: tercile 2), and the 3rd lowest, T = 9,5, is below it.
  NeetData data = hand_data({{101, {8, 1}},
                             {147, {9, 5}},
                             {151, {9.5, 5}},
                             {153, {10, 5}},
                             {155, {11, 5}},
                             {157, {12, 1}},
                             {159, {13, 1}},
                             {161, {14, 1}},
                             {163, {15, 1}},
                             {kSubject, {10, 5}}});
  ProjectionResult r = ungegaranti::project(no_effect_scenario(), data, {Tier::kGuld});
  const ModelPath& guld = model(r, Tier::kGuld);
  CHECK(guld.threshold_pct == 9.5);
  CHECK(guld.margin_pp == -0.5);
  CHECK_FALSE(guld.met);
  CHECK(guld.years.back().all == Rank{4, 10, 2});
}

TEST_CASE("project(): the best-third threshold at 98, 97, 99 and 10 municipalities") {
  // The others at 1, 2, ..., N - 1 percent (codes from 101, none of them 707), the subject at
  // K and at K + 0,5. K = floor(N / 3): 98 -> 32 (32,67 places is not 33), 97 -> 32, 99 -> 33,
  // 10 -> 3.
  // At K the subject has K - 1 others lower: rank K, 3K <= N, tercile 1, the target met with
  // margin 0. At K + 0,5 it has K lower: rank K + 1, 3 (K + 1) > N, tercile 2, missed by 0,5.
  struct Case {
    int n;
    int k;
  };
  for (const Case& c : {Case{98, 32}, Case{97, 32}, Case{99, 33}, Case{10, 3}}) {
    CAPTURE(c.n);
    for (double extra : {0.0, 0.5}) {
      CAPTURE(extra);
      std::map<int, Hand> municipalities;
      for (int i = 1; i < c.n; ++i)
        municipalities[100 + i] = {static_cast<double>(i), 1};
      municipalities[kSubject] = {c.k + extra, 1};
      ProjectionResult r =
          ungegaranti::project(no_effect_scenario(), hand_data(municipalities), {Tier::kGuld});
      const ModelPath& guld = model(r, Tier::kGuld);
      CHECK(guld.threshold_pct == c.k);
      CHECK(guld.margin_pp == -extra);
      CHECK(guld.met == (extra == 0.0));
      int rank = c.k + (extra == 0.0 ? 0 : 1);
      CHECK(guld.years.back().all == Rank{rank, c.n, extra == 0.0 ? 1 : 2});
    }
  }
}

TEST_CASE("the Monte Carlo's rerun ranks ties and judges the threshold as project() does") {
  // ten_municipalities(), as above: ProjectionRerun ranks by a binary search of the sorted
  // others, which must also count only those strictly lower.
  NeetData data = ten_municipalities();
  Scenario s = no_effect_scenario();
  ungegaranti::ProjectionRerun rerun(s, data, 0);
  rerun.run();
  const auto& guld = rerun.model(Tier::kGuld);
  CHECK(guld.share_at_horizon_pct == 10.0);
  CHECK(guld.rank_all == 3);
  CHECK(guld.met == true);  // at the threshold 10
  CHECK(rerun.model(Tier::kSolv).met == false);
  CHECK(rerun.model(Tier::kBronze).met == true);  // at the group average 10
}
