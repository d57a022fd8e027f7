#include "ungegaranti/cost.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "scenario_text.hpp"
#include "ungegaranti/assumptions.hpp"
#include "ungegaranti/load.hpp"
#include "ungegaranti/sampling.hpp"

using ungegaranti::Category;
using ungegaranti::compute_cost;
using ungegaranti::CostRow;
using ungegaranti::Quantity;
using ungegaranti::Scenario;
using ungegaranti::Tier;

namespace {

// Sum of the rows of one year, optionally of one line only.
double sum(const std::vector<CostRow>& rows, int year, const std::string& line = "") {
  double total = 0.0;
  for (const CostRow& r : rows) {
    if (r.year == year && (line.empty() || r.line == line))
      total += r.dkk;
  }
  return total;
}

}  // namespace

// Every figure below is worked out by hand from kHandScenario (scenario_text.hpp):
// hours_per_fte 1000, so cw costs 500 kr./hour and chief 1000 kr./hour; wages +10 %, other +5 %.
TEST_CASE("cost lines of the hand scenario, computed by hand") {
  auto s = ungegaranti::parse_scenario(kHandScenario, "t.yaml");
  struct Case {
    Tier tier;
    int year;
    const char* line;
    double dkk;
  };
  const Case cases[] = {
      // staffing: 1.5 FTE x 500.000, wage-indexed
      {Tier::kSolv, 2025, "staffing.cw", 750000},
      {Tier::kSolv, 2026, "staffing.cw", 825000},
      // initiative: (30.000 fixed + 10 x 20.000 x ramp) x (0.5 x wage index + 0.5 x other index)
      {Tier::kSolv, 2025, "mentor", 130000},   // (30.000 + 100.000) x 1
      {Tier::kSolv, 2026, "mentor", 247250},   // 230.000 x 1.075
      {Tier::kBronze, 2025, "mentor", 40000},  // 4 x 20.000 x 0.5
      // steering group: 4 meetings x 3 hours x 2 chiefs x 1.000 kr./hour
      {Tier::kGuld, 2025, "steering_group.chief", 24000},
      {Tier::kGuld, 2026, "steering_group.chief", 26400},
      // secretariat: 100 hours x 500 kr./hour
      {Tier::kSolv, 2025, "steering_group.secretariat", 50000},
      {Tier::kSolv, 2026, "steering_group.secretariat", 55000},
      // bronze's status reporting: 200 hours x 500 kr./hour
      {Tier::kBronze, 2025, "status_reporting", 100000},
      {Tier::kBronze, 2026, "status_reporting", 110000},
      // guld's one-off in 2026, other-indexed; nothing in 2025
      {Tier::kGuld, 2025, "one_off.mat", 0},
      {Tier::kGuld, 2026, "one_off.mat", 105000},
      // solv's funding from 2026, nominal
      {Tier::kSolv, 2025, "funding.p", 0},
      {Tier::kSolv, 2026, "funding.p", -40000},
  };
  for (const Case& c : cases) {
    CAPTURE(c.line);
    CAPTURE(c.year);
    CHECK(sum(compute_cost(s, c.tier), c.year, c.line) == doctest::Approx(c.dkk).epsilon(1e-12));
  }
}

TEST_CASE("yearly totals of the hand scenario, computed by hand") {
  auto s = ungegaranti::parse_scenario(kHandScenario, "t.yaml");
  // solv 2025: 750.000 + 130.000 + 24.000 + 50.000
  CHECK(sum(compute_cost(s, Tier::kSolv), 2025) == doctest::Approx(954000));
  // solv 2026: 825.000 + 247.250 + 26.400 + 55.000 - 40.000
  CHECK(sum(compute_cost(s, Tier::kSolv), 2026) == doctest::Approx(1113650));
  // guld 2026: 2 x 500.000 x 1.1 + 26.400 + 55.000 + 105.000 (guld has no mentor)
  CHECK(sum(compute_cost(s, Tier::kGuld), 2026) == doctest::Approx(1286400));
  // bronze 2025: 40.000 + 24.000 + 50.000 + 100.000
  CHECK(sum(compute_cost(s, Tier::kBronze), 2025) == doctest::Approx(214000));
}

