// Charts as inline SVG. Everything is laid out on a fixed 720-pixel-wide canvas; the HTML scales
// it to the page. Coordinates go through Svg::num(), the one place a number becomes SVG text.
#include "ungegaranti/render/svg.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "ungegaranti/number_format.hpp"

namespace ungegaranti {
namespace {

using render_detail::escape_xml;
using render_detail::nice_ticks;
using render_detail::Ticks;

constexpr double kWidth = 720;
constexpr double kRight = 16;
constexpr double kPlotHeight = 250;
constexpr double kLegendRow = 19;
constexpr const char* kFont = "'Liberation Sans', Arial, Helvetica, sans-serif";

struct Style {
  std::string colour;
  double width = 2.5;
  std::string dash;  // stroke-dasharray; empty: solid
  double opacity = 1.0;
};

// Lines and markers by key: the models in their metal, the baseline dark and dashed, the group
// average dotted; other keys and bar segments take the Okabe-Ito colours, safe for colour
// blindness (the eighth to fourteenth dashed).
Style style_for(std::string_view key, size_t index) {
  if (key == "baseline")
    return {"#222222", 2.5, "7 4", 1.0};
  if (key == "guld")
    return {"#b8860b", 3.0, "", 1.0};
  if (key == "solv")
    return {"#5f7387", 3.0, "", 1.0};
  if (key == "bronze")
    return {"#a0522d", 3.0, "", 1.0};
  if (key == "group_average")
    return {"#1f5f9f", 2.0, "2 3", 1.0};
  if (key == "all")
    return {"#8c8c8c", 0, "", 0.28};
  if (key == "group")
    return {"#3a86d0", 0, "", 0.25};
  if (key == "funding")
    return {"#b0b0b0", 0, "", 1.0};
  static const char* const kPalette[] = {"#0072b2", "#e69f00", "#009e73", "#cc79a7",
                                         "#56b4e9", "#d55e00", "#f0e442"};
  // Past the palette's seven colours, the colours come round again dashed.
  bool again = index / std::size(kPalette) % 2 == 1;
  return {kPalette[index % std::size(kPalette)], 2.5, again ? "6 3" : "", 1.0};
}

bool finite(double v) { return std::isfinite(v); }

// Builds the SVG text. Every number goes through num(), every text through escape_xml().
class Svg {
 public:
  static std::string num(double v) {
    if (!finite(v))
      return "0";  // not reached: callers leave such points out
    std::string s = fmt::format("{:.1f}", v);
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0)
      s.resize(s.size() - 2);
    return s == "-0" ? "0" : s;
  }

