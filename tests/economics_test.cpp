#include "ungegaranti/economics.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "scenario_text.hpp"
#include "test_util.hpp"
#include "ungegaranti/economics_table.hpp"
#include "ungegaranti/load.hpp"
#include "ungegaranti/neet_data.hpp"
#include "ungegaranti/sampling.hpp"

using ungegaranti::EconomicsResult;
using ungegaranti::kForAll;
using ungegaranti::kForEkstern;
using ungegaranti::kForKommune;
using ungegaranti::kForRegion;
using ungegaranti::kForStat;
using ungegaranti::Scenario;
using ungegaranti::Tier;

namespace {

EconomicsResult run(const std::vector<std::string>& sets = {}, const std::string& file = "") {
  Scenario s = ungegaranti::load_scenario(file, sets);
  auto data = ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
  std::vector<Tier> tiers(ungegaranti::kAllTiers.begin(), ungegaranti::kAllTiers.end());
  auto projection = ungegaranti::project(s, data, tiers, ungegaranti::economics_last_year(s));
  return ungegaranti::compute_economics(s, projection);
}

}  // namespace

TEST_CASE("net present value and break-even, worked out by hand") {
  // -100 + 50 / 1.1 + 60 / 1.21 = -100 + 45.4545... + 49.5867... = -4.9586...: never paid back.
  CHECK(ungegaranti::npv({-100, 50, 60}, 0.1) == doctest::Approx(-4.958677686).epsilon(1e-9));
  CHECK_FALSE(ungegaranti::break_even({-100, 50, 60}, 0.1).has_value());
  // -100 + 60 / 1.1 + 60 / 1.21 = 4.1322...: the accumulated result turns positive in year 3.
  CHECK(ungegaranti::npv({-100, 60, 60}, 0.1) == doctest::Approx(4.132231405).epsilon(1e-9));
  CHECK(ungegaranti::break_even({-100, 60, 60}, 0.1) == 2u);
  CHECK(ungegaranti::break_even({5, -1}, 0.1) == 0u);
  CHECK(ungegaranti::npv({}, 0.035) == 0.0);
  // Discounted to a year before the first: 100 one year later is worth 100 / 1.1 = 90.9091.
  CHECK(ungegaranti::npv({100}, 0.1, 1) == doctest::Approx(90.909090909).epsilon(1e-9));
  // To a year after the first: 100 a year earlier is compounded, 100 x 1.1 + 110 = 220.
  CHECK(ungegaranti::npv({100, 110}, 0.1, -1) == doctest::Approx(220.0).epsilon(1e-12));
  // Offset 1: accumulated -100 / 1.1 = -90.9091; + 60 / 1.21 = -41.3223; + 60 / 1.331 = 3.7566:
  // paid back in the third year.
  CHECK(ungegaranti::break_even({-100, 60, 60}, 0.1, 1) == 2u);
}

TEST_CASE("each year: avoided NEET years x value per payer, against real costs") {
  EconomicsResult r = run();
  REQUIRE(r.models.size() == 3);
  CHECK(r.first_year == 2025);
  CHECK(r.last_year == 2034);  // ten years
  CHECK(r.population_16_24 == 3300);
  // The default's values per person-year (worked out in "the price catalogue" below): per
  // avoided NEET year kommune 18.672,440117, stat 11.481,811003 (saved uddannelseshjælp); per
  // year in work + 50.000 and + 30.000 (tax); per year in education stat - 114.920,594368 (SU and
  // taxameter).
  const auto& guld = r.models[0];
  for (const auto& y : guld.years) {
    CAPTURE(y.year);
    double a = y.avoided_neet_years, w = y.work_years, e = y.education_years;
    CHECK(w + e == doctest::Approx(a));
    CHECK(y.benefit[kForKommune] == doctest::Approx(a * 18672.440116615 + w * 50000));
    CHECK(y.benefit[kForStat] ==
          doctest::Approx(a * 11481.811003385 + w * 30000 - e * 114920.59439));
    CHECK(y.benefit[kForAll] == doctest::Approx(y.benefit[kForKommune] + y.benefit[kForStat]));
  }
  // 2025 costs in 2025 prices equal the cost table's 2025 column (tests/golden/cost_by_year.txt;
  // the index is 1 in the price base year). The municipality pays the net cost, the state the
  // funding, and the total is the gross cost.
  CHECK(guld.years[0].cost[kForAll] == doctest::Approx(7199489.0).epsilon(1e-6));
  // Guld's pool from 2026 is paid by the external funders, not the state.
  CHECK(guld.years[1].cost[kForEkstern] == doctest::Approx(250000));
  CHECK(guld.years[1].cost[kForStat] == 0.0);
  CHECK(guld.years[1].cost[kForKommune] == doctest::Approx(guld.years[1].cost[kForAll] - 250000));
  CHECK(guld.years[1].benefit[kForEkstern] == 0.0);
  // After the budget years: the last budget year's gross cost without one-offs, no funding.
  CHECK(guld.years[5].cost[kForAll] == doctest::Approx(guld.years[4].cost[kForAll]));
  CHECK(guld.years[5].cost[kForEkstern] == 0.0);
  CHECK(guld.years[5].cost[kForKommune] == doctest::Approx(guld.years[5].cost[kForAll]));
  // The NPV is the sum of the discounted yearly net results.
  double npv = 0;
  for (size_t t = 0; t < guld.years.size(); ++t) {
    const auto& y = guld.years[t];
    npv += (y.benefit[kForAll] - y.cost[kForAll]) / std::pow(1.035, static_cast<double>(t));
  }
  CHECK(guld.npv[kForAll] == doctest::Approx(npv));
  CHECK(guld.npv[kForKommune] + guld.npv[kForStat] + guld.npv[kForEkstern] ==
        doctest::Approx(guld.npv[kForAll]));
  CHECK(r.discount_to == 2025);  // the price base
  CHECK(guld.years.back().accumulated[kForAll] == doctest::Approx(npv));
  CHECK(*guld.cost_per_avoided == doctest::Approx(guld.cost[kForAll] / guld.avoided_neet_years));
}

