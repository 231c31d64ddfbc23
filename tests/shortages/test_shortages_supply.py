"""Item-month supply, the short flag at the threshold edge, trend by month, headline."""
from metrics import store
from metrics.scope import Scope
from metrics.settings import load_settings
from metrics.shortages import headline, supply, trend

from .conftest import assert_frame_matches, expected

AS_OF = Scope.make(as_of="2025-03-31")


def test_supply_by_item_month_threshold_edge(case_db):
    db = case_db("short_flag")
    with store.connect_read(db) as con:
        got = supply(con, AS_OF)
    assert_frame_matches(got, expected("short_flag", "supply_item_month"))
    assert "D" not in set(got["item_code"]), "an item with no orders is never short"


def test_supply_by_month_counts_short_items(case_db):
    with store.connect_read(case_db("short_flag")) as con:
        assert_frame_matches(supply(con, AS_OF, by="month"), expected("short_flag", "supply_month"))
        assert_frame_matches(trend(con, AS_OF, by="month"), expected("short_flag", "supply_month"))


def test_supply_by_item_counts_short_months(case_db):
    with store.connect_read(case_db("short_flag")) as con:
        assert_frame_matches(supply(con, AS_OF, by=("item",)), expected("short_flag", "supply_item"))


def test_headline(case_db):
    with store.connect_read(case_db("short_flag")) as con:
        assert_frame_matches(headline(con, AS_OF), expected("short_flag", "headline"))


def test_threshold_is_a_setting(case_db):
    with store.connect_read(case_db("short_flag")) as con:
        got = supply(con, AS_OF, settings=load_settings(shortage_threshold=0.86))
    assert got["short"].tolist() == [False, False, False, True]   # 0.90 1.00 0.89 0.85


def test_as_of_in_the_past_judges_only_what_had_arrived(case_db):
    # on 12 Feb: O5's 100 pieces (20 Feb) had not arrived, O8 (due 15 Feb) is not due yet
    with store.connect_read(case_db("short_flag")) as con:
        got = supply(con, Scope.make(as_of="12/02/2025"))
    assert got[["item_code", "fill_rate", "short"]].values.tolist() == [
        ["A", 0.9, False], ["A", 0.0, True], ["B", 0.89, True], ["B", 1.0, False]]


def test_an_item_is_short_within_a_state(case_db):
    # attribution case: A in January is short in Jalisco (300 of 400) but not in Oaxaca (100 of 100)
    with store.connect_read(case_db("attribution")) as con:
        cells = supply(con, AS_OF, by=("item", "state", "month"))
        by_state = trend(con, AS_OF, by="state")
    assert cells[["item_code", "state", "fill_rate", "short"]].values.tolist() == [
        ["A", "Jalisco", 0.75, True], ["A", "Oaxaca", 1.0, False], ["A", "Oaxaca", 0.0, True],
        ["B", "Jalisco", 1.0, False]]
    assert by_state[["state", "items", "short_items"]].values.tolist() == [
        ["Jalisco", 2, 1], ["Oaxaca", 1, 0], ["Oaxaca", 1, 1]]


def test_every_view_on_an_empty_database(db):
    from metrics import shortages
    with store.connect_read(db) as con:
        for name in ("supply", "trend", "episodes", "worsening", "attribution", "supplier_contribution",
                     "concentration", "risk", "prescriptions", "funnel"):
            assert getattr(shortages, name)(con, Scope()).empty, name
        head = headline(con, Scope())
    assert head["lines"].iloc[0] == 0 and head.attrs["reason"] == "no evaluable order lines in this scope"


def test_grace_days_move_only_the_by_due_rate(case_db):
    # A's February line arrived 10 days late: with 10 days of grace it was on time
    with store.connect_read(case_db("short_flag")) as con:
        got = supply(con, Scope.make(as_of="2025-03-31", grace_days=10))
    a_feb = got[(got["item_code"] == "A") & (got["month"] == "2025-02-01")].iloc[0]
    assert (a_feb["fill_rate_by_due"], a_feb["fill_rate"], a_feb["short"]) == (1.0, 1.0, False)
    assert got["short"].tolist() == [False, False, True, True]


def test_month_is_datetime64_from_every_source(demo_db):
    """`month` (supply, trend) is datetime64 whether read from the item-month rollup, from
    the lines (another grace) or from nothing: charts, exports and the CLI format one type."""
    import pandas as pd
    with store.connect_read(demo_db) as con:
        for sc, source in ((Scope(), "rollup"), (Scope(grace_days=3), "lines"),
                           (Scope(supplier=("nobody",)), None), (Scope(grace_days=3, supplier=("nobody",)), "lines")):
            for by in (("item", "month"), ("month",), ("month", "state")):
                got = supply(con, sc, by=by)
                assert pd.api.types.is_datetime64_any_dtype(got["month"]), (sc, by, got["month"].dtype)
                if source:
                    assert got.attrs["read_from"] == source
            assert pd.api.types.is_datetime64_any_dtype(trend(con, sc)["month"])
