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

std::optional<Unit> parse_unit(std::string_view text) {
  if (text == "kr")
    return Unit::kKr;
  if (text == "tkr")
    return Unit::kTkr;
  if (text == "mkr")
    return Unit::kMkr;
  return std::nullopt;
}

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

std::string_view unit_name(Unit unit, Lang lang) {
  switch (unit) {
    case Unit::kKr:
      return tr(lang, "kr.");
    case Unit::kTkr:
      return tr(lang, "1,000 kr.");
    case Unit::kMkr:
      return tr(lang, "million kr.");
  }
  return "";
}

std::string_view row_kind_id(RowKind kind) {
  switch (kind) {
    case RowKind::kBody:
      return "body";
    case RowKind::kSubtotal:
      return "subtotal";
    case RowKind::kFunding:
      return "funding";
    case RowKind::kTotal:
      return "total";
  }
  return "";
}

std::string stamp_line(const Stamp& stamp, Lang lang) {
  std::string line =
      fmt::format("ungegaranti {} · {} · {} {} · {} {}", stamp.tool_version, stamp.title,
                  tr(lang, "input"), stamp.input_hash, tr(lang, "price base"), stamp.price_base);
  if (!stamp.data.empty())
    line = fmt::format("{} · {} {}", line, tr(lang, "data"), stamp.data);
  if (stamp.population_derived)
    line = fmt::format("{} · {}", line, tr(lang, "age bands derived from DST FOLK1AM 1.1.2024"));
  return line;
}

}  // namespace ungegaranti
