"""Statistics on the small frames SQL returns: trends, beta-binomial shrinkage, p-charts.

Everything here is vectorised over groups (numpy over a groups × periods matrix), because
the scorecard asks for the trend of thousands of suppliers at once and the shortages view
for thousands of items. tests/metrics check every function against scipy's reference
implementation (`kendalltau`, `theilslopes`, `beta`).

Trend test (METRICS.md "Trend", "Worsening items"): Mann–Kendall, i.e. Kendall's tau-b of
value against period position, with the asymptotic normal p-value and the tie-corrected
variance — exactly scipy.stats.kendalltau(x, y, method='asymptotic', variant='b') (two
sided). The period positions never tie, so only value ties correct the variance. We use
the asymptotic method always (scipy's 'auto' switches to the exact null distribution for
untied samples ≤ 33): it is the textbook Mann–Kendall test and treats tied and untied
series alike. The slope is Theil–Sen: the median of pairwise slopes (scipy.stats.theilslopes),
in value units per period.
"""
from __future__ import annotations

import re
from datetime import date

import numpy as np
import pandas as pd
# scipy.special, not scipy.stats: the same functions (beta.ppf is betaincinv) at a third
# of the import time, which every `abasto scores` run pays.
from scipy.special import betaincinv, erfc

_CHUNK = 4096   # groups per block: bounds the groups × T × T pair tensors


# ---------------------------------------------------------------- period axis

def _axis(periods: pd.Series) -> pd.Index:
    """The global period axis: every month between the first and last when periods are
    month starts (dates/timestamps), every integer when they are integers, else the sorted
    distinct values. A month nobody reported still counts as a month for the slope."""
    values = pd.Index(periods.dropna().unique())
    if len(values) == 0:
        return values
    if pd.api.types.is_integer_dtype(values.dtype):
        return pd.Index(np.arange(values.min(), values.max() + 1))
    if isinstance(values[0], str):
        if all(re.fullmatch(r"\d{4}-\d{2}", v) for v in values):   # 'YYYY-MM' months
            full = pd.period_range(min(values), max(values), freq="M")
            return pd.Index([str(m) for m in full], dtype=object)
        return values.sort_values()
    try:
        stamps = pd.to_datetime(values)
    except (TypeError, ValueError):
        return values.sort_values()
    if (stamps.day == 1).all():
        full = pd.date_range(stamps.min(), stamps.max(), freq="MS")
        as_dates = isinstance(values[0], date) and not isinstance(values[0], pd.Timestamp)
        if as_dates:
            return pd.Index([d.date() for d in full], dtype=object)
        return pd.Index(full.astype(values.dtype) if values.dtype.kind == "M" else full)
    return values.sort_values()


# ---------------------------------------------------------------- Mann–Kendall, Theil–Sen