  void line(double x1, double y1, double x2, double y2, const std::string& colour, double width,
            const std::string& dash = "") {
    out_ +=
        fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"{}/>)",
                    num(x1), num(y1), num(x2), num(y2), colour, num(width), dashed(dash));
    out_ += '\n';
  }
  void rect(double x, double y, double w, double h, const std::string& fill, double opacity = 1) {
    out_ += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" fill="{}"{}/>)", num(x),
                        num(y), num(std::max(w, 0.0)), num(std::max(h, 0.0)), fill,
                        opacity < 1 ? fmt::format(R"( fill-opacity="{}")", opacity) : "");
    out_ += '\n';
  }
  void text(double x, double y, std::string_view s, std::string_view attributes = "") {
    out_ += fmt::format(R"(<text x="{}" y="{}"{}{}>{}</text>)", num(x), num(y),
                        attributes.empty() ? "" : " ", attributes, escape_xml(s));
    out_ += '\n';
  }
  void polyline(const std::vector<std::pair<double, double>>& points, const Style& style) {
    out_ += R"(<polyline fill="none" stroke-linejoin="round" points=")";
    for (const auto& [x, y] : points)
      out_ += num(x) + "," + num(y) + " ";
    out_ += fmt::format(R"(" stroke="{}" stroke-width="{}"{}/>)", style.colour, num(style.width),
                        dashed(style.dash));
    out_ += '\n';
  }
  void polygon(const std::vector<std::pair<double, double>>& points, const Style& style) {
    out_ += R"(<polygon points=")";
    for (const auto& [x, y] : points)
      out_ += num(x) + "," + num(y) + " ";
    out_ += fmt::format(R"(" fill="{}" fill-opacity="{}"/>)", style.colour, style.opacity);
    out_ += '\n';
  }
  void diamond(double x, double y, double r, const std::string& colour) {
    out_ +=
        fmt::format(R"(<path d="M{} {}L{} {}L{} {}L{} {}Z" fill="{}" stroke="#ffffff"/>)", num(x),
                    num(y - r), num(x + r), num(y), num(x), num(y + r), num(x - r), num(y), colour);
    out_ += '\n';
  }
  void raw(std::string_view s) { out_ += s; }

  std::string document(const std::string& id, const std::string& title, double height) const {
    return fmt::format(
        R"(<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="chart-{id}" viewBox="0 0 {w} {h}" )"
        R"(width="{w}" height="{h}" role="img" aria-labelledby="chart-{id}-title" )"
        R"(font-family="{font}" font-size="12" fill="#222222">)"
        "\n<title id=\"chart-{id}-title\">{title}</title>\n"
        R"(<rect width="{w}" height="{h}" fill="#ffffff"/>)"
        "\n{body}</svg>\n",
        fmt::arg("id", escape_xml(id)), fmt::arg("w", num(kWidth)), fmt::arg("h", num(height)),
        fmt::arg("font", kFont), fmt::arg("title", escape_xml(title)), fmt::arg("body", out_));
  }

 private:
  static std::string dashed(const std::string& dash) {
    return dash.empty() ? "" : fmt::format(R"( stroke-dasharray="{}")", dash);
  }
  std::string out_;
};

// The legend: swatches with labels in two columns below the plot (one if a label is long).
struct LegendItem {
  enum Kind { kArea, kLine, kMarker, kTick } kind;
  std::string label;
  Style style;
};

// Draws the legend from (left, top) and returns its height.
double draw_legend(Svg& svg, const std::vector<LegendItem>& items, double left, double top) {
  double column = (kWidth - left - kRight) / 2;
  size_t longest = 0;
  for (const LegendItem& item : items)
    longest = std::max(longest, item.label.size());
  size_t columns = static_cast<double>(longest) * 6.4 + 30 > column ? 1 : 2;
  size_t rows = (items.size() + columns - 1) / columns;
  for (size_t i = 0; i < items.size(); ++i) {
    const LegendItem& item = items[i];
    size_t in_column = i % rows, column_index = i / rows;  // down the first column, then the next
    double x = left + static_cast<double>(column_index) * column;
    double y = top + static_cast<double>(in_column) * kLegendRow + kLegendRow / 2;
    switch (item.kind) {
      case LegendItem::kArea:
        svg.rect(x, y - 6, 22, 12, item.style.colour, item.style.opacity);
        break;
      case LegendItem::kLine:
        svg.line(x, y, x + 22, y, item.style.colour, item.style.width, item.style.dash);
        break;
      case LegendItem::kMarker:
        svg.line(x + 3, y, x + 19, y, item.style.colour, 2);
        svg.diamond(x + 11, y, 5.5, item.style.colour);
        break;
      case LegendItem::kTick:
        svg.line(x + 2, y, x + 20, y, "#000000", 2.5);
        break;
    }
    svg.text(x + 30, y + 4, item.label);
  }
  return static_cast<double>(rows) * kLegendRow;
}

// Maps data to the plot area: x from x0 to x1, y from y0 to y1, with a tick at each multiple of
// the step in between. The plot starts right of the widest tick label.
struct Frame {
  double left = 0, top = 0, width = 0, height = kPlotHeight;
  double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
  Ticks ticks;
  std::vector<std::pair<double, std::string>> labels;
  double px(double x) const { return left + (x - x0) / (x1 - x0) * width; }
  double py(double v) const { return top + height - (v - y0) / (y1 - y0) * height; }
  double bottom() const { return top + height; }
};

