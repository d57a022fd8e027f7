#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ungegaranti/scenario.hpp"
#include "ungegaranti/table.hpp"

namespace ungegaranti {

/// How a cell of the live workbook looks: kInput cells are the ones a user may change (unlocked,
/// coloured); the others are locked on a protected sheet.
enum class LiveStyle { kPlain, kTitle, kHeader, kBold, kInput, kWarning };

/// One cell: a text, a number, or a formula with the value the tool computed for it (`number`,
/// or `text` for a formula that gives a word), so that a viewer that does not recalculate shows
/// the tool's figure.
struct LiveCell {
  int row = 0, column = 0;  // 0-based
  std::string text;
  std::optional<double> number;
  std::string formula;  // "=..." or empty
  std::string format;   // Excel number format code; empty: General
  LiveStyle style = LiveStyle::kPlain;
  bool operator==(const LiveCell&) const = default;
};

struct LiveSheet {
  std::string name;
  std::vector<LiveCell> cells;
  std::vector<double> widths;  // per column, in characters
  int freeze_rows = 0;
  bool operator==(const LiveSheet&) const = default;
};

/// A workbook as plain data: the sheets in order and the defined names (name, "=Sheet!$C$5").
struct LiveWorkbook {
  std::vector<LiveSheet> sheets;
  std::vector<std::pair<std::string, std::string>> names;
  bool operator==(const LiveWorkbook&) const = default;
};

/// The first row of a table's body on every table sheet of the live workbook: row 1 is the
/// title, row 2 a note (or the check), row 3 the header.
inline constexpr int kLiveBodyRow = 3;

/// The live Excel model of `workbook` (docs/output.md): the input sheet (every cost and coverage
/// input, as a named cell), the index factors, the cost lines, the six cost breakdowns and the
/// coverage tables as formulas over the inputs, each with the tool's own figure as its cached
/// result; `value_tables` (projection and economics) as values under a note; and the check of
/// the inputs against the values at the stamped input hash. Never throws for a valid scenario.
LiveWorkbook build_live_workbook(const Scenario& scenario, const std::vector<Table>& value_tables,
                                 Lang lang);

/// The value tables of `workbook`: with a projection section, projection_tables() of all three
/// models from the scenario's comparison data and, with an economics section, economics_tables()
/// (projected through the last year of the economics horizon); none without a projection. Throws
/// Error as load_neet_data() and project().
std::vector<Table> workbook_value_tables(const Scenario& scenario, Lang lang);

/// The defined name of the input at `path`: "in_" and the path with every character that is not
/// an ASCII letter, digit or underscore made "_" ("roles.sagsbehandler.annual_cost" ->
/// "in_roles_sagsbehandler_annual_cost").
std::string input_name(const std::string& path);

}  // namespace ungegaranti