def mann_kendall(y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Row-wise Mann–Kendall on a groups × periods matrix (NaN = no value that period).

    Returns (n, tau, p, slope): the number of values, Kendall's tau-b, the two-sided
    asymptotic p-value and the Theil–Sen slope per period, NaN where fewer than 2 values
    (tau/p also NaN when every value is tied, as scipy does).
    """
    y = np.asarray(y, dtype=float)
    if y.ndim != 2:
        raise ValueError("mann_kendall expects a 2-D groups × periods matrix")
    g, t = y.shape
    out = [np.full(g, np.nan) for _ in range(4)]
    if g == 0 or t == 0:
        out[0] = np.zeros(g)
        return tuple(out)
    ii, jj = np.triu_indices(t, k=1)                  # every pair of periods i < j
    dx = (jj - ii).astype(float)
    for start in range(0, g, _CHUNK):
        blk = y[start:start + _CHUNK]
        valid = ~np.isnan(blk)
        n = valid.sum(axis=1).astype(float)
        diff = blk[:, jj] - blk[:, ii]                # NaN when either side is missing
        pair_ok = ~np.isnan(diff)
        s = np.where(pair_ok, np.sign(diff), 0.0).sum(axis=1)
        # ties among the values: for each value, how many values equal it (itself included)
        eq = (blk[:, :, None] == blk[:, None, :])     # NaN never equals anything
        tcount = eq.sum(axis=2).astype(float)         # 0 where the value is missing
        with np.errstate(invalid="ignore", divide="ignore"):
            ytie = np.where(valid, (tcount - 1) / 2.0, 0.0).sum(axis=1)      # Σ t(t-1)/2
            y1 = np.where(valid, (tcount - 1) * (2 * tcount + 5), 0.0).sum(axis=1)  # Σ t(t-1)(2t+5)
            tot = n * (n - 1) / 2.0
            tau = s / np.sqrt(tot) / np.sqrt(tot - ytie)
            tau = np.clip(tau, -1.0, 1.0)
            m = n * (n - 1.0)
            var = (m * (2 * n + 5) - y1) / 18.0
            z = s / np.sqrt(var)
            p = erfc(np.abs(z) / np.sqrt(2.0))  # 2·(1 − Φ(|z|))
            slopes = np.where(pair_ok, diff / dx, np.nan)
        usable = (n >= 2) & (tot - ytie > 0)
        tau = np.where(usable, tau, np.nan)
        p = np.where(usable, p, np.nan)
        slope = _row_nanmedian(slopes)
        sl = slice(start, start + len(blk))
        out[0][sl], out[1][sl], out[2][sl], out[3][sl] = n, tau, p, slope
    return tuple(out)


def _row_nanmedian(a: np.ndarray) -> np.ndarray:
    """np.nanmedian(a, axis=1) (NaN for a row of NaNs, without the warning): NaNs sort last,
    so the median is at the middle of each row's count of values. numpy's nanmedian takes a
    masked-array path for a 2-D input with NaNs, several times slower."""
    if a.shape[1] == 0:
        return np.full(len(a), np.nan)
    ordered = np.sort(a, axis=1)
    k = (~np.isnan(a)).sum(axis=1)
    lo = np.take_along_axis(ordered, np.maximum((k - 1) // 2, 0)[:, None], axis=1)[:, 0]
    hi = np.take_along_axis(ordered, np.maximum(k // 2, 0)[:, None], axis=1)[:, 0]
    with np.errstate(invalid="ignore"):
        return np.where(k > 0, np.where(k % 2 == 1, lo, (lo + hi) / 2), np.nan)


def trend_label(tau, p, n, alpha: float = 0.05):
    """'improving' / 'declining' (p < alpha), 'stable', or None with fewer than 3 values."""
    tau, p, n = np.asarray(tau, float), np.asarray(p, float), np.asarray(n, float)
    label = np.where((tau > 0) & (p < alpha), "improving",
                     np.where((tau < 0) & (p < alpha), "declining", "stable")).astype(object)
    label[n < 3] = None
    return label


def trends(long: pd.DataFrame, key: str | list[str], period: str, value: str,
           alpha: float = 0.05, last: int | None = None) -> pd.DataFrame:
    """Mann–Kendall trend and Theil–Sen slope of `value` over `period`, one row per key.

    `long` has one row per key × period (missing periods and NaN values allowed). The
    period axis is global (see `_axis`); `last=N` keeps the last N periods of that axis for
    every key, so "the last 12 months" means the same 12 months for everyone.
    Returns the key column(s), n_periods, tau, trend_p, trend_slope (value units per
    period) and trend ('improving' when tau > 0 and p < alpha, 'declining' when tau < 0 and
    p < alpha, 'stable' otherwise, None with fewer than 3 periods).
    """
    keys = [key] if isinstance(key, str) else list(key)
    columns = keys + ["n_periods", "tau", "trend_p", "trend_slope", "trend"]
    if long.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if c in keys or c == "trend" else float)
                             for c in columns})
    if long.duplicated(keys + [period]).any():
        raise ValueError(f"trends: more than one row per {keys + [period]}")
    axis = _axis(long[period])
    if last is not None:
        axis = axis[-int(last):]
    # the keys × axis matrix, one row per key in order of first appearance (keys with no
    # row inside the window too: no trend), NaN where a key has no value
    if len(keys) == 1:
        codes, uniques = pd.factorize(long[keys[0]], use_na_sentinel=False)
        out = pd.DataFrame({keys[0]: uniques})
    else:
        codes = long.groupby(keys, sort=False, dropna=False).ngroup().to_numpy()
        out = long[keys].drop_duplicates().reset_index(drop=True)
    at = pd.Index(axis).get_indexer(long[period])        # -1: outside the axis
    inside = at >= 0
    wide = np.full((len(out), len(axis)), np.nan)
    wide[codes[inside], at[inside]] = long[value].to_numpy(dtype=float, na_value=np.nan)[inside]
    n, tau, p, slope = mann_kendall(wide)
    out["n_periods"] = n.astype(int)
    out["tau"] = tau
    out["trend_p"] = p
    out["trend_slope"] = slope
    out["trend"] = pd.Series(trend_label(tau, p, n, alpha), index=out.index, dtype=object)
    return out[columns]


# ---------------------------------------------------------------- beta-binomial shrinkage

def prior_strength(successes, trials, m_min: float = 2.0, m_max: float = 500.0) -> float:
    """Method-of-moments prior strength m of a beta-binomial model across groups.

    With pooled mean μ = Σx/Σn and intraclass correlation ρ = 1/(m+1), the expectation of
    SS = Σ n_i (r_i − μ)² is μ(1−μ)·[(G−1) + ρ·(N − G + 1 − Σn_i²/N)]; solving for ρ gives
    the estimate, m = 1/ρ − 1, clipped to [m_min, m_max]. No spread beyond binomial noise
    (ρ ≤ 0, or μ ∈ {0, 1}) gives m_max (everyone alike: trust the pool); fewer than two
    groups cannot say, and gives m_min (weakest prior: trust the group's own data).
    """
    x = np.asarray(successes, float)
    n = np.asarray(trials, float)
    keep = n > 0
    x, n = x[keep], n[keep]
    g = len(n)
    if g < 2:
        return float(m_min)
    total = n.sum()
    mu = x.sum() / total
    if mu <= 0 or mu >= 1:
        return float(m_max)
    r = x / n
    ss = (n * (r - mu) ** 2).sum()
    denom = total - g + 1 - (n ** 2).sum() / total
    if denom <= 0:
        return float(m_min)
    rho = (ss / (mu * (1 - mu)) - (g - 1)) / denom
    if rho <= 0:
        return float(m_max)
    if rho >= 1:
        return float(m_min)
    return float(np.clip(1.0 / rho - 1.0, m_min, m_max))


def shrink(rate, n, mu: float, m: float, level: float = 0.95):
    """Shrunk rate (n·r + m·μ)/(n + m) and its Beta(n·r + m·μ, n·(1−r) + m·(1−μ)) interval.

    Vectorised; NaN where the rate is NaN or n = 0. Returns (shrunk, low, high).
    """
    r = np.asarray(rate, float)
    n = np.asarray(n, float)
    ok = ~np.isnan(r) & (n > 0) & np.isfinite(mu)
    a = np.where(ok, n * np.nan_to_num(r) + m * mu, np.nan)
    b = np.where(ok, n * (1 - np.nan_to_num(r)) + m * (1 - mu), np.nan)
    shrunk = a / (a + b)
    tail = (1 - level) / 2
    low = np.full(r.shape, np.nan)
    high = np.full(r.shape, np.nan)
    if ok.any():
        # guard a or b = 0 (μ ∈ {0,1} and r equal): the interval collapses onto the point
        aa, bb = np.maximum(a[ok], 1e-12), np.maximum(b[ok], 1e-12)
        low[ok] = betaincinv(aa, bb, tail)          # = scipy.stats.beta.ppf(tail, aa, bb)
        high[ok] = betaincinv(aa, bb, 1 - tail)
    return shrunk, low, high


# ---------------------------------------------------------------- control chart

def pchart_limits(successes, trials, sigmas: float = 3.0):
    """p-chart per period: center = the series' own pooled rate, limits center ± 3·√(p̄(1−p̄)/n_t)
    clipped to [0, 1]. Returns (rate, center, ucl, lcl, out_of_control)."""
    x = np.asarray(successes, float)
    n = np.asarray(trials, float)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = np.where(n > 0, x / n, np.nan)
        center = x[n > 0].sum() / n[n > 0].sum() if (n > 0).any() else np.nan
        half = sigmas * np.sqrt(center * (1 - center) / n)
    ucl = np.clip(center + half, 0, 1)
    lcl = np.clip(center - half, 0, 1)
    out = (rate > ucl) | (rate < lcl)
    return rate, np.full(rate.shape, center), ucl, lcl, out
