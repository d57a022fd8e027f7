#include "ungegaranti/sampling.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cassert>
#include <cmath>
#include <map>
#include <utility>

#include "ungegaranti/assumptions.hpp"
#include "ungegaranti/error.hpp"
#include "ungegaranti/simd.hpp"

namespace ungegaranti {
namespace {

// SplitMix64's finaliser: a good 64-bit mix, enough to turn counters into independent numbers.
uint64_t mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

constexpr uint64_t kCounterStep = 0xD1B54A32D192ED03ull;  // RandomStream::uniform()'s

// RandomStream::uniform()'s number from 64 random bits: never 0, and below 1 but for one pattern
// in 2^53 (the top 53 bits all ones: 2^53 - 1 + 0.5 rounds to the even 2^53, so the number is 1).
double to_unit(uint64_t bits) { return (static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-53; }

// The first uniform number of input k's stream, RandomStream::of_input(key, k).uniform().
double first_uniform(uint64_t key, uint64_t k) { return to_unit(mix(mix(key ^ k) + kCounterStep)); }

// quantile()'s triangular branches with Shape::at's operations (one square root, selects).
double triangular(double u, double lo, double hi, double width, double below, double above,
                  double split) {
  bool left = u < split;
  double near = u * width * below, far = (1 - u) * width * above;
  double root = std::sqrt(left ? near : far);
  return left ? lo + root : hi - root;
}

// Every input's triangular constants side by side (InputGroup::constants, and the copula's in
// InputDraws::copula_lanes_): four inputs to a group, and per group each constant for the four
// inputs, one after the other. Input k's constant f is at lanes[kGroup * (k / 4) + 4 * f + k % 4].
enum Constant : size_t { kLo, kHi, kWidth, kBelow, kAbove, kSplit, kConstants };
constexpr size_t kGroup = 4 * kConstants;
using detail::InputGroup;
static_assert(sizeof(InputGroup::constants) == kGroup * sizeof(double));

// The first pass over the groups [g, end): each input's first uniform number into its group's
// `first`, and its triangular quantile into *where. The values are stored in each group from the
// last lane to the first, so that a padding lane's value is overwritten by lane 0's, where
// InputDraws::place() points it. The scalar form, and AVX2 and AVX-512 forms that do the same
// integer and IEEE operations on four (or eight) inputs at once (so the same numbers to the bit).
// The SIMD forms are chosen at run time, so the package still runs on baseline x86-64.
void first_pass_scalar(uint64_t key, InputGroup* g, const InputGroup* end) {
  double value[4];
  for (; g != end; ++g) {
    for (size_t l = 0; l < 4; ++l)
      g->first[l] = first_uniform(key, g->index[l]);
    const double(*c)[4] = g->constants;
    for (size_t l = 0; l < 4; ++l) {
      value[l] = triangular(g->first[l], c[kLo][l], c[kHi][l], c[kWidth][l], c[kBelow][l],
                            c[kAbove][l], c[kSplit][l]);
    }
    for (size_t l = 4; l-- > 0;)  // as the AVX2 form, the last lane first
      *g->where[l] = value[l];
  }
}

void units_from_bits_scalar(const uint64_t* bits, size_t n, double* out) {
  for (size_t i = 0; i < n; ++i)
    out[i] = to_unit(bits[i]);
}

// triangular() of u[0..n) with the constants of `lanes` (whole groups of four) into out: the
// copula's inputs, after their u is known. The scalar form here, the AVX2 form below.
void triangulars_scalar(size_t n, const double* u, const double* lanes, double* out) {
  for (size_t k = 0; k < n; ++k) {
    const double* c = lanes + kGroup * (k / 4) + k % 4;
    out[k] = triangular(u[k], c[4 * kLo], c[4 * kHi], c[4 * kWidth], c[4 * kBelow], c[4 * kAbove],
                        c[4 * kSplit]);
  }
}

#ifdef UNGEGARANTI_X86
// a * b modulo 2^64 per lane for a constant b, from 32-bit products (AVX2 has no 64-bit
// multiply): with a = a1 2^32 + a0 and b = b1 2^32 + b0, a b = a0 b0 + 2^32 (a0 b1 + a1 b0)
// modulo 2^64. a0 b0 and a0 b1 are whole 64-bit products (vpmuludq); of a1 b0 only the low 32
// bits count, and vpmulld of a by (b0 << 32) puts them in the upper half of each lane (its lower
// half is a0 x 0).
struct Multiplier {
  __m256i b, high, low_up;  // b, b >> 32 and b << 32 in each lane
};

UNGEGARANTI_AVX2 Multiplier multiplier(uint64_t b) {
  return {_mm256_set1_epi64x(static_cast<long long>(b)),
          _mm256_set1_epi64x(static_cast<long long>(b >> 32)),
          _mm256_set1_epi64x(static_cast<long long>(b << 32))};
}

UNGEGARANTI_AVX2 __m256i multiply64(__m256i a, const Multiplier& m) {
  __m256i low = _mm256_mul_epu32(a, m.b);
  __m256i cross = _mm256_slli_epi64(_mm256_mul_epu32(a, m.high), 32);
  return _mm256_add_epi64(_mm256_add_epi64(low, cross), _mm256_mullo_epi32(a, m.low_up));
}

// mix() on four lanes.
struct Mixer {
  Multiplier first, second;
};

UNGEGARANTI_AVX2 __m256i mix4(__m256i x, const Mixer& m) {
  x = _mm256_add_epi64(x, _mm256_set1_epi64x(static_cast<long long>(0x9E3779B97F4A7C15ull)));
  x = multiply64(_mm256_xor_si256(x, _mm256_srli_epi64(x, 30)), m.first);
  x = multiply64(_mm256_xor_si256(x, _mm256_srli_epi64(x, 27)), m.second);
  return _mm256_xor_si256(x, _mm256_srli_epi64(x, 31));
}

// to_unit() on four lanes. x = bits >> 11 < 2^53 is a whole number of 53 bits, and its lower 52
// bits under 2^52's exponent (bit pattern 0x433 << 52 | x) are y = 2^52 + (x mod 2^52): the
// exponent's lowest bit is already 1, so x's bit 52 (the top bit of `bits`) leaves the pattern as
// it is. Where that bit is 1, x = 2^52 + (x mod 2^52) = y, and y + 0.5 is to_unit()'s x + 0.5,
// rounded the same way. Where it is 0, x = y - 2^52 < 2^52, so x + 0.5 is exact, and so is
// y + (0.5 - 2^52) (both constants are exact doubles): the same number. The select by the top bit
// of `bits` is blendv's, which reads each lane's sign bit. Then to_unit()'s x 2^-53, exact.
UNGEGARANTI_AVX2 __m256d to_unit4(__m256i bits) {
  __m256d y = _mm256_castsi256_pd(
      _mm256_or_si256(_mm256_srli_epi64(bits, 11), _mm256_set1_epi64x(0x4330000000000000LL)));
  __m256d half = _mm256_blendv_pd(_mm256_set1_pd(0.5 - 0x1.0p52), _mm256_set1_pd(0.5),
                                  _mm256_castsi256_pd(bits));
  return _mm256_mul_pd(_mm256_add_pd(y, half), _mm256_set1_pd(0x1.0p-53));
}

// triangular() on the four inputs of the group whose constants start at `c`. Its test u < split
// is a compare, false where split is NaN (a range so wide that its width overflows to inf gives
// inf / inf), as the scalar test is; the sign of u - split would be x86's negative NaN there.
[[gnu::always_inline]] UNGEGARANTI_AVX2 inline __m256d triangular4(__m256d u, __m256d lo,
                                                                   __m256d hi, __m256d w,
                                                                   __m256d below, __m256d above,
                                                                   __m256d split) {
  __m256d left = _mm256_cmp_pd(u, split, _CMP_LT_OQ);
  __m256d near = _mm256_mul_pd(_mm256_mul_pd(u, w), below);
  __m256d far = _mm256_mul_pd(_mm256_mul_pd(_mm256_sub_pd(_mm256_set1_pd(1.0), u), w), above);
  __m256d root = _mm256_sqrt_pd(_mm256_blendv_pd(far, near, left));
  __m256d from_lo = _mm256_add_pd(lo, root);
  __m256d from_hi = _mm256_sub_pd(hi, root);
  return _mm256_blendv_pd(from_hi, from_lo, left);
}

UNGEGARANTI_AVX2 __m256d triangular4(__m256d u, const double* c) {
  return triangular4(u, _mm256_loadu_pd(c + 4 * kLo), _mm256_loadu_pd(c + 4 * kHi),
                     _mm256_loadu_pd(c + 4 * kWidth), _mm256_loadu_pd(c + 4 * kBelow),
                     _mm256_loadu_pd(c + 4 * kAbove), _mm256_loadu_pd(c + 4 * kSplit));
}

// first_uniform() on four lanes of keys and stream numbers: to_unit(mix(mix(key ^ index) +
// kCounterStep)).
[[gnu::always_inline]] UNGEGARANTI_AVX2 inline __m256d first_uniforms4(__m256i keys,
                                                                       __m256i index) {
  const Mixer mixer{multiplier(0xBF58476D1CE4E5B9ull), multiplier(0x94D049BB133111EBull)};
  const __m256i step = _mm256_set1_epi64x(static_cast<long long>(kCounterStep));
  return to_unit4(mix4(_mm256_add_epi64(mix4(_mm256_xor_si256(keys, index), mixer), step), mixer));
}

// One triangular input's first uniform number and quantile in four draws (`keys`), one in each
// lane: first_pass_avx2()'s operations with the draws' keys in the lanes instead of the inputs'
// indexes, and the input's constants in every lane.
UNGEGARANTI_AVX2 void triangular_of_keys_avx2(const uint64_t* keys, uint64_t index, double lo,
                                              double hi, double width, double below, double above,
                                              double split, double* out) {
  __m256d u = first_uniforms4(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(keys)),
                              _mm256_set1_epi64x(static_cast<long long>(index)));
  _mm256_storeu_pd(
      out, triangular4(u, _mm256_set1_pd(lo), _mm256_set1_pd(hi), _mm256_set1_pd(width),
                       _mm256_set1_pd(below), _mm256_set1_pd(above), _mm256_set1_pd(split)));
}

// A group's first uniform numbers with the scalar 64-bit multiplies: first_uniform()'s integer
// operations, and the exact conversion of bits >> 11 < 2^53, so the same numbers as to_unit4().
// Not vectorised by the compiler (it would emulate the multiplies as mix4() does): its point is
// to keep the scalar multiplier busy beside the vector units.
[[gnu::always_inline, gnu::optimize("no-tree-vectorize")]] inline void scalar_units(uint64_t key,
                                                                                    InputGroup& h) {
  for (size_t l = 0; l < 4; ++l)
    h.first[l] = first_uniform(key, h.index[l]);
}

// A group's first uniform numbers in vector lanes, the draw's key in every lane.
[[gnu::always_inline]] UNGEGARANTI_AVX2 inline void vector_units(__m256i keys, InputGroup& h) {
  __m256i index = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(h.index));
  _mm256_storeu_pd(h.first, first_uniforms4(keys, index));
}

// The SIMD forms take two loops over the groups: first every group's uniform numbers, then their
// triangular quantiles. Each group's numbers are a long chain of dependent steps (two mixes, the
// conversion) and its quantile another (the square root's latency is the longest step), so that
// one loop doing both holds fewer groups in flight than the processor can overlap; two short
// loops keep each one's groups independent and near each other, for the same operations (the
// share of the time of the first pass 12 % -> 10 % with AVX2 in the profile of a run, 7,5 % ->
// 6,3 % with AVX-512). The values are stored as plain doubles, so that the compiler knows they
// change no pointer.
UNGEGARANTI_AVX2 void first_pass_avx2(uint64_t key, InputGroup* g, const InputGroup* end) {
  const __m256i keys = _mm256_set1_epi64x(static_cast<long long>(key));
  InputGroup* h = g;
  for (; end - h >= 2; h += 2) {  // a group in vector lanes, the next with scalar multiplies
    vector_units(keys, *h);
    scalar_units(key, h[1]);
  }
  if (h != end)
    vector_units(keys, *h);
  alignas(32) double value[4];
  for (; g != end; ++g) {
    _mm256_store_pd(value, triangular4(_mm256_loadu_pd(g->first), &g->constants[0][0]));
    *g->where[3] = value[3];
    *g->where[2] = value[2];
    *g->where[1] = value[1];
    *g->where[0] = value[0];
  }
}

// The AVX-512 forms of the same pass: mix() with the 64-bit multiply that AVX2 lacks (vpmullq,
// the low 64 bits of each product, as uint64_t's * gives), and to_unit() with the 64-bit integer
// conversion: x = bits >> 11 < 2^53 converts to a double exactly, as static_cast<double> does, and
// then to_unit()'s + 0.5 and x 2^-53, the same IEEE operations. The integer parts are exact, so
// every form gives the same bits. The uniform numbers are worked out for two groups at once, eight
// lanes in 512-bit vectors: on a processor that splits them into two 256-bit halves (AMD's Zen 4)
// each lane costs as much, but the pass takes half the instructions (the share of the time of the
// first pass 7,2 % -> 6,1 %, 0,77 s -> 0,755 s for 300.000 draws); a group left over takes four.
// The quantiles stay triangular4()'s. Tried and no faster here: a form with masks that selects
// before the square root (two products instead of four, but the selects then sit on the square
// root's chain), a scatter of each group's four values (vscatterqpd), and working out the
// copula's numbers between the two loops, for the processor to overlap with the quantiles.
// GCC 12's 512-bit shift and insert intrinsics start from _mm512_undefined_*(), which its
// -Wmaybe-uninitialized takes for a read of an uninitialised value (GCC bug 105593, fixed in
// GCC 13): a false warning, silenced for the AVX-512 forms only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
UNGEGARANTI_AVX512 __m256i mix4_avx512(__m256i x) {
  x = _mm256_add_epi64(x, _mm256_set1_epi64x(static_cast<long long>(0x9E3779B97F4A7C15ull)));
  x = _mm256_mullo_epi64(_mm256_xor_si256(x, _mm256_srli_epi64(x, 30)),
                         _mm256_set1_epi64x(static_cast<long long>(0xBF58476D1CE4E5B9ull)));
  x = _mm256_mullo_epi64(_mm256_xor_si256(x, _mm256_srli_epi64(x, 27)),
                         _mm256_set1_epi64x(static_cast<long long>(0x94D049BB133111EBull)));
  return _mm256_xor_si256(x, _mm256_srli_epi64(x, 31));
}

UNGEGARANTI_AVX512 __m512i mix8_avx512(__m512i x) {
  x = _mm512_add_epi64(x, _mm512_set1_epi64(static_cast<long long>(0x9E3779B97F4A7C15ull)));
  x = _mm512_mullo_epi64(_mm512_xor_si512(x, _mm512_srli_epi64(x, 30)),
                         _mm512_set1_epi64(static_cast<long long>(0xBF58476D1CE4E5B9ull)));
  x = _mm512_mullo_epi64(_mm512_xor_si512(x, _mm512_srli_epi64(x, 27)),
                         _mm512_set1_epi64(static_cast<long long>(0x94D049BB133111EBull)));
  return _mm512_xor_si512(x, _mm512_srli_epi64(x, 31));
}

UNGEGARANTI_AVX512 __m256d to_unit4_avx512(__m256i bits) {
  __m256d x = _mm256_cvtepu64_pd(_mm256_srli_epi64(bits, 11));
  return _mm256_mul_pd(_mm256_add_pd(x, _mm256_set1_pd(0.5)), _mm256_set1_pd(0x1.0p-53));
}

UNGEGARANTI_AVX512 __m512d to_unit8_avx512(__m512i bits) {
  __m512d x = _mm512_cvtepu64_pd(_mm512_srli_epi64(bits, 11));
  return _mm512_mul_pd(_mm512_add_pd(x, _mm512_set1_pd(0.5)), _mm512_set1_pd(0x1.0p-53));
}

UNGEGARANTI_AVX512 void first_pass_avx512(uint64_t key, InputGroup* g, const InputGroup* end) {
  const __m512i keys = _mm512_set1_epi64(static_cast<long long>(key));
  const __m512i step = _mm512_set1_epi64(static_cast<long long>(kCounterStep));
  InputGroup* h = g;
  for (; end - h >= 2; h += 2) {
    __m512i index = _mm512_inserti64x4(
        _mm512_castsi256_si512(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(h[0].index))),
        _mm256_loadu_si256(reinterpret_cast<const __m256i*>(h[1].index)), 1);
    __m512d u = to_unit8_avx512(
        mix8_avx512(_mm512_add_epi64(mix8_avx512(_mm512_xor_si512(keys, index)), step)));
    _mm256_storeu_pd(h[0].first, _mm512_castpd512_pd256(u));
    _mm256_storeu_pd(h[1].first, _mm512_extractf64x4_pd(u, 1));
  }
  if (h != end) {
    __m256i index = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(h->index));
    __m256i bits = mix4_avx512(
        _mm256_add_epi64(mix4_avx512(_mm256_xor_si256(_mm512_castsi512_si256(keys), index)),
                         _mm512_castsi512_si256(step)));
    _mm256_storeu_pd(h->first, to_unit4_avx512(bits));
  }
  alignas(32) double value[4];
  for (; g != end; ++g) {
    _mm256_store_pd(value, triangular4(_mm256_loadu_pd(g->first), &g->constants[0][0]));
    *g->where[3] = value[3];
    *g->where[2] = value[2];
    *g->where[1] = value[1];
    *g->where[0] = value[0];
  }
}

