#include "ungegaranti/labels.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <vector>

#include "ungegaranti/text.hpp"

namespace ungegaranti {

namespace {

// A field of the scenario by its path pattern: `*` stands for one segment (an id or an index),
// and {0}, {1}, ... in the labels are the names of the `*` segments, in order.
struct FieldLabel {
  std::string_view pattern, da, en;
};

constexpr FieldLabel kFields[] = {
    {"title", "Titel", "Title"},
    {"proposal_source", "Kilden til forslagets tal", "Source of the proposal's figures"},
    {"municipality.code", "Kommunekode", "Municipality code"},
    {"municipality.name", "Kommunens navn", "Name of the municipality"},
    {"years.first", "Første budgetår", "First budget year"},
    {"years.count", "Antal budgetår", "Number of budget years"},
    {"price_base", "Prisniveau (år)", "Price base (year)"},
    {"hours_per_fte", "Arbejdstimer pr. årsværk", "Working hours per FTE"},
    {"indexation.wages", "Årlig fremskrivning af lønudgifter", "Yearly indexation of wage costs"},
    {"indexation.other", "Årlig fremskrivning af øvrige udgifter",
     "Yearly indexation of other costs"},
    {"departments.*.name", "{0}: navn", "{0}: name"},
    {"tracks.*.name", "{0}: navn", "{0}: name"},
    {"tracks.*.department", "{0}: forankring", "{0}: department"},
    {"tracks.*.moves", "{0}: overgangen sporet påvirker", "{0}: the transition it moves"},
    {"tracks.*.source", "{0}: kilde", "{0}: source"},
    {"tracks.*.targeting", "{0}: andel af deltagerne i risikogruppen",
     "{0}: share of participants at risk"},
    {"roles.*.name", "{0}: navn", "{0}: name"},
    {"roles.*.department", "{0}: forankring", "{0}: department"},
    {"roles.*.annual_cost", "{0}: årsværkspris", "{0}: annual cost per FTE"},
    {"steering_group.members.*", "Styregruppen: {0} (antal)", "Steering group: {0} (head count)"},
    {"steering_group.source", "Styregruppen: kilde", "Steering group: source"},
    {"steering_group.meetings_per_year", "Styregruppen: møder om året",
     "Steering group: meetings a year"},
    {"steering_group.hours_per_meeting", "Styregruppen: timer pr. møde",
     "Steering group: hours per meeting"},
    {"steering_group.secretariat.role", "Styregruppens sekretariat: rolle",
     "Steering group's secretariat: role"},
    {"steering_group.secretariat.hours_per_year", "Styregruppens sekretariat: timer om året",
     "Steering group's secretariat: hours a year"},
    {"models.*.coordination", "{0}: koordinering", "{0}: coordination"},
    {"models.*.source", "{0}: kilde", "{0}: source"},
    {"models.*.staffing.*", "{0}: {1}, årsværk", "{0}: {1}, FTE"},
    {"models.*.status_reporting.role", "{0}: statusrapportering, rolle",
     "{0}: status reporting, role"},
    {"models.*.status_reporting.hours_per_year", "{0}: statusrapportering, timer om året",
     "{0}: status reporting, hours a year"},
    {"models.*.one_off.*.amount", "{0}: {1}, engangsudgift", "{0}: {1}, one-off cost"},
    {"models.*.one_off.*.year", "{0}: {1}, år", "{0}: {1}, year"},
    {"models.*.funding.*.amount", "{0}: {1}, beløb om året", "{0}: {1}, amount a year"},
    {"models.*.funding.*.from", "{0}: {1}, første år", "{0}: {1}, first year"},
    {"models.*.funding.*.to", "{0}: {1}, sidste år", "{0}: {1}, last year"},
    {"models.*.effects.*", "{0}: effekt af {1}", "{0}: effect of {1}"},
    {"models.*.target", "{0}: mål", "{0}: target"},
    {"models.*.company_places", "{0}: virksomhedspladser om året", "{0}: company places a year"},
    {"population.*.count", "Antal {0}", "Number of {0}"},
    {"initiatives.*.name", "{0}: navn", "{0}: name"},
    {"initiatives.*.track", "{0}: spor", "{0}: track"},
    {"initiatives.*.age_band", "{0}: aldersgruppe", "{0}: age band"},
    {"initiatives.*.needs_company_place", "{0}: kræver virksomhedsplads",
     "{0}: needs a company place"},
    {"initiatives.*.illustration", "{0}: illustration", "{0}: illustration"},
    {"initiatives.*.wage_share", "{0}: lønandel", "{0}: wage share"},
    {"initiatives.*.ramp.*", "{0}: indfasning {1}", "{0}: phase-in {1}"},
    {"initiatives.*.per_model.*.participants", "{0}, {1}: deltagere om året",
     "{0}, {1}: participants a year"},
    {"initiatives.*.per_model.*.unit_cost", "{0}, {1}: udgift pr. deltager om året",
     "{0}, {1}: cost per participant a year"},
    {"initiatives.*.per_model.*.fixed_cost", "{0}, {1}: faste udgifter om året",
     "{0}, {1}: fixed cost a year"},
    {"initiatives.*.per_model.*.ramp.*", "{0}, {1}: indfasning {2}", "{0}, {1}: phase-in {2}"},
    {"coverage.overlap.*", "Overlap blandt {0}", "Overlap among {0}"},
    {"coverage.caseload.role", "Sagsmængde: rolle", "Caseload: role"},
    {"coverage.caseload.capacity_per_fte", "Sagsmængde: unge pr. årsværk",
     "Caseload: young people per FTE"},
    {"coverage.coordination.role", "Individuel koordinering: rolle",
     "Individual coordination: role"},
    {"coverage.coordination.capacity_per_fte", "Individuel koordinering: unge pr. årsværk",
     "Individual coordination: young people per FTE"},
    {"coverage.coordination.available_fte", "Individuel koordinering: årsværk til rådighed",
     "Individual coordination: FTE available"},
    {"projection.baseline.entry.education", "Fremskrivning: andel i uddannelse ved 16 år",
     "Projection: share in education at 16"},
    {"projection.baseline.entry.employed", "Fremskrivning: andel i job ved 16 år",
     "Projection: share in work at 16"},
    {"projection.baseline.dropout", "Fremskrivning: frafald fra uddannelse om året",
     "Projection: dropout from education a year"},
    {"projection.baseline.education_to_work.*", "Fremskrivning: fra uddannelse til job som {0}",
     "Projection: from education to work at {0}"},
    {"projection.baseline.employed.to_neet", "Fremskrivning: fra job til NEET om året",
     "Projection: from work to NEET a year"},
    {"projection.baseline.employed.to_education", "Fremskrivning: fra job til uddannelse om året",
     "Projection: from work to education a year"},
    {"projection.baseline.neet.to_education", "Fremskrivning: fra NEET til uddannelse om året",
     "Projection: from NEET to education a year"},
    {"projection.baseline.neet.to_work", "Fremskrivning: fra NEET til job om året",
     "Projection: from NEET to work a year"},
    {"projection.trend", "Fremskrivning: udviklingen i de øvrige kommuner",
     "Projection: how the other municipalities develop"},
    {"projection.trend_years", "Fremskrivning: år, tendensen bygger på",
     "Projection: years the trend is fitted on"},
    {"projection.base_years", "Fremskrivning: antal basisår", "Projection: number of base years"},
    {"projection.group", "Fremskrivning: sammenlignelige kommuner",
     "Projection: comparable municipalities"},
    {"projection.codes", "Fremskrivning: sammenlignelige kommuner (egen liste)",
     "Projection: comparable municipalities (own list)"},
    {"projection.years_after_full", "Fremskrivning: år efter fuld implementering",
     "Projection: years after full implementation"},
    {"projection.confidence", "Fremskrivning: sandsynlighed, der kræves for et klart ja",
     "Projection: probability required for a plain yes"},
    {"economics.discount_rate", "Diskonteringsrente", "Discount rate"},
    {"economics.horizon_years", "Økonomi: horisont i år", "Economics: horizon in years"},
    {"economics.benefits.*.name", "{0}: navn", "{0}: name"},
    {"economics.benefits.*.payer", "{0}: betaler", "{0}: payer"},
    {"economics.benefits.*.amount", "{0}: værdi pr. personår", "{0}: value per person-year"},
    {"economics.benefits.*.share", "{0}: andel af prisen pr. personår",
     "{0}: share of the price per person-year"},
    {"economics.benefits.*.price", "{0}: pris", "{0}: price"},
    {"economics.benefits.*.refusion", "{0}: del efter refusion", "{0}: part after refusion"},
    {"economics.benefits.*.applies_to", "{0}: gælder pr. år i", "{0}: counted per year in"},
    {"economics.benefits.*.kind", "{0}: slags", "{0}: kind"},
    {"economics.discount_to", "Økonomi: år, der diskonteres til", "Economics: year discounted to"},
    {"economics.after_budget", "Økonomi: driften efter budgetårene",
     "Economics: running after the budget years"},
    {"economics.persistence.half_life_years",
     "Økonomi: halveringstid for effekten efter horisonten (år)",
     "Economics: half-life of the effect after the horizon (years)"},
    {"economics.satsregulering", "Satsreguleringsprocent om året",
     "Rate adjustment percentage a year"},
    {"economics.prices.*.amount", "Priskatalog: {0}", "Price catalogue: {0}"},
    {"economics.prices.*.name", "Priskatalog: {0}, navn", "Price catalogue: {0}, name"},
    {"economics.prices.*.price_year", "Priskatalog: {0}, prisår",
     "Price catalogue: {0}, price year"},
    {"economics.prices.*.indexation", "Priskatalog: {0}, fremskrivning",
     "Price catalogue: {0}, indexation"},
    {"economics.refusion.spell_weeks", "Refusion: ydelsesforløbets længde i uger",
     "Refusion: length of the benefit spell in weeks"},
    {"economics.refusion.source", "Refusion: kilde", "Refusion: source"},
    {"economics.refusion.steps.*.from_week", "Refusion: trin {0}, fra uge",
     "Refusion: step {0}, from week"},
    {"economics.refusion.steps.*.state_share", "Refusion: trin {0}, statens andel",
     "Refusion: step {0}, state's share"},
};

// The parts of a quantity written as a map, and what a path ending in one adds to the label.
constexpr FieldLabel kQuantityParts[] = {
    {"value", "", ""},
    {"low", "laveste værdi", "low end"},
    {"high", "højeste værdi", "high end"},
    {"dist", "fordeling", "distribution"},
    {"unit", "enhed", "unit"},
    {"source", "kilde", "source"},
    {"note", "note", "note"},
    {"note_en", "engelsk note", "English note"},
};

// Words for keys met outside kFields, where a path is put into words segment by segment.
constexpr FieldLabel kWords[] = {
    {"municipality", "kommune", "municipality"},
    {"years", "budgetår", "budget years"},
    {"indexation", "fremskrivning", "indexation"},
    {"departments", "forankringer", "departments"},
    {"tracks", "spor", "tracks"},
    {"roles", "roller", "roles"},
    {"steering_group", "styregruppen", "steering group"},
    {"models", "modeller", "models"},
    {"initiatives", "indsatser", "initiatives"},
    {"population", "aldersgrupper", "age bands"},
    {"coverage", "dækning", "coverage"},
    {"projection", "fremskrivning", "projection"},
    {"economics", "økonomi", "economics"},
    {"uncertainty", "usikkerhed", "uncertainty"},
    {"correlations", "korrelationer", "correlations"},
    {"name", "navn", "name"},
    {"department", "forankring", "department"},
    {"from", "fra", "from"},
    {"to", "til", "to"},
    {"shares", "NEET-andele (data)", "NEET shares (data)"},
    {"groups", "kommunegrupper (data)", "municipality groups (data)"},
    {"national", "landstal (data)", "national figures (data)"},
    {"extends", "bygger på", "extends"},
};

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t dot = path.find('.', start);
    out.push_back(path.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos)
      return out;
    start = dot + 1;
  }
}