TEST_CASE("steps up by cost, and a dominated model is marked") {
  EconomicsResult r = run();
  REQUIRE(r.increments.size() == 2);
  CHECK(r.increments[0].from == Tier::kBronze);
  CHECK(r.increments[0].to == Tier::kSolv);
  CHECK(r.increments[1].to == Tier::kGuld);
  CHECK(r.increments[0].extra_cost ==
        doctest::Approx(r.models[1].cost[kForAll] - r.models[2].cost[kForAll]));
  CHECK(r.dominated.empty());
  // bronze -> sølv costs more per extra avoided year than sølv -> guld (the default's figures:
  // about 324.000 against 190.000 kr.), so sølv is extendedly dominated. Without sølv, the step
  // bronze -> guld costs (cost_guld - cost_bronze) / (avoided_guld - avoided_bronze), about
  // 251.500 kr., a little less than bronze's own ratio from "no guarantee" (about 252.000 kr.),
  // so bronze is extendedly dominated too: guld buys avoided years more cheaply than either.
  double to_solv = *r.increments[0].cost_per_extra_avoided;
  double to_guld = *r.increments[1].cost_per_extra_avoided;
  double from_none = *r.models[2].cost_per_avoided;
  double bronze_to_guld = (r.models[0].cost[kForAll] - r.models[2].cost[kForAll]) /
                          (r.models[0].avoided_neet_years - r.models[2].avoided_neet_years);
  REQUIRE(to_solv > to_guld);
  REQUIRE(from_none > bronze_to_guld);
  CHECK(r.extended_dominated == std::vector<Tier>{Tier::kSolv, Tier::kBronze});

  // Bronze made dearer than sølv and without effect: it costs more and avoids less.
  std::vector<std::string> sets = {"models.bronze.status_reporting.hours_per_year=200000"};
  for (const char* track : {"stotte", "grundskole", "vejledning", "virksomhed"})
    sets.push_back(std::string("models.bronze.effects.") + track + "=0");
  EconomicsResult worse = run(sets);
  REQUIRE(worse.dominated.size() == 1);
  CHECK(worse.dominated[0] == Tier::kBronze);
  CHECK(worse.models[2].avoided_neet_years == 0.0);
  CHECK_FALSE(worse.models[2].cost_per_avoided.has_value());
}

TEST_CASE("a higher value per avoided year can make a model pay back") {
  EconomicsResult r = run({"economics.benefits.oevrige_effekter.amount=500000"});
  CHECK(r.models[2].npv[kForAll] > 0);
  REQUIRE(r.models[2].break_even[kForAll].has_value());
  CHECK(*r.models[2].break_even[kForAll] >= 2025);
  CHECK_FALSE(r.models[2].break_even[kForKommune].has_value());  // the state gains, not the kommune
}

TEST_CASE("economics needs a projection and a 16-24 band") {
  CHECK_THROWS_WITH_AS(
      ungegaranti::load_scenario(test_data("other.yaml"),
                                 {"population=[]", "economics={benefits: []}"}),
      "--set economics={benefits: []}: 'economics' needs a 'projection' section: the avoided NEET "
      "years come from it\n"
      "--set economics={benefits: []}: 'economics' needs a population band from 16 to 24: the "
      "number of 16-24-year-olds turns NEET shares into person-years",
      ungegaranti::Error);
}

namespace {

// The present value of the costs in total: sum of cost_total(y) / 1.035^(y - discount_to).
double pv_cost(const ungegaranti::ModelEconomics& m, int discount_to) {
  double pv = 0;
  for (const auto& y : m.years)
    pv += y.cost[kForAll] / std::pow(1.035, static_cast<double>(y.year - discount_to));
  return pv;
}

}  // namespace

TEST_CASE("a programme that starts a year later is discounted one year more") {
  // examples/start-et-aar-senere.yaml: budget years 2026-2030 with the same ramp and amounts in
  // 2025 prices, so its cost in 2026 + k equals the default's in 2025 + k (k = 0..9, running costs
  // included). Both are discounted to the price base 2025, so every cost of the variant gets one
  // more factor 1 / 1.035: PV_later = PV_default / 1.035, about 3,4 % less.
  EconomicsResult now = run();
  EconomicsResult later = run({}, "examples/start-et-aar-senere.yaml");
  REQUIRE(later.first_year == 2026);
  CHECK(later.discount_to == 2025);
  for (size_t t = 0; t < 3; ++t) {
    CAPTURE(t);
    const auto& a = now.models[t];
    const auto& b = later.models[t];
    for (size_t k = 0; k < a.years.size(); ++k)
      CHECK(b.years[k].cost[kForAll] == doctest::Approx(a.years[k].cost[kForAll]));
    CHECK(pv_cost(b, 2025) < pv_cost(a, 2025));
    CHECK(pv_cost(b, 2025) == doctest::Approx(pv_cost(a, 2025) / 1.035));
  }
  // The first year of the variant, 2026, is discounted once: its accumulated result is its net
  // result / 1.035.
  const auto& y0 = later.models[1].years[0];
  CHECK(y0.accumulated[kForAll] ==
        doctest::Approx((y0.benefit[kForAll] - y0.cost[kForAll]) / 1.035));
  // discount_to = the first year gives back the old convention: the first year undiscounted.
  EconomicsResult first = run({"economics.discount_to=2026"}, "examples/start-et-aar-senere.yaml");
  const auto& f0 = first.models[1].years[0];
  CHECK(f0.accumulated[kForAll] == doctest::Approx(f0.benefit[kForAll] - f0.cost[kForAll]));
}

TEST_CASE("after_budget: stop ends costs and avoided years with the budget years") {
  EconomicsResult on = run();
  EconomicsResult stop = run({"economics.after_budget=stop"});
  CHECK(stop.after_budget == ungegaranti::AfterBudget::kStop);
  for (size_t t = 0; t < 3; ++t) {
    CAPTURE(t);
    const auto& a = on.models[t];
    const auto& b = stop.models[t];
    REQUIRE(b.years.size() == 10);  // 2025-2034 still shown
    double npv = 0, avoided = 0;
    for (size_t k = 0; k < 10; ++k) {
      CAPTURE(k);
      if (k < 5) {  // 2025-2029: as when it runs on
        CHECK(b.years[k].cost == a.years[k].cost);
        CHECK(b.years[k].avoided_neet_years == a.years[k].avoided_neet_years);
        npv += (a.years[k].benefit[kForAll] - a.years[k].cost[kForAll]) /
               std::pow(1.035, static_cast<double>(k));
        avoided += a.years[k].avoided_neet_years;
      } else {  // 2030-2034: nothing
        CHECK(b.years[k].cost[kForAll] == 0.0);
        CHECK(b.years[k].avoided_neet_years == 0.0);
      }
    }
    CHECK(b.npv[kForAll] == doctest::Approx(npv));
    CHECK(b.avoided_neet_years == doctest::Approx(avoided));
  }
}

