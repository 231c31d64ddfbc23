import pytest

from metrics import store


@pytest.fixture
def db(tmp_path, monkeypatch):
    """Path of a fresh, empty, current database in a temp folder (also $ABASTO_DB)."""
    path = tmp_path / "abasto.duckdb"
    monkeypatch.setenv("ABASTO_DB", str(path))
    monkeypatch.setenv("ABASTO_CONFIG", str(tmp_path / "abasto.toml"))
    store.ensure_current(path)
    return path
