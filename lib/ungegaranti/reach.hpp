#pragma once

#include <algorithm>
#include <cstddef>
#include <span>
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
  // Whether the terms' ramps keep their values from one ReachYears::prepare() to the next (for a
  // caller's MovingValues, ramp_values() are fixed). ReachYears then reads them from a copy made
  // when it lays out, side by side, rather than one Quantity apart across the scenario.
  // track_reach() leaves it false: any value may change.
  bool fixed_ramps = false;
};

/// The initiatives of `track` that `tier` has and that can reach the projection's ages: a band
/// that overlaps 16-24, or on an entry track a band with ages below 16. `scenario` must outlive
/// the result.
TrackReach track_reach(const Scenario& scenario, Tier tier, const Track& track);

/// Where the values of the terms' ramps are, in the terms' order (to decide fixed_ramps).
std::vector<const double*> ramp_values(const TrackReach& reach);

/// reach_k(t) (docs/method.md#reach): distinct participants x targeting over the people at risk,
/// at most 1. `at_risk` is the share of a band's people in the transition's risk state: in
/// education (dropout), NEET (the NEET levers), or for entry the share of a cohort that would
/// start as NEET at 16. An entry track's participants are spread evenly over the band's ages and
/// count in the year they turn 16.
double reach_in(const TrackReach& reach, const Scenario& scenario, int year, double at_risk);

/// How a ReachYears lays out one reach, and its figures for the values at hand. The layout depends
/// only on the years and the terms' ages (and on which terms have anyone at risk), and is worked
/// out when they change rather than in every prepare(). reach.cpp's kernels read and write it.
struct ReachLayout {
  /// One term: what its row depends on, and where the row lies in `shares`: budget year index t
  /// at zero + t, for t from before the first budget year (0) to the end of what the table reads.
  struct Row {
    int band_from = 0, band_to = 0;
    bool live = false;  // people at risk > 0: only such a term adds anything and has a row
    int ages = 1;       // entry: the single ages below 16 (each a year earlier); else 1
    int first_lag = 0;  // entry: 16 - the band's youngest age; else 0
    int fill_end = 0;   // the last budget year's share is repeated up to here (exclusive)
    size_t zero = 0;
    const Intensity* intensity = nullptr;  // with fixed_ramps: whose ramp `ramps` holds
  };
  /// Where the table's first year reads one live term's shares (its youngest age), how many
  /// ages it adds, and how many of the shares from there lie before the first budget year (0).
  struct Window {
    size_t offset = 0, ages = 1, lead = 0;
  };
  Lever lever = Lever::kNone;
  int first_year = 0, last_index = -1;
  int from = 0, end = 0;  // the tabulated years
  size_t years = 0;       // end - from, or 0
  size_t lanes = 0;       // the years summed side by side: `computed` rounded up to four
  size_t computed = 0;    // the years worked out; those after repeat the last of them
  // The table's years are the budget years (no entry lag, from the first budget year), at most
  // eight: the AVX2 form sums each term as it works out its shares.
  bool one_pass = false;
  bool fixed_ramps = false;     // the reach's, when laid out
  std::vector<Row> rows;        // one per term of the reach
  std::vector<Window> windows;  // one per live term
  // The values at hand. Per live term: distinct people / people at risk, per budget year, with 0
  // before the first and the last budget year's after the last (the zeros written when laid
  // out); the table: reach_in() for the years from .. end - 1, then lanes to spare.
  std::vector<double> shares;
  // With fixed_ramps and at most eight budget years: each term's ramp, eight values a term (0
  // after the last budget year), for the AVX2 forms.
  std::vector<double> ramps;
  double targeting = 0;
  std::vector<double> table;
  // Works out the figures for the values at hand, the AVX2 form or the baseline (reach.cpp),
  // after laying out anew where the layout does not hold; before the first draw, lay_out_and_draw.
  using Draw = void (*)(ReachLayout& layout, const TrackReach& reach, const Scenario& scenario,
                        double at_risk, int from, int end);
  static void lay_out_and_draw(ReachLayout& layout, const TrackReach& reach,
                               const Scenario& scenario, double at_risk, int from, int end);
  Draw draw = &lay_out_and_draw;
};

/// reach_in() for every year of one set of values, taken apart: each term's distinct people over
/// its people at risk, per budget year, is worked out once by prepare(), so that at(year) is a sum
/// of table entries (the entry track's single ages) with the same operations, in the same order, as
/// reach_in(), which is prepare() and at(). The projection prepares one per effect and draw.
///
/// In a Monte Carlo, which prepares the same reach in every draw, the layout stays: a draw reads
/// the drawn values through the terms' pointers, divides and sums. prepare() lays out anew when
/// the years, the number of terms, a term's band's ages or whether it has anyone at risk differ
/// from the layout's; a ramp's length is the scenario's number of budget years.
class ReachYears {
 public:
  /// Reads the quantities' current values; reuses its memory. With from_year <= to_year it also
  /// works out at() for those years at once.
  void prepare(const TrackReach& reach, const Scenario& scenario, double at_risk, int from_year = 0,
               int to_year = -1) {
    // Inline: one indirect call a prepare() (the Monte Carlo makes twelve a draw).
    layout_.draw(layout_, reach, scenario, at_risk, from_year, std::max(from_year, to_year + 1));
  }
  /// reach_in(reach, scenario, year, at_risk) for the values prepare() read: from the table for
  /// the years prepare() tabulated, else summed for this year alone.
  double at(int year) const {
    if (year >= layout_.from && year < layout_.end)
      return layout_.table[static_cast<size_t>(year - layout_.from)];
    return sum_at(year);
  }
  /// The years prepare() tabulated, read-only: at(tabulated_from() + i) is tabulated()[i], for i
  /// below tabulated().size() (empty when it tabulated none).
  int tabulated_from() const { return layout_.from; }
  std::span<const double> tabulated() const { return {layout_.table.data(), layout_.years}; }

 private:
  double sum_at(int year) const;

  ReachLayout layout_;
};

/// One effect in a levers' table (lever_table()): the lever it moves (kDropout .. kNeetToWork), its
/// size at the table's scale, and its reach in each year of the table.
struct LeverEffect {
  Lever lever = Lever::kDropout;
  double size = 0;
  const double* reach = nullptr;
};

/// The levers of `years` years (docs/method.md#levers), four numbers a year in the order kDropout
/// .. kNeetToWork: out[4 x i + lever - 1] is 1 - keep, where keep is 1 times (1 - min(1, size x
/// reach[i])) for each of the lever's effects in turn (1 - 1 = 0 for a lever no effect moves).
/// `avx2` (only where has_avx2()) takes up to sixteen years at a time, the baseline four; both
/// forms give the same numbers to the bit.
void lever_table(std::span<const LeverEffect> effects, size_t years, double* out, bool avx2);

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
