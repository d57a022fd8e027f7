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

// Distinct young people an initiative reaches in `year`, as coverage counts them; after the
// budget period the programme runs on at its last budget year's level, before it there is none.
double distinct_in(const ReachTerm& x, const Scenario& s, int year) {
  if (year < s.first_year)
    return 0.0;
  size_t t = static_cast<size_t>(std::min(year, s.last_year()) - s.first_year);
  return distinct_people(x.intensity->participants.value * x.intensity->ramp[t].value, x.overlap);
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
  double sum = 0;
  for (const ReachTerm& x : r.terms) {
    double people = x.band->count.value * at_risk;
    if (!(people > 0))  // nobody at risk: the lever has nothing to move
      continue;
    if (r.lever != Lever::kEntry) {
      sum += distinct_in(x, s, year) / people;
      continue;
    }
    // Pupils aged a in year y turn 16 in y + 16 - a. Each single age holds 1/n of the band's
    // participants and 1/n of its head count (the cohort that turns 16), so the n cancels.
    for (int a = x.band->from; a <= std::min(x.band->to, kFirstNeetAge - 1); ++a)
      sum += distinct_in(x, s, year - (kFirstNeetAge - a)) / people;
  }
  return std::min(1.0, sum * r.targeting->value);
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
