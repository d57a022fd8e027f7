// The follow-up (issue 8): reading actuals files, the deviation arithmetic against hand-computed
// values, the totals of every breakdown, and the re-projection from an observed NEET share.
#include "ungegaranti/followup.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "scenario_text.hpp"
#include "ungegaranti/actuals.hpp"
#include "ungegaranti/followup_table.hpp"
#include "ungegaranti/load.hpp"
#include "ungegaranti/report.hpp"

using ungegaranti::Actuals;
using ungegaranti::Category;
using ungegaranti::Error;
using ungegaranti::FollowBy;
using ungegaranti::MoneyLine;
using ungegaranti::ReachKind;
using ungegaranti::ReachLine;
using ungegaranti::Scenario;
using ungegaranti::Table;
using ungegaranti::Tier;

namespace {

// kHandScenario's solv, by hand (price base 2025, wages +10 %, other +5 % a year):
//   staffing.cw        1.5 x 500.000                                  = 750.000 | 825.000 (x 1,1)
//   mentor             30.000 + 10 x 20.000 x ramp; half wage-indexed = 130.000 | 230.000 x 1,075
//                                                                     =           247.250
//   coordination.chief 2 members x 4 meetings x 3 hours x 1.000 kr./h =  24.000 |  26.400
//   coordination.cw    secretariat 100 hours x 500 kr./h              =  50.000 |  55.000
//   funding.p          40.000 from 2026                               =       0 | -40.000
const std::string kHandActuals = R"(actuals: 1
follows: hand.yaml
model: solv
years:
  2026:
    spend:
      initiatives: { mentor: 247250 }
      staffing: { cw: 825000 }
      coordination: { chief: 26400, cw: 55000 }
    funding: { p: 30000 }
    participants: { mentor: 8 }
    fte: { cw: 1 }
  2025:
    spend:
      initiatives: { mentor: 143000 }
      tracks: { b: 20000 }
      staffing: { cw: 600000 }
    company_places: 3
)";

Scenario hand() { return ungegaranti::parse_scenario(kHandScenario, "hand.yaml"); }

Actuals hand_actuals(const Scenario& s) {
  return ungegaranti::parse_actuals(kHandActuals, "a.yaml", s);
}

const MoneyLine* find(const std::vector<MoneyLine>& lines, int year, const std::string& line) {
  for (const MoneyLine& l : lines) {
    if (l.year == year && l.line == line)
      return &l;
  }
  return nullptr;
}

// The cells of the row whose first cell has `key` and whose year cell has `year`.
const ungegaranti::Row* row(const Table& t, const std::string& key, const std::string& year) {
  size_t year_col = 0;
  for (size_t i = 0; i < t.columns.size(); ++i) {
    if (t.columns[i].id == "year")
      year_col = i;
  }
  for (const ungegaranti::Row& r : t.rows) {
    if (r.cells[0].key == key && r.cells[year_col].key == year)
      return &r;
  }
  return nullptr;
}

double cell(const Table& t, const ungegaranti::Row& r, const std::string& column) {
  for (size_t i = 0; i < t.columns.size(); ++i) {
    if (t.columns[i].id == column)
      return r.cells[i].number.value_or(NAN);
  }
  return NAN;
}

std::string text(const Table& t, const ungegaranti::Row& r, const std::string& column) {
  for (size_t i = 0; i < t.columns.size(); ++i) {
    if (t.columns[i].id == column)
      return r.cells[i].key;
  }
  return "?";
}

}  // namespace

