"""The shortage views read rollup_item_months where it is exact and give exactly what the
lines give (metrics/shortages/common.py `plan`); elsewhere they fall back to the lines.
The rollup is kept exact by incremental refreshes and filled on a migrated database."""
import shutil
from datetime import date, timedelta

import pandas as pd
import pytest

from metrics import facts, shortages, store
from metrics.rollups import item_months
from metrics.scope import Scope
from metrics.shortages import common

from .conftest import load_case


def both_ways(monkeypatch, call):
    """(frame from the rollup or wherever plan sends it, frame from the lines)."""
    via_plan = call()
    monkeypatch.setattr(common, "USE_ROLLUP", False)
    try:
        via_lines = call()
    finally:
        monkeypatch.setattr(common, "USE_ROLLUP", True)
    return via_plan, via_lines


def assert_same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    """Same columns, dtypes, rows and order; floats equal to 1e-12 (sums of whole pieces are
    exact; only an HHI's sum of squares may add in another order)."""
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want.reset_index(drop=True),
                                  check_exact=False, rtol=1e-12, atol=1e-12)


VIEWS = {
    "supply_item_month": lambda con, s: shortages.supply(con, s, by=("item", "month")),
    "supply_month": lambda con, s: shortages.supply(con, s, by="month"),
    "supply_item": lambda con, s: shortages.supply(con, s, by="item"),
    "supply_group": lambda con, s: shortages.supply(con, s, by="group"),
    "supply_state": lambda con, s: shortages.supply(con, s, by="state"),
    "supply_item_state_month": lambda con, s: shortages.supply(con, s, by=("item", "state", "month")),
    "trend_month": lambda con, s: shortages.trend(con, s, by="month"),
    "trend_group": lambda con, s: shortages.trend(con, s, by="group"),
    "trend_institution": lambda con, s: shortages.trend(con, s, by="institution"),
    "trend_state": lambda con, s: shortages.trend(con, s, by="state"),
    "headline": lambda con, s: shortages.headline(con, s),
    "episodes": lambda con, s: shortages.episodes(con, s),
    "episodes_institution": lambda con, s: shortages.episodes(con, s, by=("item", "institution")),
    "worsening": lambda con, s: shortages.worsening(con, s),
    "attribution": lambda con, s: shortages.attribution(con, s),
    "contribution": lambda con, s: shortages.supplier_contribution(con, s),
    "concentration": lambda con, s: shortages.concentration(con, s),
}


@pytest.fixture(scope="module")
def demo(demo_db):
    con = store.connect_read(demo_db)
    yield con
    con.close()


@pytest.fixture(scope="module")
def ids(demo):
    """An institution, a state, an item group and a supplier with many lines."""
    top = "SELECT {c} FROM line_facts GROUP BY {c} ORDER BY count(*) DESC, {c} LIMIT 1"
    return {c: demo.execute(top.format(c=c)).fetchone()[0]
            for c in ("institution_id", "state", "item_group", "supplier_id", "unit_id")}


def scopes(ids):
    return {
        "default": Scope(),
        "institution": Scope.make(institution=ids["institution_id"]),
        "state": Scope.make(state=ids["state"]),
        "item_group": Scope.make(item_group=ids["item_group"]),
        "supplier": Scope.make(supplier=ids["supplier_id"]),
        "institution_and_group": Scope.make(institution=ids["institution_id"], item_group=ids["item_group"]),
        # a window cut inside months at both ends: edge months come from the lines
        "window": Scope.make(date_from="2025-03-17", date_to="2026-02-10"),
        "window_state": Scope.make(date_from="2025-03-01", date_to="2025-12-31", state=ids["state"]),
        # cut only at the start; cut only at an end before the recent lines
        "from_mid_month": Scope.make(date_from="2025-06-15", date_to="2026-01-31"),
        "to_mid_month": Scope.make(date_to="2026-01-20", institution=ids["institution_id"]),
    }


@pytest.mark.parametrize("view", list(VIEWS))
def test_every_view_from_the_rollup_equals_the_lines(demo, ids, monkeypatch, view):
    for name, scope in scopes(ids).items():
        got, want = both_ways(monkeypatch, lambda: VIEWS[view](demo, scope))
        assert want.attrs.get("read_from", "lines") == "lines"
        assert_same(got, want)
        assert len(want), f"{view} {name}: an empty frame proves nothing"


def _read_from(con, view, scope) -> str:
    return VIEWS[view](con, scope).attrs["read_from"]


def test_the_rollup_serves_the_common_scopes(demo, ids):
    for name in ("default", "institution", "state", "item_group", "supplier", "window", "window_state",
                 "from_mid_month", "to_mid_month"):
        scope = scopes(ids)[name]
        for view in ("supply_item_month", "supply_month", "headline", "episodes", "attribution",
                     "contribution", "concentration"):
            assert _read_from(demo, view, scope) == "rollup", (view, name)
    assert _read_from(demo, "trend_state", Scope()) == "rollup"
    assert _read_from(demo, "trend_institution", Scope.make(institution=ids["institution_id"])) == "rollup"
    assert _read_from(demo, "trend_state", Scope.make(state=ids["state"])) == "rollup"


