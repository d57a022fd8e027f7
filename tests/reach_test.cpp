#include "ungegaranti/reach.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "scenario_text.hpp"
#include "ungegaranti/coverage.hpp"
#include "ungegaranti/load.hpp"
#include "ungegaranti/neet_data.hpp"
#include "ungegaranti/projection.hpp"
#include "ungegaranti/simd.hpp"

using ungegaranti::Scenario;
using ungegaranti::Tier;

namespace {

// The hand scenario (scenario_text.hpp) with three tracks that move the projection, two bands, an
// overlap and a projection section. Solv's initiatives, ramp 0,5 and 1 in 2025 and 2026:
//   guide  on track n (neet_to_education, targeting 0,5), band u (16-24, 1.000 people): 10
//   coach  on track n, band u: 30 (ramp 1, 1)
//   praktik on track e (entry, targeting 0,1), band p (14-15, 200 pupils): 40
//   family on track d (dropout), band k (6-13): 25, never reaches 16-24
//   mentor on track a (moves none): the hand scenario's own
// Overlap 0,2 in u, none in p.
std::string reach_text(const std::string& effects = "{ n: 0.3, e: 0.4, d: 0.2 }") {
  std::string text = kHandScenario;
  auto replace = [&](const std::string& from, const std::string& to) {
    size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
  };
  replace("  b: { name: B, department: ama }\n",
          "  b: { name: B, department: ama }\n"
          "  n: { department: ama, moves: neet_to_education, targeting: 0.5 }\n"
          "  e: { department: bfo, moves: entry, targeting: 0.1 }\n"
          "  d: { department: bfo, moves: dropout }\n");
  replace("    funding: [", "    effects: " + effects + "\n    funding: [");
  text += R"(  - id: guide
    track: n
    age_band: u
    ramp: [0.5, 1]
    per_model: { solv: { participants: 10, unit_cost: 1000 } }
  - id: coach
    track: n
    age_band: u
    per_model: { solv: { participants: 30, unit_cost: 1000 } }
  - id: praktik
    track: e
    age_band: p
    ramp: [0.5, 1]
    per_model: { solv: { participants: 40, unit_cost: 1000 } }
  - id: family
    track: d
    age_band: k
    per_model: { solv: { participants: 25, unit_cost: 1000 } }
population:
  - { id: k, from: 6, to: 13, count: 800 }
  - { id: p, from: 14, to: 15, count: 200 }
  - { id: u, from: 16, to: 24, count: 1000 }
coverage:
  overlap: { u: 0.2 }
projection:
  comparison:
    shares: builtin:neet_16_24_kommuner_2010_2024.csv
    groups: builtin:kommuner_dst_kommunegrupper.csv
  baseline:
    entry: { education: 0.93, employed: 0.02 }
    dropout: 0.05
    education_to_work: [0.01, 0.03, 0.10, 0.15, 0.12, 0.10, 0.10, 0.12]
    employed: { to_neet: 0.08, to_education: 0.15 }
    neet: { to_education: 0.25, to_work: 0.20 }
)";
  return text;
}

double reach(const Scenario& s, const std::string& track, int year, double at_risk) {
  return ungegaranti::reach_in(ungegaranti::track_reach(s, Tier::kSolv, *s.track(track)), s, year,
                               at_risk);
}

// Calls f(track, reach) for every track of every model of `s` whose reach moves a lever.
template <typename F>
void for_each_reach(const Scenario& s, F&& f) {
  for (Tier tier : ungegaranti::kAllTiers) {
    for (const ungegaranti::Track& track : s.tracks) {
      auto r = ungegaranti::track_reach(s, tier, track);
      if (r.lever != ungegaranti::Lever::kNone && !r.terms.empty())
        f(track, r);
    }
  }
}

// reach_text() over ten budget years, each term's ramp changing from year to year.
std::string ten_year_text() {
  std::string text = reach_text();
  auto replace_all = [&](const std::string& from, const std::string& to) {
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at))
      text.replace(at, from.size(), to);
  };
  replace_all("years: { first: 2025, count: 2 }", "years: { first: 2025, count: 10 }");
  replace_all("ramp: [0.5, 1]", "ramp: [0.5, 0.6, 0.7, 0.8, 0.9, 1, 1, 0.9, 1, 1]");
  return text;
}

// Tabulated years [from, to] of a ReachYears at a share at risk.
struct ReachCase {
  double at_risk;
  int from, to;
};