TEST_CASE("rows carry their track, department, role and category") {
  auto s = ungegaranti::parse_scenario(kHandScenario, "t.yaml");
  std::map<std::string, CostRow> first;
  for (const CostRow& r : compute_cost(s, Tier::kGuld))
    first.try_emplace(r.line, r);
  CHECK(first.at("staffing.cw").department == "ama");
  CHECK(first.at("staffing.cw").role == "cw");
  CHECK(first.at("staffing.cw").track.empty());
  CHECK(first.at("steering_group.chief").department == "bfo");
  CHECK(first.at("steering_group.chief").category == Category::kCoordination);
  CHECK(first.at("one_off.mat").track == "b");
  CHECK(first.at("one_off.mat").department == "ama");
  CHECK(first.at("one_off.mat").category == Category::kOneOff);
  CHECK_FALSE(first.contains("mentor"));  // guld leaves the initiative out
}

TEST_CASE("index_factor runs from the price base in both directions") {
  CHECK(ungegaranti::index_factor(0.1, 2025, 2025) == 1.0);
  CHECK(ungegaranti::index_factor(0.1, 2025, 2027) == doctest::Approx(1.21));
  CHECK(ungegaranti::index_factor(0.1, 2025, 2024) == doctest::Approx(1 / 1.1));
}

TEST_CASE("a salary raise moves the total by exactly FTE x difference x wage index") {
  auto base = ungegaranti::load_scenario("");
  auto raised = ungegaranti::load_scenario("", {"roles.sagsbehandler.annual_cost=630000"});
  double diff = 630000 - base.role("sagsbehandler")->annual_cost.value;
  for (Tier tier : {Tier::kGuld, Tier::kSolv}) {
    double fte = 0;
    for (const auto& [role, q] : base.model(tier).staffing) {
      if (role == "sagsbehandler")
        fte = q.value;
    }
    REQUIRE(fte > 0);
    for (int year = base.first_year; year <= base.last_year(); ++year) {
      CAPTURE(year);
      double index = ungegaranti::index_factor(base.wage_indexation.value, base.price_base, year);
      CHECK(sum(compute_cost(raised, tier), year) - sum(compute_cost(base, tier), year) ==
            doctest::Approx(fte * diff * index).epsilon(1e-9));
    }
  }
}

// The plan is compiled once and reads its quantities' current values at each call: the Monte
// Carlo changes values and asks again. The hand scenario's solv with cw at 2,5 FTE, 20
// participants in mentor and 2.000 hours per FTE (cw 250 kr./hour, chief 500 kr./hour); wage
// index 1 / 1,1, other index 1 / 1,05.
TEST_CASE("a CostPlan lists the lines in the scenario's order and follows their values") {
  auto s = ungegaranti::parse_scenario(kHandScenario, "t.yaml");
  ungegaranti::CostPlan plan(s, Tier::kSolv);
  std::vector<std::string> ids;
  for (const ungegaranti::CostLine& line : plan.lines())
    ids.push_back(line.line);
  CHECK(ids == std::vector<std::string>{"staffing.cw", "mentor", "steering_group.chief",
                                        "steering_group.secretariat", "funding.p"});
  s.models[static_cast<size_t>(Tier::kSolv)].staffing[0].second.value = 2.5;
  s.initiatives[0].per_model[static_cast<size_t>(Tier::kSolv)]->participants.value = 20;
  s.hours_per_fte.value = 2000;
  const double wages[] = {1.0, 1.1}, other[] = {1.0, 1.05};
  std::vector<double> got;
  plan.for_each_amount(
      wages, other, [&](const ungegaranti::CostLine&, size_t, double dkk) { got.push_back(dkk); });
  const double want[] = {
      1250000, 1375000,  // 2,5 x 500.000, x 1,1
      230000,  462250,  // 30.000 + 20 x 20.000 x 0,5; (30.000 + 400.000) x (0,5 x 1,1 + 0,5 x 1,05)
      12000,   13200,   // 4 meetings x 3 hours x 2 chiefs x 500 kr./hour, x 1,1
      25000,   27500,   // 100 hours x 250 kr./hour, x 1,1
      0,       -40000,  // funding from 2026, nominal
  };
  REQUIRE(got.size() == std::size(want));
  for (size_t i = 0; i < got.size(); ++i) {
    CAPTURE(i);
    CHECK(got[i] == doctest::Approx(want[i]).epsilon(1e-12));
  }
  // compute_cost() gives the same amounts, bit for bit, as rows in the same order.
  std::vector<CostRow> rows = compute_cost(s, Tier::kSolv);
  REQUIRE(rows.size() == got.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    CAPTURE(i);
    CHECK(rows[i].line == ids[i / 2]);
    CHECK(rows[i].year == 2025 + static_cast<int>(i % 2));
    CHECK(rows[i].dkk == got[i]);
  }
}

