#include "app.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <new>
#include <string>
#include <vector>

#include "commands.hpp"
#include "common.hpp"
#include "parse_error.hpp"
#include "ungegaranti/error.hpp"
#include "ungegaranti/input_file.hpp"
#include "ungegaranti/value_reader.hpp"
#include "ungegaranti/version.hpp"

namespace ungegaranti::cli {
namespace {

/// How a parse error is printed: CLI11's simple form, in the user's language, with no long
/// argument repeated whole.
std::string failure_message(const CLI::App* app, const CLI::Error& e, Lang lang,
                            const std::vector<std::string>& long_words) {
  if (lang == Lang::kEn)
    return shorten_arguments(CLI::FailureMessage::simple(app, e), long_words);
  return danish_parse_error(shorten_arguments(e.what(), long_words)) +
         "\nKør med --help for at få mere at vide.\n";
}

/// The language of --lang, read before CLI11 parses so that its own errors, and ours during
/// parsing, are in the user's language too. The last --lang wins; anything but "en" is Danish
/// (the --lang validator reports a wrong value).
Lang scan_lang(int argc, const char* const* argv) {
  Lang lang = Lang::kDa;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--")
      break;
    if (arg == "--lang" && i + 1 < argc)
      lang = std::string_view(argv[i + 1]) == "en" ? Lang::kEn : Lang::kDa;
    else if (arg.starts_with("--lang="))
      lang = arg.substr(7) == "en" ? Lang::kEn : Lang::kDa;
  }
  return lang;
}

}  // namespace

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App app{"ungegaranti: costs and reach of a municipal youth guarantee (Ungegaranti)"};
  app.name("ungegaranti");
  app.set_version_flag("--version", std::string("ungegaranti ") + kVersion);
  app.require_subcommand(1);
  app.footer("Run 'ungegaranti COMMAND --help' for a command's options and an example.");
  int status = 0;
  Lang lang = scan_lang(argc, argv);
  clear_input_log();  // -o may not replace a file that this run reads
  app.failure_message(
      [lang, long_words = long_arguments(argc, argv)](const CLI::App* a, const CLI::Error& e) {
        return failure_message(a, e, lang, long_words);
      });
  add_cost_command(app, out, lang);
  add_coverage_command(app, out, lang);
  add_project_command(app, out, lang);
  add_backtest_command(app, out, lang);
  add_economics_command(app, out, lang);
  add_compare_command(app, out, lang);
  add_diff_command(app, out, lang);
  add_report_command(app, out, err, lang);
  add_workbook_command(app, lang);
  add_sensitivity_command(app, out, err, lang);
  add_followup_command(app, out, lang);
  add_validate_command(app, out, err, status, lang);
  add_show_command(app, out, lang);
  // CLI11 would only say "A subcommand is required" for a misspelt command.
  std::vector<std::string> names;
  for (CLI::App* sub : app.get_subcommands({}))
    names.push_back(sub->get_name());
  if (argc > 1 && argv[1][0] != '-' &&
      std::find(names.begin(), names.end(), argv[1]) == names.end()) {
    std::string hint = did_you_mean(argv[1], names);
    std::string command = excerpt(argv[1]);
    Message text = hint.empty()
                       ? msg("ukendt kommando '{}' (kommandoer: {})",
                             "unknown command '{}' (commands: {})", command, join(names, ", "))
                       : msg("ukendt kommando '{}'; mente du '{}'? (kommandoer: {})",
                             "unknown command '{}'; did you mean '{}'? (commands: {})", command,
                             hint, join(names, ", "));
    err << "ungegaranti: " << text.in(lang) << '\n';
    return 2;
  }
  clear_warnings();
  try {
    app.parse(argc, argv);
    print_warnings(err, lang);
    return status;
  } catch (const CLI::ParseError& e) {  // includes --help and --version, which exit 0
    return app.exit(e, out, err) == 0 ? 0 : 2;
  } catch (const Error& e) {
    print_warnings(err, lang);
    for (const Diagnostic& d : e.diagnostics())
      err << "ungegaranti: " << d.str(lang) << '\n';
    return 1;
  } catch (const std::bad_alloc&) {
    // Under a memory limit (ulimit -v, a container) a large input ends here instead of in abort().
    err << "ungegaranti: "
        << Message{"hukommelsen slap op; inddata er for store til den hukommelse, der er til rådighed",
                   "out of memory; the input is too large for the memory available"}
               .in(lang)
        << '\n';
    return 1;
  }
}

}  // namespace ungegaranti::cli