std::optional<int> index_of(std::string_view segment) {
  int n = 0;
  auto [end, ec] = std::from_chars(segment.data(), segment.data() + segment.size(), n);
  if (ec != std::errc{} || end != segment.data() + segment.size())
    return std::nullopt;
  return n;
}

// An id the scenario does not know (a path of the other side of `diff`), in words.
std::string humanized(std::string_view id) {
  std::string out(id);
  for (char& c : out) {
    if (c == '_')
      c = ' ';
  }
  return out;
}

std::string band_words(int from, int to, Lang lang) {
  return in_lang(lang, "{}-{}-årige", "people aged {}-{}", from, to);
}

std::string lower_tier(Tier tier, Lang lang) {
  std::string name(tier_name(tier, lang));
  if (!name.empty())
    name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
  return name;  // "Sølv" and the others all start with an ASCII letter
}

// The name of the id or index `segment`, which follows the key `parent` in a path.
std::string name_of(const Scenario& s, std::string_view parent, std::string_view segment,
                    Lang lang) {
  if (parent == "initiatives") {
    if (const Initiative* x = find_by_id(s.initiatives, segment))
      return x->name;
  } else if (parent == "models" || parent == "per_model") {
    if (std::optional<Tier> tier = parse_tier(segment))
      return lower_tier(*tier, lang);
  } else if (parent == "tracks" || parent == "effects") {
    if (const Track* x = s.track(segment))
      return x->name;
  } else if (parent == "roles" || parent == "staffing" || parent == "members") {
    if (const Role* x = s.role(segment))
      return x->name;
  } else if (parent == "population" || parent == "overlap") {
    if (const AgeBand* x = s.band(segment))
      return band_words(x->from, x->to, lang);
  } else if (parent == "departments") {
    if (const Department* x = s.department(segment))
      return x->name;
  } else if (parent == "benefits" && s.economics) {
    if (const Benefit* x = find_by_id(s.economics->benefits, segment))
      return x->name;
  } else if (parent == "prices" && s.economics) {
    if (const Price* x = find_by_id(s.economics->prices, segment))
      return x->name;
  } else if (parent == "one_off" || parent == "funding") {
    for (const Model& m : s.models) {
      if (const OneOff* x = find_by_id(m.one_off, segment))
        return x->name;
      if (const Funding* x = find_by_id(m.funding, segment))
        return x->name;
    }
  } else if (parent == "ramp") {
    if (std::optional<int> i = index_of(segment))
      return std::to_string(s.first_year + *i);
  } else if (parent == "education_to_work") {
    if (std::optional<int> i = index_of(segment))
      return in_lang(lang, "{}-årig", "{}", 16 + *i);
  }
  if (std::optional<int> i = index_of(segment))
    return in_lang(lang, "nr. {}", "no. {}", *i + 1);
  return humanized(segment);
}

