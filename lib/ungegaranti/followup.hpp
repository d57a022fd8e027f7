#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ungegaranti/actuals.hpp"
#include "ungegaranti/cost.hpp"
#include "ungegaranti/neet_data.hpp"
#include "ungegaranti/projection.hpp"
#include "ungegaranti/scenario.hpp"

namespace ungegaranti {

/// Budget against actual for one value: deviation = actual - budget; the percentage is of the
/// budget's size. With a budget of 0 there is no percentage, and any actual other than 0 is
/// flagged. A deviation smaller than `negligible` (half the last digit shown: 0,5 kr.) is never
/// flagged, so that a row that shows no deviation is not marked.
struct Deviation {
  double budget = 0.0, actual = 0.0;
  double dkk = 0.0;           // actual - budget (in the value's own unit)
  std::optional<double> pct;  // 100 * dkk / |budget|; none when the budget is 0
  bool flagged = false;       // |dkk| >= negligible, and |pct| > tolerance or a budget of 0
  bool operator==(const Deviation&) const = default;
};

Deviation deviation(double budget, double actual, double tolerance_pct, double negligible = 0.0);

/// One follow-up line of money in one reported year, in current prices (kroner of that year).
/// Lines are matched on (year, category, line): a line only in the plan has actual 0, a line only
/// in the actuals has budget 0. External funding is negative on both sides, as in CostRow.
struct MoneyLine {
  int year = 0;
  Category category = Category::kInitiatives;
  std::string track;       // empty for lines shared by all tracks
  std::string department;  // department id
  /// The initiative id; "track.<id>" (a track's spending outside its initiatives);
  /// "staffing.<role>", "coordination.<role>", "one_off.<id>" or "funding.<id>".
  std::string line;
  std::string label;  // the name from the scenario
  double budget = 0.0;
  double actual = 0.0;
  bool operator==(const MoneyLine&) const = default;
};

/// The money lines of every year with `spend` or `funding`: plan lines (compute_cost, coordination
/// summed per role) in the plan's order, then the lines only in the actuals in file order.
std::vector<MoneyLine> compare_money(const Scenario& scenario, const Actuals& actuals);

enum class ReachKind { kParticipants, kFte, kCompanyPlaces };

/// Plan against actual for participants (per initiative), FTE (per role) and company places, in
/// the years that report them. `plan` is none where the model states nothing (company places).
struct ReachLine {
  int year = 0;
  ReachKind kind = ReachKind::kParticipants;
  std::string id;  // initiative or role id; empty for company places
  std::optional<double> plan;
  double actual = 0.0;
  bool operator==(const ReachLine&) const = default;
};

std::vector<ReachLine> compare_reach(const Scenario& scenario, const Actuals& actuals);

/// One observed NEET share against the model's projected path in that year.
struct NeetObservation {
  int year = 0;
  double observed_pct = 0.0;
  bool from_data = false;  // taken from the newer comparison data, not from `neet_share`
  double projected_pct = 0.0;
  double baseline_pct = 0.0;     // the path without a guarantee
  Rank all, group;               // of the observed share in that year
  bool others_observed = false;  // the others' shares come from data for that year
  bool operator==(const NeetObservation&) const = default;
};

struct NeetFollowUp {
  std::vector<NeetObservation> observations;  // ascending
  Reprojection reprojection;                  // from the latest observation
  std::string vintage;                        // of the plan's comparison data
  std::string newer_vintage;                  // of the newer data, if any
  bool operator==(const NeetFollowUp&) const = default;
};

/// The NEET observations (`neet_share`, and the municipality's share in the newer comparison data
/// for budget years that have none) against the plan's projected path, ranked against the other
/// municipalities in that year (their observed shares where `newer` has the year, else their
/// unchanged development), and the re-projection from the latest. nullopt without observations.
/// Throws Error as project() does.
std::optional<NeetFollowUp> follow_neet(const Scenario& scenario, const Actuals& actuals,
                                        const NeetData& plan_data, const NeetData* newer);

/// Everything `followup` shows.
struct FollowUp {
  std::vector<MoneyLine> money;
  std::vector<ReachLine> reach;
  std::optional<NeetFollowUp> neet;
  std::string newer_vintage;  // of the newer comparison data the actuals file names, if any
  std::string newer_hash;     // its content_hash, for the stamp
};

/// compare_money, compare_reach and (with `plan_data`) follow_neet.
FollowUp follow_up(const Scenario& scenario, const Actuals& actuals, const NeetData* plan_data,
                   const NeetData* newer);

}  // namespace ungegaranti
