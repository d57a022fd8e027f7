#include "ungegaranti/reach.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>

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

std::vector<const double*> ramp_values(const TrackReach& r) {
  std::vector<const double*> out;
  for (const ReachTerm& x : r.terms) {
    for (const Quantity& q : x.intensity->ramp)
      out.push_back(&q.value);
  }
  return out;
}

double reach_in(const TrackReach& r, const Scenario& s, int year, double at_risk) {
  ReachYears years;
  years.prepare(r, s, at_risk);
  return years.at(year);
}

namespace {

using Row = ReachLayout::Row;
using Window = ReachLayout::Window;

// The table sums the years in blocks of four AVX2 registers (eight SSE2 ones), then a block of
// fewer: the years it works out, rounded up to a multiple of kVector.
constexpr size_t kBlock = 16, kVector = 4;

// The values a term's ramp takes in ReachLayout::ramps (fixed_ramps): up to eight budget years.
constexpr size_t kRampCopy = 8;

void lay_out(ReachLayout& l, const TrackReach& r, const Scenario& s, double at_risk, int from,
             int end);

// The first draw, or other years or terms: lays out anew, then works the draw out (which then
// fits the layout).
[[gnu::noinline]] void draw_anew(ReachLayout& l, const TrackReach& r, const Scenario& s,
                                 double at_risk, int from, int end) {
  lay_out(l, r, s, at_risk, from, end);
  l.draw(l, r, s, at_risk, from, end);
}

// Whether the layout holds for these years and this number of terms.
bool same_years(const ReachLayout& l, const TrackReach& r, const Scenario& s, int from, int end) {
  return r.lever == l.lever && s.first_year == l.first_year && s.year_count - 1 == l.last_index &&
         from == l.from && end == l.end && l.rows.size() == r.terms.size() &&
         r.fixed_ramps == l.fixed_ramps;
}

// A term's people at risk for the values at hand, or nothing when the layout does not hold for it:
// someone at risk now and nobody then, or the other way, or other ages.
std::optional<double> people_at_risk(const ReachTerm& x, const Row& row, double at_risk) {
  const AgeBand& band = *x.band;
  double people = band.count.value * at_risk;
  if ((people > 0) != row.live || band.from != row.band_from || band.to != row.band_to)
    return std::nullopt;
  return people;
}

// A draw comes in two forms that give the same numbers to the bit. Each live term's shares:
// share[t] = participants x ramp[t] x distinct / people for the budget years t, then the last of
// them again up to the row's fill_end. Then, with a table, for each of its years j (a lane):
// min(1, sum x targeting), where sum starts at +0 and adds the shares at w.offset + j + k for
// k = 0, 1, ..., w.ages - 1 for each window w in turn: sum_at()'s additions in sum_at()'s order,
// and its cap (min_pd(x, 1) is x < 1 ? x : 1, which is std::min(1.0, x), NaN included). The years
// after the first `computed` repeat the last of them. The forms differ only in how many numbers
// one instruction works on.

// The baseline's shares; false, part written, when a term does not fit the layout.
bool write_shares(ReachLayout& l, const ReachTerm* terms, double at_risk) {
  int years = l.last_index + 1;
  for (size_t i = 0; i < l.rows.size(); ++i) {
    const Row& row = l.rows[i];
    std::optional<double> people = people_at_risk(terms[i], row, at_risk);
    if (!people)
      return false;
    if (!row.live)
      continue;
    // distinct_people(n, overlap) is n x distinct_people(1, overlap), exactly (1 x y is y).
    double participants = terms[i].intensity->participants.value;
    double distinct = distinct_people(1.0, terms[i].overlap);
    const Quantity* ramp = terms[i].intensity->ramp.data();
    double* share = l.shares.data() + row.zero;
    for (int t = 0; t < years; ++t)
      share[t] = participants * ramp[t].value * distinct / *people;
    std::fill(share + years, share + row.fill_end, share[years - 1]);
  }
  return true;
}

#ifdef UNGEGARANTI_X86
template <size_t V>
void sum_block_sse2(double* table, const double* shares, const Window* windows, size_t n,
                    double targeting) {
  __m128d sum[V];
  for (size_t v = 0; v < V; ++v)
    sum[v] = _mm_setzero_pd();
  for (size_t i = 0; i < n; ++i) {
    const double* row = shares + windows[i].offset;
    for (size_t k = 0; k < windows[i].ages; ++k) {
      for (size_t v = 0; v < V; ++v)
        sum[v] = _mm_add_pd(sum[v], _mm_loadu_pd(row + k + 2 * v));
    }
  }
  const __m128d by = _mm_set1_pd(targeting), one = _mm_set1_pd(1.0);
  for (size_t v = 0; v < V; ++v)
    _mm_storeu_pd(table + 2 * v, _mm_min_pd(_mm_mul_pd(sum[v], by), one));
}

void sum_windows(ReachLayout& l) {
  const Window* w = l.windows.data();
  const double* shares = l.shares.data();
  double* table = l.table.data();
  size_t n = l.windows.size(), b = 0;
  for (; b + kBlock <= l.lanes; b += kBlock)
    sum_block_sse2<8>(table + b, shares + b, w, n, l.targeting);
  switch (l.lanes - b) {
    case 12:
      sum_block_sse2<6>(table + b, shares + b, w, n, l.targeting);
      break;
    case 8:
      sum_block_sse2<4>(table + b, shares + b, w, n, l.targeting);
      break;
    case 4:
      sum_block_sse2<2>(table + b, shares + b, w, n, l.targeting);
      break;
    default:
      break;
  }
}
#else
void sum_windows(ReachLayout& l) {
  for (size_t j = 0; j < l.lanes; ++j) {
    double sum = 0;
    for (const Window& w : l.windows) {
      for (size_t k = 0; k < w.ages; ++k)
        sum += l.shares[w.offset + j + k];
    }
    l.table[j] = std::min(1.0, sum * l.targeting);
  }
}
#endif

void draw_baseline(ReachLayout& l, const TrackReach& r, const Scenario& s, double at_risk, int from,
                   int end) {
  if (!same_years(l, r, s, from, end) || !write_shares(l, r.terms.data(), at_risk))
    return draw_anew(l, r, s, at_risk, from, end);
  l.targeting = r.targeting->value;
  if (l.lanes > 0) {
    sum_windows(l);
    double* table = l.table.data();
    std::fill(table + l.computed, table + l.years, table[l.computed - 1]);
  }
}

#ifdef UNGEGARANTI_X86
// Lanes `first` .. first + 4 V - 1. A load whose four shares all lie before the first budget year
// (0) is left out: each sum starts at +0 and so is never -0, and x + 0 is x to the bit. The entry
// track's windows start ten years before it (pupils aged 6 turn 16 ten years later), so that
// 12 lanes x 10 ages need 20 loads and additions a term instead of 30.
template <size_t V>
UNGEGARANTI_AVX2 void sum_block_avx2(double* table, const double* shares, size_t first,
                                     const Window* windows, size_t n, double targeting) {
  __m256d sum[V];
  for (size_t v = 0; v < V; ++v)
    sum[v] = _mm256_setzero_pd();
  for (size_t i = 0; i < n; ++i) {
    const double* row = shares + first + windows[i].offset;
    const size_t ages = windows[i].ages, lead = windows[i].lead;
    // Unrolled, so that the sums stay in registers.
#pragma GCC unroll 4
    for (size_t v = 0; v < V; ++v) {
      // Loads k with first + 4 v + k + 3 < lead read only zeros.
      const size_t end = first + 4 * v + 3;
      size_t k = lead > end ? std::min(lead - end, ages) : 0;
#pragma GCC unroll 2
      for (; k < ages; ++k)
        sum[v] = _mm256_add_pd(sum[v], _mm256_loadu_pd(row + k + 4 * v));
    }
  }
  const __m256d by = _mm256_set1_pd(targeting), one = _mm256_set1_pd(1.0);
  for (size_t v = 0; v < V; ++v)
    _mm256_storeu_pd(table + first + 4 * v, _mm256_min_pd(_mm256_mul_pd(sum[v], by), one));
}

UNGEGARANTI_AVX2 void sum_windows_avx2(ReachLayout& l) {
  const Window* w = l.windows.data();
  const double* shares = l.shares.data();
  double* table = l.table.data();
  size_t n = l.windows.size(), b = 0, lanes = l.lanes;
  double targeting = l.targeting;
  for (; b + kBlock <= lanes; b += kBlock)
    sum_block_avx2<4>(table, shares, b, w, n, targeting);
  switch (lanes - b) {
    case 12:
      sum_block_avx2<3>(table, shares, b, w, n, targeting);
      break;
    case 8:
      sum_block_avx2<2>(table, shares, b, w, n, targeting);
      break;
    case 4:
      sum_block_avx2<1>(table, shares, b, w, n, targeting);
      break;
    default:
      break;
  }
}

// Four budget years of a term's ramp. The values lie one Quantity apart; they are read one by one
// rather than by a gather, which on AMD's Zen 3 cost more than the division after it. Of the
// last four, only those before the end are read (`left`, at least 1), the others are 0. (One
// whole vector per case: merging halves loaded under conditions made GCC 12 move registers by
// an encoding of vmovq that valgrind 3.19 cannot run.)
UNGEGARANTI_AVX2 inline __m256d four_ramp(const Quantity* ramp, int left) {
  const double first = ramp[0].value;
  switch (left) {
    case 1:
      return _mm256_set_pd(0, 0, 0, first);
    case 2:
      return _mm256_set_pd(0, 0, ramp[1].value, first);
    case 3:
      return _mm256_set_pd(0, ramp[2].value, ramp[1].value, first);
    default:
      return _mm256_set_pd(ramp[3].value, ramp[2].value, ramp[1].value, first);
  }
}

// Four budget years of a term's shares at once, from four of its ramp (four_ramp()); the lanes
// after the end give what nobody reads, into the row's room to spare.
UNGEGARANTI_AVX2 inline __m256d four_shares(__m256d ramp, __m256d p, __m256d d, __m256d q) {
  return _mm256_div_pd(_mm256_mul_pd(_mm256_mul_pd(p, ramp), d), q);
}

// One term's values for four_shares(), each in every lane: its participants, its distinct share
// of them, and its people at risk; and its ramp, and the layout's copy of it (fixed_ramps) or
// nullptr.
struct TermLanes {
  __m256d participants, distinct, people;
  const Quantity* ramp;
  const double* copy;
};

UNGEGARANTI_AVX2 inline TermLanes term_lanes(const ReachTerm& term, double people,
                                             const double* copy) {
  return {_mm256_set1_pd(term.intensity->participants.value),
          _mm256_set1_pd(distinct_people(1.0, term.overlap)), _mm256_set1_pd(people),
          term.intensity->ramp.data(), copy};
}

// Where the layout's copy of term i's ramp is (nullptr without one), or false when the copy is
// another term's: the same shape of reach, other initiatives.
bool ramp_copy(const ReachLayout& l, const ReachTerm& term, size_t i, const double*& copy) {
  copy = nullptr;
  if (l.ramps.empty())
    return true;
  copy = l.ramps.data() + kRampCopy * i;
  return term.intensity == l.rows[i].intensity;
}

// A term's shares for at most eight budget years, written at `share` and returned (`next` only
// where there are more than four years).
struct EightShares {
  __m256d first, next;
};

UNGEGARANTI_AVX2 inline EightShares write_shares(double* share, const TermLanes& x, int years) {
  __m256d ramp = x.copy != nullptr ? _mm256_loadu_pd(x.copy) : four_ramp(x.ramp, years);
  EightShares out{four_shares(ramp, x.participants, x.distinct, x.people), _mm256_setzero_pd()};
  _mm256_storeu_pd(share, out.first);
  if (years > 4) {
    ramp = x.copy != nullptr ? _mm256_loadu_pd(x.copy + 4) : four_ramp(x.ramp + 4, years - 4);
    out.next = four_shares(ramp, x.participants, x.distinct, x.people);
    _mm256_storeu_pd(share + 4, out.next);
  }
  return out;
}

// A row's shares after the last budget year, up to its fill_end: the last budget year's.
UNGEGARANTI_AVX2 inline void fill_after(double* share, int years, int fill_end) {
  const __m256d last = _mm256_broadcast_sd(share + years - 1);
  for (int t = years; t < fill_end; t += 4)
    _mm256_storeu_pd(share + t, last);
}

// The table's years after those worked out: the settled year's.
UNGEGARANTI_AVX2 inline void fill_settled(ReachLayout& l) {
  double* table = l.table.data();
  const __m256d settled = _mm256_broadcast_sd(table + l.computed - 1);
  for (size_t j = l.computed, years_tabulated = l.years; j < years_tabulated; j += 4)
    _mm256_storeu_pd(table + j, settled);
}

UNGEGARANTI_AVX2 void draw_avx2(ReachLayout& l, const TrackReach& r, const Scenario& s,
                                double at_risk, int from, int end) {
  if (!same_years(l, r, s, from, end))
    return draw_anew(l, r, s, at_risk, from, end);
  const int years = l.last_index + 1;
  const ReachTerm* terms = r.terms.data();
  const Row* rows = l.rows.data();
  const size_t n = l.rows.size();
  double* shares = l.shares.data();
  for (size_t i = 0; i < n; ++i) {
    const Row& row = rows[i];
    std::optional<double> people = people_at_risk(terms[i], row, at_risk);
    if (!people)
      return draw_anew(l, r, s, at_risk, from, end);
    if (!row.live)
      continue;
    const TermLanes x = term_lanes(terms[i], *people, nullptr);
    double* share = shares + row.zero;
    if (years <= 8) {
      write_shares(share, x, years);
    } else {
      for (int t = 0; t < years; t += 4) {
        _mm256_storeu_pd(share + t, four_shares(four_ramp(x.ramp + t, years - t), x.participants,
                                                x.distinct, x.people));
      }
    }
    fill_after(share, years, row.fill_end);
  }
  l.targeting = r.targeting->value;
  if (l.lanes == 0)
    return;
  sum_windows_avx2(l);
  fill_settled(l);
}

// At most eight budget years and sixteen lanes (V registers of four; the default scenario's entry
// track: five budget years, lanes for 2025-2040): the windows are summed after all the terms'
// shares are written, rather than each right after its own row. A window's loads straddle the
// row's stores just made, which the stores cannot forward; read after the other terms' rows, the
// stores have had time to reach the cache. With sum_block_avx2()'s loads of zeros left out:
// 7,0 -> 6,3 % of a 1-thread Monte Carlo's time (the two functions together).
template <size_t V>
UNGEGARANTI_AVX2 void draw_windows_avx2(ReachLayout& l, const TrackReach& r, const Scenario& s,
                                        double at_risk, int from, int end) {
  if (!same_years(l, r, s, from, end))
    return draw_anew(l, r, s, at_risk, from, end);
  const int years = l.last_index + 1;
  const ReachTerm* terms = r.terms.data();
  const Row* rows = l.rows.data();
  const size_t n = l.rows.size();
  double* shares = l.shares.data();
  for (size_t i = 0; i < n; ++i) {
    const Row& row = rows[i];
    std::optional<double> people = people_at_risk(terms[i], row, at_risk);
    if (!people)
      return draw_anew(l, r, s, at_risk, from, end);
    if (!row.live)
      continue;
    const double* copy = nullptr;
    if (!ramp_copy(l, terms[i], i, copy))
      return draw_anew(l, r, s, at_risk, from, end);
    double* share = shares + row.zero;
    write_shares(share, term_lanes(terms[i], *people, copy), years);
    fill_after(share, years, row.fill_end);
  }
  const double targeting = r.targeting->value;
  l.targeting = targeting;
  sum_block_avx2<V>(l.table.data(), shares, 0, l.windows.data(), l.windows.size(), targeting);
  fill_settled(l);
}

// With one_pass: the table's lane j is budget year j, each term has one age and there are at most
// eight budget years. Each term's shares are added to the sums as they are worked out, in the
// terms' order, as the windows would be.
UNGEGARANTI_AVX2 void draw_one_pass_avx2(ReachLayout& l, const TrackReach& r, const Scenario& s,
                                         double at_risk, int from, int end) {
  if (!same_years(l, r, s, from, end))
    return draw_anew(l, r, s, at_risk, from, end);
  const int years = l.last_index + 1;
  const ReachTerm* terms = r.terms.data();
  const Row* rows = l.rows.data();
  const size_t n = l.rows.size();
  double* shares = l.shares.data();
  __m256d sum0 = _mm256_setzero_pd(), sum1 = _mm256_setzero_pd();
  for (size_t i = 0; i < n; ++i) {
    const Row& row = rows[i];
    std::optional<double> people = people_at_risk(terms[i], row, at_risk);
    if (!people)
      return draw_anew(l, r, s, at_risk, from, end);
    if (!row.live)
      continue;
    const double* copy = nullptr;
    if (!ramp_copy(l, terms[i], i, copy))
      return draw_anew(l, r, s, at_risk, from, end);
    const EightShares x =
        write_shares(shares + row.zero, term_lanes(terms[i], *people, copy), years);
    sum0 = _mm256_add_pd(sum0, x.first);
    if (years > 4)
      sum1 = _mm256_add_pd(sum1, x.next);
  }
  double targeting = r.targeting->value;
  l.targeting = targeting;
  double* table = l.table.data();
  const __m256d by = _mm256_set1_pd(targeting), one = _mm256_set1_pd(1.0);
  _mm256_storeu_pd(table, _mm256_min_pd(_mm256_mul_pd(sum0, by), one));
  if (l.lanes > 4)
    _mm256_storeu_pd(table + 4, _mm256_min_pd(_mm256_mul_pd(sum1, by), one));
  fill_settled(l);
}
#endif

// Year j of the table (from + j) reads age k's share at t = base + j + k, base = from -
// first_year - first_lag: from t = base to base + lanes + ages - 2, and sum_at() reads 0 to
// last_index. From the settled year on (the last budget year plus the largest lag of a term with
// people at risk) every window reads only the last budget year's share, so each year sums the same
// numbers in the same order as the settled year: the table works out the years up to it. Each
// term's shares lie along the table's years, with 0 where sum_at() skips a year before the first
// budget year: x + 0 is x, as no sum here is -0 (each starts at +0).
void lay_out(ReachLayout& l, const TrackReach& r, const Scenario& s, double at_risk, int from,
             int end) {
  l.lever = r.lever;
  l.first_year = s.first_year;
  l.last_index = s.year_count - 1;
  l.from = from;
  l.end = end;
  l.rows.assign(r.terms.size(), Row{});
  int max_lag = 0;
  for (size_t i = 0; i < l.rows.size(); ++i) {
    Row& row = l.rows[i];
    const AgeBand& band = *r.terms[i].band;
    row.band_from = band.from;
    row.band_to = band.to;
    row.live = band.count.value * at_risk > 0;  // else nobody at risk: nothing to move
    if (l.lever == Lever::kEntry) {
      row.ages = std::min(band.to, kFirstNeetAge - 1) - band.from + 1;
      row.first_lag = kFirstNeetAge - band.from;
    }
    if (row.live)
      max_lag = std::max(max_lag, row.first_lag);
  }
  int years = end - from;
  l.years = static_cast<size_t>(std::max(years, 0));
  int settled = l.first_year + l.last_index + max_lag;
  int computed = years > 0 ? std::clamp(settled + 1 - from, 1, years) : 0;
  l.computed = static_cast<size_t>(computed);
  l.lanes = (l.computed + kVector - 1) / kVector * kVector;
  l.one_pass = l.lever != Lever::kEntry && from == l.first_year && l.last_index < 8 && l.lanes > 0;
  l.windows.clear();
  size_t size = 0;
  for (Row& row : l.rows) {
    if (!row.live)
      continue;
    int lo = 0, hi = l.last_index + 1, base = from - l.first_year - row.first_lag;
    row.fill_end = hi;
    if (l.lanes > 0) {
      lo = std::min(lo, base);
      hi = std::max(hi, base + static_cast<int>(l.lanes) + row.ages - 1);
      // What the years worked out read; the lanes after them read what is there.
      row.fill_end = std::max(row.fill_end, base + computed + row.ages - 1);
    }
    row.zero = size + static_cast<size_t>(-lo);
    l.windows.push_back({static_cast<size_t>(static_cast<int>(row.zero) + base),
                         static_cast<size_t>(row.ages), static_cast<size_t>(std::max(0, -base))});
    // Room for the AVX2 form's stores four at a time.
    size += static_cast<size_t>(hi - lo) + kVector - 1;
  }
  l.shares.assign(size, 0.0);
  // The fixed ramps side by side: two loads a term instead of a value from each Quantity, which
  // lie apart in the scenario (a cache line each; draw_one_pass_avx2 9,0 -> 6,1 % of a
  // 1-thread Monte Carlo's time with the default scenario, whose ramps are not drawn).
  l.fixed_ramps = r.fixed_ramps;
  l.ramps.clear();
  if (l.fixed_ramps && l.last_index < static_cast<int>(kRampCopy)) {
    l.ramps.assign(kRampCopy * l.rows.size(), 0.0);
    for (size_t i = 0; i < l.rows.size(); ++i) {
      const Intensity* in = r.terms[i].intensity;
      l.rows[i].intensity = in;
      for (size_t t = 0; t <= static_cast<size_t>(l.last_index); ++t)
        l.ramps[kRampCopy * i + t] = in->ramp[t].value;
    }
  }
  l.table.assign(std::max(l.lanes, l.years + kVector - 1), 0.0);
#ifdef UNGEGARANTI_X86
  if (!has_avx2())
    l.draw = draw_baseline;
  else if (l.one_pass)
    l.draw = draw_one_pass_avx2;
  else if (l.last_index >= 8 || l.lanes == 0 || l.lanes > kBlock)
    l.draw = draw_avx2;
  else
    l.draw = l.lanes == 4    ? draw_windows_avx2<1>
             : l.lanes == 8  ? draw_windows_avx2<2>
             : l.lanes == 12 ? draw_windows_avx2<3>
                             : draw_windows_avx2<4>;
#else
  l.draw = draw_baseline;
#endif
}

}  // namespace

