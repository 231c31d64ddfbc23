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
