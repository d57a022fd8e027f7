#include "ungegaranti/monte_carlo.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cassert>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <limits>
#include <mutex>
#include <new>
#include <span>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "ungegaranti/assumptions.hpp"
#include "ungegaranti/fast_chain.hpp"
#include "ungegaranti/number_format.hpp"
#include "ungegaranti/order_statistics.hpp"
#include "ungegaranti/sampling.hpp"
#include "ungegaranti/text.hpp"

namespace ungegaranti {
namespace {

// Memory that is neither zeroed nor touched when it is allocated. The draws' columns are written
// slot by slot by the worker that owns each draw, so their pages are first touched (and zeroed by
// the kernel) by the workers, in parallel, instead of by a value-initialisation on the calling
// thread that the workers then overwrite. A first touch is costly on this kind of machine: 205 ms
// for the 78 MB of 10^6 draws in 4 KB pages (page faults and the kernel's zeroing), 8 ms in 2 MB
// pages (measured on the 2-core VM), so a block of 2 MB or more is 2 MB-aligned and, on Linux,
// asks for transparent huge pages (where the system gives none, it is 4 KB pages as before).
class RawMemory {
 public:
  explicit RawMemory(size_t bytes) {
    constexpr size_t kHugePage = size_t{2} << 20;
    size_t align = bytes >= kHugePage ? kHugePage : 64;
    size_t size = std::max<size_t>(1, (bytes + align - 1) / align) * align;
    data_ = static_cast<char*>(std::aligned_alloc(align, size));
    if (data_ == nullptr)
      throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (align == kHugePage)
      madvise(data_, size, MADV_HUGEPAGE);  // a hint: nothing changes but the page size if refused
#endif
  }
  RawMemory(const RawMemory&) = delete;
  RawMemory& operator=(const RawMemory&) = delete;
  ~RawMemory() { std::free(data_); }
  char* data() const { return data_; }

 private:
  char* data_ = nullptr;
};

// What the draws keep, per model: every value the percentiles need (NaN, or rank 0, where a draw
// gave none), and counts for the probabilities. 3 x (3 doubles + a 16-bit rank) = 78 bytes a
// draw; the probabilities need no per-draw data. The twelve columns of n slots each lie in one
// RawMemory, each on a cache line of its own, and are not initialised: keep() or keep_failed()
// writes every slot of every column, once, for every draw in [0, n) (run_draws() visits each).
struct Kept {
  explicit Kept(size_t n) : memory(bytes(n)) {
    char* at = memory.data();
    auto take = [&at, n]<typename T>(T*& column) {
      column = reinterpret_cast<T*>(at);
      at += round_up(n * sizeof(T));
    };
    for (size_t t = 0; t < kAllTiers.size(); ++t) {
      take(cost[t]);
      take(neet[t]);
      take(npv[t]);
      take(rank[t]);
    }
  }
  static size_t round_up(size_t bytes) { return (bytes + 63) / 64 * 64; }
  static size_t bytes(size_t n) {
    return kAllTiers.size() * (3 * round_up(n * sizeof(double)) + round_up(n * sizeof(uint16_t)));
  }
  RawMemory memory;
  std::array<double*, 3> cost{}, neet{}, npv{};
  std::array<uint16_t*, 3> rank{};
};

// Each worker counts into its own, a cache line apart from the others' (alignas), so that the
// workers' counting in every draw does not move one line between the cores.
struct alignas(64) Counts {
  int failed = 0;
  int without_future = 0;  // draws that asked for a future that some model's horizon lacked
  std::array<int, 3> met{}, with_target{};  // draws that meet the target; draws with one
  std::array<int, 3> met_without{};         // draws in which the baseline meets it
  std::array<int, 3> cheapest{};
  int with_cheapest = 0;  // draws in which some model has a cost per avoided year

