#include "ungegaranti/report.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "app.hpp"
#include "test_util.hpp"
#include "ungegaranti/assumptions.hpp"
#include "ungegaranti/load.hpp"
#include "ungegaranti/projection.hpp"

using ungegaranti::Lang;

TEST_CASE("the appendix holds every section, in the order of the issue") {
  auto s = ungegaranti::load_scenario("");
  auto data = ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
  auto tables = ungegaranti::report_tables(s, &data, Lang::kDa);
  std::vector<std::string> ids;
  for (const auto& t : tables)
    ids.push_back(t.id);
  CHECK(ids == std::vector<std::string>{"narrative",
                                        "summary",
                                        "cost",
                                        "cost",
                                        "cost",
                                        "cost",
                                        "participants",
                                        "bands",
                                        "caseload",
                                        "company_places",
                                        "base",
                                        "targets",
                                        "projection",
                                        "economics",
                                        "economics_items",
                                        "economics_years",
                                        "increments",
                                        "tornado",
                                        "tornado",
                                        "tornado",
                                        "assumptions",
                                        "stamp"});
  CHECK(tables[1].rows.size() == 3);  // guld, sølv, bronze
  for (const auto& t : tables)
    CHECK(t.stamp.input_hash == s.input_hash);
}

TEST_CASE(
    "report --draws: the probability of meeting the target in the summary, the seed stamped") {
  using ungegaranti::ModelDraws;
  using ungegaranti::Tier;
  auto s = ungegaranti::load_scenario("");
  auto data = ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
  // A result made by hand, so that the figures the report shows can be told apart.
  ungegaranti::MonteCarloResult mc;
  mc.seed = 42;
  mc.draws = 200;
  mc.inputs = 7;
  struct Chance {
    Tier tier;
    double with, without;
  };
  for (auto [tier, with, without] :
       {Chance{Tier::kGuld, 0.25, 0.0}, Chance{Tier::kSolv, 0.5, 0.125},
        Chance{Tier::kBronze, 0.875, 0.5}}) {
    ModelDraws m;
    m.tier = tier;
    m.cost = {1.0, 2.0, 3.0, 2.0};
    m.p_target_met = with;
    m.p_target_met_without = without;
    mc.models.push_back(m);
  }
  auto tables = ungegaranti::report_tables(s, &data, Lang::kEn, &mc);
  const auto& summary = tables.at(1);
  REQUIRE(summary.id == "summary");
  auto column = [&](std::string_view id) {
    for (size_t i = 0; i < summary.columns.size(); ++i) {
      if (summary.columns[i].id == id)
        return i;
    }
    FAIL("no column " << id);
    return size_t{0};
  };
  REQUIRE(summary.rows.size() == 3);
  // In percent; the contribution is with minus without: 25 - 0, 50 - 12,5, 87,5 - 50.
  std::vector<std::vector<double>> got;
  for (const auto& row : summary.rows) {
    std::vector<double> v;
    for (std::string_view id : {"mc_p_target_met", "mc_p_target_met_without", "mc_contribution"})
      v.push_back(row.cells[column(id)].number.value_or(-1));
    got.push_back(v);
  }
  CHECK(got == std::vector<std::vector<double>>{
                   {25.0, 0.0, 25.0}, {50.0, 12.5, 37.5}, {87.5, 50.0, 37.5}});
  CHECK(summary.rows[0].cells.front().key == "guld");
  // The Monte Carlo's tables follow the tornados; the stamp names the seed and the draws.
  std::vector<std::string> ids;
  for (const auto& t : tables)
    ids.push_back(t.id);
  std::vector<std::string> tail(ids.end() - 8, ids.end());
  CHECK(tail == std::vector<std::string>{"tornado", "tornado", "tornado", "monte_carlo",
                                         "probabilities", "monte_carlo_run", "assumptions",
                                         "stamp"});
  std::string seed;
  for (const auto& row : tables.back().rows) {
    if (row.cells[0].key == "seed")
      seed = row.cells[1].text;
  }
  CHECK(seed == "42 (200 draws)");
  // The probabilities the verdict rests on are those of the backtest's futures, as `project`
  // gives them, with or without --draws.
  auto plain = ungegaranti::report_tables(s, &data, Lang::kEn).at(1);
  std::vector<Tier> tiers(ungegaranti::kAllTiers.begin(), ungegaranti::kAllTiers.end());
  auto p = ungegaranti::project(s, data, tiers);
  // The Monte Carlo adds its three columns after the futures' three, which the verdict uses.
  REQUIRE(plain.columns.size() + 3 == summary.columns.size());
  for (size_t i = 0; i < 3; ++i) {
    for (std::string_view id : {"p_target_met", "p_target_met_without", "contribution"})
      CHECK(summary.rows[i].cells[column(id)].number == plain.rows[i].cells[column(id)].number);
    const auto& m = p.models[i];
    const auto& cells = plain.rows[i].cells;
    CHECK(cells[column("p_target_met")].number == *m.p_met * 100);
    CHECK(cells[column("p_target_met_without")].number == *m.p_met_without * 100);
    CHECK(cells[column("contribution")].number ==
          doctest::Approx((*m.p_met - *m.p_met_without) * 100));
  }
}

