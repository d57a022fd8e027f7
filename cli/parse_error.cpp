#include "parse_error.hpp"

#include <algorithm>
#include <optional>
#include <string_view>

#include "ungegaranti/error.hpp"

namespace ungegaranti::cli {
namespace {

// A pattern is literal text with captures: {*} any text, {.} any non-empty text, {d} digits,
// {S} text without spaces. A capture takes as much as it can while the rest still matches, as
// the greedy groups of a regular expression do.
bool fits(char kind, std::string_view text) {
  switch (kind) {
    case '*':
      return true;
    case '.':
      return !text.empty();
    case 'd':
      return !text.empty() &&
             std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    case 'S':
      return !text.empty() && text.find(' ') == std::string_view::npos;
    default:
      return false;
  }
}

bool match(std::string_view pattern, std::string_view text, std::vector<std::string_view>& out) {
  size_t open = pattern.find('{');
  if (open == std::string_view::npos)
    return pattern == text;
  if (!text.starts_with(pattern.substr(0, open)))
    return false;
  char kind = pattern[open + 1];
  std::string_view rest = pattern.substr(open + 3);
  text.remove_prefix(open);
  // The literal that must follow the capture, or the end of the text.
  std::string_view next = rest.substr(0, rest.find('{'));
  for (size_t end = text.size() + 1; end-- > 0;) {
    if (next.empty() ? end != text.size() && rest.empty() : !text.substr(end).starts_with(next))
      continue;
    std::string_view captured = text.substr(0, end);
    if (!fits(kind, captured))
      continue;
    out.push_back(captured);
    if (match(rest, text.substr(end), out))
      return true;
    out.pop_back();
  }
  return false;
}

// `danish` with $1, $2, ... replaced by the captures.
std::string fill(std::string_view danish, const std::vector<std::string_view>& captures) {
  std::string out;
  for (size_t i = 0; i < danish.size(); ++i) {
    if (danish[i] == '$' && i + 1 < danish.size() && danish[i + 1] >= '1' && danish[i + 1] <= '9') {
      size_t n = static_cast<size_t>(danish[i + 1] - '1');
      if (n < captures.size())
        out += captures[n];
      ++i;
    } else {
      out += danish[i];
    }
  }
  return out;
}

}  // namespace

std::string danish_parse_error(const std::string& what) {
  static const std::pair<std::string_view, std::string_view> kPhrases[] = {
      {"The following argument was not expected: {*}", "dette argument var ikke ventet: $1"},
      {"The following arguments were not expected: {*}", "disse argumenter var ikke ventet: $1"},
      {"A subcommand is required", "angiv en kommando"},
      {"{.}: 1 required {S} missing", "$1: mangler en værdi ($2)"},
      {"{.}: {d} required {S} missing", "$1: mangler $2 værdier ($3)"},
      {"{.} is required", "$1 skal angives"},
      {"{.}: At least {d} required but received {d}", "$1: kræver mindst $2, fik $3"},
      {"{.}: At Most {d} required but received {d}", "$1: højst $2, fik $3"},
      {"Expected exactly {d} arguments to {.}, got {d}", "$2: kræver præcis $1 argumenter, fik $3"},
      {"{.}: Value {.} not in range {.} to {.}", "$1: værdien $2 ligger ikke mellem $3 og $4"},
      {"Could not convert: {.} = {*}", "kan ikke forstå værdien: $1 = $2"},
      {"The value {*} is not an allowed value for {.}", "værdien $1 er ikke tilladt for $2"},
      {"{.} excludes {.}", "$1 kan ikke bruges sammen med $2"},
      {"{.} requires {.}", "$1 kræver $2"},
  };
  for (const auto& [pattern, danish] : kPhrases) {
    std::vector<std::string_view> captures;
    if (match(pattern, what, captures))
      return fill(danish, captures);
  }
  return what;
}

std::vector<std::string> long_arguments(int argc, const char* const* argv) {
  constexpr size_t kShort = 60;  // excerpt()'s default
  std::vector<std::string> words;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg.size() <= kShort)
      continue;
    words.emplace_back(arg);
    size_t eq = arg.find('=');
    if (arg.starts_with("--") && eq != std::string_view::npos && arg.size() - eq - 1 > kShort)
      words.emplace_back(arg.substr(eq + 1));
  }
  std::sort(words.begin(), words.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return words;
}

std::string shorten_arguments(std::string message, const std::vector<std::string>& long_words) {
  for (const std::string& word : long_words) {
    std::string shown = excerpt(word);
    for (size_t at = message.find(word); at != std::string::npos;
         at = message.find(word, at + shown.size()))
      message.replace(at, word.size(), shown);
  }
  return message;
}

}  // namespace ungegaranti::cli