Frame make_frame(double top, double y0, double y1, const Ticks& ticks, Lang lang) {
  Frame f;
  f.top = top;
  f.y0 = y0;
  f.y1 = y1;
  f.ticks = ticks;
  size_t longest = 0;
  auto first = static_cast<long>(std::ceil(y0 / ticks.step - 1e-9));
  auto last = static_cast<long>(std::floor(y1 / ticks.step + 1e-9));
  for (long k = first; k <= last && k - first <= 100; ++k) {
    double v = static_cast<double>(k) * ticks.step;
    f.labels.emplace_back(v, format_number(k == 0 ? 0.0 : v, ticks.decimals, lang));
    longest = std::max(longest, f.labels.back().second.size());
  }
  f.left = std::max(56.0, 36 + static_cast<double>(longest) * 7);
  f.width = kWidth - f.left - kRight;
  return f;
}

// Horizontal grid lines with tick labels, the y label rotated along the axis.
void draw_y_axis(Svg& svg, const Frame& f, const std::string& label) {
  for (const auto& [v, text] : f.labels) {
    double y = f.py(v);
    bool zero = text.find_first_not_of("0,.") == std::string::npos;
    svg.line(f.left, y, f.left + f.width, y, zero ? "#555555" : "#dddddd", zero ? 1.2 : 1);
    svg.text(f.left - 6, y + 4, text, R"(text-anchor="end")");
  }
  double mid = f.top + f.height / 2;
  svg.text(16, mid, label,
           fmt::format(R"x(text-anchor="middle" transform="rotate(-90 16 {})")x", Svg::num(mid)));
}

void draw_title(Svg& svg, const std::string& title) {
  svg.text(16, 22, title, R"(font-size="15" font-weight="bold")");
}

// The range of the finite values among `values`, or nullopt.
struct Range {
  double low = std::numeric_limits<double>::infinity();
  double high = -std::numeric_limits<double>::infinity();
  void add(double v) {
    if (!finite(v))
      return;
    low = std::min(low, v);
    high = std::max(high, v);
  }
  bool empty() const { return low > high; }
};

// Consecutive runs of points where both coordinates are finite: a line breaks at a gap.
std::vector<std::vector<std::pair<double, double>>> runs(const Frame& f,
                                                         const std::vector<double>& x,
                                                         const std::vector<double>& y) {
  std::vector<std::vector<std::pair<double, double>>> out(1);
  for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
    if (finite(x[i]) && finite(y[i])) {
      out.back().emplace_back(f.px(x[i]), f.py(y[i]));
    } else if (!out.back().empty()) {
      out.emplace_back();
    }
  }
  return out;
}

// Vertical grid lines with tick labels along the bottom of the plot, for a numeric x axis.
void draw_x_axis(Svg& svg, const Frame& f, const Ticks& ticks, Lang lang) {
  auto first = static_cast<long>(std::ceil(f.x0 / ticks.step - 1e-9));
  auto last = static_cast<long>(std::floor(f.x1 / ticks.step + 1e-9));
  for (long k = first; k <= last && k - first <= 100; ++k) {
    double v = static_cast<double>(k) * ticks.step;
    double x = f.px(v);
    svg.line(x, f.top, x, f.bottom(), k == 0 ? "#555555" : "#dddddd", k == 0 ? 1.2 : 1);
    svg.text(x, f.bottom() + 17, format_number(k == 0 ? 0.0 : v, ticks.decimals, lang),
             R"(text-anchor="middle")");
  }
  svg.line(f.left, f.bottom(), f.left + f.width, f.bottom(), "#555555", 1.2);
}

}  // namespace