TEST_CASE("deviation: kr., percent of the budget's size, and the tolerance flag") {
  struct Case {
    const char* name;
    double budget, actual, tolerance;
    double dkk;
    std::optional<double> pct;
    bool flagged;
  };
  const Case cases[] = {
      {"over", 100, 110, 10, 10, 10.0, false},  // exactly at the tolerance: not beyond it
      {"over tolerance", 100, 111, 10, 11, 11.0, true},
      {"under", 200, 150, 10, 50 - 100, -25.0, true},
      {"no budget, spending", 0, 5, 10, 5, std::nullopt, true},
      {"no budget, nothing", 0, 0, 10, 0, std::nullopt, false},
      {"funding: less received", -40000, -30000, 10, 10000, 25.0, true},
      {"funding: more received", -40000, -50000, 30, -10000, -25.0, false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    ungegaranti::Deviation d = ungegaranti::deviation(c.budget, c.actual, c.tolerance);
    CHECK(d.dkk == doctest::Approx(c.dkk));
    CHECK(d.pct.has_value() == c.pct.has_value());
    if (c.pct && d.pct)
      CHECK(*d.pct == doctest::Approx(*c.pct));
    CHECK(d.flagged == c.flagged);
  }
}

TEST_CASE("deviation: a deviation below the negligible amount is never flagged") {
  // Tolerance 0 with money (negligible 0,5 kr.): 0,4 kr. shows as 0 and is not flagged.
  CHECK_FALSE(ungegaranti::deviation(100, 100.4, 0, 0.5).flagged);
  CHECK(ungegaranti::deviation(100, 100.5, 0, 0.5).flagged);
  CHECK(ungegaranti::deviation(100, 99.5, 0, 0.5).flagged);
  CHECK_FALSE(ungegaranti::deviation(0, 0.3, 10, 0.5).flagged);  // no budget, a rounding error
  CHECK(ungegaranti::deviation(0, 0.5, 10, 0.5).flagged);
  CHECK(ungegaranti::deviation(100, 100.4, 0).flagged);  // without a negligible amount: any
}

TEST_CASE("followup table: tolerance 0 flags no row that shows no deviation") {
  Scenario s = hand();
  Actuals a = ungegaranti::parse_actuals(
      "actuals: 1\nfollows: hand.yaml\nmodel: solv\nyears:\n  2025:\n    spend:\n      "
      "initiatives: { mentor: 130000.3 }\n      staffing: { cw: 750000 }\n      coordination: { "
      "chief: 24000, cw: 50000 }\n",
      "a.yaml", s);
  ungegaranti::FollowUp f = ungegaranti::follow_up(s, a, nullptr, nullptr);
  Table t = ungegaranti::followup_tables(s, a, f, FollowBy::kLine, 0, ungegaranti::Lang::kEn)[0];
  for (const ungegaranti::Row& r : t.rows)
    CHECK(text(t, r, "flag") == "no");
}

TEST_CASE("compare_money: plan-only, actuals-only and matched lines, by hand") {
  Scenario s = hand();
  std::vector<MoneyLine> lines = ungegaranti::compare_money(s, hand_actuals(s));
  struct Case {
    int year;
    const char* line;
    double budget, actual;
    const char* department;
  };
  const Case cases[] = {
      {2025, "mentor", 130000, 143000, "bfo"},
      {2025, "staffing.cw", 750000, 600000, "ama"},
      {2025, "coordination.chief", 24000, 0, "bfo"},  // only in the plan: 2025 lists none
      {2025, "coordination.cw", 50000, 0, "ama"},
      {2025, "track.b", 0, 20000, "ama"},  // only in the actuals
      // 2025 has no `funding`: its funding is not reported, so there is no funding line.
      {2026, "mentor", 247250, 247250, "bfo"},
      {2026, "staffing.cw", 825000, 825000, "ama"},
      {2026, "coordination.chief", 26400, 26400, "bfo"},
      {2026, "coordination.cw", 55000, 55000, "ama"},
      {2026, "funding.p", -40000, -30000, "ama"},
  };
  CHECK(lines.size() == std::size(cases));
  for (const Case& c : cases) {
    CAPTURE(c.year);
    CAPTURE(c.line);
    const MoneyLine* l = find(lines, c.year, c.line);
    REQUIRE(l != nullptr);
    CHECK(l->budget == doctest::Approx(c.budget));
    CHECK(l->actual == doctest::Approx(c.actual));
    CHECK(l->department == c.department);
  }
  CHECK(find(lines, 2025, "track.b")->track == "b");
  CHECK(find(lines, 2025, "track.b")->category == Category::kInitiatives);
  CHECK(find(lines, 2025, "funding.p") == nullptr);
}

// Spending and funding are separate sections (docs/actuals-reference.md): a year with only
// `funding` compares no spending, a year with only `spend` compares no funding.
const std::string kSectionsActuals = R"(actuals: 1
follows: hand.yaml
model: solv
years:
  2025:
    spend:
      initiatives: { mentor: 143000 }
      staffing: { cw: 600000 }
  2026:
    funding: { p: 30000 }
)";

