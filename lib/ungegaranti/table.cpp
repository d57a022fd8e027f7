#include "ungegaranti/table.hpp"

#include <fmt/format.h>

#include "ungegaranti/scenario.hpp"
#include "ungegaranti/version.hpp"

namespace ungegaranti {

Stamp stamp_of(const Scenario& scenario, std::string data) {
  return {kVersion,
          scenario.title,
          scenario.input_hash,
          scenario.price_base,
          std::move(data),
          scenario.population_derived};
}

std::optional<Unit> parse_unit(std::string_view text) { return enum_from_id(kUnitIds, text); }

double unit_divisor(Unit unit) {
  switch (unit) {
    case Unit::kKr:
      return 1.0;
    case Unit::kTkr:
      return 1e3;
    case Unit::kMkr:
      return 1e6;
  }
  return 1.0;
}

int unit_decimals(Unit unit) { return unit == Unit::kMkr ? 2 : 0; }

std::string unit_name(Unit unit, Lang lang) {
  switch (unit) {
    case Unit::kKr:
      return in_lang(lang, "kr.", "kr.");
    case Unit::kTkr:
      return in_lang(lang, "1.000 kr.", "1,000 kr.");
    case Unit::kMkr:
      return in_lang(lang, "mio. kr.", "million kr.");
  }
  return "";
}

std::string_view row_kind_id(RowKind kind) { return enum_id(kRowKindIds, kind); }

std::string stamp_line(const Stamp& stamp, Lang lang) {
  std::string line = fmt::format("ungegaranti {} · {} · {} {} · {} {}", stamp.tool_version,
                                 stamp.title, in_lang(lang, "inddata", "input"), stamp.input_hash,
                                 in_lang(lang, "prisniveau", "price base"), stamp.price_base);
  if (!stamp.data.empty())
    line = fmt::format("{} · {} {}", line, in_lang(lang, "data", "data"), stamp.data);
  if (stamp.population_derived)
    line = fmt::format("{} · {}", line,
                       in_lang(lang, "aldersgrupper afledt af DST FOLK1AM 1.1.2024",
                               "age bands derived from DST FOLK1AM 1.1.2024"));
  return line;
}

}  // namespace ungegaranti