// Eight at a time, then four, as the first pass does, so that the test of units_from_bits() sees
// both conversions.
UNGEGARANTI_AVX512 void units_from_bits_avx512(const uint64_t* bits, size_t n, double* out) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8)
    _mm512_storeu_pd(out + i, to_unit8_avx512(_mm512_loadu_si512(bits + i)));
  for (; i + 4 <= n; i += 4) {
    _mm256_storeu_pd(
        out + i, to_unit4_avx512(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(bits + i))));
  }
  units_from_bits_scalar(bits + i, n - i, out + i);
}
#pragma GCC diagnostic pop

UNGEGARANTI_AVX2 void units_from_bits_avx2(const uint64_t* bits, size_t n, double* out) {
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    _mm256_storeu_pd(out + i,
                     to_unit4(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(bits + i))));
  }
  units_from_bits_scalar(bits + i, n - i, out + i);
}

UNGEGARANTI_AVX2 void triangulars_avx2(size_t n, const double* u, const double* lanes,
                                       double* out) {
  for (size_t k = 0; k < n; k += 4, lanes += kGroup)
    _mm256_storeu_pd(out + k, triangular4(_mm256_loadu_pd(u + k), lanes));
}

void triangulars(size_t n, const double* u, const double* lanes, double* out) {
  has_avx2() ? triangulars_avx2(n, u, lanes, out) : triangulars_scalar(n, u, lanes, out);
}

