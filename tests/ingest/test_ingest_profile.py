"""ABASTO_IMPORT_PROFILE: the import times its steps (read, type, check, write, line facts,
rollups, commit) and prints them to stderr; off, it records nothing."""
from metrics.ingest import import_paths, profile
from tests.ingest.ingest_helpers import copy_base


def test_profiled_import_lists_every_step(tmp_path, db, monkeypatch, capsys):
    monkeypatch.setenv("ABASTO_IMPORT_PROFILE", "1")
    folder = copy_base(tmp_path / "in")
    import_paths([folder], db)
    names = [name for name, *_ in profile.steps()]
    for kind in ("sha256", "read", "type", "check values", "check keys", "check references",
                 "write orders", "line facts", "rollups", "commit"):
        assert any(n.startswith(kind) for n in names), kind
    assert all(wall >= 0 and cpu >= 0 and peak > 0 for _, wall, cpu, peak in profile.steps())
    err = capsys.readouterr().err
    assert "import step" in err and "line facts" in err and "(sum of steps)" in err


def test_unprofiled_import_records_nothing(tmp_path, db, monkeypatch, capsys):
    monkeypatch.delenv("ABASTO_IMPORT_PROFILE", raising=False)
    profile.enable(False)
    import_paths([copy_base(tmp_path / "in")], db)
    assert profile.steps() == []
    assert "import step" not in capsys.readouterr().err


def test_the_import_command_profiles_with_its_option(tmp_path, db, monkeypatch, capsys):
    from metrics.cli import main
    monkeypatch.delenv("ABASTO_IMPORT_PROFILE", raising=False)
    try:
        assert main(["import", "--db", str(db), "--quiet", "--profile", str(copy_base(tmp_path / "in"))]) == 0
        assert "import step" in capsys.readouterr().err
    finally:
        profile.enable(False)
