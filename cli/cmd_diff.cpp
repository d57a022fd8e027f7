// ungegaranti diff: every value two scenarios resolve differently, and what each change costs.
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "common.hpp"
#include "ungegaranti/diff.hpp"
#include "ungegaranti/diff_table.hpp"
#include "ungegaranti/load.hpp"
#include "ungegaranti/scenario_data.hpp"
#include "validators.hpp"

namespace ungegaranti::cli {
namespace {

struct DiffOptions : Options {
  std::vector<std::string> files;  // a and b
};

void run_diff(const DiffOptions& o, std::ostream& out) {
  std::array<Tree, 2> trees;
  for (size_t i = 0; i < 2; ++i) {
    ScenarioSource source = read_scenario_source(o.files[i]);
    trees[i] = resolve_scenario(source.text, source.name, o.sets);
  }
  Scenario a = read_resolved(trees[0], o.files[0]);
  read_resolved(trees[1], o.files[1]);  // both must be valid scenarios
  NeetDataCache cache;
  auto outcome = [&](const Tree& tree, Tier tier) {
    return scenario_outcome(tree, tier, o.files[0], cache);
  };
  std::vector<ValueChange> changes = diff_values(trees[0], trees[1]);
  std::vector<Waterfall> waterfalls;
  for (Tier tier : tiers_of(o))
    waterfalls.push_back(attribute(trees[0], trees[1], changes, tier, outcome));
  emit(diff_tables(a, o.files[0], o.files[1], changes, waterfalls, lang_of(o)), o, out);
}

}  // namespace

void add_diff_command(CLI::App& app, std::ostream& out, Lang lang) {
  auto o = std::make_shared<DiffOptions>();
  CLI::App* cmd = app.add_subcommand(
      "diff", "every value two scenarios resolve differently, and what each change costs");
  cmd->add_option("files", o->files, "the two scenario files, a and b")
      ->expected(2)
      ->required()
      ->check(path_given(lang));
  cmd->add_option("--set", o->sets, "override one value in both, e.g. --set indexation.wages=0.03")
      ->check(assignment(lang));
  add_model_option(*cmd, *o, lang);
  add_unit_option(*cmd, *o, lang);
  add_output_options(*cmd, *o, lang);
  cmd->footer(
      "Example:\n"
      "  ungegaranti diff scenarios/norddjurs.yaml examples/solv-hoejere-loen.yaml --model solv");
  cmd->callback([o, &out] { run_diff(*o, out); });
}

}  // namespace ungegaranti::cli
