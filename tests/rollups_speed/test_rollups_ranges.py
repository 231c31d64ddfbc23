"""A full rollup refresh writes the biggest tables a due-month range at a time
(metrics.rollups.month_ranges): the ranges hold every line exactly once, and many small
ranges give the same rows, in the same documented order, as one range."""
import bisect
import shutil
from datetime import date

import pandas as pd
import pytest

from metrics import rollups, store
from metrics.rollups import item_months

# table -> (its documented full-rebuild sort columns, or none, and the columns making a row unique)
TABLES = {
    "rollup_item_months": ((), ["grain", "item_code", "due_month", "supplier_id", "institution_id", "state"]),
    "rollup_recent_lines": (("due_month", "item_code"), ["order_id"]),
    "rollup_supplier_days": (("due_date", "supplier_id"), ["supplier_id", "item_group", "due_date"]),
    "rollup_supplier_hist_days": (("due_date", "supplier_id"),
                                  ["supplier_id", "item_group", "due_date", "measure", "value"]),
    "rollup_supplier_hist_months": (("due_month", "supplier_id"),
                                    ["supplier_id", "item_group", "due_month", "measure", "value"]),
    "rollup_supplier_months": (("due_month", "supplier_id"), ["supplier_id", "item_group", "due_month"]),
}


def _count(con, r: dict, since=None) -> int:
    return con.execute(f"SELECT count(*) FROM line_facts WHERE {rollups.IN_RANGE} AND "
                       "(due_month >= $since OR $since IS NULL)", {**r, "since": since}).fetchone()[0]


@pytest.mark.parametrize("since", [None, "recent"])
def test_ranges_hold_every_line_once_in_order(demo_db, monkeypatch, since):
    monkeypatch.setattr(rollups, "RANGE_LINES", 4_000)
    with store.connect_read(demo_db) as con:
        if since:
            since = con.execute("SELECT recent_from FROM rollup_recent_from").fetchone()[0]
        ranges = rollups.month_ranges(con, since)
        total = con.execute("SELECT count(*) FROM line_facts WHERE due_month >= $s OR $s IS NULL",
                            {"s": since}).fetchone()[0]
        counts = [_count(con, r, since) for r in ranges]
        biggest_month = con.execute("SELECT max(n) FROM (SELECT count(*) AS n FROM line_facts GROUP BY due_month)"
                                    ).fetchone()[0]
    assert len(ranges) > 2 and sum(counts) == total and all(counts)
    assert all(a["hi"] == b["lo"] and a["lo"] < a["hi"] for a, b in zip(ranges, ranges[1:]))
    assert ranges[0]["lo"] == (since or date(1, 1, 1)) and ranges[0]["nulls"] == (since is None)
    assert not any(r["nulls"] for r in ranges[1:])
    # a range passes RANGE_LINES only when it is one month that does
    assert all(n <= max(rollups.RANGE_LINES, biggest_month) for n in counts)


def _tables(con) -> dict:
    return {t: con.execute(f"SELECT * FROM {t}").df() for t in TABLES}


def test_many_ranges_write_the_same_rows_in_the_documented_order(demo_db, tmp_path, monkeypatch):
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, path)
    with store.writer(path) as con:
        con.execute("SET preserve_insertion_order = true")        # as facts.refresh sets it
        rollups.refresh(con)
        one = _tables(con)
        monkeypatch.setattr(rollups, "RANGE_LINES", 3_000)
        ranges = rollups.month_ranges(con)
        assert len(ranges) > 3
        rollups.refresh(con)
        many = _tables(con)
    for table, (order, unique) in TABLES.items():
        a, b = one[table], many[table]
        assert len(b) > 0 and not b.duplicated(unique).any(), table
        if order:   # stored in the documented order
            keys = b[list(order)].astype(str).apply(tuple, axis=1).tolist()
            assert keys == sorted(keys), table
        pd.testing.assert_frame_equal(a.sort_values(unique, na_position="first").reset_index(drop=True),
                                      b.sort_values(unique, na_position="first").reset_index(drop=True),
                                      check_exact=False, rtol=1e-12, obj=table)
    # each grain's rows lie in the order of the ranges (a window's scan of a grain prunes)
    starts = [pd.Timestamp(r["lo"]) for r in ranges]
    for dims in item_months.GRAINS:
        rows = many["rollup_item_months"]
        months = rows[rows["grain"] == item_months.grain(dims)]["due_month"]
        index = [bisect.bisect_right(starts, pd.Timestamp(m)) for m in months]
        assert len(set(index)) > 3 and index == sorted(index), dims
