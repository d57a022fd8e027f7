// ungegaranti project: the NEET share per model, ranked among all municipalities.
#include <memory>
#include <vector>

#include "commands.hpp"
#include "common.hpp"
#include "ungegaranti/all_municipalities.hpp"
#include "ungegaranti/chart.hpp"
#include "ungegaranti/population.hpp"
#include "ungegaranti/project_table.hpp"
#include "ungegaranti/projection.hpp"
#include "ungegaranti/scenario_data.hpp"

namespace ungegaranti::cli {
namespace {

struct ProjectOptions : Options {
  bool all_municipalities = false;
};

void run_project(const ProjectOptions& o, std::ostream& out) {
  Scenario scenario = load_warned(o.scenario, o.sets);
  NeetData data = load_projection_data(scenario);
  if (o.all_municipalities) {
    std::vector<MunicipalityOutcome> outcomes =
        project_all_municipalities(scenario, data, tiers_of(o), builtin_population());
    emit({all_municipalities_table(scenario, outcomes, data, lang_of(o))}, o, out);
    return;
  }
  ProjectionResult result = project(scenario, data, tiers_of(o));
  emit(projection_tables(scenario, result, lang_of(o)), o, out, [&] {
    return std::vector<Figure>{{"projection", neet_chart(scenario, result, data, lang_of(o))}};
  });
}

}  // namespace

void add_project_command(CLI::App& app, std::ostream& out, Lang lang) {
  auto o = std::make_shared<ProjectOptions>();
  CLI::App* cmd = app.add_subcommand(
      "project", "NEET share of 16-24-year-olds per model, ranked among all municipalities");
  add_scenario_options(*cmd, *o, lang);
  add_model_option(*cmd, *o, lang);
  cmd->add_flag("--all-municipalities", o->all_municipalities,
                "the same programme in each of the 98 municipalities, one row per municipality "
                "and model");
  add_output_options(*cmd, *o, lang);
  cmd->footer(
      "Examples:\n"
      "  ungegaranti project\n"
      "  ungegaranti project --model guld --format md\n"
      "  ungegaranti project --set municipality.code=101\n"
      "  ungegaranti project --all-municipalities --model solv -o kommuner.csv");
  cmd->callback([o, &out] { run_project(*o, out); });
}

}  // namespace ungegaranti::cli
