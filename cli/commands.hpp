#pragma once
// One function per command, each in its own cli/cmd_NAME.cpp (as CLI11's examples/subcom_in_files
// does): it adds the subcommand with its options to `app`, and a callback that runs it with the
// library and writes the result to `out` (warnings and progress to `err`). `lang` is the language
// of --lang, read from argv before parsing, for the options' own messages.

#include <CLI/CLI.hpp>
#include <ostream>

#include "ungegaranti/lang.hpp"

namespace ungegaranti::cli {

void add_cost_command(CLI::App& app, std::ostream& out, Lang lang);
void add_coverage_command(CLI::App& app, std::ostream& out, Lang lang);
void add_project_command(CLI::App& app, std::ostream& out, Lang lang);
void add_backtest_command(CLI::App& app, std::ostream& out, Lang lang);
void add_economics_command(CLI::App& app, std::ostream& out, Lang lang);
void add_compare_command(CLI::App& app, std::ostream& out, Lang lang);
void add_diff_command(CLI::App& app, std::ostream& out, Lang lang);
void add_report_command(CLI::App& app, std::ostream& out, std::ostream& err, Lang lang);
void add_workbook_command(CLI::App& app, Lang lang);
void add_sensitivity_command(CLI::App& app, std::ostream& out, std::ostream& err, Lang lang);
void add_followup_command(CLI::App& app, std::ostream& out, Lang lang);
/// `status` becomes 1 when a file is not valid: validate goes on to the next file.
void add_validate_command(CLI::App& app, std::ostream& out, std::ostream& err, int& status,
                          Lang lang);
void add_show_command(CLI::App& app, std::ostream& out, Lang lang);

}  // namespace ungegaranti::cli
