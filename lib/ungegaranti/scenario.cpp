#include "ungegaranti/scenario.hpp"

#include <algorithm>

namespace ungegaranti {
namespace {

// ASCII lower case, plus the Danish capitals Æ, Ø and Å (UTF-8), which CLI11's ignore_case misses.
std::string fold_case(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  }
  for (auto [upper, lower] : {std::pair{"\xC3\x86", "\xC3\xA6"}, std::pair{"\xC3\x98", "\xC3\xB8"},
                              std::pair{"\xC3\x85", "\xC3\xA5"}}) {
    for (size_t at = out.find(upper); at != std::string::npos; at = out.find(upper, at)) {
      out.replace(at, 2, lower);
    }
  }
  return out;
}

}  // namespace

std::string_view tier_id(Tier tier) { return enum_id(kTierIds, tier); }

std::optional<Tier> parse_tier(std::string_view text) {
  return enum_from_id(kTierIds, std::string_view(fold_case(text)));
}

const Department* Scenario::department(std::string_view id) const {
  return find_by_id(departments, id);
}
const Track* Scenario::track(std::string_view id) const { return find_by_id(tracks, id); }
const Role* Scenario::role(std::string_view id) const { return find_by_id(roles, id); }
const AgeBand* Scenario::band(std::string_view id) const { return find_by_id(population, id); }

}  // namespace ungegaranti