void first_pass(uint64_t key, InputGroup* g, const InputGroup* end) {
  if (has_avx512())
    first_pass_avx512(key, g, end);
  else if (has_avx2())
    first_pass_avx2(key, g, end);
  else
    first_pass_scalar(key, g, end);
}

void units_of_bits(const uint64_t* bits, size_t n, double* out) {
  if (has_avx512())
    units_from_bits_avx512(bits, n, out);
  else if (has_avx2())
    units_from_bits_avx2(bits, n, out);
  else
    units_from_bits_scalar(bits, n, out);
}
#else
void first_pass(uint64_t key, InputGroup* g, const InputGroup* end) {
  first_pass_scalar(key, g, end);
}

void units_of_bits(const uint64_t* bits, size_t n, double* out) {
  units_from_bits_scalar(bits, n, out);
}

void triangulars(size_t n, const double* u, const double* lanes, double* out) {
  triangulars_scalar(n, u, lanes, out);
}
#endif

// normal_quantile()'s central region, p in [kAcklamLow, 1 - kAcklamLow]: a rational function of
// p - 0.5 with these coefficients (Acklam's); the tails take the logarithm.
constexpr double kAcklamLow = 0.02425;
constexpr double kAcklamA[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                               -2.759285104469687e+02, 1.383577518672690e+02,
                               -3.066479806614716e+01, 2.506628277459239e+00};
