#include "ungegaranti/error.hpp"

#include <fmt/format.h>

namespace ungegaranti {
namespace {

std::string join(const std::vector<Diagnostic>& diagnostics, Lang lang) {
  std::string text;
  for (const Diagnostic& d : diagnostics) {
    if (!text.empty())
      text += '\n';
    text += d.str(lang);
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

std::string Diagnostic::str(Lang lang) const {
  std::string at = where.str();
  const std::string& text = message.in(lang);
  return at.empty() ? text : at + ": " + text;
}

Error::Error(SourceLocation where, Message message)
    : Error(std::vector<Diagnostic>{{std::move(where), std::move(message)}}) {}

Error::Error(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join(diagnostics, Lang::kEn)), diagnostics_(std::move(diagnostics)) {}

std::string Error::text(Lang lang) const { return join(diagnostics_, lang); }

}  // namespace ungegaranti
