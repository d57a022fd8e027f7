#include "ungegaranti/backtest.hpp"

#include <doctest/doctest.h>

#include <cmath>

#include "ungegaranti/backtest_table.hpp"
#include "ungegaranti/chart.hpp"
#include "ungegaranti/projection.hpp"

using ungegaranti::Error;
using ungegaranti::forecast_errors;
using ungegaranti::ForecastErrors;
using ungegaranti::NeetData;
using ungegaranti::Projection;
using ungegaranti::Trend;

namespace {

// A small panel, 2010-2017, whose every projection can be worked out by hand:
//   national N(i) = 10 + 0.5 i                     (i = year - 2010; slope 0,5 on any window)
//   101 A: 8 + i                                   (slope 1)
//   102 B: 12 every year
//   103 C: 10, 14, 10, 14, ...                     (10 in even years)
//   104 D: 20 - 2 i                                (slope -2)
// A and B are DST group 1, C and D group 2.
NeetData panel() {
  NeetData d;
  d.municipalities = {
      {101, "A", 1, "g1"}, {102, "B", 1, "g1"}, {103, "C", 2, "g2"}, {104, "D", 2, "g2"}};
  for (int i = 0; i < 8; ++i) {
    double x = i;
    d.years.push_back(2010 + i);
    d.national.push_back(10 + 0.5 * x);
    d.shares[101].push_back(8 + x);
    d.shares[102].push_back(12);
    d.shares[103].push_back(i % 2 == 0 ? 10 : 14);
    d.shares[104].push_back(20 - 2 * x);
  }
  d.vintage = "test panel 2010-2017";
  return d;
}

Projection rule(Trend trend, int base_years, int trend_years = 5) {
  Projection p;
  p.trend = trend;
  p.base_years = base_years;
  p.trend_years = trend_years;
  return p;
}

void check_errors(const ForecastErrors& got, const std::vector<int>& origins,
                  const std::vector<std::vector<double>>& expected) {
  CHECK(got.codes == std::vector<int>{101, 102, 103, 104});
  REQUIRE(got.origins == origins);
  REQUIRE(got.error_pp.size() == expected.size());
  for (size_t o = 0; o < expected.size(); ++o) {
    CAPTURE(origins[o]);
    REQUIRE(got.error_pp[o].size() == 4);
    for (size_t m = 0; m < 4; ++m) {
      CAPTURE(m);
      CHECK(got.error_pp[o][m] == doctest::Approx(expected[o][m]).epsilon(1e-12));
    }
  }
}

}  // namespace

