#include "ungegaranti/error.hpp"

#include <fmt/format.h>

namespace ungegaranti {
namespace {

std::string join(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const Diagnostic& d : diagnostics) {
    if (!text.empty())
      text += '\n';
    text += d.str();
  }
  return text;
}

}  // namespace

std::string SourceLocation::str() const {
  if (file.empty())
    return "";
  if (line <= 0)
    return file;
  if (column <= 0)
    return fmt::format("{}:{}", file, line);
  return fmt::format("{}:{}:{}", file, line, column);
}

std::string Diagnostic::str() const {
  std::string at = where.str();
  return at.empty() ? message : at + ": " + message;
}

Error::Error(SourceLocation where, const std::string& message)
    : Error(std::vector<Diagnostic>{{std::move(where), message}}) {}

Error::Error(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace ungegaranti
