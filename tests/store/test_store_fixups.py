import duckdb
import pytest

from metrics import store
from metrics.exceptions import DatabaseError


def test_stale_spill_folder_and_copies_are_removed(db):
    spill = db.with_name(f".{db.name}.999.1.tmp.tmp")
    (spill / "nested").mkdir(parents=True)
    (spill / "nested" / "block.bin").write_bytes(b"x" * 10)
    copy = db.with_name(f".{db.name}.999.1.tmp")
    copy.write_bytes(b"old copy")
    with store.writer(db):
        pass
    assert not spill.exists() and not copy.exists()


def test_migrate_ignores_temp_tables_of_the_connection(tmp_path):
    con = duckdb.connect(str(tmp_path / "new.duckdb"))
    con.execute("CREATE TEMP TABLE scratch (x INTEGER)")
    assert store.migrate(con, tmp_path / "new.duckdb")[-1] == store.SCHEMA_VERSION
    assert store.schema_version(con) == store.SCHEMA_VERSION
    assert "scratch" not in store.fingerprint(con)
    con.close()


def test_errors_name_the_database_not_the_private_link(tmp_path):
    path = tmp_path / "corrupt.duckdb"
    path.write_bytes(b"\x00\x01 this is not a database " * 200)
    with pytest.raises(DatabaseError) as info:
        store.connect_read(path)
    assert str(path) in str(info.value)
    assert ".ro" not in str(info.value)