TEST_CASE("compare_money: spend and funding are compared only in the years that report them") {
  Scenario s = hand();
  Actuals a = ungegaranti::parse_actuals(kSectionsActuals, "a.yaml", s);
  std::vector<MoneyLine> lines = ungegaranti::compare_money(s, a);
  // 2025 (spend only): mentor 130.000 | 143.000, staffing.cw 750.000 | 600.000, coordination
  // chief 24.000 | 0 and cw 50.000 | 0; no funding line (the plan's 2025 funding is 0 anyway).
  // 2026 (funding only): funding.p -40.000 | -30.000 and nothing else: not 2026's 1.153.650 of
  // planned spending against 0.
  REQUIRE(lines.size() == 5);
  CHECK(find(lines, 2025, "mentor")->budget == 130000);
  CHECK(find(lines, 2025, "staffing.cw")->actual == 600000);
  CHECK(find(lines, 2025, "coordination.cw")->budget == 50000);
  CHECK(find(lines, 2025, "funding.p") == nullptr);
  CHECK(find(lines, 2026, "mentor") == nullptr);
  CHECK(find(lines, 2026, "staffing.cw") == nullptr);
  REQUIRE(find(lines, 2026, "funding.p") != nullptr);
  CHECK(find(lines, 2026, "funding.p")->budget == -40000);
  CHECK(find(lines, 2026, "funding.p")->actual == -30000);

  ungegaranti::FollowUp f = ungegaranti::follow_up(s, a, nullptr, nullptr);
  Table t =
      ungegaranti::followup_tables(s, a, f, FollowBy::kCategory, 10, ungegaranti::Lang::kEn)[0];
  // Gross: only 2025 (954.000 | 743.000); funding: only 2026; net to date = 954.000 - 40.000 |
  // 743.000 - 30.000.
  CHECK(row(t, "gross", "2026") == nullptr);
  CHECK(row(t, "funding", "2025") == nullptr);
  CHECK(cell(t, *row(t, "gross", "to_date"), "budget") == 954000);
  CHECK(cell(t, *row(t, "gross", "to_date"), "actual") == 743000);
  CHECK(cell(t, *row(t, "funding", "to_date"), "budget") == -40000);
  CHECK(cell(t, *row(t, "funding", "to_date"), "actual") == -30000);
  CHECK(cell(t, *row(t, "net", "to_date"), "budget") == 914000);
  CHECK(cell(t, *row(t, "net", "to_date"), "actual") == 713000);
  CHECK(cell(t, *row(t, "net", "2026"), "budget") == -40000);
  Table by_year =
      ungegaranti::followup_tables(s, a, f, FollowBy::kYear, 10, ungegaranti::Lang::kEn)[0];
  REQUIRE(by_year.rows.size() == 3);
  CHECK(cell(by_year, by_year.rows[0], "budget") == 954000);
  CHECK(cell(by_year, by_year.rows[1], "actual") == -30000);
  CHECK(cell(by_year, by_year.rows[2], "budget") == 914000);
  CHECK(cell(by_year, by_year.rows[2], "actual") == 713000);
}

TEST_CASE("followup table: per year, cumulative to date and flags, by hand") {
  Scenario s = hand();
  Actuals a = hand_actuals(s);
  ungegaranti::FollowUp f = ungegaranti::follow_up(s, a, nullptr, nullptr);
  std::vector<Table> tables =
      ungegaranti::followup_tables(s, a, f, FollowBy::kCategory, 10, ungegaranti::Lang::kDa);
  REQUIRE(tables.size() == 2);  // no NEET observation: no NEET tables
  const Table& t = tables[0];
  CHECK(row(t, "funding", "2025") == nullptr);  // 2025 reports no funding
  struct Case {
    const char* key;
    const char* year;
    double budget, actual, pct;  // pct NAN: "-"
    const char* flag;
  };
  // initiatives 2025: mentor 130.000 | 143.000 plus track b 0 | 20.000; 2026 247.250 both.
  // to date: 377.250 | 410.250, +33.000 = 8,75 % -> within 10 %.
  // gross 2025: 954.000 | 763.000; 2026: 1.153.650 both; to date 2.107.650 | 1.916.650.
  // net to date: less 40.000 | 30.000 of funding = 2.067.650 | 1.886.650.
  const Case cases[] = {
      {"initiatives", "2025", 130000, 163000, 100.0 * 33000 / 130000, "yes"},
      {"initiatives", "to_date", 377250, 410250, 100.0 * 33000 / 377250, "no"},
      {"staffing", "2025", 750000, 600000, -20, "yes"},
      {"staffing", "to_date", 1575000, 1425000, 100.0 * -150000 / 1575000, "no"},
      {"coordination", "2025", 74000, 0, -100, "yes"},
      {"coordination", "2026", 81400, 81400, 0, "no"},
      {"gross", "2025", 954000, 763000, 100.0 * -191000 / 954000, "yes"},
      {"gross", "to_date", 2107650, 1916650, 100.0 * -191000 / 2107650, "no"},
      {"funding", "2026", -40000, -30000, 25, "yes"},
      {"net", "to_date", 2067650, 1886650, 100.0 * -181000 / 2067650, "no"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.key);
    CAPTURE(c.year);
    const ungegaranti::Row* r = row(t, c.key, c.year);
    REQUIRE(r != nullptr);
    CHECK(cell(t, *r, "budget") == doctest::Approx(c.budget));
    CHECK(cell(t, *r, "actual") == doctest::Approx(c.actual));
    CHECK(cell(t, *r, "deviation") == doctest::Approx(c.actual - c.budget));
    if (std::isnan(c.pct)) {
      CHECK(std::isnan(cell(t, *r, "deviation_pct")));
    } else {
      CHECK(cell(t, *r, "deviation_pct") == doctest::Approx(c.pct));
    }
    CHECK(text(t, *r, "flag") == c.flag);
  }
}

