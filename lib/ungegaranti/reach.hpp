#pragma once

#include <string>
#include <vector>

#include "ungegaranti/error.hpp"
#include "ungegaranti/scenario.hpp"

namespace ungegaranti {

/// The ages whose NEET share the projection follows; an `entry` track's pupils count from the
/// year they turn kFirstNeetAge.
inline constexpr int kFirstNeetAge = 16, kLastNeetAge = 24;

/// One initiative through which a model's effect on a track works. It points into the scenario,
/// so that the values of a Monte Carlo draw are read where they are written.
struct ReachTerm {
  const Intensity* intensity = nullptr;  // participants and ramp in the model
  const AgeBand* band = nullptr;
  const Quantity* overlap = nullptr;  // the band's coverage.overlap; nullptr: none (0)
};

/// How one track's initiatives in one model reach the people its transition applies to.
struct TrackReach {
  Lever lever = Lever::kNone;
  const Quantity* targeting = nullptr;
  std::vector<ReachTerm> terms;
};

/// The initiatives of `track` that `tier` has and that can reach the projection's ages: a band
/// that overlaps 16-24, or on an entry track a band with ages below 16. `scenario` must outlive
/// the result.
TrackReach track_reach(const Scenario& scenario, Tier tier, const Track& track);

/// reach_k(t) (docs/method.md#reach): distinct participants x targeting over the people at risk,
/// at most 1. `at_risk` is the share of a band's people in the transition's risk state: in
/// education (dropout), NEET (the NEET levers), or for entry the share of a cohort that would
/// start as NEET at 16. An entry track's participants are spread evenly over the band's ages and
/// count in the year they turn 16.
double reach_in(const TrackReach& reach, const Scenario& scenario, int year, double at_risk);

/// reach_in() for every year of one set of values, taken apart: each term's distinct people over
/// its people at risk, per budget year, is worked out once by prepare(), so that at(year) is a sum
/// of table entries (the entry track's single ages) with the same operations, in the same order, as
/// reach_in(), which is prepare() and at(). The projection prepares one per effect and draw.
class ReachYears {
 public:
  /// Reads the quantities' current values; reuses its memory. With from_year <= to_year it also
  /// works out at() for those years at once (tabulate()).
  void prepare(const TrackReach& reach, const Scenario& scenario, double at_risk, int from_year = 0,
               int to_year = -1);
  /// reach_in(reach, scenario, year, at_risk) for the values prepare() read: from the table for
  /// the years prepare() tabulated, else summed for this year alone.
  double at(int year) const {
    if (year >= from_ && year < end_)
      return table_[static_cast<size_t>(year - from_)];
    return sum_at(year);
  }

 private:
  // A term with people at risk (prepare()'s scratch).
  struct Term {
    const ReachTerm* source = nullptr;
    double people = 0;  // the band's people at risk
    int ages = 1;       // entry: the single ages below 16 (each a year earlier); else 1
    int first_lag = 0;  // entry: 16 - the band's youngest age; else 0
  };
  // Where a term's shares lie in shares_: budget year index t at zero + t, for t from before the
  // first budget year (0) to end - 1 (the last budget year's share again), as far as the table's
  // years and ages need.
  struct Row {
    int ages = 1, first_lag = 0;
    size_t zero = 0;
    int end = 0;
  };
  bool same_layout(size_t lanes) const;
  void lay_out(size_t lanes);
  // at() for the years from_ .. end_ - 1: the same additions in the same order for each year, but
  // the years side by side in SIMD lanes (each year's sum is a chain of additions that would
  // otherwise wait on each other).
  void tabulate(size_t lanes);
  double sum_at(int year) const;

  std::vector<Term> terms_;
  int first_year_ = 0, last_index_ = 0;
  double targeting_ = 0;
  int from_ = 0, end_ = 0;
  std::vector<double> table_;  // at() for from_ .. end_ - 1, then lanes to spare
  // Per term: distinct people / people at risk, per budget year, with 0 before the first and the
  // last budget year's after the last. The layout stays from one prepare() to the next while the
  // years and the terms' ages do (as in a Monte Carlo, which prepares the same reach in every
  // draw), so that the zeros are written once.
  std::vector<double> shares_;
  std::vector<Row> rows_;
  int layout_from_ = 0, layout_first_year_ = 0, layout_last_index_ = -1;
  size_t layout_lanes_ = 0;
};

/// The first year from which reach_in() stays the same: the programme runs on at its last budget
/// year's level, and an entry track's youngest pupils turn 16 (16 - age) years later.
int reach_settled_year(const TrackReach& reach, const Scenario& scenario);

/// Why an initiative moves no lever of the projection.
enum class NoEffect {
  kTrackMovesNothing,  // its track moves `none`
  kAgesOutside,        // its band lies outside 16-24 (entry: has no age below 16)
  kNoEffectOnTrack,    // no model that has it states an effect on its track
};

/// An initiative that carries cost but cannot move the projected NEET share in any model.
struct UnmodelledInitiative {
  std::string initiative, track, band;
  NoEffect why = NoEffect::kTrackMovesNothing;
  bool operator==(const UnmodelledInitiative&) const = default;
};

/// The initiatives that some model has but that move no lever in any model that has them, in
/// file order; empty without a projection section.
std::vector<UnmodelledInitiative> unmodelled_initiatives(const Scenario& scenario);

/// "ingen modelleret effekt (...)" / "no modelled effect (...)", with the reason.
Message no_effect_text(const Scenario& scenario, const UnmodelledInitiative& initiative);

}  // namespace ungegaranti
