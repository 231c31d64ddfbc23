"""What the reporting commands write, and what they refuse before writing anything: an --out
that is the database (or any DuckDB file), a spreadsheet name for a text table, a --db that
does not exist; JSON with empty dates; every line to a file; formula text made inert."""
from __future__ import annotations

import csv
import io
import json
import shutil

import duckdb
import pytest

from metrics.cli import main


def _rc(argv, capsys):
    rc = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture
def db(demo_db, tmp_path):
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, path)
    return path


@pytest.mark.parametrize("command", [["scores"], ["ledger"], ["shortages", "headline"]])
def test_out_on_a_database_is_refused_and_the_database_survives(db, tmp_path, capsys, command):
    other = tmp_path / "other.duckdb"
    shutil.copy(db, other)
    for target in (db, other):
        rc, _, err = _rc([*command, "--db", db, "--format", "csv", "--out", target], capsys)
        assert rc == 1 and "is a database file" in err and "nothing was written" in err
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM orders").fetchone()[0] == 30_000


def test_out_on_a_database_log_is_refused(db, capsys):
    rc, _, err = _rc(["scores", "--db", db, "--out", f"{db}.wal"], capsys)
    assert rc == 1 and "is a database file" in err


def test_export_ocds_out_on_a_database_or_not_json_is_refused(db, tmp_path, capsys):
    rc, _, err = _rc(["export", "ocds", "--db", db, "--out", db], capsys)
    assert rc == 1 and "is a database file" in err
    rc, _, err = _rc(["export", "ocds", "--db", db, "--out", tmp_path / "x.txt"], capsys)
    assert rc == 1 and "must end in .json" in err and not (tmp_path / "x.txt").exists()


