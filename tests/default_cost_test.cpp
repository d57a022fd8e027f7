// The default scenario's `cost --model solv`, worked out by hand from scenarios/norddjurs.yaml and
// the equations of docs/method.md#cost-lines, line by line and year by year, and the tool's
// figures checked against it: the library's CostRows and the JSON table of the command line.
// The hand figures are written out as numbers, not recomputed by the test, so that a wrong
// equation in the tool cannot also be in the test. If a deliberate change of a sølv input in the
// default scenario breaks this test, redo the arithmetic below for that input.
#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app.hpp"
#include "ungegaranti/cost.hpp"
#include "ungegaranti/load.hpp"

using ungegaranti::CostRow;
using ungegaranti::Tier;

namespace {

constexpr int kFirstYear = 2025;  // years: first 2025, count 5; price_base 2025
constexpr int kYears = 5;

// Half an øre: the tool's doubles may differ from the exact decimals below by rounding in the
// last bits only; any error in an input or an equation moves a line by far more.
constexpr double kTolerance = 0.005;

struct Line {
  const char* id;
  double dkk[kYears];  // 2025 ... 2029
};

// Index factors, price base B = 2025 (indexation.wages 0,032, indexation.other 0,019):
//   W(t) = 1,032^(t - 2025): 1; 1,032; 1,065024; 1,099104768; 1,134276120576
//   O(t) = 1,019^(t - 2025): 1; 1,019; 1,038361; 1,058089859; 1,078193566321
//
// An initiative's mix w W(t) + (1 - w) O(t), by its wage_share w:
//   w = 0,95: 1; 1,03135; 1,06369085; 1,09705402255; 1,13147199286325
//   w = 0,9:  1; 1,0307;  1,0623577;  1,0950032771;  1,1286678651505
//   w = 0,85: 1; 1,03005; 1,06102455; 1,09295253165; 1,12586373743775
//   w = 0,8:  1; 1,0294;  1,0596914;  1,0909017862;  1,123059609725
//   w = 0,7:  1; 1,0281;  1,0570251;  1,0868002953;  1,1174513542995
//   w = 0,6:  1; 1,0268;  1,0543588;  1,0826988044;  1,111843098874
//   w = 0,5:  1; 1,0255;  1,0516925;  1,0785973135;  1,1062348434485
//   w = 0:    O(t)
//
// Hourly costs, hours_per_fte H = 1924: chiefs 1.000.000 / 1924, konsulent_ama 600.000 / 1924.
const Line kSolvLines[] = {
    // Staffing: FTE x annual_cost x W(t).
    // erhvervsplaymaker 1 x 640.000 = 640.000; x 1,032 = 660.480; x 1,065024 = 681.615,36; ...
    {"staffing.erhvervsplaymaker", {640000, 660480, 681615.36, 703427.05152, 725936.717169}},
    // sagsbehandler 2 x 580.000 = 1.160.000; x 1,032 = 1.197.120; x 1,065024 = 1.235.427,84; ...
    {"staffing.sagsbehandler", {1160000, 1197120, 1235427.84, 1274961.53088, 1315760.299868}},

    // Initiatives: (fixed_cost F + participants P x unit_cost U x ramp) x mix(w). The levels
    // F + P U ramp are in price-base kroner; each year's amount is level x that year's mix.
    // mentor: P U = 45 x 25.000 = 1.125.000, ramp 0,5 0,8 1 1 1: 562.500, 900.000, 1.125.000 x 3;
    //   w = 0,9: 562.500; 900.000 x 1,0307 = 927.630; 1.125.000 x 1,0623577 = 1.195.152,4125; ...
    {"mentor", {562500, 927630, 1195152.4125, 1231878.686738, 1269751.348294}},
    // familieindsats: 30 x 18.000 = 540.000, ramp 0,5 0,8 1: 270.000, 432.000, 540.000; w = 0,85:
    //   432.000 x 1,03005 = 444.981,6; 540.000 x 1,06102455 = 572.953,257; ...
    {"familieindsats", {270000, 444981.6, 572953.257, 590194.367091, 607966.418216}},
    // trivselsgrupper: F = 30.000 (not ramped) + 60 x 6.000 = 360.000 x ramp 0,5 1 1 1 1:
    //   210.000, then 390.000; w = 0,8: 390.000 x 1,0294 = 401.466; x 1,0596914 = 413.279,646; ...
    {"trivselsgrupper", {210000, 401466, 413279.646, 425451.696618, 437993.247793}},
    // fravaersindsats: 50 x 15.000 = 750.000, ramp 0,5 0,8 1: 375.000, 600.000, 750.000; w = 0,9:
    //   600.000 x 1,0307 = 618.420; 750.000 x 1,0623577 = 796.768,275; ...
    {"fravaersindsats", {375000, 618420, 796768.275, 821252.457825, 846500.898863}},
    // erhvervspraktik: 220 x 2.500 = 550.000, ramp 0,4 1: 220.000, then 550.000; w = 0,7:
    //   550.000 x 1,0281 = 565.455; x 1,0570251 = 581.363,805; ...
    {"erhvervspraktik", {220000, 565455, 581363.805, 597740.162415, 614598.244865}},
    // brobygning: 90 x 3.000 = 270.000, ramp 0,4 1: 108.000, then 270.000; w = 0,6:
    //   270.000 x 1,0268 = 277.236; x 1,0543588 = 284.676,876; ...
    {"brobygning", {108000, 277236, 284676.876, 292328.677188, 300197.636696}},
    // udvidet_vejledning: 110 x 8.000 = 880.000, ramp 0,5 0,8 1: 440.000, 704.000, 880.000;
    //   w = 0,95: 704.000 x 1,03135 = 726.070,4; 880.000 x 1,06369085 = 936.047,948; ...
    {"udvidet_vejledning", {440000, 726070.4, 936047.948, 965407.539844, 995695.35372}},
    // opsoegende_indsats: 40 x 10.000 = 400.000, ramp 0,5 0,8 1: 200.000, 320.000, 400.000;
    //   w = 0,95: 320.000 x 1,03135 = 330.032; 400.000 x 1,06369085 = 425.476,34; ...
    {"opsoegende_indsats", {200000, 330032, 425476.34, 438821.60902, 452588.797145}},
    // vejledning_25_29: 30 x 9.000 = 270.000, ramp 0,5 0,8 1: 135.000, 216.000, 270.000;
    //   w = 0,95: 216.000 x 1,03135 = 222.771,6; 270.000 x 1,06369085 = 287.196,5295; ...
    {"vejledning_25_29", {135000, 222771.6, 287196.5295, 296204.586088, 305497.438073}},
    // garantivirksomheder: F = 100.000 + 30 x 5.000 = 150.000 x ramp 0,3 0,7 1: 145.000, 205.000,
    //   250.000; w = 0,6: 205.000 x 1,0268 = 210.494; 250.000 x 1,0543588 = 263.589,7; ...
    {"garantivirksomheder", {145000, 210494, 263589.7, 270674.7011, 277960.774718}},
    // virksomhedspraktik: 60 x 12.000 = 720.000, ramp 0,5 0,8 1: 360.000, 576.000, 720.000;
    //   w = 0,5: 576.000 x 1,0255 = 590.688; 720.000 x 1,0516925 = 757.218,6; ...
    {"virksomhedspraktik", {360000, 590688, 757218.6, 776590.06572, 796489.087283}},
    // ungebudget: 35 x 15.000 = 525.000, ramp 0,5 0,8 1: 262.500, 420.000, 525.000; w = 0 (all
    //   other-indexed): 420.000 x 1,019 = 427.980; 525.000 x 1,038361 = 545.139,525; ...
    {"ungebudget", {262500, 427980, 545139.525, 555497.175975, 566051.622319}},

    // Steering group (the same in every model): meetings_per_year 6 x hours_per_meeting 3 x
    // count 1 x 1.000.000 / 1924 kr./hour = 18.000.000 / 1924 = 9.355,509356 x W(t), each chief.
    {"steering_group.arbejdsmarkedschef",
     {9355.509356, 9654.885655, 9963.841996, 10282.68494, 10611.730858}},
    {"steering_group.skole_dagtilbudschef",
     {9355.509356, 9654.885655, 9963.841996, 10282.68494, 10611.730858}},
    {"steering_group.chef_bfo", {9355.509356, 9654.885655, 9963.841996, 10282.68494, 10611.730858}},
    // Secretariat: 120 hours x 600.000 / 1924 = 72.000.000 / 1924 = 37.422,037422 x W(t).
    {"steering_group.secretariat",
     {37422.037422, 38619.54262, 39855.367983, 41130.739759, 42446.923431}},

    // Funding puljer: 150.000 a year from 2026 to 2029, nominal (not indexed), negative.
    {"funding.puljer", {0, -150000, -150000, -150000, -150000}},
    // Solv has no status_reporting (bronze only) and no one-off (guld only).
};

// The sums of the lines above, by hand, as the table has them (docs/method.md#totals).
struct Total {
  const char* category;  // the JSON row's "category"
  double dkk[kYears];
  double total;  // the sum of the five years
};

const Total kSolvTotals[] = {
    // staffing: 1.800.000 x W(t)
    {"staffing", {1800000, 1857600, 1917043.2, 1978388.5824, 2041697.017037}, 9594728.799437},
    // initiatives: the twelve lines; in 2025 the levels alone: 562.500 + 270.000 + 210.000 +
    // 375.000 + 220.000 + 108.000 + 440.000 + 200.000 + 135.000 + 145.000 + 360.000 + 262.500 =
    // 3.288.000
    {"initiatives",
     {3288000, 5743224.6, 7058862.914, 7262041.725622, 7471290.867985},
     30823420.107607},
    // coordination: (3 x 18.000.000 + 72.000.000) / 1924 = 126.000.000 / 1924 = 65.488,565489 x W
    {"coordination",
     {65488.565489, 67584.199584, 69746.893971, 71978.794578, 74282.116004},
     349080.569626},
    // gross = staffing + initiatives + coordination; 2025: 1.800.000 + 3.288.000 + 65.488,565489
    {"gross",
     {5153488.565489, 7668408.799584, 9045653.007971, 9312409.1026, 9587270.001026},
     40767229.47667},
    {"funding", {0, -150000, -150000, -150000, -150000}, -600000},
    // net = gross + funding
    {"net",
     {5153488.565489, 7518408.799584, 8895653.007971, 9162409.1026, 9437270.001026},
     40167229.47667},
};

const Total& hand_total(std::string_view category) {
  for (const Total& t : kSolvTotals) {
    if (category == t.category)
      return t;
  }
  FAIL("no hand total " << category);
  return kSolvTotals[0];
}

}  // namespace