TEST_CASE("discount_to and after_budget: located errors") {
  CHECK_THROWS_WITH_AS(run({"economics.discount_to=1999"}),
                       "--set economics.discount_to=1999: 'economics.discount_to' must be a whole "
                       "number from 2000 to 2100 (got 1999)",
                       ungegaranti::Error);
  CHECK_THROWS_WITH_AS(run({"economics.after_budget=pause"}),
                       "--set economics.after_budget=pause: 'economics.after_budget' must be one "
                       "of continue, stop (got 'pause')",
                       ungegaranti::Error);
}

TEST_CASE("the price catalogue: prices indexed from their own year to the price base") {
  Scenario s = ungegaranti::load_scenario("", {});
  const auto& e = *s.economics;
  // Uddannelseshjælp under 25, 2023 rates (bm.dk): udeboende 12 x 6.545 = 78.540 kr., hjemmeboende
  // 12 x 2.820 = 33.840 kr. a year, indexed 2023 -> 2025 by the satsreguleringsprocent 3,6 %:
  // 1,036^2 = 1,073296.
  const auto* ude = ungegaranti::find_by_id(e.prices, "uddannelseshjaelp_udeboende");
  const auto* hjemme = ungegaranti::find_by_id(e.prices, "uddannelseshjaelp_hjemmeboende");
  const auto* loen = ungegaranti::find_by_id(e.prices, "aarsloen_ung_ufaglaert");
  REQUIRE(ude != nullptr);
  REQUIRE(hjemme != nullptr);
  REQUIRE(loen != nullptr);
  CHECK(ude->amount.value == 78540);
  CHECK(hjemme->amount.value == 33840);
  CHECK(ungegaranti::price_index(s, *ude) == doctest::Approx(1.073296).epsilon(1e-12));
  CHECK(ungegaranti::price_index(s, *loen) == 1.0);  // priced in the price base year 2025
  // Per avoided NEET year (applies_to: avoided), saved uddannelseshjælp:
  //   0,25 x (78.540 + 33.840) x 1,073296 = 0,25 x 120.617,00448 = 30.154,25112 kr., split by
  //   the refusion over a 52-week spell, state share R = 19,8 / 52 = 0,380769230769:
  //   kommune 30.154,25112 x (1 - R) = 18.672,440117, stat 30.154,25112 x R = 11.481,811003.
  // Per avoided NEET year in work (applies_to: work), tax of the 200.000 kr. pay:
  //   kommune 0,25 x 200.000 = 50.000, stat 0,15 x 200.000 = 30.000.
  // Per avoided NEET year in education (applies_to: education), costs paid by the state:
  //   SU (su.dk, 2014): 12 x 5.839 = 70.068 and 12 x 2.516 = 30.192 kr. a year, x 1,036^11 =
  //   1,475561480658 to 2025: 0,39 x (70.068 + 30.192) x 1,475561480658 = 0,39 x 100.260 x
  //   1,475561480658 = 39.101,4 x 1,475561480658 = 57.696,519680;
  //   taxameter stx 55.110 kr. (2023) x 1,019^2 = 55.110 x 1,038361 = 57.224,074710;
  //   stat -(57.696,519680 + 57.224,074710) = -114.920,594390.
  using ungegaranti::AppliesTo;
  auto v = ungegaranti::value_per_person_year(s);
  const auto& avoided = v[static_cast<size_t>(AppliesTo::kAvoided)];
  const auto& work = v[static_cast<size_t>(AppliesTo::kWork)];
  const auto& education = v[static_cast<size_t>(AppliesTo::kEducation)];
  CHECK(avoided[kForKommune] == doctest::Approx(18672.440116615).epsilon(1e-12));
  CHECK(avoided[kForStat] == doctest::Approx(11481.811003385).epsilon(1e-12));
  CHECK(avoided[kForAll] == doctest::Approx(30154.25112).epsilon(1e-12));
  CHECK(work[kForKommune] == doctest::Approx(50000).epsilon(1e-12));
  CHECK(work[kForStat] == doctest::Approx(30000).epsilon(1e-12));
  CHECK(education[kForKommune] == 0.0);
  CHECK(education[kForStat] == doctest::Approx(-114920.59439).epsilon(1e-10));
  for (const auto& base : v)
    CHECK(base[kForEkstern] == 0.0);
  const auto* su = ungegaranti::find_by_id(e.prices, "su_udeboende");
  REQUIRE(su != nullptr);
  CHECK(ungegaranti::price_index(s, *su) == doctest::Approx(1.475561480658).epsilon(1e-12));
  const auto* su_line = ungegaranti::find_by_id(e.benefits, "su_udeboende_stat");
  REQUIRE(su_line != nullptr);
  // 0,39 x 70.068 x 1,475561480658 = 40.321,960312, a cost: negative.
  CHECK(ungegaranti::benefit_value(s, *su_line) == doctest::Approx(-40321.960312).epsilon(1e-10));

  // A price from a later year is deflated: the wage in 2027 prices with wages at 5 % a year is
  // worth 200.000 / 1,05^2 = 181.405,895692 in 2025 prices; skat_kommune = 0,25 of it.
  Scenario later = ungegaranti::load_scenario(
      "", {"indexation.wages=0.05", "economics.prices.aarsloen_ung_ufaglaert.price_year=2027"});
  const auto* w = ungegaranti::find_by_id(later.economics->prices, "aarsloen_ung_ufaglaert");
  CHECK(ungegaranti::price_index(later, *w) == doctest::Approx(1 / 1.1025).epsilon(1e-12));
  const auto* tax = ungegaranti::find_by_id(later.economics->benefits, "skat_kommune");
  CHECK(ungegaranti::benefit_value(later, *tax) == doctest::Approx(45351.473923).epsilon(1e-10));
  // 'none' leaves a price as it is: uddannelseshjælp at its 2023 level, the municipality's part
  // 0,25 x 78.540 x (1 - 19,8 / 52) = 19.635 x 0,619230769231 = 12.158,596154.
  Scenario flat = ungegaranti::load_scenario(
      "", {"economics.prices.uddannelseshjaelp_udeboende.indexation=none"});
  const auto* b =
      ungegaranti::find_by_id(flat.economics->benefits, "uddannelseshjaelp_udeboende_kommune");
  CHECK(ungegaranti::benefit_value(flat, *b) == doctest::Approx(12158.596153846).epsilon(1e-12));
}