// One ReachYears through every track of every model of the hand scenario (2 budget years), the
// default one (5) and the ten-year one (10), each case prepared in turn and each year in
// [first, last] against reach_in() to the bit. With `fixed_ramps` each reach says its ramps are
// fixed (as the Monte Carlo's rerun does). Returns the number of years checked.
int check_every_reach(std::span<const ReachCase> cases, int first, int last, bool fixed_ramps) {
  const Scenario scenarios[] = {
      ungegaranti::parse_scenario(reach_text(), "t.yaml"),
      ungegaranti::parse_scenario(ungegaranti::builtin_scenario_text(), "builtin"),
      ungegaranti::parse_scenario(ten_year_text(), "ten.yaml")};
  REQUIRE(scenarios[2].year_count == 10);
  ungegaranti::ReachYears years;
  int checked = 0;
  for (const Scenario& s : scenarios) {
    for_each_reach(s, [&](const ungegaranti::Track& track, const ungegaranti::TrackReach& r) {
      ungegaranti::TrackReach reach = r;
      reach.fixed_ramps = fixed_ramps;
      CHECK(ungegaranti::ramp_values(reach).size() ==
            r.terms.size() * static_cast<size_t>(s.year_count));
      for (const ReachCase& c : cases) {
        years.prepare(reach, s, c.at_risk, c.from, c.to);
        for (int year = first; year <= last; ++year) {
          CAPTURE(s.year_count);
          CAPTURE(track.id);
          CAPTURE(c.from);
          CAPTURE(c.to);
          CAPTURE(year);
          CHECK(years.at(year) == ungegaranti::reach_in(r, s, year, c.at_risk));
          ++checked;
        }
      }
    });
  }
  return checked;
}

}  // namespace

TEST_CASE("reach counts distinct participants (coverage's overlap) times targeting") {
  Scenario s = ungegaranti::parse_scenario(reach_text(), "t.yaml");
  // With a NEET share of 0,1 at risk, 1.000 x 0,1 = 100 people at risk in band u.
  // 2025: (10 x 0,5 + 30) x (1 - 0,2) x 0,5 / 100 = 35 x 0,8 x 0,5 / 100 = 0,14
  // 2026: (10 + 30) x 0,8 x 0,5 / 100 = 0,16; after 2026 the programme runs on at 2026's level.
  struct Case {
    int year;
    double reach;
  };
  const Case cases[] = {{2024, 0.0}, {2025, 0.14}, {2026, 0.16}, {2030, 0.16}};
  for (const Case& c : cases) {
    CAPTURE(c.year);
    CHECK(reach(s, "n", c.year, 0.1) == doctest::Approx(c.reach).epsilon(1e-12));
  }
  // The same distinct people as coverage counts in band u: 40 x 0,8 = 32 in 2026.
  auto coverage = ungegaranti::compute_coverage(s, Tier::kSolv);
  REQUIRE(coverage.bands.size() == 3);
  CHECK(coverage.bands[2].band == "u");
  CHECK(coverage.bands[2].distinct[1] == doctest::Approx(32.0));
  // At most 1: with 1 % at risk, 32 x 0,5 / 10 = 1,6 -> 1.
  CHECK(reach(s, "n", 2026, 0.01) == 1.0);
}

TEST_CASE("an entry track's pupils count in the year they turn 16, by single age") {
  Scenario s = ungegaranti::parse_scenario(reach_text(), "t.yaml");
  // Band p, ages 14-15, 200 pupils: 100 per age. With 5 % of a cohort starting as NEET, 5 would-be
  // NEET young people turn 16 each year. praktik has 20 participants in 2025 (40 x 0,5), 40 from
  // 2026, spread evenly: 10 and 20 per age. Of them 10 % would otherwise start as NEET.
  //   2025: those aged 15 in 2024 and 14 in 2023: none                             -> 0
  //   2026: aged 15 in 2025: 10 participants x 0,1 = 1 of 5                          -> 0,2
  //   2027: aged 15 in 2026: 20, and aged 14 in 2025: 10; 30 x 0,1 = 3 of 5          -> 0,6
  //   2028: aged 15 in 2027: 20, and aged 14 in 2026: 20; 40 x 0,1 = 4 of 5          -> 0,8
  struct Case {
    int year;
    double reach;
  };
  const Case cases[] = {{2025, 0.0}, {2026, 0.2}, {2027, 0.6}, {2028, 0.8}, {2035, 0.8}};
  for (const Case& c : cases) {
    CAPTURE(c.year);
    CHECK(reach(s, "e", c.year, 0.05) == doctest::Approx(c.reach).epsilon(1e-12));
  }
  // From 2028 on (the last budget year 2026 + 16 - 14) the entry reach stays the same.
  auto e = ungegaranti::track_reach(s, Tier::kSolv, *s.track("e"));
  CHECK(ungegaranti::reach_settled_year(e, s) == 2028);
  auto n = ungegaranti::track_reach(s, Tier::kSolv, *s.track("n"));
  CHECK(ungegaranti::reach_settled_year(n, s) == 2026);
}

