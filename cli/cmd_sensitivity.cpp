// ungegaranti sensitivity: how much the uncertain inputs move the results (tornado or Monte
// Carlo).
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "common.hpp"
#include "ungegaranti/chart.hpp"
#include "ungegaranti/monte_carlo.hpp"
#include "ungegaranti/monte_carlo_table.hpp"
#include "ungegaranti/scenario_data.hpp"
#include "ungegaranti/tornado_table.hpp"
#include "ungegaranti/uncertainty.hpp"

namespace ungegaranti::cli {
namespace {

struct SensitivityOptions : Options {
  SensitivityOptions() { model = "solv"; }
  std::string outcome = "cost";
  int top = 0;
  bool tornado = true;
  MonteCarloOptions mc;
  // The Monte Carlo runs every model and measures everything: the tornado's options do not apply.
  std::vector<const CLI::Option*> tornado_only;
};

void run_monte_carlo(const SensitivityOptions& o, std::ostream& out, std::ostream& err) {
  for (const CLI::Option* option : o.tornado_only) {
    if (option->count() > 0) {
      throw CLI::ValidationError(
          option->get_name(),
          msg("hører til tornadoen og kan ikke bruges med --draws (Monte Carlo kører alle "
              "modeller og måler alle udfald)",
              "is the tornado's and cannot go with --draws (the Monte Carlo runs every model "
              "and measures every outcome)")
              .in(lang_of(o)));
    }
  }
  Scenario scenario = load_warned(o.scenario, o.sets);
  NeetDataCache cache;
  const NeetData* data = cache.data_for(scenario);
  MonteCarloResult result = monte_carlo(scenario, data, o.mc.draws, o.mc.seed, o.mc.threads,
                                        progress_bar(err, lang_of(o)));
  emit(monte_carlo_tables(scenario, result, lang_of(o)), o, out,
       [&] { return monte_carlo_figures(scenario, result, data, lang_of(o)); });
}

void run_tornado(const SensitivityOptions& o, std::ostream& out) {
  if (o.model == "all")
    throw CLI::ValidationError("--model", msg("tornadoen er for én model: guld, solv eller bronze",
                                              "the tornado is for one model: guld, solv or bronze")
                                              .in(lang_of(o)));
  Scenario scenario = load_warned(o.scenario, o.sets);
  NeetDataCache cache;
  Tornado t = tornado(scenario, cache.data_for(scenario), *parse_tier(o.model),
                      *enum_from_id(kOutcomeKindIds, o.outcome));
  size_t top = static_cast<size_t>(o.top);
  emit({tornado_table(scenario, t, lang_of(o), top)}, o, out, [&] {
    return std::vector<Figure>{{"tornado", tornado_chart(t, lang_of(o), top)}};
  });
}

}  // namespace

void add_sensitivity_command(CLI::App& app, std::ostream& out, std::ostream& err, Lang lang) {
  auto o = std::make_shared<SensitivityOptions>();
  CLI::App* cmd = app.add_subcommand(
      "sensitivity", "how much the uncertain inputs move the results (tornado or Monte Carlo)");
  add_scenario_options(*cmd, *o, lang);
  CLI::Option* tornado_option = cmd->add_flag(
      "--tornado", o->tornado, "each input with a range at its low and high end (the default)");
  add_monte_carlo_options(*cmd, o->mc, lang,
                          "a Monte Carlo run of N draws over all uncertain inputs");
  CLI::Option* outcome_option =
      cmd->add_option("--outcome", o->outcome, "what to measure")
          ->check(one_of(lang, {"udfald", "outcome"}, {"cost", "neet", "npv", "rank", "margin"}))
          ->capture_default_str();
  CLI::Option* model_option =
      cmd->add_option("-m,--model", o->model, "guld|gold, solv|sølv|silver or bronze")
          ->transform(model_name(lang))
          ->capture_default_str();
  CLI::Option* top_option =
      cmd->add_option("--top", o->top, "show only the N widest inputs (0: all)")
          ->check(CLI::NonNegativeNumber);
  add_unit_option(*cmd, *o, lang);
  add_output_options(*cmd, *o, lang);
  cmd->footer(
      "Examples:\n"
      "  ungegaranti sensitivity --tornado --outcome neet --model guld --top 10\n"
      "  ungegaranti sensitivity --tornado --outcome cost --unit tkr\n"
      "  ungegaranti sensitivity --outcome margin --model solv\n"
      "  ungegaranti sensitivity --draws 10000 --seed 42 --unit mkr");
  o->tornado_only = {tornado_option, outcome_option, model_option, top_option};
  cmd->callback([o, &out, &err] {
    if (o->mc.draws > 0)
      run_monte_carlo(*o, out, err);
    else
      run_tornado(*o, out);
  });
}

}  // namespace ungegaranti::cli
