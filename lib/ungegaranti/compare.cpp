#include "ungegaranti/compare.hpp"

#include <fmt/format.h>

#include "ungegaranti/cost.hpp"
#include "ungegaranti/coverage.hpp"
#include "ungegaranti/economics.hpp"

namespace ungegaranti {

Measures measure(const Scenario& s, Tier tier, const NeetData* data) {
  Measures m;
  size_t years = static_cast<size_t>(s.year_count);
  m.gross.assign(years, 0.0);
  m.net.assign(years, 0.0);
  for (const CostRow& r : compute_cost(s, tier)) {
    size_t t = static_cast<size_t>(r.year - s.first_year);
    m.net[t] += r.dkk;
    if (r.category != Category::kFunding)
      m.gross[t] += r.dkk;
  }
  for (size_t t = 0; t < years; ++t) {
    m.gross_total += m.gross[t];
    m.net_total += m.net[t];
  }
  for (const auto& [role, fte] : s.model(tier).staffing)
    m.fte += fte.value;
  if (!s.population.empty()) {
    double reached = 0;
    for (const BandCoverage& b : compute_coverage(s, tier).bands)
      reached += b.distinct.back();
    m.reached = reached;
  }
  if (s.projection && data != nullptr) {
    int through = s.economics ? economics_last_year(s) : 0;
    ProjectionResult p = project(s, *data, {tier}, through);
    const ModelPath& path = p.models.front();
    const PathYear& at = path.years.at(static_cast<size_t>(path.horizon - p.base_year));
    m.neet_share_pct = at.share_pct;
    m.horizon = path.horizon;
    m.rank_all = at.all;
    m.rank_group = at.group;
    if (path.target != Target::kNone) {
      m.target_met = path.met;
      m.verdict = path.verdict;
      m.met_without = path.met_without;
      m.p_met = path.p_met;
      m.p_met_without = path.p_met_without;
      m.margin_pp = path.margin_pp;
      m.required_scale = path.required_scale;
    }
    if (s.economics) {
      EconomicsResult e = compute_economics(s, p);
      const ModelEconomics& me = e.models.front();
      m.avoided_neet_years = me.avoided_neet_years;
      m.cost_per_avoided = me.cost_per_avoided;
      m.npv_total = me.npv[kForAll];
      m.npv_kommune = me.npv[kForKommune];
    }
  }
  return m;
}

std::vector<std::string> check_comparable(const std::vector<const Scenario*>& scenarios,
                                          Lang lang) {
  std::vector<std::string> notes;
  const Scenario& first = *scenarios.front();
  auto files = [](const Scenario& x) {
    return x.projection
               ? x.projection->shares + "|" + x.projection->groups + "|" + x.projection->national
               : std::string();
  };
  for (const Scenario* s : scenarios) {
    if (s->first_year != first.first_year || s->year_count != first.year_count) {
      throw Error({s->origin, 0, 0}, msg("budgetårene {}-{} afviger fra {}-{} i {}; sammenlign "
                                         "scenarier med de samme budgetår",
                                         "budget years {}-{} differ from {}-{} in {}; compare "
                                         "scenarios with the same budget years",
                                         s->first_year, s->last_year(), first.first_year,
                                         first.last_year(), first.origin));
    }
    if (s->price_base != first.price_base) {
      throw Error({s->origin, 0, 0},
                  msg("prisniveauet {} afviger fra {} i {}; sammenlign scenarier i samme priser",
                      "price base {} differs from {} in {}; compare scenarios in the same prices",
                      s->price_base, first.price_base, first.origin));
    }
    if (s->municipality_code != first.municipality_code) {
      notes.push_back(in_lang(lang, "Forskellige kommuner: {} ({}) i {}, {} ({}) i {}",
                              "Different municipalities: {} ({}) in {}, {} "
                              "({}) in {}",
                              first.municipality_name, first.municipality_code, first.origin,
                              s->municipality_name, s->municipality_code, s->origin));
    }
    if (files(*s) != files(first)) {
      notes.push_back(in_lang(lang, "{} og {} bruger forskellige sammenligningsdata",
                              "{} and {} use different comparison data", first.origin, s->origin));
    }
  }
  return notes;
}

}  // namespace ungegaranti
