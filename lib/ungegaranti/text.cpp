#include "ungegaranti/text.hpp"

namespace ungegaranti {

std::string_view tier_name(Tier tier, Lang lang) {
  switch (tier) {
    case Tier::kGuld:
      return lang == Lang::kDa ? "Guld" : "Gold";
    case Tier::kSolv:
      return lang == Lang::kDa ? "Sølv" : "Silver";
    case Tier::kBronze:
      return "Bronze";
  }
  return "";
}

}  // namespace ungegaranti
