// ungegaranti workbook: the live Excel model. Its own command rather than `report --live`,
// because it has one format (a workbook written to a file) and a layout of its own (inputs,
// lines, formulas), and takes none of the report's options but the scenario and the language.
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "ungegaranti/render/render.hpp"
#include "ungegaranti/render/xlsx_live.hpp"
#include "ungegaranti/workbook.hpp"
#include "validators.hpp"

namespace ungegaranti::cli {
namespace {

void run_workbook(const Options& o) {
  if (format_for_path(o.output) != Format::kXlsx) {
    throw CLI::ValidationError("--output",
                               msg("projektmappen skrives som .xlsx (fik '{}')",
                                   "the workbook is written as .xlsx (got '{}')", o.output)
                                   .in(lang_of(o)));
  }
  Scenario scenario = load_warned(o.scenario, o.sets);
  std::vector<Table> values = workbook_value_tables(scenario, lang_of(o));
  write_live_xlsx(build_live_workbook(scenario, values, lang_of(o)), o.output);
}

}  // namespace

void add_workbook_command(CLI::App& app, Lang lang) {
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "workbook", "a live Excel model: costs and coverage as formulas over an input sheet");
  add_scenario_options(*cmd, *o, lang);
  cmd->add_option("--lang", o->lang, "language of the workbook")
      ->check(one_of(lang, {"sprog", "language"}, {"da", "en"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", o->output, "the workbook to write (FILE.xlsx)")
      ->required()
      ->check(path_given(lang));
  cmd->footer(
      "Examples:\n"
      "  ungegaranti workbook -o model.xlsx\n"
      "  ungegaranti workbook -s examples/solv-hoejere-loen.yaml --lang en -o model.xlsx");
  cmd->callback([o] { run_workbook(*o); });
}

}  // namespace ungegaranti::cli
