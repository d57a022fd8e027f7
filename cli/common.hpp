#pragma once
// What the commands share: the options most of them take (-s, --set, --model, --unit, --lang,
// --format, -o, the Monte Carlo's), their checks, the warnings printed after a command, and
// emit(), the one output path. Included by the cli/ files only (CLI11 is slow to compile).

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "ungegaranti/chart_types.hpp"
#include "ungegaranti/error.hpp"
#include "ungegaranti/lang.hpp"
#include "ungegaranti/monte_carlo.hpp"
#include "ungegaranti/scenario.hpp"
#include "ungegaranti/table.hpp"

namespace ungegaranti::cli {

/// What the result commands share: where the scenario comes from and how the result is shown.
struct Options {
  std::string scenario;
  std::vector<std::string> sets;
  std::string model = "all";
  std::string by = "category";
  std::string unit = "kr";
  std::string lang = "da";
  std::string format;  // empty: from the -o extension, else a table
  std::string output;
};

/// --draws, --seed and --threads, as `sensitivity` and `report` take them.
struct MonteCarloOptions {
  int draws = 0;  // 0: no Monte Carlo
  uint64_t seed = 1;
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
};

/// The language of the result (--lang).
Lang lang_of(const Options& o);

/// The models --model selects, in kAllTiers order ("all": every model).
std::vector<Tier> tiers_of(const Options& o);

/// `words` joined by ", ", the last two by `last` (" eller ", " or ").
std::string join(const std::vector<std::string>& words, std::string_view last);

/// A value among `allowed`; the message names `what` ("enhed", "unit") in the user's language.
CLI::Validator one_of(Lang lang, Message what, std::vector<std::string> allowed);

/// A model name as parse_tier() reads it, or "all"; made the model's id ("sølv" -> "solv").
CLI::Validator model_name(Lang lang);

/// key.path=value, as --set takes it.
CLI::Validator assignment(Lang lang);

/// -s/--scenario and --set.
void add_scenario_options(CLI::App& cmd, Options& o, Lang lang);

/// -m/--model: guld, solv, bronze or all.
void add_model_option(CLI::App& cmd, Options& o, Lang lang);

/// --unit: kr, tkr or mkr.
void add_unit_option(CLI::App& cmd, Options& o, Lang lang,
                     const std::string& description = "kr, tkr (1.000 kr.) or mkr (mio. kr.)");

/// --lang, --format and -o/--output: what emit() reads.
void add_output_options(CLI::App& cmd, Options& o, Lang lang);

/// --draws (described as `draws_description`), --seed and --threads.
void add_monte_carlo_options(CLI::App& cmd, MonteCarloOptions& mc, Lang lang,
                             const std::string& draws_description);

/// A progress bar for the Monte Carlo on `err`, only when it is std::cerr and a terminal (so never
/// in a file or a test's transcript): redrawn at most about five times a second, and wiped at
/// the end so that nothing of it stays on the screen. It never touches the results.
MonteCarloProgress progress_bar(std::ostream& err, Lang lang);

/// load_scenario(), noting a scenario run for another municipality than it was written for: run()
/// prints each such warning once on stderr, after the command's output (or before its error).
Scenario load_warned(const std::string& path, const std::vector<std::string>& sets = {});

/// Notes the warning of a scenario loaded some other way (show).
void warn_about(const Scenario& scenario);

/// Prints the noted warnings on `err` and forgets them; clear_warnings() only forgets them.
void print_warnings(std::ostream& err, Lang lang);
void clear_warnings();

/// The charts a command can add to its HTML and Word forms, built only when those are written.
using FigureSource = std::function<std::vector<Figure>()>;

/// Renders and writes tables in the format --format names, or else the -o extension's, or else a
/// text table: to -o (whole or not at all) or to `out`. Every command goes through here, so each
/// format has one renderer for the whole tool.
void emit(const std::vector<Table>& tables, const Options& o, std::ostream& out,
          const FigureSource& figures = {});

}  // namespace ungegaranti::cli