TEST_CASE("the price catalogue: located errors") {
  struct Case {
    std::string set, message;
  };
  const Case cases[] = {
      {"economics.prices.aarsloen_ung_ufaglaert.indexation=cpi",
       "--set economics.prices.aarsloen_ung_ufaglaert.indexation=cpi: "
       "'economics.prices.aarsloen_ung_ufaglaert.indexation' must be one of satsregulering, pl, "
       "loen, none (got 'cpi')"},
      {"economics.prices.aarsloen_ung_ufaglaert.price_year=1990",
       "--set economics.prices.aarsloen_ung_ufaglaert.price_year=1990: "
       "'economics.prices.aarsloen_ung_ufaglaert.price_year' must be a whole number from 2000 to "
       "2100 (got 1990)"},
      {"economics.benefits.skat_stat.price=aarsloen_ung_ufaglart",
       "--set economics.benefits.skat_stat.price=aarsloen_ung_ufaglart: "
       "'economics.benefits.skat_stat.price' names an unknown price 'aarsloen_ung_ufaglart' (did "
       "you mean 'aarsloen_ung_ufaglaert'?)"},
      {"economics.benefits.skat_stat.share=1.5",
       "--set economics.benefits.skat_stat.share=1.5: 'economics.benefits.skat_stat.share' must "
       "be a share from 0 to 1 (got 1.5)"},
      {"economics.benefits.skat_stat.amount=5",
       "--set economics.benefits.skat_stat.amount=5: 'economics.benefits.skat_stat' has both "
       "'amount' and 'price': give either an amount or a share of a price"},
      {"economics.benefits.oevrige_effekter.share=0.5",
       "--set economics.benefits.oevrige_effekter.share=0.5: "
       "'economics.benefits.oevrige_effekter.share' needs a 'price' (a share of which price?)"},
      {"economics.satsregulering=2",
       "--set economics.satsregulering=2: 'economics.satsregulering' must be a share from 0 to 1 "
       "(got 2)"},
      {"economics.benefits.skat_stat.applies_to=students",
       "--set economics.benefits.skat_stat.applies_to=students: "
       "'economics.benefits.skat_stat.applies_to' must be one of avoided, education, work (got "
       "'students')"},
      {"economics.benefits.su_udeboende_stat.kind=cost",
       "--set economics.benefits.su_udeboende_stat.kind=cost: "
       "'economics.benefits.su_udeboende_stat.kind' must be one of saved_benefit, paid_benefit, "
       "tax, education_cost, other (got 'cost')"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.set);
    CHECK_THROWS_WITH_AS(ungegaranti::load_scenario("", {c.set}), c.message.c_str(),
                         ungegaranti::Error);
  }
}

TEST_CASE("refusion by duration: the steps of § 5, stk. 2 weighted by the weeks on benefit") {
  // 80 % in weeks 1-4, 40 % in 5-26, 30 % in 27-52, 20 % from week 53.
  ungegaranti::Refusion r;
  r.steps = {{1, 0.8}, {5, 0.4}, {27, 0.3}, {53, 0.2}};
  struct Case {
    double weeks, state;
  };
  const Case cases[] = {
      {2, 0.8},              // within the first step: 2 x 0,8 / 2
      {4, 0.8},              // 4 x 0,8 / 4
      {26, 12.0 / 26},       // (4 x 0,8 + 22 x 0,4) / 26 = 12 / 26 = 0,461538
      {30.5, 13.35 / 30.5},  // (3,2 + 8,8 + 4,5 x 0,3) / 30,5 = 13,35 / 30,5 = 0,437705
      {52, 19.8 / 52},       // (3,2 + 8,8 + 26 x 0,3) / 52 = 19,8 / 52 = 0,380769
      {104, 30.2 / 104},     // (19,8 + 52 x 0,2) / 104 = 30,2 / 104 = 0,290385
  };
  for (const Case& c : cases) {
    CAPTURE(c.weeks);
    r.spell_weeks.value = c.weeks;
    CHECK(ungegaranti::mean_refusion(r) == doctest::Approx(c.state).epsilon(1e-12));
  }
  // The default's spell of 52 weeks, from the scenario.
  Scenario s = ungegaranti::load_scenario("", {});
  CHECK(ungegaranti::mean_refusion(*s.economics->refusion) ==
        doctest::Approx(19.8 / 52).epsilon(1e-12));
  // A longer spell moves value from the state to the municipality; the total stays.
  // Kommune per avoided NEET year: 30.154,25112 x (1 - 30,2 / 104) = 21.397,822
  Scenario longer = ungegaranti::load_scenario("", {"economics.refusion.spell_weeks=104"});
  auto a = ungegaranti::value_per_person_year(s)[0];  // AppliesTo::kAvoided
  auto b = ungegaranti::value_per_person_year(longer)[0];
  CHECK(b[kForKommune] == doctest::Approx(30154.25112 * (1 - 30.2 / 104)).epsilon(1e-12));
  CHECK(b[kForKommune] > a[kForKommune]);
  CHECK(b[kForAll] == doctest::Approx(a[kForAll]).epsilon(1e-12));
}

TEST_CASE("refusion: located errors") {
  struct Case {
    std::string set, message;
  };
  const Case cases[] = {
      {"economics.refusion.spell_weeks=0",
       "--set economics.refusion.spell_weeks=0: 'economics.refusion.spell_weeks' must be > 0 (got "
       "0)"},
      {"economics.refusion.steps.0.from_week=2",
       "--set economics.refusion.steps.0.from_week=2: 'economics.refusion.steps.0.from_week' must "
       "be 1 (got 2)"},
      {"economics.refusion.steps.1.from_week=1",
       "--set economics.refusion.steps.1.from_week=1: 'economics.refusion.steps.1.from_week' must "
       "be a whole number from 2 to 10000 (got 1)"},
      {"economics.refusion.steps.0.state_share=1.2",
       "--set economics.refusion.steps.0.state_share=1.2: "
       "'economics.refusion.steps.0.state_share' must be a share from 0 to 1 (got 1.2)"},
      {"economics.benefits.skat_stat.refusion=region",
       "--set economics.benefits.skat_stat.refusion=region: "
       "'economics.benefits.skat_stat.refusion' must be one of kommune, stat (got 'region')"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.set);
    CHECK_THROWS_WITH_AS(ungegaranti::load_scenario("", {c.set}), c.message.c_str(),
                         ungegaranti::Error);
  }
}

