#include "app.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <new>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "parse_error.hpp"
#include "ungegaranti/actuals.hpp"
#include "ungegaranti/all_municipalities.hpp"
#include "ungegaranti/assumptions.hpp"
#include "ungegaranti/backtest.hpp"
#include "ungegaranti/backtest_table.hpp"
#include "ungegaranti/chart.hpp"
#include "ungegaranti/compare.hpp"
#include "ungegaranti/compare_table.hpp"
#include "ungegaranti/comparison.hpp"
#include "ungegaranti/cost.hpp"
#include "ungegaranti/cost_table.hpp"
#include "ungegaranti/coverage.hpp"
#include "ungegaranti/coverage_table.hpp"
#include "ungegaranti/diff.hpp"
#include "ungegaranti/diff_table.hpp"
#include "ungegaranti/economics.hpp"
#include "ungegaranti/economics_table.hpp"
#include "ungegaranti/error.hpp"
#include "ungegaranti/followup.hpp"
#include "ungegaranti/followup_table.hpp"
#include "ungegaranti/input_file.hpp"
#include "ungegaranti/load.hpp"
#include "ungegaranti/monte_carlo.hpp"
#include "ungegaranti/output.hpp"
#include "ungegaranti/population.hpp"
#include "ungegaranti/project_table.hpp"
#include "ungegaranti/projection.hpp"
#include "ungegaranti/reach.hpp"
#include "ungegaranti/render/docx.hpp"
#include "ungegaranti/render/html.hpp"
#include "ungegaranti/render/render.hpp"
#include "ungegaranti/render/svg.hpp"
#include "ungegaranti/render/xlsx.hpp"
#include "ungegaranti/render/xlsx_live.hpp"
#include "ungegaranti/report.hpp"
#include "ungegaranti/table.hpp"
#include "ungegaranti/text.hpp"
#include "ungegaranti/uncertainty.hpp"
#include "ungegaranti/value_reader.hpp"
#include "ungegaranti/version.hpp"
#include "ungegaranti/workbook.hpp"
#include "validators.hpp"

namespace ungegaranti::cli {
namespace {

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

/// Warnings found while a command loads its scenarios; run() prints each once on stderr, after
/// the command's output (or before its error).
std::vector<Message>& pending_warnings() {
  static std::vector<Message> warnings;
  return warnings;
}

void warn_about(const Scenario& scenario) {
  if (std::optional<Message> w = municipality_warning(scenario)) {
    std::vector<Message>& list = pending_warnings();
    if (std::find(list.begin(), list.end(), *w) == list.end())
      list.push_back(std::move(*w));
  }
}

/// load_scenario(), noting a scenario run for another municipality than it was written for.
Scenario load_warned(const std::string& path, const std::vector<std::string>& sets = {}) {
  Scenario scenario = load_scenario(path, sets);
  warn_about(scenario);
  return scenario;
}

void print_warnings(std::ostream& err, Lang lang) {
  for (const Message& w : pending_warnings())
    err << "ungegaranti: " << w.in(lang) << '\n';
  pending_warnings().clear();
}

std::string join(const std::vector<std::string>& words, std::string_view last) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0)
      out += i + 1 == words.size() ? std::string(last) : ", ";
    out += words[i];
  }
  return out;
}

CLI::Validator one_of(Lang lang, Message what, std::vector<std::string> allowed) {
  std::string description;
  for (const std::string& a : allowed)
    description += description.empty() ? a : "|" + a;
  return CLI::Validator(
      [lang, what = std::move(what),
       allowed = std::move(allowed)](std::string& value) -> std::string {
        if (std::find(allowed.begin(), allowed.end(), value) != allowed.end())
          return "";
        return msg("ukendt {} '{}' (forventede {})", "unknown {} '{}' (expected {})", what,
                   excerpt(value), join(allowed, lang == Lang::kDa ? " eller " : " or "))
            .in(lang);
      },
      description);
}

