"""Fixtures shared by the importer tests."""
import shutil

import duckdb
import pytest

from metrics.ingest import import_paths, validate
from tests.ingest.ingest_helpers import copy_base


@pytest.fixture(scope="module")
def macro_con():
    """An in-memory connection with the importer's parse macros (validate.prepare)."""
    con = duckdb.connect()
    validate.prepare(con)
    yield con
    con.close()


@pytest.fixture(scope="session")
def base_db(tmp_path_factory):
    """A database holding the base set (imported by user "ana", origin "test"), built once:
    copy it (base_copy) before changing it."""
    folder = tmp_path_factory.mktemp("base")
    db = folder / "base.duckdb"
    import_paths([copy_base(folder / "files")], db, user="ana", origin="test")
    return db


@pytest.fixture
def base_copy(base_db, tmp_path):
    """A private copy of the base database."""
    path = tmp_path / "abasto.duckdb"
    shutil.copy(base_db, path)
    return path