TEST_CASE("the projection takes the entry lag: no change until the first pupils turn 16") {
  auto data = ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
  // Only the entry track has an effect. Its reach is 0 in 2025, so solv's share in 2025 is the
  // baseline's exactly, and it falls from 2026, when the first pupils reached turn 16.
  Scenario s = ungegaranti::parse_scenario(reach_text("{ e: 0.4 }"), "t.yaml");
  auto r = ungegaranti::project(s, data, {Tier::kSolv});
  const auto& path = r.models[0].years;
  REQUIRE(path.size() >= 3);
  CHECK(path[0].year == 2024);
  CHECK(path[1].share_pct == r.baseline[1].share_pct);  // 2025
  CHECK(path[2].share_pct < r.baseline[2].share_pct);   // 2026
}

TEST_CASE("effects of 0 give exactly the baseline, with overlap, targeting and the entry lag") {
  auto data = ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
  Scenario s = ungegaranti::parse_scenario(reach_text("{ n: 0, e: 0, d: 0 }"), "t.yaml");
  auto r = ungegaranti::project(s, data, {Tier::kSolv});
  REQUIRE(r.models[0].years.size() == r.baseline.size());
  for (size_t i = 0; i < r.baseline.size(); ++i) {
    CAPTURE(i);
    CHECK(r.models[0].years[i].share_pct == r.baseline[i].share_pct);
  }
  // The fast rerun agrees to the last bit on this scenario's own values.
  ungegaranti::ProjectionRerun rerun(s, data, 0);
  rerun.run();
  const auto& run = rerun.model(Tier::kSolv);
  for (size_t i = 0; i < run.path.size(); ++i)
    CHECK(run.path[i] == r.baseline[i].share_pct);
}

TEST_CASE("initiatives that can never move the projection are flagged, with the reason") {
  using ungegaranti::NoEffect;
  // mentor: track a moves none. family: band k (6-13) outside 16-24 on a dropout track. guide and
  // coach: solv has no effect on track n. praktik moves entry.
  Scenario s = ungegaranti::parse_scenario(reach_text("{ e: 0.4, d: 0.2 }"), "t.yaml");
  auto flagged = ungegaranti::unmodelled_initiatives(s);
  REQUIRE(flagged.size() == 4);
  CHECK(flagged[0] ==
        ungegaranti::UnmodelledInitiative{"mentor", "a", "", NoEffect::kTrackMovesNothing});
  CHECK(flagged[1] ==
        ungegaranti::UnmodelledInitiative{"guide", "n", "u", NoEffect::kNoEffectOnTrack});
  CHECK(flagged[2].initiative == "coach");
  CHECK(flagged[3] ==
        ungegaranti::UnmodelledInitiative{"family", "d", "k", NoEffect::kAgesOutside});
  CHECK(ungegaranti::no_effect_text(s, flagged[3]).en ==
        "no modelled effect: the age band 6-13 lies outside the 16-24-year-olds the projection "
        "follows");
  CHECK(ungegaranti::no_effect_text(s, flagged[1]).da ==
        "ingen modelleret effekt: ingen model med indsatsen angiver en effekt for n");
  // The default scenario: familieindsats (6-15 on the dropout track) and vejledning_25_29.
  auto builtin = ungegaranti::load_scenario("");
  auto defaults = ungegaranti::unmodelled_initiatives(builtin);
  REQUIRE(defaults.size() == 2);
  CHECK(defaults[0].initiative == "familieindsats");
  CHECK(defaults[1].initiative == "vejledning_25_29");
  // Without a projection nothing is flagged.
  CHECK(ungegaranti::unmodelled_initiatives(ungegaranti::parse_scenario(kHandScenario, "t.yaml"))
            .empty());
}

