"""On the demo data: what the demo planted (table demo_planted) is what the views find."""
from datetime import date

import pandas as pd
import pytest

from metrics import store
from metrics.scope import Scope
from metrics.shortages import (concentration, episodes, headline, risk, supplier_contribution, supply,
                               trend, worsening)


@pytest.fixture(scope="module")
def demo(demo_db):
    con = store.connect_read(demo_db)
    yield con
    con.close()


def planted(con, kind: str) -> pd.DataFrame:
    return con.execute("SELECT id, detail FROM demo_planted WHERE kind = $k ORDER BY id", {"k": kind}).df()


def _month(text: str) -> date:
    return date.fromisoformat(text + "-01")


def test_planted_episodes_are_found(demo):
    """Each planted run is covered by episodes over at least half its months, and an
    ongoing plant ends in an ongoing episode, an ended one in none (the small demo has few
    lines per item-month, so a run may be split by a month that happened to be filled)."""
    found = episodes(demo, Scope())
    rows = planted(demo, "shortage_item")
    assert len(rows) >= 4
    for item, detail in rows.itertuples(index=False):
        status, span = detail.split()
        first, last = (pd.Timestamp(_month(m)) for m in span.split(".."))
        mine = found[found["item_code"] == item]
        planted_months = pd.date_range(first, last, freq="MS")
        covered = {m for r in mine.itertuples() for m in pd.date_range(r.start_month, r.end_month, freq="MS")}
        share = len(covered & set(planted_months)) / len(planted_months)
        assert share >= 0.5, f"{item} {detail}: episodes {mine[['start_month', 'end_month']].values.tolist()}"
        overlapping = mine[(mine["end_month"] >= first) & (mine["start_month"] <= last)]
        assert overlapping["ongoing"].any() == (status == "ongoing"), f"{item} {detail}"


def test_items_never_ordered_are_never_short(demo):
    never = set(planted(demo, "no_orders_item")["id"])
    assert never
    by_item = supply(demo, Scope(), by=("item",))
    assert not never & set(by_item["item_code"])
    assert not never & set(episodes(demo, Scope())["item_code"])
    assert not never & set(worsening(demo, Scope())["item_code"])


def test_planted_worsening_items_decline(demo):
    items = set(planted(demo, "worsening_item")["id"])
    got = worsening(demo, Scope()).set_index("item_code").loc[sorted(items)]
    assert (got["tau"] < 0).all() and (got["trend_slope"] < 0).all()
    assert (got["status"] == "worsening").sum() >= len(items) // 2


def test_deteriorating_supplier_is_at_risk(demo):
    (supplier,) = planted(demo, "deteriorating_supplier")["id"]
    at_risk = risk(demo, Scope())
    mine = at_risk[at_risk["supplier_id"] == supplier]
    assert len(mine) and mine["declining"].all()


def test_views_agree_with_each_other(demo):
    scope = Scope()
    by_month = supply(demo, scope, by="month")
    cells = supply(demo, scope, by=("item", "month"))
    assert by_month["short_items"].sum() == cells["short"].sum()
    assert trend(demo, scope, by="month")["short_items"].tolist() == by_month["short_items"].tolist()
    head = headline(demo, scope).iloc[0]
    assert head["short_item_months"] == cells["short"].sum()
    assert head["short_items_now"] == by_month["short_items"].iloc[-1]
    assert head["qty_undelivered"] == pytest.approx(cells["undelivered_qty"].sum())
    contrib = supplier_contribution(demo, scope)
    assert contrib["shortage_contribution"].sum() == pytest.approx(1.0)
    assert contrib["shortage_qty"].sum() == pytest.approx(cells.loc[cells["short"], "undelivered_qty"].sum())
    ep = episodes(demo, scope)
    assert ep["months"].sum() == cells["short"].sum()
    conc = concentration(demo, scope)
    assert conc["hhi"].dropna().between(0, 10_000 + 1e-6).all()
    assert conc.loc[conc["single_source"], "hhi"].tolist() == pytest.approx(
        [10_000.0] * int(conc["single_source"].sum()))
