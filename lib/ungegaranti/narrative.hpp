#pragma once

#include <string>
#include <vector>

#include "ungegaranti/scenario.hpp"
#include "ungegaranti/table.hpp"

namespace ungegaranti {

/// The summary in words at the top of the report (docs/output.md#the-summary-in-words): 6-10
/// sentences on what each model costs, whom it reaches, where the NEET share is projected to
/// stand, the verdict on each target with its probability with and without the guarantee, what
/// is already true without it, and what the figures rest on. Every number is read from the
/// report's own tables (`report`, from report_tables()) and written with the same rounding, so
/// that the words cannot disagree with the tables. A table with one text column, a sentence a row
/// (id `narrative`).
Table narrative_table(const Scenario& scenario, const std::vector<Table>& report, Lang lang);

}  // namespace ungegaranti
