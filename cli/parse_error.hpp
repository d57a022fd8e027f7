#pragma once

#include <string>
#include <vector>

namespace ungegaranti::cli {

/// CLI11's own parse errors in Danish, with their specifics (option, value) kept. CLI11 builds
/// its messages in English from fixed phrases; the common ones are recognised here and anything
/// else is shown as CLI11 wrote it. Our validators' messages, after "--option: ", are already in
/// the user's language. Plain string matching, no std::regex: its recursive matcher overflowed
/// the stack on an argument of about 26.000 characters.
std::string danish_parse_error(const std::string& what);

/// The arguments that a message must not repeat whole: each word of argv longer than excerpt()'s
/// length, and the value of a long `--option=value`.
std::vector<std::string> long_arguments(int argc, const char* const* argv);

/// `message` with each of `long_words` (from long_arguments) cut to its excerpt().
std::string shorten_arguments(std::string message, const std::vector<std::string>& long_words);

}  // namespace ungegaranti::cli
