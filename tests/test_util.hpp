#pragma once

#include <string>

/// A file under tests/data, by absolute path, so that tests do not depend on the working folder.
inline std::string test_data(const std::string& name) {
  return std::string(UNGEGARANTI_SOURCE_DIR) + "/tests/data/" + name;
}

/// A file of the source tree, by absolute path.
inline std::string source_file(const std::string& name) {
  return std::string(UNGEGARANTI_SOURCE_DIR) + "/" + name;
}