TEST_CASE("followup table: the net total to date is the same in every breakdown") {
  Scenario s = hand();
  Actuals a = hand_actuals(s);
  ungegaranti::FollowUp f = ungegaranti::follow_up(s, a, nullptr, nullptr);
  auto net = [&](FollowBy by, const std::string& key, const std::string& year) {
    Table t = ungegaranti::followup_tables(s, a, f, by, 10, ungegaranti::Lang::kEn)[0];
    const ungegaranti::Row* r = row(t, key, year);
    REQUIRE(r != nullptr);
    return std::pair{cell(t, *r, "budget"), cell(t, *r, "actual")};
  };
  // by year has no year column: its first cell is the year, and the last row the total.
  Table by_year =
      ungegaranti::followup_tables(s, a, f, FollowBy::kYear, 10, ungegaranti::Lang::kEn)[0];
  REQUIRE(by_year.rows.size() == 3);
  const ungegaranti::Row& total = by_year.rows.back();
  CHECK(total.cells[0].key == "to_date");
  CHECK(cell(by_year, total, "budget") == doctest::Approx(2067650));
  CHECK(cell(by_year, total, "actual") == doctest::Approx(1886650));
  CHECK(cell(by_year, by_year.rows[0], "budget") == doctest::Approx(954000));
  CHECK(cell(by_year, by_year.rows[1], "actual") == doctest::Approx(1123650));
  for (FollowBy by :
       {FollowBy::kCategory, FollowBy::kTrack, FollowBy::kDepartment, FollowBy::kLine}) {
    CAPTURE(static_cast<int>(by));
    auto [budget, actual] = net(by, "net", "to_date");
    CHECK(budget == doctest::Approx(2067650));
    CHECK(actual == doctest::Approx(1886650));
  }
  // by track: track b's "other spending" is actuals-only, shared lines go to "" last.
  Table by_track =
      ungegaranti::followup_tables(s, a, f, FollowBy::kTrack, 10, ungegaranti::Lang::kEn)[0];
  const ungegaranti::Row* b = row(by_track, "b", "2025");
  REQUIRE(b != nullptr);
  CHECK(cell(by_track, *b, "budget") == 0);
  CHECK(cell(by_track, *b, "actual") == 20000);
  CHECK(b->cells[5].text == "-");  // deviation %: no budget, no percentage
  CHECK(!b->cells[5].number);
}

TEST_CASE("compare_reach: participants x ramp, staffing FTE and company places") {
  Scenario s = hand();
  std::vector<ReachLine> reach = ungegaranti::compare_reach(s, hand_actuals(s));
  REQUIRE(reach.size() == 3);
  CHECK(reach[0] == ReachLine{2025, ReachKind::kCompanyPlaces, "", std::nullopt, 3});
  CHECK(reach[1] == ReachLine{2026, ReachKind::kParticipants, "mentor", 10.0, 8});
  CHECK(reach[2] == ReachLine{2026, ReachKind::kFte, "cw", 1.5, 1});
}

