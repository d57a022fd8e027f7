#include "ungegaranti/number_format.hpp"

#include <fmt/format.h>

#include <cmath>

namespace ungegaranti {
namespace {

// Rounds half away from zero first: fmt alone rounds the binary value with ties to even.
std::string fixed(double value, int decimals) {
  double scale = std::pow(10.0, decimals);
  double rounded = std::round(value * scale) / scale;
  if (rounded == 0.0)
    rounded = 0.0;  // no "-0"
  return fmt::format("{:.{}f}", rounded, decimals);
}

}  // namespace

std::string format_number(double value, int decimals, Lang lang) {
  std::string digits = fixed(value, decimals);
  bool negative = digits.front() == '-';
  if (negative)
    digits.erase(0, 1);
  size_t point = digits.find('.');
  std::string whole = digits.substr(0, point);
  std::string fraction = point == std::string::npos ? "" : digits.substr(point + 1);
  char group = lang == Lang::kDa ? '.' : ',';
  char decimal = lang == Lang::kDa ? ',' : '.';
  std::string out;
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0)
      out += group;
    out += whole[i];
  }
  if (!fraction.empty())
    out += decimal + fraction;
  return negative ? "-" + out : out;
}

std::string format_plain(double value, int decimals, Lang lang) {
  std::string out = fixed(value, decimals);
  if (lang == Lang::kDa) {
    for (char& c : out) {
      if (c == '.')
        c = ',';
    }
  }
  return out;
}

std::string format_shortest(double value, int max_decimals, Lang lang, bool grouped) {
  std::string out =
      grouped ? format_number(value, max_decimals, lang) : format_plain(value, max_decimals, lang);
  char decimal = lang == Lang::kDa ? ',' : '.';
  if (out.find(decimal) != std::string::npos) {
    while (out.back() == '0')
      out.pop_back();
    if (out.back() == decimal)
      out.pop_back();
  }
  return out;
}

std::string format_percent(double share, int decimals, Lang lang) {
  std::string number = format_number(share * 100.0, decimals, lang);
  return lang == Lang::kDa ? number + " %" : number + "%";
}

}  // namespace ungegaranti
