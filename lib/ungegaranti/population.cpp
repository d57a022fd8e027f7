#include "ungegaranti/population.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>

#include "ungegaranti/neet_data.hpp"
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

std::string derived_source(double written, const MunicipalityPopulation& from,
                           const MunicipalityPopulation& to) {
  return fmt::format("{}{} × {} / {} (DST FOLK1AM 1.1.2024: {} / {})", kDerivedSource,
                     count_text(written), count_text(to.total), count_text(from.total), to.name,
                     from.name);
}

std::string derived_note(double written, const std::string& old_note,
                         const MunicipalityPopulation& from, const MunicipalityPopulation& to) {
  return fmt::format(
      "Derived for {} ({}): the scenario's head count for {} ({} of {} inhabitants) as a share, "
      "applied to {}'s {} inhabitants on 1 January 2024 (DST FOLK1AM); the range is scaled the "
      "same way. The scenario's note for {}: {}",
      to.name, to.code, from.name, count_text(written), count_text(from.total), to.name,
      count_text(to.total), from.name, old_note.empty() ? "-" : old_note);
}

double ratio(const MunicipalityPopulation& from, const MunicipalityPopulation& to) {
  return static_cast<double>(to.total) / static_cast<double>(from.total);
}

std::optional<double> number_of(const Tree* node) {
  if (node == nullptr || !node->is_scalar() || node->quoted)
    return std::nullopt;
  double v = 0;
  const std::string& s = node->scalar;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v))
    return std::nullopt;
  return v;
}

std::optional<int> code_of(const Tree* node, const PopulationData& data) {
  std::optional<double> v = number_of(node);
  // Kommunekoder are three digits; anything outside 0-9999 is no code (and would not fit an int).
  if (!v || *v != std::floor(*v) || *v < 0 || *v > 9999 ||
      data.find(static_cast<int>(*v)) == nullptr)
    return std::nullopt;
  return static_cast<int>(*v);
}

Tree scalar(std::string key, std::string text, const SourceLocation& where, bool quoted) {
  Tree t;
  t.kind = Tree::Kind::kScalar;
  t.key = std::move(key);
  t.scalar = std::move(text);
  t.quoted = quoted;
  t.where = where;
  t.key_where = where;
  return t;
}

// Sets `key` of the mapping `map` to a scalar, keeping the key's place and location if it is there.
void set_scalar(Tree& map, const std::string& key, std::string text, bool quoted) {
  if (Tree* at = map.find(key)) {
    SourceLocation key_where = at->key_where;
    *at = scalar(key, std::move(text), at->where, quoted);
    at->key_where = key_where;
  } else {
    map.items.push_back(scalar(key, std::move(text), map.where, quoted));
  }
}

// One band's count, written for `from`, scaled to `to`: each of value, low and high that the
// layer of the new code (`code_where`) does not give itself (a mapping merges key by key, so a
// layer may give the value and keep the base's range). A count that is not a number is left for
// the schema to report.
void derive_count(Tree& count, const MunicipalityPopulation& from, const MunicipalityPopulation& to,
                  const SourceLocation& code_where) {
  if (count.is_scalar()) {
    if (same_source(count.where, code_where) || !number_of(&count))
      return;
    Tree map;
    map.kind = Tree::Kind::kMap;
    map.key = count.key;
    map.where = count.where;
    map.key_where = count.key_where;
    map.items.push_back(scalar("value", count.scalar, count.where, false));
    count = std::move(map);
  }
  if (!count.is_map())
    return;
  const Tree* value_node = count.find("value");
  std::optional<double> value = number_of(value_node);
  if (!value || same_source(value_node->where, code_where))
    return;
  for (const char* key : {"value", "low", "high"}) {
    const Tree* node = count.find(key);
    std::optional<double> v = number_of(node);
    if (v && !same_source(node->where, code_where))
      set_scalar(count, key, fmt::format("{}", *v * ratio(from, to)), false);
  }
  const Tree* note = count.find("note");
  std::string old_note = note != nullptr && note->is_scalar() ? note->scalar : "";
  set_scalar(count, "source", derived_source(*value, from, to), true);
  set_scalar(count, "note", derived_note(*value, old_note, from, to), true);
}

}  // namespace

void localize_tree(Tree& root, const Tree* before, const PopulationData& data) {
  Tree* m = root.is_map() ? root.find("municipality") : nullptr;
  if (m == nullptr || !m->is_map())
    return;
  const Tree* code_node = m->find("code");
  std::optional<int> code = code_of(code_node, data);
  std::optional<int> old_code = code_of(before, data);
  if (!code || !old_code || *code == *old_code)
    return;
  SourceLocation code_where = code_node->where;
  const MunicipalityPopulation& from = *data.find(*old_code);
  const MunicipalityPopulation& to = *data.find(*code);

  const Tree* name = m->find("name");
  bool name_given = name != nullptr && name->is_scalar() && same_source(name->where, code_where);
  std::string old_name =
      name != nullptr && name->is_scalar() && !name_given ? name->scalar : from.name;
  std::string new_name = name_given ? name->scalar : to.name;
  if (!name_given)
    set_scalar(*m, "name", to.name, true);
  if (Tree* title = root.find("title"); title != nullptr && title->is_scalar() &&
                                        !same_source(title->where, code_where) &&
                                        !old_name.empty()) {
    for (size_t at = title->scalar.find(old_name); at != std::string::npos;
         at = title->scalar.find(old_name, at + new_name.size())) {
      title->scalar.replace(at, old_name.size(), new_name);
    }
  }
  Tree* population = root.find("population");
  if (population == nullptr || !population->is_seq())
    return;
  for (Tree& band : population->items) {
    if (Tree* count = band.is_map() ? band.find("count") : nullptr)
      derive_count(*count, from, to, code_where);
  }
}

void scale_population(Scenario& scenario, int from_code, const PopulationData& data) {
  const MunicipalityPopulation* from = data.find(from_code);
  const MunicipalityPopulation* to = data.find(scenario.municipality_code);
  assert(from != nullptr && to != nullptr);
  if (from_code == scenario.municipality_code)
    return;
  for (AgeBand& band : scenario.population) {
    Quantity& q = band.count;
    double written = q.value;
    q.value *= ratio(*from, *to);
    if (q.low)
      *q.low *= ratio(*from, *to);
    if (q.high)
      *q.high *= ratio(*from, *to);
    q.source = derived_source(written, *from, *to);
    q.note = derived_note(written, q.note, *from, *to);
  }
  scenario.population_derived = true;
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
