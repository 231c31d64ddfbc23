"""Fixtures shared by the importer tests."""
import duckdb
import pytest

from metrics.ingest import validate


@pytest.fixture(scope="module")
def macro_con():
    """An in-memory connection with the importer's parse macros (validate.prepare)."""
    con = duckdb.connect()
    validate.prepare(con)
    yield con
    con.close()
