"""The server's shipped settings (.streamlit/config.toml) and the dashboard's DuckDB cap."""
import tomllib
from pathlib import Path

import pytest

from metrics import store

ROOT = Path(__file__).resolve().parents[2]


def test_the_shipped_server_config_is_the_safe_one():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    server = config["server"]
    assert server["address"] == "127.0.0.1"            # local mode: loopback only
    assert 0 < server["maxUploadSize"] <= 200
    # modules are never reloaded under running sessions (the load test hit ImportErrors)
    assert server["fileWatcherType"] == "none"
    assert config["client"]["toolbarMode"] == "viewer"


@pytest.mark.parametrize("value, want", [(None, store.READ_MEMORY), ("768MB", "768MB"), ("2GB", "2GB"),
                                         ("lots", store.READ_MEMORY), ("1GB'; DROP", store.READ_MEMORY)])
def test_the_dashboard_reader_caps_duckdb_memory(demo_db, tmp_path, monkeypatch, value, want):
    if value is None:
        monkeypatch.delenv("ABASTO_READ_MEMORY", raising=False)
    else:
        monkeypatch.setenv("ABASTO_READ_MEMORY", value)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", None)      # so gettempdir() reads TMPDIR again
    reader = store.Reader(demo_db)
    try:
        cursor = reader.cursor()
        limit = cursor.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        spill = cursor.execute("SELECT current_setting('temp_directory')").fetchone()[0]
    finally:
        reader.close()
    import duckdb
    with duckdb.connect() as con:       # DuckDB's own reading of the size we expect
        con.execute(f"SET memory_limit = '{want}'")
        assert limit == con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    assert Path(spill).parent == tmp_path and Path(spill).is_dir()
