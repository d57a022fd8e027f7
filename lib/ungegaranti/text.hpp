#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

#include "ungegaranti/lang.hpp"
#include "ungegaranti/scenario.hpp"

namespace ungegaranti {

/// The one way user-facing text is written: the Danish and the English text side by side at the
/// place that uses it, both format strings checked at compile time against the same arguments
/// (named arguments as "name"_a = value), formatted in `lang`:
///   in_lang(lang, "{n} træk", "{n} draws", "n"_a = draws)
/// Error messages use msg() (error.hpp), which keeps both languages until the message is shown.
template <typename... T>
std::string in_lang(Lang lang, fmt::format_string<T...> da, fmt::format_string<T...> en,
                    T&&... args) {
  return fmt::vformat(lang == Lang::kDa ? fmt::string_view(da) : fmt::string_view(en),
                      fmt::make_format_args(args...));
}

/// `da` or `en`, whichever `lang` asks for, for text that is data rather than a phrase of the
/// tool (a scenario's note and note_en, a name read from a file).
inline std::string pick_lang(Lang lang, std::string_view da, std::string_view en) {
  return std::string(lang == Lang::kDa ? da : en);
}

/// "Guld", "Sølv", "Bronze" or "Gold", "Silver", "Bronze".
std::string_view tier_name(Tier tier, Lang lang);

}  // namespace ungegaranti
