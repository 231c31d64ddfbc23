"""A full line-facts rebuild in parts joins the parts' deliveries to their orders once, into a
scratch database (facts._scratch, facts/part_deliveries.sql). It must give exactly the facts
of one rebuild of everything, in (supplier_id, due_date) order, whatever the part and join
sizes, and leave nothing behind: no attached scratch database, no scratch folder, also when a
part fails."""
import shutil
import tempfile

import duckdb
import pytest

from metrics import facts


class Recording:
    """A connection that records the SQL it runs and can fail on the n-th matching statement."""

    def __init__(self, con, fail_on: str | None = None, fail_at: int = 1):
        self._con, self.sql, self._fail_on, self._left = con, [], fail_on, fail_at

    def execute(self, query, *args):
        self.sql.append(query)
        if self._fail_on and self._fail_on in query:
            self._left -= 1
            if self._left == 0:
                raise duckdb.InvalidInputException("planted failure")
        return self._con.execute(query, *args)

    def __getattr__(self, name):
        return getattr(self._con, name)


def _copy(src, tmp_path, name):
    path = tmp_path / name
    shutil.copyfile(src, path)
    con = duckdb.connect(str(path))
    return con, con.execute("SELECT grace_days FROM facts_meta").fetchone()[0]


def _whole(demo_db, tmp_path, monkeypatch):
    monkeypatch.setattr(facts, "PART_LINES", 10**9)
    con, grace = _copy(demo_db, tmp_path, "whole.duckdb")
    facts.refresh(con, grace_days=grace)
    con.close()
    return tmp_path / "whole.duckdb"


def _same_facts_in_order(con, whole):
    con.execute(f"ATTACH '{whole}' AS w (READ_ONLY)")
    try:
        total = con.execute("SELECT count(*) FROM w.line_facts").fetchone()[0]
        assert con.execute("SELECT count(*) FROM line_facts").fetchone()[0] == total
        assert con.execute("SELECT count(*) FROM line_facts a JOIN w.line_facts b USING (order_id)"
                           ).fetchone()[0] == total
        types = dict(con.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE "
                                 "table_name = 'line_facts' AND database_name = 'w'").fetchall())
        assert len(types) == 45
        for col, kind in types.items():
            if kind == "DOUBLE":    # per-order sums may add in another order: last bits only
                differs = (f'NOT (a."{col}" IS NOT DISTINCT FROM b."{col}" '
                           f'OR abs(a."{col}" - b."{col}") <= 1e-9 * greatest(1, abs(b."{col}")))')
            else:
                differs = f'a."{col}" IS DISTINCT FROM b."{col}"'
            bad = con.execute(f"SELECT count(*) FROM line_facts a JOIN w.line_facts b "
                              f"USING (order_id) WHERE {differs}").fetchone()[0]
            assert bad == 0, col
        unordered = con.execute(
            "SELECT count(*) FROM (SELECT supplier_id, due_date, lag(supplier_id) OVER w AS ps, "
            "lag(due_date) OVER w AS pd FROM line_facts WINDOW w AS (ORDER BY rowid)) "
            "WHERE ps > supplier_id OR (ps = supplier_id AND pd > due_date)").fetchone()[0]
        assert unordered == 0
    finally:
        con.execute("DETACH w")


def _no_scratch_left(con, folder):
    assert not con.execute("SELECT count(*) FROM duckdb_databases() WHERE database_name = $n",
                           {"n": facts.SCRATCH}).fetchone()[0]
    assert not list(folder.glob("abasto-facts-*"))


def _nothing_left(con, folder):
    _no_scratch_left(con, folder)
    assert not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = '_facts_parts'"
                           ).fetchone()[0]


