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
from tests.ingest.ingest_helpers import assert_same_line_facts_in_order


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


def _no_scratch_left(con, folder):
    assert not con.execute("SELECT count(*) FROM duckdb_databases() WHERE database_name = $n",
                           {"n": facts.SCRATCH}).fetchone()[0]
    assert not list(folder.glob("abasto-facts-*"))


def _nothing_left(con, folder):
    _no_scratch_left(con, folder)
    assert not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = '_facts_parts'"
                           ).fetchone()[0]


def _rebuilt_recorded(demo_db, tmp_path, name, prepare=None):
    """A copy of the demo database (`prepare(con)` first), rebuilt with the monkeypatched
    part sizes through a Recording connection: (connection, recording)."""
    con, grace = _copy(demo_db, tmp_path, name)
    if prepare:
        prepare(con)
    rec = Recording(con)
    facts.refresh(rec, grace_days=grace)
    return con, rec


def _same_as_whole_and_clean(con, whole, folder):
    assert_same_line_facts_in_order(con, whole)
    _nothing_left(con, folder)
    con.close()


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
    con, rec = _rebuilt_recorded(demo_db, tmp_path, "parts.duckdb")
    joins = [q for q in rec.sql if f"{facts.SCRATCH}.deliveries" in q and "SELECT k.part" in q]
    parts = [q for q in rec.sql if q.startswith("INSERT INTO line_facts")]
    assert len(joins) >= 3 and joins[0].startswith(f"CREATE TABLE {facts.SCRATCH}.deliveries")
    assert all(q.startswith(f"INSERT INTO {facts.SCRATCH}.deliveries") for q in joins[1:])
    assert len(parts) > len(joins)
    assert all(f"FROM {facts.SCRATCH}.deliveries d JOIN o ON o.o_rid = d.o_rid" in q for q in parts)
    _same_as_whole_and_clean(con, whole, scratch_folder)


def test_one_join_for_all_parts(demo_db, tmp_path, monkeypatch, scratch_folder):
    whole = _whole(demo_db, tmp_path, monkeypatch)
    monkeypatch.setattr(facts, "PART_LINES", 3_000)
    con, rec = _rebuilt_recorded(demo_db, tmp_path, "parts.duckdb")
    assert sum(f"{facts.SCRATCH}.deliveries AS" in q for q in rec.sql) == 1
    assert not any(q.startswith(f"INSERT INTO {facts.SCRATCH}") for q in rec.sql)
    _same_as_whole_and_clean(con, whole, scratch_folder)


def test_few_parts_scan_deliveries_per_part(demo_db, tmp_path, monkeypatch, scratch_folder):
    """Below SCRATCH_MIN_PARTS parts the scratch copy would cost more than it saves."""
    whole = _whole(demo_db, tmp_path, monkeypatch)
    monkeypatch.setattr(facts, "PART_LINES", 12_000)
    con, rec = _rebuilt_recorded(demo_db, tmp_path, "few.duckdb")
    parts = [q for q in rec.sql if q.startswith("INSERT INTO line_facts")]
    assert 1 < len(parts) < facts.SCRATCH_MIN_PARTS
    assert not any(facts.SCRATCH in q for q in rec.sql)
    assert all("FROM deliveries d JOIN o ON o.order_id = d.order_id" in q for q in parts)
    _same_as_whole_and_clean(con, whole, scratch_folder)


def test_orders_as_a_view_scan_deliveries_per_part(demo_db, tmp_path, monkeypatch, scratch_folder):
    """A view has no row ids to key the scratch copy by: each part joins the deliveries table."""
    whole = _whole(demo_db, tmp_path, monkeypatch)
    monkeypatch.setattr(facts, "PART_LINES", 3_000)

    def as_view(con):
        con.execute("ALTER TABLE orders RENAME TO orders_stored")
        con.execute("CREATE VIEW orders AS SELECT * FROM orders_stored")
    con, rec = _rebuilt_recorded(demo_db, tmp_path, "view.duckdb", as_view)
    assert not any(facts.SCRATCH in q for q in rec.sql)
    assert sum(q.startswith("INSERT INTO line_facts") for q in rec.sql) >= facts.SCRATCH_MIN_PARTS
    _same_as_whole_and_clean(con, whole, scratch_folder)


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
