#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace ungegaranti {

/// Where a value came from. Line and column are 1-based, as editors print them; 0 means unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  /// "file:line:col", "file:line", "file" or "" depending on what is known.
  std::string str() const;
  bool operator==(const SourceLocation&) const = default;
};

/// One problem found in the input.
struct Diagnostic {
  SourceLocation where;
  std::string message;

  /// "file:line:col: message", ready to print.
  std::string str() const;
  bool operator==(const Diagnostic&) const = default;
};

/// The only exception the library throws. It carries every problem found in one run; what() joins
/// them, one per line:
///   scenarios/norddjurs.yaml:14:22: 'annual_cost' must be >= 0 (got -560000)
class Error : public std::runtime_error {
 public:
  Error(SourceLocation where, const std::string& message);
  explicit Error(std::vector<Diagnostic> diagnostics);

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace ungegaranti