CLI::Validator model_name(Lang lang) {
  return CLI::Validator(
      [lang](std::string& value) -> std::string {
        std::string folded = value;
        std::transform(folded.begin(), folded.end(), folded.begin(),
                       [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
        if (folded == "all") {
          value = "all";
          return "";
        }
        auto tier = parse_tier(value);
        if (!tier) {
          return msg("ukendt model '{}' (forventede guld, solv, bronze eller all)",
                     "unknown model '{}' (expected guld, solv, bronze or all)", excerpt(value))
              .in(lang);
        }
        value = std::string(tier_id(*tier));
        return "";
      },
      "guld|solv|bronze|all");
}

CLI::Validator assignment(Lang lang) {
  return CLI::Validator(
      [lang](std::string& value) -> std::string {
        if (value.find('=') == std::string::npos || value.front() == '=') {
          return msg("forventede nøgle.sti=værdi (fik '{}')", "expected key.path=value (got '{}')",
                     excerpt(value))
              .in(lang);
        }
        return "";
      },
      "KEY.PATH=VALUE");
}

void add_scenario_options(CLI::App& cmd, Options& o, Lang lang) {
  cmd.add_option("-s,--scenario", o.scenario,
                 "scenario file (default: the embedded Norddjurs scenario)")
      ->check(path_given(lang));
  cmd.add_option("--set", o.sets, "override one value, e.g. --set indexation.wages=0.03")
      ->check(assignment(lang))
      ->allow_extra_args(false);
}

void add_unit_option(CLI::App& cmd, Options& o, Lang lang,
                     const std::string& description = "kr, tkr (1.000 kr.) or mkr (mio. kr.)") {
  cmd.add_option("--unit", o.unit, description)
      ->check(one_of(lang, {"enhed", "unit"}, {"kr", "tkr", "mkr"}))
      ->capture_default_str();
}

void add_output_options(CLI::App& cmd, Options& o, Lang lang) {
  cmd.add_option("--lang", o.lang, "language of the result")
      ->check(one_of(lang, {"sprog", "language"}, {"da", "en"}))
      ->capture_default_str();
  cmd.add_option("--format", o.format, "output format (default: from the -o extension, or table)")
      ->check(one_of(lang, {"format", "format"},
                     {"table", "md", "csv", "json", "html", "xlsx", "docx"}));
  cmd.add_option("-o,--output", o.output,
                 "write to FILE (.txt, .md, .csv, .json, .html, .xlsx or .docx) instead of stdout")
      ->check(path_given(lang));
}

Lang lang_of(const Options& o) { return o.lang == "en" ? Lang::kEn : Lang::kDa; }

// --draws, --seed and --threads, as `sensitivity` and `report` take them.
struct MonteCarloOptions {
  int draws = 0;  // 0: no Monte Carlo
  uint64_t seed = 1;
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
};

// A progress bar for the Monte Carlo, on stderr and only when stderr is a terminal (so never in a
// file or a test's transcript): redrawn at most about five times a second, and wiped at the
// end so that nothing of it stays on the screen. It never touches the results.
MonteCarloProgress progress_bar(std::ostream& err, Lang lang) {
  if (&err != &std::cerr || isatty(STDERR_FILENO) == 0)
    return {};
  using Clock = std::chrono::steady_clock;
  const char* word = lang == Lang::kDa ? "træk" : "draws";
  return [&err, word, last = Clock::time_point{}](int done, int total) mutable {
    constexpr int kWidth = 30;
    std::string blank(kWidth + 40, ' ');
    if (done >= total) {
      err << '\r' << blank << '\r' << std::flush;
      return;
    }
    Clock::time_point now = Clock::now();
    if (now - last < std::chrono::milliseconds(150))
      return;
    last = now;
    int64_t filled = total > 0 ? int64_t{done} * kWidth / total : 0;
    int64_t percent = total > 0 ? int64_t{done} * 100 / total : 0;
    err << fmt::format("\r{:3}% [{:<{}}] {}/{} {}", percent,
                       std::string(static_cast<size_t>(filled), '#'), kWidth, done, total, word)
        << std::flush;
  };
}

void add_monte_carlo_options(CLI::App& cmd, MonteCarloOptions& mc, Lang lang,
                             const std::string& draws_description) {
  cmd.add_option("--draws", mc.draws, draws_description)->check(CLI::Range(1, 10000000));
  cmd.add_option("--seed", mc.seed, "the Monte Carlo's seed: the same seed gives the same result")
      ->check(seed_value(lang))
      ->capture_default_str();
  cmd.add_option("--threads", mc.threads, "threads for the Monte Carlo (default: all cores)")
      ->check(CLI::Range(1, 256));
}

// The charts a command can add to its HTML and Word forms, built only when those are written.
using FigureSource = std::function<std::vector<Figure>()>;

// Renders and writes tables in the format --format names, or else the -o extension's, or else a
// text table: to -o (whole or not at all) or to `out`. Every command goes through here, so each
// format has one renderer for the whole tool.
void emit(const std::vector<Table>& tables, const Options& o, std::ostream& out,
          const FigureSource& figures = {}) {
  RenderOptions render_options;
  render_options.lang = lang_of(o);
  render_options.unit = parse_unit(o.unit).value_or(Unit::kKr);
  std::optional<Format> format = !o.format.empty()  ? parse_format(o.format)
                                 : o.output.empty() ? Format::kTable
                                                    : format_for_path(o.output);
  if (!format) {
    throw CLI::ValidationError(
        "--output", msg("kan ikke se formatet af '{}' ud fra filtypen (forventede .txt, .md, .csv, "
                        ".json, .html, .xlsx eller .docx, eller angiv --format)",
                        "cannot tell the format of '{}' from its extension (expected .txt, .md, "
                        ".csv, .json, .html, .xlsx or .docx, or give --format)",
                        o.output)
                        .in(lang_of(o)));
  }
  render_options.format = *format;
  if (*format == Format::kXlsx) {  // binary: libxlsxwriter writes it straight to its file
    if (o.output.empty()) {
      throw CLI::ValidationError(
          "--format", msg("xlsx er en projektmappe, der skrives til en fil: angiv -o FIL.xlsx",
                          "xlsx is a workbook written to a file: give -o FILE.xlsx")
                          .in(lang_of(o)));
    }
    write_xlsx(tables, o.output, render_options);
    return;
  }
  if (*format == Format::kDocx) {  // binary: a zip of WordprocessingML parts, with the charts
    if (o.output.empty()) {
      throw CLI::ValidationError(
          "--format", msg("docx er et Word-dokument, der skrives til en fil: angiv -o FIL.docx",
                          "docx is a Word document written to a file: give -o FILE.docx")
                          .in(lang_of(o)));
    }
    write_docx(tables, figures ? figures() : std::vector<Figure>{}, o.output, render_options);
    return;
  }
  std::string text =
      *format == Format::kHtml
          ? render_html(tables, figures ? figures() : std::vector<Figure>{}, render_options)
          : render(tables, render_options);
  if (o.output.empty()) {
    out << text;
  } else {
    write_file_atomically(o.output, text);
  }
}

std::vector<Tier> tiers_of(const Options& o) {
  std::vector<Tier> tiers;
  for (Tier tier : kAllTiers) {
    if (o.model == "all" || tier_id(tier) == o.model)
      tiers.push_back(tier);
  }
  return tiers;
}

void add_model_option(CLI::App& cmd, Options& o, Lang lang) {
  cmd.add_option("-m,--model", o.model, "guld|gold, solv|sølv|silver, bronze or all")
      ->transform(model_name(lang))
      ->capture_default_str();
}

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
  cmd->callback([o, &out] {
    Scenario scenario = load_warned(o->scenario, o->sets);
    std::vector<CostRow> rows;
    for (Tier tier : tiers_of(*o)) {
      std::vector<CostRow> part = compute_cost(scenario, tier);
      rows.insert(rows.end(), part.begin(), part.end());
    }
    emit({cost_table(scenario, rows, *parse_by(o->by), lang_of(*o))}, *o, out, [&] {
      return std::vector<Figure>{{"cost", cost_chart(scenario, rows, lang_of(*o))}};
    });
  });
}

void add_coverage_command(CLI::App& app, std::ostream& out, Lang lang) {
  auto o = std::make_shared<Options>();
  o->by = "initiative";
  CLI::App* cmd = app.add_subcommand(
      "coverage", "whom each model reaches: participants, age bands, caseload, company places");
  add_scenario_options(*cmd, *o, lang);
  add_model_option(*cmd, *o, lang);
  cmd->add_option("--by", o->by, "rows of the participants table")
      ->check(one_of(lang, {"opdeling", "breakdown"}, {"initiative", "track"}))
      ->capture_default_str();
  add_unit_option(*cmd, *o, lang, "unit of the cost per participant: kr, tkr or mkr");
  add_output_options(*cmd, *o, lang);
  cmd->footer(
      "Examples:\n"
      "  ungegaranti coverage --model solv\n"
      "  ungegaranti coverage --by track --format csv -o daekning.csv");
  cmd->callback([o, &out] {
    Scenario scenario = load_warned(o->scenario, o->sets);
    std::vector<ModelCoverage> models;
    for (Tier tier : tiers_of(*o))
      models.push_back(compute_coverage(scenario, tier));
    emit(coverage_tables(scenario, models, *parse_coverage_by(o->by), lang_of(*o)), *o, out);
  });
}

void add_project_command(CLI::App& app, std::ostream& out, Lang lang) {
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "project", "NEET share of 16-24-year-olds per model, ranked among all municipalities");
  auto all = std::make_shared<bool>(false);
  add_scenario_options(*cmd, *o, lang);
  add_model_option(*cmd, *o, lang);
  cmd->add_flag("--all-municipalities", *all,
                "the same programme in each of the 98 municipalities, one row per municipality "
                "and model");
  add_output_options(*cmd, *o, lang);
  cmd->footer(
      "Examples:\n"
      "  ungegaranti project\n"
      "  ungegaranti project --model guld --format md\n"
      "  ungegaranti project --set municipality.code=101\n"
      "  ungegaranti project --all-municipalities --model solv -o kommuner.csv");
  cmd->callback([o, all, &out] {
    Scenario scenario = load_warned(o->scenario, o->sets);
    if (!scenario.projection) {
      throw Error({scenario.origin, 0, 0}, msg("scenariet har ingen 'projection'-sektion",
                                               "the scenario has no 'projection' section"));
    }
    const Projection& p = *scenario.projection;
    NeetData data = load_neet_data({p.shares, p.groups, p.national});
    if (*all) {
      std::vector<MunicipalityOutcome> outcomes =
          project_all_municipalities(scenario, data, tiers_of(*o), builtin_population());
      emit({all_municipalities_table(scenario, outcomes, data, lang_of(*o))}, *o, out);
      return;
    }
    ProjectionResult result = project(scenario, data, tiers_of(*o));
    emit(projection_tables(scenario, result, lang_of(*o)), *o, out, [&] {
      return std::vector<Figure>{{"projection", neet_chart(scenario, result, data, lang_of(*o))}};
    });
  });
}