TEST_CASE("the reach tabulated for many years at once equals reach_in() year by year exactly") {
  // ReachYears::prepare() with a year range sums the same table entries in the same order for
  // each year as reach_in() does for one year, with the years side by side; so the two must agree
  // to the last bit, for every track and model of the default scenario (entry tracks with bands of
  // ten single ages among them), before, inside and after the tabulated years.
  Scenario s = ungegaranti::parse_scenario(ungegaranti::builtin_scenario_text(), "builtin");
  int checked = 0;
  for_each_reach(s, [&](const ungegaranti::Track& track, const ungegaranti::TrackReach& r) {
    for (double at_risk : {0.003, 0.05, 0.12, 0.8}) {
      ungegaranti::ReachYears years;
      years.prepare(r, s, at_risk, 2025, 2039);
      for (int year = 2020; year <= 2050; ++year) {
        CAPTURE(track.id);
        CAPTURE(year);
        CHECK(years.at(year) == ungegaranti::reach_in(r, s, year, at_risk));
        ++checked;
      }
    }
  });
  CHECK(checked > 0);
}

TEST_CASE("a ReachYears reused for other years and values equals reach_in() exactly") {
  // As the Monte Carlo uses it: one object prepared again and again. Its shares keep their layout
  // (and the zeros before the first budget year) while the years and the terms stay, and are laid
  // out anew when they change: other years, more years than one block of lanes, none at all, and
  // nobody at risk (every term left out). Each prepare() must give reach_in()'s figures to the bit.
  Scenario s = ungegaranti::parse_scenario(ungegaranti::builtin_scenario_text(), "builtin");
  struct Case {
    double at_risk;
    int from, to;
  };
  const Case cases[] = {{0.05, 2025, 2039}, {0.12, 2025, 2039}, {0.05, 2024, 2034},
                        {0.0, 2024, 2034},  {0.8, 2024, 2034},  {0.003, 2030, 2030},
                        {0.05, 2020, 2060}, {0.12, 2040, 2020}, {0.05, 2025, 2039}};
  int checked = 0, viewed = 0;
  for_each_reach(s, [&](const ungegaranti::Track& track, const ungegaranti::TrackReach& r) {
    ungegaranti::ReachYears years;
    for (const Case& c : cases) {
      years.prepare(r, s, c.at_risk, c.from, c.to);
      // The read-only view of the table (the levers' table reads it as an array): the years
      // c.from .. c.to, none when c.to < c.from ({0.12, 2040, 2020}), each reach_in() to the bit.
      std::span<const double> tabulated = years.tabulated();
      CHECK(years.tabulated_from() == c.from);
      REQUIRE(tabulated.size() == static_cast<size_t>(std::max(0, c.to - c.from + 1)));
      for (size_t i = 0; i < tabulated.size(); ++i) {
        CAPTURE(track.id);
        CAPTURE(c.from);
        CAPTURE(i);
        CHECK(tabulated[i] == ungegaranti::reach_in(r, s, c.from + static_cast<int>(i), c.at_risk));
        ++viewed;
      }
      for (int year = 2015; year <= 2065; ++year) {
        CAPTURE(track.id);
        CAPTURE(c.at_risk);
        CAPTURE(c.from);
        CAPTURE(year);
        CHECK(years.at(year) == ungegaranti::reach_in(r, s, year, c.at_risk));
        ++checked;
      }
    }
  });
  CHECK(checked == 3 * 4 * 9 * 51);  // 3 models x 4 tracks that move a lever x 9 cases x 51 years
  // The tabulated years per case: 15 + 15 + 11 + 11 + 11 + 1 + 41 + 0 + 15 = 120, per track.
  CHECK(viewed == 3 * 4 * 120);
}

