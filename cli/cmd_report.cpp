// ungegaranti report: the council-paper appendix.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "common.hpp"
#include "ungegaranti/output.hpp"
#include "ungegaranti/render/markdown_report.hpp"
#include "ungegaranti/render/render.hpp"
#include "ungegaranti/report.hpp"
#include "ungegaranti/scenario_data.hpp"
#include "validators.hpp"

namespace ungegaranti::cli {
namespace {

struct ReportOptions : Options {
  MonteCarloOptions mc;
  std::string actuals;
  bool summary_only = false;
};

// Whether the report goes to a Markdown file, with its figures in a folder beside it.
bool markdown_file(const Options& o) {
  return !o.output.empty() &&
         (o.format == "md" || (o.format.empty() && format_for_path(o.output) == Format::kMarkdown));
}

void run_report(const ReportOptions& o, std::ostream& out, std::ostream& err, Lang lang) {
  if (!o.actuals.empty() && !o.sets.empty()) {
    // The follow-up is against the plan as written; a changed plan is not what was followed.
    throw CLI::ValidationError(
        "--actuals", msg("kan ikke bruges med --set: opfølgningen sammenligner det faktiske med "
                         "scenariet, som det står i den fil, der følges op på",
                         "cannot go with --set: the follow-up compares the actuals with the "
                         "scenario as written in the file it follows")
                         .in(lang_of(o)));
  }
  Scenario scenario = load_warned(o.scenario, o.sets);
  NeetDataCache cache;
  const NeetData* data = cache.data_for(scenario);
  if (!o.output.empty() && o.actuals.empty()) {
    // A report takes seconds: a target that cannot be written is refused first (with
    // --actuals, after that file is read, by emit and write_with_folder as usual).
    check_output_target(o.output, markdown_file(o) ? figure_folder(o.output, lang_of(o)) : "");
  }
  std::optional<FollowUpSection> section;
  if (!o.actuals.empty())
    section = follow_up_section(scenario, data, o.actuals, lang);
  const FollowUpSection* followup = section ? &*section : nullptr;
  std::optional<MonteCarloResult> result;
  if (o.mc.draws > 0) {
    result =
        monte_carlo(scenario, data, o.mc.draws, o.mc.seed, o.mc.threads, progress_bar(err, lang));
  }
  const MonteCarloResult* draws = result ? &*result : nullptr;
  // The projection, economics and tornados once, for the tables and the figures alike.
  ReportResults results = compute_report(scenario, data);
  std::vector<Table> tables = report_tables(scenario, data, results, lang, draws, followup);
  if (o.summary_only) {  // the words read the whole report's tables
    emit({tables.front()}, o, out);
    return;
  }
  if (markdown_file(o)) {
    RenderOptions options;
    options.lang = lang;
    options.unit = parse_unit(o.unit).value_or(Unit::kKr);
    write_markdown_with_figures(tables, report_figures(scenario, data, results, lang, draws),
                                options, o.output);
    return;
  }
  emit(tables, o, out, [&] { return report_figures(scenario, data, results, lang, draws); });
}

}  // namespace

void add_report_command(CLI::App& app, std::ostream& out, std::ostream& err, Lang lang) {
  auto o = std::make_shared<ReportOptions>();
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
  add_monte_carlo_options(*cmd, o->mc, lang,
                          "add a Monte Carlo of N draws: its tables, and the probability of "
                          "meeting each target in the summary");
  cmd->add_option("--actuals", o->actuals,
                  "add a follow-up section: plan against this actuals file (docs/"
                  "actuals-reference.md)")
      ->check(path_given(lang));
  cmd->add_flag("--summary", o->summary_only,
                "only the summary in words: 6-10 sentences made from the report's figures");
  cmd->callback([o, &out, &err, lang] { run_report(*o, out, err, lang); });
}

}  // namespace ungegaranti::cli