void add_backtest_command(CLI::App& app, std::ostream& out, Lang lang) {
  auto o = std::make_shared<Options>();
  auto distance = std::make_shared<int>(5);
  auto base_years = std::make_shared<std::vector<int>>(std::vector<int>{1, 3});
  CLI::App* cmd = app.add_subcommand(
      "backtest", "how well each projection rule would have projected the NEET shares of the past");
  add_scenario_options(*cmd, *o, lang);
  cmd->add_option("--distance", *distance, "years ahead, from each origin year")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  cmd->add_option("--base-years", *base_years, "the k of the base levels to test (1-10)")
      ->check(CLI::Range(1, 10))
      ->capture_default_str();
  add_output_options(*cmd, *o, lang);
  cmd->footer(
      "Examples:\n"
      "  ungegaranti backtest\n"
      "  ungegaranti backtest --distance 8 --base-years 1 2 3 --format md");
  cmd->callback([o, distance, base_years, &out] {
    Scenario scenario = load_warned(o->scenario, o->sets);
    if (!scenario.projection) {
      throw Error({scenario.origin, 0, 0}, msg("scenariet har ingen 'projection'-sektion",
                                               "the scenario has no 'projection' section"));
    }
    const Projection& p = *scenario.projection;
    NeetData data = load_neet_data({p.shares, p.groups, p.national});
    std::vector<Projection> rules = backtest_rules(p, *base_years, !data.national.empty());
    BacktestResult result = backtest(rules, data, *distance, scenario.municipality_code);
    emit(backtest_tables(result, stamp_of(scenario, data.vintage), lang_of(*o)), *o, out, [&] {
      std::vector<BacktestResult> by_distance;
      for (int d = 1; d <= *distance; ++d)
        by_distance.push_back(backtest(rules, data, d, scenario.municipality_code));
      return std::vector<Figure>{{"backtest", backtest_chart(by_distance, lang_of(*o))}};
    });
  });
}