TEST_CASE("the hand table adds up: lines to categories, categories to gross and net") {
  // A check of the arithmetic above, so that a slip in one hand figure shows here first.
  const std::pair<const char*, std::vector<std::string_view>> kParts[] = {
      {"staffing", {"staffing."}},
      {"coordination", {"steering_group."}},
      {"funding", {"funding."}},
  };
  for (int i = 0; i < kYears; ++i) {
    CAPTURE(kFirstYear + i);
    double all = 0, in_parts = 0;
    for (const Line& line : kSolvLines)
      all += line.dkk[i];
    for (const auto& [category, prefixes] : kParts) {
      double sum = 0;
      for (const Line& line : kSolvLines) {
        for (std::string_view prefix : prefixes)
          sum += std::string_view(line.id).starts_with(prefix) ? line.dkk[i] : 0.0;
      }
      CHECK(std::abs(sum - hand_total(category).dkk[i]) < 1e-5);
      in_parts += sum;
    }
    // The initiatives are the lines that are neither personnel nor funding.
    CHECK(std::abs(all - in_parts - hand_total("initiatives").dkk[i]) < 1e-5);
    CHECK(std::abs(hand_total("staffing").dkk[i] + hand_total("initiatives").dkk[i] +
                   hand_total("coordination").dkk[i] - hand_total("gross").dkk[i]) < 1e-5);
    CHECK(std::abs(hand_total("gross").dkk[i] + hand_total("funding").dkk[i] -
                   hand_total("net").dkk[i]) < 1e-5);
  }
  for (const Total& t : kSolvTotals) {
    CAPTURE(t.category);
    CHECK(std::abs(t.dkk[0] + t.dkk[1] + t.dkk[2] + t.dkk[3] + t.dkk[4] - t.total) < 1e-5);
  }
}