FALLBACKS = {
    "unit filter": (lambda ids: Scope.make(unit=ids["unit_id"]), "supply_item_month"),
    "by unit": (lambda ids: Scope(), None),
    "an earlier as_of": (lambda ids: Scope.make(as_of="2026-06-15"), "supply_item_month"),
    "other grace days": (lambda ids: Scope.make(grace_days=5), "attribution"),
    "institution and state": (lambda ids: Scope.make(institution=ids["institution_id"], state=ids["state"]),
                              "contribution"),
    "trend by state within an institution": (lambda ids: Scope.make(institution=ids["institution_id"]),
                                             "trend_state"),
}


@pytest.mark.parametrize("case", list(FALLBACKS))
def test_scopes_the_rollup_cannot_serve_read_the_lines(demo, ids, monkeypatch, case):
    make, view = FALLBACKS[case]
    scope = make(ids)
    call = (lambda: shortages.trend(demo, scope, by="unit")) if view is None else (lambda: VIEWS[view](demo, scope))
    got, want = both_ways(monkeypatch, call)
    assert got.attrs["read_from"] == "lines"
    assert_same(got, want)
    assert len(got)


def test_the_months_a_window_of_up_to_a_year_cuts_are_read_from_the_recent_lines(demo, ids):
    from metrics.settings import load_settings
    settings = load_settings()
    latest = demo.execute("SELECT max(delivered_date) FROM deliveries").fetchone()[0]
    recent_from = demo.execute("SELECT recent_from FROM rollup_recent_from").fetchone()[0]
    assert recent_from == date(latest.year - 1, latest.month, 1)
    year = Scope.make(date_from=(latest - timedelta(days=364)).isoformat())
    before = Scope.make(date_from=(recent_from - timedelta(days=15)).isoformat())
    for name, scope, recent in (("default", scopes(ids)["default"], True),
                                ("institution", scopes(ids)["institution"], True),
                                ("one year to as_of", year, True),
                                ("starting before the recent lines", before, False),
                                ("window", scopes(ids)["window"], False)):
        resolved = common.resolve(demo, scope, settings)
        assert (common.plan(demo, resolved).edge_source == item_months.RECENT) is recent, name


def test_a_one_year_window_from_the_recent_lines_equals_the_lines(demo, ids, monkeypatch):
    latest = demo.execute("SELECT max(delivered_date) FROM deliveries").fetchone()[0]
    for scope in (Scope.make(date_from=(latest - timedelta(days=364)).isoformat()),
                  Scope.make(date_from=(latest - timedelta(days=300)).isoformat(), institution=ids["institution_id"])):
        for view in ("contribution", "attribution", "supply_item_month", "episodes"):
            got, want = both_ways(monkeypatch, lambda: VIEWS[view](demo, scope))
            assert got.attrs["read_from"] == "rollup"
            assert_same(got, want)
            assert len(want), view


def test_hand_computed_cases_read_the_rollup(case_db):
    """The fixture pairs (test_shortages_supply/episodes/concentration) go through the rollup."""
    with store.connect_read(case_db("attribution")) as con:
        got = shortages.attribution(con, Scope.make(as_of="2025-03-31"))
    assert got.attrs["read_from"] == "rollup"


@pytest.mark.parametrize("as_of, last, edge", [
    (date(2026, 11, 25), date(2026, 10, 1), "f.due_month > $whole_to"),
    (date(2026, 11, 30), date(2026, 11, 1), "FALSE"),
    (date(2026, 12, 31), date(2026, 12, 1), "FALSE"),
])
def test_whole_months_end_before_a_cut_month(as_of, last, edge):
    from metrics import scope as scope_mod

    def months(**kw):
        return common.whole_months(scope_mod.Resolved(Scope.make(**kw), as_of, 0, "line_facts"))

    assert months()[:3] == (date(1, 1, 1), last, edge)
    assert months(date_from="2025-03-01", date_to="2025-06-30") == (
        date(2025, 3, 1), date(2025, 6, 1), "FALSE", None, None)
    assert months(date_from="2025-03-02", date_to="2025-06-30") == (
        date(2025, 4, 1), date(2025, 6, 1), "f.due_month < $whole_from", date(2025, 3, 1), None)
    first, last, edge, cut_from, cut_to = months(date_from="2025-03-02", date_to="2025-03-20")
    assert first > last and "IN" in edge and cut_from == cut_to == date(2025, 3, 1)


# ---------------------------------------------------------------- maintenance

def rollup_rows(con) -> pd.DataFrame:
    cols = "grain, item_code, item_group, due_month, supplier_id, institution_id, state"
    return con.execute(f"SELECT * FROM {item_months.TABLE} ORDER BY {cols}").df()


def recent_rows(con) -> pd.DataFrame:
    return con.execute(f"SELECT * FROM {item_months.RECENT} ORDER BY order_id").df()