void add_economics_command(CLI::App& app, std::ostream& out, Lang lang) {
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "economics", "costs against the value of avoided NEET years, per payer, with NPV");
  add_scenario_options(*cmd, *o, lang);
  add_model_option(*cmd, *o, lang);
  add_unit_option(*cmd, *o, lang);
  add_output_options(*cmd, *o, lang);
  cmd->footer(
      "Examples:\n"
      "  ungegaranti economics --unit tkr\n"
      "  ungegaranti economics --set economics.horizon_years=20 --set "
      "economics.discount_rate=0.025");
  cmd->callback([o, &out] {
    Scenario scenario = load_warned(o->scenario, o->sets);
    if (!scenario.economics)
      throw Error({scenario.origin, 0, 0}, msg("scenariet har ingen 'economics'-sektion",
                                               "the scenario has no 'economics' section"));
    const Projection& p = *scenario.projection;
    NeetData data = load_neet_data({p.shares, p.groups, p.national});
    ProjectionResult projection =
        project(scenario, data, tiers_of(*o), economics_last_year(scenario));
    emit(economics_tables(scenario, compute_economics(scenario, projection), lang_of(*o)), *o, out);
  });
}

CLI::Validator model_list(Lang lang) {
  return CLI::Validator(
      [lang](std::string& value) -> std::string {
        std::string canonical;
        size_t start = 0;
        while (start <= value.size()) {
          size_t comma = std::min(value.find(',', start), value.size());
          std::string name = value.substr(start, comma - start);
          auto tier = parse_tier(name);
          if (!tier)
            return msg("ukendt model '{}' (forventede guld, solv eller bronze)",
                       "unknown model '{}' (expected guld, solv or bronze)", excerpt(name))
                .in(lang);
          std::string id(tier_id(*tier));
          if (("," + canonical + ",").find("," + id + ",") != std::string::npos)
            return msg("modellen '{}' står to gange", "model '{}' is listed twice", id).in(lang);
          canonical += (canonical.empty() ? "" : ",") + id;
          start = comma + 1;
        }
        value = canonical;
        return "";
      },
      "MODEL,MODEL,...");
}

// Loads the comparison data a scenario names, once per set of files.
const NeetData* data_for(const Scenario& s, std::map<std::string, NeetData>& cache) {
  if (!s.projection)
    return nullptr;
  const Projection& p = *s.projection;
  std::string key = p.shares + "\n" + p.groups + "\n" + p.national;
  auto it = cache.find(key);
  if (it == cache.end())
    it = cache.emplace(key, load_neet_data({p.shares, p.groups, p.national})).first;
  return &it->second;
}

