#include "ungegaranti/uncertainty.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "scenario_text.hpp"
#include "ungegaranti/assumptions.hpp"
#include "ungegaranti/load.hpp"
#include "ungegaranti/projection.hpp"

using ungegaranti::OutcomeKind;
using ungegaranti::Tier;

namespace {

std::string with_ranges() {
  std::string text = kHandScenario;
  auto replace = [&](const std::string& from, const std::string& to) {
    size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
  };
  replace("annual_cost: 500000", "annual_cost: {value: 500000, low: 400000, high: 600000}");
  replace("hours_per_year: 200 }", "hours_per_year: {value: 200, low: 100, high: 300} }");
  return text;
}

}  // namespace

// Worked out by hand from kHandScenario (cost_test.cpp): solv's cost depends on cw's annual cost
// through 1.5 FTE of staffing and 100 secretariat hours at annual_cost / 1000 an hour, so each
// krone of annual cost is 1.5 + 0.1 = 1.6 kr. a year, times the wage index 1 + 1.1 over the two
// years: 3.36 kr. over the period. The period's net cost is 954.000 + 1.113.650 = 2.067.650 kr.
TEST_CASE("tornado of the net cost, worked out by hand") {
  auto s = ungegaranti::parse_scenario(with_ranges(), "t.yaml");
  auto t = ungegaranti::tornado(s, nullptr, Tier::kSolv, OutcomeKind::kCost);
  CHECK(t.base == doctest::Approx(2067650));
  REQUIRE(t.bars.size() == 1);  // bronze's status reporting does not move solv's cost
  const auto& bar = t.bars[0];
  CHECK(bar.path == "roles.cw.annual_cost");
  CHECK(bar.low == 400000);
  CHECK(bar.high == 600000);
  CHECK(*bar.at_low == doctest::Approx(2067650 - 100000 * 3.36));
  CHECK(*bar.at_high == doctest::Approx(2067650 + 100000 * 3.36));
  CHECK(bar.swing() == doctest::Approx(672000));
  CHECK(t.ranged == 2);
  // Bronze: both inputs move it; status reporting 200 hours x 500 kr. x (1 + 1.1) per 100 hours.
  auto b = ungegaranti::tornado(s, nullptr, Tier::kBronze, OutcomeKind::kCost);
  REQUIRE(b.bars.size() == 2);
  CHECK(b.bars[0].swing() >= b.bars[1].swing());  // widest first
}

TEST_CASE("outcomes that need the projection say so") {
  auto s = ungegaranti::parse_scenario(with_ranges(), "t.yaml");
  CHECK_THROWS_WITH_AS(ungegaranti::outcome_of(s, nullptr, Tier::kSolv, OutcomeKind::kNeet),
                       "t.yaml: this outcome needs the scenario's 'projection' section",
                       ungegaranti::Error);
}

TEST_CASE("tornado of the NEET share: effects lower it, and the base is project()'s figure") {
  auto s = ungegaranti::load_scenario("");
  auto data = ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
  auto t = ungegaranti::tornado(s, &data, Tier::kGuld, OutcomeKind::kNeet);
  auto p = ungegaranti::project(s, data, {Tier::kGuld});
  CHECK(t.base == doctest::Approx(p.models[0].share_at_horizon_pct));
  for (const auto& bar : t.bars) {
    if (bar.path == "models.guld.effects.vejledning") {
      CHECK(*bar.at_high < t.base);  // a larger effect lowers the share
      CHECK(*bar.at_low > t.base);
    }
  }
  CHECK(t.invalid.empty());
}

