#include "ungegaranti/text.hpp"

#include <array>

namespace ungegaranti {
namespace {

struct Phrase {
  std::string_view en, da;
};

// One line per phrase; the English text is the key.
constexpr std::array kPhrases = {
    Phrase{"Model", "Model"},
    Phrase{"Year", "År"},
    Phrase{"Track", "Spor"},
    Phrase{"Department", "Forankring"},
    Phrase{"Role or line", "Rolle eller linje"},
    Phrase{"Category", "Kategori"},
    Phrase{"Line", "Linje"},
    Phrase{"Total", "I alt"},
    Phrase{"Gross total", "Brutto i alt"},
    Phrase{"External funding", "Ekstern finansiering (puljer)"},
    Phrase{"Net total", "Netto i alt"},
    Phrase{"Gross", "Brutto"},
    Phrase{"Net", "Netto"},
    Phrase{"Shared by all tracks", "Fælles for alle spor"},
    Phrase{"Steering group", "Styregruppe"},
    Phrase{"Secretariat for the steering group", "Sekretariat for styregruppen"},
    Phrase{"Status reporting", "Statusopfølgning"},
    Phrase{"Cost per year", "Udgifter pr. år"},
    Phrase{"all models", "alle modeller"},
    Phrase{"kr.", "kr."},
    Phrase{"1,000 kr.", "1.000 kr."},
    Phrase{"million kr.", "mio. kr."},
    Phrase{"Amounts in {base} prices, indexed to each year (wages {wages}, other {other} a year); "
           "external funding is nominal.",
           "Beløb i {base}-priser fremskrevet til det enkelte år (løn {wages}, øvrigt {other} om "
           "året); puljer er nominelle."},
    Phrase{"price base", "prisniveau"},
    Phrase{"input", "inddata"},
    Phrase{"age bands derived from DST FOLK1AM 1.1.2024",
           "aldersgrupper afledt af DST FOLK1AM 1.1.2024"},
};

}  // namespace

std::string_view tr(Lang lang, std::string_view key) {
  if (lang == Lang::kEn)
    return key;
  for (const Phrase& p : kPhrases) {
    if (p.en == key)
      return p.da;
  }
  return key;
}

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
