"""A full line-facts rebuild in parts (facts.PART_LINES, supplier by supplier) gives the same
facts, in the same (supplier_id, due_date) order, as one rebuild of everything."""
import shutil

import duckdb
import pytest

from metrics import facts


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
    parts.execute(f"ATTACH '{tmp_path / 'whole.duckdb'}' AS w (READ_ONLY)")
    columns = [r[0] for r in parts.execute("DESCRIBE line_facts").fetchall()]
    types = dict(parts.execute("SELECT column_name, data_type FROM duckdb_columns() "
                               "WHERE table_name = 'line_facts' AND database_name = current_database()"
                               ).fetchall())
    assert parts.execute("SELECT count(*) FROM line_facts a JOIN w.line_facts b USING (order_id)"
                         ).fetchone()[0] == total
    for col in columns:
        if types[col] == "DOUBLE":     # a running sum may add in another order: last bits only
            differs = (f'NOT (a."{col}" IS NOT DISTINCT FROM b."{col}" '
                       f'OR abs(a."{col}" - b."{col}") <= 1e-9 * greatest(1, abs(b."{col}")))')
        else:
            differs = f'a."{col}" IS DISTINCT FROM b."{col}"'
        bad = parts.execute(f"SELECT count(*) FROM line_facts a JOIN w.line_facts b USING (order_id) "
                            f"WHERE {differs}").fetchone()[0]
        assert bad == 0, col
    # stored in supplier, due date order (what one supplier's queries rely on)
    unordered = parts.execute(
        "SELECT count(*) FROM (SELECT supplier_id, due_date, lag(supplier_id) OVER w AS ps, "
        "lag(due_date) OVER w AS pd FROM line_facts WINDOW w AS (ORDER BY rowid)) "
        "WHERE ps > supplier_id OR (ps = supplier_id AND pd > due_date)").fetchone()[0]
    assert unordered == 0
    assert parts.execute("SELECT count(DISTINCT supplier_id) FROM line_facts").fetchone()[0] > 7
    parts.close()


@pytest.mark.parametrize("part_lines", [3_000, 10**9])
def test_every_part_size_keeps_every_line(demo_db, tmp_path, monkeypatch, part_lines):
    con = _rebuilt(demo_db, tmp_path, "x.duckdb", part_lines, monkeypatch)
    lines, orders = con.execute("SELECT (SELECT count(*) FROM line_facts), (SELECT count(*) FROM orders "
                                "WHERE contract_id IN (SELECT contract_id FROM contracts))").fetchone()
    assert lines == orders
    con.close()
