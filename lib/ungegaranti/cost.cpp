#include "ungegaranti/cost.hpp"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <functional>
#include <initializer_list>

#include "ungegaranti/powers.hpp"
#include "ungegaranti/simd.hpp"

namespace ungegaranti {
namespace {

// Compiles the lines of one model in the scenario's order.
class PlanBuilder {
 public:
  PlanBuilder(const Scenario& s, Tier tier) : s_(s), tier_(tier) {}

  std::vector<CostLine> build() {
    const Model& model = s_.model(tier_);
    for (const auto& [role, fte] : model.staffing)
      add_personnel(Category::kStaffing, role, "staffing." + role, {&fte}, false);
    for (const Initiative& ini : s_.initiatives)
      add_initiative(ini);
    add_coordination(model);
    for (const OneOff& o : model.one_off) {
      CostLine line =
          base_line(Category::kOneOff, o.track, o.department, "", "one_off." + o.id, o.name);
      line.amount = &o.amount;
      line.year = o.year;
      lines_.push_back(std::move(line));
    }
    for (const Funding& f : model.funding) {
      CostLine line =
          base_line(Category::kFunding, f.track, f.department, "", "funding." + f.id, f.name);
      line.amount = &f.amount;
      line.from = f.from;
      line.to = f.to;
      lines_.push_back(std::move(line));
    }
    return std::move(lines_);
  }

 private:
  static CostLine base_line(Category category, const std::string& track,
                            const std::string& department, const std::string& role, std::string id,
                            const std::string& label) {
    CostLine line;
    line.category = category;
    line.track = track;
    line.department = department;
    line.role = role;
    line.line = std::move(id);
    line.label = label;
    return line;
  }

  // A personnel line paid by `role`'s department: the product of `factors` (at most three) x the
  // role's annual cost (or hourly cost, when `hourly`) a year. Personnel lines belong to no single
  // track.
  void add_personnel(Category category, const std::string& role, std::string id,
                     std::initializer_list<const Quantity*> factors, bool hourly) {
    const Role* r = s_.role(role);
    assert(r != nullptr);  // load_scenario() checked the reference
    CostLine line = base_line(category, "", r->department, role, std::move(id), r->name);
    assert(factors.size() <= line.factors.size());
    for (const Quantity* q : factors)
      line.factors[static_cast<size_t>(line.factor_count++)] = q;
    line.annual_cost = &r->annual_cost;
    line.hourly = hourly;
    lines_.push_back(std::move(line));
  }

  void add_initiative(const Initiative& ini) {
    const std::optional<Intensity>& in = ini.per_model[static_cast<size_t>(tier_)];
    if (!in)
      return;  // not part of this model: level zero, no line
    const Track* track = s_.track(ini.track);
    CostLine line =
        base_line(Category::kInitiatives, ini.track, track->department, "", ini.id, ini.name);
    line.intensity = &*in;
    line.wage_share = &ini.wage_share;
    line.initiative = static_cast<size_t>(&ini - s_.initiatives.data());
    lines_.push_back(std::move(line));
  }

  void add_coordination(const Model& model) {
    if (const auto& g = s_.steering_group) {
      for (const auto& [role, count] : g->members) {
        add_personnel(Category::kCoordination, role, "steering_group." + role,
                      {&g->meetings_per_year, &g->hours_per_meeting, &count}, true);
      }
      if (const auto& sec = g->secretariat) {
        add_personnel(Category::kCoordination, sec->role, "steering_group.secretariat",
                      {&sec->hours_per_year}, true);
      }
    }
    if (const auto& status = model.status_reporting) {
      add_personnel(Category::kCoordination, status->role, "status_reporting",
                    {&status->hours_per_year}, true);
    }
  }

