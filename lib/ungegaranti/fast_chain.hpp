#pragma once

#include <array>
#include <limits>
#include <memory>

#include "ungegaranti/comparison.hpp"
#include "ungegaranti/scenario.hpp"

namespace ungegaranti {

/// What one Monte Carlo draw gives for one model; NaN where it cannot be computed (no projection,
/// no economics, no target, nothing avoided).
struct DrawOutcome {
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  double cost = kNaN;         // the period's net cost, current prices (sum of compute_cost)
  double neet = kNaN;         // NEET share at the model's horizon, percent
  double rank = kNaN;         // among all municipalities at the horizon
  double npv = kNaN;          // in total (kForAll)
  double met = kNaN;          // 1 or 0 when the model has a target
  double per_avoided = kNaN;  // total cost per avoided NEET person-year
};
using DrawOutcomes = std::array<DrawOutcome, 3>;  // indexed by Tier

/// The whole chain as the commands run it: compute_cost for the three models, project() (without
/// the required effect) and compute_economics(). The reference the fast chain is tested against.
/// Throws Error where the projection cannot be computed.
DrawOutcomes evaluate_chain(const Scenario& scenario, const NeetData* data);

/// The same figures as evaluate_chain() for one scenario whose quantities' values change between
/// calls, compiled once (docs/performance.md): each cost line keeps pointers to its quantities, so
/// a call allocates nothing and builds no strings; the projection is a ProjectionRerun; the
/// economics sums only what the Monte Carlo reads. `scenario` must outlive the FastChain and keep
/// its shape. If the projection cannot be set up for the scenario's own values, every call runs
/// evaluate_chain() instead, so the results never depend on the path taken.
class FastChain {
 public:
  FastChain(const Scenario& scenario, const NeetData* data);
  ~FastChain();
  FastChain(const FastChain&) = delete;
  FastChain& operator=(const FastChain&) = delete;

  /// Reads the quantities' current values. Throws Error where evaluate_chain() would.
  DrawOutcomes evaluate();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ungegaranti
