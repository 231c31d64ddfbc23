"""The rollup rows that are summed from other rollup rows (coarser item grains from finer ones,
the supplier month tables from the institution month tables) are exactly what grouping the
lines gives, after a full and after an incremental refresh."""
import shutil

import pandas as pd
import pytest

from metrics import facts, store
from metrics.rollups import item_months

ITEM_KEYS = ["grain", "item_code", "due_month", "supplier_id", "institution_id", "state"]


def _sorted(frame: pd.DataFrame, keys) -> pd.DataFrame:
    return frame.sort_values(keys, na_position="first").reset_index(drop=True)


def _assert_equal(got: pd.DataFrame, want: pd.DataFrame, keys) -> None:
    assert len(got) > 0
    want = want.astype(got.dtypes.to_dict())          # (a concat of all-NULL columns is object)
    pd.testing.assert_frame_equal(_sorted(got, keys), _sorted(want, keys), check_exact=False, rtol=1e-12)


def _item_grains_from_lines(con) -> pd.DataFrame:
    """Every grain grouped from the lines (item_months.sql), the way each used to be built."""
    parts = []
    for dims in item_months.GRAINS:
        text = item_months._rows("item_months", "TRUE", dims)
        parts.append(con.execute(text, {"grain": item_months.grain(dims)}).df())
    return pd.concat(parts, ignore_index=True)


def _summed(con, table: str, source: str, keys: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(stored rows of `table`, `source`'s rows summed by `keys`): written here, not taken
    from the rollup SQL, so that a wrong rollup text cannot agree with itself."""
    columns = [c for (c,) in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = $t "
                                         "ORDER BY column_index", {"t": table}).fetchall()]
    sums = ", ".join(f"sum({c}) AS {c}" for c in columns if c not in keys)
    want = con.execute(f"SELECT {', '.join(keys)}, {sums} FROM {source} GROUP BY ALL").df()
    return con.execute(f"SELECT * FROM {table}").df(), want[columns]


def _assert_derived_rows_exact(con) -> None:
    stored = con.execute(f"SELECT * FROM {item_months.TABLE}").df()
    _assert_equal(stored, _item_grains_from_lines(con), ITEM_KEYS)
    keys = ["supplier_id", "item_group", "due_month"]
    _assert_equal(*_summed(con, "rollup_supplier_months", "rollup_supplier_days", keys), keys)
    keys = ["supplier_id", "supplier_key", "item_group", "due_month", "measure", "value"]
    _assert_equal(*_summed(con, "rollup_supplier_hist_months", "rollup_supplier_hist_days", keys), keys)


def test_every_grain_is_built_once_each_summed_one_from_a_finer_built_before():
    built = []
    for dims, source in item_months._BUILD:
        if source is not None:
            assert source in built and dims < source and len(source - dims) == 1
        built.append(dims)
    assert sorted(map(sorted, built)) == sorted(map(sorted, item_months.GRAINS)) and len(built) == len(set(built))


def test_summed_rows_equal_the_lines_after_full_and_incremental_refresh(demo_db, tmp_path):
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, path)
    with store.writer(path) as con:
        _assert_derived_rows_exact(con)
        order = con.execute("SELECT order_id FROM orders WHERE NOT cancelled ORDER BY order_id LIMIT 1").fetchone()[0]
        before = con.execute("SELECT * FROM rollup_item_months WHERE grain = 7").df()
        con.execute("UPDATE orders SET qty_ordered = qty_ordered + 11, batch_id = 998 WHERE order_id = $o",
                    {"o": order})
        con.execute("UPDATE orders SET unit_id = (SELECT max(unit_id) FROM units), batch_id = 998 "
                    "WHERE order_id = (SELECT max(order_id) FROM orders WHERE NOT cancelled)")
        done = facts.refresh(con, batch_id=998)
        assert 0 < done <= facts.FULL_REBUILD_SHARE * con.execute("SELECT count(*) FROM orders").fetchone()[0]
        assert not con.execute("SELECT * FROM rollup_item_months WHERE grain = 7").df().equals(before)
        _assert_derived_rows_exact(con)


@pytest.mark.parametrize("dims", item_months.GRAINS, ids=lambda d: "+".join(sorted(d)) or "item")
def test_each_grain_sums_to_the_non_cancelled_lines(demo_db, dims):
    with store.connect_read(demo_db) as con:
        got = con.execute(f"SELECT sum(lines), sum(qty_ordered), sum(short_lines) FROM {item_months.TABLE} "
                          "WHERE grain = $g", {"g": item_months.grain(dims)}).fetchone()
        want = con.execute("SELECT count(*), sum(qty_ordered), count(*) FILTER (WHERE qty_accepted < qty_ordered) "
                           "FROM line_facts WHERE NOT cancelled").fetchone()
    assert got[0] == want[0] and got[2] == want[2] and got[1] == pytest.approx(want[1], rel=1e-12)
