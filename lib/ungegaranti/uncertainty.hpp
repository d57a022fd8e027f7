#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ungegaranti/neet_data.hpp"
#include "ungegaranti/scenario.hpp"
#include "ungegaranti/table.hpp"

namespace ungegaranti {

/// What a sensitivity run measures, for one model.
enum class OutcomeKind { kCost, kNeet, kNpv, kRank, kMargin };
inline constexpr EnumId<OutcomeKind> kOutcomeKindIds[] = {{OutcomeKind::kCost, "cost"},
                                                          {OutcomeKind::kNeet, "neet"},
                                                          {OutcomeKind::kNpv, "npv"},
                                                          {OutcomeKind::kRank, "rank"},
                                                          {OutcomeKind::kMargin, "margin"}};

/// One uncertain input set to its low and to its high end, every other input at its value.
struct TornadoBar {
  std::string path;
  double low = 0.0, high = 0.0;           // the input's range
  std::optional<double> at_low, at_high;  // the outcome; empty where it cannot be computed
  Message label;                          // the input in words (input_label), for people
  double swing() const;                   // |at_high - at_low|, 0 when either is empty
  bool operator==(const TornadoBar&) const = default;
};

/// One discrete choice of the projection (the trend rule, the base years, the comparable group),
/// not a drawn input: the outcome under each of its alternatives, the scenario's own included. The
/// bar runs from the lowest outcome to the highest, each end labelled with its alternative.
struct ChoiceBar {
  std::string path;                    // "projection.trend", "projection.base_years", ...
  Message label;                       // the choice in words (input_label), for people
  std::string own;                     // key of the scenario's own alternative
  std::string low_key, high_key;       // the alternatives that give the lowest, highest outcome
  Message low_label, high_label;       // the same, as the tables name them
  double at_low = 0.0, at_high = 0.0;  // the lowest and highest outcome
  std::vector<std::string> invalid;    // alternatives ("path=key") that cannot be computed
  double swing() const { return at_high - at_low; }
  bool operator==(const ChoiceBar&) const = default;
};

struct Tornado {
  Tier tier = Tier::kSolv;
  OutcomeKind outcome = OutcomeKind::kCost;
  double base = 0.0;                 // the outcome with every input at its value
  std::vector<TornadoBar> bars;      // inputs that move the outcome, widest swing first
  std::vector<std::string> invalid;  // inputs whose low or high end cannot be computed
  int ranged = 0;                    // inputs with a range, tried
  /// The projection's choices that move the outcome, widest swing first (none for the cost).
  std::vector<ChoiceBar> choices;
  int choices_tried = 0;
  bool operator==(const Tornado&) const = default;
};

/// The outcome for one model: the period's net cost (DKK, current prices), the NEET share at the
/// horizon (%), the NPV in total (DKK), the rank among all municipalities at the horizon, or the
/// margin to the model's target (threshold - share, pp; it depends on the comparable group). All
/// but the cost need the projection (the NPV the economics section, the margin a target) and
/// `data`; Error otherwise.
double outcome_of(const Scenario& scenario, const NeetData* data, Tier tier, OutcomeKind outcome);

/// Sets each quantity that has a range to its low, then its high end, with all others at their
/// values (docs/method.md), through one FastChain compiled for a copy of `scenario`. Inputs that do
/// not move the outcome are left out. With a projection, each projection choice is also run at
/// each of its alternatives (projection_choices), each alternative through a FastChain of its own.
/// The base is outcome_of(), whose errors (no projection, no economics, no target) it throws.
Tornado tornado(const Scenario& scenario, const NeetData* data, Tier tier, OutcomeKind outcome);

}  // namespace ungegaranti
