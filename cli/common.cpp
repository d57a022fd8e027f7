#include "common.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <optional>

#include "ungegaranti/load.hpp"
#include "ungegaranti/output.hpp"
#include "ungegaranti/population.hpp"
#include "ungegaranti/render/docx.hpp"
#include "ungegaranti/render/html.hpp"
#include "ungegaranti/render/render.hpp"
#include "ungegaranti/render/xlsx.hpp"
#include "ungegaranti/text.hpp"
#include "validators.hpp"

namespace ungegaranti::cli {

using fmt::literals::operator""_a;
namespace {

// Warnings found while a command loads its scenarios; run() prints each once on stderr, after
// the command's output (or before its error).
std::vector<Message>& pending_warnings() {
  static std::vector<Message> warnings;
  return warnings;
}

}  // namespace

Lang lang_of(const Options& o) { return o.lang == "en" ? Lang::kEn : Lang::kDa; }

void warn_about(const Scenario& scenario) {
  if (std::optional<Message> w = municipality_warning(scenario)) {
    std::vector<Message>& list = pending_warnings();
    if (std::find(list.begin(), list.end(), *w) == list.end())
      list.push_back(std::move(*w));
  }
}

Scenario load_warned(const std::string& path, const std::vector<std::string>& sets) {
  Scenario scenario = load_scenario(path, sets);
  warn_about(scenario);
  return scenario;
}

void print_warnings(std::ostream& err, Lang lang) {
  for (const Message& w : pending_warnings())
    err << "ungegaranti: " << w.in(lang) << '\n';
  pending_warnings().clear();
}

void clear_warnings() { pending_warnings().clear(); }

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
                   excerpt(value), join(allowed, in_lang(lang, " eller ", " or ")))
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

void add_unit_option(CLI::App& cmd, Options& o, Lang lang, const std::string& description) {
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

MonteCarloProgress progress_bar(std::ostream& err, Lang lang) {
  if (&err != &std::cerr || isatty(STDERR_FILENO) == 0)
    return {};
  using Clock = std::chrono::steady_clock;
  return [&err, lang, last = Clock::time_point{}](int done, int total) mutable {
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
    err << fmt::format("\r{:3}% [{:<{}}] ", percent, std::string(static_cast<size_t>(filled), '#'),
                       kWidth)
        << in_lang(lang, "{done}/{total} træk", "{done}/{total} draws", "done"_a = done,
                   "total"_a = total)
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

void emit(const std::vector<Table>& tables, const Options& o, std::ostream& out,
          const FigureSource& figures) {
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

}  // namespace ungegaranti::cli
