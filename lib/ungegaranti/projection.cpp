#include "ungegaranti/projection.hpp"

#include <fmt/format.h>

#include <Eigen/Dense>
#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <map>
#include <span>
#include <tuple>

#include "ungegaranti/backtest.hpp"
#include "ungegaranti/reach.hpp"
#include "ungegaranti/simd.hpp"

namespace ungegaranti {
namespace {

constexpr int kAges = 9;  // single years 16..24, as DST's indicator
enum State { kEducation = 0, kEmployed = 1, kNeet = 2 };

using Profile = Eigen::Matrix<double, kAges, 3>;  // one row of state shares per age

/// How far a model moves each transition in one year: shares in [0, 1] (docs/method.md).
struct Levers {
  double dropout = 0, entry = 0, to_education = 0, to_work = 0;
  bool operator==(const Levers&) const = default;
};

// The flows of one year that are the same at every age: all of M_a but g_a (docs/method.md#the-
// cohort-model). matrix() and step() both build their entries from these, so a matrix entry is the
// same number whichever of them uses it.
struct Rates {
  double d = 0, l = 0, we = 0, ne = 0, nw = 0;
  double employed_stay = 0, neet_stay = 0;  // the diagonal: 1 - l - we, 1 - ne - nw
};

// The parts of rates() and entry() that the levers do not move, for one set of transitions and
// calibration factor: Cohort::project() works them out once, not every time the levers change.
struct Unmoved {
  double d = 0;  // dropout x c, before the dropout lever
  double l = 0, we = 0, ne = 0, nw = 0;
  double stay = 0;           // 1 - ne - nw: the NEET who would stay
  double employed_stay = 0;  // 1 - l - we
  double entry_education = 0, entry_employed = 0, entry_neet = 0;  // the entry row at f_entry 0
};

Unmoved unmoved(const Transitions& t, double c) {
  Unmoved u;
  u.d = t.dropout.value * c;
  u.l = t.employed_to_neet.value * c;
  u.we = t.employed_to_education.value;
  u.ne = t.neet_to_education.value;
  u.nw = t.neet_to_work.value;
  u.stay = 1 - u.ne - u.nw;
  u.employed_stay = 1 - u.l - u.we;
  u.entry_education = t.entry_education.value;
  u.entry_employed = t.entry_employed.value;
  u.entry_neet = 1 - u.entry_education - u.entry_employed;
  return u;
}

[[gnu::always_inline]] inline Rates rates(const Unmoved& u, const Levers& f) {
  Rates r;
  r.d = u.d * (1 - f.dropout);
  r.l = u.l;
  r.we = u.we;
  double fe = f.to_education, fw = f.to_work;
  if (fe + fw > 1) {  // both levers together cannot move more than all who would stay
    double scale = 1 / (fe + fw);
    fe *= scale;
    fw *= scale;
  }
  r.ne = u.ne + fe * u.stay;
  r.nw = u.nw + fw * u.stay;
  r.employed_stay = u.employed_stay;
  r.neet_stay = 1 - r.ne - r.nw;
  return r;
}

Rates rates(const Transitions& t, double c, const Levers& f) { return rates(unmoved(t, c), f); }

// g_a, ages 16..23: fixed for a set of transitions, read once rather than at every step.
using Ages = Eigen::Array<double, kAges - 1, 1>;

Ages education_to_work(const Transitions& t) {
  Ages g;
  for (int a = 0; a + 1 < kAges; ++a)
    g(a) = t.education_to_work[static_cast<size_t>(a)].value;
  return g;
}

Eigen::Matrix3d matrix(const Transitions& t, int age, double c, const Levers& f) {
  Rates r = rates(t, c, f);
  double g = t.education_to_work[static_cast<size_t>(age)].value;
  Eigen::Matrix3d m;
  m << 1 - r.d - g, g, r.d,        //
      r.we, r.employed_stay, r.l,  //
      r.ne, r.nw, r.neet_stay;
  return m;
}

Eigen::RowVector3d entry(const Unmoved& u, double f_entry) {
  double moved = u.entry_neet * f_entry;  // a better start: NEET at 16 -> in education
  return {u.entry_education + moved, u.entry_employed, u.entry_neet - moved};
}

Eigen::RowVector3d entry(const Transitions& t, double f_entry) {
  return entry(unmoved(t, 0), f_entry);
}

// The mean of one state's nine ages, added in the order Eigen's p.col(s).mean() adds them with
// SSE2 packets, ((x0 + x2) + (x4 + x6)) + ((x1 + x3) + (x5 + x7)), then x8, then divided by 9:
// written out, so that Cohort::project() and project_three() (column_means(), the same order in
// lanes) agree to the bit however Eigen is built (with AVX its packets would add in another order).
double column_mean(const Profile& p, int state) {
  static_assert(kAges == 9, "the order is that of a nine-long column");
  const double* x = p.col(state).data();
  double sum = ((x[0] + x[2]) + (x[4] + x[6])) + ((x[1] + x[3]) + (x[5] + x[7]));
  return (sum + x[8]) / kAges;
}

double neet_share(const Profile& p) { return column_mean(p, kNeet); }

double employed_share(const Profile& p) { return column_mean(p, kEmployed); }

// Of the NEET share a profile has moved away from the steady state, the part that is employed
// (the rest is in education): PathYear::work_share. The three states sum to 1 at every age, so
// the NEET share avoided is the extra employed plus the extra in education.
double work_share_of(double employed, double neet, double steady_employed, double steady_neet) {
  double moved = steady_neet - neet;
  return std::abs(moved) > 1e-12 ? (employed - steady_employed) / moved : 0.0;
}

// One age's row times its matrix, row.(column j of M_a): x_E M_Ej + (x_W M_Wj + x_N M_Nj), the
// association Eigen's product of a Profile row and a Matrix3d uses (found by comparing bits), so
// that step() and steady_profile() give the numbers the Eigen form `x.row(a) * M_a` gave.
struct Moved {
  double education, employed, neet;
};

inline Moved times_matrix(double e, double w, double n, double g, const Rates& r) {
  return {e * (1 - r.d - g) + (w * r.we + n * r.ne), e * g + (w * r.employed_stay + n * r.nw),
          e * r.d + (w * r.l + n * r.neet_stay)};
}

// One year on (docs/method.md#the-cohort-model): next's row 0 is the entry row, and row a + 1 is
// x's row a times M_a, for a = 0 .. 7, times_matrix()'s operations age by age. A Profile is
// column-major, so each state's nine ages are contiguous and this is a few operations on arrays
// of eight ages, element-wise, so each age's operations stay as written: Eigen's (SSE2) packets,
// or with AVX2 two vectors of four ages (step_avx2(), the same operations).
[[gnu::always_inline]] inline void step_baseline(const Profile& x,
                                                 const Eigen::RowVector3d& entry_row, const Ages& g,
                                                 const Rates& r, Profile& next) {
  constexpr int kMoving = kAges - 1;  // the ages that move on
  auto e = x.col(kEducation).head<kMoving>().array();
  auto w = x.col(kEmployed).head<kMoving>().array();
  auto n = x.col(kNeet).head<kMoving>().array();
  next.row(0) = entry_row;
  next.col(kEducation).tail<kMoving>().array() = e * ((1 - r.d) - g) + (w * r.we + n * r.ne);
  next.col(kEmployed).tail<kMoving>().array() = e * g + (w * r.employed_stay + n * r.nw);
  next.col(kNeet).tail<kMoving>().array() = e * r.d + (w * r.l + n * r.neet_stay);
}

#ifdef UNGEGARANTI_X86
UNGEGARANTI_AVX2 void step_avx2(const Profile& x, const Eigen::RowVector3d& entry_row,
                                const Ages& g, const Rates& r, Profile& next) {
  static_assert(kAges == 9, "two vectors of four ages move on");
  const double* from = x.data();
  double* to = next.data();
  to[kEducation * kAges] = entry_row(kEducation);
  to[kEmployed * kAges] = entry_row(kEmployed);
  to[kNeet * kAges] = entry_row(kNeet);
  const __m256d one_minus_d = _mm256_set1_pd(1 - r.d), d = _mm256_set1_pd(r.d),
                l = _mm256_set1_pd(r.l), we = _mm256_set1_pd(r.we), ne = _mm256_set1_pd(r.ne),
                nw = _mm256_set1_pd(r.nw), employed_stay = _mm256_set1_pd(r.employed_stay),
                neet_stay = _mm256_set1_pd(r.neet_stay);
  for (int a = 0; a < 8; a += 4) {
    __m256d e = _mm256_loadu_pd(from + kEducation * kAges + a);
    __m256d w = _mm256_loadu_pd(from + kEmployed * kAges + a);
    __m256d n = _mm256_loadu_pd(from + kNeet * kAges + a);
    __m256d ga = _mm256_loadu_pd(g.data() + a);
    __m256d to_e = _mm256_add_pd(_mm256_mul_pd(e, _mm256_sub_pd(one_minus_d, ga)),
                                 _mm256_add_pd(_mm256_mul_pd(w, we), _mm256_mul_pd(n, ne)));
    __m256d to_w = _mm256_add_pd(
        _mm256_mul_pd(e, ga), _mm256_add_pd(_mm256_mul_pd(w, employed_stay), _mm256_mul_pd(n, nw)));
    __m256d to_n = _mm256_add_pd(_mm256_mul_pd(e, d),
                                 _mm256_add_pd(_mm256_mul_pd(w, l), _mm256_mul_pd(n, neet_stay)));
    _mm256_storeu_pd(to + kEducation * kAges + a + 1, to_e);
    _mm256_storeu_pd(to + kEmployed * kAges + a + 1, to_w);
    _mm256_storeu_pd(to + kNeet * kAges + a + 1, to_n);
  }
}

bool use_avx2() { return has_avx2(); }
#else
bool use_avx2() { return false; }
#endif

[[gnu::always_inline]] inline void step(bool avx2, const Profile& x,
                                        const Eigen::RowVector3d& entry_row, const Ages& g,
                                        const Rates& r, Profile& next) {
#ifdef UNGEGARANTI_X86
  if (avx2) {
    step_avx2(x, entry_row, g, r, next);
    return;
  }
#endif
  (void)avx2;
  step_baseline(x, entry_row, g, r, next);
}

Profile steady_profile(const Transitions& t, double c) {
  Rates r = rates(t, c, {});
  Ages g = education_to_work(t);
  Eigen::RowVector3d start = entry(t, 0);
  Moved m = {start(kEducation), start(kEmployed), start(kNeet)};
  Profile p;
  for (int a = 0; a < kAges; ++a) {
    if (a > 0)
      m = times_matrix(m.education, m.employed, m.neet, g(a - 1), r);
    p(a, kEducation) = m.education;
    p(a, kEmployed) = m.employed;
    p(a, kNeet) = m.neet;
  }
  return p;
}

// The largest factor on the flows into NEET that keeps every matrix a probability matrix.
double max_calibration(const Transitions& t) {
  double c = 1e6;
  for (const Quantity& g : t.education_to_work) {
    if (t.dropout.value > 0)
      c = std::min(c, (1 - g.value) / t.dropout.value);
  }
  if (t.employed_to_neet.value > 0)
    c = std::min(c, (1 - t.employed_to_education.value) / t.employed_to_neet.value);
  return c;
}

[[noreturn]] void throw_not_calibrated(double target_share, double at_lo, double at_hi) {
  throw Error({}, msg("basisovergangene kan ikke gengive den observerede NEET-andel på {:.2f} % "
                      "(de giver {:.2f} % til {:.2f} % for enhver faktor på strømmene ind i "
                      "NEET); tjek projection.baseline",
                      "the baseline transitions cannot reproduce the observed NEET share of "
                      "{:.2f} % (they give {:.2f} % to {:.2f} % for any factor on the flows into "
                      "NEET); check projection.baseline",
                      target_share * 100, at_lo * 100, at_hi * 100));
}

// S(c) and its derivative dS/dc, carrying each age's row and its derivative along the steady
// profile (only the flows into NEET, d and l, depend on c). Written out, with the association of
// Eigen's RowVector3d-by-Matrix3d product ((x_E M_Ej + x_W M_Wj) + x_N M_Nj), which the Eigen form
// `dx * m + x * dm` and `x * m` used: the same share to the last bit. The terms of x * dM/dc that
// are a row times a zero entry are left out; they could change only the sign of a zero in dx, and
// a zero slope is read only as "not > 0" (calibrate()).
//
// steady_sum_chains() is the loop in scalar registers, each state's share and derivative in one of
// its own: the form where the processor has AVX2 (and everywhere but on x86-64). An AVX2 form with
// the three states in the lanes of one vector did the same operations in fewer instructions, but
// each age's step waited on the shuffles that brought a state's lane to every lane (a chain of
// about 15 cycles an age for dx against 12 here, mul-add-add-add): 8,3 % of a single-thread Monte
// Carlo's time against 6,8 % here (perf). Out of line, as measured. x86-64's baseline form (SSE2,
// in steady_share_and_slope_of()) is the other form the tests compare it with.
#ifdef UNGEGARANTI_X86
#define UNGEGARANTI_CHAINS UNGEGARANTI_AVX2  // AVX's three-operand forms: fewer register copies
#else
#define UNGEGARANTI_CHAINS
#endif
[[gnu::noinline]] UNGEGARANTI_CHAINS std::pair<double, double> steady_sum_chains(
    const Rates& r, const Ages& g, double e, double w, double n, double d_d, double d_l) {
  const double minus_d_d = -d_d, minus_d_l = -d_l;
  double de = 0, dw = 0, dn = 0, sum = n, slope_sum = 0;
  for (int a = 0; a + 1 < kAges; ++a) {
    double m_ee = 1 - r.d - g(a);
    double next_de = ((de * m_ee + dw * r.we) + dn * r.ne) + e * minus_d_d;
    double next_dw = ((de * g(a) + dw * r.employed_stay) + dn * r.nw) + w * minus_d_l;
    double next_dn = ((de * r.d + dw * r.l) + dn * r.neet_stay) + (e * d_d + w * d_l);
    double next_e = (e * m_ee + w * r.we) + n * r.ne;
    double next_w = (e * g(a) + w * r.employed_stay) + n * r.nw;
    double next_n = (e * r.d + w * r.l) + n * r.neet_stay;
    de = next_de, dw = next_dw, dn = next_dn;
    e = next_e, w = next_w, n = next_n;
    sum += n;
    slope_sum += dn;
  }
  return {sum, slope_sum};
}

// `g` and `start` are education_to_work(t) and entry(t, 0), which do not depend on c: calibrate()
// reads them once for all its evaluations.
[[gnu::always_inline]] inline std::pair<double, double> steady_share_and_slope_of(
    const Transitions& t, double c, const Ages& g, const Eigen::RowVector3d& start, bool avx2) {
  Rates r = rates(t, c, {});
  double e = start(kEducation), w = start(kEmployed), n = start(kNeet);
  double d_d = t.dropout.value, d_l = t.employed_to_neet.value;  // dM/dc: -d', +d'; -l', +l'
  double sum = n, slope_sum = 0;
#ifdef UNGEGARANTI_X86
  if (avx2) {
    std::tie(sum, slope_sum) = steady_sum_chains(r, g, e, w, n, d_d, d_l);
    return {sum / kAges, slope_sum / kAges};
  }
  double dn = 0;
  double minus_d_d = -d_d, minus_d_l = -d_l;
  // E and W side by side in the two lanes of an SSE2 vector (x86-64's baseline), N alone: each
  // lane does the operations the scalar form below does, in the same order.
  __m128d ew = _mm_set_pd(w, e), d_ew = _mm_setzero_pd();
  const __m128d from_w = _mm_set_pd(r.employed_stay, r.we), from_n = _mm_set_pd(r.nw, r.ne);
  const __m128d minus_d_dl = _mm_set_pd(minus_d_l, minus_d_d);
  for (int a = 0; a + 1 < kAges; ++a) {
    const __m128d from_e = _mm_set_pd(g(a), 1 - r.d - g(a));
    __m128d ee = _mm_unpacklo_pd(ew, ew), ww = _mm_unpackhi_pd(ew, ew), nn = _mm_set1_pd(n);
    __m128d dee = _mm_unpacklo_pd(d_ew, d_ew), dww = _mm_unpackhi_pd(d_ew, d_ew);
    __m128d dnn = _mm_set1_pd(dn);
    e = _mm_cvtsd_f64(ee);
    w = _mm_cvtsd_f64(ww);
    double de = _mm_cvtsd_f64(dee), dw = _mm_cvtsd_f64(dww);
    __m128d next_d_ew =
        _mm_add_pd(_mm_add_pd(_mm_add_pd(_mm_mul_pd(dee, from_e), _mm_mul_pd(dww, from_w)),
                              _mm_mul_pd(dnn, from_n)),
                   _mm_mul_pd(ew, minus_d_dl));
    double next_dn = ((de * r.d + dw * r.l) + dn * r.neet_stay) + (e * d_d + w * d_l);
    __m128d next_ew = _mm_add_pd(_mm_add_pd(_mm_mul_pd(ee, from_e), _mm_mul_pd(ww, from_w)),
                                 _mm_mul_pd(nn, from_n));
    double next_n = (e * r.d + w * r.l) + n * r.neet_stay;
    d_ew = next_d_ew, dn = next_dn;
    ew = next_ew, n = next_n;
    sum += n;
    slope_sum += dn;
  }
#else
  (void)avx2;
  std::tie(sum, slope_sum) = steady_sum_chains(r, g, e, w, n, d_d, d_l);
#endif
  return {sum / kAges, slope_sum / kAges};
}

[[gnu::always_inline]] inline std::pair<double, double> steady_share_and_slope_of(
    const Transitions& t, double c, bool avx2) {
  return steady_share_and_slope_of(t, c, education_to_work(t), entry(t, 0), avx2);
}

// S(0), the lower end of the calibration's bracket, as steady_neet_share(t, 0) gives it but
// without the other states: at c = 0 nothing flows into NEET (d = l = +0), so each step's
// x_E d + (x_W l + x_N (1 - ne - nw)) is +0 + (+0 + x_N (1 - ne - nw)) (shares are >= 0), which is
// x_N (1 - ne - nw) exactly, and the NEET column is the entry's NEET share times it, age by age.
double steady_neet_share_at_zero(const Transitions& t) {
  Rates r = rates(t, 0, {});
  Profile p;
  p(0, kNeet) = entry(t, 0)(kNeet);
  for (int a = 0; a + 1 < kAges; ++a)
    p(a + 1, kNeet) = p(a, kNeet) * r.neet_stay;
  return neet_share(p);
}

// How far above the target a Newton evaluation of S must be to show S(c_max) above it: far more
// than the rounding of either sum of nine shares (a few 1e-16), far less than any share that
// matters.
constexpr double kCalibrationMargin = 1e-12;

// The factor c on the flows into NEET for which S(c) equals `target_share` (docs/method.md#steady-
// state-and-calibration): Newton's method on S from c = 1 (the transitions as given), kept inside
// the bracket [0, c_max], which shrinks with each evaluation (a step that would leave it bisects
// instead). It stops when a step is below 1e-15 of the factor, or the bracket below 1e-13 wide. It
// depends on nothing but `t` and `target_share`, so project() and every Monte Carlo draw get the
// same factor, to the last bit, for the same transitions.
// Throws Error unless S(0) <= target <= S(c_max). S(0) is cheap (steady_neet_share_at_zero());
// S(c_max) is a whole steady profile, worked out only when no evaluation of Newton's has shown S
// above the target by more than rounding can explain (S increases with c, which the bracket's
// shrinking relies on too, so then S(c_max) >= that S > target). Newton's iterations do not
// depend on the check, which therefore may come after them: the same factor and the same error.
//
// The first evaluation, at c = 1, is made before c_max is known and is used when c_max >= 1 (the
// clamp then gives 1): otherwise it would wait for max_calibration()'s divisions, as the clamp's
// min and max are data, not a branch the processor can predict. When c_max < 1 it is made again
// at the clamped factor. S(0) (eight multiplications and a division) is worked out before
// Newton's iterations too, beside the first evaluation's chain of latencies, rather than after
// the loop's exit, which the processor mostly mispredicts. Measured: ProjectionRerun::run() 0,5-1 %
// faster in a micro-benchmark (min of 7 x 30.000 runs with four transitions drawn, three sets of
// 8-10 alternated rounds; 1,495-1,512 -> 1,484-1,499 µs, min and median); within the noise of a
// whole Monte Carlo run.
double calibrate(const Transitions& t, double target_share) {
  const bool avx2 = use_avx2();
  const Ages g = education_to_work(t);
  const Eigen::RowVector3d start = entry(t, 0);
  std::pair<double, double> at_one = steady_share_and_slope_of(t, 1.0, g, start, avx2);
  const double at_lo = steady_neet_share_at_zero(t);
  double lo = 0, hi = max_calibration(t);
  const double c_max = hi;
  bool above_shown = false;
  double c = std::clamp(1.0, lo, hi);
  double result = c;
  for (int i = 0; i < 200 && hi - lo > 1e-13; ++i) {
    auto [share, slope] =
        i == 0 && c == 1.0 ? at_one : steady_share_and_slope_of(t, c, g, start, avx2);
    double f = share - target_share;
    above_shown = above_shown || f > kCalibrationMargin;
    if (f == 0)
      break;
    (f < 0 ? lo : hi) = c;
    double next = slope > 0 ? c - f / slope : (lo + hi) / 2;
    if (!(next > lo && next < hi))
      next = (lo + hi) / 2;
    if (std::abs(next - c) <= 1e-15 * std::max(1.0, c)) {
      result = next;
      break;
    }
    c = next;
    result = c;
  }
  if (at_lo <= target_share && above_shown)
    return result;
  double at_hi = steady_neet_share(t, c_max);
  if (!(at_lo <= target_share && target_share <= at_hi))
    throw_not_calibrated(target_share, at_lo, at_hi);
  return result;
}

// The calibration of several draws at once (ProjectionRerun::stage()): the inputs of calibrate()
// for each draw, one lane each, in the order of ProjectionRerun::Impl::transitions.
enum CalibrationInput {
  kEntryEducation,
  kEntryEmployed,
  kDropout,
  kEmployedToNeet,
  kEmployedToEducation,
  kNeetToEducation,
  kNeetToWork,
  kEducationToWork,  // and the seven after it: g_a for a = 0 .. 7
  kCalibrationInputs = kEducationToWork + kAges - 1
};
constexpr size_t kCalibrationLanes = 4;
using Lanes = std::array<double, kCalibrationLanes>;
using CalibrationLanes = std::array<Lanes, kCalibrationInputs>;

// What calibrate_lanes_avx2() gives, per lane: the factor; whether calibrate() returns it (else it
// throws, with S(0) and S(c_max)); and the steady profile at the factor, by state and age.
struct CalibratedLanes {
  Lanes factor{}, at_zero{}, at_max{};
  std::array<bool, kCalibrationLanes> ok{};
  std::array<std::array<Lanes, kAges>, 3> steady{};
};

#ifdef UNGEGARANTI_X86
// The numbers of steady_share_and_slope_of() and steady_profile() that do not depend on c, four
// lanes: the entry row, the transitions, and the rates no factor moves.
struct SteadyLanes {
  __m256d one, ages, w0, start_e, start_n, dropout, to_neet, minus_dropout, minus_to_neet;
  __m256d we, ne, nw, neet_stay;
  __m256d g[kAges - 1];
};

// The rates that the factor c moves, in each lane, as rates(t, c, {}) works them out: r.d =
// dropout c (x (1 - 0), exact), r.l = to_neet c, employed_stay = 1 - r.l - we; and 1 - r.d.
struct RatesAtLanes {
  __m256d d, l, employed_stay, one_minus_d;
};

[[gnu::always_inline]] UNGEGARANTI_AVX2 inline RatesAtLanes rates_at_lanes_avx2(
    const SteadyLanes& k, __m256d c) {
  RatesAtLanes r;
  r.d = _mm256_mul_pd(k.dropout, c);
  r.l = _mm256_mul_pd(k.to_neet, c);
  r.employed_stay = _mm256_sub_pd(_mm256_sub_pd(k.one, r.l), k.we);
  r.one_minus_d = _mm256_sub_pd(k.one, r.d);
  return r;
}

// steady_share_and_slope_of() at c in each lane: steady_sum_chains()'s operations.
[[gnu::always_inline]] UNGEGARANTI_AVX2 inline void steady_lanes_avx2(const SteadyLanes& k,
                                                                      __m256d c, __m256d& share,
                                                                      __m256d& slope) {
  const auto [d, l, employed_stay, one_minus_d] = rates_at_lanes_avx2(k, c);
  const __m256d zero = _mm256_setzero_pd();
  __m256d e = k.start_e, w = k.w0, n = k.start_n;
  __m256d de = zero, dw = zero, dn = zero, sum = n, slope_sum = zero;
  for (int a = 0; a + 1 < kAges; ++a) {
    __m256d m_ee = _mm256_sub_pd(one_minus_d, k.g[a]);
    __m256d next_de =
        _mm256_add_pd(_mm256_add_pd(_mm256_add_pd(_mm256_mul_pd(de, m_ee), _mm256_mul_pd(dw, k.we)),
                                    _mm256_mul_pd(dn, k.ne)),
                      _mm256_mul_pd(e, k.minus_dropout));
    __m256d next_dw = _mm256_add_pd(
        _mm256_add_pd(_mm256_add_pd(_mm256_mul_pd(de, k.g[a]), _mm256_mul_pd(dw, employed_stay)),
                      _mm256_mul_pd(dn, k.nw)),
        _mm256_mul_pd(w, k.minus_to_neet));
    __m256d next_dn =
        _mm256_add_pd(_mm256_add_pd(_mm256_add_pd(_mm256_mul_pd(de, d), _mm256_mul_pd(dw, l)),
                                    _mm256_mul_pd(dn, k.neet_stay)),
                      _mm256_add_pd(_mm256_mul_pd(e, k.dropout), _mm256_mul_pd(w, k.to_neet)));
    __m256d next_e = _mm256_add_pd(_mm256_add_pd(_mm256_mul_pd(e, m_ee), _mm256_mul_pd(w, k.we)),
                                   _mm256_mul_pd(n, k.ne));
    __m256d next_w =
        _mm256_add_pd(_mm256_add_pd(_mm256_mul_pd(e, k.g[a]), _mm256_mul_pd(w, employed_stay)),
                      _mm256_mul_pd(n, k.nw));
    __m256d next_n = _mm256_add_pd(_mm256_add_pd(_mm256_mul_pd(e, d), _mm256_mul_pd(w, l)),
                                   _mm256_mul_pd(n, k.neet_stay));
    de = next_de, dw = next_dw, dn = next_dn;
    e = next_e, w = next_w, n = next_n;
    sum = _mm256_add_pd(sum, n);
    slope_sum = _mm256_add_pd(slope_sum, dn);
  }
  share = _mm256_div_pd(sum, k.ages);
  slope = _mm256_div_pd(slope_sum, k.ages);
}

// steady_profile() at c in each lane: times_matrix()'s operations age by age, from the entry row.
// col[s][a] is state s at age a.
[[gnu::always_inline]] UNGEGARANTI_AVX2 inline void steady_profile_lanes_avx2(
    const SteadyLanes& k, __m256d c, __m256d (&col)[3][kAges]) {
  const auto [d, l, employed_stay, one_minus_d] = rates_at_lanes_avx2(k, c);
  __m256d e = k.start_e, w = k.w0, n = k.start_n;
  col[kEducation][0] = e, col[kEmployed][0] = w, col[kNeet][0] = n;
  for (int a = 0; a + 1 < kAges; ++a) {
    __m256d next_e = _mm256_add_pd(_mm256_mul_pd(e, _mm256_sub_pd(one_minus_d, k.g[a])),
                                   _mm256_add_pd(_mm256_mul_pd(w, k.we), _mm256_mul_pd(n, k.ne)));
    __m256d next_w =
        _mm256_add_pd(_mm256_mul_pd(e, k.g[a]),
                      _mm256_add_pd(_mm256_mul_pd(w, employed_stay), _mm256_mul_pd(n, k.nw)));
    __m256d next_n = _mm256_add_pd(
        _mm256_mul_pd(e, d), _mm256_add_pd(_mm256_mul_pd(w, l), _mm256_mul_pd(n, k.neet_stay)));
    e = next_e, w = next_w, n = next_n;
    col[kEducation][a + 1] = e, col[kEmployed][a + 1] = w, col[kNeet][a + 1] = n;
  }
}

// column_mean() of nine ages in each lane, in its order.
[[gnu::always_inline]] UNGEGARANTI_AVX2 inline __m256d column_mean_lanes_avx2(const __m256d* x) {
  static_assert(kAges == 9, "the order is that of a nine-long column");
  __m256d sum = _mm256_add_pd(_mm256_add_pd(_mm256_add_pd(x[0], x[2]), _mm256_add_pd(x[4], x[6])),
                              _mm256_add_pd(_mm256_add_pd(x[1], x[3]), _mm256_add_pd(x[5], x[7])));
  return _mm256_div_pd(_mm256_add_pd(sum, x[8]), _mm256_set1_pd(kAges));
}

// calibrate() for four sets of transitions, one in each lane, and one target share: each lane
// does calibrate()'s IEEE operations in its order (those of unmoved(), rates() with every lever 0,
// entry(), steady_sum_chains(), steady_neet_share_at_zero(), max_calibration() and Newton's
// steps with the shrinking bracket), so a lane's factor is calibrate()'s to the last bit. Each lane
// leaves Newton's loop where calibrate()'s would; the others go on, and its numbers no longer
// change. With the factor it gives S(0) and S(c_max), and `ok[l]`: whether calibrate() returns
// the factor rather than throwing (S(0) <= target, and an evaluation showed S above the target or
// S(c_max) is not below it), and the steady profile at the factor, which the draw's Cohort needs.
//
// Why: each Newton evaluation is a chain of eight ages' latencies (a multiply, then three adds),
// and one draw's six scalar chains (steady_sum_chains()) already fill the processor's throughput
// along it; four draws in the lanes of vectors take the same chain for four times the work.
UNGEGARANTI_AVX2 void calibrate_lanes_avx2(const CalibrationLanes& in, double target_share,
                                           CalibratedLanes& out) {
  const __m256d zero = _mm256_setzero_pd(), one = _mm256_set1_pd(1.0);
  const __m256d sign = _mm256_set1_pd(-0.0);
  SteadyLanes k;
  k.one = one;
  k.ages = _mm256_set1_pd(kAges);
  const __m256d e0 = _mm256_loadu_pd(in[kEntryEducation].data());
  k.w0 = _mm256_loadu_pd(in[kEntryEmployed].data());
  k.dropout = _mm256_loadu_pd(in[kDropout].data());
  k.to_neet = _mm256_loadu_pd(in[kEmployedToNeet].data());
  k.we = _mm256_loadu_pd(in[kEmployedToEducation].data());
  for (int a = 0; a + 1 < kAges; ++a)
    k.g[a] = _mm256_loadu_pd(in[static_cast<size_t>(kEducationToWork + a)].data());
  // unmoved() and rates() with every lever 0: ne + 0 x stay, nw + 0 x stay.
  const __m256d ne = _mm256_loadu_pd(in[kNeetToEducation].data());
  const __m256d nw = _mm256_loadu_pd(in[kNeetToWork].data());
  const __m256d stay = _mm256_sub_pd(_mm256_sub_pd(one, ne), nw);
  k.ne = _mm256_add_pd(ne, _mm256_mul_pd(zero, stay));
  k.nw = _mm256_add_pd(nw, _mm256_mul_pd(zero, stay));
  k.neet_stay = _mm256_sub_pd(_mm256_sub_pd(one, k.ne), k.nw);
  // entry(t, 0): the moved share is entry_neet x 0.
  const __m256d entry_neet = _mm256_sub_pd(_mm256_sub_pd(one, e0), k.w0);
  const __m256d moved = _mm256_mul_pd(entry_neet, zero);
  k.start_e = _mm256_add_pd(e0, moved);
  k.start_n = _mm256_sub_pd(entry_neet, moved);
  k.minus_dropout = _mm256_xor_pd(k.dropout, sign);
  k.minus_to_neet = _mm256_xor_pd(k.to_neet, sign);

  // steady_neet_share_at_zero(): the NEET column at c = 0, and column_mean()'s order.
  __m256d p[kAges];
  p[0] = k.start_n;
  for (int a = 0; a + 1 < kAges; ++a)
    p[a + 1] = _mm256_mul_pd(p[a], k.neet_stay);
  const __m256d at_lo = column_mean_lanes_avx2(p);

  // max_calibration(): std::min(c, x) is x < c ? x : c, which is minpd(x, c).
  __m256d hi = _mm256_set1_pd(1e6);
  const __m256d dropout_positive = _mm256_cmp_pd(k.dropout, zero, _CMP_GT_OQ);
  for (int a = 0; a + 1 < kAges; ++a) {
    __m256d bound = _mm256_div_pd(_mm256_sub_pd(one, k.g[a]), k.dropout);
    hi = _mm256_blendv_pd(hi, _mm256_min_pd(bound, hi), dropout_positive);
  }
  hi = _mm256_blendv_pd(hi, _mm256_min_pd(_mm256_div_pd(_mm256_sub_pd(one, k.we), k.to_neet), hi),
                        _mm256_cmp_pd(k.to_neet, zero, _CMP_GT_OQ));

  // steady_neet_share(t, c_max): calibrate()'s check needs it where no evaluation shows S above
  // the target (most draws: Newton's steps mostly come from below).
  __m256d col[3][kAges];
  steady_profile_lanes_avx2(k, hi, col);
  const __m256d at_hi = column_mean_lanes_avx2(col[kNeet]);

  // Newton's loop, calibrate()'s steps lane by lane; `active` are the lanes still in it.
  const __m256d target = _mm256_set1_pd(target_share);
  const __m256d margin = _mm256_set1_pd(kCalibrationMargin), two = _mm256_set1_pd(2.0);
  const __m256d bracket = _mm256_set1_pd(1e-13), step = _mm256_set1_pd(1e-15);
  __m256d lo = zero, above = zero;  // above: all ones where an evaluation showed S above target
  __m256d c = _mm256_blendv_pd(one, hi, _mm256_cmp_pd(hi, one, _CMP_LT_OQ));  // clamp(1, 0, hi)
  __m256d result = c;
  __m256d active = _mm256_cmp_pd(_mm256_sub_pd(hi, lo), bracket, _CMP_GT_OQ);
  for (int i = 0; i < 200 && _mm256_movemask_pd(active) != 0; ++i) {
    __m256d share, slope;
    steady_lanes_avx2(k, c, share, slope);
    __m256d f = _mm256_sub_pd(share, target);
    above = _mm256_or_pd(above, _mm256_and_pd(active, _mm256_cmp_pd(f, margin, _CMP_GT_OQ)));
    active = _mm256_andnot_pd(_mm256_cmp_pd(f, zero, _CMP_EQ_OQ), active);  // f == 0: stop
    __m256d below = _mm256_cmp_pd(f, zero, _CMP_LT_OQ);
    lo = _mm256_blendv_pd(lo, c, _mm256_and_pd(active, below));
    hi = _mm256_blendv_pd(hi, c, _mm256_andnot_pd(below, active));
    __m256d middle = _mm256_div_pd(_mm256_add_pd(lo, hi), two);
    __m256d next = _mm256_blendv_pd(middle, _mm256_sub_pd(c, _mm256_div_pd(f, slope)),
                                    _mm256_cmp_pd(slope, zero, _CMP_GT_OQ));
    __m256d inside =
        _mm256_and_pd(_mm256_cmp_pd(next, lo, _CMP_GT_OQ), _mm256_cmp_pd(next, hi, _CMP_LT_OQ));
    next = _mm256_blendv_pd(middle, next, inside);
    __m256d small = _mm256_cmp_pd(_mm256_andnot_pd(sign, _mm256_sub_pd(next, c)),
                                  _mm256_mul_pd(step, _mm256_max_pd(c, one)), _CMP_LE_OQ);
    result = _mm256_blendv_pd(result, next, active);  // = next whether it stops here or goes on
    active = _mm256_andnot_pd(small, active);
    c = _mm256_blendv_pd(c, next, active);
    active = _mm256_and_pd(active, _mm256_cmp_pd(_mm256_sub_pd(hi, lo), bracket, _CMP_GT_OQ));
  }
  // calibrate()'s check: S(0) <= target, and S above it in an evaluation or S(c_max) >= it.
  const __m256d reached = _mm256_or_pd(above, _mm256_cmp_pd(target, at_hi, _CMP_LE_OQ));
  const int passed =
      _mm256_movemask_pd(_mm256_and_pd(_mm256_cmp_pd(at_lo, target, _CMP_LE_OQ), reached));
  _mm256_storeu_pd(out.factor.data(), result);
  _mm256_storeu_pd(out.at_zero.data(), at_lo);
  _mm256_storeu_pd(out.at_max.data(), at_hi);
  for (size_t l = 0; l < kCalibrationLanes; ++l)
    out.ok[l] = (passed >> l & 1) != 0;
  // The steady profile at each lane's factor, for its Cohort.
  steady_profile_lanes_avx2(k, result, col);
  for (int state = 0; state < 3; ++state) {
    for (int a = 0; a < kAges; ++a)
      _mm256_storeu_pd(out.steady[static_cast<size_t>(state)][static_cast<size_t>(a)].data(),
                       col[state][a]);
  }
}
#endif

// Ordinary least squares slope of `values` against 0, 1, 2, ...
double slope(const std::vector<double>& values) {
  double n = static_cast<double>(values.size());
  double mx = (n - 1) / 2, my = 0;
  for (double v : values)
    my += v / n;
  double sxy = 0, sxx = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    double dx = static_cast<double>(i) - mx;
    sxy += dx * (values[i] - my);
    sxx += dx * dx;
  }
  return sxx > 0 ? sxy / sxx : 0.0;
}

std::vector<double> last(const std::vector<double>& v, int k) {
  size_t n = std::min(v.size(), static_cast<size_t>(k));
  return {v.end() - static_cast<std::ptrdiff_t>(n), v.end()};
}

double mean(const std::vector<double>& v) {
  double sum = 0;
  for (double x : v)
    sum += x;
  return v.empty() ? 0.0 : sum / static_cast<double>(v.size());
}

// The share the subject must be at or below to be in the best third: the K-th lowest of the
// others, K = floor(of / 3); then at most K - 1 others are strictly lower, so its rank is <= K.
double best_third_threshold(std::vector<double> others) {
  std::sort(others.begin(), others.end());
  size_t k = (others.size() + 1) / 3;  // >= 1: the group has at least 3 (setup())
  return others[k - 1];
}

double threshold_of_target(Target target, const std::vector<double>& all,
                           const std::vector<double>& group) {
  switch (target) {
    case Target::kBestThirdAll:
      return best_third_threshold(all);
    case Target::kBestThirdGroup:
      return best_third_threshold(group);
    case Target::kGroupAverage:
      return mean(group);
    case Target::kNone:
      break;
  }
  return 100.0;
}

// The others' shares without a programme in `year` of future k (docs/method.md#futures-without-a-
// programme): each municipality's C_o(year) plus its error in that future, within 0-100; the
// group's others apart; and the subject's own error.
struct FutureField {
  double subject_error = 0;
  std::vector<double> all, group;
};

// The fields of every future at one distance: each municipality's C_o(year) and where its error
// is, looked up once rather than for each future (ProjectionRerun's constructor works out every
// future of every distance: about 2 M instructions of its 11 M, with a map of the errors and the
// lookups per future).
class FutureFields {
 public:
  FutureFields(const Development& development, const NeetData& data, int subject,
               const std::vector<int>& group, int year, const ForecastErrors& errors)
      : errors_(errors) {
    std::map<int, size_t> column;  // kommunekode -> its error's place in a future's errors
    for (size_t i = 0; i < errors.codes.size(); ++i)
      column[errors.codes[i]] = i;
    subject_ = column.at(subject);
    for (const Municipality& m : data.municipalities) {
      if (m.code != subject)
        all_.emplace_back(development.share(m.code, year), column.at(m.code));
    }
    for (int code : group) {
      if (code != subject)
        group_.emplace_back(development.share(code, year), column.at(code));
    }
  }

