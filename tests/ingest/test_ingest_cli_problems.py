"""`abasto import`'s problem report: every file and kind of problem is shown, the counts are
the batch's true totals, and --problems FILE.csv lists every problem."""
import csv

from metrics.cli import main
from metrics.ingest.problems import CAP
from tests.ingest.ingest_helpers import fingerprint, read_base, write_csv


def _bad_batch(folder, bad_quantities: int):
    """deliveries.csv with `bad_quantities` rows whose qty_delivered is "x"; orders.csv with
    one impossible date."""
    folder.mkdir()
    header, rows = read_base("deliveries")
    q = header.index("qty_delivered")
    template = rows[0]
    bad = []
    for i in range(bad_quantities):
        row = list(template)
        row[0], row[q] = f"B-{i}", "x"
        bad.append(row)
    write_csv(folder / "entregas.csv", header, bad)
    header, rows = read_base("orders")
    rows = [rows[0]]
    rows[0][header.index("order_date")] = "31/02/2025"
    write_csv(folder / "ordenes.csv", header, rows)
    return folder


def test_every_file_and_kind_is_shown_with_true_counts(base_copy, tmp_path, capsys):
    folder = _bad_batch(tmp_path / "bad", 150)
    before = fingerprint(base_copy)
    assert main(["import", str(folder / "entregas.csv"), str(folder / "ordenes.csv"),
                 "--db", str(base_copy)]) == 1
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert lines[0] == "151 problem(s), by file, column and kind:"
    assert lines[2].split() == ["150", "error", "entregas.csv", "qty_delivered", "not", "a", "number"]
    assert lines[3].split() == ["1", "error", "ordenes.csv", "order_date", "not", "a", "date:",
                                "no", "such", "day"]
    assert "the first 5 row(s) of each:" in lines
    shown = [line.split() for line in lines if line.lstrip().startswith("error ")]
    assert [r[:5] for r in shown[-6:]] == [
        ["error", "entregas.csv", str(n), "qty_delivered", "x"] for n in range(2, 7)] + [
        ["error", "ordenes.csv", "2", "order_date", "31/02/2025"]]
    assert "6 of 151 problem(s) shown; write them all to a file with --problems FILE.csv" in lines
    assert lines[-1] == "abasto: import rejected: 151 error(s) in 2 file(s); nothing was written"
    assert "Traceback" not in err
    assert fingerprint(base_copy) == before


def _rows(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")          # UTF-8 with BOM: Excel reads the accents
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_problems_file_lists_every_problem_beyond_the_cap(base_copy, tmp_path, capsys):
    folder = _bad_batch(tmp_path / "bad", CAP + 500)
    out = tmp_path / "problemas.csv"
    assert main(["import", str(folder), "--db", str(base_copy), "--problems", str(out)]) == 1
    err = capsys.readouterr().err
    rows = _rows(out)
    assert rows[0] == ["severity", "file", "row", "column", "value", "problem", "code"]
    assert rows[1] == ["error", "entregas.csv", "2", "qty_delivered", "x", "not a number", "bad_number"]
    assert len(rows) == 1 + CAP + 500 + 1
    assert rows[-1] == ["error", "ordenes.csv", "2", "order_date", "31/02/2025",
                        "not a date: no such day", "bad_date"]
    assert f"{CAP + 501:,} problem(s) written to {out}" in err
    assert f"{CAP + 500:,}    error entregas.csv qty_delivered" in err
    assert f"6 of {CAP + 501:,} problem(s) shown; all of them are in {out}" in err
    assert err.splitlines()[-1] == (f"abasto: import rejected: {CAP + 501:,} error(s) in 2 file(s); "
                                    f"nothing was written")


def test_problems_file_with_check(base_copy, tmp_path, capsys):
    folder = _bad_batch(tmp_path / "bad", 3)
    out = tmp_path / "p.csv"
    assert main(["import", "--check", str(folder), "--db", str(base_copy), "--problems", str(out)]) == 1
    rows = _rows(out)
    assert [r[:5] for r in rows[1:]] == [["error", "entregas.csv", str(n), "qty_delivered", "x"]
                                         for n in (2, 3, 4)] + [
        ["error", "ordenes.csv", "2", "order_date", "31/02/2025"]]
    err = capsys.readouterr().err
    assert "4 problem(s) written to" in err
    assert "abasto: check failed: 4 error(s)" in err


def test_problems_file_must_be_a_csv_that_is_not_an_input(base_copy, tmp_path, capsys):
    folder = _bad_batch(tmp_path / "bad", 1)
    assert main(["import", str(folder), "--db", str(base_copy), "--problems",
                 str(tmp_path / "p.xlsx")]) == 1
    assert "name a .csv file" in capsys.readouterr().err
    target = folder / "ordenes.csv"
    before = target.read_bytes()
    assert main(["import", str(target), "--db", str(base_copy), "--problems", str(target)]) == 1
    assert "is one of the files to import" in capsys.readouterr().err
    assert target.read_bytes() == before


def test_header_only_file_is_named_with_its_no_rows_warning(base_copy, tmp_path, capsys):
    header, _ = read_base("penalties")
    path = write_csv(tmp_path / "penalties.csv", header, [])
    before = fingerprint(base_copy)
    assert main(["import", str(path), "--db", str(base_copy)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[0] == "1 warning(s):"
    assert out.splitlines()[2].split() == ["warning", "penalties.csv", "the", "file", "has", "a",
                                           "header", "but", "no", "rows"]
    assert err.strip() == ("abasto: nothing to import: penalties.csv has a header but no rows; "
                           "nothing was written")
    assert fingerprint(base_copy) == before
    other = write_csv(tmp_path / "ordenes.csv", read_base("orders")[0], [])
    assert main(["import", str(path), str(other), "--db", str(base_copy)]) == 1
    assert capsys.readouterr().err.strip() == (
        "abasto: nothing to import: no file holds a row (penalties.csv, ordenes.csv); "
        "nothing was written")