namespace {

// kHandScenario with `years` budget years from 2025: the ramp is 0,5 then 1, guld's one-off falls
// in the second year and solv's funding runs from the second year to the end.
Scenario hand_years(int years) {
  std::string text = kHandScenario;
  auto replace = [&](const std::string& from, const std::string& to) {
    REQUIRE(text.find(from) != std::string::npos);
    text.replace(text.find(from), from.size(), to);
  };
  replace("count: 2", "count: " + std::to_string(years));
  std::string ramp = "ramp: [0.5";
  for (int y = 1; y < years; ++y)
    ramp += ", 1";
  replace("ramp: [0.5, 1]", ramp + "]");
  return ungegaranti::parse_scenario(text, "t.yaml");
}

// for_each_amount()'s sums, summed here in its order: the total at `wages`/`other`, and the gross
// per year and the running cost at price-base prices (what EconomicsKernel::run() sums).
ungegaranti::CostSums reference_sums(const ungegaranti::CostPlan& plan,
                                     std::span<const double> wages, std::span<const double> other) {
  ungegaranti::CostSums want;
  plan.for_each_amount(
      wages, other, [&](const ungegaranti::CostLine&, size_t, double dkk) { want.total += dkk; });
  std::vector<double> ones(plan.year_count(), 1.0);
  want.gross.assign(plan.year_count(), 0.0);
  plan.for_each_amount(ones, ones, [&](const ungegaranti::CostLine& line, size_t y, double dkk) {
    if (line.category == Category::kFunding)
      return;
    want.gross[y] += dkk;
    if (y + 1 == plan.year_count() && line.category != Category::kOneOff)
      want.running += dkk;
  });
  return want;
}

// Every quantity of `s`, to be moved by a test (s is the test's own: the same objects).
std::vector<Quantity*> every_quantity(Scenario& s) {
  std::vector<Quantity*> out;
  for (const Quantity* q : ungegaranti::all_quantities(s))
    out.push_back(const_cast<Quantity*>(q));
  return out;
}

// Their values now, to move them from and to restore them to.
std::vector<double> values_of(const std::vector<Quantity*>& quantities) {
  std::vector<double> out;
  for (const Quantity* q : quantities)
    out.push_back(q->value);
  return out;
}

}  // namespace

// Solv of the hand scenario at its own values: the total is 954.000 + 1.113.650 (the yearly totals
// above); at price-base prices 954.000 and 750.000 + 230.000 + 24.000 + 50.000 = 1.054.000 (no
// funding), and the running cost is the last year's 1.054.000. Guld: 2 x 500.000 + 24.000 + 50.000
// = 1.074.000 a year, plus the one-off's 100.000 in 2026, which is not running cost.
TEST_CASE("sum_amounts: the total, the price-base gross per year and the running cost by hand") {
  auto s = ungegaranti::parse_scenario(kHandScenario, "t.yaml");
  ungegaranti::IndexFactors index(s);
  index.update();
  ungegaranti::CostSums sums;
  ungegaranti::CostPlan(s, Tier::kSolv).sum_amounts(index, sums);
  CHECK(sums.total == doctest::Approx(954000 + 1113650).epsilon(1e-12));
  CHECK(sums.gross == std::vector<double>{954000, 1054000});
  CHECK(sums.running == 1054000);
  ungegaranti::CostPlan(s, Tier::kGuld).sum_amounts(index, sums);
  CHECK(sums.gross == std::vector<double>{1074000, 1174000});
  CHECK(sums.running == 1074000);
  // guld: 1.074.000 + 2 x 500.000 x 1,1 + 24.000 x 1,1 + 50.000 x 1,1 + 100.000 x 1,05
  CHECK(sums.total == doctest::Approx(1074000 + 1181400 + 105000).epsilon(1e-12));
}