  FutureField at(size_t k) const {
    const std::vector<double>& error = errors_.error_pp[k];
    auto moved = [&](const std::pair<double, size_t>& o) {
      return std::clamp(o.first + error[o.second], 0.0, 100.0);
    };
    FutureField f;
    f.subject_error = error[subject_];
    f.all.reserve(all_.size());
    for (const auto& o : all_)
      f.all.push_back(moved(o));
    f.group.reserve(group_.size());
    for (const auto& o : group_)
      f.group.push_back(moved(o));
    return f;
  }

 private:
  const ForecastErrors& errors_;
  size_t subject_ = 0;
  std::vector<std::pair<double, size_t>> all_, group_;  // C_o(year), and its error's place
};

FutureField future_field(const Development& development, const NeetData& data, int subject,
                         const std::vector<int>& group, int year, const ForecastErrors& errors,
                         size_t k) {
  return FutureFields(development, data, subject, group, year, errors).at(k);
}

// The verdict on a target (docs/method.md#the-verdict).
Verdict verdict_of(const ModelPath& m, double confidence) {
  if (m.target == Target::kNone)
    return Verdict::kNone;
  if (!m.met)
    return Verdict::kNotMet;
  return m.p_met && *m.p_met < confidence ? Verdict::kUncertain : Verdict::kMet;
}

// One effect of a model and the initiatives through which it works.
struct EffectPlan {
  const Quantity* size = nullptr;
  TrackReach reach;
};

std::vector<EffectPlan> effect_plans(const Scenario& s, Tier tier) {
  std::vector<EffectPlan> out;
  for (const auto& [track_id, size] : s.model(tier).effects)
    out.push_back({&size, track_reach(s, tier, *s.track(track_id))});
  return out;
}

// The share of a band's people in each lever's risk state: in education and NEET from the
// calibrated steady state, and those who would start as NEET at 16 from the entry row.
struct AtRisk {
  double in_education = 0, neet = 0, entry_neet = 0;
};

AtRisk at_risk_of(const Profile& steady, const Transitions& t) {
  return {column_mean(steady, kEducation), column_mean(steady, kNeet),
          1 - t.entry_education.value - t.entry_employed.value};
}

// Each effect's reach for the values at hand (docs/method.md#reach): the share of a band's people
// at risk depends on the lever.
// With from_year <= to_year, their reach is worked out at once (ReachYears::prepare()).
void prepare_reach(const std::vector<EffectPlan>& plans, const Scenario& s, const AtRisk& q,
                   std::vector<ReachYears>& out, int from_year = 0, int to_year = -1) {
  out.resize(plans.size());
  // Walked by pointer: each prepare() is an indirect call, after which the loop would otherwise
  // read the vectors' bounds again.
  ReachYears* reach = out.data();
  for (const EffectPlan& plan : plans) {
    Lever lever = plan.reach.lever;
    if (lever != Lever::kNone) {
      double at_risk = lever == Lever::kDropout ? q.in_education
                       : lever == Lever::kEntry ? q.entry_neet
                                                : q.neet;
      reach->prepare(plan.reach, s, at_risk, from_year, to_year);
    }
    ++reach;
  }
}

// The levers of one year (docs/method.md#levers). `scale` is the common factor on the model's
// effects; `reach` is prepare_reach()'s.
Levers levers_of(const std::vector<EffectPlan>& plans, const std::vector<ReachYears>& reach,
                 int year, double scale) {
  // What each lever keeps, by Lever (kNone's is never read), multiplied in the effects' order.
  std::array<double, 5> keep = {1, 1, 1, 1, 1};
  for (size_t i = 0; i < plans.size(); ++i) {
    const EffectPlan& e = plans[i];
    Lever lever = e.reach.lever;
    if (lever == Lever::kNone)
      continue;
    double f = std::min(1.0, scale * e.size->value * reach[i].at(year));
    keep[static_cast<size_t>(lever)] *= 1 - f;
  }
  return {1 - keep[static_cast<size_t>(Lever::kDropout)],
          1 - keep[static_cast<size_t>(Lever::kEntry)],
          1 - keep[static_cast<size_t>(Lever::kNeetToEducation)],
          1 - keep[static_cast<size_t>(Lever::kNeetToWork)]};
}

// The levers of one model over the years: its effects, each effect's reach for the values at
// hand, and the year from which the levers stay the same.
struct ModelLevers {
  std::vector<EffectPlan> effects;
  std::vector<ReachYears> reach;  // per effect, for the values prepare() read
  // From this year on every year has the same levers: reach stays at the last budget year's, and
  // an entry track's youngest pupils have turned 16 (reach_settled_year()).
  int settled_year = 0;

