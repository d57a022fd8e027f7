// SVG -> PNG for the Word appendix, which cannot hold SVG that every Word version shows. librsvg
// parses and draws the chart, cairo holds the pixels and encodes the PNG: no image code here.
#include "ungegaranti/render/rasterise.hpp"

#include <cairo.h>
#include <librsvg/rsvg.h>

#include <cmath>
#include <memory>

#include "ungegaranti/error.hpp"
#include "ungegaranti/render/dynamic_library.hpp"

// fontconfig, which librsvg's text goes through, keeps its configuration until the process ends and
// frees none of it then: LeakSanitizer (the asan preset, the fuzzers) would report that as a leak
// of every run that draws a chart.
#if defined(__SANITIZE_ADDRESS__)
#define UNGEGARANTI_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNGEGARANTI_ADDRESS_SANITIZER 1
#endif
#endif
#ifdef UNGEGARANTI_ADDRESS_SANITIZER
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
// Without the list of suppressions used at exit, which would end every such run's stderr.
extern "C" const char* __lsan_default_options() { return "print_suppressions=0"; }
#endif

namespace ungegaranti {
namespace {

using render_detail::DynamicLibrary;

struct SvgLibrary {
  decltype(&::g_error_free) g_error_free = nullptr;
  decltype(&::g_object_unref) g_object_unref = nullptr;
  decltype(&::rsvg_handle_new_from_data) rsvg_handle_new_from_data = nullptr;
  decltype(&::rsvg_handle_get_intrinsic_dimensions) rsvg_handle_get_intrinsic_dimensions = nullptr;
  decltype(&::rsvg_handle_get_intrinsic_size_in_pixels) rsvg_handle_get_intrinsic_size_in_pixels =
      nullptr;
  decltype(&::rsvg_handle_render_document) rsvg_handle_render_document = nullptr;
  decltype(&::cairo_image_surface_create) cairo_image_surface_create = nullptr;
  decltype(&::cairo_create) cairo_create = nullptr;
  decltype(&::cairo_status) cairo_status = nullptr;
  decltype(&::cairo_status_to_string) cairo_status_to_string = nullptr;
  decltype(&::cairo_surface_flush) cairo_surface_flush = nullptr;
  decltype(&::cairo_surface_write_to_png_stream) cairo_surface_write_to_png_stream = nullptr;
  decltype(&::cairo_destroy) cairo_destroy = nullptr;
  decltype(&::cairo_surface_destroy) cairo_surface_destroy = nullptr;
};

// librsvg, cairo and glib by their sonames (librsvg2-2, libcairo2, libglib2.0-0 on Debian 12),
// opened on first use.
const SvgLibrary& svg_library() {
  static const SvgLibrary library = [] {
    SvgLibrary l;
    {
      DynamicLibrary so("libglib-2.0.so.0", "DOCX");
      so.bind(l.g_error_free, "g_error_free");
    }
    {
      DynamicLibrary so("libgobject-2.0.so.0", "DOCX");
      so.bind(l.g_object_unref, "g_object_unref");
    }
    {
      DynamicLibrary so("librsvg-2.so.2", "DOCX");
      so.bind(l.rsvg_handle_new_from_data, "rsvg_handle_new_from_data");
      so.bind(l.rsvg_handle_get_intrinsic_dimensions, "rsvg_handle_get_intrinsic_dimensions");
      so.bind(l.rsvg_handle_get_intrinsic_size_in_pixels,
              "rsvg_handle_get_intrinsic_size_in_pixels");
      so.bind(l.rsvg_handle_render_document, "rsvg_handle_render_document");
    }
    {
      DynamicLibrary so("libcairo.so.2", "DOCX");
      so.bind(l.cairo_image_surface_create, "cairo_image_surface_create");
      so.bind(l.cairo_create, "cairo_create");
      so.bind(l.cairo_status, "cairo_status");
      so.bind(l.cairo_status_to_string, "cairo_status_to_string");
      so.bind(l.cairo_surface_flush, "cairo_surface_flush");
      so.bind(l.cairo_surface_write_to_png_stream, "cairo_surface_write_to_png_stream");
      so.bind(l.cairo_destroy, "cairo_destroy");
      so.bind(l.cairo_surface_destroy, "cairo_surface_destroy");
    }
    return l;
  }();
  return library;
}

struct GObjectFree {
  void operator()(RsvgHandle* handle) const { svg_library().g_object_unref(handle); }
};
struct SurfaceFree {
  void operator()(cairo_surface_t* surface) const { svg_library().cairo_surface_destroy(surface); }
};
struct CairoFree {
  void operator()(cairo_t* cr) const { svg_library().cairo_destroy(cr); }
};

[[noreturn]] void cannot_draw(const std::string& why) {
  throw Error({}, msg("kan ikke tegne figuren: {}", "cannot draw the figure: {}", why));
}

// Takes the GError's message (librsvg's, in English in both languages) and frees it.
std::string message_of(GError* error) {
  std::string text = error != nullptr ? error->message : "librsvg";
  if (error != nullptr)
    svg_library().g_error_free(error);
  return text;
}

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// The SVG's own size in user units: the viewBox, or else width and height in pixels.
std::pair<double, double> intrinsic_size(RsvgHandle* handle) {
  gboolean has_width = FALSE, has_height = FALSE, has_viewbox = FALSE;
  RsvgLength width{}, height{};
  RsvgRectangle viewbox{};
  svg_library().rsvg_handle_get_intrinsic_dimensions(handle, &has_width, &width, &has_height,
                                                     &height, &has_viewbox, &viewbox);
  if (has_viewbox != FALSE && viewbox.width > 0 && viewbox.height > 0)
    return {viewbox.width, viewbox.height};
  double w = 0.0, h = 0.0;
  if (svg_library().rsvg_handle_get_intrinsic_size_in_pixels(handle, &w, &h) != FALSE && w > 0 &&
      h > 0)
    return {w, h};
  throw Error({}, msg("kan ikke tegne figuren: SVG'en har hverken viewBox eller størrelse",
                      "cannot draw the figure: the SVG has neither a viewBox nor a size"));
}

}  // namespace

Png rasterise_svg(std::string_view svg, int width) {
  GError* error = nullptr;
  std::unique_ptr<RsvgHandle, GObjectFree> handle(svg_library().rsvg_handle_new_from_data(
      reinterpret_cast<const guint8*>(svg.data()), svg.size(), &error));
  if (!handle)
    cannot_draw(message_of(error));
  auto [svg_width, svg_height] = intrinsic_size(handle.get());
  int height = static_cast<int>(std::lround(width * svg_height / svg_width));
  if (width <= 0 || height <= 0 || height > 20 * width)
    cannot_draw(fmt::format("{}x{} px", width, height));

  std::unique_ptr<cairo_surface_t, SurfaceFree> surface(
      svg_library().cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height));
  std::unique_ptr<cairo_t, CairoFree> cr(svg_library().cairo_create(surface.get()));
  if (svg_library().cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
    cannot_draw(svg_library().cairo_status_to_string(svg_library().cairo_status(cr.get())));
  RsvgRectangle viewport{0.0, 0.0, static_cast<double>(width), static_cast<double>(height)};
  if (svg_library().rsvg_handle_render_document(handle.get(), cr.get(), &viewport, &error) == FALSE)
    cannot_draw(message_of(error));
  svg_library().cairo_surface_flush(surface.get());

  Png png;
  png.width = width;
  png.height = height;
  cairo_status_t status =
      svg_library().cairo_surface_write_to_png_stream(surface.get(), append, &png.bytes);
  if (status != CAIRO_STATUS_SUCCESS)
    cannot_draw(svg_library().cairo_status_to_string(status));
  return png;
}

}  // namespace ungegaranti