// The Monte Carlo's sums are for_each_amount()'s amounts summed in the same order, for any number
// of budget years (4, 5 and 6 run unrolled; 2, 3 and 7 the general loop), on random values of
// every quantity: equal to the last bit; and TierCostPlans gives each model's sums in its lane.
TEST_CASE("sum_amounts gives for_each_amount's sums to the bit for any number of years") {
  for (int years : {2, 3, 4, 5, 6, 7}) {
    CAPTURE(years);
    Scenario s = hand_years(years);
    std::vector<Quantity*> quantities = every_quantity(s);
    std::vector<double> original = values_of(quantities);
    ungegaranti::IndexFactors index(s);
    std::vector<ungegaranti::CostPlan> plans;
    for (Tier tier : ungegaranti::kAllTiers)
      plans.emplace_back(s, tier);
    ungegaranti::CostSums sums;
    ungegaranti::TierCostPlans tier_plans(s);
    ungegaranti::TierCostSums tier_sums;
    const double kWageShares[] = {0.5, -1.759310426304349, 0.3, 2.5, 1.0, 0.0, -0.7};
    bool base_not_one = false;
    for (uint64_t draw = 0; draw < 40; ++draw) {
      CAPTURE(draw);
      // Every value times a factor in (0,5; 1,5); the rates stay put every fourth draw, so that
      // IndexFactors reuses its factors. Inside [0, 1], w + (1 - w) is exactly 1, outside it not
      // always (-1,759310426304349 gives 1 + 2^-52), so the price-base form must keep it: the wage
      // share takes values on both sides.
      for (size_t k = 0; k < quantities.size(); ++k) {
        bool rate = quantities[k] == &s.wage_indexation || quantities[k] == &s.other_indexation;
        if (rate && draw % 4 == 3)
          continue;
        quantities[k]->value =
            original[k] * (0.5 + ungegaranti::RandomStream(5, draw, k).uniform());
      }
      s.initiatives[0].wage_share.value = kWageShares[draw % std::size(kWageShares)];
      index.update();
      base_not_one = base_not_one || index.base_mix(0) != 1.0;
      std::vector<double> wages(static_cast<size_t>(years)), other(wages.size());
      ungegaranti::index_factors(s, s.wage_indexation.value, wages);
      ungegaranti::index_factors(s, s.other_indexation.value, other);
      CHECK(std::vector<double>(index.wages().begin(), index.wages().end()) == wages);
      CHECK(std::vector<double>(index.other().begin(), index.other().end()) == other);
      for (const ungegaranti::CostPlan& plan : plans) {
        CAPTURE(plan.tier());
        plan.sum_amounts(index, sums);
        ungegaranti::CostSums want = reference_sums(plan, wages, other);
        CHECK(sums.total == want.total);
        CHECK(sums.gross == want.gross);
        CHECK(sums.running == want.running);
        // And the total is compute_cost()'s rows summed in their order.
        double rows = 0;
        for (const CostRow& row : compute_cost(s, plan.tier()))
          rows += row.dkk;
        CHECK(sums.total == rows);
      }
      // The three models side by side (in AVX2 lanes for 4 to 6 years, where the processor has
      // AVX2: guld has no mentor line, bronze no staffing and one more coordination line, so
      // that some slots lack a model): each lane is its plan's sums. With AVX-512 the lanes are
      // read by loads instead of gathers (the suite runs this test with both, simd.avx2_forms).
      tier_plans.sum_amounts(index, tier_sums);
      REQUIRE(tier_sums.years() == static_cast<size_t>(years));
      for (const ungegaranti::CostPlan& plan : plans) {
        CAPTURE(plan.tier());
        const size_t m = static_cast<size_t>(plan.tier());
        plan.sum_amounts(index, sums);
        CHECK(tier_sums.total[m] == sums.total);
        CHECK(tier_sums.running[m] == sums.running);
        for (size_t y = 0; y < sums.gross.size(); ++y)
          CHECK(tier_sums.gross_at(y, m) == sums.gross[y]);
      }
    }
    CHECK(base_not_one);  // the draws did test the price-base form of an initiative
  }
}

