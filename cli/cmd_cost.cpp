// ungegaranti cost: the yearly cost of one model, or of all three side by side.
#include <memory>
#include <vector>

#include "commands.hpp"
#include "common.hpp"
#include "ungegaranti/chart.hpp"
#include "ungegaranti/cost.hpp"
#include "ungegaranti/cost_table.hpp"

namespace ungegaranti::cli {
namespace {

void run_cost(const Options& o, std::ostream& out) {
  Scenario scenario = load_warned(o.scenario, o.sets);
  std::vector<CostRow> rows;
  for (Tier tier : tiers_of(o)) {
    std::vector<CostRow> part = compute_cost(scenario, tier);
    rows.insert(rows.end(), part.begin(), part.end());
  }
  emit({cost_table(scenario, rows, *parse_by(o.by), lang_of(o))}, o, out, [&] {
    return std::vector<Figure>{{"cost", cost_chart(scenario, rows, lang_of(o))}};
  });
}

}  // namespace

void add_cost_command(CLI::App& app, std::ostream& out, Lang lang) {
  auto o = std::make_shared<Options>();
  CLI::App* cmd =
      app.add_subcommand("cost", "yearly cost of one model, or of all three side by side");
  add_scenario_options(*cmd, *o, lang);
  add_model_option(*cmd, *o, lang);
  cmd->add_option("--by", o->by, "breakdown of the rows")
      ->check(one_of(lang, {"opdeling", "breakdown"},
                     {"category", "track", "department", "role", "line", "year"}))
      ->capture_default_str();
  add_unit_option(*cmd, *o, lang);
  add_output_options(*cmd, *o, lang);
  cmd->footer(
      "Examples:\n"
      "  ungegaranti cost --model solv\n"
      "  ungegaranti cost --by track --unit tkr\n"
      "  ungegaranti cost -s examples/solv-hoejere-loen.yaml --model solv -o solv.csv");
  cmd->callback([o, &out] { run_cost(*o, out); });
}

}  // namespace ungegaranti::cli