def test_the_stored_grains_are_the_declared_ones(demo):
    got = {g for (g,) in demo.execute(f"SELECT DISTINCT grain FROM {item_months.TABLE}").fetchall()}
    assert got == {item_months.grain(g) for g in item_months.GRAINS}
    # the item-month grain sums to the evaluable-or-not, non-cancelled lines
    lines, = demo.execute(f"SELECT sum(lines) FROM {item_months.TABLE} WHERE grain = $g",
                          {"g": item_months.grain(())}).fetchone()
    assert lines == demo.execute("SELECT count(*) FROM line_facts WHERE NOT cancelled").fetchone()[0]


def test_a_full_refresh_stores_each_grain_by_institution_or_state_then_month(demo_db, tmp_path):
    """Stored order (rowid) within each grain follows item_months._order, which is what lets
    an institution or state filter, or a window of months, prune a grain's row groups (an
    incremental refresh appends its items' rows; the next full one sorts them again)."""
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, path)
    with store.writer(path) as con:
        item_months.refresh(con)
        for dims in item_months.GRAINS:
            rows = con.execute(f"SELECT {item_months._order(dims)} FROM {item_months.TABLE} "
                               "WHERE grain = $g ORDER BY rowid", {"g": item_months.grain(dims)}).fetchall()
            assert len(rows) > 100 and rows == sorted(rows, key=lambda r: tuple((v is None, v) for v in r)), dims


@pytest.mark.parametrize("new_month", [False, True], ids=["same latest month", "latest delivery moves a month"])
def test_incremental_refresh_equals_a_full_rebuild(demo_db, tmp_path, new_month):
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, path)
    with store.writer(path) as con:
        before, recent_before = rollup_rows(con), recent_rows(con)
        latest = con.execute("SELECT max(delivered_date) FROM deliveries").fetchone()[0]
        # a small import: one order's quantity changes, a recent order gets a delivery (on the
        # latest delivery date, or 40 days later: the month of the recent lines moves), one
        # order moves to another unit (so to another institution / state)
        orders = [o for (o,) in con.execute("SELECT order_id FROM orders WHERE NOT cancelled "
                                            "ORDER BY order_id LIMIT 2").fetchall()]
        recent = con.execute("SELECT order_id FROM line_facts WHERE due_month = date_trunc('month', $d) "
                             "AND qty_accepted < qty_ordered AND NOT cancelled ORDER BY order_id LIMIT 1",
                             {"d": latest}).fetchone()[0]
        con.execute("UPDATE orders SET qty_ordered = qty_ordered + 7, batch_id = 999 WHERE order_id = $o",
                    {"o": orders[0]})
        con.execute("INSERT INTO deliveries (delivery_id, order_id, delivered_date, qty_delivered, qty_rejected, "
                    "delay_cause, batch_id) VALUES ('TEST-D1', $o, $d, 5, 0, 'supplier', 999)",
                    {"o": recent, "d": latest + timedelta(days=40 if new_month else 0)})
        con.execute("UPDATE orders SET unit_id = (SELECT max(unit_id) FROM units), batch_id = 999 "
                    "WHERE order_id = $o", {"o": orders[1]})
        done = facts.refresh(con, batch_id=999)
        total = con.execute("SELECT count(*) FROM line_facts").fetchone()[0]
        assert 0 < done <= facts.FULL_REBUILD_SHARE * total, "the refresh must be the incremental one"
        incremental, recent_incremental = rollup_rows(con), recent_rows(con)
        con.execute("SET preserve_insertion_order = false")     # as the demo leaves it
        facts.refresh(con)
        full, recent_full = rollup_rows(con), recent_rows(con)
        # a full refresh stores the recent lines by due month (a one-month scan skips the rest)
        months = [m for (m,) in con.execute(f"SELECT due_month FROM {item_months.RECENT}").fetchall()]
        assert months == sorted(months) and len(set(months)) > 1
    assert not incremental.equals(before), "the import changed nothing: the test proves nothing"
    assert not recent_incremental.equals(recent_before)
    assert_same(incremental, full)
    assert_same(recent_incremental, recent_full)


def test_a_migrated_older_database_gets_the_rollup_filled(demo_db, tmp_path):
    path = tmp_path / "old.duckdb"
    shutil.copy(demo_db, path)
    with store.writer(path) as con:
        want, want_recent = rollup_rows(con), recent_rows(con)
    # make it a version-7 database: no rollup tables, no migration 8
    import duckdb
    with duckdb.connect(str(path)) as con:
        for table in (item_months.TABLE, item_months.RECENT, "rollup_recent_from"):
            con.execute(f"DROP TABLE {table}")
        con.execute("DELETE FROM schema_version WHERE version >= 8")
    with store.connect_read(path) as con:   # migrates
        assert store.schema_version(con) >= 8
        got = rollup_rows(con)
        got_recent = recent_rows(con)
    assert len(got) > 0 and len(got_recent) > 0
    assert_same(got, want)
    assert_same(got_recent, want_recent)
