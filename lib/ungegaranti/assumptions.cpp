#include "ungegaranti/assumptions.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_set>

#include "ungegaranti/text.hpp"

namespace ungegaranti {

namespace {

std::vector<const Quantity*> every_quantity(const Scenario& s) {
  std::vector<const Quantity*> out = {&s.hours_per_fte, &s.wage_indexation, &s.other_indexation};
  // A track's targeting matters only when it moves a transition; a stated one is listed anyway.
  for (const Track& t : s.tracks) {
    if (t.moves != Lever::kNone || !t.targeting.where.file.empty())
      out.push_back(&t.targeting);
  }
  for (const Role& r : s.roles)
    out.push_back(&r.annual_cost);
  if (const auto& g = s.steering_group) {
    for (const auto& [role, count] : g->members)
      out.push_back(&count);
    out.push_back(&g->meetings_per_year);
    out.push_back(&g->hours_per_meeting);
    if (g->secretariat)
      out.push_back(&g->secretariat->hours_per_year);
  }
  for (const Model& m : s.models) {
    for (const auto& [role, fte] : m.staffing)
      out.push_back(&fte);
    if (m.status_reporting)
      out.push_back(&m.status_reporting->hours_per_year);
    for (const OneOff& o : m.one_off)
      out.push_back(&o.amount);
    for (const Funding& f : m.funding)
      out.push_back(&f.amount);
    for (const auto& [track, effect] : m.effects)
      out.push_back(&effect);
    if (m.company_places)
      out.push_back(&*m.company_places);
  }
  for (const AgeBand& b : s.population)
    out.push_back(&b.count);
  for (const Initiative& ini : s.initiatives) {
    out.push_back(&ini.wage_share);
    for (const auto& in : ini.per_model) {
      if (!in)
        continue;
      out.push_back(&in->participants);
      out.push_back(&in->unit_cost);
      out.push_back(&in->fixed_cost);
      for (const Quantity& r : in->ramp)
        out.push_back(&r);
    }
  }
  if (const auto& c = s.coverage) {
    for (const auto& [band, share] : c->overlap)
      out.push_back(&share);
    if (!c->caseload_role.empty())
      out.push_back(&c->capacity_per_fte);
    if (c->coordination) {
      out.push_back(&c->coordination->capacity_per_fte);
      out.push_back(&c->coordination->available_fte);
    }
  }
  if (const auto& p = s.projection) {
    const Transitions& t = p->baseline;
    for (const Quantity* q : {&t.entry_education, &t.entry_employed, &t.dropout})
      out.push_back(q);
    for (const Quantity& q : t.education_to_work)
      out.push_back(&q);
    for (const Quantity* q :
         {&t.employed_to_neet, &t.employed_to_education, &t.neet_to_education, &t.neet_to_work})
      out.push_back(q);
  }
  if (const auto& e = s.economics) {
    out.push_back(&e->discount_rate);
    if (!e->prices.empty())
      out.push_back(&e->satsregulering);
    for (const Price& p : e->prices)
      out.push_back(&p.amount);
    if (e->refusion)
      out.push_back(&e->refusion->spell_weeks);
    out.push_back(&e->half_life_years);
    for (const Benefit& b : e->benefits)
      out.push_back(b.price.empty() ? &b.amount : &b.share);
  }
  return out;
}

}  // namespace

std::vector<const Quantity*> all_quantities(const Scenario& s) {
  std::vector<const Quantity*> out = every_quantity(s);
  // A ramp shared by the models is listed once, not once per model. A set, not a search of the
  // list so far: a scenario with 18.000 initiatives has 100.000 quantities.
  std::vector<const Quantity*> unique;
  std::unordered_set<std::string_view> seen;
  for (const Quantity* q : out) {
    if (seen.insert(q->path).second)
      unique.push_back(q);
  }
  return unique;
}

std::vector<Quantity*> quantities_at(Scenario& s, const std::string& path) {
  std::vector<Quantity*> out;
  for (const Quantity* q : every_quantity(s)) {
    if (q->path == path)
      out.push_back(const_cast<Quantity*>(q));  // `s` itself is not const
  }
  return out;
}

bool is_assumption(const Quantity& q) {
  std::string source = q.source;
  std::transform(source.begin(), source.end(), source.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
  return source.empty() || source.starts_with("antagelse") || source.starts_with("assumption") ||
         source.starts_with("standardv");  // standardværdi, in any case
}

SourceKind source_kind(const Scenario& s, const Quantity& q) {
  if (is_assumption(q))
    return SourceKind::kAssumption;
  if (!s.proposal_source.empty() && q.source.starts_with(s.proposal_source))
    return SourceKind::kProposal;
  return SourceKind::kPublic;
}

std::string source_kind_name(SourceKind kind, Lang lang) {
  switch (kind) {
    case SourceKind::kProposal:
      return in_lang(lang, "forslaget", "the proposal");
    case SourceKind::kPublic:
      return in_lang(lang, "offentlig kilde", "public source");
    case SourceKind::kAssumption:
      break;
  }
  return in_lang(lang, "antagelse", "assumption");
}

std::optional<Message> illustration_note(const Scenario& s) {
  std::vector<std::string> names;
  for (const Initiative& ini : s.initiatives) {
    if (ini.illustration)
      names.push_back(ini.name);
  }
  if (names.empty())
    return std::nullopt;
  std::string list;
  for (const std::string& name : names)
    list += (list.empty() ? "" : "; ") + name;
  return msg(
      "{} af {} indsatser er værktøjets illustration, ikke forvaltningens tal: {}. Deres "
      "beløb (deltagere, udgift pr. deltager, faste udgifter og indfasning) er antagelser, "
      "som forvaltningens egne tal bør erstatte.",
      "{} of {} initiatives are the tool's illustration, not the administration's figures: "
      "{}. Their amounts (participants, cost per participant, fixed costs and phase-in) "
      "are assumptions for the administration's own figures to replace.",
      names.size(), s.initiatives.size(), list);
}

}  // namespace ungegaranti
