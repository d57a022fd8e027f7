#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ungegaranti/cost.hpp"
#include "ungegaranti/error.hpp"
#include "ungegaranti/neet_data.hpp"
#include "ungegaranti/scenario.hpp"

namespace ungegaranti {

/// What one recorded amount is booked against (docs/actuals-reference.md).
enum class Booking { kInitiative, kTrack, kRole, kOneOff, kFunding };

/// One amount of one year of an actuals file: spending (forbrug) or external funding received.
struct ActualAmount {
  Category category = Category::kInitiatives;
  Booking booking = Booking::kInitiative;
  std::string id;    // the initiative, track, role, one-off or funding id it is booked against
  double dkk = 0.0;  // as written, >= 0: kroner spent, or kroner of funding received
  bool operator==(const ActualAmount&) const = default;
};

/// What happened in one budget year. A section that is absent was not reported; a section that is
/// present is the whole account of the year (a line it leaves out is 0). `spend` and `funding` are
/// separate sections: a year's spending is compared only if it has `spend`, its funding only if it
/// has `funding`.
struct ActualYear {
  int year = 0;
  bool spend = false;                                                       // `spend` present
  bool funding = false;                                                     // `funding` present
  std::vector<ActualAmount> amounts;                                        // in file order
  std::optional<std::vector<std::pair<std::string, double>>> fte;           // role id, FTE
  std::optional<std::vector<std::pair<std::string, double>>> participants;  // initiative id
  std::optional<double> company_places;
  std::optional<double> neet_share_pct;  // observed NEET share of 16-24-year-olds, percent
  SourceLocation neet_share_where;       // the `neet_share` key, for errors found later
  bool operator==(const ActualYear&) const = default;
};

/// A validated actuals file: what a scenario's model actually spent and achieved, year by year.
struct Actuals {
  std::string origin;            // the file it was read from
  std::string follows;           // the scenario it follows: a path (resolved) or builtin:norddjurs
  SourceLocation follows_where;  // the `follows` value, for errors found later
  Tier tier = Tier::kSolv;
  std::string title;                          // optional; empty: none
  std::optional<ComparisonFiles> comparison;  // newer comparison data, if named
  SourceLocation comparison_where;            // the `comparison.shares` key
  std::vector<ActualYear> years;              // ascending, budget years only
  std::string input_hash;                     // tree_hash() of the actuals file
  bool operator==(const Actuals&) const = default;
};

/// An actuals file together with the scenario it follows.
struct FollowUpInput {
  Scenario scenario;
  Actuals actuals;
};

/// Reads an actuals file and the scenario its `follows` names: a path relative to the actuals
/// file's folder, an absolute path, or builtin:norddjurs. Throws Error with every problem found,
/// each with file:line:col; the scenario's own problems are reported with its file.
FollowUpInput load_actuals(const std::string& path);

/// Whether the file at `path` is an actuals file rather than a scenario: a YAML mapping whose top
/// level has the key `actuals` and not `ungegaranti`. False for a file that cannot be read or
/// parsed, and for builtin:norddjurs: loading it as a scenario then says what is wrong.
/// `validate` uses it to choose the schema.
bool is_actuals_file(const std::string& path);

/// The largest amount (kroner) and count (participants, FTE, company places) an actuals file may
/// record in one line, so that every sum stays finite (docs/actuals-reference.md).
inline constexpr double kMaxActualDkk = 1e12;
inline constexpr double kMaxActualCount = 1e9;

/// As load_actuals(), from text in memory reported as `file`.
FollowUpInput parse_actuals(std::string_view text, const std::string& file);

/// Validates actuals text against `scenario` instead of loading the one `follows` names (which
/// must still be present). For tests, and for callers that hold the scenario already.
Actuals parse_actuals(std::string_view text, const std::string& file, const Scenario& scenario);

/// The newer comparison data the actuals file names (`comparison`), or nullopt. A file that cannot
/// be read is reported at the `comparison.shares` key that named it.
std::optional<NeetData> load_newer_data(const Actuals& actuals);

}  // namespace ungegaranti