TEST_CASE("persistence: the last year's effect fades after the horizon with a half-life") {
  // Σ_{k>=1} q^k = q / (1 - q), q = 0.5^(1/h) / (1 + r).
  // h = 1, r = 0:     q = 0.5,                     factor 0.5 / 0.5 = 1 (1/2 + 1/4 + ... = 1).
  // h = 1, r = 0.1:   q = 0.5 / 1.1 = 0.454545,    factor 0.454545 / 0.545455 = 0.833333.
  // h = 2, r = 0.035: q = 0.707107 / 1.035 = 0.683195, factor 0.683195 / 0.316805 = 2.156515.
  CHECK(ungegaranti::persistence_factor(1, 0) == doctest::Approx(1.0).epsilon(1e-12));
  CHECK(ungegaranti::persistence_factor(1, 0.1) == doctest::Approx(0.833333333333).epsilon(1e-11));
  CHECK(ungegaranti::persistence_factor(2, 0.035) == doctest::Approx(2.1565154160).epsilon(1e-10));
  CHECK(ungegaranti::persistence_factor(0, 0.035) == 0.0);

  EconomicsResult none = run();
  EconomicsResult fading = run({"economics.persistence.half_life_years=2"});
  for (size_t t = 0; t < 3; ++t) {
    CAPTURE(t);
    const auto& a = none.models[t];
    const auto& b = fading.models[t];
    CHECK(a.long_run[kForAll] == 0.0);
    // 2034's benefit, discounted to 2025 (/ 1.035^9), times 2.1565154160; no costs.
    double tail = b.years.back().benefit[kForAll] / std::pow(1.035, 9.0) * 2.1565154160;
    CHECK(b.long_run[kForAll] == doctest::Approx(tail).epsilon(1e-9));
    CHECK(b.npv[kForAll] == doctest::Approx(a.npv[kForAll] + tail).epsilon(1e-9));
    CHECK(b.long_run[kForEkstern] == 0.0);
    CHECK(b.long_run[kForKommune] + b.long_run[kForStat] ==
          doctest::Approx(b.long_run[kForAll]).epsilon(1e-9));
  }
  CHECK_THROWS_WITH_AS(run({"economics.persistence.half_life_years=-1"}),
                       "--set economics.persistence.half_life_years=-1: "
                       "'economics.persistence.half_life_years' must be >= 0 (got -1)",
                       ungegaranti::Error);
}

namespace {

struct Run {
  ungegaranti::ProjectionResult projection;
  EconomicsResult economics;
};

Run run_both(const std::vector<std::string>& sets) {
  Scenario s = ungegaranti::load_scenario("", sets);
  auto data = ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
  std::vector<Tier> tiers(ungegaranti::kAllTiers.begin(), ungegaranti::kAllTiers.end());
  Run r;
  r.projection = ungegaranti::project(s, data, tiers, ungegaranti::economics_last_year(s));
  r.economics = ungegaranti::compute_economics(s, r.projection);
  return r;
}

// Guld with the effects of every track but `kept` set to 0.
std::vector<std::string> only_track(const std::string& kept) {
  std::vector<std::string> sets = {"economics.persistence.half_life_years=2"};
  for (const char* track : {"stotte", "grundskole", "vejledning", "virksomhed"}) {
    if (track != kept)
      sets.push_back(std::string("models.guld.effects.") + track + "=0");
  }
  return sets;
}

}  // namespace

TEST_CASE("where the young person goes: the split from the levers, SU and education costs") {
  // Only Virksomhedssporet (NEET -> work): in the first projected year, 2025, the cohort model
  // has moved people from NEET to employed only (the education column of the step is computed
  // from unchanged transitions), so every avoided NEET year is in work: W = A, E = 0. Per year:
  //   kommune A x (18.672,440117 + 50.000)               = A x 68.672,440117
  //   stat    A x (11.481,811003 + 30.000)               = A x 41.481,811003
  //   total   A x (30.154,25112 + 80.000)                = A x 110.154,25112
  {
    Run r = run_both(only_track("virksomhed"));
    const auto& y = r.economics.models[0].years[0];
    REQUIRE(y.year == 2025);
    REQUIRE(y.avoided_neet_years > 0);
    CHECK(y.work_years == doctest::Approx(y.avoided_neet_years).epsilon(1e-9));
    CHECK(y.education_years == doctest::Approx(0.0).epsilon(1e-9));
    CHECK(y.benefit[kForKommune] == doctest::Approx(y.avoided_neet_years * 68672.440116615));
    CHECK(y.benefit[kForStat] == doctest::Approx(y.avoided_neet_years * 41481.811003385));
    CHECK(y.benefit[kForAll] == doctest::Approx(y.avoided_neet_years * 110154.25112));
    // The later years take the split from the projection's path, year by year.
    for (size_t t = 0; t < r.economics.models[0].years.size(); ++t) {
      const auto& yt = r.economics.models[0].years[t];
      size_t i = static_cast<size_t>(yt.year - r.projection.base_year);
      CAPTURE(yt.year);
      CHECK(yt.work_years ==
            doctest::Approx(yt.avoided_neet_years * r.projection.models[0].years[i].work_share));
    }
  }
  // Only Vejledningssporet (NEET -> education): in 2025 every avoided NEET year is in education,
  // so the state pays SU and the taxameter for it:
  //   kommune A x 18.672,440117
  //   stat    A x (11.481,811003 - 114.920,59439)        = A x -103.438,783387
  //   total   A x (30.154,25112 - 114.920,59439)         = A x -84.766,34327
  // With a half-life of 2 years the 2034 benefit goes on after the horizon:
  //   long_run = benefit(2034) / 1,035^9 x 2,1565154160, split by item as benefit(2034) is.
  Run r = run_both(only_track("vejledning"));
  const auto& m = r.economics.models[0];
  const auto& y = m.years[0];
  REQUIRE(y.avoided_neet_years > 0);
  CHECK(y.education_years == doctest::Approx(y.avoided_neet_years).epsilon(1e-9));
  CHECK(y.work_years == doctest::Approx(0.0).epsilon(1e-9));
  CHECK(y.benefit[kForKommune] == doctest::Approx(y.avoided_neet_years * 18672.440116615));
  CHECK(y.benefit[kForStat] == doctest::Approx(y.avoided_neet_years * -103438.783387));
  CHECK(y.benefit[kForAll] == doctest::Approx(y.avoided_neet_years * -84766.34327));
  using ungegaranti::BenefitKind;
  auto kind = [](BenefitKind k) { return static_cast<size_t>(k); };
  // SU alone: E x -57.696,519680 for the state; the education cost: E x -57.224,074710.
  CHECK(y.by_kind[kind(BenefitKind::kPaidBenefit)][kForStat] ==
        doctest::Approx(y.education_years * -57696.51968));
  CHECK(y.by_kind[kind(BenefitKind::kEducationCost)][kForStat] ==
        doctest::Approx(y.education_years * -57224.07471));
  CHECK(y.by_kind[kind(BenefitKind::kPaidBenefit)][kForKommune] == 0.0);
  const auto& last = m.years.back();
  double tail = last.benefit[kForStat] / std::pow(1.035, 9.0) * 2.1565154160;
  CHECK(m.long_run[kForStat] == doctest::Approx(tail).epsilon(1e-9));
  // Service and transfers apart: the items add up to the NPV for every payer.
  for (size_t payer = 0; payer < ungegaranti::kPayerCount; ++payer) {
    CAPTURE(payer);
    double sum = -m.pv_cost[payer];
    for (const auto& item : m.pv_by_kind)
      sum += item[payer];
    CHECK(sum == doctest::Approx(m.npv[payer]).epsilon(1e-9));
  }
  // The SU item holds its share of the long-run value: Σ_t by_kind(t) / 1,035^t + the tail.
  double su = 0;
  for (size_t t = 0; t < m.years.size(); ++t)
    su += m.years[t].by_kind[kind(BenefitKind::kPaidBenefit)][kForStat] /
          std::pow(1.035, static_cast<double>(t));
  su +=
      last.by_kind[kind(BenefitKind::kPaidBenefit)][kForStat] / std::pow(1.035, 9.0) * 2.1565154160;
  CHECK(m.pv_by_kind[kind(BenefitKind::kPaidBenefit)][kForStat] ==
        doctest::Approx(su).epsilon(1e-9));
}

