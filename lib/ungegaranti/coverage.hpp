#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ungegaranti/scenario.hpp"

namespace ungegaranti {

/// One initiative in one model: participants per budget year and what they cost.
struct InitiativeCoverage {
  std::string initiative, track, band;  // band may be empty
  std::vector<double> participants;     // per budget year: participants x ramp
  double cost_dkk = 0.0;                // the initiative's cost over the period (cost engine)
  bool operator==(const InitiativeCoverage&) const = default;
};

/// Distinct young people reached in one age band: the participants of its initiatives less the
/// stated overlap (the share of participants who take part in more than one initiative).
struct BandCoverage {
  std::string band;
  double count = 0.0;                          // persons in the band
  double overlap = 0.0;                        // share
  std::vector<double> participants, distinct;  // per budget year
  bool operator==(const BandCoverage&) const = default;
};

/// Young people to follow per caseworker FTE against the stated capacity.
struct Caseload {
  std::string role;
  double fte = 0.0;
  double capacity_per_fte = 0.0;
  std::vector<double> cases;  // per budget year: distinct young people in the caseload bands
  bool operator==(const Caseload&) const = default;
};

/// The individual coordination by existing staff (coverage.coordination) against the FTE they
/// have for it: cases(t) = the distinct young people reached in the coordination bands;
/// needed_fte(t) = cases(t) / capacity_per_fte; it fits when needed_fte(t) <= available_fte.
struct CoordinationLoad {
  std::string role;
  double capacity_per_fte = 0.0;
  double available_fte = 0.0;
  std::vector<double> cases, needed_fte;  // per budget year
  /// The budget years (indices) in which the FTE needed exceed the FTE available.
  std::vector<size_t> over() const;
  bool operator==(const CoordinationLoad&) const = default;
};

/// Places in companies (garantivirksomheder) against the participants who need one.
struct CompanyPlaces {
  std::optional<double> supply;  // places per year; nullopt when the model states none
  std::vector<double> demand;    // per budget year
  bool operator==(const CompanyPlaces&) const = default;
};

struct ModelCoverage {
  Tier tier = Tier::kSolv;
  std::vector<InitiativeCoverage> initiatives;   // those in the model, in scenario order
  std::vector<BandCoverage> bands;               // bands with at least one initiative
  std::optional<Caseload> caseload;              // when the scenario asks for the check
  std::optional<CoordinationLoad> coordination;  // with coverage.coordination
  CompanyPlaces company_places;
  bool operator==(const ModelCoverage&) const = default;
};

/// The quantity coverage.overlap.<band>, or nullptr when the scenario states none (overlap 0).
const Quantity* band_overlap(const Scenario& scenario, std::string_view band);

/// Distinct young people among the participants of a band with this overlap: participants x
/// (1 - overlap). compute_coverage and the projection's reach (reach.cpp) both count with it, so
/// that the two cannot disagree.
inline double distinct_people(double participants, const Quantity* overlap) {
  return participants * (1 - (overlap != nullptr ? overlap->value : 0.0));
}

/// Whom each model reaches (docs/method.md). Costs come from compute_cost(). Never throws.
ModelCoverage compute_coverage(const Scenario& scenario, Tier tier);

}  // namespace ungegaranti