// The names of the `*` segments when `parts` matches `pattern`, or nullopt.
std::optional<std::vector<std::string>> match(const Scenario& s,
                                              const std::vector<std::string_view>& parts,
                                              std::string_view pattern, Lang lang) {
  std::vector<std::string_view> want = split(pattern);
  if (want.size() != parts.size())
    return std::nullopt;
  std::vector<std::string> names;
  for (size_t i = 0; i < want.size(); ++i) {
    if (want[i] == "*") {
      names.push_back(name_of(s, i > 0 ? parts[i - 1] : "", parts[i], lang));
    } else if (want[i] != parts[i]) {
      return std::nullopt;
    }
  }
  return names;
}

std::optional<std::string> known_label(const Scenario& s,
                                       const std::vector<std::string_view>& parts, Lang lang) {
  for (const FieldLabel& f : kFields) {
    std::optional<std::vector<std::string>> names = match(s, parts, f.pattern, lang);
    if (!names)
      continue;
    std::string text(lang == Lang::kDa ? f.da : f.en);
    for (size_t i = 0; i < names->size(); ++i)
      text = replace_all(text, fmt::format("{{{}}}", i), (*names)[i]);
    return text;
  }
  return std::nullopt;
}

// A path no field pattern knows: each key in words, each id or index by its name.
std::string words_of(const Scenario& s, const std::vector<std::string_view>& parts, Lang lang) {
  static constexpr std::string_view kCollections[] = {
      "initiatives", "models",  "per_model",  "tracks",  "effects",          "roles",
      "staffing",    "members", "population", "overlap", "departments",      "benefits",
      "prices",      "one_off", "funding",    "ramp",    "education_to_work"};
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    std::string_view parent = i > 0 ? parts[i - 1] : "";
    bool named = std::find(std::begin(kCollections), std::end(kCollections), parent) !=
                 std::end(kCollections);
    std::string word;
    if (named || index_of(parts[i])) {
      word = name_of(s, parent, parts[i], lang);
    } else if (std::find(std::begin(kCollections), std::end(kCollections), parts[i]) !=
                   std::end(kCollections) &&
               i + 1 < parts.size()) {
      continue;  // the id that follows names it
    } else {
      word = humanized(parts[i]);
      for (const FieldLabel& w : kWords) {
        if (w.pattern == parts[i])
          word = lang == Lang::kDa ? w.da : w.en;
      }
    }
    out += out.empty() ? word : ", " + word;
  }
  return out;
}