TEST_CASE("work_share: the same in project() and in the Monte Carlo's ProjectionRerun") {
  Scenario s = ungegaranti::load_scenario("", {});
  auto data = ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
  std::vector<Tier> tiers(ungegaranti::kAllTiers.begin(), ungegaranti::kAllTiers.end());
  int through = ungegaranti::economics_last_year(s);
  auto p = ungegaranti::project(s, data, tiers, through, false);
  ungegaranti::ProjectionRerun rerun(s, data, through);
  rerun.run();
  for (const auto& m : p.models) {
    CAPTURE(ungegaranti::tier_id(m.tier));
    const auto& run = rerun.model(m.tier);
    REQUIRE(run.work_share.size() >= static_cast<size_t>(through - p.base_year + 1));
    // The base year is the steady state: nothing moved, so 0.
    CHECK(m.years[0].work_share == 0.0);
    CHECK(run.work_share[0] == 0.0);
    for (size_t i = 1; i <= static_cast<size_t>(through - p.base_year); ++i) {
      CAPTURE(m.years[i].year);
      // Every lever of the default moves people out of NEET, so the share is within [0, 1].
      CHECK(m.years[i].work_share >= 0.0);
      CHECK(m.years[i].work_share <= 1.0);
      CHECK(run.work_share[i] == m.years[i].work_share);  // the same cohort kernel
    }
  }
  for (const auto& y : p.baseline)
    CHECK(y.work_share == 0.0);
}