TEST_CASE(
    "one ReachYears reused across tracks, models, years and budget periods equals reach_in()") {
  // prepare() keeps its layout while the years, the terms' ages and who is at risk stay, and lays
  // out anew when any of them changes; here one object goes through every track of every model
  // (other terms, bands and levers, the same number of terms among them), other tabulated years
  // (from the first budget year with four and eight years of lanes, which the AVX2 form sums as it
  // works out the shares; from a later year; none) and scenarios of 2, 5 and 10 budget years (one,
  // two and three blocks of four budget years). The default scenario's entry track (settled in
  // 2039) is worked out in 4, 8, 12 and 16 lanes, each a form of its own in AVX2 that adds each
  // term's window as it works out the term's shares: 2025-2027 (3 years), 2025-2029 (5), 2026-2034
  // (9) and 2025-2039 (15). Each prepare() must give reach_in()'s figures to the bit.
  const ReachCase cases[] = {{0.05, 2025, 2027}, {0.05, 2025, 2029},  {0.12, 2025, 2039},
                             {0.05, 2026, 2034}, {0.003, 2025, 2034}, {0.05, 2030, 2020},
                             {0.0, 2025, 2039},  {0.8, 2025, 2060}};
  const int checked = check_every_reach(cases, 2020, 2065, false);
  // Tracks with a term: in the hand scenario's solv n and e (d's only initiative, family, never
  // reaches 16-24), the same in the ten-year one, and 3 x 4 in the default scenario.
  CHECK(checked == (2 + 12 + 2) * 8 * 46);
  // The same lever, years and number of terms, but other ages: band p as 12-15 instead of 14-15
  // (four single ages, the youngest turning 16 four years later). The layout must follow.
  std::string younger = reach_text();
  younger.replace(younger.find("from: 14, to: 15"), 16, "from: 12, to: 15");
  Scenario a = ungegaranti::parse_scenario(reach_text(), "t.yaml");
  Scenario b = ungegaranti::parse_scenario(younger, "t.yaml");
  ungegaranti::ReachYears years;
  auto reach_a = ungegaranti::track_reach(a, Tier::kSolv, *a.track("e"));
  auto reach_b = ungegaranti::track_reach(b, Tier::kSolv, *b.track("e"));
  years.prepare(reach_a, a, 0.05, 2025, 2035);
  years.prepare(reach_b, b, 0.05, 2025, 2035);
  for (int year = 2024; year <= 2040; ++year) {
    CAPTURE(year);
    CHECK(years.at(year) == ungegaranti::reach_in(reach_b, b, year, 0.05));
  }
  // By hand, as in the entry test above (each single age adds the band's whole share): 200 x 0,05
  // = 10 would-be NEET; praktik reaches 20 in 2025 and 40 a year after, targeting 0,1.
  //   2026: aged 15 in 2025: 20 x 0,1 / 10                                 -> 0,2
  //   2027: aged 15 in 2026 and 14 in 2025: (40 + 20) x 0,1 / 10           -> 0,6
  //   2029: aged 15, 14, 13 in 2028-2026 and 12 in 2025: 140 x 0,1 / 10 = 1,4, capped -> 1
  CHECK(years.at(2026) == doctest::Approx(0.2).epsilon(1e-12));
  CHECK(years.at(2027) == doctest::Approx(0.6).epsilon(1e-12));
  CHECK(years.at(2029) == 1.0);
}

TEST_CASE(
    "a reach whose ramps are fixed equals reach_in() to the bit, read from the layout's copy") {
  // With fixed_ramps the AVX2 forms of up to eight budget years read each term's ramp from a copy
  // made when they lay out. One ReachYears goes through every track of every model (other
  // initiatives in the same shape of reach must not read the copy of the one before) in scenarios
  // of 2, 5 and 10 budget years (10: no copy), for the default scenario's years of a Monte Carlo
  // and others.
  const ReachCase cases[] = {{0.05, 2025, 2034}, {0.12, 2025, 2039}, {0.05, 2026, 2034}};
  CHECK(check_every_reach(cases, 2024, 2045, true) == (2 + 12 + 2) * 3 * 22);
  // The same initiatives in a copy of the scenario whose first ramp value is another: the copy
  // must be made anew (the terms point into the other scenario).
  Scenario a = ungegaranti::parse_scenario(reach_text(), "t.yaml");
  Scenario b = a;
  ungegaranti::ReachYears years;
  for (ungegaranti::Initiative& ini : b.initiatives) {
    for (auto& in : ini.per_model) {
      if (in)
        in->ramp[0].value = 0.25;
    }
  }
  auto reach_a = ungegaranti::track_reach(a, Tier::kSolv, *a.track("n"));
  auto reach_b = ungegaranti::track_reach(b, Tier::kSolv, *b.track("n"));
  reach_a.fixed_ramps = reach_b.fixed_ramps = true;
  years.prepare(reach_a, a, 0.05, 2025, 2030);
  years.prepare(reach_b, b, 0.05, 2025, 2030);
  CHECK(years.at(2025) != ungegaranti::reach_in(reach_a, a, 2025, 0.05));
  for (int year = 2024; year <= 2032; ++year) {
    CAPTURE(year);
    CHECK(years.at(year) == ungegaranti::reach_in(reach_b, b, year, 0.05));
  }
}