@pytest.fixture
def scratch_folder(tmp_path, monkeypatch):
    """Where the scratch folder is made (tempfile's default), to see it go."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_several_joins_and_a_supplier_over_a_part_give_the_whole_rebuild(
        demo_db, tmp_path, monkeypatch, scratch_folder):
    whole = _whole(demo_db, tmp_path, monkeypatch)
    biggest = duckdb.connect(str(whole), read_only=True).execute(
        "SELECT max(n) FROM (SELECT supplier_id, count(*) AS n FROM line_facts GROUP BY 1)"
    ).fetchone()[0]
    # one supplier is larger than a part: its part number skips the next ones
    monkeypatch.setattr(facts, "PART_LINES", biggest * 2 // 3)
    monkeypatch.setattr(facts, "JOIN_LINES", biggest * 3)
    con, grace = _copy(demo_db, tmp_path, "parts.duckdb")
    rec = Recording(con)
    facts.refresh(rec, grace_days=grace)
    joins = [q for q in rec.sql if f"{facts.SCRATCH}.deliveries" in q and "SELECT k.part" in q]
    parts = [q for q in rec.sql if q.startswith("INSERT INTO line_facts")]
    assert len(joins) >= 3 and joins[0].startswith(f"CREATE TABLE {facts.SCRATCH}.deliveries")
    assert all(q.startswith(f"INSERT INTO {facts.SCRATCH}.deliveries") for q in joins[1:])
    assert len(parts) > len(joins)
    assert all(f"FROM {facts.SCRATCH}.deliveries d JOIN o ON o.o_rid = d.o_rid" in q for q in parts)
    _same_facts_in_order(con, whole)
    _nothing_left(con, scratch_folder)
    con.close()


def test_one_join_for_all_parts(demo_db, tmp_path, monkeypatch, scratch_folder):
    whole = _whole(demo_db, tmp_path, monkeypatch)
    monkeypatch.setattr(facts, "PART_LINES", 3_000)
    con, grace = _copy(demo_db, tmp_path, "parts.duckdb")
    rec = Recording(con)
    facts.refresh(rec, grace_days=grace)
    assert sum(f"{facts.SCRATCH}.deliveries AS" in q for q in rec.sql) == 1
    assert not any(q.startswith(f"INSERT INTO {facts.SCRATCH}") for q in rec.sql)
    _same_facts_in_order(con, whole)
    _nothing_left(con, scratch_folder)
    con.close()


def test_few_parts_scan_deliveries_per_part(demo_db, tmp_path, monkeypatch, scratch_folder):
    """Below SCRATCH_MIN_PARTS parts the scratch copy would cost more than it saves."""
    whole = _whole(demo_db, tmp_path, monkeypatch)
    monkeypatch.setattr(facts, "PART_LINES", 12_000)
    con, grace = _copy(demo_db, tmp_path, "few.duckdb")
    rec = Recording(con)
    facts.refresh(rec, grace_days=grace)
    parts = [q for q in rec.sql if q.startswith("INSERT INTO line_facts")]
    assert 1 < len(parts) < facts.SCRATCH_MIN_PARTS
    assert not any(facts.SCRATCH in q for q in rec.sql)
    assert all("FROM deliveries d JOIN o ON o.order_id = d.order_id" in q for q in parts)
    _same_facts_in_order(con, whole)
    _nothing_left(con, scratch_folder)
    con.close()


def test_orders_as_a_view_scan_deliveries_per_part(demo_db, tmp_path, monkeypatch, scratch_folder):
    """A view has no row ids to key the scratch copy by: each part joins the deliveries table."""
    whole = _whole(demo_db, tmp_path, monkeypatch)
    monkeypatch.setattr(facts, "PART_LINES", 3_000)
    con, grace = _copy(demo_db, tmp_path, "view.duckdb")
    con.execute("ALTER TABLE orders RENAME TO orders_stored")
    con.execute("CREATE VIEW orders AS SELECT * FROM orders_stored")
    rec = Recording(con)
    facts.refresh(rec, grace_days=grace)
    assert not any(facts.SCRATCH in q for q in rec.sql)
    assert sum(q.startswith("INSERT INTO line_facts") for q in rec.sql) >= facts.SCRATCH_MIN_PARTS
    _same_facts_in_order(con, whole)
    _nothing_left(con, scratch_folder)
    con.close()


@pytest.mark.parametrize("fail_on", ["INSERT INTO line_facts", f"{facts.SCRATCH}.deliveries"])
def test_a_failing_part_or_join_leaves_no_scratch(demo_db, tmp_path, monkeypatch, scratch_folder,
                                                   fail_on):
    monkeypatch.setattr(facts, "PART_LINES", 3_000)
    monkeypatch.setattr(facts, "JOIN_LINES", 10_000)
    con, grace = _copy(demo_db, tmp_path, "fail.duckdb")
    with pytest.raises(duckdb.InvalidInputException, match="planted failure"):
        facts.refresh(Recording(con, fail_on=fail_on, fail_at=2), grace_days=grace)
    # (the caller discards a failed connection, store.writer; the scratch goes all the same)
    _no_scratch_left(con, scratch_folder)
    con.close()