void add_compare_command(CLI::App& app, std::ostream& out, Lang lang) {
  auto o = std::make_shared<Options>();
  auto files = std::make_shared<std::vector<std::string>>();
  auto models = std::make_shared<std::string>("bronze,solv,guld");
  CLI::App* cmd = app.add_subcommand(
      "compare", "models, or scenario files, side by side with their differences");
  cmd->add_option("files", *files,
                  "scenario files to put side by side (default: the models of one)")
      ->check(path_given(lang));
  add_scenario_options(*cmd, *o, lang);
  cmd->add_option("--models", *models, "the models of one scenario, in column order")
      ->transform(model_list(lang))
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
  CLI::Option* models_option = cmd->get_option("--models");
  CLI::Option* model_option = cmd->get_option("--model");
  CLI::Option* scenario_option = cmd->get_option("--scenario");
  cmd->callback([o, files, models, models_option, model_option, scenario_option, &out, lang] {
    if (!files->empty() && (models_option->count() > 0 || scenario_option->count() > 0)) {
      throw CLI::ValidationError(
          "--models/--scenario",
          msg("angiv scenariefiler eller ét scenarie (-s) med --models; ikke begge",
              "give scenario files, or one scenario (-s) with --models; not both")
              .in(lang_of(*o)));
    }
    if (files->empty() && model_option->count() > 0) {
      throw CLI::ValidationError(
          "--model", msg("vælger modellen i hver fil; brug --models til modellerne i ét scenarie",
                         "selects the model of each file; for the models of one scenario use "
                         "--models")
                         .in(lang_of(*o)));
    }
    std::map<std::string, NeetData> cache;
    std::vector<Scenario> scenarios;
    std::vector<CompareColumn> columns;
    if (files->empty()) {
      scenarios.push_back(load_warned(o->scenario, o->sets));
      const Scenario& s = scenarios.front();
      for (size_t start = 0; start < models->size();) {
        size_t comma = std::min(models->find(',', start), models->size());
        Tier tier = *parse_tier(models->substr(start, comma - start));
        columns.push_back({std::string(tier_name(tier, lang)), std::string(tier_id(tier)),
                           measure(s, tier, data_for(s, cache))});
        start = comma + 1;
      }
    } else {
      for (const std::string& file : *files)
        scenarios.push_back(load_warned(file, o->sets));
    }
    std::vector<const Scenario*> all;
    all.reserve(scenarios.size());
    for (const Scenario& s : scenarios)
      all.push_back(&s);
    std::vector<std::string> notes = check_comparable(all, lang);
    if (!files->empty()) {
      for (const Scenario& s : scenarios) {
        for (Tier tier : {Tier::kBronze, Tier::kSolv, Tier::kGuld}) {
          if (o->model != "all" && tier_id(tier) != o->model)
            continue;
          // The same file may be given twice; its columns still need their own keys.
          std::string key = fmt::format("{}:{}", s.origin, tier_id(tier));
          int copies = static_cast<int>(
              std::count_if(columns.begin(), columns.end(), [&](const CompareColumn& c) {
                return c.key == key || c.key.starts_with(key + "#");
              }));
          if (copies > 0)
            key += fmt::format("#{}", copies + 1);
          columns.push_back({fmt::format("{}: {}", s.origin, tier_name(tier, lang)), key,
                             measure(s, tier, data_for(s, cache))});
        }
      }
    }
    const NeetData* data = data_for(scenarios.front(), cache);
    emit({compare_table(scenarios.front(), columns, notes, data ? data->vintage : "", lang)}, *o,
         out);
  });
}

void add_diff_command(CLI::App& app, std::ostream& out, Lang lang) {
  auto o = std::make_shared<Options>();
  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = app.add_subcommand(
      "diff", "every value two scenarios resolve differently, and what each change costs");
  cmd->add_option("files", *files, "the two scenario files, a and b")
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
  cmd->callback([o, files, &out] {
    std::array<Tree, 2> trees;
    for (size_t i = 0; i < 2; ++i) {
      ScenarioSource source = read_scenario_source((*files)[i]);
      trees[i] = resolve_scenario(source.text, source.name, o->sets);
    }
    Scenario a = read_resolved(trees[0], (*files)[0]);
    read_resolved(trees[1], (*files)[1]);  // both must be valid scenarios
    std::map<std::string, NeetData> cache;
    auto outcome = [&](const Tree& tree, Tier tier) {
      Scenario s = read_resolved(tree, (*files)[0]);
      Outcome result;
      for (const CostRow& row : compute_cost(s, tier))
        result.net_cost += row.dkk;
      if (const NeetData* data = data_for(s, cache))
        result.neet_share_pct = project(s, *data, {tier}).models.front().share_at_horizon_pct;
      return result;
    };
    std::vector<ValueChange> changes = diff_values(trees[0], trees[1]);
    std::vector<Waterfall> waterfalls;
    for (Tier tier : tiers_of(*o))
      waterfalls.push_back(attribute(trees[0], trees[1], changes, tier, outcome));
    emit(diff_tables(a, (*files)[0], (*files)[1], changes, waterfalls, lang_of(*o)), *o, out);
  });
}

bool markdown_file(const Options& o) {
  std::string ext = std::filesystem::path(o.output).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
  return !o.output.empty() && (o.format == "md" || (o.format.empty() && ext == ".md"));
}

// The follow-up section of `report --actuals`: the tables of `followup` and the file they read.
struct FollowUpSection {
  std::vector<Table> tables;
  std::string file;
};

std::vector<Table> report_with(const Scenario& scenario, const NeetData* data, Lang lang,
                               const MonteCarloResult* mc, const FollowUpSection* followup) {
  std::vector<Table> tables = report_tables(scenario, data, lang, mc);
  if (followup == nullptr)
    return tables;
  return with_followup(std::move(tables), followup->tables, followup->file, lang);
}