TEST_CASE("forecast_errors: hold, national, own and mean of k on a hand-computed panel") {
  NeetData d = panel();
  struct Case {
    const char* name;
    Projection rule;
    std::vector<int> origins;
    std::vector<std::vector<double>> errors;  // per origin: A, B, C, D
  };
  // Distance 2: the origin o needs o + 2 <= 2017, so o <= 2015.
  // hold, k=1: projected = share(o), error = share(o+2) - share(o):
  //   A +2, B 0, C 0 (period 2), D -4; every origin from 2010 (one year needed).
  std::vector<double> hold1 = {2, 0, 0, -4};
  // hold, k=3: projected = mean of o-2..o, origins from 2012.
  //   A: mean = share(o) - 1, share(o+2) = share(o) + 2 -> +3
  //   C: even o: mean(10,14,10) = 34/3, observed 10 -> -4/3; odd o: mean(14,10,14) = 38/3,
  //      observed 14 -> +4/3
  //   D: mean = share(o) + 2, share(o+2) = share(o) - 4 -> -6
  std::vector<double> hold3_even = {3, 0, -4.0 / 3, -6}, hold3_odd = {3, 0, 4.0 / 3, -6};
  // national, k=1, trend over 3 years: projected = share(o) + 0,5 * 2, origins from 2012:
  //   A 2 - 1 = 1, B -1, C -1, D -4 - 1 = -5
  std::vector<double> national = {1, -1, -1, -5};
  // own, k=1, trend over 2 years (the last difference): projected = share(o) + 2 * slope:
  //   A slope 1 -> 0; B 0; D slope -2 -> 0;
  //   C even o: slope 10 - 14 = -4, projected 10 - 8 = 2, observed 10 -> +8; odd o: slope +4,
  //   projected 22, observed 14 -> -8. Origins from 2011.
  std::vector<double> own_even = {0, 0, 8, 0}, own_odd = {0, 0, -8, 0};
  Case cases[] = {
      {"hold k=1",
       rule(Trend::kHold, 1),
       {2010, 2011, 2012, 2013, 2014, 2015},
       {hold1, hold1, hold1, hold1, hold1, hold1}},
      {"hold k=3",
       rule(Trend::kHold, 3),
       {2012, 2013, 2014, 2015},
       {hold3_even, hold3_odd, hold3_even, hold3_odd}},
      {"national k=1, 3 years",
       rule(Trend::kNational, 1, 3),
       {2012, 2013, 2014, 2015},
       {national, national, national, national}},
      {"own k=1, 2 years",
       rule(Trend::kOwn, 1, 2),
       {2011, 2012, 2013, 2014, 2015},
       {own_odd, own_even, own_odd, own_even, own_odd}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    ForecastErrors got = forecast_errors(c.rule, d, 2);
    CHECK(got.distance == 2);
    check_errors(got, c.origins, c.errors);
  }
}

TEST_CASE("forecast_errors: revert estimates phi from the data up to the origin only") {
  // Distance 6: o <= 2011, and revert needs two years, so 2011 is the only origin.
  // Gaps to the national level, share - N: 2010: A -2, B 2, C 0, D 10; 2011: A -1,5, B 1,5,
  // C 3,5, D 7,5.
  //   phi = (3 + 3 + 0 + 75) / (4 + 4 + 0 + 100) = 81 / 108 = 0,75
  // Reference: N(2011) = 10,5 (k=1). Projected 2017 = 10,5 + 0,75^6 * (share 2011 - 10,5), with
  // 0,75^6 = 0,177978515625:
  //   A 10,5 - 1,5 * 0,177978515625 = 10,2330322265625, observed 15 -> 4,7669677734375
  //   B 10,5 + 1,5 * ...            = 10,7669677734375, observed 12 -> 1,2330322265625
  //   C 10,5 + 3,5 * ...            = 11,1229248046875, observed 14 -> 2,8770751953125
  //   D 10,5 + 7,5 * ...            = 11,8348388671875, observed  6 -> -5,8348388671875
  // Had phi seen the later years it would not be 0,75 (through 2012 it is 118/181, below).
  ForecastErrors got = forecast_errors(rule(Trend::kRevert, 1), panel(), 6);
  check_errors(got, {2011},
               {{4.7669677734375, 1.2330322265625, 2.8770751953125, -5.8348388671875}});
}

TEST_CASE("reversion_factor: pooled least squares of next year's gap on this year's, in [0, 1]") {
  // Through 2012 the pairs (2010, 2011) give 81 / 108 as above, and (2011, 2012), with the 2012
  // gaps A -1, B 1, C -1, D 5: (1,5 + 1,5 - 3,5 + 37,5) / (2,25 + 2,25 + 12,25 + 56,25) = 37 / 73.
  // Together: (81 + 37) / (108 + 73) = 118 / 181.
  NeetData d = panel();
  CHECK(ungegaranti::reversion_factor(ungegaranti::truncated(d, 2012)) ==
        doctest::Approx(118.0 / 181).epsilon(1e-14));
  // Gaps that flip sign every year: the estimate -1 is clamped to 0.
  NeetData flip = ungegaranti::truncated(d, 2011);
  flip.national = {10, 10};
  flip.shares[101] = {11, 9};
  flip.shares[102] = {9, 11};
  flip.shares[103] = {10, 10};
  flip.shares[104] = {12, 8};
  CHECK(ungegaranti::reversion_factor(flip) == 0.0);
  // Gaps that double: 2 is clamped to 1.
  flip.shares[101] = {11, 12};
  flip.shares[102] = {9, 8};
  flip.shares[104] = {12, 14};
  CHECK(ungegaranti::reversion_factor(flip) == 1.0);
}

TEST_CASE("revert: the projection's Development reverts the gap to the national base mean") {
  // k = 3 through 2017: reference = mean N(2015..2017) = (12,5 + 13 + 13,5) / 3 = 13,
  // A's base = mean(13, 14, 15) = 14; one year on: 13 + phi * 1.
  NeetData d = panel();
  ungegaranti::Development dev(rule(Trend::kRevert, 3), d);
  CHECK(dev.reference() == doctest::Approx(13.0));
  CHECK(dev.share(101, 2017) == doctest::Approx(14.0));
  CHECK(dev.share(101, 2018) == doctest::Approx(13 + dev.phi()));
  CHECK(dev.share(101, 2020) == doctest::Approx(13 + std::pow(dev.phi(), 3)));
  CHECK(dev.phi() == doctest::Approx(ungegaranti::reversion_factor(d)));
}

TEST_CASE("forecast_errors: what cannot be backtested is an Error") {
  NeetData d = panel();
  NeetData no_national = d;
  no_national.national.clear();
  struct Case {
    const char* name;
    Projection rule;
    const NeetData* data;
    int distance;
    const char* error;
  };
  Case cases[] = {
      {"distance as long as the data", rule(Trend::kHold, 1), &d, 8,
       "no origin year for a backtest 8 years ahead: the rule hold, base_years=1 needs 1 data "
       "years up to the origin, so the data 2010-2017 allows at most 7 years ahead"},
      {"a trend on more years than the data has", rule(Trend::kOwn, 1, 9), &d, 1,
       "the rule own, base_years=1, trend_years=9 needs 9 data years before the year it projects "
       "to, and the data covers only 2010-2017"},
      {"mean of 7 years, 2 ahead", rule(Trend::kHold, 7), &d, 2,
       "no origin year for a backtest 2 years ahead: the rule hold, base_years=7 needs 7 data "
       "years up to the origin, so the data 2010-2017 allows at most 1 years ahead"},
      {"a trend on all 8 years", rule(Trend::kNational, 1, 8), &d, 1,
       "the rule national, base_years=1, trend_years=8 needs 8 data years before the year it "
       "projects to, and the data covers only 2010-2017"},
      {"distance 0", rule(Trend::kHold, 1), &d, 0, "the distance must be at least 1 year (got 0)"},
      {"revert without a national series", rule(Trend::kRevert, 1), &no_national, 2,
       "the rule revert, base_years=1 needs a national series in the comparison data"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK_THROWS_WITH_AS(forecast_errors(c.rule, *c.data, c.distance), c.error, Error);
  }
}

namespace {

// Six municipalities in two DST groups of three, 2020-2022, for the scores of backtest():
//   code  2020 2021 2022   group
//     1    10   12   11      1
//     2     8    8    9      1
//     3    14   10   13      1
//     4     6    7    5      2
//     5    12   16   15      2
//     6     9    6    8      2
NeetData six() {
  NeetData d;
  double rows[6][3] = {{10, 12, 11}, {8, 8, 9}, {14, 10, 13}, {6, 7, 5}, {12, 16, 15}, {9, 6, 8}};
  for (int i = 0; i < 6; ++i) {
    int code = i + 1;
    std::string name = "M";
    name += std::to_string(code);
    d.municipalities.push_back({code, name, i < 3 ? 1 : 2, "g"});
    d.shares[code] = {rows[i][0], rows[i][1], rows[i][2]};
  }
  d.years = {2020, 2021, 2022};
  d.national = {10, 10, 10};
  return d;
}

}  // namespace

TEST_CASE("backtest: each rule's scores on a hand-computed panel") {
  // Distance 1, rules hold k=1 and hold k=2: k=2 needs two years, so the common origin is 2021
  // alone and the target year 2022. Observed 2022: 11, 9, 13, 5, 15, 8.
  //
  // hold, k=1: projected = 2021 = 12, 8, 10, 7, 16, 6; errors -1, 1, 3, -2, -1, 2.
  //   MAE 10/6, bias 2/6. Sorted -2 -1 -1 1 2 3: P5 at h = 0,05*5 = 0,25: -2 + 0,25*1 = -1,75;
  //   P95 at h = 4,75: 2 + 0,75*(3-2) = 2,75.
  //   Ranks among all (1 = lowest): observed 4 3 5 1 6 2, projected 5 3 4 2 6 1; |diff| 1 0 1 1
  //   0 1 -> 4/6. Terciles of 6 (rank <= 2: 1, <= 4: 2, else 3): observed 2 2 3 1 3 1,
  //   projected 3 2 2 1 3 1 -> 4 of 6 right.
  //   Best third of the group of 3 = lowest of it: group 1 observed and projected both code 2;
  //   group 2 observed code 4 (5), projected code 6 (6 < 7): codes 4 and 6 wrong -> 4 of 6.
  //   At or below the mean of the group's others: observed T T F | T F T; projected
  //   12 <= 9 F, 8 <= 11 T, 10 <= 10 T | 7 <= 11 T, 16 <= 6,5 F, 6 <= 11,5 T -> codes 1 and 3
  //   wrong -> 4 of 6.
  // hold, k=2: projected = mean(2020, 2021) = 11, 8, 12, 6,5, 14, 7,5; errors 0, 1, 1, -1,5, 1,
  //   0,5. MAE 5/6, bias 2/6. Sorted -1,5 0 0,5 1 1 1: P5 -1,5 + 0,25*1,5 = -1,125; P95 1.
  //   Projected ranks 4 3 5 1 6 2 = observed: rank error 0, terciles and best thirds all right.
  //   Group average: code 1 11 <= mean(8, 12) = 10 is F (observed T), the rest right -> 5 of 6.
  //
  // Margins, threshold - share. Best third of all: of 6, the 2nd lowest of the 5 others.
  //   observed: thresholds 8 8 8 9 8 9 -> margins -3 -1 -5 4 -7 1
  //   hold k=1: thresholds 7 7 7 8 7 8, shares 12 8 10 7 16 6 -> margins -5 -1 -3 1 -9 2;
  //     errors 2 0 -2 3 2 -1: MAE 10/6, bias 4/6
  //   hold k=2: thresholds 7,5 7,5 7,5 8 7,5 8, shares 11 8 12 6,5 14 7,5 -> margins -3,5 -0,5
  //     -4,5 1,5 -6,5 0,5; errors 0,5 -0,5 -0,5 2,5 -0,5 0,5: MAE 5/6, bias 2/6
  //   Group average, mean of the group's others - share:
  //   observed: 0 3 -3 | 6,5 -8,5 2
  //   hold k=1: 9-12 = -3, 11-8 = 3, 10-10 = 0 | 11-7 = 4, 6,5-16 = -9,5, 11,5-6 = 5,5;
  //     errors 3 0 -3 2,5 1 -3,5: MAE 13/6
  //   hold k=2: 10-11 = -1, 11,5-8 = 3,5, 9,5-12 = -2,5 | 10,75-6,5 = 4,25, 7-14 = -7,
  //     10,25-7,5 = 2,75; errors 1 -0,5 -0,5 2,25 -1,5 -0,75: MAE 6,5/6
  std::vector<Projection> rules = {rule(Trend::kHold, 1), rule(Trend::kHold, 2)};
  ungegaranti::BacktestResult r = ungegaranti::backtest(rules, six(), 1, 3);
  CHECK(r.origins == std::vector<int>{2021});
  CHECK(r.subject_name == "M3");
  CHECK(r.revert_phi.empty());
  struct Expected {
    const char* rule;
    int count;
    double mae, bias, p5, p95, rank, tercile, best_third, group_average;
    double third_mae, third_bias, group_mae;
  };
  // Code 3 alone: hold k=1 error 3, rank 5 against 4, tercile 3 against 2, best third right
  // (neither), group average wrong (F against T), margin errors -2 and -3; hold k=2 error 1,
  // everything right, margin errors -0,5 and -0,5.
  Expected all[] = {
      {"hold, base_years=1", 6, 10.0 / 6, 2.0 / 6, -1.75, 2.75, 4.0 / 6, 4.0 / 6, 4.0 / 6, 4.0 / 6,
       10.0 / 6, 4.0 / 6, 13.0 / 6},
      {"hold, base_years=2", 6, 5.0 / 6, 2.0 / 6, -1.125, 1, 0, 1, 1, 5.0 / 6, 5.0 / 6, 2.0 / 6,
       6.5 / 6},
  };
  Expected alone[] = {
      {"hold, base_years=1", 1, 3, 3, 3, 3, 1, 0, 1, 0, 2, -2, 3},
      {"hold, base_years=2", 1, 1, 1, 1, 1, 0, 1, 1, 1, 0.5, -0.5, 0.5},
  };
  auto check = [](const std::vector<ungegaranti::RuleScore>& got, const Expected* expected) {
    REQUIRE(got.size() == 2);
    for (size_t i = 0; i < 2; ++i) {
      const Expected& e = expected[i];
      const ungegaranti::RuleScore& s = got[i];
      CAPTURE(e.rule);
      CHECK(s.rule == e.rule);
      CHECK(s.count == e.count);
      CHECK(s.mae_pp == doctest::Approx(e.mae));
      CHECK(s.bias_pp == doctest::Approx(e.bias));
      CHECK(s.p5_pp == doctest::Approx(e.p5));
      CHECK(s.p95_pp == doctest::Approx(e.p95));
      CHECK(s.rank_mae == doctest::Approx(e.rank));
      CHECK(s.tercile_hit == doctest::Approx(e.tercile));
      CHECK(s.best_third_hit == doctest::Approx(e.best_third));
      CHECK(s.group_average_hit == doctest::Approx(e.group_average));
      CHECK(s.third_margin_mae_pp == doctest::Approx(e.third_mae));
      CHECK(s.third_margin_bias_pp == doctest::Approx(e.third_bias));
      CHECK(s.group_margin_mae_pp == doctest::Approx(e.group_mae));
    }
  };
  check(r.all, all);
  check(r.subject, alone);

  // The table carries the same figures, the hit rates in percent.
  std::vector<ungegaranti::Table> tables =
      ungegaranti::backtest_tables(r, ungegaranti::Stamp{}, ungegaranti::Lang::kEn);
  REQUIRE(tables.size() == 2);
  CHECK(tables[0].id == "backtest");
  CHECK(tables[0].title == "Backtest: NEET share 1 years ahead, all municipalities");
  REQUIRE(tables[0].rows.size() == 2);
  const auto& cells = tables[0].rows[0].cells;
  CHECK(cells[0].text == "unchanged, k=1");
  CHECK(*cells[2].number == doctest::Approx(10.0 / 6));
  CHECK(*cells[7].number == doctest::Approx(100 * 4.0 / 6));
  CHECK(tables[1].title == "Backtest: NEET share 1 years ahead, M3 (3)");
}

TEST_CASE("backtest: the rules of the command, and the origins the most demanding one allows") {
  Projection base = rule(Trend::kHold, 1, 3);
  std::vector<Projection> rules = ungegaranti::backtest_rules(base, {1, 3}, true);
  std::vector<std::string> labels;
  for (const Projection& p : rules)
    labels.push_back(ungegaranti::rule_label(p));
  CHECK(labels ==
        std::vector<std::string>{"hold, base_years=1", "national, base_years=1, trend_years=3",
                                 "own, base_years=1, trend_years=3", "revert, base_years=1",
                                 "hold, base_years=3", "national, base_years=3, trend_years=3",
                                 "own, base_years=3, trend_years=3", "revert, base_years=3"});
  CHECK(ungegaranti::backtest_rules(base, {2}, false).size() == 2);  // hold and own
  // On the 2010-2017 panel, 2 ahead: every rule needs at most 3 years -> origins 2012-2015, and
  // hold k=1 scores the errors forecast_errors() gives for those origins: A 2, B 0, C 0, D -4.
  ungegaranti::BacktestResult r = ungegaranti::backtest(rules, panel(), 2, 101);
  CHECK(r.origins == std::vector<int>{2012, 2013, 2014, 2015});
  CHECK(r.all[0].count == 16);
  CHECK(r.all[0].mae_pp == doctest::Approx(1.5));    // (2 + 0 + 0 + 4) / 4
  CHECK(r.all[0].bias_pp == doctest::Approx(-0.5));  // (2 - 4) / 4
  CHECK(r.subject[0].mae_pp == doctest::Approx(2.0));
  // revert's factor at each origin is the one reversion_factor() gives on the data up to it.
  REQUIRE(r.revert_phi.size() == 4);
  CHECK(r.revert_phi[0] == doctest::Approx(118.0 / 181));
  CHECK_THROWS_WITH_AS(ungegaranti::backtest(rules, panel(), 2, 999),
                       "kommunekode 999 is not in the comparison data", Error);
  // The rule that leaves no origin is the one the message names, whatever comes first.
  std::vector<Projection> long_trend = {rule(Trend::kHold, 1), rule(Trend::kOwn, 1, 7)};
  CHECK_THROWS_WITH_AS(ungegaranti::backtest(long_trend, panel(), 2, 101),
                       "no origin year for a backtest 2 years ahead: the rule own, base_years=1, "
                       "trend_years=7 needs 7 data years up to the origin, so the data 2010-2017 "
                       "allows at most 1 years ahead",
                       Error);
}

TEST_CASE("backtest_chart: one line per rule, the mean absolute error at each distance") {
  // On the panel, hold k=1 one year ahead has errors A 1, B 0, C +-4, D -2 at every origin
  // (C alternates 10/14), MAE (1 + 0 + 4 + 2) / 4 = 1,75; two ahead 1,5 (above).
  std::vector<Projection> rules = {rule(Trend::kHold, 1), rule(Trend::kRevert, 1)};
  std::vector<ungegaranti::BacktestResult> by_distance;
  for (int d = 1; d <= 2; ++d)
    by_distance.push_back(ungegaranti::backtest(rules, panel(), d, 101));
  ungegaranti::LineChart chart = ungegaranti::backtest_chart(by_distance, ungegaranti::Lang::kEn);
  REQUIRE(chart.series.size() == 2);
  CHECK(chart.series[0].key == "hold, base_years=1");
  CHECK(chart.series[0].label == "unchanged, k=1");
  CHECK(chart.series[1].label == "towards national level, k=1");
  CHECK(chart.series[0].x == std::vector<double>{1, 2});
  REQUIRE(chart.series[0].y.size() == 2);
  CHECK(chart.series[0].y[0] == doctest::Approx(1.75));
  CHECK(chart.series[0].y[1] == doctest::Approx(1.5));
  CHECK(chart.series[1].y[1] == doctest::Approx(by_distance[1].all[1].mae_pp));
}