constexpr double kAcklamB[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                               -1.556989798598866e+02, 6.680131188771972e+01,
                               -1.328068155288572e+01};

// The copula's two steps on whole groups of four (InputDraws pads them): z = normal_quantile(p)
// for each p, and y = L z with L given by columns (column j at factor_t + j * stride), each row
// summed over j in order from 0, as correlated_uniforms() sums it. The scalar forms, and AVX2
// forms that do the same IEEE operations four at a time (normal_quantile()'s central region in
// the lanes, a lane in a tail by normal_quantile() itself).
void normal_quantiles_scalar(size_t n, const double* p, double* z) {
  for (size_t i = 0; i < n; ++i)
    z[i] = normal_quantile(p[i]);
}

void factor_times_scalar(size_t m, size_t stride, const double* factor_t, const double* z,
                         double* y) {
  for (size_t i = 0; i < stride; ++i) {
    double sum = 0;
    for (size_t j = 0; j < m; ++j)
      sum += factor_t[j * stride + i] * z[j];
    y[i] = sum;
  }
}

#ifdef UNGEGARANTI_X86
UNGEGARANTI_AVX2 void normal_quantiles_avx2(size_t n, const double* p, double* z) {
  const double* a = kAcklamA;
  const double* b = kAcklamB;
  for (size_t i = 0; i < n; i += 4) {
    __m256d x = _mm256_loadu_pd(p + i);
    __m256d q = _mm256_sub_pd(x, _mm256_set1_pd(0.5)), r = _mm256_mul_pd(q, q);
    __m256d top = _mm256_set1_pd(a[0]), bottom = _mm256_set1_pd(b[0]);
    for (size_t c = 1; c < 6; ++c)
      top = _mm256_add_pd(_mm256_mul_pd(top, r), _mm256_set1_pd(a[c]));
    for (size_t c = 1; c < 5; ++c)
      bottom = _mm256_add_pd(_mm256_mul_pd(bottom, r), _mm256_set1_pd(b[c]));
    bottom = _mm256_add_pd(_mm256_mul_pd(bottom, r), _mm256_set1_pd(1.0));
    _mm256_storeu_pd(z + i, _mm256_div_pd(_mm256_mul_pd(top, q), bottom));
    __m256d tail = _mm256_or_pd(_mm256_cmp_pd(x, _mm256_set1_pd(kAcklamLow), _CMP_LT_OQ),
                                _mm256_cmp_pd(x, _mm256_set1_pd(1 - kAcklamLow), _CMP_GT_OQ));
    if (int lanes = _mm256_movemask_pd(tail); lanes != 0) {
      for (size_t l = 0; l < 4; ++l) {
        if ((lanes >> l & 1) != 0)
          z[i + l] = normal_quantile(p[i + l]);
      }
    }
  }
}

