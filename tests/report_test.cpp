#include "ungegaranti/report.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <variant>

#include "app.hpp"
#include "scenario_text.hpp"
#include "test_util.hpp"
#include "ungegaranti/assumptions.hpp"
#include "ungegaranti/cost.hpp"
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
                                        "coordination",
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
  // The count of assumptions, the count from the proposal, 4 tracks, the steering group and 3
  // models with a source from the proposal, and the 2 initiatives without a modelled effect.
  REQUIRE(reg.notes.size() == 1 + 1 + 4 + 1 + 3 + 2);
  CHECK(reg.notes[10] ==
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

// The proposal's own figures (issue 14): the FTE of the central coordination (1 erhvervsplaymaker
// + 3 sagsbehandlere in guld, + 2 in sølv) and the steering group's three chiefs cite the proposal,
// and the register shows them as a kind of source of their own, neither assumption nor public.
TEST_CASE("the default scenario's register shows the proposal as the source of its own figures") {
  auto s = ungegaranti::load_scenario("");
  const std::string proposal = "Forslag til Ungegaranti, dagsordenspunkt 24/9 (EU/AU/BUU 2024)";
  REQUIRE(s.proposal_source == proposal);
  std::map<std::string, double> from_proposal = {{"models.guld.staffing.erhvervsplaymaker", 1},
                                                 {"models.guld.staffing.sagsbehandler", 3},
                                                 {"models.solv.staffing.erhvervsplaymaker", 1},
                                                 {"models.solv.staffing.sagsbehandler", 2},
                                                 {"steering_group.members.arbejdsmarkedschef", 1},
                                                 {"steering_group.members.skole_dagtilbudschef", 1},
                                                 {"steering_group.members.chef_bfo", 1}};
  for (Lang lang : {Lang::kDa, Lang::kEn}) {
    auto tables = ungegaranti::report_tables(s, nullptr, lang);
    const auto& reg = tables[tables.size() - 2];
    REQUIRE(reg.id == "assumptions");
    auto column = [&](const std::string& id) {
      size_t c = 0;
      while (reg.columns.at(c).id != id)
        ++c;
      return c;
    };
    size_t kind = column("kind"), assumption = column("assumption"), source = column("source");
    CHECK(reg.columns[kind].label == (lang == Lang::kDa ? "Kildetype" : "Kind of source"));
    int proposals = 0;
    for (const auto& row : reg.rows) {
      const std::string& path = row.cells.at(0).key;
      CAPTURE(path);
      auto it = from_proposal.find(path);
      if (it == from_proposal.end()) {
        CHECK(row.cells[kind].key != "proposal");
        continue;
      }
      ++proposals;
      CHECK(*row.cells.at(1).number == it->second);
      CHECK(row.cells[kind].key == "proposal");
      CHECK(row.cells[kind].text == (lang == Lang::kDa ? "forslaget" : "the proposal"));
      CHECK(row.cells[assumption].key == "no");
      CHECK(row.cells[source].text.starts_with(proposal + ": '"));
    }
    CHECK(proposals == 7);
    // One of each other kind: a public source and an assumption.
    for (const auto& row : reg.rows) {
      if (row.cells.at(0).key == "indexation.wages")
        CHECK(row.cells[kind].key == "public");
      if (row.cells.at(0).key == "roles.sagsbehandler.annual_cost")
        CHECK(row.cells[kind].key == "assumption");
    }
    if (lang == Lang::kEn) {
      CHECK(reg.notes.at(1) ==
            fmt::format("7 of {} figures are taken from the proposal (kind of source the "
                        "proposal: the source begins with '{}'); figures with another source are "
                        "public sources.",
                        reg.rows.size(), proposal));
      // The tracks and their departments, as the proposal anchors them.
      CHECK(
          reg.notes.at(2).starts_with("Støttesporet, anchored in Børne- og Familieområdet: "
                                      "source: " +
                                      proposal + ": '"));
      CHECK(
          reg.notes.at(5).starts_with("Virksomhedssporet, anchored in "
                                      "Arbejdsmarkedsafdelingen: source: " +
                                      proposal));
      CHECK(reg.notes.at(6).starts_with("The steering group and its secretariat: source: " +
                                        proposal));
      CHECK(reg.notes.at(6).find("Arbejdsmarkedsafdelingen sekretariatsbetjener styregruppen") !=
            std::string::npos);
      CHECK(reg.notes.at(9).starts_with("Bronze: coordination and staffing: source: " + proposal));
    }
  }
}

// The proposal: "Alle tre modeller indeholder de samme indsatser" at falling intensity.
TEST_CASE("the default scenario has every initiative in every model, guld >= sølv >= bronze") {
  auto s = ungegaranti::load_scenario("");
  REQUIRE(s.initiatives.size() == 12);
  for (const auto& ini : s.initiatives) {
    CAPTURE(ini.id);
    const auto& guld = ini.per_model[0];
    const auto& solv = ini.per_model[1];
    const auto& bronze = ini.per_model[2];
    REQUIRE(guld.has_value());
    REQUIRE(solv.has_value());
    REQUIRE(bronze.has_value());
    CHECK(guld->participants.value >= solv->participants.value);
    CHECK(solv->participants.value >= bronze->participants.value);
    CHECK(bronze->participants.value > 0);
    CHECK(guld->fixed_cost.value >= solv->fixed_cost.value);
    CHECK(solv->fixed_cost.value >= bronze->fixed_cost.value);
    CHECK(ini.illustration);
  }
  // Trivselsgrupper in bronze: 50 % of guld's 80 participants and of its 40.000 kr. fixed cost.
  const auto* trivsel = ungegaranti::find_by_id(s.initiatives, "trivselsgrupper");
  REQUIRE(trivsel != nullptr);
  CHECK(trivsel->per_model[2]->participants.value == 40);
  CHECK(trivsel->per_model[2]->fixed_cost.value == 20000);
  CHECK(trivsel->per_model[2]->participants.source == "antagelse");
  CHECK_FALSE(trivsel->per_model[2]->participants.note_en.empty());
  // Its cost line in bronze, by hand: 2025 (ramp 0,5, price base) 20.000 + 40 x 0,5 x 6.000 =
  // 140.000 kr.; 2026 (ramp 1) (20.000 + 40 x 6.000) x (0,8 x 1,032 + 0,2 x 1,019) = 260.000 x
  // 1,0294 = 267.644 kr. (wage share 0,8; wages 3,2 % and other 1,9 % a year).
  std::vector<double> line;
  for (const auto& row : ungegaranti::compute_cost(s, ungegaranti::Tier::kBronze)) {
    if (row.line == "trivselsgrupper")
      line.push_back(row.dkk);
  }
  REQUIRE(line.size() == 5);
  CHECK(line[0] == doctest::Approx(140000));
  CHECK(line[1] == doctest::Approx(267644));
}

TEST_CASE("the report says which initiatives are the tool's illustration, in both languages") {
  auto s = ungegaranti::load_scenario("");
  auto has = [](const std::vector<std::string>& notes, const std::string& start) {
    return std::any_of(notes.begin(), notes.end(),
                       [&](const std::string& n) { return n.starts_with(start); });
  };
  std::string names;
  for (const auto& ini : s.initiatives)
    names += (names.empty() ? "" : "; ") + ini.name;
  auto en = ungegaranti::report_tables(s, nullptr, Lang::kEn);
  REQUIRE(en.at(1).id == "summary");
  CHECK(has(en[1].notes,
            "12 of 12 initiatives are the tool's illustration, not the "
            "administration's figures: " +
                names +
                ". Their amounts (participants, cost per participant, fixed costs "
                "and phase-in) are assumptions for the administration's own figures "
                "to replace."));
  auto da = ungegaranti::report_tables(s, nullptr, Lang::kDa);
  CHECK(has(da[1].notes,
            "12 af 12 indsatser er værktøjets illustration, ikke forvaltningens tal: " + names +
                ". Deres beløb"));
  auto stamp_value = [](const std::vector<ungegaranti::Table>& tables) {
    const auto& stamp = tables.back();
    REQUIRE(stamp.id == "stamp");
    for (const auto& row : stamp.rows) {
      if (row.cells.at(0).key == "illustration")
        return row.cells.at(1).text;
    }
    return std::string("(missing)");
  };
  CHECK(stamp_value(en) == "12 of 12 initiatives (see the summary)");
  CHECK(stamp_value(da) == "12 af 12 indsatser (se sammenfatningen)");
  // A scenario that marks none: no note, and the stamp says none.
  auto other = ungegaranti::load_scenario(test_data("other.yaml"));
  auto plain = ungegaranti::report_tables(other, nullptr, Lang::kEn);
  CHECK_FALSE(has(plain.at(1).notes, "0 of"));
  CHECK_FALSE(ungegaranti::illustration_note(other).has_value());
  CHECK(stamp_value(plain) == "none");
}

TEST_CASE("proposal_source, the sources without a figure and illustration are validated") {
  auto fails = [](const std::string& from, const std::string& to, const std::string& expected) {
    std::string text = kHandScenario;
    size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    CAPTURE(text);
    CHECK_THROWS_WITH_AS(ungegaranti::parse_scenario(text, "t.yaml"), expected.c_str(),
                         ungegaranti::Error);
  };
  fails("title: Hand\n", "title: Hand\nproposal_source: \"\"\n",
        "t.yaml:3:18: 'proposal_source' must not be empty");
  fails("title: Hand\n", "title: Hand\nproposal_source: [a]\n",
        "t.yaml:3:18: 'proposal_source' must be a string (got a list)");
  fails("a: { name: A, department: bfo }", "a: { name: A, department: bfo, source: { x: 1 } }",
        "t.yaml:12:42: 'tracks.a.source' must be a string (got a mapping)");
  fails("  meetings_per_year: 4\n", "  meetings_per_year: 4\n  source: [x]\n",
        "t.yaml:20:11: 'steering_group.source' must be a string (got a list)");
  fails("    track: a\n", "    track: a\n    illustration: yes\n",
        "t.yaml:37:19: 'initiatives.mentor.illustration' must be one of true, false (got 'yes')");

  // A proposal figure is recognised by the start of its source only.
  std::string text = kHandScenario;
  text.replace(text.find("title: Hand\n"), 12, "title: Hand\nproposal_source: \"Forslag X\"\n");
  text.replace(text.find("staffing: { cw: 2 }"), 19,
               "staffing: { cw: { value: 2, source: \"Forslag X: 'to'\" } }");
  text.replace(text.find("staffing: { cw: 1.5 }"), 21,
               "staffing: { cw: { value: 1.5, source: \"Se Forslag X\" } }");
  auto s = ungegaranti::parse_scenario(text, "t.yaml");
  using ungegaranti::SourceKind;
  CHECK(ungegaranti::source_kind(s, s.models[0].staffing[0].second) == SourceKind::kProposal);
  CHECK(ungegaranti::source_kind(s, s.models[1].staffing[0].second) == SourceKind::kPublic);
  CHECK(ungegaranti::source_kind(s, s.roles[0].annual_cost) == SourceKind::kAssumption);  // none
  CHECK(ungegaranti::source_kind_name(SourceKind::kProposal, Lang::kDa) == "forslaget");
  CHECK(ungegaranti::source_kind_name(SourceKind::kPublic, Lang::kEn) == "public source");
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

TEST_CASE("the report's tables and figures show one computation of the projection and tornados") {
  auto s = ungegaranti::load_scenario("");
  auto data = ungegaranti::load_neet_data(ungegaranti::builtin_comparison_files());
  ungegaranti::ReportResults results = ungegaranti::compute_report(s, &data);
  // What compute_report holds is each piece computed on its own.
  std::vector<ungegaranti::CostRow> rows;
  for (auto tier : ungegaranti::kAllTiers) {
    auto part = ungegaranti::compute_cost(s, tier);
    rows.insert(rows.end(), part.begin(), part.end());
  }
  CHECK(results.cost == rows);
  REQUIRE(results.projection);
  CHECK(*results.projection ==
        ungegaranti::project(
            s, data,
            {ungegaranti::Tier::kGuld, ungegaranti::Tier::kSolv, ungegaranti::Tier::kBronze},
            ungegaranti::economics_last_year(s)));
  REQUIRE(results.economics);
  CHECK(*results.economics == ungegaranti::compute_economics(s, *results.projection));
  REQUIRE(results.tornados.size() == 3);
  for (size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    CHECK(results.tornados[i] == ungegaranti::tornado(s, &data, ungegaranti::kAllTiers[i],
                                                      ungegaranti::OutcomeKind::kNeet));
  }
  // Both the tables and the figures read the results they are given, recomputing nothing: a
  // changed base of guld's tornado (10,49 % in the default) shows in the table's note and as the
  // chart's base line.
  results.tornados[0].base = 42.125;
  auto tables = ungegaranti::report_tables(s, &data, results, Lang::kEn);
  auto figures = ungegaranti::report_figures(s, &data, results, Lang::kEn);
  auto table =
      std::find_if(tables.begin(), tables.end(), [](const auto& t) { return t.id == "tornado"; });
  REQUIRE(table != tables.end());
  CHECK(table->notes.at(0).find("(base: 42.13)") != std::string::npos);
  std::vector<double> bases;
  for (const auto& f : figures) {
    if (const auto* chart = std::get_if<ungegaranti::TornadoChart>(&f.chart))
      bases.push_back(chart->base);
  }
  REQUIRE(bases.size() == 3);
  CHECK(bases[0] == 42.125);
  CHECK(bases[1] == results.tornados[1].base);
  // Without data there is nothing to project: the costs only, and the cost chart alone.
  auto bare = ungegaranti::compute_report(s, nullptr);
  CHECK_FALSE(bare.projection);
  CHECK_FALSE(bare.economics);
  CHECK(bare.tornados.empty());
  CHECK(bare.cost == results.cost);
  auto only = ungegaranti::report_figures(s, nullptr, bare, Lang::kDa);
  REQUIRE(only.size() == 1);
  CHECK(only[0].after == "cost");
}