TEST_CASE("followup reach table: participants and places to date, FTE on average, by hand") {
  Scenario s = hand();
  // Plan (solv): mentor 10 participants x ramp 0,5 | 1 = 5 | 10; cw 1,5 FTE both years; no
  // company places stated.
  Actuals a = ungegaranti::parse_actuals(
      "actuals: 1\nfollows: hand.yaml\nmodel: solv\nyears:\n"
      "  2025: { participants: { mentor: 4 }, fte: { cw: 1 }, company_places: 3 }\n"
      "  2026: { participants: { mentor: 8 }, fte: { cw: 2 }, company_places: 5 }\n",
      "a.yaml", s);
  ungegaranti::FollowUp f = ungegaranti::follow_up(s, a, nullptr, nullptr);
  Table t =
      ungegaranti::followup_tables(s, a, f, FollowBy::kCategory, 10, ungegaranti::Lang::kEn)[1];
  auto find_row = [&](const std::string& measure, const std::string& item,
                      const std::string& year) -> const ungegaranti::Row* {
    for (const ungegaranti::Row& r : t.rows) {
      if (r.cells[0].key == measure && r.cells[1].key == item && r.cells[2].key == year)
        return &r;
    }
    return nullptr;
  };
  struct Case {
    const char *measure, *item, *year;
    double plan, actual;  // plan NAN: "-"
  };
  const Case cases[] = {
      {"participants", "mentor", "2025", 5, 4},
      {"participants", "mentor", "to_date", 15, 12},  // 5 + 10 | 4 + 8
      {"participants", "total", "to_date", 15, 12},
      {"fte", "cw", "average_to_date", 1.5, 1.5},  // (1,5 + 1,5) / 2 | (1 + 2) / 2
      {"fte", "total", "average_to_date", 1.5, 1.5},
      {"company_places", "all", "to_date", NAN, 8},  // 3 + 5; the model states no plan
  };
  for (const Case& c : cases) {
    CAPTURE(c.measure);
    CAPTURE(c.item);
    CAPTURE(c.year);
    const ungegaranti::Row* r = find_row(c.measure, c.item, c.year);
    REQUIRE(r != nullptr);
    if (std::isnan(c.plan)) {
      CHECK(std::isnan(cell(t, *r, "budget")));
    } else {
      CHECK(cell(t, *r, "budget") == doctest::Approx(c.plan));
    }
    CHECK(cell(t, *r, "actual") == doctest::Approx(c.actual));
  }
  CHECK(text(t, *find_row("fte", "cw", "average_to_date"), "flag") == "no");
  CHECK(text(t, *find_row("participants", "mentor", "to_date"), "flag") == "yes");  // -20 %
}

