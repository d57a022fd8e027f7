#pragma once

#include <array>
#include <limits>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "ungegaranti/cost.hpp"
#include "ungegaranti/neet_data.hpp"
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
  double met_without = kNaN;  // 1 or 0: whether the baseline (no programme) meets it
  double margin = kNaN;       // the target's threshold minus `neet`, pp (in the future, with one)
  double in_future = kNaN;    // with a future asked for: 1 if the horizon's distance had one
  double per_avoided = kNaN;  // total cost per avoided NEET person-year
};
using DrawOutcomes = std::array<DrawOutcome, 3>;  // indexed by Tier

/// The whole chain as the commands run it: compute_cost for the three models, project() (without
/// the required effect) and compute_economics(). The reference the fast chain is tested against.
/// With `future_u` in (0, 1), the NEET share, rank and targets at each horizon are those of the
/// future it picks (in_future()); NaN keeps the central projection. Throws Error where the
/// projection cannot be computed.
DrawOutcomes evaluate_chain(const Scenario& scenario, const NeetData* data,
                            double future_u = DrawOutcome::kNaN);

/// The same figures as evaluate_chain() for one scenario whose quantities' values change between
/// calls, compiled once (docs/performance.md): the cost is the CostPlans of compute_cost() (each
/// line with pointers to its quantities), the three models walked in one pass
/// (TierCostPlans::sum_amounts) for the totals and the economics' costs, so a call allocates
/// nothing and builds no strings; the projection is a ProjectionRerun; the economics is
/// compute_economics()'s EconomicsKernel, run for the three models' totals only (run_totals),
/// with the value per person-year from a BenefitPlan. `scenario`
/// must outlive the FastChain and keep its shape. If the projection cannot be set up for the
/// scenario's own values, every call runs evaluate_chain() instead, so the results never depend on
/// the path taken. Any of the scenario's quantities may change between calls, unless `moving`
/// names the only values that may (MovingValues): what depends only on the others is then worked
/// out once, here, and a debug build asserts at each call that they have not changed.
class FastChain {
 public:
  FastChain(const Scenario& scenario, const NeetData* data,
            const MovingValues& moving = MovingValues());
  ~FastChain();
  FastChain(const FastChain&) = delete;
  FastChain& operator=(const FastChain&) = delete;

  /// Reads the quantities' current values. Throws Error where evaluate_chain() would.
  DrawOutcomes evaluate(double future_u = DrawOutcome::kNaN);
  /// evaluate() for several draws whose projections calibrate together: ProjectionRerun's
  /// staged_lanes(), bind_staging(), staged_inputs(), stage() and calibrate_staged();
  /// evaluate_staged(l, u) is evaluate(u) for the draw staged in lane l, whose values must then be
  /// in the scenario. The same figures to the bit. staged_lanes() is 0 where this is not done (no
  /// projection, no AVX2).
  size_t staged_lanes() const;
  void bind_staging(std::span<const std::pair<const double*, size_t>> sources);
  std::vector<size_t> staged_inputs() const;
  void stage(size_t lane, const double* values);
  void calibrate_staged(size_t lanes);
  DrawOutcomes evaluate_staged(size_t lane, double future_u = DrawOutcome::kNaN);
  /// Whether the data has futures for the horizon of every model (ProjectionRerun::has_futures).
  bool has_futures() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ungegaranti