  ModelLevers() = default;
  ModelLevers(const Scenario& s, Tier tier)
      : effects(effect_plans(s, tier)), settled_year(s.last_year()) {
    for (const EffectPlan& e : effects) {
      settled_year = std::max(settled_year, reach_settled_year(e.reach, s));
      if (e.reach.lever != Lever::kNone)
        lever_effects_.push_back({e.reach.lever, 0, nullptr});
    }
  }
  // Reads the values at hand; the years from base_year + 1 to the settled year, or to `through`
  // if that is earlier (the last year a path will step to), are worked out at once: their reach,
  // and their levers at the scale 1 (tabulate()).
  void prepare(const Scenario& s, const AtRisk& q, int base_year,
               int through = std::numeric_limits<int>::max()) {
    int last = std::min(settled_year, through);
    prepare_reach(effects, s, q, reach, base_year + 1, last);
    tabulate(base_year + 1, last);
  }
  // The last year whose levers at the scale 1 can differ from the year before's (by Levers'
  // ==), for a path from `base_year`: from the table when it starts at base_year + 1 (prepare()'s
  // years), whose rows stay equal from there on, and after which the levers stay those of the
  // settled year; else the settled year. At least base_year + 1.
  int last_change(int base_year) const {
    int last = settled_year;
    if (table_from_ == base_year + 1 && !table_.empty())
      last = table_from_ + static_cast<int>(changed_at_);
    return std::max(last, base_year + 1);
  }
  // The year's row of the table at the scale 1 (four doubles in the order of Levers' members),
  // where prepare() worked it out: at(year, 1.0)'s levers; else nullptr.
  const double* row_at(int year) const {
    size_t i = static_cast<size_t>(year - table_from_);
    return year >= table_from_ && i < table_.size() / 4 ? table_.data() + 4 * i : nullptr;
  }
  // levers_of(effects, reach, year, scale): from the table where prepare() worked it out.
  Levers at(int year, double scale) const {
    size_t i = static_cast<size_t>(year - table_from_);
    if (scale == 1.0 && year >= table_from_ && i < table_.size() / 4)
      return row(i);
    return levers_of(effects, reach, year, scale);
  }

