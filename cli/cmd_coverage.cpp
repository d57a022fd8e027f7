// ungegaranti coverage: whom each model reaches.
#include <memory>
#include <vector>

#include "commands.hpp"
#include "common.hpp"
#include "ungegaranti/coverage.hpp"
#include "ungegaranti/coverage_table.hpp"

namespace ungegaranti::cli {
namespace {

void run_coverage(const Options& o, std::ostream& out) {
  Scenario scenario = load_warned(o.scenario, o.sets);
  std::vector<ModelCoverage> models;
  for (Tier tier : tiers_of(o))
    models.push_back(compute_coverage(scenario, tier));
  emit(coverage_tables(scenario, models, *parse_coverage_by(o.by), lang_of(o)), o, out);
}

}  // namespace

void add_coverage_command(CLI::App& app, std::ostream& out, Lang lang) {
  auto o = std::make_shared<Options>();
  o->by = "initiative";
  CLI::App* cmd = app.add_subcommand(
      "coverage", "whom each model reaches: participants, age bands, caseload, company places");
  add_scenario_options(*cmd, *o, lang);
  add_model_option(*cmd, *o, lang);
  cmd->add_option("--by", o->by, "rows of the participants table")
      ->check(one_of(lang, {"opdeling", "breakdown"}, {"initiative", "track"}))
      ->capture_default_str();
  add_unit_option(*cmd, *o, lang, "unit of the cost per participant: kr, tkr or mkr");
  add_output_options(*cmd, *o, lang);
  cmd->footer(
      "Examples:\n"
      "  ungegaranti coverage --model solv\n"
      "  ungegaranti coverage --by track --format csv -o daekning.csv");
  cmd->callback([o, &out] { run_coverage(*o, out); });
}

}  // namespace ungegaranti::cli
