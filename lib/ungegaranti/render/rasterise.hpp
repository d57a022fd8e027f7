#pragma once

#include <string>
#include <string_view>

namespace ungegaranti {

/// A PNG image in memory and its size in pixels.
struct Png {
  std::string bytes;
  int width = 0, height = 0;
};

/// Draws an SVG document (render_svg()) into a PNG `width` pixels wide, its height from the SVG's
/// viewBox (or width and height), through librsvg and cairo, which stay inside this file. The
/// same SVG gives the same bytes. Throws Error when librsvg cannot read the SVG or cairo cannot
/// draw it.
Png rasterise_svg(std::string_view svg, int width);

}  // namespace ungegaranti