// bilag.md and its charts as SVG files in bilag-figurer/ (bilag-figures/ in English), which the
// Markdown links to (docs/output.md; a Word document is write_docx's). The two are written as
// one unit (write_with_folder): a failed run leaves the old pair, and two runs do not mix.
std::string figure_folder(const std::string& path, Lang lang) {
  return std::filesystem::path(path).stem().string() +
         (lang == Lang::kDa ? "-figurer" : "-figures");
}

void write_markdown_report(const Scenario& scenario, const NeetData* data,
                           const MonteCarloResult* mc, const RenderOptions& options,
                           const std::string& path, const FollowUpSection* followup) {
  std::string folder = figure_folder(path, options.lang);
  std::vector<Table> tables = report_with(scenario, data, options.lang, mc, followup);
  std::vector<FigureLink> links;
  std::vector<std::pair<std::string, std::string>> files;  // name in the folder, SVG
  int n = 0;
  for (const Figure& figure : report_figures(scenario, data, options.lang, mc)) {
    auto [id, title] = std::visit(
        [](const auto& c) {
          return std::pair{c.id, c.title};
        },
        figure.chart);
    std::string name = fmt::format("{}-{}.svg", ++n, id);
    links.push_back({figure.after, folder + "/" + name, title});
    files.emplace_back(name, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
                                 render_svg(figure.chart, options) + "\n");
  }
  std::string text = render_markdown(tables, links, options);  // all rendered before writing
  write_with_folder(path, text, folder, files);
}

void add_report_command(CLI::App& app, std::ostream& out, std::ostream& err, Lang lang) {
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "report", "the council-paper appendix: every table, the assumptions register and the stamp");
  add_scenario_options(*cmd, *o, lang);
  add_unit_option(*cmd, *o, lang);
  add_output_options(*cmd, *o, lang);
  cmd->footer(
      "Examples:\n"
      "  ungegaranti report -o bilag.html\n"
      "  ungegaranti report -o bilag.md\n"
      "  ungegaranti report --lang en --unit tkr -o appendix.md\n"
      "  ungegaranti report --draws 10000 --seed 42 -o bilag.xlsx\n"
      "  ungegaranti report --summary\n"
      "  ungegaranti report --actuals examples/opfoelgning-2025-2026.yaml -o status.html");
  auto mc = std::make_shared<MonteCarloOptions>();
  add_monte_carlo_options(*cmd, *mc, lang,
                          "add a Monte Carlo of N draws: its tables, and the probability of "
                          "meeting each target in the summary");
  auto actuals = std::make_shared<std::string>();
  cmd->add_option("--actuals", *actuals,
                  "add a follow-up section: plan against this actuals file (docs/"
                  "actuals-reference.md)")
      ->check(path_given(lang));
  auto summary_only = std::make_shared<bool>(false);
  cmd->add_flag("--summary", *summary_only,
                "only the summary in words: 6-10 sentences made from the report's figures");
  cmd->callback([o, mc, actuals, summary_only, &out, &err, lang] {
    if (!actuals->empty() && !o->sets.empty()) {
      // The follow-up is against the plan as written; a changed plan is not what was followed.
      throw CLI::ValidationError(
          "--actuals", msg("kan ikke bruges med --set: opfølgningen sammenligner det faktiske med "
                           "scenariet, som det står i den fil, der følges op på",
                           "cannot go with --set: the follow-up compares the actuals with the "
                           "scenario as written in the file it follows")
                           .in(lang_of(*o)));
    }
    Scenario scenario = load_warned(o->scenario, o->sets);
    std::map<std::string, NeetData> cache;
    const NeetData* data = data_for(scenario, cache);
    if (!o->output.empty() && actuals->empty()) {
      // A report takes seconds: a target that cannot be written is refused first (with
      // --actuals, after that file is read, by emit and write_with_folder as usual).
      check_output_target(o->output,
                          markdown_file(*o) ? figure_folder(o->output, lang_of(*o)) : "");
    }
    std::optional<FollowUpSection> section;
    if (!actuals->empty()) {
      FollowUpInput input = load_actuals(*actuals);
      if (input.scenario.input_hash != scenario.input_hash) {
        throw Error(input.actuals.follows_where,
                    msg("følger op på {}, som ikke er rapportens scenarie ({}); angiv det samme "
                        "scenarie med -s",
                        "follows {}, which is not the report's scenario ({}); give the same "
                        "scenario with -s",
                        input.actuals.follows, scenario.origin));
      }
      std::optional<NeetData> newer = load_newer_data(input.actuals);
      FollowUp result = follow_up(scenario, input.actuals, data, newer ? &*newer : nullptr);
      section = FollowUpSection{
          followup_tables(scenario, input.actuals, result, FollowBy::kCategory, 10.0, lang),
          *actuals};
    }
    const FollowUpSection* followup = section ? &*section : nullptr;
    RenderOptions options;
    options.lang = lang;
    options.unit = parse_unit(o->unit).value_or(Unit::kKr);
    std::optional<MonteCarloResult> result;
    if (mc->draws > 0)
      result =
          monte_carlo(scenario, data, mc->draws, mc->seed, mc->threads, progress_bar(err, lang));
    const MonteCarloResult* draws = result ? &*result : nullptr;
    if (*summary_only) {  // the words read the whole report's tables
      emit({report_with(scenario, data, lang, draws, followup).front()}, *o, out);
      return;
    }
    if (markdown_file(*o)) {
      write_markdown_report(scenario, data, draws, options, o->output, followup);
      return;
    }
    emit(report_with(scenario, data, lang, draws, followup), *o, out,
         [&] { return report_figures(scenario, data, lang, draws); });
  });
}

