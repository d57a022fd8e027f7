#pragma once

#include <string>
#include <vector>

#include "ungegaranti/backtest.hpp"
#include "ungegaranti/chart_types.hpp"
#include "ungegaranti/cost.hpp"
#include "ungegaranti/monte_carlo.hpp"
#include "ungegaranti/neet_data.hpp"
#include "ungegaranti/projection.hpp"
#include "ungegaranti/scenario.hpp"
#include "ungegaranti/text.hpp"
#include "ungegaranti/uncertainty.hpp"

namespace ungegaranti {

/// The NEET share from the base year to the latest model horizon: the baseline and each model as
/// lines, the group average as a line, the other municipalities as a 10th-90th percentile band and
/// the comparable group as a min-max band (both as the projection develops them, the subject left
/// out), and each model's target threshold as a marker at its horizon. `data` must be the data
/// `result` was projected from.
LineChart neet_chart(const Scenario& scenario, const ProjectionResult& result, const NeetData& data,
                     Lang lang);

/// Each model's cost per budget year in current prices, stacked by category, one panel per model
/// that has rows; external funding goes below 0.
StackedBars cost_chart(const Scenario& scenario, const std::vector<CostRow>& rows, Lang lang);

/// The tornado of one model and outcome, its `top` widest inputs (all when 0).
TornadoChart tornado_chart(const Tornado& tornado, Lang lang, size_t top = 0);

/// The Monte Carlo's NEET share at the horizon: each model's share of draws per bin, and each
/// model's target threshold from the central projection `central` (or none when nullptr).
/// `result` must have a histogram (a projection was run).
HistogramChart neet_distribution_chart(const MonteCarloResult& result,
                                       const ProjectionResult* central, Lang lang);

/// The figure of `sensitivity --draws` for HTML and Word: the distribution of the NEET share,
/// with each model's threshold from the central projection (project() on `data`, the data the
/// draws used), when the draws were projected; none otherwise. Throws Error as project().
std::vector<Figure> monte_carlo_figures(const Scenario& scenario, const MonteCarloResult& result,
                                        const NeetData* data, Lang lang);

/// The backtest's mean absolute error of the share against the distance ahead, one line per rule:
/// `by_distance` holds one backtest per distance, in ascending order, with the same rules.
LineChart backtest_chart(const std::vector<BacktestResult>& by_distance, Lang lang);

/// backtest_chart() of backtest() run at each distance from 1 to `distance`, as `backtest`
/// draws it.
LineChart backtest_chart(const std::vector<Projection>& rules, const NeetData& data, int distance,
                         int municipality_code, Lang lang);

}  // namespace ungegaranti