namespace {

// levers_of()'s operations for one year, the reference for lever_table(): each lever's keep starts
// at 1 and is multiplied by 1 - min(1, size x reach) for each of its effects in turn.
std::vector<double> lever_rows_by_year(std::span<const ungegaranti::LeverEffect> effects,
                                       size_t years) {
  std::vector<double> out;
  for (size_t i = 0; i < years; ++i) {
    double keep[4] = {1, 1, 1, 1};
    for (const ungegaranti::LeverEffect& e : effects)
      keep[static_cast<size_t>(e.lever) - 1] *= 1 - std::min(1.0, e.size * e.reach[i]);
    for (double k : keep)
      out.push_back(1 - k);
  }
  return out;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

bool avx2_here() {
#ifdef UNGEGARANTI_X86
  return ungegaranti::has_avx2();
#else
  return false;
#endif
}

}  // namespace

TEST_CASE("the levers' table by hand, in both forms") {
  using ungegaranti::Lever;
  // Five years: two quads, the second with one year (AVX2), or a block of four and one year
  // (SSE2); three years: one quad with three, or a pair and one year.
  // dropout: 0,5 x reach capped at 1, then 1 x 0,5; to_work: 0,25 x reach.
  const double a[] = {0.5, 1.0, 4.0, 0.0, 0.25};
  const double b[] = {0.5, 0.5, 0.5, 0.5, 0.5};
  const double c[] = {1.0, 2.0, 0.0, 4.0, 8.0};
  const ungegaranti::LeverEffect effects[] = {
      {Lever::kDropout, 0.5, a}, {Lever::kNeetToWork, 0.25, c}, {Lever::kDropout, 1.0, b}};
  // keep(dropout) = (1 - min(1, 0,5 a)) x (1 - 0,5): 0,375, 0,25, 0, 0,5, 0,4375.
  const std::vector<double> want = {0.625,  0, 0, 0.25,  //
                                    0.75,   0, 0, 0.5,   //
                                    1,      0, 0, 0,     //
                                    0.5,    0, 0, 1,     //
                                    0.5625, 0, 0, 1};
  for (bool avx2 : {false, avx2_here()}) {
    std::vector<double> got(20, -1.0);
    ungegaranti::lever_table(effects, 5, got.data(), avx2);
    CHECK(got == want);
    // Fewer years write fewer rows.
    std::vector<double> three(16, -1.0);
    ungegaranti::lever_table(effects, 3, three.data(), avx2);
    CHECK(std::equal(three.begin(), three.begin() + 12, want.begin()));
    CHECK(three[12] == -1.0);
    CHECK(three[15] == -1.0);
  }
}

TEST_CASE("the levers' table equals levers_of()'s operations year by year to the bit") {
  using ungegaranti::Lever;
  std::mt19937_64 random(20261204);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  for (int round = 0; round < 2000; ++round) {
    size_t years = random() % 21, n = random() % 7;
    std::vector<std::vector<double>> reach(n, std::vector<double>(years));
    std::vector<ungegaranti::LeverEffect> effects;
    for (size_t k = 0; k < n; ++k) {
      for (double& r : reach[k]) {
        // Mostly ordinary shares, some at or above the cap, and now and then a NaN or -0.
        switch (random() % 16) {
          case 0:
            r = std::numeric_limits<double>::quiet_NaN();
            break;
          case 1:
            r = -0.0;
            break;
          case 2:
            r = 1.0;
            break;
          default:
            r = 1.5 * uniform(random);
        }
      }
      effects.push_back(
          {static_cast<Lever>(1 + random() % 4), 2 * uniform(random), reach[k].data()});
    }
    std::vector<double> want = lever_rows_by_year(effects, years);
    for (bool avx2 : {false, avx2_here()}) {
      std::vector<double> got(4 * years, -1.0);
      ungegaranti::lever_table(effects, years, got.data(), avx2);
      REQUIRE(same_bits(got, want));
    }
  }
}
