#pragma once

#include <fmt/format.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "ungegaranti/lang.hpp"

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

/// A message for the user in both languages the tool speaks. The library writes both, so that no
/// reader needs to know the language; whoever prints it picks one (the CLI: --lang).
struct Message {
  std::string da;
  std::string en;

  const std::string& in(Lang lang) const { return lang == Lang::kEn ? en : da; }
  bool operator==(const Message&) const = default;
};

namespace detail {

// A Message argument is shown as its text in the language being formatted.
template <typename T>
using shown_t =
    std::conditional_t<std::is_same_v<std::remove_cvref_t<T>, Message>, const std::string&, T>;

template <typename T>
const T& pick(const T& arg, Lang /*lang*/) {
  return arg;
}
inline const std::string& pick(const Message& arg, Lang lang) { return arg.in(lang); }

}  // namespace detail

/// The Danish and the English text with the same arguments; an argument that is itself a Message
/// (a phrase such as describe(node)) goes in in the matching language:
///   msg("mangler nøglen '{}'", "missing key '{}'", key)
template <typename... T>
Message msg(fmt::format_string<detail::shown_t<T>...> da,
            fmt::format_string<detail::shown_t<T>...> en, T&&... args) {
  return {fmt::vformat(da, fmt::make_format_args(detail::pick(args, Lang::kDa)...)),
          fmt::vformat(en, fmt::make_format_args(detail::pick(args, Lang::kEn)...))};
}

/// How a message quotes a value from the input: whole when it is at most `max` bytes, else its
/// first bytes (cut before a UTF-8 character that would not fit) and "…", so that a message never
/// repeats a huge value back.
std::string excerpt(std::string_view text, size_t max = 60);

/// One problem found in the input.
struct Diagnostic {
  SourceLocation where;
  Message message;

  /// "file:line:col: message" in `lang`, ready to print.
  std::string str(Lang lang = Lang::kEn) const;
  bool operator==(const Diagnostic&) const = default;
};

/// The only exception the library throws. It carries every problem found in one run, in both
/// languages; text(lang) joins them, one per line:
///   scenarios/norddjurs.yaml:14:22: 'annual_cost' skal være >= 0 (fik -560000)
/// what() is the English text, for logs, fuzzers and tests; the CLI prints text(lang).
class Error : public std::runtime_error {
 public:
  Error(SourceLocation where, Message message);
  explicit Error(std::vector<Diagnostic> diagnostics);

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

  /// Every diagnostic in `lang`, one per line.
  std::string text(Lang lang) const;

 private:
  Error(std::vector<Diagnostic> diagnostics, int bounded);

  std::vector<Diagnostic> diagnostics_;
};

}  // namespace ungegaranti
