"""A full line-facts rebuild in parts (facts.PART_LINES, supplier by supplier) gives the same
facts, in the same (supplier_id, due_date) order, as one rebuild of everything."""
import shutil

import duckdb
import pytest

from metrics import facts
from tests.ingest.ingest_helpers import assert_same_line_facts_in_order


def _rebuilt(src, tmp_path, name, part_lines, monkeypatch):
    path = tmp_path / name
    shutil.copyfile(src, path)
    monkeypatch.setattr(facts, "PART_LINES", part_lines)
    con = duckdb.connect(str(path))
    facts.refresh(con, grace_days=con.execute("SELECT grace_days FROM facts_meta").fetchone()[0])
    return con


def test_parts_give_the_same_facts_in_the_same_order(demo_db, tmp_path, monkeypatch):
    whole = _rebuilt(demo_db, tmp_path, "whole.duckdb", 10**9, monkeypatch)
    total = whole.execute("SELECT count(*) FROM line_facts").fetchone()[0]
    whole.close()
    parts = _rebuilt(demo_db, tmp_path, "parts.duckdb", total // 7, monkeypatch)
    assert parts.execute("SELECT count(*) FROM line_facts").fetchone()[0] == total
    assert not parts.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = '_facts_parts'"
                             ).fetchone()[0]
    assert_same_line_facts_in_order(parts, tmp_path / "whole.duckdb")
    assert parts.execute("SELECT count(DISTINCT supplier_id) FROM line_facts").fetchone()[0] > 7
    parts.close()


@pytest.mark.parametrize("part_lines", [3_000, 10**9])
def test_every_part_size_keeps_every_line(demo_db, tmp_path, monkeypatch, part_lines):
    con = _rebuilt(demo_db, tmp_path, "x.duckdb", part_lines, monkeypatch)
    lines, orders = con.execute("SELECT (SELECT count(*) FROM line_facts), (SELECT count(*) FROM orders "
                                "WHERE contract_id IN (SELECT contract_id FROM contracts))").fetchone()
    assert lines == orders
    con.close()
