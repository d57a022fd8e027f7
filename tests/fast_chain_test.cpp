#include "ungegaranti/fast_chain.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "scenario_text.hpp"
#include "ungegaranti/assumptions.hpp"
#include "ungegaranti/load.hpp"
#include "ungegaranti/sampling.hpp"

using ungegaranti::DrawOutcome;
using ungegaranti::DrawOutcomes;
using ungegaranti::Quantity;
using ungegaranti::Scenario;

namespace {

// Sets every quantity with a range in `s` (a copy of `original`) as Monte Carlo draw `draw` does.
class Drawer {
 public:
  Drawer(const Scenario& original, Scenario& s) {
    for (const Quantity* q : ungegaranti::all_quantities(original)) {
      if (q->low && q->high) {
        ranges_.push_back(q);
        copies_.push_back(ungegaranti::quantities_at(s, q->path));
      }
    }
  }
  void draw(uint64_t seed, uint64_t draw) const {
    for (size_t k = 0; k < ranges_.size(); ++k) {
      ungegaranti::RandomStream random(seed, draw, k);
      double v = ungegaranti::sample(*ranges_[k], random);
      for (Quantity* q : copies_[k])
        q->value = v;
    }
  }
  size_t inputs() const { return ranges_.size(); }
  // The values draw() sets: a FastChain's narrower promise (MovingValues).
  ungegaranti::MovingValues moving() const {
    std::vector<const double*> at;
    for (const std::vector<Quantity*>& copies : copies_) {
      for (const Quantity* q : copies)
        at.push_back(&q->value);
    }
    return ungegaranti::MovingValues(std::move(at));
  }

 private:
  std::vector<const Quantity*> ranges_;
  std::vector<std::vector<Quantity*>> copies_;
};

// Equal, or both NaN; else within `relative` of each other.
bool close(double a, double b, double relative) {
  if (std::isnan(a) || std::isnan(b))
    return std::isnan(a) && std::isnan(b);
  return a == b || std::abs(a - b) <= relative * std::max(std::abs(a), std::abs(b));
}

// Runs `draws` draws through both chains; returns how many failed (in both).
int compare_chains(const Scenario& original, const ungegaranti::NeetData* data, int draws) {
  Scenario s = original;
  Drawer drawer(original, s);
  REQUIRE(drawer.inputs() > 0);
  ungegaranti::FastChain fast(s, data);
  // And a chain told which values move, which works out the rest once: the same figures.
  ungegaranti::FastChain narrow(s, data, drawer.moving());
  int failed = 0;
  for (int i = 0; i < draws; ++i) {
    CAPTURE(i);
    drawer.draw(11, static_cast<uint64_t>(i));
    // Every other draw also draws a future without a programme, as the Monte Carlo does.
    double u = i % 2 == 1
                   ? ungegaranti::RandomStream(11, static_cast<uint64_t>(i), ~uint64_t{0}).uniform()
                   : ungegaranti::DrawOutcome::kNaN;
    DrawOutcomes full, quick, narrowed;
    bool full_failed = false, quick_failed = false, narrow_failed = false;
    try {
      full = ungegaranti::evaluate_chain(s, data, u);
    } catch (const ungegaranti::Error&) {
      full_failed = true;
    }
    try {
      quick = fast.evaluate(u);
    } catch (const ungegaranti::Error&) {
      quick_failed = true;
    }
    try {
      narrowed = narrow.evaluate(u);
    } catch (const ungegaranti::Error&) {
      narrow_failed = true;
    }
    REQUIRE(full_failed == quick_failed);
    REQUIRE(full_failed == narrow_failed);
    if (full_failed) {
      ++failed;
      continue;
    }
    for (size_t t = 0; t < 3; ++t) {
      CAPTURE(t);
      // The costs are the same sums in the same order: equal to the last bit.
      CHECK(quick[t].cost == full[t].cost);
      // The projection is project()'s calibration, cohort kernel and rank rule, and the
      // economics the same sums: equal to the last bit too.
      CHECK(close(quick[t].neet, full[t].neet, 0));
      CHECK(close(quick[t].npv, full[t].npv, 0));
      CHECK(close(quick[t].per_avoided, full[t].per_avoided, 0));
      // The margin is the threshold minus the same share: equal to the last bit too.
      CHECK(close(quick[t].margin, full[t].margin, 0));
      CHECK(close(quick[t].rank, full[t].rank, 0));
      CHECK(close(quick[t].met, full[t].met, 0));
      CHECK(close(quick[t].met_without, full[t].met_without, 0));
      for (double DrawOutcome::*field :
           {&DrawOutcome::cost, &DrawOutcome::neet, &DrawOutcome::rank, &DrawOutcome::npv,
            &DrawOutcome::met, &DrawOutcome::met_without, &DrawOutcome::margin,
            &DrawOutcome::in_future, &DrawOutcome::per_avoided})
        CHECK(close(narrowed[t].*field, quick[t].*field, 0));
    }
  }
  return failed;
}

}  // namespace

TEST_CASE("the fast chain gives the full chain's figures on random draws of the default scenario") {
  Scenario s = ungegaranti::parse_scenario(ungegaranti::builtin_scenario_text(), "builtin");
  auto data = ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
  CHECK(compare_chains(s, &data, 150) == 0);

  // Wider baseline transitions, so that some draws cannot be calibrated: both chains fail on the
  // same draws, and agree on the rest. (With the default's base share of 12,07 %, the mean of
  // 2022-2024, an entry share down to 0,5 no longer made any of the 150 draws fail: 0,3 does.)
  auto& dropout = s.projection->baseline.dropout;
  dropout.low = 0.001;
  dropout.high = 0.3;
  auto& entry = s.projection->baseline.entry_education;
  entry.low = 0.2;
  entry.high = 0.999;
  int failed = compare_chains(s, &data, 150);
  CHECK(failed > 0);
  CHECK(failed < 150);
}

TEST_CASE("the fast chain gives the full chain's costs without a projection") {
  std::string text = kHandScenario;
  text.replace(text.find("annual_cost: 500000"), 19,
               "annual_cost: {value: 500000, low: 400000, high: 600000}");
  text.replace(text.find("hours_per_fte: 1000"), 19,
               "hours_per_fte: {value: 1000, low: 900, high: 1500}");
  Scenario s = ungegaranti::parse_scenario(text, "t.yaml");
  CHECK(compare_chains(s, nullptr, 50) == 0);
}

TEST_CASE("the fast chain follows discount_to, after_budget: stop and persistence") {
  Scenario s = ungegaranti::parse_scenario(ungegaranti::builtin_scenario_text(), "builtin");
  auto data = ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
  s.economics->discount_to = 2022;  // three years before the first budget year
  s.economics->after_budget = ungegaranti::AfterBudget::kStop;
  CHECK(compare_chains(s, &data, 40) == 0);
  // And with persistence after the horizon, the programme running on.
  s.economics->after_budget = ungegaranti::AfterBudget::kContinue;
  s.economics->half_life_years.value = 3;
  CHECK(compare_chains(s, &data, 40) == 0);
}