 private:
  // levers_of() at the scale 1 for the years from .. to, a row a year (lever_table()): the same
  // operations, in the same order, on each year's levers, with each effect's reach read from its
  // ReachYears' table (prepare() tabulates the same years for every effect).
  void tabulate(int from, int to) {
    table_from_ = from;
    size_t years = to >= from ? static_cast<size_t>(to - from + 1) : 0;
    LeverEffect* effect = lever_effects_.data();
    for (size_t k = 0; k < effects.size(); ++k) {
      if (effects[k].reach.lever == Lever::kNone)
        continue;
      assert(reach[k].tabulated_from() == from && reach[k].tabulated().size() == years);
      effect->size = 1.0 * effects[k].size->value;  // levers_of()'s scale * size
      effect->reach = reach[k].tabulated().data();
      ++effect;
    }
    table_.resize(4 * years);
    lever_table(lever_effects_, years, table_.data(), simd_);
    // From the end back to the last row that differs from the one before (a NaN differs): the
    // years after it need no look-up. The scan is as long as the years it saves.
    changed_at_ = years > 0 ? years - 1 : 0;
    while (changed_at_ > 0 && row(changed_at_) == row(changed_at_ - 1))
      --changed_at_;
  }

  // Year i's row of the table.
  Levers row(size_t i) const {
    const double* r = table_.data() + 4 * i;
    return {r[0], r[1], r[2], r[3]};
  }

  int table_from_ = 0;
  // lever_table() writes a year's levers as four doubles in the order of Lever's kDropout ..
  // kNeetToWork, which is the order of Levers' members (row()).
  static_assert(static_cast<int>(Lever::kDropout) == 1 &&
                static_cast<int>(Lever::kNeetToWork) == 4);
  // tabulate()'s: one per effect that moves a lever, in the effects' order, with its lever; the
  // size and the reach are those at hand.
  std::vector<LeverEffect> lever_effects_;
#ifdef UNGEGARANTI_X86
  bool simd_ = has_avx2();
#else
  bool simd_ = false;
#endif
  std::vector<double> table_;  // at the scale 1, four a year (row()) from table_from_
  size_t changed_at_ = 0;      // rows from this one on are equal (tabulate())
};

// The common factor on a model's effects: `scale` in the years after `fixed_through`, the assumed
// effects (1) up to it (the follow-up's re-projection; 0: from the start).
struct Scaling {
  double scale = 1.0;
  int fixed_through = 0;
  double at(int year) const { return year <= fixed_through ? 1.0 : scale; }
};

// A path's resize() for the cohort's forms, rarely called (a Monte Carlo's paths keep their
// size): one call of std::vector's for them all, which leaves GCC's choice to inline the others
// (the levers' tables) as it was.
[[gnu::noinline]] void resize_path(std::vector<double>& path, size_t years) { path.resize(years); }

#ifdef UNGEGARANTI_X86
// The means of a state's nine ages, lane by lane, in column_mean()'s order: ((x0 + x2) + (x4 +
// x6)) + ((x1 + x3) + (x5 + x7)), then x8, then divided by 9.
[[gnu::always_inline]] UNGEGARANTI_AVX2 inline __m256d column_means(const double (*ages)[4]) {
  __m256d sum =
      _mm256_add_pd(_mm256_add_pd(_mm256_add_pd(_mm256_load_pd(ages[0]), _mm256_load_pd(ages[2])),
                                  _mm256_add_pd(_mm256_load_pd(ages[4]), _mm256_load_pd(ages[6]))),
                    _mm256_add_pd(_mm256_add_pd(_mm256_load_pd(ages[1]), _mm256_load_pd(ages[3])),
                                  _mm256_add_pd(_mm256_load_pd(ages[5]), _mm256_load_pd(ages[7]))));
  return _mm256_div_pd(_mm256_add_pd(sum, _mm256_load_pd(ages[8])), _mm256_set1_pd(kAges));
}

// Unmoved's values that lane_rates() reads, each in every lane of a vector.
struct LaneUnmoved {
  __m256d d, ne, nw, stay, entry_education, entry_neet;
  UNGEGARANTI_AVX2 explicit LaneUnmoved(const Unmoved& u)
      : d(_mm256_set1_pd(u.d)),
        ne(_mm256_set1_pd(u.ne)),
        nw(_mm256_set1_pd(u.nw)),
        stay(_mm256_set1_pd(u.stay)),
        entry_education(_mm256_set1_pd(u.entry_education)),
        entry_neet(_mm256_set1_pd(u.entry_neet)) {}
};

// What the levers move in rates() and entry(), for four sets of levers at once, one per lane.
struct LaneRates {
  __m256d d, one_minus_d, ne, nw, neet_stay, entry_e, entry_n;
};

// rates() and entry() of the four rows of levers `row` (four doubles each, in the order of Levers'
// members), one per lane: the four rows are turned into a vector per lever (a transpose, no
// arithmetic), and each lane does rates()' and entry()'s operations in their order. Where
// fe + fw > 1, rates() divides both by their sum; here, if any lane's sum is above 1, every lane
// divides and a blend keeps the quotients where the sum is above 1 (not where it is NaN, as the
// comparison there), so each lane has rates()' numbers, to the bit. Where no lane's sum is above
// 1, the division, which is slow, is left out.
[[gnu::always_inline]] UNGEGARANTI_AVX2 inline LaneRates lane_rates(
    const LaneUnmoved& u, const std::array<const double*, 4>& row) {
  const __m256d r0 = _mm256_loadu_pd(row[0]), r1 = _mm256_loadu_pd(row[1]),
                r2 = _mm256_loadu_pd(row[2]), r3 = _mm256_loadu_pd(row[3]);
  const __m256d lo01 = _mm256_unpacklo_pd(r0, r1), hi01 = _mm256_unpackhi_pd(r0, r1),
                lo23 = _mm256_unpacklo_pd(r2, r3), hi23 = _mm256_unpackhi_pd(r2, r3);
  const __m256d dropout = _mm256_permute2f128_pd(lo01, lo23, 0x20),
                entry = _mm256_permute2f128_pd(hi01, hi23, 0x20);
  __m256d fe = _mm256_permute2f128_pd(lo01, lo23, 0x31),
          fw = _mm256_permute2f128_pd(hi01, hi23, 0x31);
  const __m256d one = _mm256_set1_pd(1.0);
  LaneRates out;
  out.d = _mm256_mul_pd(u.d, _mm256_sub_pd(one, dropout));
  out.one_minus_d = _mm256_sub_pd(one, out.d);
  const __m256d both = _mm256_add_pd(fe, fw);
  const __m256d over = _mm256_cmp_pd(both, one, _CMP_GT_OQ);
  if (_mm256_movemask_pd(over) != 0) {
    const __m256d scale = _mm256_div_pd(one, both);
    fe = _mm256_blendv_pd(fe, _mm256_mul_pd(fe, scale), over);
    fw = _mm256_blendv_pd(fw, _mm256_mul_pd(fw, scale), over);
  }
  out.ne = _mm256_add_pd(u.ne, _mm256_mul_pd(fe, u.stay));
  out.nw = _mm256_add_pd(u.nw, _mm256_mul_pd(fw, u.stay));
  out.neet_stay = _mm256_sub_pd(_mm256_sub_pd(one, out.ne), out.nw);
  const __m256d moved = _mm256_mul_pd(u.entry_neet, entry);
  out.entry_e = _mm256_add_pd(u.entry_education, moved);
  out.entry_n = _mm256_sub_pd(u.entry_neet, moved);
  return out;
}
#endif

// One model's part in Cohort::project_three(): its levers (prepare()d through `end`), and its
// NEET share and work share per year from the base year to `end`, as project() writes them.
template <class L>
struct CohortLane {
  const L* levers = nullptr;
  int end = 0;
  std::vector<double>* path = nullptr;
  std::vector<double>* work = nullptr;
};

// The cohort model of the subject at one calibration (docs/method.md#the-cohort-model): its
// steady state without a programme, and a model's path away from it. The one kernel: project(),
// reproject() and the Monte Carlo's ProjectionRerun all step the cohorts here.
class Cohort {
 public:
  Cohort() = default;
  // `t` must outlive the Cohort; project() reads its values then (they must be those calibrated).
  Cohort(const Transitions& t, double calibration)
      : Cohort(t, calibration, steady_profile(t, calibration)) {}
  // With the steady profile at `calibration` worked out already (steady_profile()'s numbers).
  Cohort(const Transitions& t, double calibration, const Profile& steady)
      : t_(&t),
        calibration_(calibration),
        g_(education_to_work(t)),
        steady_(steady),
        steady_neet_(neet_share(steady_)),
        steady_employed_(employed_share(steady_)),
        at_risk_(at_risk_of(steady_, t)) {}

