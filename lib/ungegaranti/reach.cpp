#include "ungegaranti/reach.hpp"

#include <algorithm>
#include <cstddef>

#include "ungegaranti/coverage.hpp"
#include "ungegaranti/simd.hpp"

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

namespace {

// The years tabulate() sums side by side: four AVX2 registers, or eight SSE2 ones.
constexpr size_t kLanes = 16;
// Room after each row of shares_ for prepare()'s stores four at a time.
constexpr int kSlack = 3;

// table[j] += row[j + k] for k = 0, 1, ..., ages - 1 in turn, for each j < lanes (a multiple of
// kLanes), from table[j] = 0 for the `first` term: for each year, sum_at()'s additions in
// sum_at()'s order. Then scale(): min(1, table[j] x targeting), as sum_at() ends. The forms differ
// only in how many years one instruction works on, so they give the same numbers to the bit
// (min_pd(x, 1) is x < 1 ? x : 1, which is std::min(1.0, x), NaN included).
#ifdef UNGEGARANTI_X86
void add_rows_sse2(double* table, const double* row, size_t lanes, size_t ages, bool first) {
  for (size_t b = 0; b < lanes; b += kLanes) {
    __m128d sum[kLanes / 2];
    for (size_t i = 0; i < kLanes / 2; ++i)
      sum[i] = first ? _mm_setzero_pd() : _mm_loadu_pd(table + b + 2 * i);
    for (size_t k = 0; k < ages; ++k) {
      for (size_t i = 0; i < kLanes / 2; ++i)
        sum[i] = _mm_add_pd(sum[i], _mm_loadu_pd(row + b + k + 2 * i));
    }
    for (size_t i = 0; i < kLanes / 2; ++i)
      _mm_storeu_pd(table + b + 2 * i, sum[i]);
  }
}

void scale_sse2(double* table, size_t lanes, double targeting) {
  const __m128d by = _mm_set1_pd(targeting), one = _mm_set1_pd(1.0);
  for (size_t j = 0; j < lanes; j += 2)
    _mm_storeu_pd(table + j, _mm_min_pd(_mm_mul_pd(_mm_loadu_pd(table + j), by), one));
}

UNGEGARANTI_AVX2 void add_rows_avx2(double* table, const double* row, size_t lanes, size_t ages,
                                    bool first) {
  for (size_t b = 0; b < lanes; b += kLanes) {
    __m256d sum[kLanes / 4];
    for (size_t i = 0; i < kLanes / 4; ++i)
      sum[i] = first ? _mm256_setzero_pd() : _mm256_loadu_pd(table + b + 4 * i);
    for (size_t k = 0; k < ages; ++k) {
      for (size_t i = 0; i < kLanes / 4; ++i)
        sum[i] = _mm256_add_pd(sum[i], _mm256_loadu_pd(row + b + k + 4 * i));
    }
    for (size_t i = 0; i < kLanes / 4; ++i)
      _mm256_storeu_pd(table + b + 4 * i, sum[i]);
  }
}

UNGEGARANTI_AVX2 void scale_avx2(double* table, size_t lanes, double targeting) {
  const __m256d by = _mm256_set1_pd(targeting), one = _mm256_set1_pd(1.0);
  for (size_t j = 0; j < lanes; j += 4) {
    _mm256_storeu_pd(table + j, _mm256_min_pd(_mm256_mul_pd(_mm256_loadu_pd(table + j), by), one));
  }
}

void add_rows(double* table, const double* row, size_t lanes, size_t ages, bool first) {
  has_avx2() ? add_rows_avx2(table, row, lanes, ages, first)
             : add_rows_sse2(table, row, lanes, ages, first);
}

void scale(double* table, size_t lanes, double targeting) {
  has_avx2() ? scale_avx2(table, lanes, targeting) : scale_sse2(table, lanes, targeting);
}
#else
void add_rows(double* table, const double* row, size_t lanes, size_t ages, bool first) {
  if (first)
    std::fill(table, table + lanes, 0.0);
  for (size_t k = 0; k < ages; ++k) {
    for (size_t j = 0; j < lanes; ++j)
      table[j] += row[j + k];
  }
}

void scale(double* table, size_t lanes, double targeting) {
  for (size_t j = 0; j < lanes; ++j)
    table[j] = std::min(1.0, table[j] * targeting);
}
#endif

}  // namespace

