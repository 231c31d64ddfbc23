import io
import sys

import pandas as pd
import pytest

import metrics.cli as cli
from metrics.cli.output import print_problems


def test_print_problems_shows_missing_values_empty():
    problems = pd.DataFrame({
        "severity": ["error", "warning"], "file": ["a.csv", "b.json"],
        "row": pd.array([12, None], dtype="Int64"), "column": ["precio", None],
        "value": [None, "abc"], "problem": ["falta el precio", "campo desconocido"]})
    out = io.StringIO()
    print_problems(problems, file=out)
    text = out.getvalue()
    assert "<NA>" not in text and "None" not in text and "nan" not in text
    assert "12" in text and "12.0" not in text


def test_print_problems_float_rows_print_as_integers():
    problems = pd.DataFrame({"file": ["a.csv", "a.csv"], "row": [3.0, float("nan")],
                             "problem": ["x", "y"]})
    out = io.StringIO()
    print_problems(problems, file=out)
    assert " 3 " in out.getvalue() + " " and "3.0" not in out.getvalue()
    assert "nan" not in out.getvalue().lower()


def _fake_commands(monkeypatch, commands):
    monkeypatch.setattr(cli, "_commands", lambda: commands)


def test_command_whose_package_is_not_installed_is_skipped(monkeypatch):
    # the package itself and a parent of it are missing: both mean "not in this build"
    _fake_commands(monkeypatch, [("ledger", "metrics.cli.ledger_cmd"),
                                 ("report", "abasto_absent_pkg.cli.report_cmd"),
                                 ("other", "abasto_absent_pkg2")])
    parser = cli.build_parser()
    text = parser.format_help()
    assert "ledger" in text and "report" not in text and "other" not in text


def test_command_with_a_missing_dependency_still_fails(monkeypatch, tmp_path):
    pkg = tmp_path / "abasto_plugin_pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "cmd.py").write_text("import abasto_no_such_dependency\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    _fake_commands(monkeypatch, [("broken", "abasto_plugin_pkg.cmd")])
    with pytest.raises(ModuleNotFoundError, match="abasto_no_such_dependency"):
        cli.build_parser()
    sys.modules.pop("abasto_plugin_pkg", None)


def test_id_labels_come_from_the_shortage_registry(monkeypatch):
    from dashboard.exports import columns
    from metrics.cli import display
    from metrics.shortages import labels
    monkeypatch.setitem(labels.COLUMNS, "state", ("Entidad", "State", "id"))
    import importlib
    try:
        fresh = importlib.reload(display)
        assert fresh.label("state", "es") == "Entidad"
        again = importlib.reload(columns)
        assert again.label("state", "es") == "Entidad" and again.kind("state") == "text"
    finally:
        monkeypatch.undo()
        importlib.reload(display)
        importlib.reload(columns)


def test_write_text_to_a_file_and_to_stdout(tmp_path, capsys):
    from metrics.cli.output import write_text
    write_text("a\n", str(tmp_path / "t.txt"), 1234)
    write_text("b\n", None, 1)
    out = capsys.readouterr()
    assert (tmp_path / "t.txt").read_text() == "a\n"
    assert "1,234 rows written" in out.err and out.out == "b\n"


def test_print_problems_with_a_counts_frame_in_attrs():
    # ImportRejected.problems carries attrs["counts"] (a DataFrame): printing must not compare it
    problems = pd.DataFrame({"severity": ["error"], "file": ["a.csv"], "row": [2], "column": ["x"],
                             "value": [None], "problem": ["required value is empty"]})
    problems.attrs["counts"] = pd.DataFrame({"n": [1]})
    out = io.StringIO()
    print_problems(problems, file=out)
    assert "required value is empty" in out.getvalue()