  double calibration() const { return calibration_; }
  const AtRisk& at_risk() const { return at_risk_; }

  // One model's NEET share (percent) per year from base_year to `end` into `path`: the change the
  // cohort model gives against its steady state, added to `baseline` (percent, per year from
  // base_year, at least to `end`), within 0-100; with `work`, each year's work_share_of() too.
  // Both are resized to the years, so that their memory is reused. `levers` must be prepare()d
  // (years after those it worked out are summed one by one: the same numbers).
  // `levers` is a ModelLevers, or anything with its at(), last_change() and settled_year (a test's
  // table of levers).
  template <class L>
  void project(const L& levers, Scaling scaling, int base_year, int end,
               const std::vector<double>& baseline, std::vector<double>& path,
               std::vector<double>* work) const {
    // Sized, not cleared and appended to: a Monte Carlo reuses them with the same size every draw.
    size_t years = end >= base_year ? static_cast<size_t>(end - base_year + 1) : 0;
    if (path.size() != years)
      resize_path(path, years);
    if (work != nullptr && work->size() != years)
      resize_path(*work, years);
    double* path_out = path.data();
    double* work_out = work != nullptr ? work->data() : nullptr;
    const double* baseline_in = baseline.data();
    double steady_pct = steady_neet_ * 100;
    // One year on, a new cohort enters at 16 (the entry row) and everyone else moves one age and
    // one state step (step(): each age's matrix, from the year's rates and g_a). They depend on
    // the year only through the levers, which change up to the settled year and where the scaling
    // does; after that they are reused. After kAges steps with the same levers every age's row
    // is one they give (row a is settled a + 1 steps on), so a step gives the same profile to
    // the bit and is left out: the steady state is such a profile, for the levers 0.
    Levers built;                            // those of entry_row and r
    Unmoved u = unmoved(*t_, calibration_);  // the values at hand
    Eigen::RowVector3d entry_row = entry(u, built.entry);
    Rates r = rates(u, built);
    int same_steps = kAges;         // steps taken since the levers last changed
    const Profile* x = &steady_;    // this year's profile: the steady state, then one of buffer
    std::array<Profile, 2> buffer;  // the profiles of alternate years
    size_t into = 0;
    bool avx2 = use_avx2();
    // The year's change against the steady state and its work share: they change only with the
    // profile, so they are worked out after a step, not every year.
    double neet = steady_neet_, employed = steady_employed_;
    double change = neet * 100 - steady_pct;
    double work_share = work_share_of(employed, neet, steady_employed_, steady_neet_);
    // The levers are looked up from base_year + 1 through the settled year (at the scale 1, the
    // last year whose levers differ from the year before's: ModelLevers::last_change()) and where
    // the scaling changes, and stay those of the last look-up after that (reach_settled_year()).
    // Looking up a year in between gives those same levers again.
    int last_lookup =
        scaling.scale == 1.0
            ? levers.last_change(base_year)
            : std::max({base_year + 1, levers.settled_year, scaling.fixed_through + 1});
    size_t i = 0;
    if (years > 0) {
      path_out[0] = std::clamp(baseline_in[0] + change, 0.0, 100.0);
      if (work_out != nullptr)
        work_out[0] = work_share;
      i = 1;
    }
    // Up to the last look-up and then as long as steps are taken.
    for (; i < years; ++i) {
      int year = base_year + static_cast<int>(i);
      if (year <= last_lookup) {
        Levers now = levers.at(year, scaling.at(year));
        if (!(now == built)) {
          built = now;
          entry_row = entry(u, built.entry);
          r = rates(u, built);
          same_steps = 0;
        }
      } else if (same_steps >= kAges) {
        break;
      } else {
        // What the reuse relies on (reach_settled_year()); checked in debug builds.
        assert(levers.at(year, scaling.at(year)) == built);
      }
      if (same_steps < kAges) {
        step(avx2, *x, entry_row, g_, r, buffer[into]);
        x = &buffer[into];
        into ^= 1;
        ++same_steps;
        neet = neet_share(*x);
        employed = employed_share(*x);
        change = neet * 100 - steady_pct;
        work_share = work_share_of(employed, neet, steady_employed_, steady_neet_);
      }
      path_out[i] = std::clamp(baseline_in[i] + change, 0.0, 100.0);
      if (work_out != nullptr)
        work_out[i] = work_share;
    }
    // The years after: the same levers and no more steps, so the same profile.
    if (work_out != nullptr)
      std::fill(work_out + i, work_out + years, work_share);
    for (; i < years; ++i) {
      [[maybe_unused]] int year = base_year + static_cast<int>(i);
      assert(levers.at(year, scaling.at(year)) == built);
      path_out[i] = std::clamp(baseline_in[i] + change, 0.0, 100.0);
    }
  }

#ifdef UNGEGARANTI_X86
  // project() for three models at once at the scale 1, the Monte Carlo's case: one model per lane
  // of AVX2 vectors (lanes 0-2; lane 3 keeps the steady state and is never read), so that the
  // bookkeeping of a year (the column means, the change, the work share, the clamp) is done once
  // for the three. Each lane's numbers are project()'s, to the bit:
  // - a step is step_avx2()'s operations on each lane, age by age (in place, from the oldest age
  //   down, as age a + 1's next row reads only age a's row);
  // - the column means are Eigen's: its SSE2 packets add a 9-long column as
  //   ((x0 + x2) + (x4 + x6)) + ((x1 + x3) + (x5 + x7)), then x8, then divide by 9 (read from the
  //   compiled neet_share(); the test "the cohort's three-lane form" compares the bits);
  // - a lane's levers are looked up where project()'s are, and the four lanes' rates are rebuilt
  //   from the levers of their last look-up every year, in lanes (lane_rates()), not only when
  //   the levers differ from the year before's: equal levers give the same rates (no lever is
  //   -0, being 1 - what it keeps);
  // - the three lanes are stepped while any of them steps, up to eight years after its last
  //   look-up (project()'s last step is at most that): a further step with the same levers gives
  //   the same profile to the bit (project()'s reason to stop), and a lane past its last year is
  //   not stored.
  // The work is project_three_lanes()'s, compiled twice: for AVX2, and with AVX-512 (VL) for its
  // 32 vector registers instead of 16. The year's profile (27 vectors), its rates and constants
  // do not fit in 16, and the AVX2 form keeps many of them on the stack, loading and storing them
  // every year; the instructions are those of the same intrinsics, so each lane's operations are
  // the same.
  template <class L>
  void project_three(const std::array<CohortLane<L>, 3>& lanes, int base_year,
                     const std::vector<double>& baseline) const {
    if (has_avx512())
      project_three_avx512(lanes, base_year, baseline);
    else
      project_three_avx2(lanes, base_year, baseline);
  }

  template <class L>
  UNGEGARANTI_AVX2 void project_three_avx2(const std::array<CohortLane<L>, 3>& lanes, int base_year,
                                           const std::vector<double>& baseline) const {
    project_three_lanes(lanes, base_year, baseline);
  }

  template <class L>
  UNGEGARANTI_AVX512 void project_three_avx512(const std::array<CohortLane<L>, 3>& lanes,
                                               int base_year,
                                               const std::vector<double>& baseline) const {
    project_three_lanes(lanes, base_year, baseline);
  }

  // project_three()'s work, inlined into each of its forms.
  template <class L>
  [[gnu::always_inline]] UNGEGARANTI_AVX2 inline void project_three_lanes(
      const std::array<CohortLane<L>, 3>& lanes, int base_year,
      const std::vector<double>& baseline) const {
    Unmoved u = unmoved(*t_, calibration_);
    // Each lane's levers of the year, four doubles in the order of Levers' members: a row of the
    // lane's table (row_at()), or of `looked_up` where it has none; lane 3 and a lane before its
    // first look-up have the levers 0.
    alignas(32) static constexpr double kNoLevers[4] = {0, 0, 0, 0};
    alignas(32) double looked_up[3][4];
    std::array<const double*, 4> row = {kNoLevers, kNoLevers, kNoLevers, kNoLevers};
    auto look_up = [&](size_t k, int year) {
      row[k] = lanes[k].levers->row_at(year);
      if (row[k] == nullptr) {
        Levers f = lanes[k].levers->at(year, 1.0);
        looked_up[k][0] = f.dropout;
        looked_up[k][1] = f.entry;
        looked_up[k][2] = f.to_education;
        looked_up[k][3] = f.to_work;
        row[k] = looked_up[k];
      }
    };
    // What the levers move, per lane (lane_rates()): the rates' d, 1 - d, ne, nw, neet_stay and
    // the entry row's education and NEET shares. The rest of the rates and the entry row's
    // employed share are the same in every lane.
    const LaneUnmoved by_lane(u);
    const Rates same = rates(u, Levers{});
    const __m256d l = _mm256_set1_pd(same.l), we = _mm256_set1_pd(same.we),
                  employed_stay = _mm256_set1_pd(same.employed_stay),
                  entry_w = _mm256_set1_pd(u.entry_employed);
    // The profile, x[state][age] a vector of the lanes' shares; the steady state in every lane.
    alignas(32) double x[3][kAges][4];
    for (int s = 0; s < 3; ++s) {
      for (int a = 0; a < kAges; ++a)
        _mm256_store_pd(x[s][a], _mm256_set1_pd(steady_(a, s)));
    }
    double steady_pct = steady_neet_ * 100;
    double change0 = steady_neet_ * 100 - steady_pct;
    double work0 = work_share_of(steady_employed_, steady_neet_, steady_employed_, steady_neet_);
    alignas(32) double change[4] = {change0, change0, change0, change0},
                       work_share[4] = {work0, work0, work0, work0};
    std::array<size_t, 3> years{};
    std::array<int, 3> last_lookup{};
    std::array<double*, 3> path_out{}, work_out{};
    int last_step = base_year;  // the last year a lane steps in
    for (size_t k = 0; k < 3; ++k) {
      const CohortLane<L>& lane = lanes[k];
      years[k] = lane.end >= base_year ? static_cast<size_t>(lane.end - base_year + 1) : 0;
      if (lane.path->size() != years[k])  // a Monte Carlo's draws have the same sizes
        resize_path(*lane.path, years[k]);
      if (lane.work->size() != years[k])
        resize_path(*lane.work, years[k]);
      path_out[k] = lane.path->data();
      work_out[k] = lane.work->data();
      last_lookup[k] = lane.levers->last_change(base_year);
      last_step = std::max(last_step, std::min(lane.end, last_lookup[k] + kAges - 1));
      if (years[k] > 0) {
        path_out[k][0] = std::clamp(baseline[0] + change0, 0.0, 100.0);
        work_out[k][0] = work0;
      }
    }
    const __m256d zero = _mm256_setzero_pd(), one = _mm256_set1_pd(1.0),
                  hundred = _mm256_set1_pd(100.0), steady_neet = _mm256_set1_pd(steady_neet_),
                  steady_employed = _mm256_set1_pd(steady_employed_),
                  steady_pct_v = _mm256_set1_pd(steady_pct), tiny = _mm256_set1_pd(1e-12),
                  no_sign = _mm256_castsi256_pd(_mm256_set1_epi64x(0x7fffffffffffffff));
    size_t i = 1;
    for (; base_year + static_cast<int>(i) <= last_step; ++i) {
      int year = base_year + static_cast<int>(i);
      for (size_t k = 0; k < 3; ++k) {
        if (year <= last_lookup[k] && i < years[k])
          look_up(k, year);
      }
      const LaneRates lr = lane_rates(by_lane, row);
      const __m256d d = lr.d, one_minus_d = lr.one_minus_d, ne = lr.ne, nw = lr.nw,
                    neet_stay = lr.neet_stay;
      for (int a = kAges - 2; a >= 0; --a) {
        __m256d e = _mm256_load_pd(x[kEducation][a]), w = _mm256_load_pd(x[kEmployed][a]),
                n = _mm256_load_pd(x[kNeet][a]);
        __m256d ga = _mm256_set1_pd(g_(a));
        __m256d to_e = _mm256_add_pd(_mm256_mul_pd(e, _mm256_sub_pd(one_minus_d, ga)),
                                     _mm256_add_pd(_mm256_mul_pd(w, we), _mm256_mul_pd(n, ne)));
        __m256d to_w =
            _mm256_add_pd(_mm256_mul_pd(e, ga),
                          _mm256_add_pd(_mm256_mul_pd(w, employed_stay), _mm256_mul_pd(n, nw)));
        __m256d to_n = _mm256_add_pd(
            _mm256_mul_pd(e, d), _mm256_add_pd(_mm256_mul_pd(w, l), _mm256_mul_pd(n, neet_stay)));
        _mm256_store_pd(x[kEducation][a + 1], to_e);
        _mm256_store_pd(x[kEmployed][a + 1], to_w);
        _mm256_store_pd(x[kNeet][a + 1], to_n);
      }
      _mm256_store_pd(x[kEducation][0], lr.entry_e);
      _mm256_store_pd(x[kEmployed][0], entry_w);
      _mm256_store_pd(x[kNeet][0], lr.entry_n);
      __m256d neet = column_means(x[kNeet]), employed = column_means(x[kEmployed]);
      __m256d change_v = _mm256_sub_pd(_mm256_mul_pd(neet, hundred), steady_pct_v);
      // work_share_of(): the lanes where the NEET share has not moved take 0, and divide by 1
      // meanwhile (no 0 / 0).
      __m256d moved = _mm256_sub_pd(steady_neet, neet);
      __m256d has_moved = _mm256_cmp_pd(_mm256_and_pd(moved, no_sign), tiny, _CMP_GT_OQ);
      __m256d ratio = _mm256_div_pd(_mm256_sub_pd(employed, steady_employed),
                                    _mm256_blendv_pd(one, moved, has_moved));
      __m256d work_v = _mm256_blendv_pd(zero, ratio, has_moved);
      // std::clamp(baseline + change, 0, 100): below 0 -> 0, else above 100 -> 100, else itself.
      __m256d p = _mm256_add_pd(_mm256_set1_pd(baseline[i]), change_v);
      p = _mm256_blendv_pd(p, hundred, _mm256_cmp_pd(hundred, p, _CMP_LT_OQ));
      p = _mm256_blendv_pd(p, zero, _mm256_cmp_pd(p, zero, _CMP_LT_OQ));
      alignas(32) double path_now[4];
      _mm256_store_pd(path_now, p);
      _mm256_store_pd(change, change_v);
      _mm256_store_pd(work_share, work_v);
      for (size_t k = 0; k < 3; ++k) {
        if (i < years[k]) {
          path_out[k][i] = path_now[k];
          work_out[k][i] = work_share[k];
        }
      }
    }
    // The years after: the same levers and no more steps, so the same profile.
    for (size_t k = 0; k < 3; ++k) {
      if (i >= years[k])
        continue;
      std::fill(work_out[k] + i, work_out[k] + years[k], work_share[k]);
      for (size_t j = i; j < years[k]; ++j)
        path_out[k][j] = std::clamp(baseline[j] + change[k], 0.0, 100.0);
    }
  }
#endif

