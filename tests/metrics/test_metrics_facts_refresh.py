"""Line facts stay exact when deliveries are deleted, re-imported or re-pointed, and when
lines are added or moved: the incremental refresh equals a full rebuild, including each
line's capped penalty share, while it recomputes only the lines of each touched contract due
on or after the earliest line touched."""
import pytest

from metrics import facts, scorecard, scope

from .metrics_fixtures import FIXTURES, load, memory_store


def _snapshot(con):
    return con.execute("SELECT * EXCLUDE (order_id), order_id FROM line_facts ORDER BY order_id").fetchall()


@pytest.fixture
def con():
    c = memory_store()
    load(c, FIXTURES / "ledger-penalty_cap_reached.csv")
    facts.refresh(c)
    saved = facts.FULL_REBUILD_SHARE
    facts.FULL_REBUILD_SHARE = 1.0            # always take the incremental path here
    yield c
    facts.FULL_REBUILD_SHARE = saved


def _rebuilt(c):
    incremental = _snapshot(c)
    facts.refresh(c)
    return incremental, _snapshot(c)


def test_deleting_a_delivery(con):
    # deleting L1's delivery frees the cap: L2's share of the penalties grows
    before = dict(con.execute("SELECT order_id, penalty_due_capped FROM line_facts").fetchall())
    con.execute("DELETE FROM deliveries WHERE order_id = 'L1'")
    facts.refresh(con, orders=["L1"])
    after = dict(con.execute("SELECT order_id, penalty_due_capped FROM line_facts").fetchall())
    assert before["L2"] == 0 and after["L2"] == pytest.approx(100 - after["L1"])
    incremental, full = _rebuilt(con)
    assert incremental == full


def test_reimporting_deliveries_in_a_batch(con):
    con.execute("UPDATE deliveries SET qty_delivered = 40, batch_id = 9 WHERE order_id = 'L2'")
    con.execute("INSERT INTO deliveries (delivery_id, order_id, delivered_date, qty_delivered, batch_id) "
                "VALUES ('NEW', 'L3', DATE '2025-01-19', 5, 9)")
    # L2 and L3, the lines of C_L due from L2 on (L1, due before, adds its penalties to
    # their running total as it is), not C_P
    assert facts.refresh(con, batch_id=9) == 2
    incremental, full = _rebuilt(con)
    assert incremental == full


def test_deleting_an_order(con):
    con.execute("DELETE FROM deliveries WHERE order_id = 'L1'")
    con.execute("DELETE FROM orders WHERE order_id = 'L1'")
    facts.refresh(con, orders=["L1"])
    incremental, full = _rebuilt(con)
    assert incremental == full
    assert "L1" not in {r[-1] for r in full}


def test_grace_change_forces_full_rebuild_and_scope_grace_computes_on_the_fly(con):
    resolved = scope.resolve(con, scope.Scope.make(grace_days=3))
    assert resolved.source != "line_facts"
    card = scorecard.scorecard(con, scope.Scope.make(grace_days=30)).set_index("supplier_id")
    assert card.loc["L", "otif_rate"] == 1              # every delay within 30 days of grace


def test_a_new_line_due_after_the_others_recomputes_only_itself(con):
    # a monthly batch's new line, late, in a contract already past its cap: its share is 0
    con.execute("INSERT INTO orders SELECT * REPLACE ('L4' AS order_id, DATE '2025-01-25' AS due_date, "
                "9 AS batch_id) FROM orders WHERE order_id = 'L3'")
    con.execute("INSERT INTO deliveries SELECT * REPLACE ('DL4' AS delivery_id, 'L4' AS order_id, "
                "DATE '2025-02-20' AS delivered_date, 9 AS batch_id) FROM deliveries WHERE order_id = 'L3'")
    assert facts.refresh(con, batch_id=9) == 1
    line = con.execute("SELECT penalty_due_line, penalty_due_capped FROM line_facts WHERE order_id = 'L4'"
                       ).fetchone()
    assert line[0] > 0 and line[1] == 0
    incremental, full = _rebuilt(con)
    assert incremental == full


def test_a_line_moved_earlier_recomputes_its_contract_from_its_new_due_date(con):
    con.execute("UPDATE orders SET due_date = DATE '2025-01-05', batch_id = 9 WHERE order_id = 'L3'")
    assert facts.refresh(con, batch_id=9) == 3          # L3 now comes first: L1 and L2 follow it
    incremental, full = _rebuilt(con)
    assert incremental == full


def test_a_line_moved_later_recomputes_its_contract_from_its_old_due_date(con):
    con.execute("UPDATE orders SET due_date = DATE '2025-01-30', batch_id = 9 WHERE order_id = 'L1'")
    assert facts.refresh(con, batch_id=9) == 3          # L2 and L3 lose L1's penalties before them
    incremental, full = _rebuilt(con)
    assert incremental == full


def test_lines_appended_unsorted_are_counted_until_a_full_rebuild_sorts_them(con, monkeypatch):
    unsorted = lambda: con.execute("SELECT unsorted_lines FROM facts_meta").fetchone()[0]  # noqa: E731
    total = con.execute("SELECT count(*) FROM orders").fetchone()[0]
    assert unsorted() == 0                                   # the fixture's full build
    con.execute("UPDATE deliveries SET qty_delivered = 40, batch_id = 9 WHERE order_id = 'L2'")
    assert facts.refresh(con, batch_id=9) == 2 and unsorted() == 2
    # 2 lines appended before and 2 touched now pass a share of 3 lines: all, sorted again
    monkeypatch.setattr(facts, "FULL_REBUILD_SHARE", 3 / total)
    con.execute("UPDATE deliveries SET qty_delivered = 50, batch_id = 10 WHERE order_id = 'L2'")
    assert facts.refresh(con, batch_id=10) == total and unsorted() == 0
    incremental, full = _rebuilt(con)
    assert incremental == full