TEST_CASE("the assumptions register lists every quantity once and counts the assumptions") {
  auto s = ungegaranti::load_scenario("");
  auto all = ungegaranti::all_quantities(s);
  std::set<std::string> paths;
  int assumed = 0;
  for (const auto* q : all) {
    CAPTURE(q->path);
    CHECK(paths.insert(q->path).second);
    assumed += ungegaranti::is_assumption(*q) ? 1 : 0;
  }
  CHECK(paths.contains("roles.sagsbehandler.annual_cost"));
  CHECK(paths.contains("economics.discount_rate"));
  CHECK(paths.contains("projection.baseline.neet.to_work"));
  CHECK(paths.contains("initiatives.mentor.per_model.solv.participants"));
  // Sourced, not assumed: the two indexation rates and the discount rate cite their source.
  int sourced = static_cast<int>(all.size()) - assumed;
  CHECK(sourced >= 3);

  auto tables = ungegaranti::report_tables(s, nullptr, Lang::kEn);
  const auto& reg = tables[tables.size() - 2];
  REQUIRE(reg.id == "assumptions");
  CHECK(reg.rows.size() == all.size());
  CHECK(reg.notes.at(0) == fmt::format("{} of {} figures are assumptions (marked ASSUMPTION): "
                                       "their source is 'antagelse', a default or missing.",
                                       assumed, all.size()));
  CHECK(paths.contains("tracks.grundskole.targeting"));

  // Initiatives with no modelled effect: familieindsats (6-15 on the dropout track) and
  // vejledning_25_29 (25-29). Each of their rows says so in the "effect" column; no other row does.
  size_t effect = 0;
  while (reg.columns.at(effect).id != "effect")
    ++effect;
  int flagged = 0;
  for (const auto& row : reg.rows) {
    const std::string& path = row.cells.at(0).key;
    bool none = path.starts_with("initiatives.familieindsats.") ||
                path.starts_with("initiatives.vejledning_25_29.");
    CAPTURE(path);
    CHECK(row.cells.at(effect).key == (none ? "none" : ""));
    CHECK(row.cells.at(effect).text == (none ? "no modelled effect" : ""));
    flagged += none ? 1 : 0;
  }
  // Each has wage_share, 5 ramp years and participants, unit_cost and fixed_cost in 3 models.
  CHECK(flagged == 2 * (1 + 5 + 3 * 3));
  REQUIRE(reg.notes.size() == 3);
  CHECK(reg.notes[1] ==
        "Tidlig familierettet indsats: no modelled effect: the age band 6-15 lies outside the "
        "16-24-year-olds the projection follows; the initiative costs, but cannot move the "
        "projected NEET share.");
}