  const Scenario& s_;
  Tier tier_;
  std::vector<CostLine> lines_;
};

}  // namespace

std::string_view category_id(Category category) { return enum_id(kCategoryIds, category); }

double index_factor(double rate, int price_base, int year) {
  if (year == price_base)
    return 1.0;  // what pow(1 + rate, 0) returns for any rate, NaN included
  return std::pow(1.0 + rate, year - price_base);
}

// index_factor() of each budget year, the same doubles (integer_powers() gives pow()'s).
void index_factors(const Scenario& s, double rate, std::span<double> out) {
  assert(out.size() == static_cast<size_t>(s.year_count));
  integer_powers(1.0 + rate, s.first_year - s.price_base, 1, out);
}

IndexFactors::IndexFactors(const Scenario& scenario, const MovingValues& moving)
    : s_(scenario), years_(static_cast<size_t>(scenario.year_count)) {
  wages_.rate = &s_.wage_indexation;
  other_.rate = &s_.other_indexation;
  for (Rate* r : {&wages_, &other_})
    r->factors.resize(years_);
  const size_t count = s_.initiatives.size();
  mix_.resize(count * years_);
  base_mix_.resize(count);
  shares_.resize(count);
  rests_.resize(count);
  fixed_shares_ = std::all_of(s_.initiatives.begin(), s_.initiatives.end(),
                              [&](const Initiative& i) { return moving.fixed(i.wage_share); });
  if (fixed_shares_) {
    for (const Initiative& i : s_.initiatives)
      fixed_.take(moving, i.wage_share);
    read_shares();
  }
}

// Each initiative's wage share w, 1 - w and its index at price-base prices, w + (1 - w).
void IndexFactors::read_shares() {
  for (size_t i = 0; i < shares_.size(); ++i) {
    const double w = s_.initiatives[i].wage_share.value;
    shares_[i] = w;
    rests_[i] = 1 - w;
    base_mix_[i] = initiative_index(w, rests_[i], 1.0, 1.0);
  }
}

// A rate compared with its last value: equal rates give equal bases 1 + rate (-0 and +0 both give
// 1), so pow() would give the same factors; a NaN never compares equal and is recomputed.
void IndexFactors::follow(Rate& r) {
  double rate = r.rate->value;
  if (r.known && rate == r.last)
    return;
  index_factors(s_, rate, r.factors);
  r.last = rate;
  r.known = true;
}

namespace {

// Each initiative's index per year, into mix (row by row), from its wage share w (shares) and
// 1 - w (rests). kYears > 0 is the number of years known at compile time (the factors are then
// read into locals once, and the rows unrolled); 0 takes it from `years`.
template <size_t kYears>
void initiative_indexes(size_t count, const double* shares, const double* rests,
                        const double* wages_in, const double* other_in, size_t years, double* mix) {
  constexpr bool kFixed = kYears > 0;
  const size_t n = kFixed ? kYears : years;
  double fixed_wages[kFixed ? kYears : 1], fixed_other[kFixed ? kYears : 1];
  if constexpr (kFixed) {
    std::copy_n(wages_in, kYears, fixed_wages);
    std::copy_n(other_in, kYears, fixed_other);
  }
  const double* wages = kFixed ? fixed_wages : wages_in;
  const double* other = kFixed ? fixed_other : other_in;
  for (size_t i = 0; i < count; ++i, mix += n) {
    const double w = shares[i];
    const double rest = rests[i];
    for (size_t y = 0; y < n; ++y)
      mix[y] = initiative_index(w, rest, wages[y], other[y]);
  }
}

#ifdef UNGEGARANTI_X86
// initiative_indexes() for kYears budget years (4 to 6), the first four years in the lanes of a
// register: each lane w x wage + rest x other, initiative_index()'s operations for its year.
template <size_t kYears>
UNGEGARANTI_AVX2 void initiative_indexes_avx2(size_t count, const double* shares,
                                              const double* rests, const double* wages,
                                              const double* other, double* mix) {
  static_assert(kYears >= 4);
  const __m256d wages4 = _mm256_loadu_pd(wages), other4 = _mm256_loadu_pd(other);
  for (size_t i = 0; i < count; ++i, mix += kYears) {
    const double w = shares[i];
    const double rest = rests[i];
    _mm256_storeu_pd(mix, _mm256_add_pd(_mm256_mul_pd(_mm256_broadcast_sd(shares + i), wages4),
                                        _mm256_mul_pd(_mm256_broadcast_sd(rests + i), other4)));
    for (size_t y = 4; y < kYears; ++y)
      mix[y] = initiative_index(w, rest, wages[y], other[y]);
  }
}
#endif

}  // namespace

void IndexFactors::update() {
  assert(fixed_.unchanged());
  follow(wages_);
  follow(other_);
  if (!fixed_shares_)
    read_shares();
  const size_t count = shares_.size();
  const double* shares = shares_.data();
  const double* rests = rests_.data();
  const double* wages = wages_.factors.data();
  const double* other = other_.factors.data();
  double* mix = mix_.data();
#ifdef UNGEGARANTI_X86
  if (has_avx2()) {
    switch (years_) {
      case 4:
        return initiative_indexes_avx2<4>(count, shares, rests, wages, other, mix);
      case 5:
        return initiative_indexes_avx2<5>(count, shares, rests, wages, other, mix);
      case 6:
        return initiative_indexes_avx2<6>(count, shares, rests, wages, other, mix);
      default:
        break;
    }
  }
#endif
  switch (years_) {  // as in CostPlan::sum_amounts()
    case 4:
      return initiative_indexes<4>(count, shares, rests, wages, other, 4, mix);
    case 5:
      return initiative_indexes<5>(count, shares, rests, wages, other, 5, mix);
    case 6:
      return initiative_indexes<6>(count, shares, rests, wages, other, 6, mix);
    default:
      return initiative_indexes<0>(count, shares, rests, wages, other, years_, mix);
  }
}

MovingValues::MovingValues(std::vector<const double*> values)
    : any_(false), values_(std::move(values)) {
  std::sort(values_.begin(), values_.end(), std::less<>());
}

bool MovingValues::fixed(const double& value) const {
  return !any_ && !std::binary_search(values_.begin(), values_.end(), &value, std::less<>());
}

bool FixedValues::take(const MovingValues& moving, const double& value) {
  if (!moving.fixed(value))
    return false;
  taken_.emplace_back(&value, value);
  return true;
}

bool FixedValues::take_all(const MovingValues& moving, std::span<const double* const> values) {
  if (!std::all_of(values.begin(), values.end(), [&](const double* v) { return moving.fixed(*v); }))
    return false;
  for (const double* v : values)
    taken_.emplace_back(v, *v);
  return true;
}

bool FixedValues::unchanged() const {
  return std::all_of(taken_.begin(), taken_.end(), [](const auto& taken) {
    return std::bit_cast<uint64_t>(*taken.first) == std::bit_cast<uint64_t>(taken.second);
  });
}

CostPlan::CostPlan(const Scenario& scenario, Tier tier)
    : s_(&scenario), tier_(tier), lines_(PlanBuilder(scenario, tier).build()) {}

namespace {

// The running sums of CostPlan::sum_amounts(): the total and the running cost; the gross sums go
// to memory, every `stride` doubles (1: CostSums::gross, 4: TierCostSums::gross).
struct Partial {
  double total = 0.0, running = 0.0;
};

// A one-off's or a funding line's amounts, added to `total` and (a one-off's, at price-base
// prices) to its year's gross sum, gross[y x stride]: the one-off in its year x the other index,
// the funding nominal and negative in each of its years within the budget's `n` years.
inline void add_other_line(const CostLine& line, int first_year, size_t n, const double* other,
                           double& total, double* gross, size_t stride) {
  if (line.category == Category::kOneOff) {
    const int y = line.year - first_year;
    if (y >= 0 && static_cast<size_t>(y) < n) {
      const double amount = line.amount->value;
      total += amount * other[y];
      gross[static_cast<size_t>(y) * stride] += amount;
    }
    return;
  }
  assert(line.category == Category::kFunding);
  const double amount = -line.amount->value;  // nominal, not indexed
  const int from = std::max(line.from, first_year);
  const int to = std::min(line.to, first_year + static_cast<int>(n) - 1);
  for (int year = from; year <= to; ++year)
    total += amount;
}

// CostPlan::sum_amounts() over the lines [begin, end), adding to the gross sums in `gross_io`: the
// walk of for_each_amount() with its amounts summed in place. The price-base amounts are its
// expressions with factors of 1, where x x 1 is x: a personnel line's amount, an initiative's level
// x base_mix(), a one-off's amount. kYears > 0 is the number of budget years known at compile time:
// the year loops are then unrolled and the gross sums kept in registers (the same operations in the
// same order); kYears = 0 takes it from `years`.
template <size_t kYears>
Partial sum_lines(const CostLine* begin, const CostLine* end, const Scenario& s,
                  const IndexFactors& index, size_t years, double* gross_io, size_t stride) {
  constexpr bool kFixed = kYears > 0;
  const size_t n = kFixed ? kYears : years;
  const int first_year = s.first_year;
  const double hours_per_fte = s.hours_per_fte.value;
  const double* wages = index.wages().data();
  const double* other = index.other().data();
  double fixed_gross[kFixed ? kYears : 1] = {};
  if constexpr (kFixed) {
    for (size_t y = 0; y < kYears; ++y)
      fixed_gross[y] = gross_io[y * stride];
  }
  auto gross = [&](size_t y) -> double& {
    if constexpr (kFixed)
      return fixed_gross[y];
    else
      return gross_io[y * stride];
  };
  double total = 0.0, running = 0.0;
  for (const CostLine* line = begin; line != end; ++line) {
    switch (line->category) {
      case Category::kStaffing:
      case Category::kCoordination: {
        const double amount = CostPlan::personnel_amount(*line, hours_per_fte);
        for (size_t y = 0; y < n; ++y)
          total += amount * wages[y];
        for (size_t y = 0; y < n; ++y)
          gross(y) += amount;
        if (n > 0)
          running += amount;
        break;
      }
      case Category::kInitiatives: {
        const Intensity& in = *line->intensity;
        const double fixed = in.fixed_cost.value;
        const double per_year = in.participants.value * in.unit_cost.value;
        const double* mix = index.mix(line->initiative);
        const double base = index.base_mix(line->initiative);
        const Quantity* ramp = in.ramp.data();
        double last = 0.0;
        if constexpr (kFixed) {
          // The levels first, so that the compiler computes each once and packs the gross sums.
          double level[kYears];
          for (size_t y = 0; y < kYears; ++y)
            level[y] = fixed + per_year * ramp[y].value;
          for (size_t y = 0; y < kYears; ++y)
            total += level[y] * mix[y];
          for (size_t y = 0; y < kYears; ++y)
            fixed_gross[y] += level[y] * base;
          last = level[kYears - 1] * base;
        } else {
          for (size_t y = 0; y < n; ++y) {
            double level = fixed + per_year * ramp[y].value;
            total += level * mix[y];
            last = level * base;
            gross(y) += last;
          }
        }
        if (n > 0)
          running += last;
        break;
      }
      case Category::kOneOff:
      case Category::kFunding:
        if constexpr (kFixed)
          add_other_line(*line, first_year, n, other, total, fixed_gross, 1);
        else
          add_other_line(*line, first_year, n, other, total, gross_io, stride);
        break;
    }
  }
  if constexpr (kFixed) {
    for (size_t y = 0; y < kYears; ++y)
      gross_io[y * stride] = fixed_gross[y];
  }
  return {total, running};
}

// sum_lines() with the budget's usual lengths unrolled.
Partial sum_lines_of(const CostLine* begin, const CostLine* end, const Scenario& s,
                     const IndexFactors& index, size_t years, double* gross_io, size_t stride) {
  switch (years) {
    case 4:
      return sum_lines<4>(begin, end, s, index, 4, gross_io, stride);
    case 5:
      return sum_lines<5>(begin, end, s, index, 5, gross_io, stride);
    case 6:
      return sum_lines<6>(begin, end, s, index, 6, gross_io, stride);
    default:
      return sum_lines<0>(begin, end, s, index, years, gross_io, stride);
  }
}

}  // namespace

void CostPlan::sum_amounts(const IndexFactors& index, CostSums& out) const {
  assert(index.wages().size() == year_count());
  out.gross.assign(year_count(), 0.0);
  const CostLine* lines = lines_.data();
  Partial sums =
      sum_lines_of(lines, lines + lines_.size(), *s_, index, year_count(), out.gross.data(), 1);
  out.total = sums.total;
  out.running = sums.running;
}

namespace {

const double kOne = 1.0;   // a personnel slot's missing factors and an annual cost's divisor
const double kZero = 0.0;  // a lane's values where the slot has no line for it (Slot::at)

#ifdef UNGEGARANTI_X86
// The lanes of one slot's values (Slot::at[k]) `offset` bytes on from each address; 0 in the lanes
// without a line. Only an initiative's ramp when it is not fixed is read this way (a year apart).
UNGEGARANTI_AVX2 inline __m256d gather(const std::array<const double*, 4>& at, __m256d mask,
                                       long long offset) {
  __m256i where = _mm256_add_epi64(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(at.data())),
                                   _mm256_set1_epi64x(offset));
  return _mm256_mask_i64gather_pd(_mm256_setzero_pd(), nullptr, where, mask, 1);
}

// The lanes of one slot's values (Slot::at[k]) by four loads: a lane without a line reads +0, or 1
// for the divisor (at[4]), from where Slot::at points for it. Four loads rather than a gather: the
// gathers are slow on AMD's Zen 3 (no AVX-512) as on Zen 4; on Zen 3 the function's share
// of a one-thread profile (300.000 draws) went from 7,5-9,2 % to 6,6-7,8 % with loads.
[[gnu::always_inline]] UNGEGARANTI_AVX2 inline __m256d load(
    const std::array<const double*, 4>& at) {
  const __m128d low = _mm_loadh_pd(_mm_load_sd(at[0]), at[1]);
  const __m128d high = _mm_loadh_pd(_mm_load_sd(at[2]), at[3]);
  return _mm256_insertf128_pd(_mm256_castpd128_pd256(low), high, 1);
}

// TierCostPlans::sum_amounts()'s lanes over the staffing, initiative and coordination slots:
// each lane sum_lines()'s operations for its model's lines in their order. A lane without a line
// in a slot adds +0 to its sums (the products are masked, as 0 x an infinite factor would not be
// 0), which leaves a sum that started at +0 as it is. A masked lane's divisor is 1, not 0, so that
// no lane (lane 3 included) works out 0 / 0: lane 3's sums stay +0, as in the baseline form.
// A slot's lanes are read by load(), but for an initiative's ramp when it is not fixed (gather()
// with an offset a year).
template <size_t kYears>
[[gnu::always_inline]] UNGEGARANTI_AVX2 inline void sum_slots(
    const std::vector<TierCostPlans::Slot>* const* segments, const IndexFactors& index,
    TierCostSums& out) {
  __m256d gross[kYears], wages[kYears];
  for (size_t y = 0; y < kYears; ++y) {
    gross[y] = _mm256_setzero_pd();
    wages[y] = _mm256_broadcast_sd(&index.wages()[y]);
  }
  __m256d total = _mm256_setzero_pd(), running = _mm256_setzero_pd();
  for (int segment = 0; segment < 3; ++segment) {
    for (const TierCostPlans::Slot& slot : *segments[segment]) {
      const __m256d mask =
          _mm256_castsi256_pd(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(&slot.mask)));
      if (segment != 1) {  // personnel: ((f0 x f1) x f2) x (annual cost / hours)
        __m256d amount;
        if (slot.fixed_factors) {
          amount =
              _mm256_mul_pd(_mm256_loadu_pd(slot.product.data()),
                            _mm256_div_pd(load(slot.at[3]), _mm256_loadu_pd(slot.divisor.data())));
        } else {
          amount =
              _mm256_mul_pd(_mm256_mul_pd(load(slot.at[0]), load(slot.at[1])), load(slot.at[2]));
          amount = _mm256_mul_pd(amount, _mm256_div_pd(load(slot.at[3]), load(slot.at[4])));
        }
        if (!slot.full)
          amount = _mm256_and_pd(amount, mask);
        for (size_t y = 0; y < kYears; ++y) {
          __m256d dkk = _mm256_mul_pd(amount, wages[y]);
          total = _mm256_add_pd(total, slot.full ? dkk : _mm256_and_pd(dkk, mask));
        }
        for (size_t y = 0; y < kYears; ++y)
          gross[y] = _mm256_add_pd(gross[y], amount);
        running = _mm256_add_pd(running, amount);
        continue;
      }
      // An initiative: level = fixed + participants x unit cost x ramp, x its index.
      const __m256d fixed = load(slot.at[0]);
      const __m256d per_year = _mm256_mul_pd(load(slot.at[1]), load(slot.at[2]));
      const double* mix = index.mix(slot.initiative);
      const __m256d base = _mm256_set1_pd(index.base_mix(slot.initiative));
      __m256d level[kYears];
      if (!slot.ramp.empty()) {
        for (size_t y = 0; y < kYears; ++y) {
          level[y] =
              _mm256_add_pd(fixed, _mm256_mul_pd(per_year, _mm256_loadu_pd(&slot.ramp[4 * y])));
        }
      } else {
        for (size_t y = 0; y < kYears; ++y) {
          const long long apart = static_cast<long long>(y * sizeof(Quantity));
          level[y] = _mm256_add_pd(fixed, _mm256_mul_pd(per_year, gather(slot.at[3], mask, apart)));
        }
      }
      for (size_t y = 0; y < kYears; ++y) {
        __m256d dkk = _mm256_mul_pd(level[y], _mm256_broadcast_sd(mix + y));
        total = _mm256_add_pd(total, slot.full ? dkk : _mm256_and_pd(dkk, mask));
      }
      __m256d last = _mm256_setzero_pd();
      for (size_t y = 0; y < kYears; ++y) {
        last = _mm256_mul_pd(level[y], base);
        if (!slot.full)
          last = _mm256_and_pd(last, mask);
        gross[y] = _mm256_add_pd(gross[y], last);
      }
      running = _mm256_add_pd(running, last);
    }
  }
  _mm256_storeu_pd(out.total.data(), total);
  _mm256_storeu_pd(out.running.data(), running);
  for (size_t y = 0; y < kYears; ++y)
    _mm256_storeu_pd(out.gross.data() + 4 * y, gross[y]);
}