namespace render_detail {

std::string escape_xml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

Ticks nice_ticks(double low, double high, int count) {
  if (!finite(low) || !finite(high) || low > high) {
    low = 0;
    high = 1;
  }
  if (high - low < 1e-9 * std::max(1.0, std::abs(high))) {  // one value: a range around it
    double pad = std::max(std::abs(high) * 0.1, 1.0);
    low = low == 0 ? 0 : low - pad;
    high += pad;
  }
  double raw = (high - low) / std::max(count, 1);
  double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double f = raw / magnitude;
  double factor = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  Ticks t;
  t.step = factor * magnitude;
  t.low = std::floor(low / t.step + 1e-9) * t.step;
  t.high = std::ceil(high / t.step - 1e-9) * t.step;
  int power = static_cast<int>(std::floor(std::log10(t.step) + 1e-9));
  t.decimals = std::max(0, -power + (factor == 2.5 ? 1 : 0));
  return t;
}

}  // namespace render_detail

std::string render_svg(const Chart& chart, const RenderOptions& options) {
  return std::visit([&](const auto& c) { return render_svg(c, options); }, chart);
}

std::string render_svg(const LineChart& chart, const RenderOptions& options) {
  Range xs, ys;
  for (const Band& b : chart.bands) {
    for (size_t i = 0; i < b.x.size() && i < b.low.size() && i < b.high.size(); ++i) {
      if (finite(b.x[i]) && finite(b.low[i]) && finite(b.high[i])) {
        xs.add(b.x[i]);
        ys.add(b.low[i]);
        ys.add(b.high[i]);
      }
    }
  }
  for (const Series& s : chart.series) {
    for (size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
      if (finite(s.x[i]) && finite(s.y[i])) {
        xs.add(s.x[i]);
        ys.add(s.y[i]);
      }
    }
  }
  for (const Marker& m : chart.markers) {
    if (finite(m.x) && finite(m.y)) {
      xs.add(m.x);
      ys.add(m.y);
    }
  }
  Ticks ticks = ys.empty() ? nice_ticks(0, 1, 5) : nice_ticks(ys.low, ys.high, 6);
  Frame f = make_frame(40, ticks.low, ticks.high, ticks, options.lang);
  f.x0 = xs.empty() ? 0 : xs.low;
  f.x1 = xs.empty() ? 1 : xs.high;
  if (f.x1 - f.x0 < 1) {
    f.x0 -= 0.5;
    f.x1 += 0.5;
  }
  // Room for a marker at either end.
  for (const Marker& m : chart.markers) {
    if (finite(m.x)) {
      f.x0 = std::min(f.x0, m.x - 0.45);
      f.x1 = std::max(f.x1, m.x + 0.45);
    }
  }

  Svg svg;
  draw_title(svg, chart.title);
  draw_y_axis(svg, f, chart.y_label);
  // Whole years along the x axis; every other one when there are many.
  int first = static_cast<int>(std::ceil(f.x0)), last = static_cast<int>(std::floor(f.x1));
  int every = last - first > 12 ? 2 : 1;
  for (int year = first; year <= last; year += every) {
    double x = f.px(year);
    svg.line(x, f.bottom(), x, f.bottom() + 4, "#555555", 1);
    svg.text(x, f.bottom() + 17, std::to_string(year), R"(text-anchor="middle")");
  }
  svg.line(f.left, f.bottom(), f.left + f.width, f.bottom(), "#555555", 1.2);
  svg.text(f.left + f.width / 2, f.bottom() + 36, chart.x_label, R"(text-anchor="middle")");

  std::vector<LegendItem> legend;
  for (size_t i = 0; i < chart.bands.size(); ++i) {
    const Band& b = chart.bands[i];
    Style style = style_for(b.key, i);
    if (style.opacity >= 1)
      style.opacity = 0.25;
    std::vector<std::pair<double, double>> upper, lower;
    auto flush = [&] {
      if (upper.size() >= 2) {  // one point has no area
        // Edges too, so that where two bands overlap each one's extent still shows.
        svg.polyline(upper, {style.colour, 1, "", 1});
        svg.polyline(lower, {style.colour, 1, "", 1});
        upper.insert(upper.end(), lower.rbegin(), lower.rend());
        svg.polygon(upper, style);
      }
      upper.clear();
      lower.clear();
    };
    for (size_t j = 0; j < b.x.size() && j < b.low.size() && j < b.high.size(); ++j) {
      if (finite(b.x[j]) && finite(b.low[j]) && finite(b.high[j])) {
        upper.emplace_back(f.px(b.x[j]), f.py(b.high[j]));
        lower.emplace_back(f.px(b.x[j]), f.py(b.low[j]));
      } else {
        flush();
      }
    }
    flush();
    legend.push_back({LegendItem::kArea, b.label, style});
  }
  for (size_t i = 0; i < chart.series.size(); ++i) {
    const Series& s = chart.series[i];
    Style style = style_for(s.key, i);
    for (const auto& run : runs(f, s.x, s.y)) {
      if (run.size() == 1)
        svg.diamond(run[0].first, run[0].second, 3, style.colour);
      else if (!run.empty())
        svg.polyline(run, style);
    }
    legend.push_back({LegendItem::kLine, s.label, style});
  }
  for (size_t i = 0; i < chart.markers.size(); ++i) {
    const Marker& m = chart.markers[i];
    Style style = style_for(m.key, i);
    if (finite(m.x) && finite(m.y)) {
      double half = std::min(f.width / (f.x1 - f.x0) * 0.4, 18.0);
      svg.line(f.px(m.x) - half, f.py(m.y), f.px(m.x) + half, f.py(m.y), style.colour, 2.5);
      svg.diamond(f.px(m.x), f.py(m.y), 6, style.colour);
    }
    legend.push_back({LegendItem::kMarker, m.label, style});
  }
  double legend_top = f.bottom() + 50;
  double legend_height = draw_legend(svg, legend, f.left, legend_top);
  return svg.document(chart.id, chart.title, legend_top + legend_height + 8);
}