// ReachYears::prepare(): distinct young people an initiative reaches in budget year t, as coverage
// counts them; after the budget period the programme runs on at its last budget year's level,
// before it there is none (at() leaves those years out: each would add 0). An entry track's pupils
// aged a in year y turn 16 in y + 16 - a. Each single age holds 1/n of the band's participants and
// 1/n of its head count (the cohort that turns 16), so the n cancels: each age adds the band's
// whole share.
void ReachLayout::lay_out_and_draw(ReachLayout& l, const TrackReach& r, const Scenario& s,
                                   double at_risk, int from, int end) {
  draw_anew(l, r, s, at_risk, from, end);
}

double ReachYears::sum_at(int year) const {
  const ReachLayout& l = layout_;
  double sum = 0;
  for (const Row& row : l.rows) {
    if (!row.live)
      continue;
    // Ages from the youngest: the lag falls by one a year of age.
    for (int k = 0; k < row.ages; ++k) {
      int t = year - (row.first_lag - k) - l.first_year;
      if (t < 0)
        continue;
      sum += l.shares[row.zero + static_cast<size_t>(std::min(t, l.last_index))];
    }
  }
  return std::min(1.0, sum * l.targeting);
}

namespace {

// lever_table() lays each lever's keep along the years, as levers_of() works out one year's: a
// lever's keep starts at 1 and is multiplied by 1 - min(1, size x reach) for each of its effects in
// turn, so a year's numbers do not depend on how many years one instruction works on; only the
// years' rows are put together from the levers' lanes (a transpose, which moves numbers without
// changing them). min_pd(x, 1) is x < 1 ? x : 1, which is std::min(1.0, x) to the bit, a NaN x
// included.

size_t lever_index(const LeverEffect& e) { return static_cast<size_t>(e.lever) - 1; }

// One year's row, the scalar form (the years after the last whole pair or block).
void lever_row(const LeverEffect* effects, size_t n, size_t year, double* row) {
  double keep[4] = {1, 1, 1, 1};
  for (size_t k = 0; k < n; ++k) {
    double f = std::min(1.0, effects[k].size * effects[k].reach[year]);
    keep[lever_index(effects[k])] *= 1 - f;
  }
  for (size_t l = 0; l < 4; ++l)
    row[l] = 1 - keep[l];
}

#ifdef UNGEGARANTI_X86
// Years i .. i + 2 x Pairs - 1: each lever's keep for two years in each of Pairs registers.
template <size_t Pairs>
void lever_pairs_sse2(const LeverEffect* effects, size_t n, size_t i, double* out) {
  const __m128d one = _mm_set1_pd(1.0);
  __m128d keep[4][Pairs];
  for (auto& lever : keep) {
    for (__m128d& kept : lever)
      kept = one;
  }
  for (size_t k = 0; k < n; ++k) {
    const LeverEffect& e = effects[k];
    const __m128d size = _mm_set1_pd(e.size);
    __m128d* kept = keep[lever_index(e)];
    for (size_t p = 0; p < Pairs; ++p) {
      __m128d f = _mm_min_pd(_mm_mul_pd(size, _mm_loadu_pd(e.reach + i + 2 * p)), one);
      kept[p] = _mm_mul_pd(kept[p], _mm_sub_pd(one, f));
    }
  }
  for (size_t p = 0; p < Pairs; ++p) {
    __m128d dropout = _mm_sub_pd(one, keep[0][p]), entry = _mm_sub_pd(one, keep[1][p]),
            to_education = _mm_sub_pd(one, keep[2][p]), to_work = _mm_sub_pd(one, keep[3][p]);
    double* row = out + 4 * (i + 2 * p);
    _mm_storeu_pd(row, _mm_unpacklo_pd(dropout, entry));
    _mm_storeu_pd(row + 2, _mm_unpacklo_pd(to_education, to_work));
    _mm_storeu_pd(row + 4, _mm_unpackhi_pd(dropout, entry));
    _mm_storeu_pd(row + 6, _mm_unpackhi_pd(to_education, to_work));
  }
}

// Four years at a time, then a pair and a single year.
void lever_table_sse2(const LeverEffect* effects, size_t n, size_t years, double* out) {
  size_t i = 0;
  for (; i + 4 <= years; i += 4)
    lever_pairs_sse2<2>(effects, n, i, out);
  if (i + 2 <= years) {
    lever_pairs_sse2<1>(effects, n, i, out);
    i += 2;
  }
  if (i < years)
    lever_row(effects, n, i, out + 4 * i);
}

// Years i .. i + 4 x Quads - 1, those below `years`: each lever's keep for four years in each of
// Quads registers. A quad's reach is read only for the years there are (a masked load gives 0 in
// the others, whose rows are not written). The last quad has at least one year.
template <size_t Quads>
UNGEGARANTI_AVX2 inline void lever_quads_avx2(const LeverEffect* effects, size_t n, size_t i,
                                              size_t years, double* out) {
  const __m256d one = _mm256_set1_pd(1.0);
  const __m256i lane = _mm256_set_epi64x(3, 2, 1, 0);
  __m256i there[Quads];
  for (size_t q = 0; q < Quads; ++q) {
    const auto left = static_cast<long long>(years - i - 4 * q);
    there[q] = _mm256_cmpgt_epi64(_mm256_set1_epi64x(left), lane);
  }
  __m256d keep[4][Quads];
  for (auto& lever : keep) {
    for (__m256d& kept : lever)
      kept = one;
  }
  for (size_t k = 0; k < n; ++k) {
    const LeverEffect& e = effects[k];
    const __m256d size = _mm256_set1_pd(e.size);
    __m256d* kept = keep[lever_index(e)];
    for (size_t q = 0; q < Quads; ++q) {
      __m256d reach = _mm256_maskload_pd(e.reach + i + 4 * q, there[q]);
      __m256d f = _mm256_min_pd(_mm256_mul_pd(size, reach), one);
      kept[q] = _mm256_mul_pd(kept[q], _mm256_sub_pd(one, f));
    }
  }
  for (size_t q = 0; q < Quads; ++q) {
    __m256d dropout = _mm256_sub_pd(one, keep[0][q]), entry = _mm256_sub_pd(one, keep[1][q]),
            to_education = _mm256_sub_pd(one, keep[2][q]), to_work = _mm256_sub_pd(one, keep[3][q]);
    // Years 0 and 2 of the quad in the low and high halves of the `even` pair, 1 and 3 in the
    // `odd` pair.
    __m256d even_low = _mm256_unpacklo_pd(dropout, entry),
            odd_low = _mm256_unpackhi_pd(dropout, entry),
            even_high = _mm256_unpacklo_pd(to_education, to_work),
            odd_high = _mm256_unpackhi_pd(to_education, to_work);
    const size_t left = years - i - 4 * q;
    double* row = out + 4 * (i + 4 * q);
    _mm256_storeu_pd(row, _mm256_permute2f128_pd(even_low, even_high, 0x20));
    if (left > 1)
      _mm256_storeu_pd(row + 4, _mm256_permute2f128_pd(odd_low, odd_high, 0x20));
    if (left > 2)
      _mm256_storeu_pd(row + 8, _mm256_permute2f128_pd(even_low, even_high, 0x31));
    if (left > 3)
      _mm256_storeu_pd(row + 12, _mm256_permute2f128_pd(odd_low, odd_high, 0x31));
  }
}

// Sixteen years at a time while more than twelve are left, then the rest in one go (the default
// scenario's tables have nine to twelve years): each effect's size and lever are read once for
// all of a call's quads.
UNGEGARANTI_AVX2 void lever_table_avx2(const LeverEffect* effects, size_t n, size_t years,
                                       double* out) {
  size_t i = 0;
  for (; i + 12 < years; i += 16)
    lever_quads_avx2<4>(effects, n, i, years, out);
  if (i >= years)
    return;
  switch ((years - i + 3) / 4) {
    case 3:
      return lever_quads_avx2<3>(effects, n, i, years, out);
    case 2:
      return lever_quads_avx2<2>(effects, n, i, years, out);
    default:
      return lever_quads_avx2<1>(effects, n, i, years, out);
  }
}
#endif

}  // namespace

void lever_table(std::span<const LeverEffect> effects, size_t years, double* out, bool avx2) {
#ifdef UNGEGARANTI_X86
  if (avx2)
    return lever_table_avx2(effects.data(), effects.size(), years, out);
  lever_table_sse2(effects.data(), effects.size(), years, out);
#else
  (void)avx2;
  for (size_t i = 0; i < years; ++i)
    lever_row(effects.data(), effects.size(), i, out + 4 * i);
#endif
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