std::string capitalized(std::string text) {
  if (!text.empty())
    text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

}  // namespace

std::string input_label(const Scenario& s, std::string_view path, Lang lang) {
  std::vector<std::string_view> parts = split(path);
  if (std::optional<std::string> label = known_label(s, parts, lang))
    return capitalized(*label);
  // A part of a quantity written as a map (diff lists them one by one).
  for (const FieldLabel& q : kQuantityParts) {
    if (parts.size() < 2 || parts.back() != q.pattern)
      continue;
    std::vector<std::string_view> field(parts.begin(), parts.end() - 1);
    std::string base = known_label(s, field, lang).value_or(words_of(s, field, lang));
    std::string_view part = lang == Lang::kDa ? q.da : q.en;
    return capitalized(part.empty() ? base : fmt::format("{}, {}", base, part));
  }
  return capitalized(words_of(s, parts, lang));
}

std::string unit_label(std::string_view unit, Lang lang) {
  static constexpr FieldLabel kUnits[] = {
      {"DKK", "kr.", "DKK"},
      {"DKK/year", "kr. om året", "DKK a year"},
      {"DKK/participant/year", "kr. pr. deltager om året", "DKK per participant a year"},
      {"DKK/participant", "kr. pr. deltager", "DKK per participant"},
      {"DKK/FTE/year", "kr. pr. årsværk om året", "DKK per FTE a year"},
      {"participants/year", "deltagere om året", "participants a year"},
      {"places/year", "pladser om året", "places a year"},
      {"share/year", "andel om året", "share a year"},
      {"share", "andel", "share"},
      {"hours/year", "timer om året", "hours a year"},
      {"hours", "timer", "hours"},
      {"hours per member", "timer pr. medlem", "hours per member"},
      {"persons", "personer", "persons"},
      {"FTE", "årsværk", "FTE"},
      {"young people per FTE", "unge pr. årsværk", "young people per FTE"},
      {"years", "år", "years"},
      {"weeks", "uger", "weeks"},
  };
  for (const FieldLabel& u : kUnits) {
    if (u.pattern == unit)
      return std::string(lang == Lang::kDa ? u.da : u.en);
  }
  return std::string(unit);
}

std::string note_in(const Quantity& q, Lang lang) {
  return lang == Lang::kEn && !q.note_en.empty() ? q.note_en : q.note;
}

std::string distribution_name(Distribution dist, Lang lang) {
  switch (dist) {
    case Distribution::kNone:
      return "";
    case Distribution::kUniform:
      return in_lang(lang, "ligefordeling", "uniform");
    case Distribution::kTriangular:
      return in_lang(lang, "trekantfordeling", "triangular");
    case Distribution::kPert:
      return "PERT";
    case Distribution::kNormal:
      return in_lang(lang, "normalfordeling", "normal");
    case Distribution::kLognormal:
      return in_lang(lang, "lognormalfordeling", "lognormal");
  }
  return "";
}

std::string trend_name(Trend trend, Lang lang) {
  switch (trend) {
    case Trend::kHold:
      return in_lang(lang, "uændret", "unchanged");
    case Trend::kNational:
      return in_lang(lang, "landstrend", "national trend");
    case Trend::kOwn:
      return in_lang(lang, "egen trend", "own trend");
    case Trend::kRevert:
      return in_lang(lang, "mod landsniveau", "towards national level");
  }
  return "";
}

}  // namespace ungegaranti
