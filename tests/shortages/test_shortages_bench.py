"""The bench's pandas way computes the same figures as the shortage views (so the bench
compares like with like)."""
import numpy as np
import pytest

from bench import bench_shortages as bench
from metrics import store
from metrics.scope import Scope
from metrics.shortages import (concentration, episodes, headline, supplier_contribution, supply, trend,
                               worsening)


@pytest.fixture(scope="module")
def con(demo_db):
    c = store.connect_read(demo_db)
    yield c
    c.close()


def test_supply_and_trend(con):
    got = supply(con, Scope(), by=("item", "month"))
    want = bench.pandas_supply_item_month(con).sort_values(["item_code", "due_month"])
    assert got["short"].tolist() == want["short"].tolist()
    np.testing.assert_allclose(got["fill_rate"], want["fill_rate"])
    by_month = supply(con, Scope(), by="month")
    assert by_month["short_items"].tolist() == bench.pandas_supply_month(con)["short_items"].tolist()
    by_state = trend(con, Scope(), by="state")
    assert by_state["short_items"].tolist() == bench.pandas_trend_state(con)["short_items"].tolist()


def test_headline_episodes_attribution_concentration(con):
    head, want = headline(con, Scope()).iloc[0], bench.pandas_headline(con)
    assert head["qty_undelivered"] == pytest.approx(want["qty_undelivered"])
    assert (head["short_item_months"], head["short_items_now"]) == (want["short_item_months"], want["short_items_now"])
    ep = episodes(con, Scope()).sort_values(["item_code", "start_month"])
    pe = bench.pandas_episodes(con)
    assert ep["months"].tolist() == pe["months"].tolist()
    np.testing.assert_allclose(ep["undelivered_qty"], pe["undelivered_qty"])
    contrib = supplier_contribution(con, Scope()).sort_values("supplier_id")
    pc = bench.pandas_contribution(con).sort_values("supplier_id")
    np.testing.assert_allclose(contrib["shortage_contribution"], pc["shortage_contribution"])
    conc = concentration(con, Scope()).sort_values("item_code")
    pk = bench.pandas_concentration(con).sort_values("item_code")
    np.testing.assert_allclose(conc["hhi"].to_numpy(float), pk["hhi"].to_numpy(float))


def test_worsening(con):
    got = worsening(con, Scope()).sort_values("item_code")
    want = bench.pandas_worsening(con).sort_values("item_code")
    assert got["item_code"].tolist() == want["item_code"].tolist()
    np.testing.assert_allclose(got["tau"].to_numpy(float), want["tau"].to_numpy(float), equal_nan=True)