// Eight rows at a time where there are eight (two sums in flight), then four.
UNGEGARANTI_AVX2 void factor_times_avx2(size_t m, size_t stride, const double* factor_t,
                                        const double* z, double* y) {
  size_t i = 0;
  for (; i + 8 <= stride; i += 8) {
    __m256d low = _mm256_setzero_pd(), high = _mm256_setzero_pd();
    for (size_t j = 0; j < m; ++j) {
      const double* column = factor_t + j * stride + i;
      __m256d zj = _mm256_set1_pd(z[j]);
      low = _mm256_add_pd(low, _mm256_mul_pd(_mm256_loadu_pd(column), zj));
      high = _mm256_add_pd(high, _mm256_mul_pd(_mm256_loadu_pd(column + 4), zj));
    }
    _mm256_storeu_pd(y + i, low);
    _mm256_storeu_pd(y + i + 4, high);
  }
  if (i < stride) {
    __m256d sum = _mm256_setzero_pd();
    for (size_t j = 0; j < m; ++j) {
      sum = _mm256_add_pd(
          sum, _mm256_mul_pd(_mm256_loadu_pd(factor_t + j * stride + i), _mm256_set1_pd(z[j])));
    }
    _mm256_storeu_pd(y + i, sum);
  }
}

void normal_quantiles(size_t n, const double* p, double* z) {
  has_avx2() ? normal_quantiles_avx2(n, p, z) : normal_quantiles_scalar(n, p, z);
}

void factor_times(size_t m, size_t stride, const double* factor_t, const double* z, double* y) {
  has_avx2() ? factor_times_avx2(m, stride, factor_t, z, y)
             : factor_times_scalar(m, stride, factor_t, z, y);
}
#else
void normal_quantiles(size_t n, const double* p, double* z) { normal_quantiles_scalar(n, p, z); }

void factor_times(size_t m, size_t stride, const double* factor_t, const double* z, double* y) {
  factor_times_scalar(m, stride, factor_t, z, y);
}
#endif

constexpr double kZ95 = 1.6448536269514722;  // the standard normal's 95th percentile

// Gamma(shape, 1) by Marsaglia and Tsang; shape >= 1 here (PERT's shapes are at least 1).
double gamma(double shape, RandomStream& random) {
  double d = shape - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
  while (true) {
    double u1 = random.uniform(), u2 = random.uniform();
    double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);  // Box-Muller
    double v = 1.0 + c * z;
    if (v <= 0)
      continue;
    v = v * v * v;
    double u = random.uniform();
    if (std::log(u) < 0.5 * z * z + d - d * v + d * std::log(v))
      return d * v;
  }
}

// A normal (mean, sd) truncated to [low, high], by the inverse CDF on the truncated range.
double truncated_normal(double mean, double sd, double low, double high, double u) {
  if (sd <= 0)
    return std::clamp(mean, low, high);
  double a = normal_cdf((low - mean) / sd), b = normal_cdf((high - mean) / sd);
  double p = std::clamp(a + u * (b - a), 1e-15, 1 - 1e-15);
  return std::clamp(mean + sd * normal_quantile(p), low, high);
}

// Lentz's continued fraction for the incomplete Beta function (Numerical Recipes' betacf).
double beta_fraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300;
  double qab = a + b, qap = a + 1, qam = a - 1;
  double c = 1, d = 1 - qab * x / qap;
  d = 1 / (std::abs(d) < kTiny ? kTiny : d);
  double h = d;
  for (int m = 1; m <= 300; ++m) {
    double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    d = 1 / (std::abs(d) < kTiny ? kTiny : d);
    c = 1 + aa / c;
    c = std::abs(c) < kTiny ? kTiny : c;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    d = 1 / (std::abs(d) < kTiny ? kTiny : d);
    c = 1 + aa / c;
    c = std::abs(c) < kTiny ? kTiny : c;
    double step = d * c;
    h *= step;
    if (std::abs(step - 1) < 1e-15)
      break;
  }
  return h;
}