template <size_t kYears>
UNGEGARANTI_AVX2 void sum_slots_avx2(const std::vector<TierCostPlans::Slot>* const* segments,
                                     const IndexFactors& index, TierCostSums& out) {
  sum_slots<kYears>(segments, index, out);
}

// The AVX-512 form: the same operations (AVX2 instructions), with AVX-512VL's 32 vector
// registers, which hold every year's sums without spilling them.
template <size_t kYears>
UNGEGARANTI_AVX512 void sum_slots_avx512(const std::vector<TierCostPlans::Slot>* const* segments,
                                         const IndexFactors& index, TierCostSums& out) {
  sum_slots<kYears>(segments, index, out);
}
#endif

}  // namespace

TierCostPlans::TierCostPlans(const Scenario& scenario, const MovingValues& moving) : s_(&scenario) {
  for (Tier tier : kAllTiers)
    plans_.emplace_back(scenario, tier);
  const size_t years = static_cast<size_t>(scenario.year_count);
  // What is fixed in a slot, worked out once with the lanes' operations (sum_slots_avx2()).
  auto fix = [&](Slot& slot, const std::vector<const double*>& ramp) {
    if (!ramp.empty()) {  // an initiative: each lane's shares, the ramp's years apart
      const size_t lanes = static_cast<size_t>(std::count_if(
          slot.mask.begin(), slot.mask.end(), [](long long mask) { return mask != 0; }));
      if (ramp.size() != lanes * years || !fixed_.take_all(moving, ramp))
        return;
      slot.ramp.assign(4 * years, 0.0);
      size_t k = 0;
      for (size_t m = 0; m < 3; ++m) {
        if (slot.mask[m] == 0)
          continue;
        for (size_t y = 0; y < years; ++y)
          slot.ramp[4 * y + m] = *ramp[k++];
      }
      return;
    }
    std::vector<const double*> factors;
    for (size_t m = 0; m < 3; ++m) {
      if (slot.mask[m] != 0) {
        for (size_t k : {size_t{0}, size_t{1}, size_t{2}, size_t{4}})
          factors.push_back(slot.at[k][m]);
      }
    }
    if (!fixed_.take_all(moving, factors))
      return;
    slot.fixed_factors = true;
    for (size_t m = 0; m < 4; ++m) {
      const bool line = slot.mask[m] != 0;  // else the loaded 0s and the divisor's 1
      slot.product[m] = line ? *slot.at[0][m] * *slot.at[1][m] * *slot.at[2][m] : 0.0;
      slot.divisor[m] = line ? *slot.at[4][m] : 1.0;
    }
  };
  // PlanBuilder's order: staffing, initiatives (in the scenario's order), coordination, the rest.
  std::array<size_t, 3> next{};
  auto take = [&](std::vector<Slot>& slots, auto belongs) {
    for (bool any = true; any;) {
      Slot slot;
      any = false;
      std::vector<const double*> ramp;  // the lanes' ramp shares, lane by lane
      for (size_t m = 0; m < 3; ++m) {
        const std::vector<CostLine>& lines = plans_[m].lines();
        if (next[m] < lines.size() && belongs(lines[next[m]])) {
          slot.mask[m] = -1;
          const CostLine& line = lines[next[m]++];
          if (line.category == Category::kInitiatives) {
            const Intensity& in = *line.intensity;
            slot.at[0][m] = &in.fixed_cost.value;
            slot.at[1][m] = &in.participants.value;
            slot.at[2][m] = &in.unit_cost.value;
            slot.at[3][m] = &in.ramp.front().value;
            slot.initiative = line.initiative;
            for (size_t y = 0; y < years && y < in.ramp.size(); ++y)
              ramp.push_back(&in.ramp[y].value);
          } else {
            for (int k = 0; k < 3; ++k) {
              slot.at[static_cast<size_t>(k)][m] =
                  k < line.factor_count ? &line.factors[static_cast<size_t>(k)]->value : &kOne;
            }
            slot.at[3][m] = &line.annual_cost->value;
            slot.at[4][m] = line.hourly ? &s_->hours_per_fte.value : &kOne;
          }
          any = true;
        }
      }
      if (!any)
        break;
      // A lane without a line reads +0, and a divisor of 1 (load()).
      for (size_t m = 0; m < 4; ++m) {
        if (slot.mask[m] == 0) {
          for (size_t k = 0; k < 4; ++k)
            slot.at[k][m] = &kZero;
          slot.at[4][m] = &kOne;
        }
      }
      slot.full = slot.mask[0] != 0 && slot.mask[1] != 0 && slot.mask[2] != 0;
      fix(slot, ramp);
      slots.push_back(slot);
    }
  };
  take(staffing_, [](const CostLine& l) { return l.category == Category::kStaffing; });
  // An initiative's slot takes it from each model that has it.
  for (size_t i = 0; i < scenario.initiatives.size(); ++i) {
    take(initiatives_, [&](const CostLine& l) {
      return l.category == Category::kInitiatives && l.initiative == i;
    });
  }
  take(coordination_, [](const CostLine& l) { return l.category == Category::kCoordination; });
  // The lanes cover each plan's lines only if the rest are one-offs and funding (PlanBuilder's
  // order); should a plan ever hold another line after them, every draw sums the plans one by one.
  for (size_t m = 0; m < 3; ++m) {
    tail_[m] = next[m];
    for (size_t k = next[m]; k < plans_[m].lines().size(); ++k) {
      Category category = plans_[m].lines()[k].category;
      if (category != Category::kOneOff && category != Category::kFunding)
        in_order_ = false;
    }
  }
  assert(in_order_);
}