TEST_CASE("without comparison data the projection sections are left out, and the summary says so") {
  auto s = ungegaranti::load_scenario(test_data("other.yaml"));
  auto tables = ungegaranti::report_tables(s, nullptr, Lang::kEn);
  REQUIRE(tables.at(1).id == "summary");
  const auto& notes = tables.at(1).notes;
  REQUIRE(notes.size() == 3);
  CHECK(notes[1] == "The scenario has no NEET projection; those figures are missing.");
  CHECK(notes[2] == "The scenario has no age bands (population); the coverage section is missing.");
  for (const auto& t : tables)
    CHECK(t.id != "targets");
}

TEST_CASE("is_assumption") {
  ungegaranti::Quantity q;
  CHECK(ungegaranti::is_assumption(q));  // no source
  q.source = "antagelse (testdata)";
  CHECK(ungegaranti::is_assumption(q));
  q.source = "Antagelse";
  CHECK(ungegaranti::is_assumption(q));
  q.source = "standardværdi";
  CHECK(ungegaranti::is_assumption(q));
  q.source = "bm.dk, satser 2023";
  CHECK_FALSE(ungegaranti::is_assumption(q));
}

TEST_CASE("report -o bilag.md writes the charts as SVG files beside it and links them") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("ungegaranti-md-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string md = (dir / "bilag.md").string();
  const char* argv[] = {"ungegaranti", "report", "--draws", "200", "-o", md.c_str()};
  std::ostringstream out, err;
  REQUIRE(ungegaranti::cli::run(6, argv, out, err) == 0);
  std::ifstream in(md);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const char* figures[] = {"bilag-figurer/1-cost.svg",
                           "bilag-figurer/2-neet.svg",
                           "bilag-figurer/3-tornado-guld-neet.svg",
                           "bilag-figurer/4-tornado-solv-neet.svg",
                           "bilag-figurer/5-tornado-bronze-neet.svg",
                           "bilag-figurer/6-monte-carlo-neet.svg"};
  std::string paths;
  for (const char* figure : figures) {
    CAPTURE(figure);
    CHECK(text.find(std::string("](") + figure + ")") != std::string::npos);
    std::ifstream svg(dir / figure);
    std::string head(38, '\0');
    svg.read(head.data(), 38);
    CHECK(head == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    paths += " '" + (dir / figure).string() + "'";
  }
  CHECK(fs::directory_iterator(dir / "bilag-figurer") != fs::directory_iterator());
  size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir / "bilag-figurer"))
    ++files;
  CHECK(files == std::size(figures));
  // Each is well-formed XML with an <svg> root, as an XML parser (Python's) reads it.
  std::string check =
      "/usr/bin/python3 -c 'import sys, xml.etree.ElementTree as E\n"
      "for f in sys.argv[1:]:\n"
      "    assert E.parse(f).getroot().tag == \"{http://www.w3.org/2000/svg}svg\", f' " +
      paths;
  CHECK(std::system(check.c_str()) == 0);
  // The cost chart follows the last cost table, before the coverage section; the tornadoes the
  // sensitivity tables, the distribution the Monte Carlo's probabilities.
  CHECK(text.find("bilag-figurer/1-cost.svg") < text.find("## Deltagere pr. indsats"));
  CHECK(text.find("bilag-figurer/3-tornado-guld-neet.svg") > text.find("## Følsomhed"));
  CHECK(text.find("bilag-figurer/6-monte-carlo-neet.svg") > text.find("## Sandsynligheder"));
  CHECK(text.find("bilag-figurer/6-monte-carlo-neet.svg") < text.find("## Antagelser"));
  fs::remove_all(dir);
}

TEST_CASE("report --draws: the same seed gives the same document for any number of threads") {
  auto run = [](const char* threads) {
    const char* argv[] = {"ungegaranti", "report",    "--draws", "120",      "--seed",
                          "9",           "--threads", threads,   "--format", "json"};
    std::ostringstream out, err;
    CHECK(ungegaranti::cli::run(10, argv, out, err) == 0);
    CHECK(err.str().empty());
    return out.str();
  };
  std::string one = run("1");
  CHECK(one == run("2"));
  CHECK(one.find("\"p_target_met\"") != std::string::npos);
  CHECK(one.find("\"monte_carlo_run\"") != std::string::npos);
}
