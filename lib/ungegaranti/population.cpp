#include "ungegaranti/population.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "ungegaranti/comparison.hpp"
#include "ungegaranti/number_format.hpp"

namespace ungegaranti {

const MunicipalityPopulation* PopulationData::find(int code) const {
  auto at = std::find_if(municipalities.begin(), municipalities.end(),
                         [code](const MunicipalityPopulation& m) { return m.code == code; });
  return at == municipalities.end() ? nullptr : &*at;
}

const PopulationData& builtin_population() {
  // The shipped file is checked by a test; parsing it cannot fail in a build that passed.
  static const PopulationData data =
      parse_population(builtin_data_text(kBuiltinPopulation), std::string(kBuiltinPopulation));
  return data;
}

std::string nearest_municipalities(int code, const PopulationData& data) {
  const MunicipalityPopulation* below = nullptr;
  const MunicipalityPopulation* above = nullptr;
  for (const MunicipalityPopulation& m : data.municipalities) {
    if (m.code < code && (below == nullptr || m.code > below->code))
      below = &m;
    if (m.code > code && (above == nullptr || m.code < above->code))
      above = &m;
  }
  std::string out;
  for (const MunicipalityPopulation* m : {below, above}) {
    if (m != nullptr)
      out += fmt::format("{}{} {}", out.empty() ? "" : ", ", m->code, m->name);
  }
  return out;
}

bool same_source(const SourceLocation& a, const SourceLocation& b) {
  return a.file == b.file || (a.file.starts_with("--set ") && b.file.starts_with("--set "));
}

namespace {

std::string count_text(double value) { return format_shortest(value, 2, Lang::kDa); }

// The head count of `band` written for `from`, scaled to `to` (docs/method.md).
void derive(Quantity& count, const MunicipalityPopulation& from, const MunicipalityPopulation& to) {
  double ratio = static_cast<double>(to.total) / static_cast<double>(from.total);
  std::string written = count_text(count.value);
  std::string old_note = count.note;
  count.value *= ratio;
  if (count.low)
    *count.low *= ratio;
  if (count.high)
    *count.high *= ratio;
  count.source =
      fmt::format("antagelse, afledt: {} × {} / {} (DST FOLK1AM 1.1.2024: {} / {})", written,
                  count_text(to.total), count_text(from.total), to.name, from.name);
  count.note = fmt::format(
      "Derived for {} ({}): the scenario's head count for {} ({} of {} inhabitants) as a share, "
      "applied to {}'s {} inhabitants on 1 January 2024 (DST FOLK1AM); the range is scaled the "
      "same way. The scenario's note for {}: {}",
      to.name, to.code, from.name, written, count_text(from.total), to.name, count_text(to.total),
      from.name, old_note.empty() ? "-" : old_note);
}

}  // namespace

void localize(Scenario& scenario, const SourceLocation& code_where, const PopulationData& data) {
  if (scenario.written_for == scenario.municipality_code)
    return;
  const MunicipalityPopulation* from = data.find(scenario.written_for);
  const MunicipalityPopulation* to = data.find(scenario.municipality_code);
  if (from == nullptr || to == nullptr)
    return;  // the schema has reported the unknown code
  for (AgeBand& band : scenario.population) {
    if (same_source(band.count.where, code_where))
      continue;  // written for this municipality, next to its code
    derive(band.count, *from, *to);
    scenario.population_derived = true;
  }
}

std::optional<Message> municipality_warning(const Scenario& scenario) {
  if (scenario.written_for == 0 || scenario.written_for == scenario.municipality_code)
    return std::nullopt;
  const PopulationData& data = builtin_population();
  const MunicipalityPopulation* from = data.find(scenario.written_for);
  std::string written = from == nullptr ? std::to_string(scenario.written_for)
                                        : fmt::format("{} ({})", from->name, from->code);
  std::string now = fmt::format("{} ({})", scenario.municipality_name, scenario.municipality_code);
  Message derived = scenario.population_derived
                        ? msg("; aldersgruppernes antal er afledt af folketallet i {}",
                              "; the age bands' head counts are derived from the population of {}",
                              scenario.municipality_name)
                        : Message{};
  return msg(
      "advarsel: scenariets deltagere og indsatser er skrevet til {}, men beregningen gælder {}; "
      "deltagertal, stillinger og udgifter er uændrede{}",
      "warning: the scenario's participants and initiatives were written for {}, but it is run "
      "for {}; participants, staff and costs are unchanged{}",
      written, now, derived);
}

}  // namespace ungegaranti