// The p-quantile of Beta(a, b) by bisection on its distribution function: 100 halvings of [0, 1]
// reach the resolution of a double.
double beta_quantile(double a, double b, double p) {
  double lo = 0, hi = 1;
  for (int i = 0; i < 100 && hi - lo > 1e-16; ++i) {
    double mid = (lo + hi) / 2;
    (beta_cdf(a, b, mid) < p ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

}  // namespace

void detail::first_uniforms(uint64_t key, const uint64_t* index, size_t n, double* out) {
  std::vector<InputGroup> groups((n + 3) / 4, InputGroup{});  // all-zero constants: quantile 0
  double sink = 0;
  for (size_t i = 0; i < groups.size() * 4; ++i) {
    groups[i / 4].index[i % 4] = i < n ? index[i] : 0;
    groups[i / 4].where[i % 4] = &sink;
  }
  first_pass(key, groups.data(), groups.data() + groups.size());
  for (size_t i = 0; i < n; ++i)
    out[i] = groups[i / 4].first[i % 4];
}

void detail::units_from_bits(const uint64_t* bits, size_t n, double* out) {
  units_of_bits(bits, n, out);
}

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

double beta_cdf(double a, double b, double x) {
  if (x <= 0)
    return 0;
  if (x >= 1)
    return 1;
  double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) +
                          b * std::log1p(-x));
  if (x < (a + 1) / (a + b + 2))
    return front * beta_fraction(a, b, x) / a;
  return 1 - front * beta_fraction(b, a, 1 - x) / b;
}

RandomStream::RandomStream(uint64_t seed, uint64_t draw, uint64_t input)
    : key_(mix(draw_key(seed, draw) ^ input)) {}

uint64_t RandomStream::draw_key(uint64_t seed, uint64_t draw) { return mix(mix(seed) ^ draw); }

RandomStream RandomStream::of_input(uint64_t draw_key, uint64_t input) {
  return RandomStream(mix(draw_key ^ input));
}

double RandomStream::first_of(uint64_t draw_key, uint64_t input) {
  return first_uniform(draw_key, input);
}

