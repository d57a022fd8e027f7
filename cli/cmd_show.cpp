// ungegaranti show: the resolved scenario (after extends and --set) as YAML.
#include <memory>
#include <string>

#include "commands.hpp"
#include "common.hpp"
#include "ungegaranti/load.hpp"
#include "ungegaranti/output.hpp"
#include "ungegaranti/tree.hpp"
#include "validators.hpp"

namespace ungegaranti::cli {
namespace {

void run_show(const Options& o, std::ostream& out) {
  ScenarioSource source = read_scenario_source(o.scenario);
  Tree tree = resolve_scenario(source.text, source.name, o.sets);
  Scenario scenario = read_resolved(tree, source.name);  // show only what would load
  warn_about(scenario);
  Stamp stamp = stamp_of(scenario);
  std::string text = emit_yaml(tree) + "# " + stamp_line(stamp, Lang::kEn) + "\n";
  if (o.output.empty()) {
    out << text;
  } else {
    write_file_atomically(o.output, text);
  }
}

}  // namespace

void add_show_command(CLI::App& app, std::ostream& out, Lang lang) {
  auto o = std::make_shared<Options>();
  CLI::App* cmd =
      app.add_subcommand("show", "print the resolved scenario (after extends and --set) as YAML");
  add_scenario_options(*cmd, *o, lang);
  cmd->add_option("-o,--output", o->output,
                  "write the YAML to FILE (.yaml or .yml) instead of stdout")
      ->check(path_given(lang))
      ->check(CLI::Validator(
          [lang](std::string& path) -> std::string {
            if (yaml_path(path))
              return {};
            return msg("show skriver kun YAML: giv en fil, der ender på .yaml eller .yml",
                       "show writes YAML only: give a file ending in .yaml or .yml")
                .in(lang);
          },
          "FILE.yaml"));
  cmd->footer(
      "Examples:\n  ungegaranti show -s examples/solv-hoejere-loen.yaml --set years.count=3\n"
      "  ungegaranti show -s examples/bronze-plus.yaml -o bronze-plus-samlet.yaml");
  cmd->callback([o, &out] { run_show(*o, out); });
}

}  // namespace ungegaranti::cli
