// ungegaranti compare: models, or scenario files, side by side with their differences.
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "common.hpp"
#include "ungegaranti/compare.hpp"
#include "ungegaranti/compare_table.hpp"
#include "ungegaranti/scenario_data.hpp"
#include "validators.hpp"

namespace ungegaranti::cli {
namespace {

struct CompareOptions : Options {
  std::vector<std::string> files;
  std::string models = "bronze,solv,guld";                              // as given, for --help
  std::vector<Tier> tiers = {Tier::kBronze, Tier::kSolv, Tier::kGuld};  // --models, parsed
  const CLI::Option* models_option = nullptr;
  const CLI::Option* model_option = nullptr;
  const CLI::Option* scenario_option = nullptr;
};

// --models, parsed once (parse_model_list) into `tiers`.
CLI::Validator model_list(Lang lang, std::vector<Tier>& tiers) {
  return CLI::Validator(
      [lang, &tiers](std::string& value) -> std::string {
        ModelList list = parse_model_list(value);
        if (list.problem)
          return list.problem->in(lang);
        tiers = std::move(list.tiers);
        return "";
      },
      "MODEL,MODEL,...");
}

void run_compare(const CompareOptions& o, std::ostream& out, Lang lang) {
  if (!o.files.empty() && (o.models_option->count() > 0 || o.scenario_option->count() > 0)) {
    throw CLI::ValidationError(
        "--models/--scenario",
        msg("angiv scenariefiler eller ét scenarie (-s) med --models; ikke begge",
            "give scenario files, or one scenario (-s) with --models; not both")
            .in(lang_of(o)));
  }
  if (o.files.empty() && o.model_option->count() > 0) {
    throw CLI::ValidationError(
        "--model", msg("vælger modellen i hver fil; brug --models til modellerne i ét scenarie",
                       "selects the model of each file; for the models of one scenario use "
                       "--models")
                       .in(lang_of(o)));
  }
  NeetDataCache cache;
  std::vector<Scenario> scenarios;
  std::vector<CompareColumn> columns;
  if (o.files.empty()) {
    scenarios.push_back(load_warned(o.scenario, o.sets));
    columns = model_columns(scenarios.front(), o.tiers, cache, lang);
  } else {
    for (const std::string& file : o.files)
      scenarios.push_back(load_warned(file, o.sets));
  }
  std::vector<const Scenario*> all;
  all.reserve(scenarios.size());
  for (const Scenario& s : scenarios)
    all.push_back(&s);
  std::vector<std::string> notes = check_comparable(all, lang);
  if (!o.files.empty())
    columns = file_columns(scenarios, tiers_of(o), cache, lang);
  const NeetData* data = cache.data_for(scenarios.front());
  emit({compare_table(scenarios.front(), columns, notes, data ? data->vintage : "", lang)}, o, out);
}

}  // namespace

void add_compare_command(CLI::App& app, std::ostream& out, Lang lang) {
  auto o = std::make_shared<CompareOptions>();
  CLI::App* cmd = app.add_subcommand(
      "compare", "models, or scenario files, side by side with their differences");
  cmd->add_option("files", o->files,
                  "scenario files to put side by side (default: the models of one)")
      ->check(path_given(lang));
  add_scenario_options(*cmd, *o, lang);
  cmd->add_option("--models", o->models, "the models of one scenario, in column order")
      ->transform(model_list(lang, o->tiers))
      ->capture_default_str();
  add_model_option(*cmd, *o, lang);
  add_unit_option(*cmd, *o, lang);
  add_output_options(*cmd, *o, lang);
  cmd->footer(
      "Examples:\n"
      "  ungegaranti compare                      # bronze, sølv and guld: what each step up buys\n"
      "  ungegaranti compare --models solv,guld --unit mkr\n"
      "  ungegaranti compare scenarios/norddjurs.yaml examples/solv-hoejere-loen.yaml --model "
      "solv");
  o->models_option = cmd->get_option("--models");
  o->model_option = cmd->get_option("--model");
  o->scenario_option = cmd->get_option("--scenario");
  cmd->callback([o, &out, lang] { run_compare(*o, out, lang); });
}

}  // namespace ungegaranti::cli