TEST_CASE("a region as payer: its own NPV, and its columns only when a line is paid by a region") {
  // oevrige_effekter is an amount per avoided NEET year, 0 kr. and paid to the state in the
  // default. Paid to a region at 10.000 kr., the region gains A x 10.000 kr. in each year with A
  // avoided NEET years, and nobody else's figures move:
  //   benefit[region](y) = A(y) x 10.000, benefit[stat](y) unchanged,
  //   npv[region] = sum_t A(t) x 10.000 / 1,035^t (t = 0 in 2025, discount_to 2025; no
  //   persistence in the default), npv[total] = the default's npv[total] + npv[region].
  Run a = run_both({});
  Run b = run_both({"economics.benefits.oevrige_effekter.payer=region",
                    "economics.benefits.oevrige_effekter.amount=10000"});
  const auto& ma = a.economics.models[0];
  const auto& mb = b.economics.models[0];
  REQUIRE(ma.years.size() == mb.years.size());
  double npv = 0;
  for (size_t t = 0; t < mb.years.size(); ++t) {
    const auto& ya = ma.years[t];
    const auto& yb = mb.years[t];
    CHECK(yb.benefit[kForRegion] == doctest::Approx(yb.avoided_neet_years * 10000).epsilon(1e-12));
    CHECK(yb.benefit[kForStat] == doctest::Approx(ya.benefit[kForStat]).epsilon(1e-12));
    CHECK(yb.benefit[kForKommune] == doctest::Approx(ya.benefit[kForKommune]).epsilon(1e-12));
    CHECK(ya.benefit[kForRegion] == 0.0);
    CHECK(yb.cost[kForRegion] == 0.0);
    npv += yb.avoided_neet_years * 10000 / std::pow(1.035, static_cast<double>(t));
  }
  CHECK(mb.npv[kForRegion] == doctest::Approx(npv).epsilon(1e-9));
  CHECK(mb.npv[kForAll] == doctest::Approx(ma.npv[kForAll] + npv).epsilon(1e-9));
  CHECK(mb.npv[kForKommune] + mb.npv[kForStat] + mb.npv[kForEkstern] + mb.npv[kForRegion] ==
        doctest::Approx(mb.npv[kForAll]).epsilon(1e-9));

  auto column_ids = [](const ungegaranti::Table& t) {
    std::vector<std::string> ids;
    for (const auto& c : t.columns)
      ids.push_back(c.id);
    return ids;
  };
  auto has = [](const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  Scenario sa = ungegaranti::load_scenario("", {});
  Scenario sb =
      ungegaranti::load_scenario("", {"economics.benefits.oevrige_effekter.payer=region",
                                      "economics.benefits.oevrige_effekter.amount=10000"});
  auto ta = ungegaranti::economics_tables(sa, a.economics, ungegaranti::Lang::kDa);
  auto tb = ungegaranti::economics_tables(sb, b.economics, ungegaranti::Lang::kDa);
  REQUIRE(ta.size() == tb.size());
  for (const auto& [table, column] :
       {std::pair{size_t{0}, "npv_region"}, std::pair{size_t{1}, "region"},
        std::pair{size_t{2}, "net_region"}}) {
    CHECK_FALSE(has(column_ids(ta[table]), column));
    std::vector<std::string> ids = column_ids(tb[table]);
    REQUIRE(has(ids, column));
    CHECK(ids.size() == ta[table].columns.size() + 1);
    for (const auto& row : tb[table].rows)
      CHECK(row.cells.size() == ids.size());
  }
  // The summary's region column holds each model's npv[region], right after the state's.
  std::vector<std::string> ids = column_ids(tb[0]);
  size_t at = static_cast<size_t>(std::find(ids.begin(), ids.end(), "npv_region") - ids.begin());
  CHECK(ids.at(at - 1) == "npv_stat");
  REQUIRE(tb[0].rows[0].cells.at(at).number.has_value());
  CHECK(*tb[0].rows[0].cells.at(at).number == doctest::Approx(mb.npv[kForRegion]));
}

namespace {

// The hand scenario (scenario_text.hpp) with four economics years at 10 %: every 100.000 kr. of
// benefit per avoided NEET year is the municipality's, every 50.000 kr. per year in work the
// state's. Set in code: the kernel needs no projection section or population band, which the
// loader would ask for with an economics section.
Scenario hand_economics() {
  Scenario s = ungegaranti::parse_scenario(kHandScenario, "t.yaml");
  ungegaranti::EconomicsSettings e;
  e.discount_rate.value = 0.1;
  e.discount_to = 2025;
  e.horizon_years = 4;
  ungegaranti::Benefit saved;
  saved.id = "saved";
  saved.payer = ungegaranti::Payer::kKommune;
  saved.amount.value = 100000;
  saved.kind = ungegaranti::BenefitKind::kSavedBenefit;
  ungegaranti::Benefit tax;
  tax.id = "tax";
  tax.payer = ungegaranti::Payer::kStat;
  tax.amount.value = 50000;
  tax.applies_to = ungegaranti::AppliesTo::kWork;
  tax.kind = ungegaranti::BenefitKind::kTax;
  e.benefits = {saved, tax};
  s.economics = e;
  return s;
}

// From the base year 2024: the baseline stays at 10 %, solv brings it to 9 % and then 8 %.
const double kBaseline[] = {10, 10, 10, 10, 10};
const double kPath[] = {10, 9, 8, 8, 8};
const double kWorkShare[] = {0, 0.5, 0.5, 0.25, 0.25};

}  // namespace

// Everything below is worked out by hand. Solv's costs in price-base prices (cost_test.cpp):
// 2025 750.000 + 130.000 + 24.000 + 50.000 = 954.000; 2026 750.000 + 230.000 + 24.000 + 50.000 =
// 1.054.000 gross, of which funding pays 40.000; 2027-2028 the running cost 1.054.000. With 1.000
// 16-24-year-olds the avoided NEET years are (10 - 9) % x 1.000 = 10 in 2025 and 20 a year after,
// of which 5, 10, 5, 5 in work.
TEST_CASE("the economics kernel, worked out by hand") {
  Scenario s = hand_economics();
  ungegaranti::CostPlan plan(s, Tier::kSolv);
  ungegaranti::EconomicsPaths paths{2024, kBaseline, kPath, kWorkShare};
  ungegaranti::PerBase value = ungegaranti::value_per_person_year(s);
  ungegaranti::EconomicsKernel k(s);
  k.run(plan, value, 1000, paths);
  REQUIRE(k.year_count() == 4);
  CHECK(k.avoided() == std::vector<double>{10, 20, 20, 20});
  CHECK(k.work() == std::vector<double>{5, 10, 5, 5});
  CHECK(k.education() == std::vector<double>{5, 10, 15, 15});
  CHECK(k.avoided_sum() == 70);
  CHECK(k.work_sum() == 25);
  CHECK(k.education_sum() == 45);
  CHECK(k.payer(kForAll).cost == std::vector<double>{954000, 1054000, 1054000, 1054000});
  CHECK(k.payer(kForKommune).cost == std::vector<double>{954000, 1014000, 1054000, 1054000});
  CHECK(k.payer(kForEkstern).cost == std::vector<double>{0, 40000, 0, 0});
  CHECK(k.payer(kForStat).cost == std::vector<double>{0, 0, 0, 0});
  // benefit: kommune 100.000 x avoided, state 50.000 x work.
  CHECK(k.payer(kForKommune).benefit == std::vector<double>{1e6, 2e6, 2e6, 2e6});
  CHECK(k.payer(kForStat).benefit == std::vector<double>{250000, 500000, 250000, 250000});
  CHECK(k.payer(kForAll).benefit == std::vector<double>{1250000, 2500000, 2250000, 2250000});
  // net (total) 296.000, 1.446.000, 1.196.000, 1.196.000, discounted by 1, 1,1, 1,21, 1,331:
  // 296.000 + 1.314.545,454545 + 988.429,752066 + 898.572,501878 = 3.497.547,708490.
  const auto& all = k.payer(kForAll);
  CHECK(all.accumulated[1] == doctest::Approx(1610545.454545).epsilon(1e-12));
  CHECK(all.npv == doctest::Approx(3497547.708490).epsilon(1e-12));
  CHECK(all.long_run == 0.0);  // no persistence
  // kommune: 46.000 + 986.000 / 1,1 + 946.000 / 1,21 + 946.000 / 1,331; the funders pay 40.000 in
  // 2026: -40.000 / 1,1; the state 250.000 + 500.000 / 1,1 + 250.000 / 1,21 + 250.000 / 1,331.
  CHECK(k.payer(kForKommune).npv == doctest::Approx(2434925.619835).epsilon(1e-12));
  CHECK(k.payer(kForEkstern).npv == doctest::Approx(-36363.636364).epsilon(1e-11));
  CHECK(k.payer(kForStat).npv == doctest::Approx(1098985.725019).epsilon(1e-12));
  CHECK(all.cost_sum == 4116000);
  CHECK(*k.cost_per_avoided() == 58800);  // 4.116.000 / 70

  // The Monte Carlo's run of the three models' totals (here all on solv's path), from their sums,
  // gives solv's figures bit for bit (in AVX2 lanes where the processor has AVX2, read by loads
  // instead of gathers where it has AVX-512; the fast chain's test compares every form with the
  // full chain on random draws, simd.baseline_forms and simd.avx2_forms).
  ungegaranti::EconomicsKernel total(s);
  ungegaranti::IndexFactors index(s);
  ungegaranti::TierCostPlans plans(s);
  ungegaranti::TierCostSums sums;
  const size_t solv = static_cast<size_t>(Tier::kSolv), guld = static_cast<size_t>(Tier::kGuld);
  auto run_totals = [&] {
    index.update();
    plans.sum_amounts(index, sums);
    return total.run_totals(sums, value, 1000, {paths, paths, paths});
  };
  auto totals = run_totals();
  CHECK(sums.years() == 2);
  CHECK(sums.gross_at(0, solv) == 954000);
  CHECK(sums.gross_at(1, solv) == 1054000);
  CHECK(sums.running[solv] == 1054000);
  CHECK(totals[solv].npv == all.npv);
  CHECK(totals[solv].cost_per_avoided == k.cost_per_avoided());
  // Guld's one-off of 100.000 kr. in the last budget year is not part of the running cost: 2 x
  // 500.000 + 24.000 + 50.000 = 1.074.000 a year, 1.174.000 in 2026, 4.396.000 in all over the 70
  // avoided years: 62.800 a year.
  CHECK(totals[guld].cost_per_avoided == 62800);
  ungegaranti::EconomicsKernel guld_kernel(s);
  guld_kernel.run(plans.plan(Tier::kGuld), value, 1000, paths);
  CHECK(totals[guld].npv == guld_kernel.payer(kForAll).npv);

  // A new discount rate and half-life take effect at the next run. At 0 % the NPV is the plain
  // sum of the nets, 4.134.000; with a half-life of 1 year the tail adds q / (1 - q) = 1 of the
  // last year's benefit (q = 0,5 / 1): 2.250.000.
  s.economics->discount_rate.value = 0;
  s.economics->half_life_years.value = 1;
  totals = run_totals();
  CHECK(total.tail() == 1.0);
  CHECK(totals[solv].npv == 4134000 + 2250000);

  // after_budget: stop: no cost and nothing avoided after 2026.
  s.economics->after_budget = ungegaranti::AfterBudget::kStop;
  k.run(plan, value, 1000, paths);
  CHECK(k.avoided() == std::vector<double>{10, 20, 0, 0});
  CHECK(k.payer(kForAll).cost == std::vector<double>{954000, 1054000, 0, 0});
  CHECK(k.payer(kForKommune).cost == std::vector<double>{954000, 1014000, 0, 0});
}

namespace {

// What a BenefitPlan reads that a Monte Carlo can move: the indexation rates, the refusion's
// spell, every price's amount and every benefit line's amount and share.
std::vector<ungegaranti::Quantity*> benefit_quantities(Scenario& s) {
  ungegaranti::EconomicsSettings& e = *s.economics;
  std::vector<ungegaranti::Quantity*> out = {&s.wage_indexation, &s.other_indexation,
                                             &e.refusion->spell_weeks};
  for (ungegaranti::Price& p : e.prices)
    out.push_back(&p.amount);
  for (ungegaranti::Benefit& b : e.benefits) {
    out.push_back(&b.amount);
    out.push_back(&b.share);
  }
  return out;
}

std::vector<double> values_of(const std::vector<ungegaranti::Quantity*>& quantities) {
  std::vector<double> out;
  for (const ungegaranti::Quantity* q : quantities)
    out.push_back(q->value);
  return out;
}

}  // namespace

// The Monte Carlo's compiled value per person-year is value_per_person_year() to the last bit, as
// the prices' rates, the shares, the amounts and the spell change: each draw below changes every
// quantity of the economics section and the two index rates, and leaves the satsregulering as it
// was every other draw (BenefitPlan then keeps its price indexes).
TEST_CASE("BenefitPlan gives value_per_person_year to the bit as the values change") {
  Scenario s = ungegaranti::parse_scenario(ungegaranti::builtin_scenario_text(), "builtin");
  ungegaranti::EconomicsSettings& e = *s.economics;
  std::vector<ungegaranti::Quantity*> quantities = benefit_quantities(s);
  std::vector<double> original = values_of(quantities);
  const double satsregulering = e.satsregulering.value;
  ungegaranti::BenefitPlan plan(s);
  // The builtin's taxameter is indexed from 2023 with the other rate: (1 + r)^2, 2027's factor.
  ungegaranti::IndexFactors index(s);
  ungegaranti::BenefitPlan shared(s, &index);
  for (uint64_t draw = 0; draw < 30; ++draw) {
    CAPTURE(draw);
    for (size_t k = 0; k < quantities.size(); ++k)
      quantities[k]->value = original[k] * (0.5 + ungegaranti::RandomStream(3, draw, k).uniform());
    e.satsregulering.value = draw % 2 == 0 ? satsregulering : satsregulering * 1.5;
    ungegaranti::PerBase got = plan.values();
    ungegaranti::PerBase want = ungegaranti::value_per_person_year(s);
    index.update();
    CHECK(shared.values() == want);
    for (size_t base = 0; base < got.size(); ++base) {
      for (size_t payer = 0; payer < ungegaranti::kPayerCount; ++payer) {
        CAPTURE(base);
        CAPTURE(payer);
        CHECK(got[base][payer] == want[base][payer]);
      }
    }
    CHECK(want[0][kForAll] != 0);  // the builtin's values are there to compare
  }
}

// Under a narrower promise BenefitPlan works out the fixed lines' values (and a priced line's
// amount x index) once and starts each sum from its fixed lines before its first moving one: the
// values stay value_per_person_year()'s to the last bit, whichever values move (random subsets
// of the economics' quantities and the rates). With nothing moving, by hand: the plan's values
// are value_per_person_year() at the scenario's own values.
TEST_CASE("BenefitPlan under a narrower promise gives value_per_person_year to the bit") {
  Scenario s = ungegaranti::parse_scenario(ungegaranti::builtin_scenario_text(), "builtin");
  ungegaranti::EconomicsSettings& e = *s.economics;
  std::vector<ungegaranti::Quantity*> quantities = benefit_quantities(s);
  quantities.insert(quantities.begin() + 3, &e.satsregulering);  // after the refusion's spell
  std::vector<double> original = values_of(quantities);
  for (uint64_t subset = 0; subset < 12; ++subset) {
    CAPTURE(subset);
    std::vector<size_t> moved;
    std::vector<const double*> at;
    for (size_t k = 0; k < quantities.size(); ++k) {
      // Subset 0: nothing moves; 1: everything; else about a third of the quantities.
      bool move = subset == 1 ||
                  (subset > 1 && ungegaranti::RandomStream(4, subset, k).uniform() < 1.0 / 3);
      if (move) {
        moved.push_back(k);
        at.push_back(&quantities[k]->value);
      }
    }
    ungegaranti::IndexFactors index(s);
    ungegaranti::BenefitPlan plan(s, nullptr, ungegaranti::MovingValues(at));
    ungegaranti::BenefitPlan shared(s, &index, ungegaranti::MovingValues(at));
    if (subset == 0) {
      index.update();
      CHECK(plan.values() == ungegaranti::value_per_person_year(s));
      CHECK(shared.values() == ungegaranti::value_per_person_year(s));
    }
    for (uint64_t draw = 0; draw < 10; ++draw) {
      CAPTURE(draw);
      for (size_t k : moved)
        quantities[k]->value =
            original[k] * (0.5 + ungegaranti::RandomStream(6, draw, k).uniform());
      index.update();
      ungegaranti::PerBase want = ungegaranti::value_per_person_year(s);
      CHECK(plan.values() == want);
      CHECK(shared.values() == want);
      CHECK(plan.unchanged());
    }
    for (size_t k = 0; k < quantities.size(); ++k)
      quantities[k]->value = original[k];
  }
}