TEST_CASE("the default scenario's solv costs, line by line, equal the hand computation") {
  ungegaranti::Scenario s = ungegaranti::load_scenario("");
  std::vector<CostRow> rows = ungegaranti::compute_cost(s, Tier::kSolv);
  std::map<std::string, std::map<int, double>> by_line;
  for (const CostRow& r : rows) {
    CAPTURE(r.line);
    CHECK(by_line[r.line].emplace(r.year, r.dkk).second);  // one amount per line and year
  }
  CHECK(by_line.size() == std::size(kSolvLines));  // no line missing, none extra
  double gross[kYears] = {}, funding[kYears] = {};
  for (const Line& line : kSolvLines) {
    CAPTURE(line.id);
    REQUIRE(by_line.count(line.id) == 1);
    const std::map<int, double>& years = by_line.at(line.id);
    CHECK(years.size() == kYears);
    for (int i = 0; i < kYears; ++i) {
      CAPTURE(kFirstYear + i);
      REQUIRE(years.count(kFirstYear + i) == 1);
      double dkk = years.at(kFirstYear + i);
      CHECK(std::abs(dkk - line.dkk[i]) < kTolerance);
      (std::string_view(line.id).starts_with("funding.") ? funding : gross)[i] += dkk;
    }
  }
  // The tool's lines also add up to the hand totals.
  for (int i = 0; i < kYears; ++i) {
    CAPTURE(kFirstYear + i);
    CHECK(std::abs(gross[i] - hand_total("gross").dkk[i]) < kTolerance);
    CHECK(std::abs(gross[i] + funding[i] - hand_total("net").dkk[i]) < kTolerance);
  }
}

TEST_CASE("`cost --model solv --format json` shows the hand totals, by category and year") {
  const char* argv[] = {"ungegaranti", "cost", "--model", "solv", "--format", "json"};
  std::ostringstream out, err;
  REQUIRE(ungegaranti::cli::run(6, argv, out, err) == 0);
  CHECK(err.str().empty());
  nlohmann::json table = nlohmann::json::parse(out.str());
  CHECK(table["unit"] == "DKK");
  std::map<std::string, nlohmann::json> by_category;
  for (const nlohmann::json& row : table["rows"])
    by_category[row["category"].get<std::string>()] = row;
  CHECK(by_category.size() == std::size(kSolvTotals));
  for (const Total& t : kSolvTotals) {
    CAPTURE(t.category);
    REQUIRE(by_category.count(t.category) == 1);
    const nlohmann::json& row = by_category.at(t.category);
    for (int i = 0; i < kYears; ++i) {
      CAPTURE(kFirstYear + i);
      CHECK(std::abs(row[std::to_string(kFirstYear + i)].get<double>() - t.dkk[i]) < kTolerance);
    }
    CHECK(std::abs(row["total"].get<double>() - t.total) < kTolerance);
  }
}