TEST_CASE("actuals: validation errors with file:line:col") {
  Scenario s = hand();
  struct Case {
    const char* name;
    const char* text;
    const char* error;
  };
  const Case cases[] = {
      {"unknown key",
       "actuals: 1\nfollows: hand.yaml\nmodel: solv\nyears:\n  2025:\n    spnd: {}\n",
       "a.yaml:6:5: unknown key 'spnd' in 'years.2025' (did you mean 'spend'?)"},
      {"year outside the plan", "actuals: 1\nfollows: hand.yaml\nmodel: solv\nyears:\n  2027: {}\n",
       "a.yaml:5:3: year 2027 is outside the budget years 2025-2026 of the scenario it follows "
       "(hand.yaml)"},
      {"bad model", "actuals: 1\nfollows: hand.yaml\nmodel: platin\nyears: {}\n",
       "a.yaml:3:8: 'model' must be guld, solv or bronze (got 'platin')"},
      {"unknown initiative",
       "actuals: 1\nfollows: hand.yaml\nmodel: solv\nyears:\n  2025:\n    participants: { mentr: 3 "
       "}\n",
       "a.yaml:6:21: 'years.2025.participants.mentr' names an unknown initiative 'mentr' (did you "
       "mean 'mentor'?)"},
      {"negative spend",
       "actuals: 1\nfollows: hand.yaml\nmodel: solv\nyears:\n  2025:\n    spend:\n      "
       "staffing: { cw: -5 }\n",
       "a.yaml:7:23: 'years.2025.spend.staffing.cw' must be >= 0 (got -5)"},
      {"NEET share over 100",
       "actuals: 1\nfollows: hand.yaml\nmodel: solv\nyears:\n  2025: { neet_share: 140 }\n",
       "a.yaml:5:23: 'years.2025.neet_share' is a percentage and must be from 0 to 100 (got 140)"},
      {"year not a number", "actuals: 1\nfollows: hand.yaml\nmodel: solv\nyears:\n  next: {}\n",
       "a.yaml:5:3: 'years' must have years as keys (got 'next')"},
      {"no follows", "actuals: 1\nmodel: solv\nyears: {}\n",
       "a.yaml:1:1: missing key 'follows' in 'the actuals file'"},
      {"format version", "actuals: 2\nfollows: hand.yaml\nmodel: solv\nyears: {}\n",
       "a.yaml:1:10: 'actuals' must be 1 (got 2)"},
      // The same year written two ways would be counted twice.
      {"year with a leading zero",
       "actuals: 1\nfollows: hand.yaml\nmodel: solv\nyears:\n  02025: {}\n",
       "a.yaml:5:3: year '02025' must be written without leading zeros (2025)"},
      {"year given twice",
       "actuals: 1\nfollows: hand.yaml\nmodel: solv\nyears:\n  2025: {}\n  02025: {}\n",
       "a.yaml:6:3: year '02025' must be written without leading zeros (2025)\n"
       "a.yaml:6:3: year 2025 is given twice (first as '2025' at a.yaml:5:3)"},
      {"year with a sign", "actuals: 1\nfollows: hand.yaml\nmodel: solv\nyears:\n  +2025: {}\n",
       "a.yaml:5:3: 'years' must have years as keys (got '+2025')"},
      // hand.yaml has no projection: an observed share would be silently dropped.
      {"NEET share without a projection",
       "actuals: 1\nfollows: hand.yaml\nmodel: solv\nyears:\n  2025: { neet_share: 10.6 }\n",
       "a.yaml:5:11: 'years.2025.neet_share' needs a 'projection' section in the scenario it "
       "follows (hand.yaml)"},
      {"amount too large",
       "actuals: 1\nfollows: hand.yaml\nmodel: solv\nyears:\n  2025:\n    spend:\n      "
       "staffing: { cw: 1e308 }\n",
       "a.yaml:7:23: 'years.2025.spend.staffing.cw' must be at most 1e12 kr. (got 1e308)"},
      {"count too large",
       "actuals: 1\nfollows: hand.yaml\nmodel: solv\nyears:\n  2025: { company_places: { value: "
       "1e10, source: x } }\n",
       "a.yaml:5:36: 'years.2025.company_places' must be at most 1e9 (got 1e10)"},
      {"a range on an amount",
       "actuals: 1\nfollows: hand.yaml\nmodel: solv\nyears:\n  2025:\n    spend:\n      "
       "staffing: { cw: { value: 5, high: 9 } }\n",
       "a.yaml:7:35: 'years.2025.spend.staffing.cw' records what happened and has no range: "
       "'high' belongs in the scenario, not in an actuals file (allowed: value, source, note)"},
      {"NEET share as a quantity over 100",
       "actuals: 1\nfollows: hand.yaml\nmodel: solv\nyears:\n  2025: { neet_share: { value: 140 "
       "} }\n",
       "a.yaml:5:32: 'years.2025.neet_share' is a percentage and must be from 0 to 100 (got 140)"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK_THROWS_WITH_AS(ungegaranti::parse_actuals(c.text, "a.yaml", s), c.error, Error);
  }
}

TEST_CASE("actuals: every problem of a file in one run") {
  Scenario s = hand();
  try {
    ungegaranti::parse_actuals(
        "actuals: 1\nfollows: hand.yaml\nmodel: platin\nextra: 1\nyears:\n  2031: {}\n", "a.yaml",
        s);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.diagnostics().size() == 3);
  }
}

TEST_CASE("actuals: a wrong 'follows' does not hide the file's own problems") {
  try {
    ungegaranti::parse_actuals(
        "actuals: 2\nfollows: no-such-scenario.yaml\nmodel: platin\nextra: 1\nyears:\n  x: {}\n",
        "a.yaml");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) ==
          "a.yaml:4:1: unknown key 'extra' at the top level (expected one of: actuals, title, "
          "follows, model, comparison, years)\n"
          "a.yaml:1:10: 'actuals' must be 1 (got 2)\n"
          "a.yaml:2:10: 'follows' names 'no-such-scenario.yaml', which is not a file\n"
          "a.yaml:3:8: 'model' must be guld, solv or bronze (got 'platin')\n"
          "a.yaml:6:3: 'years' must have years as keys (got 'x')");
  }
}

TEST_CASE("actuals: every number may be a quantity { value, source, note }, neet_share too") {
  ungegaranti::FollowUpInput in = ungegaranti::parse_actuals(
      "actuals: 1\nfollows: builtin:norddjurs\nmodel: solv\nyears:\n  2026:\n    neet_share: { "
      "value: 10.6, source: DST NEET3 }\n    spend: { initiatives: { mentor: { value: 5, note: "
      "x } } }\n",
      "mem.yaml");
  REQUIRE(in.actuals.years.size() == 1);
  CHECK(in.actuals.years[0].neet_share_pct == 10.6);
  CHECK(in.actuals.years[0].neet_share_where.line == 6);
  CHECK(in.actuals.years[0].neet_share_where.column == 5);
  REQUIRE(in.actuals.years[0].amounts.size() == 1);
  CHECK(in.actuals.years[0].amounts[0].dkk == 5);
}

