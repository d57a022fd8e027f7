#pragma once

#include <string>
#include <variant>
#include <vector>

#include "ungegaranti/comparison.hpp"
#include "ungegaranti/cost.hpp"
#include "ungegaranti/projection.hpp"
#include "ungegaranti/scenario.hpp"
#include "ungegaranti/text.hpp"

namespace ungegaranti {

/// Charts as plain data, in the language they were built in: the renderer (render/svg.hpp) only
/// draws them. `key` is a stable, language-neutral id ("baseline", "solv", "staffing") that the
/// renderer picks colours by; `label` is what the legend shows.

/// A line through (x[i], y[i]).
struct Series {
  std::string key, label;
  std::vector<double> x, y;
  bool operator==(const Series&) const = default;
};

/// A shaded range from low[i] to high[i] at x[i].
struct Band {
  std::string key, label;
  std::vector<double> x, low, high;
  bool operator==(const Band&) const = default;
};

/// One point that matters on its own, such as a target threshold at a model's horizon.
struct Marker {
  std::string key, label;
  double x = 0.0, y = 0.0;
  bool operator==(const Marker&) const = default;
};

/// Bands under lines, markers on top; x and y in the units the axis labels name.
struct LineChart {
  std::string id, title, x_label, y_label;
  std::vector<Band> bands;
  std::vector<Series> series;
  std::vector<Marker> markers;
  std::vector<std::string> notes;
  bool operator==(const LineChart&) const = default;
};

/// One bar: one value per segment of its chart. Positive values stack up from 0, negative ones
/// down from it.
struct Bar {
  std::string label;
  std::vector<double> values;
  bool operator==(const Bar&) const = default;
};

/// A panel of bars, e.g. one model's budget years.
struct BarGroup {
  std::string key, label;
  std::vector<Bar> bars;
  bool operator==(const BarGroup&) const = default;
};

/// Panels of stacked bars side by side on one y axis. Values are money in kroner: the renderer
/// scales them to --unit and adds the unit to y_label, as it does for tables.
struct StackedBars {
  std::string id, title, x_label, y_label;
  std::vector<std::string> segment_keys, segment_labels;
  std::string total_label;  // a tick marks each bar's sum where a bar has negative values
  std::vector<BarGroup> groups;
  std::vector<std::string> notes;
  bool operator==(const StackedBars&) const = default;
};

using Chart = std::variant<LineChart, StackedBars>;

/// A chart and where it goes in the report: after the last table whose id is `after`.
struct Figure {
  std::string after;
  Chart chart;
  bool operator==(const Figure&) const = default;
};

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

/// The report's charts: the costs after the cost tables, and the NEET share after the projection
/// table when the scenario has a projection and `data` is not nullptr. Throws Error as project().
std::vector<Figure> report_figures(const Scenario& scenario, const NeetData* data, Lang lang);

}  // namespace ungegaranti