  void add(const Counts& o) {
    failed += o.failed;
    without_future += o.without_future;
    with_cheapest += o.with_cheapest;
    for (size_t t = 0; t < 3; ++t) {
      met[t] += o.met[t];
      met_without[t] += o.met_without[t];
      with_target[t] += o.with_target[t];
      cheapest[t] += o.cheapest[t];
    }
  }
};

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The counts of one draw (the bounded form keeps nothing else in its first pass).
void count(const DrawOutcomes& out, Counts& counts) {
  size_t best = kAllTiers.size();
  if (std::any_of(out.begin(), out.end(), [](const DrawOutcome& o) { return o.in_future == 0.0; }))
    ++counts.without_future;
  for (size_t t = 0; t < kAllTiers.size(); ++t) {
    const DrawOutcome& o = out[t];
    if (std::isfinite(o.met)) {
      ++counts.with_target[t];
      counts.met[t] += o.met > 0 ? 1 : 0;
      counts.met_without[t] += o.met_without > 0 ? 1 : 0;
    }
    if (std::isfinite(o.per_avoided) &&
        (best == kAllTiers.size() || o.per_avoided < out[best].per_avoided))
      best = t;
  }
  if (best < kAllTiers.size()) {
    ++counts.with_cheapest;
    ++counts.cheapest[best];
  }
}

void keep(const DrawOutcomes& out, size_t i, Kept& kept, Counts& counts) {
  count(out, counts);
  for (size_t t = 0; t < kAllTiers.size(); ++t) {
    const DrawOutcome& o = out[t];
    kept.cost[t][i] = o.cost;
    kept.neet[t][i] = o.neet;
    kept.npv[t][i] = o.npv;
    kept.rank[t][i] = std::isfinite(o.rank) ? static_cast<uint16_t>(o.rank) : uint16_t{0};
  }
}

void keep_failed(size_t i, Kept& kept, Counts& counts) {
  ++counts.failed;
  for (size_t t = 0; t < kAllTiers.size(); ++t) {
    kept.cost[t][i] = kept.neet[t][i] = kept.npv[t][i] = kNaN;
    kept.rank[t][i] = 0;
  }
}

bool present(double x) { return std::isfinite(x); }
bool present(uint16_t rank) { return rank > 0; }

constexpr double kInf = std::numeric_limits<double>::infinity();

// A series' values present, compacted to the front of its column in draw order (where
// std::remove_if would put them), with their sum in that order and their lowest and highest
// values: one pass, where the compaction and the sum were two.
struct Present {
  size_t n = 0;
  double sum = 0, lo = kInf, hi = -kInf;
};

template <typename T>
Present compact(T* values, size_t count) {
  Present p;
  T* out = values;
  for (size_t i = 0; i < count; ++i) {
    const T v = values[i];
    if (!present(v))
      continue;
    *out++ = v;
    const double x = static_cast<double>(v);
    p.sum += x;
    p.lo = std::min(p.lo, x);
    p.hi = std::max(p.hi, x);
  }
  p.n = static_cast<size_t>(out - values);
  return p;
}

// PERCENTILE.INC and the mean of the values present, compacted by compact(), or nullopt when there
// are none. The percentiles' order statistics may reorder the values (order_statistics_in_place():
// the column is not read again).
template <typename T>
std::optional<Spread> spread(T* values, const Present& present) {
  const size_t n = present.n;
  if (n == 0)
    return std::nullopt;
  // Each percentile is the value at rank i (0-based) and, but for the last rank, the fraction of
  // the step to rank i + 1.
  constexpr std::array<double, 3> kAt = {0.05, 0.5, 0.95};
  std::array<size_t, 6> ranks{};
  std::array<double, 3> frac{};
  for (size_t k = 0; k < kAt.size(); ++k) {
    double pos = kAt[k] * static_cast<double>(n - 1);
    size_t i = static_cast<size_t>(pos);
    frac[k] = pos - static_cast<double>(i);
    ranks[2 * k] = i;
    ranks[2 * k + 1] = std::min(i + 1, n - 1);
  }
  std::array<double, 6> v = order_statistics_in_place(values, n, present.lo, present.hi, ranks);
  std::array<double, 3> p{};
  for (size_t k = 0; k < kAt.size(); ++k) {
    double below = v[2 * k], above = v[2 * k + 1];
    p[k] = ranks[2 * k] + 1 >= n ? below : below + frac[k] * (above - below);
  }
  return Spread{p[0], p[1], p[2], present.sum / static_cast<double>(n)};
}

// The NEET histogram's bins: kNeetHistogramBins from the lowest to the highest finite value of
// all models, a single bin when every value is the same; nullopt when no model has one. The
// models' extremes taken in model order are those of one pass over all their values (std::min
// and std::max keep the first of equal values either way). Its counts are empty, one vector a
// model, for count_bins().
std::optional<NeetHistogram> histogram_bins(const std::array<Present, 3>& per_model) {
  double lo = kInf, hi = -kInf;
  for (const Present& p : per_model) {
    lo = std::min(lo, p.lo);
    hi = std::max(hi, p.hi);
  }
  if (!(lo <= hi))
    return std::nullopt;
  NeetHistogram h;
  h.lo = lo;
  int bins = hi > lo ? kNeetHistogramBins : 1;
  h.width = hi > lo ? (hi - lo) / bins : 0.0;
  h.counts.assign(per_model.size(), std::vector<int>(static_cast<size_t>(bins), 0));
  return h;
}

// Counts a model's NEET shares present (all finite) into its bins, `counts` of a histogram from
// histogram_bins() with `lo` and `width`.
void count_bins(const double* values, size_t n, double lo, double width, std::vector<int>& counts) {
  const int bins = static_cast<int>(counts.size());
  for (size_t i = 0; i < n; ++i) {
    int b = width > 0 ? static_cast<int>((values[i] - lo) / width) : 0;
    ++counts[static_cast<size_t>(std::clamp(b, 0, bins - 1))];
  }
}

std::optional<double> share_of(int yes, int of) {
  return of > 0 ? std::optional(static_cast<double>(yes) / of) : std::nullopt;
}

// The number of the random stream that picks a draw's future (docs/method.md): no input has it.
constexpr uint64_t kFutureStream = ~uint64_t{0};

// How often the calling thread reports progress, and how many draws a worker does between its
// updates of the count it reports.
constexpr auto kProgressInterval = std::chrono::milliseconds(200);
constexpr size_t kDoneEvery = 256;

// The most draws a worker takes at a time when the blocks are of one draw (run_draws()).
constexpr size_t kChunk = 4096;

}  // namespace

namespace {

// Runs draws [0, n) on `workers` threads and calls visit(w, i, out) for each draw i, from worker
// w, with its outcomes, or with nullptr when the chain could not be computed for it (e.g. baseline
// transitions that cannot reach the share). The workers take the draws in chunks, each the next
// chunk not yet taken, so that a thread slowed by the machine's other work takes fewer: a chunk is
// a block of `block` draws (never split between threads) or, with blocks of one draw, a
// multiple of the staged lanes (4), at most kChunk and about an eighth of a thread's share. Nothing
// a worker keeps depends on which draws it took, but for visit(w, ...)'s own. The calling thread
// calls report(done) with the number of draws done, about five times a second and once at the end,
// when `report` is set. Returns whether the draws drew futures.
template <typename Visit>
bool run_draws(const Scenario& s, const NeetData* data, const InputDraws& inputs,
               const std::vector<std::string>& paths, size_t n, size_t block, size_t workers,
               uint64_t seed, bool futures, const std::function<void(size_t)>& report,
               Visit&& visit) {
  std::vector<char> drew_futures(workers, 0);
  const size_t eighth = (n / (8 * workers) + 3) / 4 * 4;
  const size_t chunk = block > 1 ? block : std::clamp<size_t>(eighth, 4, kChunk);
  const size_t chunks = (n + chunk - 1) / chunk;
  std::atomic<size_t> next{0};  // the next chunk not yet taken
  std::atomic<size_t> done{0};
  std::mutex mutex;
  std::condition_variable finished;
  size_t running = workers;
  auto run = [&](size_t w) {
    // One copy of the scenario per thread: every draw sets every uncertain input, so nothing of
    // one draw is left for the next. The sampler writes each input's value into the first
    // quantity at its path; a path can name several quantities, and the others get a copy.
    Scenario d = s;
    std::vector<double*> where(paths.size());
    std::vector<std::pair<double*, const double*>> copies;  // (to, from)
    std::vector<std::pair<const double*, size_t>> sources;  // every place of input k's value, k
    double nowhere = 0;  // for a path without a quantity in the copy (none: `d` is a copy of `s`)
    for (size_t k = 0; k < paths.size(); ++k) {
      std::vector<Quantity*> at = quantities_at(d, paths[k]);
      where[k] = at.empty() ? &nowhere : &at.front()->value;
      for (size_t c = 1; c < at.size(); ++c)
        copies.emplace_back(&at[c]->value, where[k]);
      for (const Quantity* q : at)
        sources.emplace_back(&q->value, k);
    }
    // Only the inputs' places change between draws: the chain works out the rest once.
    std::vector<const double*> moving(where.begin(), where.end());
    for (const auto& [to, from] : copies)
      moving.push_back(to);
    FastChain chain(d, data, MovingValues(std::move(moving)));
    bool future = futures && chain.has_futures();
    drew_futures[w] = future ? 1 : 0;
    // The draws go through the chain in groups of `lanes` (FastChain::staged_lanes()), whose
    // projections calibrate together: the inputs the calibration reads (staged_inputs(), the
    // baseline transitions that move) are worked out alone for each draw of a group and staged;
    // the group's calibrations are made; then each draw is drawn into the scenario and its chain
    // evaluated, in draw order. An input drawn through the copula cannot be worked out alone, and
    // two inputs in one place would leave the value to the order of the writes: then one at a time.
    InputDraws sampler = inputs;  // its own scratch space
    sampler.bind(where);
    size_t lanes = chain.staged_lanes();
    std::vector<size_t> staged;  // the inputs the calibration reads
    if (lanes > 1) {
      chain.bind_staging(sources);
      staged = chain.staged_inputs();
      std::vector<const double*> places;
      for (const auto& [place, k] : sources)
        places.push_back(place);
      std::sort(places.begin(), places.end());
      bool shared = std::adjacent_find(places.begin(), places.end()) != places.end();
      // Nothing to stage when no transition moves: every draw has the scenario's own factor.
      if (shared || staged.empty() ||
          !std::all_of(staged.begin(), staged.end(), [&](size_t k) { return sampler.alone(k); }))
        lanes = 1;
    }
    lanes = std::max<size_t>(lanes, 1);
    assert(lanes <= 4);  // the keys of a group, below
    // The staged draws' values at `staged`, draw j's from j x where.size() on.
    std::vector<double> values(lanes * where.size());
    for (size_t c = next.fetch_add(1); c < chunks; c = next.fetch_add(1)) {
      const size_t begin = c * chunk, end = std::min(n, begin + chunk);
      size_t counted = begin;  // draws not yet added to `done`, from here to i
      for (size_t first = begin; first < end; first += lanes) {
        const size_t group = std::min(lanes, end - first);
        if (lanes > 1) {
          std::array<uint64_t, 4> keys{};  // past the group: any key, its values unread
          for (size_t j = 0; j < group; ++j)
            keys[j] = RandomStream::draw_key(seed, first + j);
          for (size_t k : staged) {
            std::array<double, 4> value;
            sampler.values_alone(keys.data(), k, value.data());
            for (size_t j = 0; j < group; ++j)
              values[j * where.size() + k] = value[j];
          }
          for (size_t j = 0; j < group; ++j)
            chain.stage(j, values.data() + j * where.size());
          chain.calibrate_staged(group);
        }
        for (size_t j = 0; j < group; ++j) {
          const size_t i = first + j;
          uint64_t key = sampler.draw_bound(seed, i);
          for (const auto& [to, from] : copies)
            *to = *from;
          // RandomStream(seed, i, kFutureStream), from the key the sampler worked out.
          const double u = future ? RandomStream::first_of(key, kFutureStream) : kNaN;
          DrawOutcomes outcomes;
          bool ok = true;
          try {
            outcomes = lanes > 1 ? chain.evaluate_staged(j, u) : chain.evaluate(u);
          } catch (const Error&) {
            ok = false;
          }
          visit(w, i, ok ? &outcomes : nullptr);
          // The shared count of draws done, for the progress only, every kDoneEvery draws: an
          // update per draw would move its cache line between the cores at every draw.
          if (i + 1 - counted == kDoneEvery || i + 1 == end) {
            done.fetch_add(i + 1 - counted, std::memory_order_relaxed);
            counted = i + 1;
          }
        }
      }
    }
    std::lock_guard lock(mutex);
    --running;
    finished.notify_one();
  };
  std::vector<std::thread> pool;
  for (size_t w = 0; w < workers; ++w)
    pool.emplace_back(run, w);
  if (report) {
    std::unique_lock lock(mutex);
    while (!finished.wait_for(lock, kProgressInterval, [&] { return running == 0; }))
      report(done.load(std::memory_order_relaxed));
    report(n);
  }
  for (std::thread& t : pool)
    t.join();
  return std::any_of(drew_futures.begin(), drew_futures.end(), [](char f) { return f != 0; });
}

// The twelve series of the percentiles: per model, cost, NEET, NPV and rank.
constexpr size_t kSeries = 12;
double series_value(const DrawOutcome& o, size_t measure) {
  switch (measure) {
    case 0:
      return o.cost;
    case 1:
      return o.neet;
    case 2:
      return o.npv;
    default:  // as keep() keeps it: in 16 bits, 0 for none
      return std::isfinite(o.rank) && o.rank >= 1
                 ? static_cast<double>(static_cast<uint16_t>(o.rank))
                 : kNaN;
  }
}

// The bounded-memory Monte Carlo (more than `keep_limit` draws): two passes over the same
// reproducible draws. The first counts, sums (block by block, in draw order within a block), finds
// each series' lowest and highest value, and keeps every `stride`-th draw as a pilot sample. From
// the pilot, each percentile gets a bracket of values wide enough to hold its rank with near
// certainty; the second pass counts the values below each bracket and keeps only those inside it,
// and fills the NEET histogram. A rank that falls outside its bracket is found by another pass over
// the side it fell on, so the percentiles are exact (docs/performance.md).
struct Bracket {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  size_t rank = 0;   // the 0-based rank of the value wanted (and rank + 1 for interpolation)
  size_t below = 0;  // values < lo
  std::vector<double> inside;  // values in [lo, hi]
  bool found = false;
  double share = 1.0;  // the pilot's share of values in [lo, hi], to reserve memory for them
};

// Runs work(w, workers) for w = 0 .. workers - 1, on as many threads (the calling one is the
// first), and rethrows the first exception any of them threw once all have finished.
template <typename Work>
void in_parallel(size_t workers, Work&& work) {
  std::vector<std::exception_ptr> errors(workers);
  auto guarded = [&](size_t w) {
    try {
      work(w, workers);
    } catch (...) {
      errors[w] = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (size_t w = 1; w < workers; ++w)
    pool.emplace_back(guarded, w);
  guarded(0);
  for (std::thread& t : pool)
    t.join();
  for (const std::exception_ptr& e : errors) {
    if (e)
      std::rethrow_exception(e);
  }
}

// Runs task(k) for k = 0 .. tasks - 1 on up to `workers` threads, each taking the next task not
// yet taken, in order: list the longest first. Each task's result must not depend on the thread.
template <typename Task>
void in_tasks(size_t workers, size_t tasks, Task&& task) {
  std::atomic<size_t> next{0};
  in_parallel(std::min(workers, tasks), [&](size_t, size_t) {
    for (size_t k = next.fetch_add(1); k < tasks; k = next.fetch_add(1))
      task(k);
  });
}

}  // namespace

MonteCarloResult monte_carlo(const Scenario& s, const NeetData* data, int draws, uint64_t seed,
                             int threads, const MonteCarloProgress& progress, bool futures,
                             const MonteCarloMemory& memory) {
  if (data != nullptr && data->municipalities.size() > 65535)  // ranks are kept in 16 bits
    throw Error({}, msg("Monte Carlo rangerer blandt højst 65.535 kommuner",
                        "the Monte Carlo ranks among at most 65.535 municipalities"));
  const InputDraws inputs(s);  // throws, if it must, before any thread starts
  std::vector<std::string> paths;
  for (const Quantity* q : inputs.inputs())
    paths.push_back(q->path);
  size_t n = static_cast<size_t>(std::max(draws, 0));
  bool bounded = n > memory.keep_limit;
  size_t block = bounded ? std::max<size_t>(1, memory.block) : std::max<size_t>(1, n);
  size_t blocks = std::max<size_t>(1, (n + block - 1) / block);
  size_t workers = std::clamp<size_t>(static_cast<size_t>(std::max(threads, 1)), 1,
                                      bounded ? blocks : std::max<size_t>(n, 1));
  if (!bounded)
    block = 1;  // every draw its own block: the threads take the draws in chunks of any size
  // Progress: one pass counts whole; of the bounded form's two, each counts half.
  auto progress_of = [&](size_t pass, size_t passes) -> std::function<void(size_t)> {
    if (!progress)
      return {};
    return [&progress, draws, n, pass, passes](size_t done) {
      progress(static_cast<int>((pass * n + done) / passes), draws);
    };
  };
  std::vector<Counts> counts(workers);
  MonteCarloResult r;
  r.seed = seed;
  r.draws = draws;
  r.inputs = static_cast<int>(paths.size());

  std::array<std::optional<Spread>, kSeries> spreads;
  if (!bounded) {
    Kept kept(n);
    r.futures = run_draws(s, data, inputs, paths, n, block, workers, seed, futures,
                          progress_of(0, 1), [&](size_t w, size_t i, const DrawOutcomes* out) {
                            if (out != nullptr)
                              keep(*out, i, kept, counts[w]);
                            else
                              keep_failed(i, kept, counts[w]);
                          });
    // The twelve series' values present, each compacted in its column, and then their
    // percentiles and means and the NEET histogram's counts, all on the workers. The longest
    // tasks are listed first: the NEET shares (with the histogram's counts), the other doubles,
    // then the ranks.
    constexpr std::array<size_t, kSeries> kLongestFirst = {1, 5, 9, 0, 4, 8, 2, 6, 10, 3, 7, 11};
    std::array<Present, kSeries> present;
    in_tasks(workers, kSeries, [&](size_t task) {
      size_t series = kLongestFirst[task], t = series / 4;
      switch (series % 4) {
        case 0:
          present[series] = compact(kept.cost[t], n);
          break;
        case 1:
          present[series] = compact(kept.neet[t], n);
          break;
        case 2:
          present[series] = compact(kept.npv[t], n);
          break;
        default:
          present[series] = compact(kept.rank[t], n);
      }
    });
    r.neet_histogram = histogram_bins({present[1], present[5], present[9]});
    in_tasks(workers, kSeries, [&](size_t task) {
      size_t series = kLongestFirst[task], t = series / 4;
      switch (series % 4) {
        case 0:
          spreads[series] = spread(kept.cost[t], present[series]);
          break;
        case 1:
          // The histogram's counts before spread() reorders the values.
          if (r.neet_histogram) {
            count_bins(kept.neet[t], present[series].n, r.neet_histogram->lo,
                       r.neet_histogram->width, r.neet_histogram->counts[t]);
          }
          spreads[series] = spread(kept.neet[t], present[series]);
          break;
        case 2:
          spreads[series] = spread(kept.npv[t], present[series]);
          break;
        default:
          spreads[series] = spread(kept.rank[t], present[series]);
      }
    });
  } else {
    // Pass 1: counts, block sums, extremes and the pilot sample.
    size_t stride = std::max<size_t>(1, n / std::max<size_t>(1, memory.pilot));
    std::vector<std::array<double, kSeries>> block_sum(blocks);
    std::vector<std::array<size_t, kSeries>> block_count(blocks);
    for (auto& b : block_sum)
      b.fill(0.0);
    for (auto& b : block_count)
      b.fill(0);
    // The pilot sample: the workers write every slot (draw k x stride into slot k), so it is not
    // zeroed here (RawMemory, as Kept's columns).
    const size_t pilot_size = (n + stride - 1) / stride;
    std::optional<RawMemory> pilot_memory(std::in_place,
                                          pilot_size * sizeof(std::array<double, kSeries>));
    std::span pilot(reinterpret_cast<std::array<double, kSeries>*>(pilot_memory->data()),
                    pilot_size);
    // Each worker's lowest and highest values, a cache line apart from the others'.
    struct alignas(64) Extremes {
      std::array<double, kSeries> lo, hi;
    };
    std::vector<Extremes> extremes(workers);
    for (Extremes& e : extremes) {
      e.lo.fill(std::numeric_limits<double>::infinity());
      e.hi.fill(-std::numeric_limits<double>::infinity());
    }
    r.futures = run_draws(s, data, inputs, paths, n, block, workers, seed, futures,
                          progress_of(0, 2), [&](size_t w, size_t i, const DrawOutcomes* out) {
                            std::array<double, kSeries> v;
                            v.fill(kNaN);
                            if (out != nullptr) {
                              count(*out, counts[w]);
                              for (size_t t = 0; t < kAllTiers.size(); ++t) {
                                for (size_t m = 0; m < 4; ++m)
                                  v[t * 4 + m] = series_value((*out)[t], m);
                              }
                            } else {
                              ++counts[w].failed;
                            }
                            size_t b = i / block;
                            for (size_t k = 0; k < kSeries; ++k) {
                              if (!std::isfinite(v[k]))
                                continue;
                              block_sum[b][k] += v[k];
                              ++block_count[b][k];
                              extremes[w].lo[k] = std::min(extremes[w].lo[k], v[k]);
                              extremes[w].hi[k] = std::max(extremes[w].hi[k], v[k]);
                            }
                            if (i % stride == 0)
                              pilot[i / stride] = v;
                          });
    std::array<size_t, kSeries> count{};
    std::array<double, kSeries> sum{};
    for (size_t b = 0; b < blocks; ++b) {
      for (size_t k = 0; k < kSeries; ++k) {
        sum[k] += block_sum[b][k];
        count[k] += block_count[b][k];
      }
    }
    // The brackets: for each series and percentile, the values wanted are at ranks i and i + 1
    // of the count present (PERCENTILE.INC).
    constexpr std::array<double, 3> kP = {0.05, 0.5, 0.95};
    std::array<std::array<Bracket, 3>, kSeries> brackets;
    for (size_t k = 0; k < kSeries; ++k) {
      std::vector<double> sample;
      for (const auto& v : pilot) {
        if (std::isfinite(v[k]))
          sample.push_back(v[k]);
      }
      std::sort(sample.begin(), sample.end());
      for (size_t j = 0; j < kP.size(); ++j) {
        Bracket& br = brackets[k][j];
        if (count[k] == 0) {
          br.found = true;
          continue;
        }
        br.rank = static_cast<size_t>(kP[j] * static_cast<double>(count[k] - 1));
        if (sample.empty())
          continue;  // the whole range
        double m = static_cast<double>(sample.size());
        double pos = kP[j] * (m - 1);
        double margin =
            memory.margin > 0 ? memory.margin * std::sqrt(kP[j] * (1 - kP[j]) * m) + 2.0 : 0.0;
        double a = std::floor(pos - margin), b = std::ceil(pos + margin);
        if (a > 0)
          br.lo = sample[static_cast<size_t>(a)];
        if (b < m - 1)
          br.hi = sample[static_cast<size_t>(b)];
        br.share = (std::min(b, m - 1) - std::max(a, 0.0) + 1) / m;
      }
    }
    pilot_memory.reset();
    // Pass 2 (and more, for a rank outside its bracket): the values in each bracket, and the
    // histogram of the NEET shares.
    bool with_neet = false;
    double neet_lo = std::numeric_limits<double>::infinity(), neet_hi = -neet_lo;
    for (size_t t = 0; t < kAllTiers.size(); ++t) {
      for (size_t w = 0; w < workers; ++w) {
        neet_lo = std::min(neet_lo, extremes[w].lo[t * 4 + 1]);
        neet_hi = std::max(neet_hi, extremes[w].hi[t * 4 + 1]);
      }
    }
    with_neet = neet_lo <= neet_hi;
    NeetHistogram h;
    int bins = 1;
    if (with_neet) {
      h.lo = neet_lo;
      bins = neet_hi > neet_lo ? kNeetHistogramBins : 1;
      h.width = neet_hi > neet_lo ? (neet_hi - neet_lo) / bins : 0.0;
      h.counts.assign(kAllTiers.size(), std::vector<int>(static_cast<size_t>(bins), 0));
    }
    // Ranks are whole numbers with many ties: they are counted per rank instead (exact, and a
    // few hundred bytes, where a bracket could hold a large share of all draws).
    size_t max_rank = 0;
    for (size_t t = 0; t < kAllTiers.size(); ++t) {
      for (size_t w = 0; w < workers; ++w) {
        if (std::isfinite(extremes[w].hi[t * 4 + 3]))
          max_rank = std::max(max_rank, static_cast<size_t>(extremes[w].hi[t * 4 + 3]));
      }
      for (Bracket& br : brackets[t * 4 + 3])
        br.found = true;
    }
    std::vector<std::vector<std::vector<size_t>>> rank_counts(
        workers,
        std::vector<std::vector<size_t>>(kAllTiers.size(), std::vector<size_t>(max_rank + 1, 0)));
    bool first_pass = true;
    while (true) {
      bool open = false;
      for (const auto& series : brackets) {
        for (const Bracket& br : series)
          open = open || !br.found;
      }
      if (!open && !first_pass)
        break;
      // Each worker collects into its own copy; they are merged after the pass.
      std::vector<std::array<std::array<Bracket, 3>, kSeries>> mine(workers);
      std::vector<std::vector<std::vector<int>>> hist(workers, h.counts);
      for (auto& m : mine) {
        for (size_t k = 0; k < kSeries; ++k) {
          for (size_t j = 0; j < 3; ++j) {
            m[k][j].lo = brackets[k][j].lo;
            m[k][j].hi = brackets[k][j].hi;
            if (!brackets[k][j].found && brackets[k][j].share < 0.5) {  // a tenth to spare
              m[k][j].inside.reserve(
                  static_cast<size_t>(1.1 * brackets[k][j].share * static_cast<double>(n) /
                                      static_cast<double>(workers)));
            }
          }
        }
      }
      run_draws(s, data, inputs, paths, n, block, workers, seed, futures,
                first_pass ? progress_of(1, 2) : std::function<void(size_t)>{},
                [&](size_t w, size_t, const DrawOutcomes* out) {
                  if (out == nullptr)
                    return;
                  for (size_t t = 0; t < kAllTiers.size(); ++t) {
                    for (size_t m = 0; m < 4; ++m) {
                      double x = series_value((*out)[t], m);
                      if (!std::isfinite(x))
                        continue;
                      if (m == 3) {
                        if (first_pass)
                          ++rank_counts[w][t][static_cast<size_t>(x)];
                        continue;
                      }
                      for (size_t j = 0; j < 3; ++j) {
                        const Bracket& want = brackets[t * 4 + m][j];
                        if (want.found)
                          continue;
                        Bracket& got = mine[w][t * 4 + m][j];
                        if (x < want.lo)
                          ++got.below;
                        else if (x <= want.hi)
                          got.inside.push_back(x);
                      }
                      if (first_pass && with_neet && m == 1) {
                        int b = h.width > 0 ? static_cast<int>((x - h.lo) / h.width) : 0;
                        ++hist[w][t][static_cast<size_t>(std::clamp(b, 0, bins - 1))];
                      }
                    }
                  }
                });
      if (first_pass && with_neet) {
        for (size_t w = 0; w < workers; ++w) {
          for (size_t t = 0; t < h.counts.size(); ++t) {
            for (size_t b = 0; b < h.counts[t].size(); ++b)
              h.counts[t][b] += hist[w][t][b];
          }
        }
      }
      first_pass = false;
      for (size_t k = 0; k < kSeries; ++k) {
        for (size_t j = 0; j < 3; ++j) {
          Bracket& br = brackets[k][j];
          if (br.found)
            continue;
          br.below = 0;
          size_t inside = 0;
          for (size_t w = 0; w < workers; ++w)
            inside += mine[w][k][j].inside.size();
          br.inside.clear();
          br.inside.shrink_to_fit();
          br.inside.reserve(inside);
          for (size_t w = 0; w < workers; ++w) {
            br.below += mine[w][k][j].below;
            br.inside.insert(br.inside.end(), mine[w][k][j].inside.begin(),
                             mine[w][k][j].inside.end());
            mine[w][k][j].inside = {};  // freed as soon as it is copied
          }
          // A rank outside the bracket opens the bracket on that side for another pass: at most
          // two more, after which it holds every value.
          size_t last = std::min(br.rank + 1, count[k] - 1);  // the second value interpolated
          if (br.rank < br.below) {
            br.lo = -std::numeric_limits<double>::infinity();
          } else if (last >= br.below + br.inside.size()) {
            br.hi = std::numeric_limits<double>::infinity();
          } else {
            std::sort(br.inside.begin(), br.inside.end());
            br.found = true;
          }
        }
      }
    }
    for (size_t k = 0; k < kSeries; ++k) {
      if (count[k] == 0)
        continue;
      if (k % 4 == 3) {  // a rank: the order statistics from the counts per rank
        std::vector<size_t> total(max_rank + 1, 0);
        for (size_t w = 0; w < workers; ++w) {
          for (size_t v = 0; v <= max_rank; ++v)
            total[v] += rank_counts[w][k / 4][v];
        }
        auto at = [&](size_t rank) {  // the 0-based rank-th value
          size_t seen = 0;
          for (size_t v = 0; v <= max_rank; ++v) {
            seen += total[v];
            if (seen > rank)
              return static_cast<double>(v);
          }
          return static_cast<double>(max_rank);
        };
        auto value = [&](double p) {
          double pos = p * static_cast<double>(count[k] - 1);
          size_t i = static_cast<size_t>(pos);
          double a = at(i);
          return i + 1 < count[k] ? a + (pos - static_cast<double>(i)) * (at(i + 1) - a) : a;
        };
        spreads[k] = Spread{value(kP[0]), value(kP[1]), value(kP[2]),
                            sum[k] / static_cast<double>(count[k])};
        continue;
      }
      auto value = [&](const Bracket& br, double p) {
        double pos = p * static_cast<double>(count[k] - 1);
        double frac = pos - static_cast<double>(br.rank);
        double a = br.inside[br.rank - br.below];
        if (br.rank + 1 >= count[k])
          return a;
        double b = br.inside[br.rank + 1 - br.below];
        return a + frac * (b - a);
      };
      spreads[k] = Spread{value(brackets[k][0], kP[0]), value(brackets[k][1], kP[1]),
                          value(brackets[k][2], kP[2]), sum[k] / static_cast<double>(count[k])};
    }
    if (with_neet)
      r.neet_histogram = std::move(h);
  }
  Counts total;
  for (const Counts& c : counts)
    total.add(c);
  r.failed = total.failed;
  r.without_future = total.without_future;
  for (Tier tier : kAllTiers) {
    size_t t = static_cast<size_t>(tier);
    ModelDraws m;
    m.tier = tier;
    m.cost = spreads[t * 4 + 0].value_or(Spread{});
    m.neet = spreads[t * 4 + 1];
    m.npv = spreads[t * 4 + 2];
    m.rank = spreads[t * 4 + 3];
    m.p_target_met = share_of(total.met[t], total.with_target[t]);
    m.p_target_met_without = share_of(total.met_without[t], total.with_target[t]);
    m.p_cheapest = share_of(total.cheapest[t], total.with_cheapest);
    r.models.push_back(m);
  }
  return r;
}

}  // namespace ungegaranti