// The live Excel model: its own command rather than `report --live`, because it has one format
// (a workbook written to a file) and a layout of its own (inputs, lines, formulas), and takes
// none of the report's options but the scenario and the language.
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
  cmd->callback([o] {
    if (format_for_path(o->output) != Format::kXlsx) {
      throw CLI::ValidationError("--output",
                                 msg("projektmappen skrives som .xlsx (fik '{}')",
                                     "the workbook is written as .xlsx (got '{}')", o->output)
                                     .in(lang_of(*o)));
    }
    Scenario scenario = load_warned(o->scenario, o->sets);
    std::vector<Table> values;
    if (scenario.projection) {
      const Projection& p = *scenario.projection;
      NeetData data = load_neet_data({p.shares, p.groups, p.national});
      std::vector<Tier> tiers(kAllTiers.begin(), kAllTiers.end());
      values = projection_tables(scenario, project(scenario, data, tiers), lang_of(*o));
      if (scenario.economics) {
        ProjectionResult through = project(scenario, data, tiers, economics_last_year(scenario));
        for (Table& t :
             economics_tables(scenario, compute_economics(scenario, through), lang_of(*o)))
          values.push_back(std::move(t));
      }
    }
    write_live_xlsx(build_live_workbook(scenario, values, lang_of(*o)), o->output);
  });
}

void add_sensitivity_command(CLI::App& app, std::ostream& out, std::ostream& err, Lang lang) {
  auto o = std::make_shared<Options>();
  o->model = "solv";
  auto outcome = std::make_shared<std::string>("cost");
  auto top = std::make_shared<int>(0);
  auto tornado_flag = std::make_shared<bool>(true);
  auto mc = std::make_shared<MonteCarloOptions>();
  CLI::App* cmd = app.add_subcommand(
      "sensitivity", "how much the uncertain inputs move the results (tornado or Monte Carlo)");
  add_scenario_options(*cmd, *o, lang);
  CLI::Option* tornado_option = cmd->add_flag(
      "--tornado", *tornado_flag, "each input with a range at its low and high end (the default)");
  add_monte_carlo_options(*cmd, *mc, lang,
                          "a Monte Carlo run of N draws over all uncertain inputs");
  CLI::Option* outcome_option =
      cmd->add_option("--outcome", *outcome, "what to measure")
          ->check(one_of(lang, {"udfald", "outcome"}, {"cost", "neet", "npv", "rank", "margin"}))
          ->capture_default_str();
  CLI::Option* model_option =
      cmd->add_option("-m,--model", o->model, "guld|gold, solv|sølv|silver or bronze")
          ->transform(model_name(lang))
          ->capture_default_str();
  CLI::Option* top_option = cmd->add_option("--top", *top, "show only the N widest inputs (0: all)")
                                ->check(CLI::NonNegativeNumber);
  add_unit_option(*cmd, *o, lang);
  add_output_options(*cmd, *o, lang);
  cmd->footer(
      "Examples:\n"
      "  ungegaranti sensitivity --tornado --outcome neet --model guld --top 10\n"
      "  ungegaranti sensitivity --tornado --outcome cost --unit tkr\n"
      "  ungegaranti sensitivity --outcome margin --model solv\n"
      "  ungegaranti sensitivity --draws 10000 --seed 42 --unit mkr");
  // The Monte Carlo runs every model and measures everything: the tornado's options do not apply.
  std::vector<CLI::Option*> tornado_only = {tornado_option, outcome_option, model_option,
                                            top_option};
  cmd->callback([o, outcome, top, tornado_flag, mc, tornado_only, &out, &err] {
    if (mc->draws > 0) {
      for (const CLI::Option* option : tornado_only) {
        if (option->count() > 0) {
          throw CLI::ValidationError(
              option->get_name(),
              msg("hører til tornadoen og kan ikke bruges med --draws (Monte Carlo kører alle "
                  "modeller og måler alle udfald)",
                  "is the tornado's and cannot go with --draws (the Monte Carlo runs every model "
                  "and measures every outcome)")
                  .in(lang_of(*o)));
        }
      }
      Scenario scenario = load_warned(o->scenario, o->sets);
      std::map<std::string, NeetData> cache;
      const NeetData* data = data_for(scenario, cache);
      MonteCarloResult result = monte_carlo(scenario, data, mc->draws, mc->seed, mc->threads,
                                            progress_bar(err, lang_of(*o)));
      emit(monte_carlo_tables(scenario, result, lang_of(*o)), *o, out, [&] {
        std::vector<Figure> figures;
        if (result.neet_histogram) {
          std::vector<Tier> tiers(kAllTiers.begin(), kAllTiers.end());
          ProjectionResult central = project(scenario, *data, tiers);
          figures.push_back(
              {"probabilities", neet_distribution_chart(result, &central, lang_of(*o))});
        }
        return figures;
      });
      return;
    }
    if (o->model == "all")
      throw CLI::ValidationError("--model",
                                 msg("tornadoen er for én model: guld, solv eller bronze",
                                     "the tornado is for one model: guld, solv or bronze")
                                     .in(lang_of(*o)));
    Scenario scenario = load_warned(o->scenario, o->sets);
    std::map<std::string, NeetData> cache;
    Tornado t = tornado(scenario, data_for(scenario, cache), *parse_tier(o->model),
                        *enum_from_id(kOutcomeKindIds, *outcome));
    emit({tornado_table(scenario, t, lang_of(*o), static_cast<size_t>(*top))}, *o, out, [&] {
      return std::vector<Figure>{
          {"tornado", tornado_chart(t, lang_of(*o), static_cast<size_t>(*top))}};
    });
  });
}

