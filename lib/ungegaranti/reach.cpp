#include "ungegaranti/reach.hpp"

#include <algorithm>

#include "ungegaranti/coverage.hpp"

namespace ungegaranti {
namespace {

// Whether a band's people can be moved by a lever: the NEET ages, or for entry, pupils below 16.
bool band_reaches(const AgeBand& band, Lever lever) {
  if (lever == Lever::kNone)
    return false;
  if (lever == Lever::kEntry)
    return band.from < kFirstNeetAge;
  return band.to >= kFirstNeetAge && band.from <= kLastNeetAge;
}

}  // namespace

TrackReach track_reach(const Scenario& s, Tier tier, const Track& track) {
  TrackReach out{track.moves, &track.targeting, {}};
  for (const Initiative& ini : s.initiatives) {
    const auto& in = ini.per_model[static_cast<size_t>(tier)];
    if (ini.track != track.id || !in)
      continue;
    const AgeBand* band = s.band(ini.age_band);
    if (band != nullptr && band_reaches(*band, track.moves))
      out.terms.push_back({&*in, band, band_overlap(s, band->id)});
  }
  return out;
}

double reach_in(const TrackReach& r, const Scenario& s, int year, double at_risk) {
  ReachYears years;
  years.prepare(r, s, at_risk);
  return years.at(year);
}

// Distinct young people an initiative reaches in budget year t, as coverage counts them; after the
// budget period the programme runs on at its last budget year's level, before it there is none
// (at() leaves those years out: each would add 0). An entry track's pupils aged a in year y turn
// 16 in y + 16 - a. Each single age holds 1/n of the band's participants and 1/n of its head count
// (the cohort that turns 16), so the n cancels: each age adds the band's whole share.
void ReachYears::prepare(const TrackReach& r, const Scenario& s, double at_risk, int from_year,
                         int to_year) {
  terms_.clear();
  share_.clear();
  first_year_ = s.first_year;
  last_index_ = s.year_count - 1;
  targeting_ = r.targeting->value;
  size_t years = static_cast<size_t>(s.year_count);
  for (const ReachTerm& x : r.terms) {
    double people = x.band->count.value * at_risk;
    if (!(people > 0))  // nobody at risk: the lever has nothing to move
      continue;
    Term term;
    term.offset = share_.size();
    if (r.lever == Lever::kEntry) {
      term.ages = std::min(x.band->to, kFirstNeetAge - 1) - x.band->from + 1;
      term.first_lag = kFirstNeetAge - x.band->from;
    }
    for (size_t t = 0; t < years; ++t) {
      share_.push_back(
          distinct_people(x.intensity->participants.value * x.intensity->ramp[t].value, x.overlap) /
          people);
    }
    terms_.push_back(term);
  }
  tabulate(from_year, to_year);
}

void ReachYears::tabulate(int from_year, int to_year) {
  from_ = from_year;
  table_.assign(static_cast<size_t>(std::max(0, to_year - from_year + 1)), 0.0);
  for (const Term& term : terms_) {
    const double* share = &share_[term.offset];
    for (int k = 0; k < term.ages; ++k) {
      // As sum_at(): budget year index t = year - shift; years with t < 0 add nothing, those past
      // the last budget year add its share.
      int shift = first_year_ + term.first_lag - k;
      int begin = std::max(from_year, shift), end = std::min(to_year, shift + last_index_);
      for (int year = begin; year <= end; ++year)
        table_[static_cast<size_t>(year - from_year)] += share[year - shift];
      double last = share[last_index_];
      for (int year = std::max(from_year, shift + last_index_ + 1); year <= to_year; ++year)
        table_[static_cast<size_t>(year - from_year)] += last;
    }
  }
  for (double& x : table_)
    x = std::min(1.0, x * targeting_);
}

double ReachYears::at(int year) const {
  if (year >= from_ && year - from_ < static_cast<int>(table_.size()))
    return table_[static_cast<size_t>(year - from_)];
  return sum_at(year);
}

double ReachYears::sum_at(int year) const {
  double sum = 0;
  for (const Term& term : terms_) {
    // Ages from the youngest: the lag falls by one a year of age.
    for (int k = 0; k < term.ages; ++k) {
      int t = year - (term.first_lag - k) - first_year_;
      if (t < 0)
        continue;
      sum += share_[term.offset + static_cast<size_t>(std::min(t, last_index_))];
    }
  }
  return std::min(1.0, sum * targeting_);
}

int reach_settled_year(const TrackReach& r, const Scenario& s) {
  int settled = s.last_year();
  if (r.lever == Lever::kEntry) {
    for (const ReachTerm& x : r.terms)
      settled = std::max(settled, s.last_year() + kFirstNeetAge - x.band->from);
  }
  return settled;
}

std::vector<UnmodelledInitiative> unmodelled_initiatives(const Scenario& s) {
  std::vector<UnmodelledInitiative> out;
  if (!s.projection)
    return out;
  for (const Initiative& ini : s.initiatives) {
    const Track* track = s.track(ini.track);
    const AgeBand* band = s.band(ini.age_band);
    bool in_a_model = false, moves = false;
    for (Tier tier : kAllTiers) {
      if (!ini.per_model[static_cast<size_t>(tier)])
        continue;
      in_a_model = true;
      const auto& effects = s.model(tier).effects;
      bool effect = std::any_of(effects.begin(), effects.end(),
                                [&](const auto& e) { return e.first == ini.track; });
      moves = moves || (effect && band != nullptr && band_reaches(*band, track->moves));
    }
    if (!in_a_model || moves)
      continue;
    NoEffect why = track->moves == Lever::kNone ? NoEffect::kTrackMovesNothing
                   : band == nullptr || !band_reaches(*band, track->moves)
                       ? NoEffect::kAgesOutside
                       : NoEffect::kNoEffectOnTrack;
    out.push_back({ini.id, ini.track, ini.age_band, why});
  }
  return out;
}

Message no_effect_text(const Scenario& s, const UnmodelledInitiative& u) {
  const Track* track = s.track(u.track);
  std::string track_name = track != nullptr ? track->name : u.track;
  switch (u.why) {
    case NoEffect::kTrackMovesNothing:
      return msg("ingen modelleret effekt: {} flytter ingen overgang i fremskrivningen",
                 "no modelled effect: {} moves no transition of the projection", track_name);
    case NoEffect::kAgesOutside: {
      const AgeBand* band = s.band(u.band);
      bool entry = track != nullptr && track->moves == Lever::kEntry;
      int from = band != nullptr ? band->from : 0, to = band != nullptr ? band->to : 0;
      if (entry) {
        return msg(
            "ingen modelleret effekt: aldersgruppen {}-{} år har ingen alder under 16, så ingen "
            "når overgangen til 16 år",
            "no modelled effect: the age band {}-{} has no age below 16, so nobody reaches the "
            "entry at 16",
            from, to);
      }
      return msg(
          "ingen modelleret effekt: aldersgruppen {}-{} år ligger uden for de 16-24-årige, som "
          "fremskrivningen følger",
          "no modelled effect: the age band {}-{} lies outside the 16-24-year-olds the "
          "projection follows",
          from, to);
    }
    case NoEffect::kNoEffectOnTrack:
      break;
  }
  return msg("ingen modelleret effekt: ingen model med indsatsen angiver en effekt for {}",
             "no modelled effect: no model that has the initiative states an effect for {}",
             track_name);
}

}  // namespace ungegaranti
