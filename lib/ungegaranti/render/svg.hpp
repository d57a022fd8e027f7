#pragma once

#include <string>
#include <string_view>

#include "ungegaranti/chart_types.hpp"
#include "ungegaranti/render/render.hpp"

namespace ungegaranti {

/// A chart as an <svg> element to put inline in HTML (no XML declaration): a visible title and a
/// <title>, axes with tick labels and axis labels, and a legend below the plot. Tick labels follow
/// options.lang (decimal comma in Danish); money follows options.unit, which the y label names.
/// A point or value that is not finite is left out (a line breaks there), so none reaches the SVG.
std::string render_svg(const Chart& chart, const RenderOptions& options);
std::string render_svg(const LineChart& chart, const RenderOptions& options);
std::string render_svg(const StackedBars& chart, const RenderOptions& options);
std::string render_svg(const TornadoChart& chart, const RenderOptions& options);
std::string render_svg(const HistogramChart& chart, const RenderOptions& options);

namespace render_detail {

/// Text made safe for HTML and XML, in content and in quoted attributes: & < > " ' escaped.
std::string escape_xml(std::string_view text);

/// Round axis limits around [low, high] with a step of 1, 2, 2.5 or 5 times a power of ten, about
/// `count` steps apart, and the decimals a tick label needs.
struct Ticks {
  double low = 0.0, high = 1.0, step = 1.0;
  int decimals = 0;
  bool operator==(const Ticks&) const = default;
};
Ticks nice_ticks(double low, double high, int count);

}  // namespace render_detail
}  // namespace ungegaranti
