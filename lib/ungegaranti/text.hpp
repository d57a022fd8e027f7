#pragma once

#include <string>
#include <string_view>

#include "ungegaranti/lang.hpp"
#include "ungegaranti/scenario.hpp"

namespace ungegaranti {

/// A fixed word or phrase of the user interface, by its English key (e.g. "Total"), in `lang`.
/// Keys without a translation are returned unchanged, so a missing entry shows up in tests.
std::string_view tr(Lang lang, std::string_view key);

/// `da` or `en`, whichever `lang` asks for: the one rule every table, note and chart follows
/// for text written in both languages at the place that uses it.
inline std::string in_lang(Lang lang, std::string_view da, std::string_view en) {
  return std::string(lang == Lang::kDa ? da : en);
}

/// "Guld", "Sølv", "Bronze" or "Gold", "Silver", "Bronze".
std::string_view tier_name(Tier tier, Lang lang);

}  // namespace ungegaranti