 private:
  const Transitions* t_ = nullptr;
  double calibration_ = 0;
  Ages g_;
  Profile steady_;
  double steady_neet_ = 0, steady_employed_ = 0;
  AtRisk at_risk_;
};

class Projector {
 public:
  Projector(const Scenario& s, const NeetData& data)
      : s_(s), p_(*s.projection), data_(data), development_(*s.projection, data) {
    for (Tier tier : kAllTiers)
      levers_[static_cast<size_t>(tier)] = ModelLevers(s, tier);
  }

  ProjectionResult run(const std::vector<Tier>& tiers, int through_year, bool required_effect) {
    required_effect_ = required_effect;
    setup();
    for (Tier tier : tiers)
      result_.models.push_back(model_path(tier));
    int horizon = std::max(result_.base_year, through_year);
    for (const ModelPath& m : result_.models)
      horizon = std::max(horizon, m.horizon);
    for (int year = result_.base_year; year <= horizon; ++year) {
      double share = subject_baseline(year);
      result_.baseline.push_back({year, share, rank_all(year, share), rank_group(year, share)});
      result_.group_average_pct.push_back(mean(group_others(year)));
    }
    for (ModelPath& m : result_.models) {
      std::vector<double> work;
      std::vector<double> path = model_shares(m.tier, {}, horizon, &work);
      for (int year = result_.base_year; year <= horizon; ++year) {
        size_t i = static_cast<size_t>(year - result_.base_year);
        double share = path[i];
        m.years.push_back({year, share, rank_all(year, share), rank_group(year, share), work[i]});
      }
      evaluate(m, path);
    }
    if (required_effect_ && !result_.models.empty()) {
      int lo = result_.models.front().horizon, hi = lo;
      for (const ModelPath& m : result_.models) {
        lo = std::min(lo, m.horizon);
        hi = std::max(hi, m.horizon);
      }
      Futures futures(p_, data_, lo - result_.base_year, hi - result_.base_year);
      for (ModelPath& m : result_.models)
        judge_in_futures(m, futures);
    }
    result_.confidence = p_.confidence;
    for (ModelPath& m : result_.models)
      m.verdict = verdict_of(m, p_.confidence);
    return std::move(result_);
  }

 private:
  void setup() {
    const Municipality* subject = data_.municipality(s_.municipality_code);
    if (subject == nullptr) {
      throw Error({}, msg("municipality.code {} ({}) findes ikke i sammenligningsdata {}",
                          "municipality.code {} ({}) is not in the comparison data {}",
                          s_.municipality_code, s_.municipality_name, p_.shares));
    }
    result_.code = subject->code;
    result_.name = subject->name;
    result_.vintage = data_.vintage;
    if (data_.municipalities.size() < 3) {
      throw Error({}, msg("sammenligningsdata {} har {} kommuner; der skal være mindst 3",
                          "the comparison data {} has {} municipalities; it needs at least 3",
                          p_.shares, data_.municipalities.size()));
    }
    result_.base_year = data_.years.back();
    result_.base_first_year =
        data_.years[data_.years.size() -
                    std::min(data_.years.size(), static_cast<size_t>(p_.base_years))];
    result_.observed_base_pct = development_.base(subject->code);
    result_.calibration = calibrate(p_.baseline, result_.observed_base_pct / 100);
    cohort_ = Cohort(p_.baseline, result_.calibration);
    for (ModelLevers& levers : levers_)
      levers.prepare(s_, cohort_.at_risk(), result_.base_year);

    if (!p_.codes.empty()) {
      for (int code : p_.codes) {
        if (data_.municipality(code) == nullptr) {
          throw Error({},
                      msg("projection.codes: kommunekode {} findes ikke i sammenligningsdata {}",
                          "projection.codes: kommunekode {} is not in the comparison data {}", code,
                          p_.shares));
        }
      }
      result_.group = p_.codes;
      result_.group_label = "projection.codes";
    } else {
      int group = p_.group != 0 ? p_.group : subject->group;
      for (const Municipality& m : data_.municipalities) {
        if (m.group == group) {
          result_.group.push_back(m.code);
          result_.group_label = fmt::format("DST {} {}", group, m.group_name);
        }
      }
    }
    if (std::find(result_.group.begin(), result_.group.end(), subject->code) ==
        result_.group.end()) {
      result_.group.push_back(subject->code);
    }
    // A best third and an average of the others need at least three municipalities in all.
    if (result_.group.size() < 3) {
      bool one = result_.group.size() == 1;
      throw Error(
          {}, msg("den sammenlignelige gruppe ({}) har {} {} med {}; der skal være mindst 3",
                  "the comparable group ({}) has {} {} with {}; it needs at least 3",
                  result_.group_label, result_.group.size(),
                  one ? Message{"kommune", "municipality"} : Message{"kommuner", "municipalities"},
                  subject->name));
    }
  }

  double comparator(int code, int year) const { return development_.share(code, year); }
  double subject_baseline(int year) const { return comparator(result_.code, year); }

  // The others' shares in `year`, ascending, computed once a year: every path ranks against them.
  const std::vector<double>& all_others(int year) const {
    auto [it, fresh] = all_others_.try_emplace(year);
    if (fresh) {
      for (const Municipality& m : data_.municipalities) {
        if (m.code != result_.code)
          it->second.push_back(comparator(m.code, year));
      }
      std::sort(it->second.begin(), it->second.end());
    }
    return it->second;
  }
  std::vector<double> group_others(int year) const {
    std::vector<double> out;
    for (int code : result_.group) {
      if (code != result_.code)
        out.push_back(comparator(code, year));
    }
    return out;
  }
  Rank rank_all(int year, double share) const { return rank_in_sorted(share, all_others(year)); }
  Rank rank_group(int year, double share) const { return rank_among(share, group_others(year)); }

  // The subject's baseline (percent) per year from the base year, at least through `year`.
  const std::vector<double>& baseline_through(int year) const {
    for (int y = result_.base_year + static_cast<int>(baseline_.size()); y <= year; ++y)
      baseline_.push_back(subject_baseline(y));
    return baseline_;
  }

  // The model's NEET share (percent) per year from the base year to `horizon` (Cohort::project).
  std::vector<double> model_shares(Tier tier, Scaling scaling, int horizon,
                                   std::vector<double>* work = nullptr) const {
    std::vector<double> out;
    cohort_.project(levers_[static_cast<size_t>(tier)], scaling, result_.base_year, horizon,
                    baseline_through(horizon), out, work);
    return out;
  }

  bool is_full(Tier tier, int year) const {
    size_t t = static_cast<size_t>(year - s_.first_year);
    return std::all_of(s_.initiatives.begin(), s_.initiatives.end(), [&](const Initiative& ini) {
      const auto& in = ini.per_model[static_cast<size_t>(tier)];
      return !in || in->ramp[t].value >= 1.0;
    });
  }

  // The first budget year from which every ramp stays at 1; the last budget year when none is.
  int full_year(Tier tier) const {
    int full = s_.last_year();
    for (int year = s_.last_year(); year >= s_.first_year && is_full(tier, year); --year)
      full = year;
    return full;
  }

  ModelPath model_path(Tier tier) const {
    ModelPath m;
    m.tier = tier;
    m.target = s_.model(tier).target;
    m.full_year = full_year(tier);
    m.full_reached = is_full(tier, m.full_year);
    m.horizon = m.full_year + p_.years_after_full;
    if (m.horizon <= result_.base_year) {
      throw Error({}, msg("horisonten for {} ({}) ligger ikke efter det seneste dataår {}; "
                          "budgetårene skal ligge efter sammenligningsdata",
                          "the horizon of {} ({}) is not after the latest data year {}; the budget "
                          "years must lie after the comparison data",
                          tier_id(tier), m.horizon, result_.base_year));
    }
    return m;
  }

  double threshold(Target target, int year) const {
    return threshold_of_target(target, all_others(year), group_others(year));
  }

 public:
  Reprojection reproject(Tier tier, int year, double observed_pct) {
    setup();
    ModelPath m = model_path(tier);
    if (year <= result_.base_year || year > m.horizon) {
      throw Error({}, msg("en NEET-observation for {} kan ikke følges op: den skal ligge efter det "
                          "seneste dataår {} og senest i horisonten {}",
                          "a NEET observation for {} cannot be followed up: it must lie after the "
                          "latest data year {} and by the horizon {}",
                          year, result_.base_year, m.horizon));
    }
    Reprojection r;
    r.tier = tier;
    r.target = m.target;
    r.year = year;
    r.horizon = m.horizon;
    r.observed_pct = observed_pct;
    std::vector<double> path = model_shares(tier, {}, m.horizon);
    size_t h = static_cast<size_t>(m.horizon - result_.base_year);
    r.projected_pct = path[static_cast<size_t>(year - result_.base_year)];
    r.gap_pp = observed_pct - r.projected_pct;
    r.planned_at_horizon_pct = path[h];
    auto share_at = [&](double scale) {
      double planned = model_shares(tier, {scale, year}, m.horizon)[h];
      return std::clamp(planned + r.gap_pp, 0.0, 100.0);
    };
    r.share_at_horizon_pct = std::clamp(path[h] + r.gap_pp, 0.0, 100.0);
    if (m.target == Target::kNone)
      return r;
    r.threshold_pct = threshold(m.target, m.horizon);
    r.margin_pp = r.threshold_pct - r.share_at_horizon_pct;
    r.met = r.margin_pp >= 0;
    r.required_scale = required_scale(share_at, r.threshold_pct);
    return r;
  }

 private:
  // The smallest factor on the effects whose share at the horizon is at or below `threshold`: the
  // share never rises with the factor, so bisection finds it. nullopt when 100 is not enough.
  template <typename F>
  static std::optional<double> required_scale(F&& share_at, double threshold) {
    constexpr double kMaxScale = 100.0;
    if (share_at(0.0) <= threshold)
      return 0.0;
    if (share_at(kMaxScale) > threshold)
      return std::nullopt;
    double lo = 0, hi = kMaxScale;
    while (hi - lo > 1e-6) {
      double mid = (lo + hi) / 2;
      (share_at(mid) <= threshold ? hi : lo) = mid;
    }
    return hi;
  }

  // The share of the futures at the model's horizon in which it, and the baseline, meets its
  // target: every municipality's share without a programme moves by its error in that future.
  void judge_in_futures(ModelPath& m, const Futures& futures) const {
    const ForecastErrors* errors = futures.at(m.horizon - result_.base_year);
    if (m.target == Target::kNone || errors == nullptr || errors->origins.empty())
      return;
    double baseline = subject_baseline(m.horizon);
    int met = 0, met_without = 0;
    for (size_t k = 0; k < errors->origins.size(); ++k) {
      FutureField f =
          future_field(development_, data_, result_.code, result_.group, m.horizon, *errors, k);
      double threshold = threshold_of_target(m.target, f.all, f.group);
      met += std::clamp(m.share_at_horizon_pct + f.subject_error, 0.0, 100.0) <= threshold;
      met_without += std::clamp(baseline + f.subject_error, 0.0, 100.0) <= threshold;
    }
    double n = static_cast<double>(errors->origins.size());
    m.futures = static_cast<int>(errors->origins.size());
    m.first_origin = errors->origins.front();
    m.last_origin = errors->origins.back();
    m.p_met = met / n;
    m.p_met_without = met_without / n;
  }

  void evaluate(ModelPath& m, const std::vector<double>& path) const {
    size_t h = static_cast<size_t>(m.horizon - result_.base_year);
    m.share_at_horizon_pct = path[h];
    double baseline = subject_baseline(m.horizon);
    m.assumed_reduction_pp = baseline - m.share_at_horizon_pct;
    if (m.target == Target::kNone)
      return;
    m.threshold_pct = threshold(m.target, m.horizon);
    m.margin_pp = m.threshold_pct - m.share_at_horizon_pct;
    m.met = m.margin_pp >= 0;
    m.met_without = baseline <= m.threshold_pct;
    m.required_reduction_pp = baseline - m.threshold_pct;
    // The smallest common factor on the model's effects that meets the target: the share at the
    // horizon never rises with the factor, so bisection finds it.
    if (!required_effect_)
      return;
    auto share_at = [&](double scale) { return model_shares(m.tier, {scale}, m.horizon)[h]; };
    m.required_scale = required_scale(share_at, m.threshold_pct);
  }