// Distinct young people an initiative reaches in budget year t, as coverage counts them; after the
// budget period the programme runs on at its last budget year's level, before it there is none
// (at() leaves those years out: each would add 0). An entry track's pupils aged a in year y turn
// 16 in y + 16 - a. Each single age holds 1/n of the band's participants and 1/n of its head count
// (the cohort that turns 16), so the n cancels: each age adds the band's whole share.
void ReachYears::prepare(const TrackReach& r, const Scenario& s, double at_risk, int from_year,
                         int to_year) {
  first_year_ = s.first_year;
  last_index_ = s.year_count - 1;
  targeting_ = r.targeting->value;
  from_ = from_year;
  end_ = std::max(from_year, to_year + 1);
  terms_.clear();
  for (const ReachTerm& x : r.terms) {
    double people = x.band->count.value * at_risk;
    if (!(people > 0))  // nobody at risk: the lever has nothing to move
      continue;
    Term term{&x, people};
    if (r.lever == Lever::kEntry) {
      term.ages = std::min(x.band->to, kFirstNeetAge - 1) - x.band->from + 1;
      term.first_lag = kFirstNeetAge - x.band->from;
    }
    terms_.push_back(term);
  }
  size_t years = static_cast<size_t>(end_ - from_);
  size_t lanes = (years + kLanes - 1) / kLanes * kLanes;
  if (!same_layout(lanes))
    lay_out(lanes);
  for (size_t i = 0; i < terms_.size(); ++i) {
    const ReachTerm& x = *terms_[i].source;
    double* share = shares_.data() + rows_[i].zero;
    double participants = x.intensity->participants.value, people = terms_[i].people;
    // distinct_people(n, overlap) is n x distinct_people(1, overlap), exactly (1 x y is y).
    double distinct = distinct_people(1.0, x.overlap);
    const Quantity* ramp = x.intensity->ramp.data();
    for (int t = 0; t <= last_index_; ++t)
      share[t] = participants * ramp[t].value * distinct / people;
    // Then the last budget year's again, four at a time (up to three into the slack).
    double last = share[last_index_];
    for (int t = last_index_ + 1; t < rows_[i].end; t += 4) {
      share[t] = last;
      share[t + 1] = last;
      share[t + 2] = last;
      share[t + 3] = last;
    }
  }
  if (lanes > 0)
    tabulate(lanes);
}

bool ReachYears::same_layout(size_t lanes) const {
  if (lanes != layout_lanes_ || (lanes > 0 && from_ != layout_from_) ||
      first_year_ != layout_first_year_ || last_index_ != layout_last_index_ ||
      terms_.size() != rows_.size())
    return false;
  for (size_t i = 0; i < terms_.size(); ++i) {
    if (terms_[i].ages != rows_[i].ages || terms_[i].first_lag != rows_[i].first_lag)
      return false;
  }
  return true;
}

// Year j of the table (from_ + j) reads age k's share at t = base + j + k, base = from_ -
// first_year_ - first_lag: from t = base to base + lanes + ages - 2, and sum_at() reads 0 to
// last_index_.
void ReachYears::lay_out(size_t lanes) {
  rows_.clear();
  size_t size = 0;
  for (const Term& term : terms_) {
    int lo = 0, hi = last_index_ + 1;
    if (lanes > 0) {
      int base = from_ - first_year_ - term.first_lag;
      lo = std::min(lo, base);
      hi = std::max(hi, base + static_cast<int>(lanes) + term.ages - 1);
    }
    rows_.push_back({term.ages, term.first_lag, size + static_cast<size_t>(-lo), hi});
    size += static_cast<size_t>(hi - lo + kSlack);
  }
  shares_.assign(size, 0.0);
  layout_lanes_ = lanes;
  layout_from_ = from_;
  layout_first_year_ = first_year_;
  layout_last_index_ = last_index_;
}

// Each term's shares lie along the table's years (age k of year j at base + j + k), with 0 where
// sum_at() skips a year before the first budget year: x + 0 is x, as no sum here is -0 (each
// starts at +0). The lanes past end_ sum what nobody reads.
void ReachYears::tabulate(size_t lanes) {
  table_.resize(lanes);
  double* table = table_.data();
  if (terms_.empty())
    std::fill(table, table + lanes, 0.0);
  for (size_t i = 0; i < rows_.size(); ++i) {
    int base = from_ - first_year_ - rows_[i].first_lag;
    const double* row = shares_.data() + static_cast<std::ptrdiff_t>(rows_[i].zero) + base;
    add_rows(table, row, lanes, static_cast<size_t>(rows_[i].ages), i == 0);
  }
  scale(table, lanes, targeting_);
}

double ReachYears::sum_at(int year) const {
  double sum = 0;
  for (const Row& row : rows_) {
    // Ages from the youngest: the lag falls by one a year of age.
    for (int k = 0; k < row.ages; ++k) {
      int t = year - (row.first_lag - k) - first_year_;
      if (t < 0)
        continue;
      sum += shares_[row.zero + static_cast<size_t>(std::min(t, last_index_))];
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