double RandomStream::uniform() {
  uint64_t bits = mix(key_ + ++counter_ * 0xD1B54A32D192ED03ull);
  return (static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-53;  // never 0; 1 once in 2^53
}

double normal_quantile(double p) {
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                 -2.400758277161838e+00, -2.549732539343734e+00,
                                 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                                 2.445134137142996e+00, 3.754408661907416e+00};
  if (p < kAcklamLow) {
    // uniform() is 1 for one pattern of bits in 2^53 (it stands for 1 - 2^-54, which rounds to
    // 1), and the upper tail then asks for 1 - p = 0: log(0) would make the quantile NaN, so p is
    // taken at least 2^-54, the smallest number uniform() gives, and the pattern gets the
    // quantile of the number it stands for.
    double q = std::sqrt(-2 * std::log(std::max(p, 0x1p-54)));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - kAcklamLow)
    return -normal_quantile(1 - p);
  const double* a = kAcklamA;
  const double* b = kAcklamB;
  double q = p - 0.5, r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

double quantile(const Quantity& q, double u) {
  if (!q.low || !q.high || *q.high <= *q.low)
    return q.value;
  double lo = *q.low, hi = *q.high, mode = std::clamp(q.value, lo, hi);
  switch (q.dist) {
    case Distribution::kUniform:
      return lo + u * (hi - lo);
    case Distribution::kNone:
    case Distribution::kTriangular: {
      double split = (mode - lo) / (hi - lo);
      return u < split ? lo + std::sqrt(u * (hi - lo) * (mode - lo))
                       : hi - std::sqrt((1 - u) * (hi - lo) * (hi - mode));
    }
    case Distribution::kPert: {
      double alpha = 1 + 4 * (mode - lo) / (hi - lo), beta = 1 + 4 * (hi - mode) / (hi - lo);
      return lo + (hi - lo) * beta_quantile(alpha, beta, u);
    }
    case Distribution::kNormal:
      return truncated_normal(q.value, (hi - lo) / (2 * kZ95), lo, hi, u);
    case Distribution::kLognormal: {
      double mu = (std::log(lo) + std::log(hi)) / 2,
             sigma = (std::log(hi) - std::log(lo)) / (2 * kZ95);
      return std::exp(truncated_normal(mu, sigma, std::log(lo), std::log(hi), u));
    }
  }
  return q.value;
}

double sample(const Quantity& q, RandomStream& random) {
  if (!q.low || !q.high || *q.high <= *q.low)
    return q.value;
  if (q.dist == Distribution::kPert) {  // faster than inverting the Beta: two Gamma draws
    double lo = *q.low, hi = *q.high, mode = std::clamp(q.value, lo, hi);
    double alpha = 1 + 4 * (mode - lo) / (hi - lo), beta = 1 + 4 * (hi - mode) / (hi - lo);
    double x = gamma(alpha, random), y = gamma(beta, random);
    return lo + (hi - lo) * x / (x + y);
  }
  return quantile(q, random.uniform());
}

Copula copula_of(const std::vector<Correlation>& groups) {
  Copula c;
  std::map<std::string, size_t> index;
  for (const Correlation& g : groups) {
    if (g.inputs.size() < 2)
      continue;  // nothing left to correlate (inputs without a range are not listed)
    for (const std::string& input : g.inputs) {
      if (index.emplace(input, c.inputs.size()).second)
        c.inputs.push_back(input);
    }
  }
  size_t n = c.inputs.size();
  Eigen::MatrixXd matrix =
      Eigen::MatrixXd::Identity(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
  for (const Correlation& g : groups) {
    for (size_t i = 0; i < g.inputs.size(); ++i) {
      for (size_t j = i + 1; j < g.inputs.size(); ++j) {
        auto a = static_cast<Eigen::Index>(index[g.inputs[i]]);
        auto b = static_cast<Eigen::Index>(index[g.inputs[j]]);
        if (a == b)
          continue;
        matrix(a, b) = g.rho;
        matrix(b, a) = g.rho;
      }
    }
  }
  if (n == 0)
    return c;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(matrix);
  const Eigen::VectorXd& values = solver.eigenvalues();
  c.smallest_eigenvalue = values.minCoeff();
  // L = V sqrt(max(D, 0)): L L^T = C where C is positive semi-definite.
  Eigen::MatrixXd factor = solver.eigenvectors() * values.cwiseMax(0.0).cwiseSqrt().asDiagonal();
  c.factor.resize(n * n);
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < n; ++j)
      c.factor[i * n + j] = factor(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
  }
  return c;
}

void correlated_uniforms(const Copula& copula, const std::vector<double>& z,
                         std::vector<double>& u) {
  size_t n = copula.inputs.size();
  u.resize(n);
  for (size_t i = 0; i < n; ++i) {
    double y = 0;
    for (size_t j = 0; j < n && j < z.size(); ++j)
      y += copula.factor[i * n + j] * z[j];
    u[i] = std::clamp(normal_cdf(y), 1e-15, 1 - 1e-15);  // (0, 1), as a uniform draw is
  }
}

InputDraws::InputDraws(const Scenario& scenario) : copula_(copula_of(scenario.correlations)) {
  for (const Quantity* q : all_quantities(scenario)) {
    if (q->low && q->high)
      inputs_.push_back(q);
  }
  for (const Quantity* q : inputs_) {
    Shape shape;
    shape.value = q->value;
    if (!q->low || !q->high || *q->high <= *q->low) {
      shape.kind = Shape::kFixed;
    } else if (q->dist == Distribution::kUniform || q->dist == Distribution::kTriangular ||
               q->dist == Distribution::kNone) {
      // As quantile(): mode = clamp(value, lo, hi); (hi - lo), (mode - lo) and (hi - mode) are
      // the same numbers whether worked out here or there.
      shape.kind = q->dist == Distribution::kUniform ? Shape::kUniform : Shape::kTriangular;
      shape.lo = *q->low;
      shape.hi = *q->high;
      double mode = std::clamp(q->value, shape.lo, shape.hi);
      shape.width = shape.hi - shape.lo;
      shape.below = mode - shape.lo;
      shape.above = shape.hi - mode;
      shape.split = shape.below / shape.width;
    }
    shapes_.push_back(shape);
    if (shape.kind != Shape::kTriangular)
      one_by_one_.push_back(shapes_.size() - 1);
  }
  // Whole groups of four for the AVX2 form; the other inputs' constants and the padding lanes are
  // all zero (their triangular quantile is 0, overwritten or never written). A padding lane
  // draws the stream of the number after the last input (never used) and writes where lane 0 of
  // its group does, once bound.
  groups_.assign((inputs_.size() + 3) / 4, InputGroup{});
  for (size_t k = 0; k < groups_.size() * 4; ++k)
    groups_[k / 4].index[k % 4] = k;
  for (size_t k = 0; k < shapes_.size(); ++k)
    shapes_[k].lay_out(&groups_[k / 4].constants[0][k % 4]);
  for (size_t j = 0; j < copula_.inputs.size(); ++j) {
    auto at = std::find_if(inputs_.begin(), inputs_.end(),
                           [&](const Quantity* q) { return q->path == copula_.inputs[j]; });
    if (at == inputs_.end()) {  // the schema refuses this; a Scenario built in code might not
      throw Error(scenario.correlations.front().where,
                  msg("'{}' er korreleret, men har intet interval",
                      "'{}' is correlated but has no range", copula_.inputs[j]));
    }
    copula_input_.push_back(static_cast<size_t>(at - inputs_.begin()));
    copula_slot_.emplace_back(static_cast<uint32_t>(copula_input_.back() / 4),
                              static_cast<uint32_t>(copula_input_.back() % 4));
  }
  // The copula's inputs' triangular constants likewise, in the copula's order.
  copula_lanes_.assign((copula_input_.size() + 3) / 4 * kGroup, 0.0);
  for (size_t j = 0; j < copula_input_.size(); ++j) {
    const Shape& shape = shapes_[copula_input_[j]];
    shape.lay_out(copula_lanes_.data() + kGroup * (j / 4) + j % 4);
    if (shape.kind != Shape::kTriangular)
      copula_one_by_one_.push_back(j);
  }
  // The factor transposed, its rows padded to whole groups of four, so that y = L z takes each
  // z_j times column j for four rows at once (factor_times()): row i still sums its products over
  // j in order, from 0, as correlated_uniforms() does.
  size_t m = copula_.inputs.size();
  stride_ = (m + 3) / 4 * 4;
  factor_t_.assign(m * stride_, 0.0);
  for (size_t i = 0; i < m; ++i) {
    for (size_t j = 0; j < m; ++j)
      factor_t_[j * stride_ + i] = copula_.factor[i * m + j];
  }
  p_.assign(stride_, 0.5);  // the padding lanes' z is 0
  z_.resize(stride_);
  y_.resize(stride_);
  u_.assign(stride_, 0.5);
  value_.resize(stride_);
}

void InputDraws::Shape::lay_out(double* c) const {
  if (kind != kTriangular)
    return;
  c[4 * kLo] = lo;
  c[4 * kHi] = hi;
  c[4 * kWidth] = width;
  c[4 * kBelow] = below;
  c[4 * kAbove] = above;
  c[4 * kSplit] = split;
}

double InputDraws::Shape::at(const Quantity& q, double u) const {
  switch (kind) {
    case kFixed:
      return value;
    case kUniform:
      return lo + u * width;
    case kTriangular:
      // quantile()'s two branches with one square root and selects instead of a jump: u falls on
      // either side at random, so a jump would be mispredicted about half the time. The same
      // operations on the same numbers, so the same result to the bit.
      return triangular(u, lo, hi, width, below, above, split);
    case kOther:
      break;
  }
  return quantile(q, u);
}

void InputDraws::place(const std::vector<double*>& where) {
  assert(where.size() == inputs_.size());
  for (size_t k = 0; k < groups_.size() * 4; ++k)
    this->where(k) = where[k < where.size() ? k : k / 4 * 4];
  copula_where_.resize(copula_input_.size());
  for (size_t j = 0; j < copula_input_.size(); ++j)
    copula_where_[j] = where[copula_input_[j]];
}

void InputDraws::draw(uint64_t seed, uint64_t draw, std::vector<double>& values) {
  values.resize(inputs_.size());
  std::vector<double*> where(values.size());
  for (size_t k = 0; k < values.size(); ++k)
    where[k] = &values[k];
  place(where);
  draw_to(RandomStream::draw_key(seed, draw));
  // bind()'s places again, or none: no place may point into `values` once this returns.
  place(places_.empty() ? std::vector<double*>(inputs_.size(), nullptr) : places_);
}

void InputDraws::bind(const std::vector<double*>& where) {
  places_ = where;
  place(where);
}

uint64_t InputDraws::draw_bound(uint64_t seed, uint64_t draw) {
  assert(places_.size() == inputs_.size());
  uint64_t key = RandomStream::draw_key(seed, draw);
  draw_to(key);
  return key;
}

bool InputDraws::alone(size_t k) const {
  return k < inputs_.size() &&
         std::find(copula_input_.begin(), copula_input_.end(), k) == copula_input_.end();
}

// draw_to()'s operations for one input: its first uniform number (first_pass()'s, whose forms
// give the same bits), then its triangular quantile (triangular(), the same bits as the SIMD
// forms'), Shape::at() or sample() from its own stream.
double InputDraws::value_alone(uint64_t key, size_t k) const {
  assert(alone(k));
  const Shape& shape = shapes_[k];
  if (shape.kind == Shape::kOther) {
    RandomStream random = RandomStream::of_input(key, k);
    return sample(*inputs_[k], random);
  }
  return shape.at(*inputs_[k], first_uniform(key, groups_[k / 4].index[k % 4]));
}

void InputDraws::values_alone(const uint64_t* keys, size_t k, double* out) const {
  const Shape& shape = shapes_[k];
#ifdef UNGEGARANTI_X86
  if (shape.kind == Shape::kTriangular && has_avx2()) {
    triangular_of_keys_avx2(keys, groups_[k / 4].index[k % 4], shape.lo, shape.hi, shape.width,
                            shape.below, shape.above, shape.split, out);
    return;
  }
#endif
  for (size_t l = 0; l < 4; ++l)
    out[l] = value_alone(keys[l], k);
}

void InputDraws::draw_to(uint64_t key) {
  first_pass(key, groups_.data(), groups_.data() + groups_.size());
  for (size_t k : one_by_one_) {
    const Shape& shape = shapes_[k];
    if (shape.kind == Shape::kOther) {  // PERT draws more than one number: sample() does
      RandomStream random = RandomStream::of_input(key, k);
      *where(k) = sample(*inputs_[k], random);
    } else {
      *where(k) = shape.at(*inputs_[k], first(k));
    }
  }
  if (copula_input_.empty())
    return;
  // The copula's inputs: from the first number of each one's stream, overwriting the above;
  // correlated_uniforms()'s operations.
  for (size_t j = 0; j < copula_input_.size(); ++j)
    p_[j] = groups_[copula_slot_[j].first].first[copula_slot_[j].second];
  normal_quantiles(stride_, p_.data(), z_.data());
  factor_times(copula_input_.size(), stride_, factor_t_.data(), z_.data(), y_.data());
  size_t m = copula_input_.size();
  for (size_t j = 0; j < m; ++j)
    u_[j] = std::clamp(normal_cdf(y_[j]), 1e-15, 1 - 1e-15);
  triangulars(stride_, u_.data(), copula_lanes_.data(), value_.data());
  for (size_t j = 0; j < m; ++j)
    *copula_where_[j] = value_[j];
  for (size_t j : copula_one_by_one_) {
    size_t k = copula_input_[j];
    *where(k) = shapes_[k].at(*inputs_[k], u_[j]);
  }
}

}  // namespace ungegaranti
