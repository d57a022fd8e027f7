#include "ungegaranti/coverage.hpp"

#include <algorithm>

#include "ungegaranti/cost.hpp"

namespace ungegaranti {

const Quantity* band_overlap(const Scenario& s, std::string_view band) {
  if (s.coverage) {
    for (const auto& [id, share] : s.coverage->overlap) {
      if (id == band)
        return &share;
    }
  }
  return nullptr;
}

std::vector<size_t> CoordinationLoad::over() const {
  std::vector<size_t> out;
  for (size_t t = 0; t < needed_fte.size(); ++t) {
    // A relative tolerance: 150 young people at 50 per FTE need exactly the 3 FTE available.
    if (needed_fte[t] > available_fte * (1 + 1e-12) + 1e-12)
      out.push_back(t);
  }
  return out;
}

ModelCoverage compute_coverage(const Scenario& s, Tier tier) {
  ModelCoverage out;
  out.tier = tier;
  size_t years = static_cast<size_t>(s.year_count);
  std::vector<CostRow> costs = compute_cost(s, tier);
  out.company_places.demand.assign(years, 0.0);
  if (const auto& places = s.model(tier).company_places)
    out.company_places.supply = places->value;

  for (const Initiative& ini : s.initiatives) {
    const auto& in = ini.per_model[static_cast<size_t>(tier)];
    if (!in)
      continue;
    InitiativeCoverage c{ini.id, ini.track, ini.age_band, {}, 0.0};
    for (size_t t = 0; t < years; ++t)
      c.participants.push_back(in->participants.value * in->ramp[t].value);
    for (const CostRow& row : costs) {
      if (row.category == Category::kInitiatives && row.line == ini.id)
        c.cost_dkk += row.dkk;
    }
    if (ini.needs_company_place) {
      for (size_t t = 0; t < years; ++t)
        out.company_places.demand[t] += c.participants[t];
    }
    out.initiatives.push_back(std::move(c));
  }

  for (const AgeBand& band : s.population) {
    const Quantity* overlap = band_overlap(s, band.id);
    BandCoverage b{band.id, band.count.value, overlap != nullptr ? overlap->value : 0.0,
                   std::vector<double>(years), std::vector<double>(years)};
    bool any = false;
    for (const InitiativeCoverage& c : out.initiatives) {
      if (c.band != band.id)
        continue;
      any = true;
      for (size_t t = 0; t < years; ++t)
        b.participants[t] += c.participants[t];
    }
    for (size_t t = 0; t < years; ++t)
      b.distinct[t] = distinct_people(b.participants[t], overlap);
    if (any)
      out.bands.push_back(std::move(b));
  }

  if (s.coverage && !s.coverage->caseload_role.empty()) {
    Caseload load{s.coverage->caseload_role, 0.0, s.coverage->capacity_per_fte.value,
                  std::vector<double>(years)};
    for (const auto& [role, fte] : s.model(tier).staffing) {
      if (role == load.role)
        load.fte += fte.value;
    }
    for (const BandCoverage& b : out.bands) {
      bool counted = false;
      for (const std::string& id : s.coverage->caseload_bands)
        counted = counted || id == b.band;
      for (size_t t = 0; counted && t < years; ++t)
        load.cases[t] += b.distinct[t];
    }
    out.caseload = std::move(load);
  }

  if (s.coverage && s.coverage->coordination) {
    const IndividualCoordination& c = *s.coverage->coordination;
    CoordinationLoad load{c.role, c.capacity_per_fte.value, c.available_fte.value,
                          std::vector<double>(years), std::vector<double>(years)};
    for (const BandCoverage& b : out.bands) {
      if (std::find(c.bands.begin(), c.bands.end(), b.band) == c.bands.end())
        continue;
      for (size_t t = 0; t < years; ++t)
        load.cases[t] += b.distinct[t];
    }
    for (size_t t = 0; t < years; ++t)
      load.needed_fte[t] = load.cases[t] / load.capacity_per_fte;  // capacity > 0 (schema)
    out.coordination = std::move(load);
  }
  return out;
}

}  // namespace ungegaranti