TEST_CASE("follow_neet: an observation in a year the plan's data already has, at its key") {
  ungegaranti::FollowUpInput in = ungegaranti::parse_actuals(
      "actuals: 1\nfollows: builtin:norddjurs\nmodel: solv\nyears:\n  2025: { neet_share: 10.6 "
      "}\n",
      "mem.yaml");
  // Plan data that already has 2025, the first budget year.
  ungegaranti::ComparisonFiles files = ungegaranti::builtin_comparison_files();
  files.shares = std::string(UNGEGARANTI_SOURCE_DIR) + "/tests/data/followup/neet_2010_2025.csv";
  files.national.clear();
  ungegaranti::NeetData data = ungegaranti::load_neet_data(files);
  CHECK_THROWS_WITH_AS(ungegaranti::follow_neet(in.scenario, in.actuals, data, nullptr),
                       "mem.yaml:5:11: a NEET observation for 2025 cannot be followed up: it must "
                       "lie after the latest year 2025 of the plan's comparison data "
                       "(neet_2010_2025.csv (16-24 år), 2010-2025)",
                       Error);
}

TEST_CASE("parse_actuals: follows builtin:norddjurs, and the stamp names both inputs") {
  ungegaranti::FollowUpInput in = ungegaranti::parse_actuals(
      "actuals: 1\nfollows: builtin:norddjurs\nmodel: sølv\nyears:\n  2025: { company_places: 70 "
      "}\n",
      "mem.yaml");
  CHECK(in.scenario.origin == "builtin:norddjurs");
  CHECK(in.actuals.tier == Tier::kSolv);
  CHECK(in.actuals.years.size() == 1);
  ungegaranti::FollowUp none;
  ungegaranti::Stamp stamp =
      ungegaranti::followup_stamp(in.scenario, in.actuals, none, ungegaranti::Lang::kDa);
  CHECK(stamp.input_hash == in.scenario.input_hash + "+" + in.actuals.input_hash);
  CHECK(in.actuals.input_hash.size() == 12);
  CHECK(stamp.data.empty());
}

TEST_CASE("followup stamp: newer comparison data's vintage and content are in it") {
  ungegaranti::FollowUpInput in = ungegaranti::parse_actuals(
      "actuals: 1\nfollows: builtin:norddjurs\nmodel: solv\ncomparison:\n  shares: "
      "neet_2010_2025.csv\nyears:\n  2026: { neet_share: 10.1 }\n",
      std::string(UNGEGARANTI_SOURCE_DIR) + "/tests/data/followup/mem.yaml");
  ungegaranti::NeetData plan = ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
  std::optional<ungegaranti::NeetData> newer = ungegaranti::load_newer_data(in.actuals);
  REQUIRE(newer.has_value());
  CHECK(newer->content_hash.size() == 12);
  CHECK(newer->content_hash != plan.content_hash);
  ungegaranti::FollowUp f = ungegaranti::follow_up(in.scenario, in.actuals, &plan, &*newer);
  ungegaranti::Stamp en =
      ungegaranti::followup_stamp(in.scenario, in.actuals, f, ungegaranti::Lang::kEn);
  CHECK(en.input_hash ==
        in.scenario.input_hash + "+" + in.actuals.input_hash + "+" + newer->content_hash);
  CHECK(en.data ==
        "plan: DST NEET3 (16-24 år), 2010-2024; observed: neet_2010_2025.csv (16-24 år), "
        "2010-2025");
  for (const Table& t : ungegaranti::followup_tables(
           in.scenario, in.actuals, f, FollowBy::kCategory, 10, ungegaranti::Lang::kDa)) {
    CHECK(t.stamp.input_hash == en.input_hash);
    CHECK(t.stamp.data ==
          "plan: DST NEET3 (16-24 år), 2010-2024; observeret: neet_2010_2025.csv "
          "(16-24 år), 2010-2025");
  }
  // The same files give the same hash.
  CHECK(ungegaranti::load_neet_data(*in.actuals.comparison).content_hash == newer->content_hash);
}

