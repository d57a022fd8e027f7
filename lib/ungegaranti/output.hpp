#pragma once

#include <string>
#include <string_view>

namespace ungegaranti {

/// Writes `content` to `path` whole or not at all: it goes to a temporary file in the same folder,
/// which is then renamed over `path`. On failure nothing is left behind, an existing file is
/// untouched, and Error says why.
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace ungegaranti
