#include "ungegaranti/population.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "test_util.hpp"
#include "ungegaranti/all_municipalities.hpp"
#include "ungegaranti/assumptions.hpp"
#include "ungegaranti/load.hpp"

using ungegaranti::AgeBand;
using ungegaranti::Error;
using ungegaranti::MunicipalityOutcome;
using ungegaranti::NeetData;
using ungegaranti::PopulationData;
using ungegaranti::Scenario;

namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const AgeBand& band(const Scenario& s, const std::string& id) {
  const AgeBand* b = s.band(id);
  REQUIRE(b != nullptr);
  return *b;
}

}  // namespace

TEST_CASE("population: the shipped FOLK1AM totals, byte for byte and as read") {
  std::string name(ungegaranti::kBuiltinPopulation);
  CHECK(ungegaranti::builtin_data_text(name) ==
        read_text(source_file("scenarios/data/" + name.substr(std::string("builtin:").size()))));
  const PopulationData& p = ungegaranti::builtin_population();
  REQUIRE(p.municipalities.size() == 98);
  CHECK(p.municipalities.front().code == 101);
  CHECK(p.municipalities.back().code == 860);
  // Values read off the file's column population_total_2024-01-01.
  CHECK(p.find(101)->total == 659350);
  CHECK(p.find(101)->name == "København");
  CHECK(p.find(360)->total == 39632);
  CHECK(p.find(707)->total == 36773);  // as in ../shared/data (Norddjurs, 1 January 2024)
  CHECK(p.find(411) == nullptr);       // Christiansø is not a municipality
  long sum = 0;
  for (const auto& m : p.municipalities)
    sum += m.total;
  CHECK(sum == 5961158);  // awk -F, 'NR>1{s+=$3}END{print s}' on the file
  // The same 98 codes and names as the municipality groups.
  NeetData data = ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
  REQUIRE(data.municipalities.size() == 98);
  for (const auto& m : data.municipalities) {
    CAPTURE(m.code);
    REQUIRE(p.find(m.code) != nullptr);
    CHECK(p.find(m.code)->name == m.name);
  }
}