void add_followup_command(CLI::App& app, std::ostream& out, Lang lang) {
  auto o = std::make_shared<Options>();
  auto actuals_path = std::make_shared<std::string>();
  auto tolerance = std::make_shared<double>(10.0);
  CLI::App* cmd = app.add_subcommand(
      "followup", "plan against actual: spending, reach and the NEET share, year by year");
  cmd->add_option("actuals", *actuals_path, "the actuals file (docs/actuals-reference.md)")
      ->required()
      ->check(path_given(lang));
  cmd->add_option("--by", o->by, "breakdown of the money table")
      ->check(one_of(lang, {"opdeling", "breakdown"},
                     {"category", "track", "department", "line", "year"}))
      ->capture_default_str();
  cmd->add_option("--tolerance", *tolerance,
                  "flag deviations of more than PCT % of the budget or plan")
      ->check(CLI::Validator(
          [lang](std::string& text) {
            // CLI::Range lets NaN through: every comparison with it is false.
            double v = 0;
            if (!CLI::detail::lexical_cast(text, v) || !std::isfinite(v) || v < 0 || v > 1000) {
              return msg("skal være et tal fra 0 til 1000 (fik {})",
                         "must be a number from 0 to 1000 (got {})", text)
                  .in(lang);
            }
            return std::string();
          },
          "PCT in [0 - 1000]"))
      ->capture_default_str();
  add_unit_option(*cmd, *o, lang);
  add_output_options(*cmd, *o, lang);
  cmd->footer(
      "Examples:\n"
      "  ungegaranti followup examples/opfoelgning-2025-2026.yaml\n"
      "  ungegaranti followup examples/opfoelgning-2025-2026.yaml --by track --tolerance 5\n"
      "  ungegaranti followup examples/opfoelgning-2025-2026.yaml -o opfoelgning.xlsx");
  cmd->callback([o, actuals_path, tolerance, &out] {
    FollowUpInput input = load_actuals(*actuals_path);
    const Scenario& s = input.scenario;
    std::map<std::string, NeetData> cache;
    const NeetData* plan_data = data_for(s, cache);
    std::optional<NeetData> newer = load_newer_data(input.actuals);
    FollowUp result = follow_up(s, input.actuals, plan_data, newer ? &*newer : nullptr);
    emit(
        followup_tables(s, input.actuals, result, *parse_follow_by(o->by), *tolerance, lang_of(*o)),
        *o, out);
  });
}

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
    for (const std::string& file : *files) {
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
  });
}

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
            std::string ext = std::filesystem::path(path).extension().string();
            std::transform(ext.begin(), ext.end(), ext.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            if (ext == ".yaml" || ext == ".yml")
              return {};
            return msg("show skriver kun YAML: giv en fil, der ender på .yaml eller .yml",
                       "show writes YAML only: give a file ending in .yaml or .yml")
                .in(lang);
          },
          "FILE.yaml"));
  cmd->footer(
      "Examples:\n  ungegaranti show -s examples/solv-hoejere-loen.yaml --set years.count=3\n"
      "  ungegaranti show -s examples/bronze-plus.yaml -o bronze-plus-samlet.yaml");
  cmd->callback([o, &out] {
    ScenarioSource source = read_scenario_source(o->scenario);
    Tree tree = resolve_scenario(source.text, source.name, o->sets);
    Scenario scenario = read_resolved(tree, source.name);  // show only what would load
    warn_about(scenario);
    Stamp stamp = stamp_of(scenario);
    std::string text = emit_yaml(tree) + "# " + stamp_line(stamp, Lang::kEn) + "\n";
    if (o->output.empty()) {
      out << text;
    } else {
      write_file_atomically(o->output, text);
    }
  });
}

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
  pending_warnings().clear();
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