void TierCostPlans::sum_amounts(const IndexFactors& index, TierCostSums& out) const {
  assert(fixed_.unchanged());
  const size_t years = static_cast<size_t>(s_->year_count);
  assert(index.wages().size() == years);
  out.total = {};
  out.running = {};
  bool lanes = false;  // whether the lanes summed all but each plan's one-offs and funding
#ifdef UNGEGARANTI_X86
  if (in_order_ && has_avx2() && years >= 4 && years <= 6) {
    out.gross.resize(4 * years);  // the lanes store every place: no need to clear them first
    const std::vector<Slot>* segments[] = {&staffing_, &initiatives_, &coordination_};
    if (has_avx512()) {
      if (years == 4)
        sum_slots_avx512<4>(segments, index, out);
      else if (years == 5)
        sum_slots_avx512<5>(segments, index, out);
      else
        sum_slots_avx512<6>(segments, index, out);
    } else if (years == 4) {
      sum_slots_avx2<4>(segments, index, out);
    } else if (years == 5) {
      sum_slots_avx2<5>(segments, index, out);
    } else {
      sum_slots_avx2<6>(segments, index, out);
    }
    lanes = true;
  }
#endif
  if (!lanes)
    out.gross.assign(4 * years, 0.0);
  for (size_t m = 0; m < 3; ++m) {
    const std::vector<CostLine>& lines = plans_[m].lines();
    if (lanes) {
      for (size_t k = tail_[m]; k < lines.size(); ++k) {
        add_other_line(lines[k], s_->first_year, years, index.other().data(), out.total[m],
                       out.gross.data() + m, 4);
      }
      continue;
    }
    Partial sums = sum_lines_of(lines.data(), lines.data() + lines.size(), *s_, index, years,
                                out.gross.data() + m, 4);
    out.total[m] = sums.total;
    out.running[m] = sums.running;
  }
}

std::vector<CostRow> compute_cost(const Scenario& s, Tier tier) {
  CostPlan plan(s, tier);
  size_t years = plan.year_count();
  std::vector<double> wages(years), other(years);
  index_factors(s, s.wage_indexation.value, wages);
  index_factors(s, s.other_indexation.value, other);
  std::vector<CostRow> out;
  out.reserve(plan.lines().size() * years);
  plan.for_each_amount(wages, other, [&](const CostLine& line, size_t y, double dkk) {
    out.push_back({s.first_year + static_cast<int>(y), tier, line.category, line.track,
                   line.department, line.role, line.line, line.label, dkk});
  });
  return out;
}

}  // namespace ungegaranti
