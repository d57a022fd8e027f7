#include "ungegaranti/diff.hpp"

#include <doctest/doctest.h>

#include <cmath>

#include "scenario_text.hpp"
#include "test_util.hpp"
#include "ungegaranti/cost.hpp"
#include "ungegaranti/load.hpp"
#include "ungegaranti/projection.hpp"

using ungegaranti::Outcome;
using ungegaranti::Tier;
using ungegaranti::Tree;

namespace {

Tree resolved(const std::string& path, const std::vector<std::string>& sets = {}) {
  auto source = ungegaranti::read_scenario_source(path);
  return ungegaranti::resolve_scenario(source.text, source.name, sets);
}

// What `diff` measures, as the command measures it.
Outcome outcome(const Tree& tree, Tier tier) {
  static ungegaranti::NeetDataCache cache;
  return ungegaranti::scenario_outcome(tree, tier, "t.yaml", cache);
}

}  // namespace

TEST_CASE("two files that resolve alike show no difference") {
  CHECK(ungegaranti::diff_values(resolved(""), resolved(source_file("scenarios/norddjurs.yaml")))
            .empty());
}

TEST_CASE("changed, added and removed values are listed by path") {
  Tree a = ungegaranti::parse_yaml("x: 1\nlist:\n  - {id: p, v: 1}\n  - {id: q, v: 2}\nr: [1, 2]\n",
                                   "a.yaml");
  Tree b = ungegaranti::parse_yaml(
      "x: 2\nlist:\n  - {id: q, v: 3}\n  - {id: s, v: 4}\nr: [1, 5]\n"
      "y: \"new\"\n",
      "b.yaml");
  auto changes = ungegaranti::diff_values(a, b);
  REQUIRE(changes.size() == 6);
  CHECK(changes[0] == ungegaranti::ValueChange{"x", "1", "2"});
  CHECK(changes[1] == ungegaranti::ValueChange{"list.p", "{id: p, v: 1}", std::nullopt});
  CHECK(changes[2] == ungegaranti::ValueChange{"list.q.v", "2", "3"});
  CHECK(changes[3] == ungegaranti::ValueChange{"list.s", std::nullopt, "{id: s, v: 4}"});
  CHECK(changes[4] == ungegaranti::ValueChange{"r.1", "2", "5"});
  CHECK(changes[5] == ungegaranti::ValueChange{"y", std::nullopt, "\"new\""});
  // Applying every change one by one turns a into b.
  Tree c = a;
  for (const auto& change : changes)
    c = ungegaranti::apply_change(c, b, change);
  CHECK(ungegaranti::diff_values(c, b).empty());
}

TEST_CASE("the waterfall sums exactly to the total difference, for several pairs") {
  struct Case {
    const char* name;
    std::vector<std::string> sets;
  };
  const Case cases[] = {
      {"one salary", {"roles.sagsbehandler.annual_cost=620000"}},
      {"salary, wages index and participants",
       {"roles.sagsbehandler.annual_cost=620000", "indexation.wages=0.05",
        "initiatives.mentor.per_model.solv.participants=90"}},
      {"effects and a pool",
       {"models.solv.effects.vejledning=0.6", "models.solv.funding.puljer.amount=400000",
        "projection.trend=own"}},
      {"a year later (invalid alone: guld's one-off would fall before the budget years)",
       {"years.first=2026", "models.guld.one_off.vejledningsmateriale.year=2026"}},
  };
  Tree a = resolved("");
  for (const Case& c : cases) {
    CAPTURE(c.name);
    Tree b = resolved("", c.sets);
    auto changes = ungegaranti::diff_values(a, b);
    auto w = ungegaranti::attribute(a, b, changes, Tier::kSolv, outcome);
    double cost = w.start.net_cost + w.interaction.net_cost;
    double neet = *w.start.neet_share_pct + *w.interaction.neet_share_pct;
    for (const auto& line : w.lines) {
      if (line.delta) {
        cost += line.delta->net_cost;
        neet += *line.delta->neet_share_pct;
      }
    }
    CHECK(cost == doctest::Approx(w.end.net_cost).epsilon(1e-12));
    if (std::string(c.name).starts_with("a year later")) {
      auto guld = ungegaranti::attribute(a, b, changes, Tier::kGuld, outcome);
      bool invalid_alone = false;
      for (const auto& line : guld.lines)
        invalid_alone = invalid_alone || !line.delta;
      CHECK(invalid_alone);
    }
    CHECK(neet == doctest::Approx(*w.end.neet_share_pct).epsilon(1e-12));
  }
}

TEST_CASE("a single salary change is explained by its one line, with no interaction") {
  Tree a = resolved("");
  Tree b = resolved("", {"roles.sagsbehandler.annual_cost=620000"});
  auto changes = ungegaranti::diff_values(a, b);
  auto w = ungegaranti::attribute(a, b, changes, Tier::kSolv, outcome);
  REQUIRE(w.lines.size() == 1);
  CHECK(w.lines[0].path == "roles.sagsbehandler.annual_cost");
  // 2 FTE x 40.000 kr. x the wage index, 2025-2029 (the cost engine's own figures).
  double expected = 0;
  for (int t = 0; t < 5; ++t)
    expected += 2 * 40000 * std::pow(1.032, t);
  CHECK(w.lines[0].delta->net_cost == doctest::Approx(expected));
  CHECK(w.interaction.net_cost == doctest::Approx(0).epsilon(1e-9));
}

// kHandScenario (scenario_text.hpp) has no projection, and its costs are worked out by hand in
// cost_test.cpp: solv 954.000 kr. in 2025 and 1.113.650 kr. in 2026.
TEST_CASE("diff's outcome of the hand scenario: its net cost, no NEET share without projection") {
  ungegaranti::NeetDataCache cache;
  Tree a = ungegaranti::resolve_scenario(kHandScenario, "hand.yaml", {});
  Outcome o = ungegaranti::scenario_outcome(a, Tier::kSolv, "hand.yaml", cache);
  CHECK(o.net_cost == doctest::Approx(954000 + 1113650));  // = 2.067.650
  CHECK_FALSE(o.neet_share_pct.has_value());
  // cw from 500.000 to 600.000 kr.: 100 kr. more an hour (1000 hours an FTE). Solv's 1,5 FTE
  // cost 150.000 + 165.000 more (wages +10 % in 2026), the secretariat's 100 hours 10.000 +
  // 11.000 more: 336.000 kr., all in the one line.
  Tree b =
      ungegaranti::resolve_scenario(kHandScenario, "hand.yaml", {"roles.cw.annual_cost=600000"});
  auto changes = ungegaranti::diff_values(a, b);
  auto w = ungegaranti::attribute(a, b, changes, Tier::kSolv, [&](const Tree& t, Tier tier) {
    return ungegaranti::scenario_outcome(t, tier, "hand.yaml", cache);
  });
  REQUIRE(w.lines.size() == 1);
  REQUIRE(w.lines[0].delta.has_value());
  CHECK(w.lines[0].delta->net_cost == doctest::Approx(336000));
  CHECK(w.end.net_cost == doctest::Approx(2067650 + 336000));
  CHECK_FALSE(w.interaction.neet_share_pct.has_value());
}

TEST_CASE("diff's outcome names the tree's file in its errors") {
  ungegaranti::NeetDataCache cache;
  Tree bad = ungegaranti::resolve_scenario(kHandScenario, "hand.yaml", {"years.count=0"});
  CHECK_THROWS_AS(ungegaranti::scenario_outcome(bad, Tier::kSolv, "hand.yaml", cache),
                  ungegaranti::Error);
}
