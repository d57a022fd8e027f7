#pragma once

#include <dlfcn.h>

#include <string>
#include <type_traits>

#include "ungegaranti/error.hpp"

namespace ungegaranti::render_detail {

/// A shared library opened with dlopen() when a writer first needs it, as xlsx.cpp opens
/// libxlsxwriter: linked normally, librsvg and libzip would bring some fifty libraries (glib,
/// pango, fontconfig, ...) into every run and multiply the start of every command. `what` names
/// the output for messages ("DOCX"); a missing library or function is an Error.
class DynamicLibrary {
 public:
  DynamicLibrary(const char* soname, std::string what) : what_(std::move(what)) {
    handle_ = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (handle_ == nullptr)
      throw Error({}, msg("kan ikke skrive {}: {}", "cannot write {}: {}", what_, dlerror()));
  }

  /// Sets `function` to the library's function `name`.
  template <typename F>
  void bind(F& function, const char* name) const {
    void* symbol = dlsym(handle_, name);
    if (symbol == nullptr)
      throw Error(
          {}, msg("kan ikke skrive {}: {} mangler", "cannot write {}: {} is missing", what_, name));
    function = reinterpret_cast<std::remove_reference_t<F>>(symbol);
  }

 private:
  void* handle_ = nullptr;  // never closed: the functions are kept for the rest of the run
  std::string what_;
};

}  // namespace ungegaranti::render_detail
