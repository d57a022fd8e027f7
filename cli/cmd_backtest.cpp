// ungegaranti backtest: how well each projection rule would have projected the past.
#include <memory>
#include <vector>

#include "commands.hpp"
#include "common.hpp"
#include "ungegaranti/backtest.hpp"
#include "ungegaranti/backtest_table.hpp"
#include "ungegaranti/chart.hpp"
#include "ungegaranti/scenario_data.hpp"

namespace ungegaranti::cli {
namespace {

struct BacktestOptions : Options {
  int distance = 5;
  std::vector<int> base_years = {1, 3};
};

void run_backtest(const BacktestOptions& o, std::ostream& out) {
  Scenario scenario = load_warned(o.scenario, o.sets);
  NeetData data = load_projection_data(scenario);
  std::vector<Projection> rules =
      backtest_rules(*scenario.projection, o.base_years, !data.national.empty());
  BacktestResult result = backtest(rules, data, o.distance, scenario.municipality_code);
  emit(backtest_tables(result, stamp_of(scenario, data.vintage), lang_of(o)), o, out, [&] {
    return std::vector<Figure>{
        {"backtest",
         backtest_chart(rules, data, o.distance, scenario.municipality_code, lang_of(o))}};
  });
}

}  // namespace

void add_backtest_command(CLI::App& app, std::ostream& out, Lang lang) {
  auto o = std::make_shared<BacktestOptions>();
  CLI::App* cmd = app.add_subcommand(
      "backtest", "how well each projection rule would have projected the NEET shares of the past");
  add_scenario_options(*cmd, *o, lang);
  cmd->add_option("--distance", o->distance, "years ahead, from each origin year")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  cmd->add_option("--base-years", o->base_years, "the k of the base levels to test (1-10)")
      ->check(CLI::Range(1, 10))
      ->capture_default_str();
  add_output_options(*cmd, *o, lang);
  cmd->footer(
      "Examples:\n"
      "  ungegaranti backtest\n"
      "  ungegaranti backtest --distance 8 --base-years 1 2 3 --format md");
  cmd->callback([o, &out] { run_backtest(*o, out); });
}

}  // namespace ungegaranti::cli
