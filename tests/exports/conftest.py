import pytest

from tests.exports import exports_data


@pytest.fixture(scope="session")
def small_db(tmp_path_factory):
    """The seeded 5-supplier store of exports_data (read it only)."""
    path = tmp_path_factory.mktemp("exports") / "small.duckdb"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ABASTO_CONFIG", str(path.with_name("abasto.toml")))
        exports_data.build(path)
    return path


@pytest.fixture(autouse=True)
def default_settings(tmp_path, monkeypatch):
    """Default settings whatever abasto.toml the working folder holds."""
    monkeypatch.setenv("ABASTO_CONFIG", str(tmp_path / "no-abasto.toml"))
