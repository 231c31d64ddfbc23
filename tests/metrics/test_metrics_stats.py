"""metrics.stats against scipy's reference implementations."""
from datetime import date

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from metrics import stats


def _series(rng, t, ties, missing):
    y = rng.integers(0, 4, t).astype(float) if ties else rng.normal(size=t)
    if missing:
        y[rng.random(t) < 0.25] = np.nan
    return y


@pytest.mark.parametrize("ties", [False, True])
@pytest.mark.parametrize("missing", [False, True])
def test_mann_kendall_matches_scipy_kendalltau_and_theilslopes(ties, missing):
    rng = np.random.default_rng(7 + 2 * ties + missing)
    t = 12
    y = np.vstack([_series(rng, t, ties, missing) + (k % 3 - 1) * 0.2 * np.arange(t)
                   for k in range(300)])
    n, tau, p, slope = stats.mann_kendall(y)
    checked = 0
    for k in range(len(y)):
        ok = ~np.isnan(y[k])
        x = np.arange(t)[ok]
        assert n[k] == ok.sum()
        if ok.sum() < 2:
            assert np.isnan(tau[k]) and np.isnan(slope[k])
            continue
        ref = sps.kendalltau(x, y[k][ok], method="asymptotic", variant="b")
        if np.isnan(ref.statistic):
            assert np.isnan(tau[k]) and np.isnan(p[k])
        else:
            assert tau[k] == pytest.approx(ref.statistic, abs=1e-12)
            assert p[k] == pytest.approx(ref.pvalue, rel=1e-9, abs=1e-12)
            checked += 1
        assert slope[k] == pytest.approx(sps.theilslopes(y[k][ok], x).slope, abs=1e-12)
    assert checked > 250


def test_trends_long_format_global_axis_last_and_labels():
    months = pd.date_range("2024-01-01", periods=15, freq="MS")
    rows = []
    for i, m in enumerate(months):
        rows.append(("UP", m, 0.5 + 0.02 * i))          # strictly rising
        rows.append(("DOWN", m, 0.9 - 0.03 * i))        # strictly falling
        rows.append(("FLAT", m, 0.7 + (0.01 if i % 2 else -0.01)))
        if i >= 13:
            rows.append(("SHORT", m, 0.5))              # two periods only
    long = pd.DataFrame(rows, columns=["supplier_id", "month", "otif"])
    long = long.sample(frac=1, random_state=3)          # row order must not matter
    out = stats.trends(long, "supplier_id", "month", "otif", last=12).set_index("supplier_id")
    assert list(out.columns) == ["n_periods", "tau", "trend_p", "trend_slope", "trend"]
    assert out.loc["UP", "trend"] == "improving" and out.loc["UP", "tau"] == pytest.approx(1.0)
    assert out.loc["UP", "n_periods"] == 12
    assert out.loc["UP", "trend_slope"] == pytest.approx(0.02)
    assert out.loc["DOWN", "trend"] == "declining" and out.loc["DOWN", "trend_slope"] == pytest.approx(-0.03)
    assert out.loc["FLAT", "trend"] == "stable"
    assert out.loc["SHORT", "trend"] is None and out.loc["SHORT", "n_periods"] == 2
    # scipy on the last 12 months of DOWN
    y = 0.9 - 0.03 * np.arange(3, 15)
    ref = sps.kendalltau(np.arange(12), y, method="asymptotic")
    assert out.loc["DOWN", "trend_p"] == pytest.approx(ref.pvalue)


def test_trends_missing_month_counts_on_the_axis_and_multi_key():
    # months 1, 2, 4 (March missing for everyone): the slope is per month, not per row
    long = pd.DataFrame({"item": ["A"] * 3, "inst": ["X"] * 3,
                         "month": [date(2025, 1, 1), date(2025, 2, 1), date(2025, 4, 1)],
                         "v": [1.0, 2.0, 4.0]})
    out = stats.trends(long, ["item", "inst"], "month", "v")
    assert out.loc[0, "trend_slope"] == pytest.approx(sps.theilslopes([1, 2, 4], [0, 1, 3]).slope)
    assert list(out.columns[:2]) == ["item", "inst"]
    strings = long.assign(month=["2025-01", "2025-02", "2025-04"])
    assert stats.trends(strings, ["item", "inst"], "month", "v").loc[0, "trend_slope"] == pytest.approx(1.0)


def test_trends_rejects_duplicate_rows_and_handles_empty():
    with pytest.raises(ValueError):
        stats.trends(pd.DataFrame({"k": [1, 1], "p": [1, 1], "v": [0.1, 0.2]}), "k", "p", "v")
    empty = stats.trends(pd.DataFrame(columns=["k", "p", "v"]), "k", "p", "v")
    assert empty.empty and "trend" in empty


def test_shrink_interval_is_scipy_beta():
    r, n, mu, m = np.array([0.2, 0.9, np.nan]), np.array([10, 50, 5]), 0.7, 12.0
    shrunk, low, high = stats.shrink(r, n, mu, m)
    a, b = 10 * 0.2 + m * mu, 10 * 0.8 + m * 0.3
    assert shrunk[0] == pytest.approx(a / (a + b))
    assert low[0] == pytest.approx(sps.beta.ppf(0.025, a, b))
    assert high[0] == pytest.approx(sps.beta.ppf(0.975, a, b))
    assert np.isnan(shrunk[2]) and np.isnan(low[2])


def test_prior_strength_method_of_moments():
    rng = np.random.default_rng(1)
    # true prior Beta(8, 2): m = 10
    p = rng.beta(8, 2, 4000)
    n = rng.integers(30, 200, 4000)
    x = rng.binomial(n, p)
    assert stats.prior_strength(x, n) == pytest.approx(10, rel=0.15)
    # identical suppliers: no spread beyond binomial noise -> the maximum
    n2 = np.full(500, 100)
    assert stats.prior_strength(rng.binomial(n2, 0.8), n2, 2, 500) >= 200
    assert stats.prior_strength([3], [10], 2, 500) == 2


def test_pchart_limits():
    rate, center, ucl, lcl, out = stats.pchart_limits([90, 80, 40], [100, 100, 100])
    assert center[0] == pytest.approx(210 / 300)
    half = 3 * np.sqrt(0.7 * 0.3 / 100)
    assert ucl[0] == pytest.approx(0.7 + half) and lcl[0] == pytest.approx(0.7 - half)
    assert list(out) == [True, False, True]