std::string render_svg(const StackedBars& chart, const RenderOptions& options) {
  double divisor = unit_divisor(options.unit);
  Range ys;
  ys.add(0);
  bool any_negative = false;
  for (const BarGroup& g : chart.groups) {
    for (const Bar& bar : g.bars) {
      double up = 0, down = 0;
      for (double v : bar.values) {
        if (finite(v))
          (v >= 0 ? up : down) += v / divisor;
        any_negative = any_negative || (finite(v) && v < 0);
      }
      ys.add(up);
      ys.add(down);
    }
  }
  // The axis starts a little below the lowest bar, not at a whole step: funding is small.
  Ticks ticks = nice_ticks(ys.low, ys.high, 6);
  double y0 = ys.low < 0 ? std::max(ticks.low, ys.low - 0.04 * (ticks.high - ys.low)) : 0.0;
  Frame f = make_frame(62, y0, ticks.high, ticks, options.lang);

  Svg svg;
  draw_title(svg, chart.title);
  draw_y_axis(svg, f, fmt::format("{} ({})", chart.y_label, unit_name(options.unit, options.lang)));

  const double gap = 20;
  double groups = static_cast<double>(std::max<size_t>(chart.groups.size(), 1));
  double panel = (f.width - gap * (groups - 1)) / groups;
  for (size_t gi = 0; gi < chart.groups.size(); ++gi) {
    const BarGroup& g = chart.groups[gi];
    double left = f.left + static_cast<double>(gi) * (panel + gap);
    svg.text(left + panel / 2, f.top - 10, g.label,
             R"(text-anchor="middle" font-weight="bold" font-size="13")");
    double slot = panel / static_cast<double>(std::max<size_t>(g.bars.size(), 1));
    double bar_width = std::min(slot * 0.7, 48.0);
    int every = slot < 30 ? 2 : 1;
    for (size_t bi = 0; bi < g.bars.size(); ++bi) {
      const Bar& bar = g.bars[bi];
      double x = left + (static_cast<double>(bi) + 0.5) * slot;
      double up = 0, down = 0;
      for (size_t si = 0; si < bar.values.size(); ++si) {
        double v = bar.values[si] / divisor;
        if (!finite(v) || v == 0)
          continue;
        double& base = v > 0 ? up : down;
        std::string key = si < chart.segment_keys.size() ? chart.segment_keys[si] : "";
        double y_from = f.py(base), y_to = f.py(base + v);
        svg.rect(x - bar_width / 2, std::min(y_from, y_to), bar_width, std::abs(y_to - y_from),
                 style_for(key, si).colour);
        base += v;
      }
      if (down < 0)
        svg.line(x - bar_width / 2 - 4, f.py(up + down), x + bar_width / 2 + 4, f.py(up + down),
                 "#000000", 2.5);
      if (bi % static_cast<size_t>(every) == 0)
        svg.text(x, f.bottom() + 17, bar.label, R"(text-anchor="middle")");
    }
  }
  svg.text(f.left + f.width / 2, f.bottom() + 36, chart.x_label, R"(text-anchor="middle")");

  std::vector<LegendItem> legend;
  for (size_t si = 0; si < chart.segment_labels.size(); ++si) {
    std::string key = si < chart.segment_keys.size() ? chart.segment_keys[si] : "";
    legend.push_back({LegendItem::kArea, chart.segment_labels[si], style_for(key, si)});
  }
  if (any_negative && !chart.total_label.empty())
    legend.push_back({LegendItem::kTick, chart.total_label, {}});
  double legend_top = f.bottom() + 50;
  double legend_height = draw_legend(svg, legend, f.left, legend_top);
  return svg.document(chart.id, chart.title, legend_top + legend_height + 8);
}

}  // namespace ungegaranti