// A narrower promise, by hand: only the named values move; a value taken as fixed is remembered
// with its bits, so that a change of sign of a zero is caught and a NaN that stays is not.
TEST_CASE("MovingValues and FixedValues by hand") {
  double rate = 0.1, zero = -0.0, nan = std::nan("");
  ungegaranti::MovingValues moving({&rate});
  CHECK(!moving.fixed(rate));
  CHECK(moving.fixed(zero));
  CHECK(!ungegaranti::MovingValues().fixed(zero));  // by default anything may change
  ungegaranti::FixedValues fixed;
  CHECK(!fixed.take(moving, rate));
  CHECK(fixed.take(moving, zero));
  CHECK(fixed.take(moving, nan));
  rate = 0.2;  // may move
  CHECK(fixed.unchanged());
  zero = 0.0;  // equal to -0 by ==, but not the same bits
  CHECK(!fixed.unchanged());
}

// Under a narrower promise TierCostPlans works out a slot's fixed factors and ramps once: the
// sums stay each plan's to the last bit, whichever values move (random subsets of every quantity,
// so that some slots are fixed in some lanes only), for the unrolled and the general lengths.
TEST_CASE("TierCostPlans under a narrower promise gives the same sums to the bit") {
  for (int years : {3, 4, 5, 6}) {
    CAPTURE(years);
    Scenario s = hand_years(years);
    std::vector<Quantity*> quantities = every_quantity(s);
    std::vector<double> original = values_of(quantities);
    for (uint64_t subset = 0; subset < 8; ++subset) {
      CAPTURE(subset);
      std::vector<size_t> moved;
      std::vector<const double*> at;
      for (size_t k = 0; k < quantities.size(); ++k) {
        // Subset 0: nothing moves; 1: everything; else about half the quantities.
        bool move =
            subset == 1 || (subset > 1 && ungegaranti::RandomStream(9, subset, k).uniform() < 0.5);
        if (move) {
          moved.push_back(k);
          at.push_back(&quantities[k]->value);
        }
      }
      ungegaranti::TierCostPlans narrow(s, ungegaranti::MovingValues(at));
      ungegaranti::IndexFactors index(s);
      ungegaranti::CostSums sums;
      ungegaranti::TierCostSums got;
      for (uint64_t draw = 0; draw < 12; ++draw) {
        CAPTURE(draw);
        for (size_t k : moved) {
          quantities[k]->value =
              original[k] * (0.5 + ungegaranti::RandomStream(7, draw, k).uniform());
        }
        index.update();
        narrow.sum_amounts(index, got);
        for (Tier tier : ungegaranti::kAllTiers) {
          CAPTURE(tier);
          const size_t m = static_cast<size_t>(tier);
          narrow.plan(tier).sum_amounts(index, sums);
          CHECK(got.total[m] == sums.total);
          CHECK(got.running[m] == sums.running);
          for (size_t y = 0; y < sums.gross.size(); ++y)
            CHECK(got.gross_at(y, m) == sums.gross[y]);
        }
      }
      for (size_t k = 0; k < quantities.size(); ++k)
        quantities[k]->value = original[k];
    }
  }
  // By hand, with only the wage rate moving (sum_amounts' case above): solv's total 954.000 +
  // 1.113.650 and its price-base gross 954.000 and 1.054.000.
  auto s = ungegaranti::parse_scenario(kHandScenario, "t.yaml");
  ungegaranti::TierCostPlans narrow(s, ungegaranti::MovingValues({&s.wage_indexation.value}));
  ungegaranti::IndexFactors index(s);
  index.update();
  ungegaranti::TierCostSums got;
  narrow.sum_amounts(index, got);
  const size_t solv = static_cast<size_t>(Tier::kSolv);
  CHECK(got.total[solv] == doctest::Approx(954000 + 1113650).epsilon(1e-12));
  CHECK(got.gross_at(0, solv) == 954000);
  CHECK(got.gross_at(1, solv) == 1054000);
  CHECK(got.running[solv] == 1054000);
}

