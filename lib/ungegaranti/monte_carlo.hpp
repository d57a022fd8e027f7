#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "ungegaranti/neet_data.hpp"
#include "ungegaranti/scenario.hpp"
#include "ungegaranti/table.hpp"

namespace ungegaranti {

struct Spread {
  double p5 = 0.0, p50 = 0.0, p95 = 0.0, mean = 0.0;
  bool operator==(const Spread&) const = default;
};

/// One model's results over all draws. NEET, rank, NPV and the probabilities need the projection
/// (and the NPV the economics section); they are empty otherwise.
struct ModelDraws {
  Tier tier = Tier::kSolv;
  Spread cost;  // the period's net cost, DKK
  std::optional<Spread> neet, rank, npv;
  std::optional<double> p_target_met;          // share of draws in which the model meets its target
  std::optional<double> p_target_met_without;  // ... in which the baseline (no programme) does
  std::optional<double> p_cheapest;  // share of draws in which its cost per avoided NEET year
                                     // is the lowest of the models
  bool operator==(const ModelDraws&) const = default;
};

/// How the draws' NEET share at the horizon falls, per model, in equal-width bins that all models
/// share: bin b covers [lo + b * width, lo + (b + 1) * width), the last one with its upper edge.
/// Only draws whose NEET share could be computed are counted.
struct NeetHistogram {
  double lo = 0.0, width = 0.0;
  std::vector<std::vector<int>> counts;  // per model, in the order of MonteCarloResult::models
  bool operator==(const NeetHistogram&) const = default;
};

inline constexpr int kNeetHistogramBins = 40;

/// How the Monte Carlo keeps its draws (monte_carlo()). The defaults are the tool's; tests set
/// small ones to exercise the bounded form.
struct MonteCarloMemory {
  /// Above this many draws it works in bounded memory.
  size_t keep_limit = 1'000'000;
  /// The draws of one block: the bounded form sums each block in draw order, and a block is
  /// never split between threads, so the means do not depend on the number of threads.
  size_t block = 65'536;
  /// About how many draws the bounded form keeps as its pilot sample.
  size_t pilot = 131'072;
  /// How wide each percentile's bracket is around its pilot estimate, in standard errors of the
  /// pilot's rank (plus 2 ranks); 0 makes the brackets as narrow as the pilot allows.
  double margin = 5.0;
};

struct MonteCarloResult {
  uint64_t seed = 0;
  int draws = 0;
  int failed = 0;          // draws whose chain could not be computed (left out of every figure)
  int inputs = 0;          // quantities with a range, drawn in every draw
  bool futures = false;    // draws also drew a future without a programme (the backtest's)
  int without_future = 0;  // of those, draws in which some model's horizon had no future
  std::vector<ModelDraws> models;
  std::optional<NeetHistogram> neet_histogram;  // with the projection only
  bool operator==(const MonteCarloResult&) const = default;
};

/// Told the number of draws done so far and the total. monte_carlo() calls it from the thread that
/// called monte_carlo() (never from a worker), about five times a second and once at the end.
using MonteCarloProgress = std::function<void(int done, int total)>;

/// Draws every quantity that has a range from its distribution, `draws` times, and runs the whole
/// chain for each model (docs/method.md), through FastChain. With `futures` (and data with enough
/// years for the horizons), each draw also draws a future without a programme from the
/// backtest's errors, for every municipality together. Draw i's numbers depend only on (seed, i),
/// so the result is the same for any number of threads. Up to `keep_limit` draws it keeps every
/// draw's values (78 bytes a draw); above it, memory is bounded: it evaluates the draws twice (the
/// second time keeping only the values near each percentile) and gives the same percentiles
/// exactly, and means summed block by block (docs/performance.md).
MonteCarloResult monte_carlo(const Scenario& scenario, const NeetData* data, int draws,
                             uint64_t seed, int threads, const MonteCarloProgress& progress = {},
                             bool futures = true, const MonteCarloMemory& memory = {});

}  // namespace ungegaranti
