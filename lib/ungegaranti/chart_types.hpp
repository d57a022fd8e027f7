#pragma once
// The charts as plain data, apart from the functions that build them (chart.hpp): the renderers
// (render/) include only this and table.hpp.

#include <string>
#include <variant>
#include <vector>

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

/// One uncertain input: the outcome with the input at its low end and at its high end. Or, with
/// `choice`, a projection choice: the lowest and the highest outcome over its alternatives.
struct TornadoBarData {
  std::string label;
  double at_low = 0.0, at_high = 0.0;
  bool choice = false;
  bool operator==(const TornadoBarData&) const = default;
};

/// Horizontal bars from the base outcome to the outcome at each end of an input's range, the
/// widest on top; a vertical line marks the base. A projection choice is one bar of its own colour
/// from its lowest to its highest outcome. With `money`, x values are kroner that the
/// renderer scales to --unit and names in x_label, as it does for tables.
struct TornadoChart {
  std::string id, title, x_label;
  bool money = false;
  int decimals = 2;  // of the base value in its legend entry
  double base = 0.0;
  std::string base_label, low_label, high_label, choice_label;
  std::vector<TornadoBarData> bars;
  std::vector<std::string> notes;
  bool operator==(const TornadoChart&) const = default;
};

/// The share of draws (%) in each bin, for one model.
struct HistogramSeries {
  std::string key, label;
  std::vector<double> shares_pct;
  bool operator==(const HistogramSeries&) const = default;
};

/// A vertical line at x, such as a model's target threshold.
struct Threshold {
  std::string key, label;
  double x = 0.0;
  bool operator==(const Threshold&) const = default;
};

/// Distributions over shared equal-width bins (bin b covers lo + b * width to lo + (b + 1) *
/// width), drawn as outlined steps on a numeric x axis, with thresholds as vertical lines. A width
/// of 0 (every draw the same) draws each series as one narrow bar at lo.
struct HistogramChart {
  std::string id, title, x_label, y_label;
  double lo = 0.0, width = 0.0;
  std::vector<HistogramSeries> series;
  std::vector<Threshold> thresholds;
  std::vector<std::string> notes;
  bool operator==(const HistogramChart&) const = default;
};

using Chart = std::variant<LineChart, StackedBars, TornadoChart, HistogramChart>;

/// A chart and where it goes in the report: after the last table whose id is `after`.
struct Figure {
  std::string after;
  Chart chart;
  bool operator==(const Figure&) const = default;
};

}  // namespace ungegaranti
