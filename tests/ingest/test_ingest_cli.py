"""`abasto import` end to end through metrics.cli.main: exit codes, outputs, no traceback."""
import pytest

from metrics.cli import main
from tests.ingest.ingest_helpers import copy_base, fingerprint, read_base, rows_of, write_csv


def test_import_prints_a_summary_and_exits_0(tmp_path, capsys):
    db = tmp_path / "cli.duckdb"
    code = main(["import", str(copy_base(tmp_path / "files")), "--db", str(db), "--user", "lucia"])
    out, err = capsys.readouterr()
    assert code == 0
    assert "batch 1: 11 file(s), 22 row(s) added, 0 updated, 0 warning(s)" in out
    assert "orders" in out and "Traceback" not in out + err
    assert rows_of(db, "SELECT user_name, origin FROM import_batches") == [("lucia", "cli")]


def test_rejected_import_prints_the_problem_table_on_stderr_and_exits_1(tmp_path, capsys):
    db = tmp_path / "cli.duckdb"
    main(["import", str(copy_base(tmp_path / "first")), "--db", str(db)])
    before = fingerprint(db)
    folder = copy_base(tmp_path / "bad", only=["orders"])
    header, rows = read_base("orders")
    rows[0][header.index("due_date")] = "31/02/2025"
    write_csv(folder / "orders.csv", header, rows)
    (folder / "deliveries.csv").write_bytes(b"\x00\x01\x02" * 100)
    capsys.readouterr()
    code = main(["import", str(folder), "--db", str(db)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "orders.csv" in err and "due_date" in err and "not a date" in err
    assert "deliveries.csv" in err and "binary" in err
    assert "nothing was written" in err
    assert "Traceback" not in out + err
    assert fingerprint(db) == before


def test_check_validates_without_writing(tmp_path, capsys):
    db = tmp_path / "never.duckdb"
    code = main(["import", "--check", str(copy_base(tmp_path / "files")), "--db", str(db)])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "check passed: 11 file(s), 22 row(s) would import" in out
    assert not db.exists()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "orders.csv").write_text("")
    assert main(["import", "--check", str(bad), "--db", str(db)]) == 1
    assert "the file is empty" in capsys.readouterr().err


def test_quiet_prints_one_line_and_missing_paths_fail_cleanly(tmp_path, capsys):
    db = tmp_path / "q.duckdb"
    folder = copy_base(tmp_path / "files")
    header, rows = read_base("suppliers")
    write_csv(folder / "suppliers.csv", header + ["Notas"], [r + ["x"] for r in rows])
    assert main(["import", "--quiet", str(folder), "--db", str(db)]) == 0
    out, _ = capsys.readouterr()
    assert out.strip().splitlines() == ["batch 1: 11 file(s), 22 row(s) added, 0 updated, 1 warning(s)"]
    assert main(["import", str(tmp_path / "nope"), "--db", str(db)]) == 1
    _, err = capsys.readouterr()
    assert "no such file or folder" in err and "Traceback" not in err


def test_a_damaged_database_is_a_clear_error(tmp_path, capsys):
    db = tmp_path / "damaged.duckdb"
    db.write_bytes(b"not a database at all" * 100)
    code = main(["import", str(copy_base(tmp_path / "files")), "--db", str(db)])
    _, err = capsys.readouterr()
    assert code == 1
    assert "abasto:" in err and "Traceback" not in err


@pytest.mark.parametrize("argv", [["import"], ["import", "--bogus", "x"]])
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2


def test_progress_bar_on_a_terminal_for_big_files(tmp_path, capsys, monkeypatch):
    import sys

    from metrics.cli import import_cmd
    monkeypatch.setattr(import_cmd, "PROGRESS_BYTES", 0)          # every file counts as big
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    updates = []
    draw = import_cmd._Bar.__call__
    monkeypatch.setattr(import_cmd._Bar, "__call__",
                        lambda self, label, fraction: (updates.append(fraction), draw(self, label, fraction)))
    db = tmp_path / "bar.duckdb"
    assert main(["import", str(copy_base(tmp_path / "files")), "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    assert "batch 1:" in out and "Traceback" not in err
    assert rows_of(db, "SELECT count(*) FROM orders")[0][0] == 3
    assert updates and updates[-1] == 1.0
