#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ungegaranti/chart_types.hpp"
#include "ungegaranti/cost.hpp"
#include "ungegaranti/economics.hpp"
#include "ungegaranti/monte_carlo.hpp"
#include "ungegaranti/neet_data.hpp"
#include "ungegaranti/projection.hpp"
#include "ungegaranti/scenario.hpp"
#include "ungegaranti/table.hpp"
#include "ungegaranti/uncertainty.hpp"

namespace ungegaranti {

/// The follow-up section of `report --actuals`: the tables of followup_tables() (by category,
/// deviations over 10 %) and the actuals file they read.
struct FollowUpSection {
  std::vector<Table> tables;
  std::string file;
};

/// What the report's tables and its figures both show, computed once (the tornados are most of a
/// report's time). In no language: one result renders in Danish and in English.
struct ReportResults {
  std::vector<CostRow> cost;  // compute_cost of the three models, in kAllTiers order
  std::optional<ProjectionResult> projection;  // the three models, through the economics' years
  std::optional<EconomicsResult> economics;    // with a projection and an economics section
  std::vector<Tornado> tornados;               // each model's NEET share, in kAllTiers order
  bool operator==(const ReportResults&) const = default;
};

/// The figures of the report of `scenario` with `data` (its comparison data, or nullptr): the
/// projection, economics and tornados only where the scenario has a projection section and there
/// is data (and the economics only with an economics section). Throws Error as project().
ReportResults compute_report(const Scenario& scenario, const NeetData* data);

/// The council-paper appendix as tables, in order: the summary in words (narrative_table()); the
/// summary; costs by category, track, department and role; coverage; projection; economics; each
/// model's tornado; the Monte Carlo's tables; the assumptions register; the stamp. Sections the
/// scenario cannot give (no projection or economics section, or no data) are left out and the
/// summary's notes say so. `data` is the scenario's comparison data, or nullptr; `results` is
/// compute_report() of the same two. With a Monte Carlo result (`report --draws`), the summary
/// gains the probability of meeting the target, the sensitivity section the Monte Carlo's tables,
/// and the stamp the seed. With a follow-up section (`report --actuals`), with_followup() puts it
/// in.
std::vector<Table> report_tables(const Scenario& scenario, const NeetData* data,
                                 const ReportResults& results, Lang lang,
                                 const MonteCarloResult* monte_carlo = nullptr,
                                 const FollowUpSection* followup = nullptr);

/// report_tables() of compute_report(), for a caller that needs no figures.
std::vector<Table> report_tables(const Scenario& scenario, const NeetData* data, Lang lang,
                                 const MonteCarloResult* monte_carlo = nullptr);

/// The report's charts, from the same `results` as its tables: the costs after the cost tables;
/// with a projection, the NEET share after the projection table and each model's NEET tornado (its
/// ten widest inputs, as the tables) after the tornado tables; with a Monte Carlo result, the
/// distribution of the NEET share after its tables.
std::vector<Figure> report_figures(const Scenario& scenario, const NeetData* data,
                                   const ReportResults& results, Lang lang,
                                   const MonteCarloResult* monte_carlo = nullptr);

/// The report with a follow-up section (`report --actuals`): the tables of followup_tables()
/// before the assumptions register, every stamp with their input hash (scenario + actuals), and
/// the actuals file in "Om beregningen".
std::vector<Table> with_followup(std::vector<Table> report, const std::vector<Table>& followup,
                                 const std::string& actuals_file, Lang lang);

/// Reads the actuals file at `path` and follows it up against `scenario` with `data` (its
/// comparison data, or nullptr) and the newer data the file names. Throws Error when the file
/// follows another scenario than `scenario` (by input hash), or as load_actuals().
FollowUpSection follow_up_section(const Scenario& scenario, const NeetData* data,
                                  const std::string& path, Lang lang);

}  // namespace ungegaranti
