#pragma once

#include <string>

#include "ungegaranti/text.hpp"

namespace ungegaranti {

/// `value` rounded half away from zero to `decimals` places, with thousands grouped:
/// 1.234.567,89 in Danish, 1,234,567.89 in English. Never uses the C++ locale.
std::string format_number(double value, int decimals, Lang lang);

/// As format_number() but without thousands separators, for CSV cells that Excel reads as numbers.
std::string format_plain(double value, int decimals, Lang lang);

/// As many decimals as the value needs, at most `max_decimals`: 1924 -> "1.924", 0.032 -> "0,032".
/// `grouped` false gives the CSV form without thousands separators.
std::string format_shortest(double value, int max_decimals, Lang lang, bool grouped = true);

/// A share as a percentage: 0.032 -> "3,2 %" (da) or "3.2%" (en).
std::string format_percent(double share, int decimals, Lang lang);

}  // namespace ungegaranti
