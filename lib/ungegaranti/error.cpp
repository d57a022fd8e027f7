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

std::string excerpt(std::string_view text, size_t max) {
  if (text.size() <= max)
    return std::string(text);
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;  // text[cut] continues a character: cut before that character starts
  std::string out(text.substr(0, cut));
  out.append("…");
  return out;
}

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

namespace {

// The last guard against a message that repeats a huge input: the places that quote a value use
// excerpt() with its default length; a message that still ends up longer (a path made of a huge
// key) is cut here.
std::vector<Diagnostic> bounded(std::vector<Diagnostic> diagnostics) {
  constexpr size_t kMaxMessage = 2000;
  for (Diagnostic& d : diagnostics) {
    for (std::string* text : {&d.message.da, &d.message.en, &d.where.file}) {
      if (text->size() > kMaxMessage)
        *text = excerpt(*text, kMaxMessage);
    }
  }
  return diagnostics;
}

}  // namespace

Error::Error(std::vector<Diagnostic> diagnostics) : Error(bounded(std::move(diagnostics)), 0) {}

Error::Error(std::vector<Diagnostic> diagnostics, int /*bounded*/)
    : std::runtime_error(join(diagnostics, Lang::kEn)), diagnostics_(std::move(diagnostics)) {}

std::string Error::text(Lang lang) const { return join(diagnostics_, lang); }

}  // namespace ungegaranti