TEST_CASE("every range of the default scenario has a note on why it is that wide") {
  auto s = ungegaranti::parse_scenario(ungegaranti::builtin_scenario_text(), "builtin");
  int ranged = 0;
  for (const ungegaranti::Quantity* q : ungegaranti::all_quantities(s)) {
    if (!q->low || !q->high)
      continue;
    ++ranged;
    CAPTURE(q->path);
    std::string note = q->note;
    std::transform(note.begin(), note.end(), note.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
    // English notes say "range"; the Danish notes of tracks.*.targeting say "spænd".
    CHECK((note.find("range") != std::string::npos || note.find("spænd") != std::string::npos));
  }
  // Effect sizes, salaries, participants, unit costs, the population and the baseline transitions
  // all have ranges (issue #5), and so do the four tracks' targeting (issue #12). The economics'
  // ten benefit lines (nine shares of catalogue prices and one amount) have ranges, where five
  // amounts had before, and so does the refusion's spell_weeks (issue #14): 134. Bronze's
  // trivselsgrupper (participants, unit cost, fixed cost) and the UU-vejledere's capacity and
  // available FTE (coverage.coordination) add 3 + 2 (issue #14, item 3): 139 in all.
  CHECK(ranged == 139);
  for (const char* path :
       {"models.guld.effects.vejledning", "roles.sagsbehandler.annual_cost",
        "tracks.grundskole.targeting", "initiatives.mentor.per_model.guld.participants",
        "initiatives.mentor.per_model.guld.unit_cost", "population.unge_16_24.count",
        "projection.baseline.neet.to_work"}) {
    CAPTURE(path);
    auto at = ungegaranti::quantities_at(s, path);
    REQUIRE(at.size() == 1);
    CHECK(at.front()->low.has_value());
  }
}

TEST_CASE("the tornado runs each projection choice at each alternative, beside the inputs") {
  auto s = ungegaranti::load_scenario("");
  auto data = ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
  // Each alternative's outcome straight from outcome_of on the scenario loaded with that --set.
  auto neet = [&](const std::string& set, Tier tier, OutcomeKind outcome) {
    return ungegaranti::outcome_of(ungegaranti::load_scenario("", {set}), &data, tier, outcome);
  };
  auto t = ungegaranti::tornado(s, &data, Tier::kGuld, OutcomeKind::kNeet);
  CHECK(t.choices_tried == 3);
  // Guld's NEET share does not depend on the comparable group: that choice is left out.
  REQUIRE(t.choices.size() == 2);
  for (const auto& bar : t.choices) {
    CAPTURE(bar.path);
    if (bar.path == "projection.base_years") {
      CHECK(bar.own == "3");  // the default's base: the mean of the last 3 data years
      double one = neet("projection.base_years=1", Tier::kGuld, OutcomeKind::kNeet);
      // 1 base year: Norddjurs at 10,94 %; 3: the mean of 2022-2024, (12,65 + 12,63 + 10,94) / 3
      // = 12,07 %, a higher start, so the share at the horizon is higher.
      CHECK(bar.low_key == "1");
      CHECK(bar.high_key == "3");
      CHECK(bar.at_low == one);
      CHECK(bar.at_high == t.base);
    } else {
      CHECK(bar.path == "projection.trend");
      double lowest = t.base, highest = t.base;
      for (const auto& id : ungegaranti::kTrendIds) {
        double v = neet("projection.trend=" + std::string(id.id), Tier::kGuld, OutcomeKind::kNeet);
        lowest = std::min(lowest, v);
        highest = std::max(highest, v);
      }
      CHECK(bar.at_low == lowest);
      CHECK(bar.at_high == highest);
      CHECK(bar.at_high > bar.at_low);
    }
  }
  // Solv's margin depends on the group: DST group 5 against all municipalities.
  auto m = ungegaranti::tornado(s, &data, Tier::kSolv, OutcomeKind::kMargin);
  auto group = std::find_if(m.choices.begin(), m.choices.end(),
                            [](const auto& c) { return c.path == "projection.group"; });
  REQUIRE(group != m.choices.end());
  CHECK(group->own == "dst5");
  double all = ungegaranti::outcome_of(
      [&] {
        auto changed = s;
        for (const auto& mun : data.municipalities)
          changed.projection->codes.push_back(mun.code);
        return changed;
      }(),
      &data, Tier::kSolv, OutcomeKind::kMargin);
  CHECK(std::min(all, m.base) == group->at_low);
  CHECK(std::max(all, m.base) == group->at_high);
  CHECK(group->low_label.en == (all < m.base ? "all municipalities" : "DST group 5"));
  // Without the national series neither `national` nor `revert` (both need it, as the schema
  // says) is tried: the trend runs over hold and own only, and no alternative is invalid.
  auto bare = data;
  bare.national.clear();
  auto b = ungegaranti::tornado(s, &bare, Tier::kGuld, OutcomeKind::kNeet);
  auto trend = std::find_if(b.choices.begin(), b.choices.end(),
                            [](const auto& c) { return c.path == "projection.trend"; });
  REQUIRE(trend != b.choices.end());
  CHECK(trend->invalid.empty());
  double hold = b.base;  // the default's own trend
  double own = ungegaranti::outcome_of(ungegaranti::load_scenario("", {"projection.trend=own"}),
                                       &bare, Tier::kGuld, OutcomeKind::kNeet);
  CHECK(trend->at_low == std::min(hold, own));
  CHECK(trend->at_high == std::max(hold, own));
  // The cost does not depend on the projection: no choices.
  auto c = ungegaranti::tornado(s, &data, Tier::kSolv, OutcomeKind::kCost);
  CHECK(c.choices_tried == 0);
  CHECK(c.choices.empty());
}

namespace {

// The tornado's input bars the way they were computed before the fast chain: each input's low and
// high end through outcome_of() (compute_cost, or project() and compute_economics()) on a copy of
// the scenario with that input changed. Empty where it cannot be computed.
std::optional<double> slow_outcome(const ungegaranti::Scenario& s,
                                   const ungegaranti::NeetData* data, Tier tier,
                                   OutcomeKind outcome, const std::string& path, double value) {
  ungegaranti::Scenario changed = s;
  for (ungegaranti::Quantity* q : ungegaranti::quantities_at(changed, path))
    q->value = value;
  try {
    double v = ungegaranti::outcome_of(changed, data, tier, outcome);
    return std::isfinite(v) ? std::optional(v) : std::nullopt;
  } catch (const ungegaranti::Error&) {
    return std::nullopt;
  }
}

}  // namespace

TEST_CASE("the tornado on the fast chain gives the whole chain's figures for every input") {
  auto s = ungegaranti::load_scenario("");
  auto data = ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
  for (Tier tier : ungegaranti::kAllTiers) {
    for (const auto& id : ungegaranti::kOutcomeKindIds) {
      OutcomeKind outcome = id.value;
      CAPTURE(ungegaranti::tier_id(tier));
      CAPTURE(id.id);
      auto t = ungegaranti::tornado(s, &data, tier, outcome);
      CHECK(t.base == ungegaranti::outcome_of(s, &data, tier, outcome));
      CHECK(t.invalid.empty());
      // The fast chain runs the same cost plan, calibration, cohort kernel, rank rule and economics
      // kernel as compute_cost, project() and compute_economics, with the same operations in the
      // same order: every end equals the whole chain's to the last bit.
      int moved = 0;
      for (const ungegaranti::Quantity* q : ungegaranti::all_quantities(s)) {
        if (!q->low || !q->high)
          continue;
        CAPTURE(q->path);
        auto low = slow_outcome(s, &data, tier, outcome, q->path, *q->low);
        auto high = slow_outcome(s, &data, tier, outcome, q->path, *q->high);
        REQUIRE(low);
        REQUIRE(high);
        auto bar = std::find_if(t.bars.begin(), t.bars.end(),
                                [&](const auto& b) { return b.path == q->path; });
        if (std::abs(*high - *low) <= 1e-9 * std::max(1.0, std::abs(t.base))) {
          CHECK(bar == t.bars.end());  // an input that does not move the outcome is left out
          continue;
        }
        ++moved;
        REQUIRE(bar != t.bars.end());
        CHECK(*bar->at_low == *low);
        CHECK(*bar->at_high == *high);
      }
      CHECK(moved == static_cast<int>(t.bars.size()));
      CHECK(moved > 0);
      for (size_t i = 1; i < t.bars.size(); ++i)
        CHECK(t.bars[i - 1].swing() >= t.bars[i].swing());  // widest first
    }
  }
}

TEST_CASE("another model's error does not spoil a model's tornado") {
  // Budget years from 2020, horizons 4 years after full level, the data's last year 2024: guld at
  // full level from its first year has its horizon in 2020 + 4 = 2024, not after the data, so it
  // cannot be projected; solv keeps its default ramps, at full level from the third budget year
  // (2022), horizon 2026. The fast chain runs all three models, so each end falls back to the
  // whole chain for solv alone.
  auto s = ungegaranti::load_scenario("");
  auto data = ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
  s.first_year = 2020;
  s.projection->years_after_full = 4;
  for (ungegaranti::Initiative& ini : s.initiatives) {
    if (auto& in = ini.per_model[static_cast<size_t>(Tier::kGuld)]) {
      for (ungegaranti::Quantity& r : in->ramp)
        r.value = 1.0;
    }
  }
  CHECK_THROWS_AS(ungegaranti::outcome_of(s, &data, Tier::kGuld, OutcomeKind::kNeet),
                  ungegaranti::Error);
  auto t = ungegaranti::tornado(s, &data, Tier::kSolv, OutcomeKind::kNeet);
  CHECK(t.invalid.empty());
  REQUIRE(!t.bars.empty());
  for (const auto& bar : t.bars) {
    CAPTURE(bar.path);
    CHECK(*bar.at_low ==
          *slow_outcome(s, &data, Tier::kSolv, OutcomeKind::kNeet, bar.path, bar.low));
    CHECK(*bar.at_high ==
          *slow_outcome(s, &data, Tier::kSolv, OutcomeKind::kNeet, bar.path, bar.high));
  }
}
