// ungegaranti followup: plan against actual, year by year.
#include <cmath>
#include <memory>
#include <optional>
#include <string>

#include "commands.hpp"
#include "common.hpp"
#include "ungegaranti/actuals.hpp"
#include "ungegaranti/followup.hpp"
#include "ungegaranti/followup_table.hpp"
#include "ungegaranti/scenario_data.hpp"
#include "validators.hpp"

namespace ungegaranti::cli {
namespace {

struct FollowUpOptions : Options {
  std::string actuals;
  double tolerance = 10.0;
};

void run_followup(const FollowUpOptions& o, std::ostream& out) {
  FollowUpInput input = load_actuals(o.actuals);
  const Scenario& s = input.scenario;
  NeetDataCache cache;
  const NeetData* plan_data = cache.data_for(s);
  std::optional<NeetData> newer = load_newer_data(input.actuals);
  FollowUp result = follow_up(s, input.actuals, plan_data, newer ? &*newer : nullptr);
  emit(followup_tables(s, input.actuals, result, *parse_follow_by(o.by), o.tolerance, lang_of(o)),
       o, out);
}

// A percentage from 0 to 1000. CLI::Range lets NaN through: every comparison with it is false.
CLI::Validator tolerance_pct(Lang lang) {
  return CLI::Validator(
      [lang](std::string& text) {
        double v = 0;
        if (!CLI::detail::lexical_cast(text, v) || !std::isfinite(v) || v < 0 || v > 1000) {
          return msg("skal være et tal fra 0 til 1000 (fik {})",
                     "must be a number from 0 to 1000 (got {})", text)
              .in(lang);
        }
        return std::string();
      },
      "PCT in [0 - 1000]");
}

}  // namespace

void add_followup_command(CLI::App& app, std::ostream& out, Lang lang) {
  auto o = std::make_shared<FollowUpOptions>();
  CLI::App* cmd = app.add_subcommand(
      "followup", "plan against actual: spending, reach and the NEET share, year by year");
  cmd->add_option("actuals", o->actuals, "the actuals file (docs/actuals-reference.md)")
      ->required()
      ->check(path_given(lang));
  cmd->add_option("--by", o->by, "breakdown of the money table")
      ->check(one_of(lang, {"opdeling", "breakdown"},
                     {"category", "track", "department", "line", "year"}))
      ->capture_default_str();
  cmd->add_option("--tolerance", o->tolerance,
                  "flag deviations of more than PCT % of the budget or plan")
      ->check(tolerance_pct(lang))
      ->capture_default_str();
  add_unit_option(*cmd, *o, lang);
  add_output_options(*cmd, *o, lang);
  cmd->footer(
      "Examples:\n"
      "  ungegaranti followup examples/opfoelgning-2025-2026.yaml\n"
      "  ungegaranti followup examples/opfoelgning-2025-2026.yaml --by track --tolerance 5\n"
      "  ungegaranti followup examples/opfoelgning-2025-2026.yaml -o opfoelgning.xlsx");
  cmd->callback([o, &out] { run_followup(*o, out); });
}

}  // namespace ungegaranti::cli
