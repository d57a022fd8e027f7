#pragma once

#include <string>
#include <vector>

#include "ungegaranti/monte_carlo.hpp"
#include "ungegaranti/neet_data.hpp"
#include "ungegaranti/scenario.hpp"
#include "ungegaranti/table.hpp"

namespace ungegaranti {

/// The council-paper appendix as tables, in order: the summary in words (narrative_table()); the
/// summary; costs by category, track, department
/// and role; coverage; projection; economics; the assumptions register; the stamp. Sections the
/// scenario cannot give (no projection or economics section, or no data) are left out and the
/// summary's notes say so. `data` is the scenario's comparison data, or nullptr. With a Monte
/// Carlo result (`report --draws`), the summary gains the probability of meeting the target, the
/// sensitivity section the Monte Carlo's tables, and the stamp the seed.
std::vector<Table> report_tables(const Scenario& scenario, const NeetData* data, Lang lang,
                                 const MonteCarloResult* monte_carlo = nullptr);

/// The report with a follow-up section (`report --actuals`): the tables of followup_tables()
/// before the assumptions register, every stamp with their input hash (scenario + actuals), and
/// the actuals file in "Om beregningen".
std::vector<Table> with_followup(std::vector<Table> report, const std::vector<Table>& followup,
                                 const std::string& actuals_file, Lang lang);

/// The follow-up section of `report --actuals`: the tables of followup_tables() (by category,
/// deviations over 10 %) and the actuals file they read.
struct FollowUpSection {
  std::vector<Table> tables;
  std::string file;
};

/// Reads the actuals file at `path` and follows it up against `scenario` with `data` (its
/// comparison data, or nullptr) and the newer data the file names. Throws Error when the file
/// follows another scenario than `scenario` (by input hash), or as load_actuals().
FollowUpSection follow_up_section(const Scenario& scenario, const NeetData* data,
                                  const std::string& path, Lang lang);

/// report_tables(), with the follow-up section put in by with_followup() when `followup` is not
/// nullptr.
std::vector<Table> report_tables(const Scenario& scenario, const NeetData* data, Lang lang,
                                 const MonteCarloResult* monte_carlo,
                                 const FollowUpSection* followup);

}  // namespace ungegaranti
