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


DEMO_TODAY = __import__("datetime").date(2026, 11, 26)   # fixed, so the demo never depends on the day


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    """Path of a small demo database (30,000 lines, seed 7, today = DEMO_TODAY), built once per
    test process. Read it only (copy the file to change it); demo_planted lists what it hides."""
    from metrics import demo
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ABASTO_CONFIG", str(path.with_name("abasto.toml")))   # default settings
        demo.generate(path, lines=30_000, seed=7, today=DEMO_TODAY)
    return path
