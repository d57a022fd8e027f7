#!/usr/bin/python3
"""An independent, vectorised numpy version of `ungegaranti sensitivity --draws N` (bench/README.md).

It reads what bench/dump_chain.cpp writes (the uncertain inputs, the cost lines, the projection's
tables that no input changes, the economics' inputs) and recomputes the whole chain of
docs/method.md for N draws at once, as arrays: the costs, the cohort model with its calibration
per draw (Newton's method, as ProjectionRerun), the reach and levers, the paths, a future without a
programme per draw, the work share of each year's avoided NEET years (from the cohort model's
employed state), the economics' NPV and cost per avoided NEET year. It prints the same
statistics as the tool's Monte Carlo (P5, P50, P95 and mean of cost, NEET at the horizon, rank and
NPV per model; P(target met), P(met without), P(cheapest)) as JSON.

Its random numbers are numpy's (PCG64), not the tool's streams, so the two agree to Monte Carlo
error, not digit for digit. The draws are split into chunks over PROCESSES worker processes (2 by
default: the machine's cores), each chunk with its own generator np.random.default_rng([seed, c]).

    bench/numpy_monte_carlo.py CHAIN.json N [--seed S] [--processes P] [--chunk C]
"""
import argparse
import json
import math
import multiprocessing
import sys
import time

import numpy as np

CHAIN = None  # the dump, read once per process


# --- numbers ---------------------------------------------------------------------------------


def erf(x):
    """Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7): numpy has no erf."""
    s = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
               + 0.254829592) * t * np.exp(-a * a)
    return s * y


def normal_cdf(x):
    return 0.5 * (1.0 + erf(x / math.sqrt(2.0)))