  const Scenario& s_;
  const Projection& p_;
  const NeetData& data_;
  Development development_;
  bool required_effect_ = true;
  mutable std::map<int, std::vector<double>> all_others_;
  mutable std::vector<double> baseline_;  // baseline_through()
  std::array<ModelLevers, 3> levers_;     // by Tier, prepared for the scenario's values
  Cohort cohort_;
  ProjectionResult result_;
};

}  // namespace

Rank rank_in_sorted(double subject, const std::vector<double>& sorted_others) {
  assert(std::is_sorted(sorted_others.begin(), sorted_others.end()));
  Rank r;
  r.of = static_cast<int>(sorted_others.size()) + 1;
  // 1 + the number strictly lower: the first position at or above the subject.
  r.rank =
      1 + static_cast<int>(std::lower_bound(sorted_others.begin(), sorted_others.end(), subject) -
                           sorted_others.begin());
  r.tercile = 3 * r.rank <= r.of ? 1 : 3 * r.rank <= 2 * r.of ? 2 : 3;
  return r;
}

Rank rank_among(double subject, const std::vector<double>& others) {
  std::vector<double> sorted = others;
  std::sort(sorted.begin(), sorted.end());
  return rank_in_sorted(subject, sorted);
}

std::vector<std::vector<double>> baseline_matrix(const Transitions& t, int age_index,
                                                 double calibration) {
  Eigen::Matrix3d m = matrix(t, age_index, calibration, {});
  std::vector<std::vector<double>> out(3, std::vector<double>(3));
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j)
      out[static_cast<size_t>(i)][static_cast<size_t>(j)] = m(i, j);
  }
  return out;
}

std::pair<double, double> steady_share_and_slope(const Transitions& t, double calibration,
                                                 bool avx2) {
  return steady_share_and_slope_of(t, calibration, avx2 && use_avx2());
}

namespace {

// A table of levers per year from `from`, the last row staying after: what cohort_paths() steps
// with, with ModelLevers' at(), last_change() and settled_year.
struct TableLevers {
  std::vector<Levers> table;
  int from = 0;
  int settled_year = 0;
  size_t changed_at = 0;  // the last row that differs from the one before (0: none)

  std::vector<std::array<double, 4>> rows;  // the same levers, for row_at(); empty: at() only

  Levers at(int year, double) const {
    if (table.empty())
      return {};
    int i = std::clamp(year - from, 0, static_cast<int>(table.size()) - 1);
    return table[static_cast<size_t>(i)];
  }
  const double* row_at(int year) const {
    if (rows.empty())
      return nullptr;
    int i = std::clamp(year - from, 0, static_cast<int>(rows.size()) - 1);
    return rows[static_cast<size_t>(i)].data();
  }
  int last_change(int base_year) const {
    return std::max(from + static_cast<int>(changed_at), base_year + 1);
  }
};

}  // namespace

CohortPaths cohort_paths(const Transitions& t, double calibration,
                         const std::array<std::vector<std::array<double, 4>>, 3>& levers,
                         int base_year, const std::array<int, 3>& ends,
                         const std::vector<double>& baseline, bool three_lanes) {
  std::array<TableLevers, 3> tables;
  for (size_t m = 0; m < 3; ++m) {
    TableLevers& table = tables[m];
    table.from = base_year + 1;
    for (const std::array<double, 4>& f : levers[m])
      table.table.push_back({f[0], f[1], f[2], f[3]});
    // The three-lane form reads the rows of a table where it has them (ModelLevers' are prepare()d
    // years), else at()'s levers: the second model's lane has only at(), so that both are tested.
    if (m != 1)
      table.rows = levers[m];
    table.settled_year = table.from + std::max(0, static_cast<int>(table.table.size()) - 1);
    for (size_t i = 1; i < table.table.size(); ++i) {
      if (!(table.table[i] == table.table[i - 1]))
        table.changed_at = i;
    }
  }
  Cohort cohort(t, calibration);
  CohortPaths out;
#ifdef UNGEGARANTI_X86
  if (three_lanes && use_avx2()) {
    std::array<CohortLane<TableLevers>, 3> lanes;
    for (size_t m = 0; m < 3; ++m)
      lanes[m] = {&tables[m], ends[m], &out.path[m], &out.work[m]};
    cohort.project_three(lanes, base_year, baseline);
    return out;
  }
#endif
  (void)three_lanes;
  for (size_t m = 0; m < 3; ++m)
    cohort.project(tables[m], {}, base_year, ends[m], baseline, out.path[m], &out.work[m]);
  return out;
}

double steady_neet_share(const Transitions& t, double calibration) {
  return neet_share(steady_profile(t, calibration));
}

double reversion_factor(const NeetData& data) {
  assert(data.national.size() == data.years.size());
  double sxy = 0, sxx = 0;
  for (const Municipality& m : data.municipalities) {
    const std::vector<double>& series = data.shares.at(m.code);
    for (size_t y = 0; y + 1 < series.size(); ++y) {
      double gap = series[y] - data.national[y];
      sxy += gap * (series[y + 1] - data.national[y + 1]);
      sxx += gap * gap;
    }
  }
  return sxx > 0 ? std::clamp(sxy / sxx, 0.0, 1.0) : 1.0;
}

Development::Development(const Projection& p, const NeetData& data)
    : base_year_(data.years.empty() ? 0 : data.years.back()), revert_(p.trend == Trend::kRevert) {
  if (revert_) {
    if (data.national.empty()) {
      throw Error({}, msg("'projection.trend: revert' kræver en landsserie i sammenligningsdata {}",
                          "'projection.trend: revert' needs a national series in the comparison "
                          "data {}",
                          p.shares));
    }
    phi_ = reversion_factor(data);
    reference_ = mean(last(data.national, p.base_years));
  }
  for (const Municipality& m : data.municipalities) {
    const std::vector<double>& series = data.shares.at(m.code);
    base_[m.code] = mean(last(series, p.base_years));
    trend_[m.code] = p.trend == Trend::kOwn        ? slope(last(series, p.trend_years))
                     : p.trend == Trend::kNational ? slope(last(data.national, p.trend_years))
                                                   : 0.0;
  }
}

double Development::share(int code, int year) const {
  if (revert_) {
    int t = std::max(0, year - base_year_);
    return std::clamp(reference_ + std::pow(phi_, t) * (base_.at(code) - reference_), 0.0, 100.0);
  }
  return std::clamp(base_.at(code) + trend_.at(code) * (year - base_year_), 0.0, 100.0);
}

Reprojection reproject(const Scenario& scenario, const NeetData& data, Tier tier, int year,
                       double observed_pct) {
  if (!scenario.projection) {
    throw Error({}, msg("{} har ingen 'projection'-sektion", "{} has no 'projection' section",
                        scenario.origin));
  }
  return Projector(scenario, data).reproject(tier, year, observed_pct);
}

ProjectionResult project(const Scenario& scenario, const NeetData& data,
                         const std::vector<Tier>& tiers, int through_year, bool required_effect) {
  if (!scenario.projection) {
    throw Error({}, msg("{} har ingen 'projection'-sektion", "{} has no 'projection' section",
                        scenario.origin));
  }
  return Projector(scenario, data).run(tiers, through_year, required_effect);
}

Futures::Futures(const Projection& rule, const NeetData& data, int min_distance, int max_distance)
    : min_distance_(min_distance) {
  for (int d = min_distance; d <= max_distance; ++d) {
    std::shared_ptr<const ForecastErrors> errors;
    if (d >= 1) {
      try {
        auto e = std::make_shared<ForecastErrors>(forecast_errors(rule, data, d));
        if (!e->origins.empty())
          errors = std::move(e);
      } catch (const Error&) {
        // too few data years for this distance: no futures there
      }
    }
    by_distance_.push_back(std::move(errors));
  }
}

const ForecastErrors* Futures::at(int distance) const {
  if (distance < min_distance_ || distance - min_distance_ >= static_cast<int>(by_distance_.size()))
    return nullptr;
  return by_distance_[static_cast<size_t>(distance - min_distance_)].get();
}

size_t Futures::pick(double u, size_t n) {
  double k = std::floor(u * static_cast<double>(n));
  return k <= 0 ? 0 : std::min(static_cast<size_t>(k), n - 1);
}

std::optional<FutureOutcome> in_future(const Scenario& scenario, const NeetData& data,
                                       const ProjectionResult& result, const ModelPath& path,
                                       const Futures& futures, double u) {
  const ForecastErrors* errors = futures.at(path.horizon - result.base_year);
  if (errors == nullptr || !(u > 0 && u < 1))
    return std::nullopt;
  Development development(*scenario.projection, data);
  FutureField f = future_field(development, data, result.code, result.group, path.horizon, *errors,
                               Futures::pick(u, errors->origins.size()));
  FutureOutcome out;
  out.share_pct = std::clamp(path.share_at_horizon_pct + f.subject_error, 0.0, 100.0);
  out.all = rank_among(out.share_pct, f.all);
  if (path.target != Target::kNone) {
    double threshold = threshold_of_target(path.target, f.all, f.group);
    double baseline =
        std::clamp(development.share(result.code, path.horizon) + f.subject_error, 0.0, 100.0);
    out.met = out.share_pct <= threshold;
    out.met_without = baseline <= threshold;
    out.threshold_pct = threshold;
  }
  return out;
}

struct ProjectionRerun::Impl {
  struct Plan {
    Target target = Target::kNone;
    // Where each budget year's ramp of every initiative the model has is: year t's are at
    // t x (the number of initiatives) on, so that is_full() reads them one after the other.
    std::vector<const double*> ramps;
    size_t initiatives = 0;
    // When none of the ramps may move (MovingValues): full_year(), worked out once.
    std::optional<int> fixed_full_year;
    ModelLevers levers;  // prepared for the draw's values
  };

  const Scenario& s;
  const Projection& p;
  int through_year = 0;
  int base_year = 0;
  int code = 0;
  double observed = 0;  // the base share, 0-1
  int last_table_year = 0;
  std::vector<double> baseline;                     // percent, per year from the base year
  std::vector<std::vector<double>> all_sorted;      // the others, per year, ascending
  std::array<std::vector<double>, 4> threshold_of;  // per Target, per year
  std::vector<const Quantity*> transitions;         // the baseline's quantities ...
  std::vector<double> base_values;                  // ... and their values at construction
  Cohort base_cohort, drawn_cohort;     // at the scenario's own transitions, and a draw's
  const Cohort* cohort = &base_cohort;  // the draw's: one of the two
  std::array<Plan, 3> plans;
  std::array<ModelRun, 3> runs;
  FixedValues fixed;  // the values taken as fixed (MovingValues), checked in debug builds
  bool avx2 = use_avx2();
  // Draws staged for one calibration of several (stage()): each lane's transitions, whether they
  // are the scenario's own (no calibration), and what calibrate_lanes_avx2() gives for them.
  CalibrationLanes staged{};
  std::array<bool, kCalibrationLanes> staged_same{};
  CalibratedLanes calibrated;
  static constexpr size_t kFromScenario = ~size_t{0};
  std::vector<size_t> source_of;  // per transition, its index in stage()'s values (bind_staging())
  // One future at one distance, worked out once: the subject's error, the others' shares sorted
  // (a rank is a binary search) and each target's threshold.
  struct View {
    double error = 0;
    std::vector<double> all_sorted;
    std::array<double, 4> threshold{};  // per Target
  };
  int min_distance = 0;
  std::vector<std::vector<View>> views;  // per distance from min_distance; empty: no futures

