// ungegaranti validate: checks scenario and actuals files and lists every problem.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "common.hpp"
#include "ungegaranti/actuals.hpp"
#include "ungegaranti/assumptions.hpp"
#include "ungegaranti/load.hpp"
#include "ungegaranti/population.hpp"
#include "ungegaranti/reach.hpp"
#include "ungegaranti/text.hpp"
#include "validators.hpp"

namespace ungegaranti::cli {
namespace {

// Each file in turn: one that is not valid sets `status` to 1, and the next is checked.
void run_validate(const std::vector<std::string>& files, std::ostream& out, std::ostream& err,
                  int& status, Lang lang) {
  for (const std::string& file : files) {
    try {
      if (is_actuals_file(file)) {  // checked with its own schema, against its scenario
        FollowUpInput input = load_actuals(file);
        out << file << ": ok (" << in_lang(lang, "opfølgningsfil til ", "actuals file for ")
            << input.scenario.origin << ")\n";
        continue;
      }
      Scenario scenario = load_scenario(file);
      out << file << ": ok\n";
      if (std::optional<Message> w = municipality_warning(scenario))
        err << "ungegaranti: " << file << ": " << w->in(lang) << '\n';
      // Not a warning: the file says which initiatives are the tool's illustration.
      if (std::optional<Message> note = illustration_note(scenario))
        err << "ungegaranti: " << file << ": info: " << note->in(lang) << '\n';
      // Not an error: the scenario is valid, but these initiatives cost without moving the
      // projected NEET share (docs/method.md#reach).
      for (const UnmodelledInitiative& u : unmodelled_initiatives(scenario)) {
        err << "ungegaranti: " << file << ": " << in_lang(lang, "advarsel", "warning")
            << ": initiatives." << u.initiative << ": " << no_effect_text(scenario, u).in(lang)
            << '\n';
      }
    } catch (const Error& e) {
      for (const Diagnostic& d : e.diagnostics())
        err << "ungegaranti: " << d.str(lang) << '\n';
      status = 1;
    }
  }
}

}  // namespace

void add_validate_command(CLI::App& app, std::ostream& out, std::ostream& err, int& status,
                          Lang lang) {
  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd =
      app.add_subcommand("validate", "check scenario and actuals files and list every problem");
  auto lang_name = std::make_shared<std::string>("da");
  cmd->add_option("files", *files, "scenario files and actuals files")
      ->required()
      ->check(path_given(lang));
  // Checked only, and kept alive by the callback: run() took the language from argv already.
  cmd->add_option("--lang", *lang_name, "language of the messages")
      ->check(one_of(lang, {"sprog", "language"}, {"da", "en"}))
      ->capture_default_str();
  cmd->footer(
      "Examples:\n  ungegaranti validate scenarios/norddjurs.yaml examples/*.yaml\n"
      "  ungegaranti validate examples/opfoelgning-2025-2026.yaml");
  cmd->callback([files, lang_name, &out, &err, &status, lang] {
    run_validate(*files, out, err, status, lang);
  });
}

}  // namespace ungegaranti::cli
