"""Worsening items: Mann–Kendall and Theil–Sen over monthly fill rates, checked against scipy."""
import numpy as np
import pytest
from scipy.stats import kendalltau, theilslopes

from metrics import store
from metrics.scope import Scope
from metrics.shortages import worsening

SERIES = {  # the fixture's fill rates (%) in the 12-month window Feb 2024 .. Jan 2025
    "A": [100, 98, 97, 95, 96, 90, 88, 85, 86, 80, 78, 75],
    "B": [60, 62, 61, 70, 72, 75, 74, 80, 85, 88, 90, 95],
    "C": [95, 92, 91, 94, None, 90, 93, 92, 95, 91, 90, 94],
}


@pytest.fixture
def got(case_db):
    with store.connect_read(case_db("worsening")) as con:
        return worsening(con, Scope.make(as_of="2025-01-31")).set_index("item_code")


def test_status(got):
    assert got.loc["A", "status"] == "worsening"
    assert got.loc["B", "status"] == "improving"
    assert got.loc["C", "status"] == "stable"
    assert got.loc["E", "status"] is None and got.loc["E", "months"] == 2
    assert list(got.index[:2]) == ["A", "B"], "worsening first"


@pytest.mark.parametrize("item", sorted(SERIES))
def test_against_scipy(got, item):
    y = np.array([np.nan if v is None else v for v in SERIES[item]], dtype=float)
    x = np.arange(len(y), dtype=float)
    keep = ~np.isnan(y)
    tau, p = kendalltau(x[keep], y[keep], method="asymptotic")
    slope = theilslopes(y[keep], x[keep]).slope
    row = got.loc[item]
    assert row["months"] == keep.sum()
    assert row["tau"] == pytest.approx(tau, abs=1e-12)
    assert row["trend_p"] == pytest.approx(p, rel=1e-9)
    assert row["trend_slope"] == pytest.approx(slope, abs=1e-9)   # points per month
    assert row["latest_fill_rate"] == pytest.approx(y[keep][-1] / 100)
    if item == "A":
        assert tau < 0 and p < 0.05


def test_window_is_a_setting(case_db):
    from metrics.settings import load_settings
    with store.connect_read(case_db("worsening")) as con:
        longer = worsening(con, Scope.make(as_of="2025-01-31"), settings=load_settings(trend_months=13))
    a = longer.set_index("item_code").loc["A"]
    assert a["months"] == 13 and a["short_months"] == 7   # 0, 88, 85, 86, 80, 78, 75: Jan 2024 now counts
