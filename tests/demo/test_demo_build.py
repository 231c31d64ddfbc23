"""abasto demo: deterministic for a seed, sized as asked, every table filled, the CLI."""
from datetime import date

import pytest

from metrics import demo, store
from metrics.cli import main

TODAY = date(2026, 11, 26)
# tables whose rows carry build times rather than data
VOLATILE = {"import_batches", "facts_meta", "schema_version"}


def _data_fingerprint(path):
    """Every table but the volatile ones and the rollups: a rollup's float sums follow the
    order DuckDB's threads add in (last-bit differences); they are derived from line_facts,
    which is compared, and tests/metrics and tests/shortages check them against the lines."""
    with store.connect_read(path) as con:
        return {t: v for t, v in store.fingerprint(con).items()
                if t not in VOLATILE and not t.startswith("rollup_")}


def test_same_seed_same_database_whatever_the_chunk_size(tmp_path):
    a, b, c = tmp_path / "a.duckdb", tmp_path / "b.duckdb", tmp_path / "c.duckdb"
    demo.generate(a, lines=4_000, seed=3, today=TODAY)
    demo.generate(b, lines=4_000, seed=3, today=TODAY, chunk=1_500)
    demo.generate(c, lines=4_000, seed=4, today=TODAY)
    fa, fb, fc = _data_fingerprint(a), _data_fingerprint(b), _data_fingerprint(c)
    assert fa == fb
    assert fa["orders"] != fc["orders"] and fa["suppliers"] != fc["suppliers"]
    assert "demo_planted" in fa and "line_facts" in fa


def test_size_is_the_number_of_lines_asked_and_every_table_has_rows(demo_db):
    with store.connect_read(demo_db) as con:
        assert con.execute("SELECT count(*) FROM orders").fetchone()[0] == 30_000
        assert con.execute("SELECT count(*) FROM line_facts").fetchone()[0] == 30_000
        for table in demo.TABLES:
            assert con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] > 0, table
        deliveries = con.execute("SELECT count(*) FROM deliveries").fetchone()[0]
        assert 30_000 < deliveries < 45_000          # split and late-completed shipments
        batch = con.execute("SELECT batch_id, origin FROM import_batches").fetchall()
        assert batch == [(1, "demo")]
        assert con.execute("SELECT count(*) FROM orders WHERE batch_id IS DISTINCT FROM 1").fetchone()[0] == 0


def test_reference_sizes_are_realistic(demo_db):
    with store.connect_read(demo_db) as con:
        one = lambda q: con.execute(q).fetchone()[0]
        assert one("SELECT count(*) FROM institutions") == 26
        assert one("SELECT count(*) FROM institutions WHERE institution_id LIKE 'SSA-%'") == 20
        assert 1_300 <= one("SELECT count(*) FROM units") <= 1_700
        assert one("SELECT count(DISTINCT state) FROM units") == 32
        assert set(r[0] for r in con.execute("SELECT DISTINCT kind FROM units").fetchall()) == {
            "warehouse", "hospital", "clinic", "pharmacy"}
        assert one("SELECT count(*) FROM items") > 3_000
        assert set(r[0] for r in con.execute("SELECT DISTINCT item_group FROM items").fetchall()) == {
            "medicine", "vaccine", "nutrition", "psychotropic", "medical_supply", "radiology", "laboratory"}


def test_default_size_gives_a_few_thousand_suppliers():
    from metrics.demo import suppliers
    assert suppliers.count_for(demo.DEFAULT_LINES) >= 2_000
    assert suppliers.count_for(10_000_000) == 3_000


def test_cli_builds_and_summarises(tmp_path, capsys):
    path = tmp_path / "cli.duckdb"
    path.write_bytes(b"")                                  # replaced, not read
    assert main(["demo", "--db", str(path), "--lines", "2000", "--seed", "5",
                 "--today", "26/11/2026"]) == 0
    out = capsys.readouterr().out
    assert "2,000 order lines, seed 5" in out and "orders 2023-11…2026-10" in out
    assert "deliveries" in out
    with store.connect_read(path) as con:
        assert con.execute("SELECT count(*) FROM orders").fetchone()[0] == 2_000


@pytest.mark.parametrize("argv, message", [
    (["--lines", "10"], "--lines must be between"),
    (["--seed", "-1"], "--seed must be between"),
    (["--today", "2026-13-01"], "is not a date"),
])
def test_cli_rejects_bad_options_without_writing(tmp_path, capsys, argv, message):
    path = tmp_path / "bad.duckdb"
    assert main(["demo", "--db", str(path), *argv]) == 1
    assert message in capsys.readouterr().err
    assert not path.exists()
