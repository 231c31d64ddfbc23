"""A demo database exported to canonical CSV files imports back to the same rows: the
importer, the contract and the demo generator agree (the import bench does the same at scale)."""
import datetime as dt

import duckdb

from metrics.ingest import contract, import_paths


def test_demo_export_imports_back_unchanged(tmp_path):
    from metrics import demo

    source = tmp_path / "demo.duckdb"
    demo.generate(source, lines=1_000, seed=7, today=dt.date(2026, 6, 30))
    folder = tmp_path / "csv"
    folder.mkdir()
    with duckdb.connect(str(source), read_only=True) as con:
        for tbl in contract.TABLES:
            cols = ", ".join(f'"{c.store_name}" AS "{c.name}"' for c in tbl.columns)
            con.execute(f"COPY (SELECT {cols} FROM {tbl.name}) TO '{folder}/{tbl.name}.csv' (HEADER)")
    target = tmp_path / "imported.duckdb"
    report = import_paths([folder], target)
    assert report.warnings.empty, report.warnings.head(20).to_string()
    with duckdb.connect(str(target), read_only=True) as con:
        con.execute(f"ATTACH '{source}' AS src (READ_ONLY)")
        for tbl in contract.TABLES:
            # the importer trims text, and stores a missing minimum shelf life as its default
            # (12), which means the same
            cols = ", ".join(f'coalesce("{c.store_name}", 12)' if c.name == "min_shelf_life_months"
                             else f'trim("{c.store_name}")' if c.type == contract.TEXT
                             else f'"{c.store_name}"' for c in tbl.columns)
            ours = con.execute(f"SELECT {cols} FROM {tbl.name} ORDER BY ALL").fetchall()
            theirs = con.execute(f"SELECT {cols} FROM src.{tbl.name} ORDER BY ALL").fetchall()
            assert ours == theirs, tbl.name
            assert report.tables[tbl.name][0] == len(theirs)