  Impl(const Scenario& scenario, const NeetData& data, int through, const MovingValues& moving)
      : s(scenario), p(*scenario.projection), through_year(through) {
    // project() itself checks the data and the group and calibrates the scenario's own values.
    ProjectionResult r = project(s, data, {}, 0, false);
    base_year = r.base_year;
    code = r.code;
    observed = r.observed_base_pct / 100;
    base_cohort = Cohort(p.baseline, r.calibration);
    const Transitions& t = p.baseline;
    transitions = {&t.entry_education,  &t.entry_employed,        &t.dropout,
                   &t.employed_to_neet, &t.employed_to_education, &t.neet_to_education,
                   &t.neet_to_work};
    for (const Quantity& q : t.education_to_work)
      transitions.push_back(&q);
    for (const Quantity* q : transitions)
      base_values.push_back(q->value);

    Development development(p, data);
    last_table_year = std::max({base_year, through_year, s.last_year() + p.years_after_full});
    for (int year = base_year; year <= last_table_year; ++year) {
      baseline.push_back(development.share(code, year));
      std::vector<double> all, group;
      for (const Municipality& m : data.municipalities) {
        if (m.code != code)
          all.push_back(development.share(m.code, year));
      }
      for (int c : r.group) {
        if (c != code)
          group.push_back(development.share(c, year));
      }
      threshold_of[static_cast<size_t>(Target::kNone)].push_back(100.0);
      threshold_of[static_cast<size_t>(Target::kGroupAverage)].push_back(mean(group));
      threshold_of[static_cast<size_t>(Target::kBestThirdGroup)].push_back(
          best_third_threshold(group));
      threshold_of[static_cast<size_t>(Target::kBestThirdAll)].push_back(best_third_threshold(all));
      std::sort(all.begin(), all.end());
      all_sorted.push_back(std::move(all));
    }
    for (Tier tier : kAllTiers) {
      Plan& into = plans[static_cast<size_t>(tier)];
      into = plan(tier);
      // A model whose ramps cannot move has the same full-implementation year in every run.
      if (fixed.take_all(moving, into.ramps))
        into.fixed_full_year = full_year(into);
      // A reach whose ramps cannot move reads them from a copy made when it lays out (reach.cpp).
      for (EffectPlan& e : into.levers.effects)
        e.reach.fixed_ramps = fixed.take_all(moving, ramp_values(e.reach));
    }

    // The futures of every distance a horizon can have (ramps may be drawn). When no model's
    // ramps can move, only the distances of their fixed horizons: one of the five in every
    // scenario here, where the futures were 7,6 M instructions of this constructor's 9,4 M (each
    // distance's forecast errors are worked out on their own, so leaving some out changes nothing
    // in the others).
    min_distance = std::max(1, s.first_year + p.years_after_full - base_year);
    int max_distance = std::max(min_distance, s.last_year() + p.years_after_full - base_year);
    std::vector<char> needed(static_cast<size_t>(max_distance - min_distance + 1), 1);
    if (std::all_of(plans.begin(), plans.end(),
                    [](const Plan& x) { return x.fixed_full_year.has_value(); })) {
      std::fill(needed.begin(), needed.end(), 0);
      for (const Plan& x : plans) {
        int d = *x.fixed_full_year + p.years_after_full - base_year;
        if (d >= min_distance && d <= max_distance)
          needed[static_cast<size_t>(d - min_distance)] = 1;
      }
    }
    for (int d = min_distance; d <= max_distance; ++d) {
      std::vector<View> at;
      Futures futures =
          needed[static_cast<size_t>(d - min_distance)] != 0 ? Futures(p, data, d, d) : Futures();
      if (const ForecastErrors* errors = futures.at(d)) {
        FutureFields fields(development, data, code, r.group, base_year + d, *errors);
        for (size_t k = 0; k < errors->origins.size(); ++k) {
          FutureField f = fields.at(k);
          View v;
          v.error = f.subject_error;
          for (Target target : {Target::kNone, Target::kBestThirdAll, Target::kBestThirdGroup,
                                Target::kGroupAverage})
            v.threshold[static_cast<size_t>(target)] = threshold_of_target(target, f.all, f.group);
          std::sort(f.all.begin(), f.all.end());
          v.all_sorted = std::move(f.all);
          at.push_back(std::move(v));
        }
      }
      views.push_back(std::move(at));
    }
  }

  const std::vector<View>* views_at(int distance) const {
    size_t i = static_cast<size_t>(distance - min_distance);
    if (distance < min_distance || i >= views.size() || views[i].empty())
      return nullptr;
    return &views[i];
  }

  Plan plan(Tier tier) const {
    Plan out;
    out.target = s.model(tier).target;
    size_t m = static_cast<size_t>(tier);
    std::vector<const Intensity*> intensities;
    for (const Initiative& ini : s.initiatives) {
      if (ini.per_model[m])
        intensities.push_back(&*ini.per_model[m]);
    }
    out.initiatives = intensities.size();
    for (int year = s.first_year; year <= s.last_year(); ++year) {
      for (const Intensity* in : intensities)
        out.ramps.push_back(&in->ramp[static_cast<size_t>(year - s.first_year)].value);
    }
    out.levers = ModelLevers(s, tier);
    return out;
  }

  bool same_transitions() const {
    bool same = true;
    for (size_t i = 0; i < transitions.size() && same; ++i)
      same = transitions[i]->value == base_values[i];
    return same;
  }

  void calibrate_draw() {
    if (same_transitions()) {  // the scenario's own: project()'s factor, without calibrating again
      cohort = &base_cohort;
      return;
    }
    drawn_cohort = Cohort(p.baseline, calibrate(p.baseline, observed));
    cohort = &drawn_cohort;
  }

  // calibrate_draw() for the draw staged in `lane`, whose values are back in the scenario.
  void calibrate_staged_draw(size_t lane) {
    if (staged_same[lane]) {
      cohort = &base_cohort;
      return;
    }
    const CalibratedLanes& c = calibrated;
    if (!c.ok[lane])
      throw_not_calibrated(observed, c.at_zero[lane], c.at_max[lane]);
    Profile steady;
    for (int state = 0; state < 3; ++state) {
      for (int a = 0; a < kAges; ++a)
        steady(a, state) = c.steady[static_cast<size_t>(state)][static_cast<size_t>(a)][lane];
    }
    drawn_cohort = Cohort(p.baseline, c.factor[lane], steady);
    cohort = &drawn_cohort;
  }

  bool stages() const { return avx2 && transitions.size() == kCalibrationInputs; }

  void bind_staging(std::span<const std::pair<const double*, size_t>> sources) {
    source_of.assign(transitions.size(), kFromScenario);
    for (size_t i = 0; i < transitions.size(); ++i) {
      for (const auto& [place, index] : sources) {
        if (place == &transitions[i]->value)
          source_of[i] = index;
      }
    }
  }

  // The draw's transitions from `values` (bind_staging()), or from the scenario where they do not
  // move, compared with the scenario's own as calibrate_draw() compares them.
  void stage(size_t lane, const double* values) {
    assert(source_of.size() == transitions.size());  // bind_staging() first
    bool same = true;
    for (size_t i = 0; i < kCalibrationInputs; ++i) {
      double v = source_of[i] == kFromScenario ? transitions[i]->value : values[source_of[i]];
      staged[i][lane] = v;
      same = same && v == base_values[i];
    }
    staged_same[lane] = same;
  }

  void calibrate_staged(size_t lanes) {
    if (std::all_of(staged_same.begin(), staged_same.begin() + static_cast<std::ptrdiff_t>(lanes),
                    [](bool same) { return same; }))
      return;
    for (size_t l = lanes; l < kCalibrationLanes; ++l) {  // lanes not staged: a copy of lane 0
      staged_same[l] = true;
      for (auto& input : staged)
        input[l] = input[0];
    }
#ifdef UNGEGARANTI_X86
    calibrate_lanes_avx2(staged, observed, calibrated);
#endif
  }

  // run() after the draw's cohort is calibrated.
  void run_calibrated(double future_u) {
    std::array<int, 3> ends{};
    for (Tier tier : kAllTiers)
      ends[static_cast<size_t>(tier)] = prepare_model(tier);
    project_models(ends);
    for (Tier tier : kAllTiers)
      finish_model(tier, future_u);
  }

  bool is_full(const Plan& plan, int year) const {
    const double* const* ramp =
        plan.ramps.data() + static_cast<size_t>(year - s.first_year) * plan.initiatives;
    return std::all_of(ramp, ramp + plan.initiatives, [](const double* r) { return *r >= 1.0; });
  }

  // The first budget year from which every initiative's ramp is full through the last (is_full()),
  // or the last budget year.
  int full_year(const Plan& plan) const {
#ifdef UNGEGARANTI_X86
    if (avx2)
      return full_year_avx2(plan);
#endif
    int full = s.last_year();
    for (int year = s.last_year(); year >= s.first_year && is_full(plan, year); --year)
      full = year;
    return full;
  }

#ifdef UNGEGARANTI_X86
  // full_year() with AVX2: a year's ramps four at a time, gathered through their pointers, each
  // compared as is_full() compares it (full at >= 1; NaN is not), then the rest one by one.
  // Nothing is written, so reading a group past the first ramp that is not full changes nothing.
  UNGEGARANTI_AVX2 int full_year_avx2(const Plan& plan) const {
    const __m256d one = _mm256_set1_pd(1.0);
    const size_t n = plan.initiatives;
    int full = s.last_year();
    for (int year = s.last_year(); year >= s.first_year; --year) {
      const double* const* ramp = plan.ramps.data() + static_cast<size_t>(year - s.first_year) * n;
      size_t i = 0;
      bool all = true;
      for (; all && i + 4 <= n; i += 4) {
        __m256i at = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(ramp + i));
        __m256d r = _mm256_i64gather_pd(static_cast<const double*>(nullptr), at, 1);
        all = _mm256_movemask_pd(_mm256_cmp_pd(r, one, _CMP_GE_OQ)) == 0xF;
      }
      for (; all && i < n; ++i)
        all = *ramp[i] >= 1.0;
      if (!all)
        break;
      full = year;
    }
    return full;
  }
#endif

  // A model's horizon (Error unless it is after the base year) and its levers for the draw's
  // values; returns the last year its path needs.
  int prepare_model(Tier tier) {
    Plan& plan = plans[static_cast<size_t>(tier)];
    ModelRun& run = runs[static_cast<size_t>(tier)];
    run.horizon =
        (plan.fixed_full_year ? *plan.fixed_full_year : full_year(plan)) + p.years_after_full;
    if (run.horizon <= base_year) {
      throw Error({}, msg("horisonten for {} ({}) ligger ikke efter det seneste dataår {}; "
                          "budgetårene skal ligge efter sammenligningsdata",
                          "the horizon of {} ({}) is not after the latest data year {}; the budget "
                          "years must lie after the comparison data",
                          tier_id(tier), run.horizon, base_year));
    }
    int end = std::max(run.horizon, through_year);
    plan.levers.prepare(s, cohort->at_risk(), base_year, end);
    return end;
  }

  // The three models' paths: with AVX2 in the lanes of one pass (Cohort::project_three()), else
  // one after the other; the same numbers.
  void project_models(const std::array<int, 3>& ends) {
#ifdef UNGEGARANTI_X86
    if (avx2) {
      std::array<CohortLane<ModelLevers>, 3> lanes;
      for (size_t m = 0; m < 3; ++m)
        lanes[m] = {&plans[m].levers, ends[m], &runs[m].path, &runs[m].work_share};
      cohort->project_three(lanes, base_year, baseline);
      return;
    }
#endif
    for (size_t m = 0; m < 3; ++m)
      cohort->project(plans[m].levers, {}, base_year, ends[m], baseline, runs[m].path,
                      &runs[m].work_share);
  }

  // A model's figures at its horizon, from its path: central, or in the future `future_u` picks.
  void finish_model(Tier tier, double future_u) {
    const Plan& plan = plans[static_cast<size_t>(tier)];
    ModelRun& run = runs[static_cast<size_t>(tier)];
    size_t h = static_cast<size_t>(run.horizon - base_year);
    size_t target = static_cast<size_t>(plan.target);
    run.met.reset();
    run.met_without.reset();
    run.threshold_pct.reset();
    run.in_future = false;
    const std::vector<View>* in =
        future_u > 0 && future_u < 1 ? views_at(run.horizon - base_year) : nullptr;
    if (in == nullptr) {  // the central projection
      run.share_at_horizon_pct = run.path[h];
      run.rank_all = rank_in_sorted(run.share_at_horizon_pct, all_sorted[h]).rank;
      if (plan.target != Target::kNone) {
        run.met = threshold_of[target][h] - run.share_at_horizon_pct >= 0;
        run.met_without = baseline[h] <= threshold_of[target][h];
        run.threshold_pct = threshold_of[target][h];
      }
      return;
    }
    const View& v = (*in)[Futures::pick(future_u, in->size())];
    run.in_future = true;
    run.share_at_horizon_pct = std::clamp(run.path[h] + v.error, 0.0, 100.0);
    run.rank_all = rank_in_sorted(run.share_at_horizon_pct, v.all_sorted).rank;
    if (plan.target != Target::kNone) {
      run.met = run.share_at_horizon_pct <= v.threshold[target];
      run.met_without = std::clamp(baseline[h] + v.error, 0.0, 100.0) <= v.threshold[target];
      run.threshold_pct = v.threshold[target];
    }
  }
};

ProjectionRerun::ProjectionRerun(const Scenario& scenario, const NeetData& data, int through_year,
                                 const MovingValues& moving)
    : impl_(std::make_unique<Impl>(scenario, data, through_year, moving)) {}

ProjectionRerun::~ProjectionRerun() = default;

void ProjectionRerun::run(double future_u) {
  assert(impl_->fixed.unchanged());  // the caller keeps the promise of its MovingValues
  impl_->calibrate_draw();
  impl_->run_calibrated(future_u);
}

size_t ProjectionRerun::staged_lanes() const { return impl_->stages() ? kCalibrationLanes : 0; }

void ProjectionRerun::bind_staging(std::span<const std::pair<const double*, size_t>> sources) {
  impl_->bind_staging(sources);
}

std::vector<size_t> ProjectionRerun::staged_inputs() const {
  std::vector<size_t> read;
  for (size_t k : impl_->source_of) {
    if (k != Impl::kFromScenario && std::find(read.begin(), read.end(), k) == read.end())
      read.push_back(k);
  }
  return read;
}

void ProjectionRerun::stage(size_t lane, const double* values) {
  assert(lane < staged_lanes());
  impl_->stage(lane, values);
}

void ProjectionRerun::calibrate_staged(size_t lanes) {
  assert(lanes >= 1 && lanes <= staged_lanes());
  impl_->calibrate_staged(lanes);
}

void ProjectionRerun::run_staged(size_t lane, double future_u) {
  assert(impl_->fixed.unchanged());
  assert(lane < staged_lanes());
  impl_->calibrate_staged_draw(lane);
  impl_->run_calibrated(future_u);
}

bool ProjectionRerun::has_futures() const {
  const Impl& i = *impl_;
  for (const Impl::Plan& plan : i.plans) {
    int full = i.s.last_year();
    for (int year = i.s.last_year(); year >= i.s.first_year && i.is_full(plan, year); --year)
      full = year;
    if (i.views_at(full + i.p.years_after_full - i.base_year) == nullptr)
      return false;
  }
  return true;
}

int ProjectionRerun::base_year() const { return impl_->base_year; }

const std::vector<double>& ProjectionRerun::baseline() const { return impl_->baseline; }

const ProjectionRerun::ModelRun& ProjectionRerun::model(Tier tier) const {
  return impl_->runs[static_cast<size_t>(tier)];
}

}  // namespace ungegaranti
