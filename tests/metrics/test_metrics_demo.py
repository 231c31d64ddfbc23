"""On the demo database (tests/conftest.py demo_db): the analytics find what was planted."""
import pytest

from metrics import ledger, performance, scope, scorecard, store


@pytest.fixture(scope="module")
def demo(demo_db):
    con = store.connect_read(demo_db)
    planted = con.execute("SELECT kind, id FROM demo_planted").df()
    card = scorecard.scorecard(con, scope.Scope()).set_index("supplier_id")
    yield con, planted, card
    con.close()


def _ids(planted, kind):
    ids = planted.loc[planted["kind"] == kind, "id"].tolist()
    assert ids, f"the demo planted no {kind}"
    return ids


def test_deteriorating_supplier_is_declining_and_improving_is_improving(demo):
    _, planted, card = demo
    for s in _ids(planted, "deteriorating_supplier"):
        assert card.loc[s, "trend"] == "declining" and card.loc[s, "trend_slope"] < 0
    for s in _ids(planted, "improving_supplier"):
        assert card.loc[s, "trend"] == "improving" and card.loc[s, "trend_slope"] > 0


def test_late_supplier_scores_low_and_reliable_high(demo):
    _, planted, card = demo
    tiered = card[card["tier"].isin(["A", "B", "C", "D"])]
    for s in _ids(planted, "late_supplier"):
        # low relative to everyone: its tier depends on the demo's spread, its rank does not
        assert card.loc[s, "tier"] in ("B", "C", "D")
        assert card.loc[s, "score"] < tiered["score"].quantile(0.1)
        assert card.loc[s, "peer_percentile"] < 10
        assert card.loc[s, "on_time_rate"] < 0.5
    for s in _ids(planted, "reliable_supplier"):
        assert card.loc[s, "tier"] == "A"


def test_planted_quality_shelf_life_price_and_short_shipping_stand_out(demo):
    _, planted, card = demo
    enough = card[card["lines"] >= 100]
    for s in _ids(planted, "high_rejection"):
        assert card.loc[s, "rejection_rate"] >= enough["rejection_rate"].quantile(0.95)
    for s in _ids(planted, "short_shelf_life"):
        assert card.loc[s, "short_shelf_life_rate"] == enough["short_shelf_life_rate"].max()
    for s in _ids(planted, "expensive_supplier"):
        assert card.loc[s, "price_index"] > 1.2
    for s in _ids(planted, "short_shipper"):
        assert card.loc[s, "fill_rate"] <= enough["fill_rate"].quantile(0.2)      # among the worst


def test_groupings_partition_the_same_lines(demo):
    con, _, card = demo
    total = int(card["lines"].sum())
    for g in ("month", "institution", "state", "item_group", "procedure_type", "supplier,month"):
        other = scorecard.scorecard(con, scope.Scope(), group_by=g)
        assert int(other["lines"].sum()) == total, g
    by_inst = scorecard.scorecard(con, scope.Scope(), group_by="institution")
    assert by_inst["penalties_due"].sum() == pytest.approx(card["penalties_due"].sum())


def test_ledger_and_summary_on_the_demo(demo):
    con, planted, card = demo
    book = ledger.ledger(con, scope.Scope()).set_index("contract_id")
    for c in _ids(planted, "near_cap_contract"):
        ratio = book.loc[c, "penalties_due_uncapped"] / book.loc[c, "penalty_cap"]
        assert 0.8 <= ratio < 1.0
    totals = ledger.summary(con, scope.Scope())
    assert totals["rescinded_contracts"] == len(_ids(planted, "rescinded_contract"))
    assert 0 < totals["emergency_share"] < 1
    assert totals["penalties_due"] == pytest.approx(card["penalties_due"].sum())
    assert (book["penalties_due"] <= book["penalty_cap"] + 1e-6).all()


def test_pchart_of_the_deteriorating_supplier(demo):
    con, planted, _ = demo
    s = _ids(planted, "deteriorating_supplier")[0]
    chart = performance.pchart(con, scope.Scope(), s)
    assert len(chart) >= 12 and chart["out_of_control"].any()
    assert ((chart["lcl"] <= chart["center"]) & (chart["center"] <= chart["ucl"])).all()