TEST_CASE("reproject: an observation on the projected path changes nothing") {
  Scenario s = ungegaranti::load_scenario("");
  ungegaranti::NeetData data = ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
  for (Tier tier : ungegaranti::kAllTiers) {
    CAPTURE(ungegaranti::tier_id(tier));
    ungegaranti::ProjectionResult plan = ungegaranti::project(s, data, {tier});
    const ungegaranti::ModelPath& m = plan.models.front();
    double on_path = 0;
    for (const ungegaranti::PathYear& y : m.years) {
      if (y.year == 2026)
        on_path = y.share_pct;
    }
    ungegaranti::Reprojection r = ungegaranti::reproject(s, data, tier, 2026, on_path);
    CHECK(r.gap_pp == 0);
    CHECK(r.projected_pct == on_path);
    CHECK(r.share_at_horizon_pct == m.share_at_horizon_pct);
    CHECK(r.planned_at_horizon_pct == m.share_at_horizon_pct);
    CHECK(r.threshold_pct == m.threshold_pct);
    CHECK(r.margin_pp == m.margin_pp);
    CHECK(r.met == m.met);
    CHECK(r.horizon == m.horizon);
    // The required factor from 2027 on is 1 or less exactly when the target is met as planned.
    REQUIRE(r.required_scale.has_value());
    CHECK((*r.required_scale <= 1 + 1e-6) == m.met);

    // One point above the path stays one point above it at the horizon.
    ungegaranti::Reprojection up = ungegaranti::reproject(s, data, tier, 2026, on_path + 1);
    CHECK(up.gap_pp == doctest::Approx(1));
    CHECK(up.share_at_horizon_pct == doctest::Approx(m.share_at_horizon_pct + 1));
    CHECK(up.margin_pp == doctest::Approx(m.margin_pp - 1));
    REQUIRE(up.required_scale.has_value());
    CHECK(*up.required_scale >= *r.required_scale);
  }
}

TEST_CASE("follow_neet: the observed share ranked in its year, against the plan's path") {
  ungegaranti::FollowUpInput in = ungegaranti::parse_actuals(
      "actuals: 1\nfollows: builtin:norddjurs\nmodel: solv\nyears:\n  2026: { neet_share: 0.5 "
      "}\n  2025: { neet_share: 99 }\n",
      "mem.yaml");
  ungegaranti::NeetData data = ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
  auto neet = ungegaranti::follow_neet(in.scenario, in.actuals, data, nullptr);
  REQUIRE(neet.has_value());
  REQUIRE(neet->observations.size() == 2);
  CHECK(neet->observations[0].year == 2025);
  CHECK(neet->observations[0].all.rank == neet->observations[0].all.of);  // 99 %: the last
  CHECK(neet->observations[1].all.rank == 1);                             // 0,5 %: the first
  CHECK(neet->observations[1].all.of == 98);
  CHECK(neet->reprojection.year == 2026);  // the latest observation
  CHECK(neet->reprojection.observed_pct == 0.5);
  CHECK(neet->reprojection.met);
}

TEST_CASE("report --actuals: the follow-up before the assumptions register, both hashes stamped") {
  ungegaranti::FollowUpInput in = ungegaranti::parse_actuals(
      "actuals: 1\nfollows: builtin:norddjurs\nmodel: bronze\nyears:\n  2025: { company_places: 9 "
      "}\n",
      "mem.yaml");
  const Scenario& s = in.scenario;
  ungegaranti::NeetData data = ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
  ungegaranti::FollowUp f = ungegaranti::follow_up(s, in.actuals, &data, nullptr);
  std::vector<Table> followup = ungegaranti::followup_tables(s, in.actuals, f, FollowBy::kCategory,
                                                             10, ungegaranti::Lang::kEn);
  std::vector<Table> report = ungegaranti::report_tables(s, &data, ungegaranti::Lang::kEn);
  size_t before = report.size();
  std::vector<Table> both =
      ungegaranti::with_followup(report, followup, "mem.yaml", ungegaranti::Lang::kEn);
  REQUIRE(both.size() == before + followup.size());
  size_t first = 0;
  while (both[first].id != "followup")
    ++first;
  CHECK(both[first + followup.size()].id == "assumptions");
  std::string hash = s.input_hash + "+" + in.actuals.input_hash;
  for (const Table& t : both)
    CHECK(t.stamp.input_hash == hash);
  const Table& stamp = both.back();
  REQUIRE(stamp.id == "stamp");
  CHECK(stamp.rows.back().cells[1].text == "mem.yaml");
}
