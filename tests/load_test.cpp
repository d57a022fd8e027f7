#include "ungegaranti/load.hpp"

#include <doctest/doctest.h>

#include "scenario_text.hpp"
#include "test_util.hpp"
#include "ungegaranti/cost.hpp"
#include "ungegaranti/value_reader.hpp"

using ungegaranti::Error;
using ungegaranti::Lang;
using ungegaranti::Message;
using ungegaranti::msg;
using ungegaranti::parse_scenario;
using ungegaranti::Scenario;
using ungegaranti::Tier;

namespace {

// kHandScenario with the first occurrence of `from` replaced by `to`.
std::string edited(const std::string& from, const std::string& to) {
  std::string text = kHandScenario;
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("the hand scenario loads with its values and defaults") {
  Scenario s = parse_scenario(kHandScenario, "t.yaml");
  CHECK(s.title == "Hand");
  CHECK(s.municipality_code == 707);
  CHECK(s.first_year == 2025);
  CHECK(s.last_year() == 2026);
  CHECK(s.roles.size() == 2);
  CHECK(s.role("cw")->annual_cost.value == 500000);
  CHECK(s.role("cw")->annual_cost.where.str() == "t.yaml:15:32");
  CHECK(s.role("cw")->annual_cost.path == "roles.cw.annual_cost");
  CHECK(s.model(Tier::kBronze).status_reporting->hours_per_year.value == 200);
  CHECK(s.model(Tier::kSolv).funding.at(0).from == 2026);
  CHECK(s.model(Tier::kSolv).funding.at(0).to == 2026);
  CHECK(s.model(Tier::kGuld).one_off.at(0).department == "ama");  // from its track
  CHECK_FALSE(s.initiatives.at(0).per_model[0].has_value());      // guld leaves it out
  CHECK(s.initiatives.at(0).per_model[1]->ramp.at(0).value == 0.5);
  CHECK(s.input_hash.size() == 12);
  // The hash follows content, not formatting or comments.
  CHECK(parse_scenario("# a comment\n" + kHandScenario, "u.yaml").input_hash == s.input_hash);
  CHECK(parse_scenario(kHandScenario, "t.yaml", {"title=Other"}).input_hash != s.input_hash);
}

TEST_CASE("a quantity keeps its range and provenance") {
  Scenario s = parse_scenario(
      edited("annual_cost: 500000,",
             "annual_cost: { value: 500000, low: 450000, high: 600000, unit: DKK/year, "
             "source: antagelse, note: hvorfor, note_en: why },"),
      "t.yaml");
  const auto& q = s.role("cw")->annual_cost;
  CHECK(q.value == 500000);
  CHECK(*q.low == 450000);
  CHECK(*q.high == 600000);
  CHECK(q.dist == ungegaranti::Distribution::kTriangular);
  CHECK(q.source == "antagelse");
  CHECK(q.note == "hvorfor");
  CHECK(q.note_en == "why");
}

TEST_CASE("validation errors are reported word for word with file:line:col") {
  struct Case {
    const char* name;
    std::string from, to;
    const char* message;
  };
  const Case cases[] = {
      {"negative money", "annual_cost: 500000", "annual_cost: -500000",
       "t.yaml:15:32: 'roles.cw.annual_cost' must be >= 0 (got -500000)"},
      {"non-finite money", "annual_cost: 500000", "annual_cost: .inf",
       "t.yaml:15:32: 'roles.cw.annual_cost' must be a finite number (got .inf)"},
      {"huge money", "annual_cost: 500000", "annual_cost: 1e400",
       "t.yaml:15:32: 'roles.cw.annual_cost' must be a finite number (got 1e400)"},
      {"quoted number", "annual_cost: 500000", "annual_cost: \"500000\"",
       "t.yaml:15:32: 'roles.cw.annual_cost' must be a number (got a string '500000')"},
      {"note_en not a string", "annual_cost: 500000",
       "annual_cost: { value: 500000, note_en: [a] }",
       "t.yaml:15:58: 'roles.cw.annual_cost.note_en' must be a string (got a list)"},
      {"wrong type", "code: 707", "code: [707]",
       "t.yaml:3:23: 'municipality.code' must be a number (got a list)"},
      {"share above 1", "wages: 0.1", "wages: 1.5",
       "t.yaml:7:22: 'indexation.wages' must be a share from 0 to 1 (got 1.5)"},
      {"year out of range", "first: 2025", "first: 1899",
       "t.yaml:4:17: 'years.first' must be a whole number from 2000 to 2100 (got 1899)"},
      {"unknown key", "hours_per_fte: 1000", "hours_per_ft: 1000",
       "t.yaml:6:1: unknown key 'hours_per_ft' at the top level (did you mean 'hours_per_fte'?)"},
      {"unknown nested key", "{ name: CW, annual_cost", "{ name: CW, anual_cost",
       "t.yaml:15:19: unknown key 'anual_cost' in 'roles.cw' (did you mean 'annual_cost'?)\n"
       "t.yaml:15:7: missing key 'annual_cost' in 'roles.cw'"},
      {"unknown track", "track: a\n", "track: c\n",
       "t.yaml:36:12: 'initiatives.mentor.track' names an unknown track 'c' (known: a, b)"},
      {"unknown department", "name: A, department: bfo", "name: A, department: bfx",
       "t.yaml:12:29: 'tracks.a.department' names an unknown department 'bfx' (did you mean "
       "'bfo'?)"},
      {"unknown staffing role", "staffing: { cw: 2 }", "staffing: { cx: 2 }",
       "t.yaml:25:17: 'models.guld.staffing.cx' names an unknown role 'cx' (did you mean 'cw'?)"},
      {"ramp length", "ramp: [0.5, 1]", "ramp: [0.5, 1, 1]",
       "t.yaml:38:11: 'initiatives.mentor.ramp' must have 2 entries, one per budget year "
       "2025-2026 (got 3)"},
      {"one-off outside period", "year: 2026", "year: 2031",
       "t.yaml:26:33: 'models.guld.one_off.mat.year' must be a budget year from 2025 to 2026 (got "
       "2031)"},
      {"range excludes value", "annual_cost: 500000", "annual_cost: {value: 5, low: 6, high: 7}",
       "t.yaml:15:40: 'roles.cw.annual_cost': the range low 6 .. high 7 must contain the value 5"},
      {"unknown distribution", "annual_cost: 500000",
       "annual_cost: {value: 5, low: 1, high: 7, dist: beta}",
       "t.yaml:15:66: 'roles.cw.annual_cost.dist' must be one of uniform, triangular, pert, "
       "normal, lognormal (got 'beta')"},
      {"money in tkr", "annual_cost: 500000", "annual_cost: {value: 500, unit: tkr.}",
       "t.yaml:15:51: 'roles.cw.annual_cost' is an amount in kroner; unit 'tkr.' does not fit "
       "(write the amount in kr., e.g. unit: DKK/year)"},
      {"missing key", "  cw: { name: CW, annual_cost: 500000, department: ama }",
       "  cw: { name: CW, department: ama }",
       "t.yaml:15:7: missing key 'annual_cost' in 'roles.cw'"},
      {"unknown model", "  bronze:\n", "  bronse:\n",
       "t.yaml:31:3: unknown key 'bronse' in 'models' (did you mean 'bronze'?)\n"
       "t.yaml:23:3: missing key 'bronze' in 'models'"},
      {"format version", "ungegaranti: 1", "ungegaranti: 2",
       "t.yaml:1:14: 'ungegaranti' must be 1 (got 2)"},
      {"decentral without status", "    status_reporting: { role: cw, hours_per_year: 200 }\n", "",
       "t.yaml:32:5: 'models.bronze' is decentral, so it needs 'status_reporting'"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK_THROWS_WITH_AS(parse_scenario(edited(c.from, c.to), "t.yaml"), c.message, Error);
  }
}

namespace {

// The hand scenario with three mistakes: a code out of range, a negative cost, an unknown track.
std::string three_mistakes() {
  std::string text = edited("annual_cost: 500000", "annual_cost: -1");
  text.replace(text.find("track: a\n"), 9, "track: zz\n");
  text.replace(text.find("code: 707"), 9, "code: 7");
  return text;
}

}  // namespace

TEST_CASE("every validation error in a file is reported in one run") {
  std::string text = three_mistakes();
  try {
    parse_scenario(text, "t.yaml");
    FAIL("expected an error");
  } catch (const Error& e) {
    REQUIRE(e.diagnostics().size() == 3);
    CHECK(e.diagnostics()[0].str() ==
          "t.yaml:3:23: 'municipality.code' must be a whole number from 101 to 999 (got 7)");
    CHECK(e.diagnostics()[1].str() == "t.yaml:15:32: 'roles.cw.annual_cost' must be >= 0 (got -1)");
    CHECK(e.diagnostics()[2].str() ==
          "t.yaml:36:12: 'initiatives.mentor.track' names an unknown track 'zz' (known: a, b)");
  }
}

TEST_CASE("messages are Danish by default, English on request; what() is the English text") {
  std::string text = three_mistakes();
  try {
    parse_scenario(text, "t.yaml");
    FAIL("expected an error");
  } catch (const Error& e) {
    REQUIRE(e.diagnostics().size() == 3);
    CHECK(e.diagnostics()[0].str(Lang::kDa) ==
          "t.yaml:3:23: 'municipality.code' skal være et helt tal fra 101 til 999 (fik 7)");
    CHECK(e.diagnostics()[1].message.da == "'roles.cw.annual_cost' skal være >= 0 (fik -1)");
    CHECK(e.diagnostics()[2].message.in(Lang::kDa) ==
          "'initiatives.mentor.track' nævner et ukendt spor 'zz' (kendte: a, b)");
    CHECK(e.text(Lang::kEn) == e.what());
    CHECK(e.text(Lang::kDa) == e.diagnostics()[0].str(Lang::kDa) + "\n" +
                                   e.diagnostics()[1].str(Lang::kDa) + "\n" +
                                   e.diagnostics()[2].str(Lang::kDa));
  }
  // A typed value, an unknown key with its did-you-mean, and yaml-cpp's words in a Danish sentence.
  auto danish = [](const std::string& yaml) {
    try {
      parse_scenario(yaml, "t.yaml");
    } catch (const Error& e) {
      return e.diagnostics().front().message.da;
    }
    return std::string("no error");
  };
  CHECK(danish(edited("annual_cost: 500000", "annual_cost: abc")) ==
        "'roles.cw.annual_cost' skal være et tal (fik 'abc')");
  CHECK(danish(edited("annual_cost: 500000", "anual_cost: 500000")) ==
        "ukendt nøgle 'anual_cost' i 'roles.cw' (mente du 'annual_cost'?)");
  CHECK(danish("title: {a: 1") == "YAML-syntaksfejl: end of map flow not found");
}

TEST_CASE("msg() formats both languages, and a Message argument in the matching one") {
  Message what{"en liste", "a list"};
  Message m = msg("'{}' skal være et tal (fik {})", "'{}' must be a number (got {})", "x", what);
  CHECK(m.da == "'x' skal være et tal (fik en liste)");
  CHECK(m.en == "'x' must be a number (got a list)");
  Error e({"f.yaml", 2, 3}, m);
  CHECK(e.text(Lang::kDa) == "f.yaml:2:3: 'x' skal være et tal (fik en liste)");
  CHECK(std::string(e.what()) == "f.yaml:2:3: 'x' must be a number (got a list)");
}

TEST_CASE("duplicate ids in an id-list are errors") {
  std::string text = kHandScenario + R"(  - id: mentor
    track: b
    per_model: { solv: { participants: 1, unit_cost: 1 } }
)";
  CHECK_THROWS_WITH_AS(parse_scenario(text, "t.yaml"),
                       "t.yaml:42:9: duplicate id 'mentor' in 'initiatives' (first at t.yaml:35:9)",
                       Error);
}

TEST_CASE("model names are accepted in any case and in three languages") {
  struct Case {
    const char* text;
    std::optional<Tier> tier;
  };
  const Case cases[] = {
      {"guld", Tier::kGuld},     {"GOLD", Tier::kGuld},    {"solv", Tier::kSolv},
      {"Sølv", Tier::kSolv},     {"SØLV", Tier::kSolv},    {"silver", Tier::kSolv},
      {"Bronze", Tier::kBronze}, {"platin", std::nullopt}, {"", std::nullopt}};
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(ungegaranti::parse_tier(c.text) == c.tier);
  }
}

TEST_CASE("--set overrides one value and is validated like the file") {
  Scenario s = parse_scenario(kHandScenario, "t.yaml",
                              {"roles.cw.annual_cost=600000", "initiatives.mentor.ramp.0=0.25",
                               "initiatives.mentor.per_model.solv.participants=12"});
  CHECK(s.role("cw")->annual_cost.value == 600000);
  CHECK(s.initiatives[0].per_model[1]->ramp[0].value == 0.25);
  CHECK(s.initiatives[0].per_model[1]->participants.value == 12);

  struct Case {
    const char* set;
    const char* message;
  };
  const Case cases[] = {
      {"roles.cw.annual_cost=-5",
       "--set roles.cw.annual_cost=-5: 'roles.cw.annual_cost' must be >= 0 (got -5)"},
      {"roles.cx.annual_cost=5",
       "--set roles.cx.annual_cost=5: 'roles.cx' does not exist (known here: cw, chief)"},
      {"roles.cw.anual_cost=5",
       "--set roles.cw.anual_cost=5: unknown key 'anual_cost' in 'roles.cw' (did you mean "
       "'annual_cost'?)"},
      {"initiatives.mentor.ramp.7=1",
       "--set initiatives.mentor.ramp.7=1: 'initiatives.mentor.ramp.7' does not exist "
       "('initiatives.mentor.ramp' is a list of 2 items; use an index from 0)"},
      {"nothing", "--set nothing: expected key.path=value"},
      {"title=[1", "--set title=[1: YAML syntax error: end of sequence flow not found"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.set);
    CHECK_THROWS_WITH_AS(parse_scenario(kHandScenario, "t.yaml", {c.set}), c.message, Error);
  }
}

TEST_CASE("extends merges mappings deeply and id-lists by id") {
  Scenario base = ungegaranti::load_scenario(source_file("scenarios/norddjurs.yaml"));
  Scenario variant = ungegaranti::load_scenario(test_data("variant.yaml"));
  CHECK(variant.title == "Variant af Norddjurs");
  CHECK(variant.municipality_code == base.municipality_code);
  CHECK(variant.role("sagsbehandler")->annual_cost.value == 600000);
  CHECK(variant.role("erhvervsplaymaker")->annual_cost ==
        base.role("erhvervsplaymaker")->annual_cost);
  REQUIRE(variant.initiatives.size() == base.initiatives.size() + 1);
  CHECK(variant.initiatives.back().id == "ekstra");
  // The first initiative is merged: one value changed, the rest kept from the base.
  CHECK(variant.initiatives[0].per_model[0]->participants.value == 999);
  CHECK(variant.initiatives[0].per_model[0]->unit_cost ==
        base.initiatives[0].per_model[0]->unit_cost);
}

TEST_CASE("extends errors: a cycle, a missing base, a directory") {
  CHECK_THROWS_WITH_AS(
      ungegaranti::load_scenario(test_data("cycle_a.yaml")),
      (test_data("cycle_b.yaml") + ":1:10: extends cycle: " + test_data("cycle_a.yaml") + " -> " +
       test_data("cycle_b.yaml") + " -> " + test_data("cycle_a.yaml"))
          .c_str(),
      Error);
  CHECK_THROWS_WITH_AS(parse_scenario("extends: no-such-base.yaml\n", test_data("x.yaml")),
                       (test_data("x.yaml") + ":1:10: cannot open '" +
                        test_data("no-such-base.yaml") + "': No such file or directory")
                           .c_str(),
                       Error);
  CHECK_THROWS_WITH_AS(parse_scenario("extends: .\n", test_data("x.yaml")),
                       (test_data("x.yaml") + ":1:10: '" + std::string(UNGEGARANTI_SOURCE_DIR) +
                        "/tests/data' is a directory, not a scenario file")
                           .c_str(),
                       Error);
}

TEST_CASE("extends: builtin:norddjurs uses the embedded default") {
  Scenario s = parse_scenario("extends: builtin:norddjurs\ntitle: Kopi\n", "t.yaml");
  Scenario d = ungegaranti::load_scenario("");
  CHECK(s.title == "Kopi");
  CHECK(s.roles == d.roles);
  CHECK(s.initiatives == d.initiatives);
}

TEST_CASE("the embedded default is scenarios/norddjurs.yaml") {
  Scenario embedded = ungegaranti::load_scenario("");
  Scenario file = ungegaranti::load_scenario(source_file("scenarios/norddjurs.yaml"));
  CHECK(embedded.input_hash == file.input_hash);
  CHECK(embedded.origin == "builtin:norddjurs");
}

TEST_CASE("show output loads again to the same hash and the same figures") {
  for (const std::string& path : {source_file("scenarios/norddjurs.yaml"), test_data("other.yaml"),
                                  test_data("variant.yaml")}) {
    CAPTURE(path);
    auto source = ungegaranti::read_scenario_source(path);
    auto tree = ungegaranti::resolve_scenario(source.text, path, {"indexation.wages=0.05"});
    Scenario first = ungegaranti::read_resolved(tree, path);
    std::string shown = ungegaranti::emit_yaml(tree);
    Scenario again = parse_scenario(shown, "shown.yaml");
    CHECK(again.input_hash == first.input_hash);
    CHECK(ungegaranti::emit_yaml(ungegaranti::resolve_scenario(shown, "shown.yaml")) == shown);
    for (Tier tier : ungegaranti::kAllTiers) {
      CHECK(ungegaranti::compute_cost(again, tier) == ungegaranti::compute_cost(first, tier));
    }
  }
}

TEST_CASE("file errors: missing, directory, empty, not YAML") {
  CHECK_THROWS_WITH_AS(ungegaranti::load_scenario("/nonexistent/x.yaml"),
                       "cannot open '/nonexistent/x.yaml': No such file or directory", Error);
  CHECK_THROWS_WITH_AS(parse_scenario("", "t.yaml"),
                       "t.yaml: the file is empty; expected a scenario", Error);
  CHECK_THROWS_WITH_AS(parse_scenario("just some text\n", "t.yaml"),
                       "t.yaml:1:1: expected a mapping of scenario keys at the top (got a scalar)",
                       Error);
}

TEST_CASE("did_you_mean finds near misses only") {
  std::vector<std::string> keys = {"annual_cost", "department", "name"};
  CHECK(ungegaranti::did_you_mean("anual_cost", keys) == "annual_cost");
  CHECK(ungegaranti::did_you_mean("Department", keys) == "department");
  CHECK(ungegaranti::did_you_mean("salary", keys) == "");
}