def normal_ppf(p):
    """Acklam's approximation, as sampling.cpp."""
    a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
         1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
    b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
         6.680131188771972e+01, -1.328068155288572e+01]
    c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
         -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
    d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
         3.754408661907416e+00]
    p = np.asarray(p, dtype=float)
    out = np.empty_like(p)
    lo = p < 0.02425
    hi = p > 1 - 0.02425
    mid = ~(lo | hi)
    q = p[mid] - 0.5
    r = q * q
    out[mid] = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1))
    for mask, sign, pp in ((lo, 1.0, p[lo]), (hi, -1.0, 1 - p[hi])):
        q = np.sqrt(-2 * np.log(pp))
        out[mask] = sign * ((((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                            / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1))
    return out


Z95 = 1.6448536269514722


def quantile(inp, u):
    """The value of input `inp` at probability u (docs/method.md), as sampling.cpp's quantile()."""
    lo, hi, dist = inp["low"], inp["high"], inp["dist"]
    if not hi > lo:
        return np.full(u.shape, inp["value"])
    mode = min(max(inp["value"], lo), hi)
    if dist == "uniform":
        return lo + u * (hi - lo)
    if dist == "triangular":
        split = (mode - lo) / (hi - lo)
        return np.where(u < split, lo + np.sqrt(u * (hi - lo) * (mode - lo)),
                        hi - np.sqrt((1 - u) * (hi - lo) * (hi - mode)))
    if dist in ("normal", "lognormal"):
        if dist == "normal":
            mean, sd, a, b = inp["value"], (hi - lo) / (2 * Z95), lo, hi
        else:
            a, b = math.log(lo), math.log(hi)
            mean, sd = (a + b) / 2, (b - a) / (2 * Z95)
        ca, cb = normal_cdf(np.array((a - mean) / sd)), normal_cdf(np.array((b - mean) / sd))
        p = np.clip(ca + u * (cb - ca), 1e-15, 1 - 1e-15)
        x = np.clip(mean + sd * normal_ppf(p), a, b)
        return np.exp(x) if dist == "lognormal" else x
    raise ValueError(f"no quantile for {dist}")


def draw_inputs(chain, n, rng):
    """One row per uncertain input: each independently, the copula's through Phi(L z)."""
    inputs = chain["inputs"]
    values = np.empty((len(inputs), n))
    members = chain["copula"]["inputs"]
    for k, inp in enumerate(inputs):
        if k in members:
            continue
        if inp["dist"] == "pert" and inp["high"] > inp["low"]:
            lo, hi = inp["low"], inp["high"]
            mode = min(max(inp["value"], lo), hi)
            alpha = 1 + 4 * (mode - lo) / (hi - lo)
            beta = 1 + 4 * (hi - mode) / (hi - lo)
            values[k] = lo + (hi - lo) * rng.beta(alpha, beta, n)
        else:
            values[k] = quantile(inp, rng.random(n))
    if members:
        m = len(members)
        factor = np.array(chain["copula"]["factor"]).reshape(m, m)
        u = np.clip(normal_cdf(factor @ rng.standard_normal((m, n))), 1e-15, 1 - 1e-15)
        for j, k in enumerate(members):
            values[k] = quantile(inputs[k], u[j])
    return values


class Values:
    """A reference of the dump ({"in": k} or a number) as an array over the draws (a constant as a
    broadcast view, which costs no memory)."""

    def __init__(self, values):
        self.v = values
        self.n = values.shape[1]

    def __call__(self, ref):
        if isinstance(ref, dict):
            return self.v[ref["in"]]
        return np.broadcast_to(float(ref), (self.n,))


# --- costs -----------------------------------------------------------------------------------


def costs(chain, val, n):
    """Per model: the period's net cost (indexed), and per budget year the cost at price-base
    prices without funding (the economics'), and the last year's running cost."""
    first, count, base = chain["first_year"], chain["year_count"], chain["price_base"]
    years = np.arange(first, first + count)
    wages = (1 + val(chain["wage_indexation"]))[:, None] ** (years - base)
    other = (1 + val(chain["other_indexation"]))[:, None] ** (years - base)
    hours = val(chain["hours_per_fte"])
    out = []
    for lines in chain["cost_lines"]:
        total = np.zeros(n)
        per_year = np.zeros((n, count))
        running = np.zeros(n)
        for line in lines:
            kind = line["kind"]
            if kind == "personnel":
                amount = val(line["factors"][0])
                for f in line["factors"][1:]:
                    amount = amount * val(f)
                annual = val(line["annual_cost"])
                amount = amount * (annual / hours if line["hourly"] else annual)
                total += amount * wages.sum(axis=-1)
                per_year += amount[:, None]
                running += amount
            elif kind == "initiative":
                ramp = np.stack([val(r) for r in line["ramp"]], axis=1)
                level = val(line["fixed_cost"])[:, None] + (
                    val(line["participants"]) * val(line["unit_cost"]))[:, None] * ramp
                w = val(line["wage_share"])[:, None]
                total += (level * (w * wages + (1 - w) * other)).sum(axis=1)
                per_year += level
                running += level[:, -1]
            elif kind == "one_off":
                if first <= line["year"] < first + count:
                    y = line["year"] - first
                    amount = val(line["amount"])
                    total += amount * other[:, y]
                    per_year[:, y] += amount
            else:  # funding: nominal, not in the economics' costs
                years_in = max(0, min(line["to"], first + count - 1) - max(line["from"], first) + 1)
                total -= val(line["amount"]) * years_in
        out.append((total, per_year, running))
    return out


# --- projection ------------------------------------------------------------------------------

AGES = 9


def transition_values(chain, val, n):
    t = chain["projection"]["transitions"]
    full = val
    return {
        "e": full(t["entry_education"]), "w": full(t["entry_employed"]),
        "d": full(t["dropout"]), "g": np.stack([full(r) for r in t["education_to_work"]]),
        "l": full(t["employed_to_neet"]), "we": full(t["employed_to_education"]),
        "ne": full(t["neet_to_education"]), "nw": full(t["neet_to_work"]),
    }


def matrices(t, c, fd=0.0, fe=0.0, fw=0.0):
    """(8, 3, 3, n): each age's yearly matrix, flows into NEET x c, with the levers. The draws are
    the last axis throughout, so that every operation runs over contiguous memory."""
    n = c.shape[0]
    m = np.empty((AGES - 1, 3, 3, n))
    d = t["d"] * c * (1 - fd)
    g = t["g"]
    l = t["l"] * c
    we = t["we"]
    fe, fw = np.broadcast_to(fe, (n,)), np.broadcast_to(fw, (n,))
    both = fe + fw
    scale = np.where(both > 1, 1 / np.where(both > 1, both, 1), 1.0)
    fe, fw = fe * scale, fw * scale
    stay = 1 - t["ne"] - t["nw"]
    ne = t["ne"] + fe * stay
    nw = t["nw"] + fw * stay
    m[:, 0, 0] = 1 - d - g
    m[:, 0, 1] = g
    m[:, 0, 2] = d
    m[:, 1, 0] = we
    m[:, 1, 1] = 1 - l - we
    m[:, 1, 2] = l
    m[:, 2, 0] = ne
    m[:, 2, 1] = nw
    m[:, 2, 2] = 1 - ne - nw
    return m


def times(x, m):
    """Row vectors times matrices: x (..., 3, n), m (..., 3, 3, n) -> (..., 3, n)."""
    return x[..., 0, None, :] * m[..., 0, :, :] + x[..., 1, None, :] * m[..., 1, :, :] \
        + x[..., 2, None, :] * m[..., 2, :, :]


def entry_row(t, f_entry=0.0):
    e, w = t["e"], t["w"]
    nn = 1 - e - w
    moved = nn * f_entry
    return np.stack([e + moved, w, nn - moved])


def steady(t, c, slope=True):
    """The steady profile (9, 3, n), its NEET share and the share's slope in c."""
    n = c.shape[0]
    x = np.empty((AGES, 3, n))
    x[0] = entry_row(t)
    m = matrices(t, c)
    if slope:
        dx = np.zeros((AGES, 3, n))
        dm = np.zeros((3, 3, n))
        dm[0, 0], dm[0, 2] = -t["d"], t["d"]
        dm[1, 1], dm[1, 2] = -t["l"], t["l"]
    for a in range(AGES - 1):
        x[a + 1] = times(x[a], m[a])
        if slope:
            dx[a + 1] = times(dx[a], m[a]) + times(x[a], dm)
    share = x[:, 2].mean(axis=0)
    return x, share, (dx[:, 2].mean(axis=0) if slope else None)


def calibrate(t, target, guess, n):
    """The factor on the flows into NEET whose steady NEET share is `target`, per draw, by Newton's
    method from the scenario's own factor (as the tool); NaN where none in [0, c_max] is (the
    draw fails, as in the tool)."""
    cmax = np.full(n, 1e6)
    for a in range(AGES - 1):
        cmax = np.where(t["d"] > 0, np.minimum(cmax, (1 - t["g"][a]) / t["d"]), cmax)
    cmax = np.where(t["l"] > 0, np.minimum(cmax, (1 - t["we"]) / t["l"]), cmax)
    _, s_lo, _ = steady(t, np.zeros(n), slope=False)
    _, s_hi, _ = steady(t, cmax, slope=False)
    ok = (s_lo <= target) & (target <= s_hi)
    lo, hi = np.zeros(n), cmax.copy()
    c = np.clip(np.full(n, guess), lo, hi)
    for _ in range(30):
        _, s, slope = steady(t, c)
        f = s - target
        lo = np.where(f < 0, c, lo)
        hi = np.where(f > 0, c, hi)
        nxt = np.where(slope > 0, c - f / np.where(slope > 0, slope, 1), (lo + hi) / 2)
        nxt = np.where((nxt > lo) & (nxt < hi), nxt, (lo + hi) / 2)
        nxt = np.where(f == 0, c, nxt)
        done = np.all(np.abs(nxt - c) <= 1e-15 * np.maximum(1.0, c))
        c = nxt
        if done:
            break
    return np.where(ok, c, np.nan)


def reach(effect, val, chain, at_risk, year, n):
    """reach_k(t): distinct participants x targeting over the people at risk, at most 1."""
    first, count = chain["first_year"], chain["year_count"]
    total = np.zeros(n)
    for term in effect["terms"]:
        people = val(term["count"]) * at_risk
        ages = [0] if effect["lever"] != "entry" else list(
            range(term["from"], min(term["to"], 15) + 1))
        for a in ages:
            y = year if effect["lever"] != "entry" else year - (16 - a)
            if y < first:
                continue
            k = min(y, first + count - 1) - first
            distinct = val(term["participants"]) * val(term["ramp"][k]) * (1 - val(term["overlap"]))
            total = total + np.where(people > 0, distinct / np.where(people > 0, people, 1), 0.0)
    return np.minimum(1.0, total * val(effect["targeting"]))


def project(chain, val, n, u_future):
    """Per model: the path (n, years) in percent from the base year, its work share, the horizon (n,), the share
    and rank at it and whether the target is met with and without the programme (NaN: no
    target), in the future u picks where the data has one."""
    pj = chain["projection"]
    base, first, count = pj["base_year"], chain["first_year"], chain["year_count"]
    last = first + count - 1
    years = pj["years"]
    end = base + len(years) - 1
    baseline = np.array([y["baseline"] for y in years])
    t = transition_values(chain, val, n)
    c = calibrate(t, pj["observed"], pj["calibration"], n)
    failed = np.isnan(c)
    c = np.where(failed, pj["calibration"], c)
    x0, s0, _ = steady(t, c)
    at_risk = {"dropout": x0[:, 0].mean(axis=0), "entry": 1 - t["e"] - t["w"]}
    at_risk["to_education"] = at_risk["to_work"] = x0[:, 2].mean(axis=0)
    out = []
    for model in pj["models"]:
        # The first budget year from which every ramp stays at 1.
        full = np.full(n, last)
        still = np.ones(n, dtype=bool)
        for year in range(last, first - 1, -1):
            k = year - first
            at_one = np.ones(n, dtype=bool)
            for ramp in model["ramps"]:
                at_one &= val(ramp[k]) >= 1.0
            still &= at_one
            full = np.where(still, year, full)
        horizon = full + pj["years_after_full"]
        x = x0.copy()
        path = np.empty((n, end - base + 1))
        path[:, 0] = np.clip(baseline[0], 0, 100)
        # The work share of each year (projection.cpp's work_share_of()): of the NEET share the
        # profile has moved from the steady state, the part that is employed; 0 where nothing moved
        # (|moved| <= 1e-12), as in the base year.
        work_share = np.zeros((n, end - base + 1))
        steady_pct = s0 * 100
        steady_employed = x0[:, 1].mean(axis=0)
        for year in range(base + 1, end + 1):
            keep = {"dropout": 1.0, "entry": 1.0, "to_education": 1.0, "to_work": 1.0}
            for e in model["effects"]:
                if e["lever"] == "none":
                    continue
                r = reach(e, val, chain, at_risk[e["lever"]], year, n)
                keep[e["lever"]] = keep[e["lever"]] * (1 - np.minimum(1.0, val(e["size"]) * r))
            m = matrices(t, c, 1 - keep["dropout"], 1 - keep["to_education"], 1 - keep["to_work"])
            nxt = np.empty_like(x)
            nxt[0] = entry_row(t, 1 - keep["entry"])
            nxt[1:] = times(x[:-1], m)
            x = nxt
            neet = x[:, 2].mean(axis=0)
            change = neet * 100 - steady_pct
            path[:, year - base] = np.clip(baseline[year - base] + change, 0, 100)
            moved = s0 - neet
            big = np.abs(moved) > 1e-12
            work_share[:, year - base] = np.where(
                big, (x[:, 1].mean(axis=0) - steady_employed) / np.where(big, moved, 1), 0.0)
        h = horizon - base
        share = path[np.arange(n), h]
        rank = np.empty(n)
        met = np.full(n, np.nan)
        met_without = np.full(n, np.nan)
        target = model["target"]
        for hz in np.unique(horizon):
            sel = horizon == hz
            i = hz - base
            views = pj["futures"].get(str(i))
            central = sel if views is None else np.zeros(n, dtype=bool)
            if views is not None:
                pick = np.minimum(np.floor(u_future * len(views)).astype(int), len(views) - 1)
                for k, v in enumerate(views):
                    s = sel & (pick == k)
                    moved = np.clip(share[s] + v["error"], 0, 100)
                    share[s] = moved
                    rank[s] = 1 + np.searchsorted(v["all_sorted"], moved, side="left")
                    if target != "none":
                        thr = v["threshold"][target]
                        met[s] = moved <= thr
                        met_without[s] = np.clip(baseline[i] + v["error"], 0, 100) <= thr
            s = central
            rank[s] = 1 + np.searchsorted(years[i]["all_sorted"], share[s], side="left")
            if target != "none":
                thr = years[i]["threshold"][target]
                met[s] = thr - share[s] >= 0
                met_without[s] = baseline[i] <= thr
        out.append({"path": path, "work_share": work_share, "share": share, "rank": rank, "met": met,
                    "met_without": met_without})
    return out, failed, baseline


def economics(chain, val, n, cost, paths, baseline):
    """Per model: the NPV in total and the cost per avoided NEET person-year."""
    e = chain["economics"]
    first, count = chain["first_year"], chain["year_count"]
    last_budget = first + count - 1
    base = chain["projection"]["base_year"]
    rate = val(e["discount_rate"])
    # The value of one person-year per group it applies to (economics.cpp's
    # value_per_person_year(), all payers): avoided, education, work.
    value = {"avoided": np.zeros(n), "education": np.zeros(n), "work": np.zeros(n)}
    for b in e["benefits"]:
        v = val(b["amount"])
        if "price" in b:
            p = b["price"]
            idx = (1 + val(p["rate"])) ** (chain["price_base"] - p["price_year"])
            v = val(p["amount"]) * idx * val(b["share"])
        if b["refusion"] != "none":
            r = e["refusion"]
            weeks = val(r["spell_weeks"])
            steps = r["steps"]
            state = 0.0
            for k, st in enumerate(steps):
                begin = st["from_week"] - 1.0
                end = steps[k + 1]["from_week"] - 1.0 if k + 1 < len(steps) else weeks
                state = state + np.maximum(0.0, np.minimum(end, weeks) - begin) * st["state_share"]
            state = state / weeks
            v = v * (state if b["refusion"] == "stat" else 1 - state)
        if b["kind"] in ("paid_benefit", "education_cost"):  # a cost: with a minus
            v = -v
        value[b["applies_to"]] = value[b["applies_to"]] + v
    population = val(e["population"])
    stops = e["after_budget"] == "stop"
    half = val(e["half_life_years"])
    out = []
    for (total, per_year, running), p in zip(cost, paths):
        run = np.zeros(n) if stops else running
        cost_sum = np.zeros(n)
        avoided_sum = np.zeros(n)
        npv = np.zeros(n)
        last_benefit = np.zeros(n)
        disc = None
        for year in range(first, e["last_year"] + 1):
            avoided = np.zeros(n)
            work = np.zeros(n)
            if year > base and not (stops and year > last_budget):
                i = year - base
                avoided = (baseline[i] - p["path"][:, i]) / 100 * population
                work = avoided * p["work_share"][:, i]
            c = per_year[:, year - first] if year <= last_budget else run
            disc = (1 + rate) ** -(year - e["discount_to"])
            # economics.cpp's benefit_of(): A x V_avoided + (A - W) x V_education + W x V_work.
            last_benefit = (avoided * value["avoided"] + (avoided - work) * value["education"]
                            + work * value["work"])
            npv = npv + (last_benefit - c) * disc
            cost_sum = cost_sum + c
            avoided_sum = avoided_sum + avoided
        q = 0.5 ** (1 / np.where(half > 0, half, 1)) / (1 + rate)
        tail = np.where(half > 0, q / (1 - q), 0.0)
        npv = npv + last_benefit * disc * tail
        per = np.where(avoided_sum > 0, cost_sum / np.where(avoided_sum > 0, avoided_sum, 1), np.nan)
        out.append((npv, per))
    return out


def chunk(args):
    """The per-draw figures of draws [begin, begin + n) (generator [seed, index])."""
    seed, index, n = args
    chain = CHAIN
    rng = np.random.default_rng([seed, index])
    val = Values(draw_inputs(chain, n, rng))
    u_future = rng.random(n)
    cost = costs(chain, val, n)
    res = {"cost": np.stack([c[0] for c in cost])}
    if "projection" in chain:
        paths, failed, baseline = project(chain, val, n, u_future)
        res["failed"] = failed
        for key in ("share", "rank", "met", "met_without"):
            res[key] = np.stack([p[key] for p in paths])
        if "economics" in chain:
            econ = economics(chain, val, n, cost, paths, baseline)
            res["npv"] = np.stack([x[0] for x in econ])
            res["per_avoided"] = np.stack([x[1] for x in econ])
    return res


def init(path):
    global CHAIN
    with open(path) as f:
        CHAIN = json.load(f)


def spread(x):
    x = x[np.isfinite(x)]
    if x.size == 0:
        return None
    p5, p50, p95 = np.percentile(x, [5, 50, 95])  # linear: PERCENTILE.INC, as the tool
    return {"p5": p5, "p50": p50, "p95": p95, "mean": x.mean()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("chain")
    ap.add_argument("draws", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--chunk", type=int, default=10_000)
    a = ap.parse_args()
    start = time.perf_counter()
    sizes = [min(a.chunk, a.draws - b) for b in range(0, a.draws, a.chunk)]
    jobs = [(a.seed, i, s) for i, s in enumerate(sizes)]
    if a.processes > 1:
        with multiprocessing.Pool(a.processes, initializer=init, initargs=(a.chain,)) as pool:
            parts = pool.map(chunk, jobs)
    else:
        init(a.chain)
        parts = [chunk(j) for j in jobs]
    res = {k: np.concatenate([p[k] for p in parts], axis=-1) for k in parts[0]}
    failed = res.get("failed", np.zeros(a.draws, dtype=bool))
    ok = ~failed
    names = ["guld", "solv", "bronze"]
    models = []
    for t, name in enumerate(names):
        m = {"model": name, "cost": spread(res["cost"][t][ok])}
        if "share" in res:
            m["neet"] = spread(res["share"][t][ok])
            m["rank"] = spread(res["rank"][t][ok])
            met = res["met"][t][ok]
            if np.isfinite(met).any():
                m["p_target_met"] = float(np.nanmean(met))
                m["p_target_met_without"] = float(np.nanmean(res["met_without"][t][ok]))
        if "npv" in res:
            m["npv"] = spread(res["npv"][t][ok])
        models.append(m)
    if "per_avoided" in res:
        per = res["per_avoided"][:, ok]
        has = np.isfinite(per).any(axis=0)
        best = np.argmin(np.where(np.isfinite(per), per, np.inf), axis=0)
        for t in range(3):
            models[t]["p_cheapest"] = float(((best == t) & has).sum() / max(1, has.sum()))
    wall = time.perf_counter() - start
    json.dump({"draws": a.draws, "failed": int(failed.sum()), "seconds": wall, "models": models},
              sys.stdout, indent=1, default=float)
    print()


if __name__ == "__main__":
    main()
