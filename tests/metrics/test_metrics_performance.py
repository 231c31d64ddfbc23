"""Performance score: components, shrinkage, tiers, peers, trend and p-chart on small
synthetic stores (L always late, P perfect, S has 3 lines, D deteriorates)."""
from datetime import date, timedelta

import numpy as np
import pytest
from scipy import stats as sps

from metrics import facts, performance, scope, scorecard, stats
from metrics.settings import load_settings

from .metrics_fixtures import fixture, load_parsed, memory_store


def _month_lines(supplier, months, per_month, on_time_share, start=date(2024, 1, 1), late_days=5):
    """per_month lines due on the 10th of each month; the first round(share·k) are OTIF,
    the others arrive complete `late_days` late."""
    rows = []
    for m in range(months):
        due = (start.replace(day=1) + timedelta(days=31 * m)).replace(day=10)
        share = on_time_share(m) if callable(on_time_share) else on_time_share
        good = round(share * per_month)
        for k in range(per_month):
            delivered = due if k < good else due + timedelta(days=late_days)
            rows.append({"order": f"{supplier}{m:02d}{k:03d}", "supplier": supplier,
                         "due_date": due.isoformat(), "qty": "10",
                         "deliveries": f"{delivered.isoformat()}:10"})
    return rows


@pytest.fixture(scope="module")
def con():
    rows = (_month_lines("L", 12, 3, 0.0) + _month_lines("P", 12, 3, 1.0)
            + _month_lines("S", 1, 3, 1.0)
            + _month_lines("D", 12, 4, lambda m: 1.0 - m / 11))
    c = memory_store()
    load_parsed(c, fixture(rows))
    facts.refresh(c)
    return c


SCOPE = scope.Scope.make(as_of="2024-12-31")   # the trend window: Jan–Dec 2024


def test_scores_tiers_and_peers(con):
    card = scorecard.scorecard(con, SCOPE).set_index("supplier_id")
    s = load_settings()
    assert card.loc["S", "tier"] == performance.INSUFFICIENT          # 3 lines < 20
    assert card.loc["P", "score"] > card.loc["D", "score"] > card.loc["L", "score"]
    assert card.loc["P", "tier"] == "A"
    # recompute L's score from its parts with the same statistics (independent plumbing)
    n = card["lines"].to_numpy(float)
    otif = card["otif_rate"].to_numpy(float)
    m = stats.prior_strength(otif * n, n, s.prior_min, s.prior_max)
    mu = (otif * n).sum() / n.sum()
    i = list(card.index).index("L")
    shrunk = (n[i] * otif[i] + m * mu) / (n[i] + m)
    assert card.loc["L", "otif_rate_shrunk"] == pytest.approx(shrunk)
    timeliness = 1 - 5 / 30                                             # always 5 days late
    expected = 100 * (35 * shrunk + 25 * 1 + 20 * 1 + 10 * timeliness + 10 * 1) / 100
    assert card.loc["L", "score"] == pytest.approx(expected)
    assert card.loc["L", "score_low"] <= card.loc["L", "score"] <= card.loc["L", "score_high"]
    # peers: P, D, L tiered in the same group (medicine); S untiered
    assert card.loc["P", "peer_percentile"] == 100
    assert card.loc["D", "peer_percentile"] == 50
    assert card.loc["L", "peer_percentile"] == 0
    assert np.isnan(card.loc["S", "peer_percentile"])
    assert card.loc["P", "weights_used"].startswith("delivery=35")


def test_deteriorating_supplier_trend_matches_scipy(con):
    card = scorecard.scorecard(con, SCOPE).set_index("supplier_id")
    assert card.loc["D", "trend"] == "declining"
    monthly = 100 * np.array([round((1 - m / 11) * 4) / 4 for m in range(12)])
    ref = sps.kendalltau(np.arange(12), monthly, method="asymptotic")
    assert card.loc["D", "trend_p"] == pytest.approx(ref.pvalue)
    assert card.loc["D", "trend_slope"] == pytest.approx(sps.theilslopes(monthly, np.arange(12)).slope)
    assert card.loc["P", "trend"] == "stable"          # constant: no trend
    assert card.loc["S", "trend"] is None              # one month


def test_trend_uses_the_last_trend_months(con):
    six = load_settings(trend_months=6)
    card = scorecard.scorecard(con, SCOPE, settings=six).set_index("supplier_id")
    assert card.loc["D", "trend_n_months"] == 6


def test_pchart_marks_months_outside_the_limits():
    rows = _month_lines("X", 6, 40, lambda m: 0.1 if m == 3 else 0.9)
    c = memory_store()
    load_parsed(c, fixture(rows))
    facts.refresh(c)
    chart = performance.pchart(c, SCOPE, "X")
    assert list(chart.columns) == ["month", "lines", "otif", "center", "ucl", "lcl", "out_of_control"]
    assert len(chart) == 6 and (chart["lines"] == 40).all()
    pbar = (5 * 36 + 4) / 240
    assert chart["center"].iloc[0] == pytest.approx(pbar)
    assert chart["ucl"].iloc[0] == pytest.approx(min(1, pbar + 3 * np.sqrt(pbar * (1 - pbar) / 40)))
    assert chart["out_of_control"].tolist() == [False, False, False, True, False, False]


def test_weighted_score_rescales_missing_components():
    w = {"delivery": 35, "completeness": 25, "quality": 20, "timeliness": 10, "price": 10}
    nan = np.nan
    vals = {"delivery": [1.0, nan], "completeness": [0.5, nan], "quality": [nan, nan],
            "timeliness": [nan, nan], "price": [nan, nan]}
    got = performance.weighted_score(vals, w)
    assert got[0] == pytest.approx(100 * (35 * 1 + 25 * 0.5) / 60)
    assert np.isnan(got[1])                             # no data: no score, never 100


def test_tiers_and_peer_percentile_by_hand():
    s = load_settings()
    t = performance.tiers([90, 70, 69.9, 10, np.nan, 95], [20, 20, 20, 20, 20, 19], s)
    assert list(t) == ["A", "B", "C", "D", None, performance.INSUFFICIENT]
    pct = performance.peer_percentile([80, 60, 60, 90, 50], ["g", "g", "g", "g", "h"],
                                      np.array([True, True, True, True, True]))
    # in g: 80 beats 60,60 → 2/3; 60 beats none, ties one → 0.5/3; 90 beats all
    assert pct[0] == pytest.approx(200 / 3) and pct[1] == pytest.approx(50 / 3) and pct[3] == 100
    assert np.isnan(pct[4])                              # alone in its group