// Each initiative's index is initiative_index() of its wage share and the year's factors to the
// bit, in both forms (four years in AVX2 lanes for 4 to 6 years, where the processor has AVX2;
// the suite runs again with UNGEGARANTI_NO_AVX2), on random rates and wage shares, some outside
// [0, 1] where w + (1 - w) is not always 1.
TEST_CASE("IndexFactors: each initiative's index is initiative_index() to the bit") {
  for (int years : {2, 3, 4, 5, 6, 7}) {
    CAPTURE(years);
    Scenario s = hand_years(years);
    ungegaranti::IndexFactors index(s);
    for (uint64_t draw = 0; draw < 20; ++draw) {
      CAPTURE(draw);
      s.wage_indexation.value = 0.1 * ungegaranti::RandomStream(8, draw, 0).uniform();
      s.other_indexation.value = 0.1 * ungegaranti::RandomStream(8, draw, 1).uniform();
      for (size_t i = 0; i < s.initiatives.size(); ++i) {
        s.initiatives[i].wage_share.value =
            4 * ungegaranti::RandomStream(8, draw, 2 + i).uniform() - 2;
      }
      index.update();
      for (size_t i = 0; i < s.initiatives.size(); ++i) {
        const double w = s.initiatives[i].wage_share.value;
        for (size_t y = 0; y < static_cast<size_t>(years); ++y) {
          CHECK(index.mix(i)[y] ==
                ungegaranti::initiative_index(w, 1 - w, index.wages()[y], index.other()[y]));
        }
        CHECK(index.base_mix(i) == ungegaranti::initiative_index(w, 1 - w, 1.0, 1.0));
      }
    }
    // Told that only the rates move, it reads the wage shares once: the same indexes.
    ungegaranti::IndexFactors narrow(
        s, ungegaranti::MovingValues({&s.wage_indexation.value, &s.other_indexation.value}));
    for (uint64_t draw = 0; draw < 10; ++draw) {
      CAPTURE(draw);
      s.wage_indexation.value = 0.1 * ungegaranti::RandomStream(10, draw, 0).uniform();
      s.other_indexation.value = 0.1 * ungegaranti::RandomStream(10, draw, 1).uniform();
      index.update();
      narrow.update();
      for (size_t i = 0; i < s.initiatives.size(); ++i) {
        for (size_t y = 0; y < static_cast<size_t>(years); ++y)
          CHECK(narrow.mix(i)[y] == index.mix(i)[y]);
        CHECK(narrow.base_mix(i) == index.base_mix(i));
      }
    }
  }
  // By hand (the hand scenario: wages 10 %, other 5 %, the mentor's wage share 0,5), the wage
  // share read once: 0,5 x 1,1 + 0,5 x 1,05 in the second year, 1 at price-base prices.
  auto s = ungegaranti::parse_scenario(kHandScenario, "t.yaml");
  ungegaranti::IndexFactors narrow(s, ungegaranti::MovingValues({&s.wage_indexation.value}));
  narrow.update();
  CHECK(narrow.mix(0)[1] == doctest::Approx(1.075).epsilon(1e-15));
  CHECK(narrow.base_mix(0) == 1.0);
  // A caller that breaks the promise is caught (update() asserts this in debug builds).
  CHECK(narrow.unchanged());
  s.initiatives[0].wage_share.value = 0.25;
  CHECK(!narrow.unchanged());
}

// The hand scenario's rates: wages 10 %, other 5 %; mentor's wage share 0,5.
TEST_CASE("IndexFactors: the factors and each initiative's index, following a changed rate") {
  auto s = ungegaranti::parse_scenario(kHandScenario, "t.yaml");
  ungegaranti::IndexFactors index(s);
  index.update();
  CHECK(index.wages()[0] == 1.0);
  CHECK(index.wages()[1] == doctest::Approx(1.1).epsilon(1e-15));
  CHECK(index.other()[1] == doctest::Approx(1.05).epsilon(1e-15));
  CHECK(index.mix(0)[0] == 1.0);                                    // 0,5 x 1 + 0,5 x 1
  CHECK(index.mix(0)[1] == doctest::Approx(1.075).epsilon(1e-15));  // 0,5 x 1,1 + 0,5 x 1,05
  CHECK(index.base_mix(0) == 1.0);
  s.wage_indexation.value = 0.2;
  s.initiatives[0].wage_share.value = 0.25;
  index.update();
  CHECK(index.wages()[1] == doctest::Approx(1.2).epsilon(1e-15));
  CHECK(index.mix(0)[1] == doctest::Approx(1.0875).epsilon(1e-15));  // 0,25 x 1,2 + 0,75 x 1,05
  // In the price base's own year the factor is 1 without pow(), for any rate, as pow(x, 0) is.
  CHECK(ungegaranti::index_factor(std::nan(""), 2025, 2025) == 1.0);
  CHECK(std::isnan(ungegaranti::index_factor(std::nan(""), 2025, 2026)));
}