def test_help_describes_every_command(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "export    Exporta gráficas, tablas u OCDS" in capsys.readouterr().out


@pytest.mark.parametrize("command", [["scores"], ["ledger"], ["shortages"], ["export", "ocds", "--out", "x.json"]])
def test_a_missing_database_is_an_error_and_nothing_is_created(tmp_path, capsys, command):
    missing = tmp_path / "nowhere" / "nope.duckdb"
    rc, _, err = _rc([*command, "--db", missing], capsys)
    assert rc == 1 and "does not exist: import data first" in err
    assert not missing.parent.exists()


def test_json_with_empty_dates(db, capsys):
    rc, out, _ = _rc(["shortages", "headline", "--db", db, "--format", "json"], capsys)
    assert rc == 0 and json.loads(out)[0]["date_from"] is None
    rc, out, _ = _rc(["scores", "--db", db, "--lines", "open_overdue", "--format", "json"], capsys)
    rows = json.loads(out)
    assert rc == 0 and rows and all(r["completion_date"] is None for r in rows)


def test_every_line_goes_to_a_file_and_the_screen_says_when_it_cuts(db, tmp_path, capsys):
    with duckdb.connect(str(db), read_only=True) as con:
        lines = con.execute("SELECT count(*) FROM line_facts WHERE NOT cancelled AND NOT is_otif "
                            "AND due_date <= (SELECT max(delivered_date) FROM deliveries)").fetchone()[0]
    assert lines > 1000
    out = tmp_path / "lines.csv"
    rc, _, err = _rc(["scores", "--db", db, "--lines", "not_otif", "--out", out], capsys)   # csv from the name
    assert rc == 0 and f"{lines:,} rows written" in err
    with open(out, encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == lines
    rc, shown, err = _rc(["scores", "--db", db, "--lines", "not_otif"], capsys)
    assert rc == 0 and "the first 200 lines; --limit N for more" in err
    assert "más" not in shown.splitlines()[-3] and len(shown.splitlines()) > 200   # every line fetched is shown
    rc, shown, _ = _rc(["scores", "--db", db, "--lines", "not_otif", "--limit", "300"], capsys)
    assert rc == 0 and "filas más" not in shown and len(shown.splitlines()) > 300
    rc, out_text, err = _rc(["scores", "--db", db, "--lines", "not_otif", "--limit", "7", "--format", "csv"], capsys)
    assert rc == 0 and len(list(csv.DictReader(io.StringIO(out_text)))) == 7
    with pytest.raises(SystemExit):
        main(["scores", "--db", str(db), "--lines", "--limit", "-5"])
    assert "at least 1" in capsys.readouterr().err


def test_a_spreadsheet_name_is_refused_and_csv_json_names_choose_the_format(db, tmp_path, capsys):
    rc, _, err = _rc(["scores", "--db", db, "--out", tmp_path / "s.xlsx"], capsys)
    assert rc == 1 and "abasto export tables" in err and not (tmp_path / "s.xlsx").exists()
    rc, _, _ = _rc(["ledger", "--db", db, "--out", tmp_path / "l.csv"], capsys)
    assert rc == 0 and (tmp_path / "l.csv").read_text(encoding="utf-8").startswith("contract_id,")
    rc, _, _ = _rc(["ledger", "--db", db, "--out", tmp_path / "l.json"], capsys)
    assert rc == 0 and isinstance(json.loads((tmp_path / "l.json").read_text(encoding="utf-8")), list)


def test_csv_output_makes_formula_text_inert(db, capsys):
    with duckdb.connect(str(db)) as con:
        supplier = con.execute("SELECT supplier_id FROM line_facts GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
                               ).fetchone()[0]
        con.execute("UPDATE suppliers SET name = '=HYPERLINK(\"http://x\",\"y\")' WHERE supplier_id = ?",
                    [supplier])
    rc, out, _ = _rc(["scores", "--db", db, "--format", "csv", "--supplier", supplier], capsys)
    row = next(csv.DictReader(io.StringIO(out)))
    assert rc == 0 and row["supplier_name"] == "'=HYPERLINK(\"http://x\",\"y\")"
    assert float(row["lines"]) > 0                      # numbers untouched


@pytest.mark.parametrize("command", [["scores"], ["ledger"], ["shortages", "episodes"]])
def test_csv_columns_do_not_depend_on_the_result(db, capsys, command):
    # scripts read columns by name: an empty scope has the same header as a full one
    headers = []
    for extra in ([], ["--from", "2035-01-01"]):
        rc, out, _ = _rc([*command, "--db", db, "--format", "csv", *extra], capsys)
        assert rc == 0
        headers.append(out.splitlines()[0])
    assert headers[0] == headers[1]
    if command == ["scores"]:
        assert "weights_used" in headers[0] and "peer_group" in headers[0]


def test_filter_values_that_name_nothing_are_refused_with_a_hint(db, capsys):
    with duckdb.connect(str(db), read_only=True) as con:
        state = con.execute("SELECT state FROM units WHERE state IS NOT NULL ORDER BY 1 LIMIT 1").fetchone()[0]
    cases = [(["scores", "--supplier", "NOPE"], "--supplier NOPE: not in this database"),
             (["scores", "--state", state.lower()], f"--state {state.lower()}: not in this database; "
                                                    f"did you mean {state}?"),
             (["ledger", "--procedure-type", "licitacion"],
              "--procedure-type licitacion: not in this database; one of direct_award, open_tender, restricted"),
             (["shortages", "--item-group", "medicina"], "did you mean medicine?")]
    for argv, message in cases:
        rc, out, err = _rc([*argv, "--db", db], capsys)
        assert rc == 1 and message in err and out == ""
    rc, out, _ = _rc(["scores", "--db", db, "--state", state, "--format", "csv"], capsys)
    assert rc == 0 and len(out.splitlines()) > 1


def test_date_problems_name_the_option_typed(db, capsys):
    for flag, value in (("--from", "31/02/2025"), ("--to", "2025-13-01"), ("--as-of", "ayer")):
        rc, _, err = _rc(["scores", "--db", db, flag, value], capsys)
        assert rc == 1 and err.startswith(f"abasto: {flag}: '{value}' is not a date")


@pytest.mark.parametrize("command, out", [(["export", "charts"], "charts"), (["export", "tables"], "t.xlsx"),
                                          (["report", "shortages"], "r.pdf")])
def test_exports_refuse_filter_values_that_name_nothing(db, tmp_path, capsys, command, out):
    rc, _, err = _rc([*command, "--out", tmp_path / out, "--db", db, "--state", "Nowhere"], capsys)
    assert rc == 1 and "--state Nowhere: not in this database; one of" in err
    assert not (tmp_path / out).exists()


def test_coded_filters_take_the_words_the_tables_show(db, capsys):
    base = _rc(["scores", "--db", db, "--format", "csv", "--item-group", "medicine",
                "--procedure-type", "open_tender"], capsys)[1]
    for group, procedure in (("Medicamento", "Licitación pública"), ("medicamento", "licitacion publica"),
                             ("Medicine", "Open tender")):
        rc, out, _ = _rc(["scores", "--db", db, "--format", "csv", "--item-group", group,
                          "--procedure-type", procedure], capsys)
        assert rc == 0 and out == base
