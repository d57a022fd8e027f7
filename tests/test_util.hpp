#pragma once

#include <sstream>
#include <string>
#include <vector>

/// A file under tests/data, by absolute path, so that tests do not depend on the working folder.
inline std::string test_data(const std::string& name) {
  return std::string(UNGEGARANTI_SOURCE_DIR) + "/tests/data/" + name;
}

/// A file of the source tree, by absolute path.
inline std::string source_file(const std::string& name) {
  return std::string(UNGEGARANTI_SOURCE_DIR) + "/" + name;
}

/// A command line's words, split at spaces (the test cases hold no quoted arguments).
inline std::vector<std::string> split(const std::string& args) {
  std::vector<std::string> out;
  std::istringstream in(args);
  for (std::string word; in >> word;)
    out.push_back(word);
  return out;
}
