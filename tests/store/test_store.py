"""The store: migrations, atomic build-aside writes, readers following the live file."""
import duckdb
import pytest

from metrics import sqlfiles, store
from metrics.exceptions import DatabaseError


def _names(con):
    return [r[0] for r in con.execute("SELECT name FROM suppliers ORDER BY 1").fetchall()]


def test_new_database_is_at_current_version(db):
    with store.connect_read(db) as con:
        assert store.schema_version(con) == store.SCHEMA_VERSION
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert set(store.DATA_TABLES) | {"import_batches", "line_facts", "schema_version"} <= tables


def test_failed_write_leaves_database_exactly_as_before(db):
    with store.writer(db) as con:
        con.execute("INSERT INTO suppliers (supplier_id, name) VALUES ('P', 'Perfecto')")
    with store.connect_read(db) as con:
        before = store.fingerprint(con)
    with pytest.raises(RuntimeError):
        with store.writer(db) as con:
            con.execute("INSERT INTO suppliers (supplier_id, name) VALUES ('L', 'Tardío')")
            raise RuntimeError("killed halfway")
    with store.connect_read(db) as con:
        assert store.fingerprint(con) == before
        assert _names(con) == ["Perfecto"]
    assert not list(db.parent.glob(".*.tmp*"))


def test_reader_sees_new_data_after_a_write_and_old_cursors_keep_working(db):
    reader = store.Reader(db)
    old = reader.cursor()
    assert _names(old) == []
    with store.writer(db) as con:
        con.execute("INSERT INTO suppliers (supplier_id, name) VALUES ('S', 'Surtidora')")
    assert _names(old) == []                 # a query in flight is not disturbed
    assert _names(reader.cursor()) == ["Surtidora"]
    reader.close()


def test_older_schema_is_migrated(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    first = sqlfiles.migrations()[0]
    con.execute(sqlfiles.load(f"migrations/{first[1]}"))
    con.execute("INSERT INTO schema_version VALUES (1, now())")
    con.execute("INSERT INTO suppliers (supplier_id, name) VALUES ('V', 'Versión uno')")
    con.close()
    with store.connect_read(path) as con:
        assert store.schema_version(con) == store.SCHEMA_VERSION
        assert _names(con) == ["Versión uno"]
        assert con.execute("SELECT count(*) FROM line_facts").fetchone()[0] == 0


def test_corrupt_file_gives_a_clear_message(tmp_path):
    path = tmp_path / "corrupt.duckdb"
    path.write_bytes(b"\x00\x01 this is not a database " * 200)
    with pytest.raises(DatabaseError, match="damaged or not a DuckDB file"):
        store.connect_read(path)


def test_foreign_duckdb_file_is_refused(tmp_path):
    path = tmp_path / "foreign.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE something_else (x INTEGER)")
    con.close()
    with pytest.raises(DatabaseError, match="not an Abasto database"):
        store.connect_read(path)
    with pytest.raises(DatabaseError, match="not an Abasto database"):
        with store.writer(path):
            pass


def test_newer_schema_is_refused(db):
    with store.writer(db) as con:
        con.execute("INSERT INTO schema_version VALUES (999, now())")
    with pytest.raises(DatabaseError, match="newer Abasto"):
        store.connect_read(db)