TEST_CASE("population: a bad file gives a located error") {
  struct Case {
    const char* name;
    const char* csv;
    const char* error;
  };
  const Case cases[] = {
      {"missing column", "kommunekode,kommune\n101,København\n",
       "p.csv:1: missing column 'population_total_2024-01-01' (found: kommunekode, kommune)"},
      {"duplicate", "kommunekode,kommune,population_total_2024-01-01\n101,A,5\n101,B,6\n",
       "p.csv:3: duplicate row for kommunekode 101 (first at line 2)"},
      {"zero", "kommunekode,kommune,population_total_2024-01-01\n101,A,0\n",
       "p.csv:2: 'population_total_2024-01-01' must be a whole number from 1 to 10000000 (got 0)"},
      {"decimal", "kommunekode,kommune,population_total_2024-01-01\n101,A,5.5\n",
       "p.csv:2: 'population_total_2024-01-01' must be a whole number from 1 to 10000000 (got "
       "5.5)"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK_THROWS_WITH_AS(ungegaranti::parse_population(c.csv, "p.csv"), c.error, Error);
  }
  CHECK(ungegaranti::nearest_municipalities(102, ungegaranti::builtin_population()) ==
        "101 København, 147 Frederiksberg");
  CHECK(ungegaranti::nearest_municipalities(999, ungegaranti::builtin_population()) ==
        "860 Hjørring");
}

TEST_CASE("another municipality: head counts derived from its population, by hand") {
  // Norddjurs' bands: 3.900 (6-15), 3.300 (16-24, range 2.900-3.800), 1.700 (25-29), of 36.773
  // inhabitants. Each is scaled by the other municipality's total / 36.773.
  struct Case {
    int code;
    const char* name;
    double grundskole, unge, unge_low, unge_high, unge_25_29;
  };
  const Case cases[] = {
      // København, 659.350: 3.900 × 659.350 / 36.773 = 2.571.465.000 / 36.773 = 69.928,07...
      //   3.300 × 659.350 / 36.773 = 2.175.855.000 / 36.773 = 59.169,907...
      //   2.900 × 659.350 / 36.773 = 1.912.115.000 / 36.773 = 51.997,797...
      //   3.800 × 659.350 / 36.773 = 2.505.530.000 / 36.773 = 68.135,044...
      //   1.700 × 659.350 / 36.773 = 1.120.895.000 / 36.773 = 30.481,467...
      {101, "København", 2571465000.0 / 36773, 2175855000.0 / 36773, 1912115000.0 / 36773,
       2505530000.0 / 36773, 1120895000.0 / 36773},
      // Lolland, 39.632: 3.900 × 39.632 = 154.564.800, / 36.773 = 4.203,21...
      //   3.300 × 39.632 = 130.785.600 -> 3.556,57...;  2.900 × 39.632 = 114.932.800 -> 3.125,47...
      //   3.800 × 39.632 = 150.601.600 -> 4.095,44...;  1.700 × 39.632 = 67.374.400 -> 1.832,17...
      {360, "Lolland", 154564800.0 / 36773, 130785600.0 / 36773, 114932800.0 / 36773,
       150601600.0 / 36773, 67374400.0 / 36773},
  };
  for (const Case& c : cases) {
    CAPTURE(c.code);
    Scenario s = ungegaranti::load_scenario("", {"municipality.code=" + std::to_string(c.code)});
    CHECK(s.municipality_name == c.name);
    CHECK(s.written_for == 707);
    CHECK(s.population_derived);
    CHECK(s.title == std::string("Ungegaranti — ") + c.name + " Kommune (guld, sølv, bronze)");
    CHECK(band(s, "grundskolealder").count.value == doctest::Approx(c.grundskole).epsilon(1e-12));
    const auto& unge = band(s, "unge_16_24").count;
    CHECK(unge.value == doctest::Approx(c.unge).epsilon(1e-12));
    CHECK(*unge.low == doctest::Approx(c.unge_low).epsilon(1e-12));
    CHECK(*unge.high == doctest::Approx(c.unge_high).epsilon(1e-12));
    CHECK(band(s, "unge_25_29").count.value == doctest::Approx(c.unge_25_29).epsilon(1e-12));
    CHECK(ungegaranti::is_assumption(unge));  // a share taken as an assumption, then scaled
  }
  Scenario k = ungegaranti::load_scenario("", {"municipality.code=101"});
  CHECK(band(k, "unge_16_24").count.source ==
        "antagelse, afledt: 3.300 × 659.350 / 36.773 (DST FOLK1AM 1.1.2024: København / "
        "Norddjurs)");
  CHECK(band(k, "unge_16_24")
            .count.note.starts_with("Derived for København (101): the scenario's head count for "
                                    "Norddjurs (3.300 of 36.773 "
                                    "inhabitants) as a share, applied to København's 659.350 "
                                    "inhabitants on 1 January 2024"));
  CHECK(ungegaranti::municipality_warning(k)->en ==
        "warning: the scenario's participants and initiatives were written for Norddjurs (707), "
        "but it is run for København (101); participants, staff and costs are unchanged; the age "
        "bands' head counts are derived from the population of København");
  CHECK(ungegaranti::municipality_warning(k)->da ==
        "advarsel: scenariets deltagere og indsatser er skrevet til Norddjurs (707), men "
        "beregningen gælder København (101); deltagertal, stillinger og udgifter er uændrede; "
        "aldersgruppernes antal er afledt af folketallet i København");
  // The participants are the scenario's: nothing but the bands changed.
  Scenario n = ungegaranti::load_scenario("");
  CHECK(k.initiatives == n.initiatives);
  CHECK(k.models == n.models);
}

TEST_CASE("another municipality: what the scenario gives itself is not derived") {
  // Counts written next to the code (same file, or both on the command line) are the new
  // municipality's own; the others are derived. 3.300 × 39.632 / 36.773 as above.
  Scenario f = ungegaranti::parse_scenario(
      "extends: builtin:norddjurs\n"
      "municipality: { code: 360 }\n"
      "population:\n"
      "  - { id: unge_16_24, from: 16, to: 24, count: 4000 }\n",
      "lolland.yaml");
  CHECK(f.municipality_name == "Lolland");
  CHECK(f.written_for == 707);  // the base's code
  CHECK(band(f, "unge_16_24").count.value == 4000);
  CHECK(band(f, "unge_25_29").count.value == doctest::Approx(67374400.0 / 36773).epsilon(1e-12));
  Scenario set =
      ungegaranti::load_scenario("", {"municipality.code=360", "population.unge_16_24.count=4000"});
  CHECK(band(set, "unge_16_24").count.value == 4000);
  CHECK(band(set, "grundskolealder").count.value ==
        doctest::Approx(154564800.0 / 36773).epsilon(1e-12));
  // The same code again changes nothing.
  Scenario same = ungegaranti::load_scenario("", {"municipality.code=707"});
  CHECK(same == ungegaranti::load_scenario(""));
  // A name given with the code is kept, in the title too.
  Scenario named =
      ungegaranti::load_scenario("", {"municipality.code=741", "municipality.name=Samsø Ø"});
  CHECK(named.municipality_name == "Samsø Ø");
  CHECK(named.title == "Ungegaranti — Samsø Ø Kommune (guld, sølv, bronze)");
}

TEST_CASE("municipality keys: unknown kommunekode, located, with the nearest") {
  CHECK_THROWS_WITH_AS(
      ungegaranti::parse_scenario("extends: builtin:norddjurs\nmunicipality: { code: 102 }\n",
                                  "t.yaml"),
      "t.yaml:2:23: 'municipality.code' must be the kommunekode of one of the 98 municipalities "
      "(101-860); no municipality has 102 (nearest: 101 København, 147 Frederiksberg)",
      Error);
  CHECK_THROWS_WITH_AS(
      ungegaranti::load_scenario("", {"municipality.written_for=900"}),
      "--set municipality.written_for=900: 'municipality.written_for' must be the kommunekode of "
      "one of the 98 municipalities (101-860); no municipality has 900 (nearest: 860 Hjørring)",
      Error);
  CHECK_THROWS_WITH_AS(ungegaranti::load_scenario("", {"municipality.written_for=abc"}),
                       "--set municipality.written_for=abc: 'municipality.written_for' must be a "
                       "number (got 'abc')",
                       Error);
}

TEST_CASE("every municipality: rows for Norddjurs and Lolland, checked by hand") {
  Scenario s = ungegaranti::load_scenario("");
  NeetData data = ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
  std::vector<MunicipalityOutcome> all = ungegaranti::project_all_municipalities(
      s, data, {ungegaranti::Tier::kSolv}, ungegaranti::builtin_population());
  REQUIRE(all.size() == 98);
  for (size_t i = 1; i < all.size(); ++i)
    CHECK(all[i - 1].code < all[i].code);
  auto row = [&](int code) {
    auto at = std::find_if(all.begin(), all.end(),
                           [code](const MunicipalityOutcome& o) { return o.code == code; });
    REQUIRE(at != all.end());
    return *at;
  };
  // The base level of every municipality: the mean of its 2022-2024 shares (base_years: 3,
  // trend: hold, so also the share at the horizon without the guarantee).
  std::map<int, double> base;
  for (const auto& m : data.municipalities) {
    const std::vector<double>& v = data.shares.at(m.code);
    base[m.code] = (v[v.size() - 3] + v[v.size() - 2] + v[v.size() - 1]) / 3;
  }
  auto rank_of = [&](int code) {
    int rank = 1;
    for (const auto& [other, share] : base)
      rank += other != code && share < base.at(code) ? 1 : 0;
    return rank;
  };
  struct Case {
    int code;
    const char* name;
    int population, group;
    double baseline;
  };
  const Case cases[] = {
      {707, "Norddjurs", 36773, 5, (12.65 + 12.63 + 10.94) / 3},  // 36,22 / 3 = 12,0733
      {360, "Lolland", 39632, 5, (15.33 + 16.55 + 16.70) / 3},    // 48,58 / 3 = 16,1933
  };
  for (const Case& c : cases) {
    CAPTURE(c.code);
    MunicipalityOutcome o = row(c.code);
    CHECK(o.name == c.name);
    CHECK(o.population == c.population);
    CHECK(o.group == c.group);
    CHECK(o.tier == ungegaranti::Tier::kSolv);
    CHECK(o.horizon == 2032);  // full in 2027 + 5 years
    CHECK(o.baseline_pct == doctest::Approx(c.baseline).epsilon(1e-12));
    CHECK(o.baseline_all.rank == rank_of(c.code));
    CHECK(o.baseline_all.of == 98);
    CHECK(o.model_group.of == 31);  // DST group 5, Landkommuner: 31 municipalities
    CHECK(o.margin_pp == doctest::Approx(o.threshold_pct - o.model_pct));
    // With the guarantee: the same as `project --set municipality.code=...`, which derives the
    // head counts in the schema rather than in for_municipality().
    ungegaranti::ProjectionResult r = ungegaranti::project(
        ungegaranti::load_scenario("", {"municipality.code=" + std::to_string(c.code)}), data,
        {ungegaranti::Tier::kSolv});
    const auto& m = r.models.at(0);
    CHECK(o.model_pct == m.share_at_horizon_pct);
    CHECK(o.threshold_pct == m.threshold_pct);
    CHECK(o.verdict == m.verdict);
    CHECK(o.model_pct < o.baseline_pct);  // the programme lowers the share
  }
  // Lolland has 39.632 / 36.773 = 1,078 times Norddjurs' young people, so the same participants
  // reach fewer of them: a smaller fall in percentage points than in Norddjurs (same
  // transitions; the calibration differs, which is why this is an inequality, not a number).
  CHECK(row(360).baseline_pct - row(360).model_pct > 0);
  // Deterministic: a second run gives the same rows, and the table one row per municipality.
  CHECK(ungegaranti::project_all_municipalities(s, data, {ungegaranti::Tier::kSolv},
                                                ungegaranti::builtin_population()) == all);
  ungegaranti::Table table =
      ungegaranti::all_municipalities_table(s, all, data, ungegaranti::Lang::kEn);
  CHECK(table.rows.size() == 98);
  CHECK(table.stamp.data == "DST NEET3 (16-24 år), 2010-2024");
  // A run that fails names its municipality (the first, København): a horizon before the data's
  // last year, as in projection_test.
  Scenario early =
      ungegaranti::load_scenario("", {"years.first=2012", "models.guld.one_off=[]",
                                      "models.guld.funding=[]", "models.solv.funding=[]"});
  CHECK_THROWS_WITH_AS(
      ungegaranti::project_all_municipalities(early, data, {ungegaranti::Tier::kSolv},
                                              ungegaranti::builtin_population()),
      "København (101): the horizon of solv (2019) is not after the latest data year 2024; the "
      "budget years must lie after the comparison data",
      Error);
  CHECK(row(101).baseline_pct - row(101).model_pct < row(707).baseline_pct - row(707).model_pct);
}

TEST_CASE("another municipality: the output of show, loaded again, is the same scenario") {
  struct Case {
    std::string file;
    std::vector<std::string> sets;
  };
  const Case cases[] = {
      {"", {"municipality.code=101"}},
      {test_data("lolland.yaml"), {}},
      {test_data("lolland.yaml"), {"municipality.code=147"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.file);
    ungegaranti::ScenarioSource source = ungegaranti::read_scenario_source(c.file);
    ungegaranti::Tree tree = ungegaranti::resolve_scenario(source.text, source.name, c.sets);
    Scenario first = ungegaranti::read_resolved(tree, source.name);
    Scenario again = ungegaranti::parse_scenario(ungegaranti::emit_yaml(tree), "shown.yaml");
    CHECK(again.municipality_code == first.municipality_code);
    CHECK(again.municipality_name == first.municipality_name);
    CHECK(again.written_for == first.written_for);
    CHECK(again.title == first.title);
    CHECK(again.population_derived == first.population_derived);
    CHECK(again.input_hash == first.input_hash);
    REQUIRE(again.population.size() == first.population.size());
    for (size_t i = 0; i < first.population.size(); ++i) {
      CAPTURE(first.population[i].id);
      CHECK(again.population[i].count.value == first.population[i].count.value);
      CHECK(again.population[i].count.low == first.population[i].count.low);
      CHECK(again.population[i].count.source == first.population[i].count.source);
    }
  }
  // lolland.yaml gives the 16-24 band next to its code: kept; the others derived (× 39.632 /
  // 36.773). With the code changed again on the command line, every band is scaled on from
  // Lolland's counts: 3.600 × 104.899 / 39.632, and 1.700 × 39.632 / 36.773 × 104.899 / 39.632
  // = 1.700 × 104.899 / 36.773.
  Scenario lolland = ungegaranti::load_scenario(test_data("lolland.yaml"));
  CHECK(band(lolland, "unge_16_24").count.value == 3600);
  CHECK(band(lolland, "unge_25_29").count.value ==
        doctest::Approx(67374400.0 / 36773).epsilon(1e-12));
  Scenario frb = ungegaranti::load_scenario(test_data("lolland.yaml"), {"municipality.code=147"});
  CHECK(frb.municipality_name == "Frederiksberg");
  CHECK(frb.title == "Ungegaranti — Frederiksberg Kommune (guld, sølv, bronze)");
  CHECK(frb.written_for == 707);  // the participants are still Norddjurs'
  CHECK(band(frb, "unge_16_24").count.value ==
        doctest::Approx(3600.0 * 104899 / 39632).epsilon(1e-12));
  CHECK(band(frb, "unge_25_29").count.value ==
        doctest::Approx(1700.0 * 104899 / 36773).epsilon(1e-12));
}

TEST_CASE("another municipality: written_for concerns the participants, not the head counts") {
  // written_for says whom the participants were written for (the warning); a file's head counts
  // are for the code that file runs with. Counts from a base written for 707 are still scaled.
  Scenario s = ungegaranti::parse_scenario(
      "extends: builtin:norddjurs\n"
      "municipality: { code: 101, written_for: 101 }\n",
      "k.yaml");
  CHECK(s.municipality_name == "København");
  CHECK(band(s, "unge_16_24").count.value == doctest::Approx(2175855000.0 / 36773).epsilon(1e-12));
  CHECK_FALSE(ungegaranti::municipality_warning(s).has_value());
  // One file with another written_for: its counts are its code's, nothing derived, the warning.
  std::string text = ungegaranti::emit_yaml(
      ungegaranti::resolve_scenario(ungegaranti::builtin_scenario_text(), "builtin:norddjurs", {}));
  text.replace(text.find("code: 707"), 9, "code: 360\n  written_for: 707");
  Scenario one = ungegaranti::parse_scenario(text, "one.yaml");
  CHECK(one.municipality_code == 360);
  CHECK(one.municipality_name == "Norddjurs");  // as written in the file
  CHECK_FALSE(one.population_derived);
  CHECK(band(one, "unge_16_24").count.value == 3300);
  CHECK(ungegaranti::municipality_warning(one).has_value());
}

TEST_CASE("a municipality code far outside an int is an error, not undefined behaviour") {
  // Found by fuzz_cli: the code was converted to int before its range was checked (UBSan:
  // "9.99e+34 is outside the range of representable values of type 'int'").
  for (const char* code :
       {"9990000000000000000000000000000000", "-9990000000000000000000", "1e300"}) {
    CAPTURE(code);
    CHECK_THROWS_AS(ungegaranti::load_scenario("", {std::string("municipality.code=") + code}),
                    ungegaranti::Error);
  }
}