namespace ungegaranti {

std::string render_svg(const TornadoChart& chart, const RenderOptions& options) {
  // Values are scaled before the ticks are chosen, so that ticks fall on round figures of the
  // unit shown.
  double divisor = chart.money ? unit_divisor(options.unit) : 1.0;
  Range xs;
  xs.add(chart.base / divisor);
  for (const TornadoBarData& bar : chart.bars) {
    xs.add(bar.at_low / divisor);
    xs.add(bar.at_high / divisor);
  }
  Ticks ticks = nice_ticks(xs.low, xs.high, 6);
  constexpr double kRow = 34;  // a label line above each bar
  Frame f;
  f.top = 44;
  f.left = 24;
  f.width = kWidth - f.left - kRight;
  f.height = std::max(1.0, static_cast<double>(chart.bars.size())) * kRow + 6;
  f.x0 = ticks.low;
  f.x1 = ticks.high;

  Svg svg;
  draw_title(svg, chart.title);
  draw_x_axis(svg, f, ticks, options.lang);
  const Style low = style_for("", 0), high = style_for("", 1), choice = style_for("", 2);
  bool any_choice = false;
  for (size_t i = 0; i < chart.bars.size(); ++i) {
    const TornadoBarData& bar = chart.bars[i];
    double row = f.top + 6 + static_cast<double>(i) * kRow;
    svg.text(f.left + 2, row + 11, bar.label, R"(font-size="11")");
    if (bar.choice) {  // one bar from the lowest to the highest outcome
      any_choice = true;
      double x0 = f.px(bar.at_low / divisor), x1 = f.px(bar.at_high / divisor);
      if (finite(x0) && finite(x1))
        svg.rect(x0, row + 15, x1 - x0, 14, choice.colour);
      continue;
    }
    double base = f.px(chart.base / divisor);
    for (const auto& [value, style] : {std::pair{bar.at_low, low}, std::pair{bar.at_high, high}}) {
      double x = f.px(value / divisor);
      if (finite(x))
        svg.rect(std::min(base, x), row + 15, std::abs(x - base), 14, style.colour);
    }
  }
  double base_x = f.px(chart.base / divisor);
  svg.line(base_x, f.top, base_x, f.bottom(), "#000000", 2);
  std::string label = chart.x_label;
  if (chart.money)
    label += fmt::format(" ({})", unit_name(options.unit, options.lang));
  svg.text(f.left + f.width / 2, f.bottom() + 36, label, R"(text-anchor="middle")");

  std::string base_value =
      format_number(chart.base / divisor, chart.money ? 1 : chart.decimals, options.lang);
  std::vector<LegendItem> legend = {{LegendItem::kArea, chart.low_label, low},
                                    {LegendItem::kArea, chart.high_label, high},
                                    {LegendItem::kLine,
                                     fmt::format("{} ({})", chart.base_label, base_value),
                                     {"#000000", 2, "", 1}}};
  if (any_choice)
    legend.insert(legend.begin() + 2, {LegendItem::kArea, chart.choice_label, choice});
  double legend_top = f.bottom() + 50;
  double legend_height = draw_legend(svg, legend, f.left, legend_top);
  return svg.document(chart.id, chart.title, legend_top + legend_height + 8);
}

std::string render_svg(const HistogramChart& chart, const RenderOptions& options) {
  size_t bins = 0;
  for (const HistogramSeries& s : chart.series)
    bins = std::max(bins, s.shares_pct.size());
  // With a width of 0 every draw is at lo: one narrow bar there.
  double width = chart.width > 0 ? chart.width : 0;
  double lo = chart.lo, hi = chart.lo + width * static_cast<double>(bins);
  Range xs, ys;
  xs.add(lo);
  xs.add(hi);
  ys.add(0);
  for (const HistogramSeries& s : chart.series)
    for (double v : s.shares_pct)
      ys.add(v);
  for (const Threshold& t : chart.thresholds)
    xs.add(t.x);
  if (xs.empty()) {
    xs.add(0);
    xs.add(1);
  }
  Ticks x_ticks = nice_ticks(xs.low, xs.high, 7);
  Ticks y_ticks = nice_ticks(0, ys.high, 5);
  Frame f = make_frame(40, 0, y_ticks.high, y_ticks, options.lang);
  f.x0 = x_ticks.low;
  f.x1 = x_ticks.high;
  double half = width > 0 ? 0 : (f.x1 - f.x0) / 200;  // a single bin's half width on screen

  Svg svg;
  draw_title(svg, chart.title);
  draw_y_axis(svg, f, chart.y_label);
  draw_x_axis(svg, f, x_ticks, options.lang);
  svg.text(f.left + f.width / 2, f.bottom() + 36, chart.x_label, R"(text-anchor="middle")");

  std::vector<LegendItem> legend;
  for (size_t i = 0; i < chart.series.size(); ++i) {
    const HistogramSeries& s = chart.series[i];
    Style style = style_for(s.key, i);
    // The outline of the bars as one step line, closed along the x axis for the fill.
    std::vector<std::pair<double, double>> outline;
    for (size_t b = 0; b < s.shares_pct.size(); ++b) {
      double v = finite(s.shares_pct[b]) ? s.shares_pct[b] : 0;
      double from = lo + width * static_cast<double>(b) - half;
      double to = lo + width * static_cast<double>(b + 1) + half;
      if (outline.empty())
        outline.emplace_back(f.px(from), f.py(0));
      outline.emplace_back(f.px(from), f.py(v));
      outline.emplace_back(f.px(to), f.py(v));
    }
    if (outline.empty())
      continue;
    outline.emplace_back(outline.back().first, f.py(0));
    svg.polygon(outline, {style.colour, 0, "", 0.15});
    svg.polyline(outline, {style.colour, 2, "", 1});
    legend.push_back({LegendItem::kArea, s.label, {style.colour, 0, "", 0.5}});
  }
  for (size_t i = 0; i < chart.thresholds.size(); ++i) {
    const Threshold& t = chart.thresholds[i];
    Style style = style_for(t.key, i);
    if (!finite(t.x))
      continue;
    svg.line(f.px(t.x), f.top, f.px(t.x), f.bottom(), style.colour, 2, "6 3");
    legend.push_back({LegendItem::kLine, t.label, {style.colour, 2, "6 3", 1}});
  }
  double legend_top = f.bottom() + 50;
  double legend_height = draw_legend(svg, legend, f.left, legend_top);
  return svg.document(chart.id, chart.title, legend_top + legend_height + 8);
}

}  // namespace ungegaranti
