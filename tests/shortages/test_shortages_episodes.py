"""Episodes (gaps and islands) and supplier attribution against hand-computed fixtures."""
from metrics import store
from metrics.scope import Scope
from metrics.shortages import attribution, episodes, supplier_contribution, supply

from .conftest import assert_frame_matches, expected


def test_episodes_split_on_gap_months_and_mark_ongoing(case_db):
    with store.connect_read(case_db("episodes")) as con:
        got = episodes(con, Scope.make(as_of="2025-06-30"))
    assert_frame_matches(got, expected("episodes", "episodes"))


def test_episodes_window_moves_the_latest_month(case_db):
    # ending the scope in May: C's May episode now reaches the latest month, A's second
    # episode is Apr–May and both are ongoing
    with store.connect_read(case_db("episodes")) as con:
        got = episodes(con, Scope.make(as_of="2025-06-30", date_to="2025-05-31"))
    ongoing = got[got["ongoing"]]
    assert sorted(zip(ongoing["item_code"], ongoing["months"])) == [("A", 2), ("C", 1)]


def test_fill_rate_by_due_beside_the_fill_rate(case_db):
    with store.connect_read(case_db("attribution")) as con:
        got = supply(con, Scope.make(as_of="2025-03-31"))
    assert_frame_matches(got, expected("attribution", "supply_item_month"))


def test_attribution_splits_a_short_item_month_between_two_suppliers(case_db):
    with store.connect_read(case_db("attribution")) as con:
        got = attribution(con, Scope.make(as_of="2025-03-31"))
    assert_frame_matches(got, expected("attribution", "attribution"))
    assert got.loc[got["supplier_id"] == "S2", "supplier_name"].iloc[0] == "Tarda Mucho SA de CV"


def test_supplier_contribution(case_db):
    with store.connect_read(case_db("attribution")) as con:
        got = supplier_contribution(con, Scope.make(as_of="2025-03-31"))
    assert_frame_matches(got, expected("attribution", "supplier_contribution"))
    assert list(got.columns[:3]) == ["supplier_id", "shortage_contribution", "short_item_months"]


def test_filters_narrow_attribution(case_db):
    with store.connect_read(case_db("attribution")) as con:
        got = attribution(con, Scope.make(as_of="2025-03-31", institution="ISSSTE"))
    assert got[["item_code", "supplier_id", "share"]].values.tolist() == [["A", "S3", 1.0]]


def test_attribution_for_one_supplier_keeps_the_item_month_shares(case_db):
    with store.connect_read(case_db("attribution")) as con:
        s1 = attribution(con, Scope.make(as_of="2025-03-31"), supplier_id="S1")
        nobody = attribution(con, Scope.make(as_of="2025-03-31"), supplier_id="S9")
    assert s1[["item_code", "supplier_id", "attributable_qty", "share"]].values.tolist() == [
        ["A", "S1", 20, 0.2]]
    assert s1["supplier_name"].notna().all()
    assert nobody.empty


def test_contribution_and_attribution_accept_a_resolved_scope(case_db):
    from metrics import scope as scope_mod
    from metrics.settings import load_settings
    with store.connect_read(case_db("attribution")) as con:
        scope = Scope.make(as_of="2025-03-31")
        resolved = scope_mod.resolve(con, scope, load_settings())
        by_scope = supplier_contribution(con, scope)
        by_resolved = supplier_contribution(con, resolved)
        att = attribution(con, resolved)
    assert by_resolved.equals(by_scope)
    assert_frame_matches(att, expected("attribution", "attribution"))
