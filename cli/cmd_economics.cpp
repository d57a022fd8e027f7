// ungegaranti economics: costs against the value of avoided NEET years, per payer, with NPV.
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "ungegaranti/economics.hpp"
#include "ungegaranti/economics_table.hpp"
#include "ungegaranti/projection.hpp"
#include "ungegaranti/scenario_data.hpp"

namespace ungegaranti::cli {
namespace {

void run_economics(const Options& o, std::ostream& out) {
  Scenario scenario = load_warned(o.scenario, o.sets);
  if (!scenario.economics)
    throw Error({scenario.origin, 0, 0}, msg("scenariet har ingen 'economics'-sektion",
                                             "the scenario has no 'economics' section"));
  NeetData data = load_projection_data(scenario);  // the loader made sure there is a projection
  ProjectionResult projection = project(scenario, data, tiers_of(o), economics_last_year(scenario));
  emit(economics_tables(scenario, compute_economics(scenario, projection), lang_of(o)), o, out);
}

}  // namespace

void add_economics_command(CLI::App& app, std::ostream& out, Lang lang) {
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "economics", "costs against the value of avoided NEET years, per payer, with NPV");
  add_scenario_options(*cmd, *o, lang);
  add_model_option(*cmd, *o, lang);
  add_unit_option(*cmd, *o, lang);
  add_output_options(*cmd, *o, lang);
  cmd->footer(
      "Examples:\n"
      "  ungegaranti economics --unit tkr\n"
      "  ungegaranti economics --set economics.horizon_years=20 --set "
      "economics.discount_rate=0.025");
  cmd->callback([o, &out] { run_economics(*o, out); });
}

}  // namespace ungegaranti::cli
