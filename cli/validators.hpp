#pragma once
// Option checks that several commands share, for CLI11 (included by app.cpp only: CLI11 is slow
// to compile). Each returns its message in the user's language, quoting at most excerpt() of the
// value.

#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdint>
#include <string>

#include "ungegaranti/error.hpp"
#include "ungegaranti/lang.hpp"

namespace ungegaranti::cli {

/// A file path: an empty one is a usage error (exit 2), never "the embedded scenario" or stdout.
inline CLI::Validator path_given(Lang lang) {
  return CLI::Validator(
      [lang](std::string& value) -> std::string {
        if (value.empty())
          return msg("en tom sti er ikke en fil", "an empty path is not a file").in(lang);
        return "";
      },
      "");
}

/// A seed: a whole number from 0 to 2^64 - 1, refused outside that range instead of saturated
/// (CLI11 reads "-1" and "99999999999999999999" as 2^64 - 1).
inline CLI::Validator seed_value(Lang lang) {
  return CLI::Validator(
      [lang](std::string& value) -> std::string {
        uint64_t seed = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seed);
        if (value.empty() || ec != std::errc() || end != value.data() + value.size()) {
          return msg("skal være et helt tal fra 0 til {} (fik '{}')",
                     "must be a whole number from 0 to {} (got '{}')", UINT64_MAX, excerpt(value))
              .in(lang);
        }
        return "";
      },
      "");
}

}  // namespace ungegaranti::cli
