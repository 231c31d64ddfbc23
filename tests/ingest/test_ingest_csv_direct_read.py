"""files._stage_csv_direct: a clean CSV is staged straight from the parser (no _raw copy);
anything unusual rolls back and the general path reads the file again. Both ways must stage
the same rows (same _row numbers, same text) and report the same problems, once."""
import csv
import io

import duckdb
import pytest

from metrics import store
from metrics.ingest import files, problems, readers, staging, validate
from metrics.ingest.files import stage_paths
from tests.ingest.ingest_helpers import read_base


def _connection():
    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = true")
    store.migrate(con)
    problems.create(con)
    staging.create(con)
    validate.prepare(con)
    return con


def _staged(folder, monkeypatch, direct: bool):
    """(files info, staged deliveries, problems) of staging `folder` one way."""
    if not direct:
        monkeypatch.setattr(files, "_stage_csv_direct", lambda *a: False)
    used = []
    if direct:       # which files the direct path staged (True) or handed back (False)
        real = files._stage_csv_direct
        monkeypatch.setattr(files, "_stage_csv_direct",
                            lambda con, name, *a: used.append((name, real(con, name, *a))) or used[-1][1])
    con = _connection()
    info = stage_paths(con, [folder])
    rows = con.execute("SELECT * FROM stg_deliveries ORDER BY _file, _row").fetchall()
    found = con.execute('SELECT severity, file, "row", "column", value, problem, code FROM problems '
                        "ORDER BY ALL").fetchall()
    leftovers = con.execute("SELECT table_name FROM duckdb_tables() WHERE table_name IN "
                            "('_raw', '_rejects', '_reject_scans', '_reject_gaps')").fetchall()
    monkeypatch.undo()
    return info, rows, found, used, leftovers


def _deliveries_text(extra_lines: str = "", extra_column: bool = False) -> str:
    header, rows = read_base("deliveries")
    if extra_column:
        header = header + ["nota"]
        rows = [r + [f"n{i}"] for i, r in enumerate(rows)]
    rows = [list(r) for r in rows]
    rows[0][header.index("rejection_reason")] = "  empaque\nroto  "      # spans two lines, padded
    rows[1][header.index("qty_delivered")] = "\u00a01,5"                  # bad number, NBSP
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([header] + rows)
    return buffer.getvalue() + extra_lines


@pytest.mark.parametrize("extra_column", [False, True])
def test_a_clean_csv_is_staged_directly_and_like_the_general_path(tmp_path, monkeypatch, extra_column):
    more = "," if extra_column else ""
    (tmp_path / "deliveries.csv").write_text(
        _deliveries_text(f",,,,,,,{more}\nD9,O1,2025-03-20,3,0,,2027-01-01,supplier{more}\n",
                         extra_column), encoding="utf-8")
    direct = _staged(tmp_path, monkeypatch, direct=True)
    general = _staged(tmp_path, monkeypatch, direct=False)
    assert direct[3] == [("deliveries.csv", True)] and general[3] == []
    assert direct[:3] == general[:3]
    assert direct[4] == [] and direct[0][0]["rows"] == 3
    rows = direct[1]
    assert [r[1] for r in rows] == [2, 3, 5]              # row 2 spans two lines; row 4 is empty
    assert rows[0][2:9] == ("D1", "O1", "2025-03-14", "1000", "0", "empaque\nroto", "2027-03-31")
    assert rows[1][5] == "1,5"


@pytest.mark.parametrize("trouble", [
    "D3,O1,2025-03-14,1,0,,2027-01-01,supplier,n3,EXTRA\n",     # a rejected line (10 fields)
    "\nD4,O1,2025-03-14,1,0,,2027-01-01,supplier,n4\n",         # an inner blank line
])
def test_a_csv_with_trouble_is_read_by_the_general_path_with_the_same_problems(
        tmp_path, monkeypatch, trouble):
    (tmp_path / "deliveries.csv").write_text(_deliveries_text(trouble, extra_column=True),
                                             encoding="utf-8")
    direct = _staged(tmp_path, monkeypatch, direct=True)
    general = _staged(tmp_path, monkeypatch, direct=False)
    # tried once, or (an inner blank line found by the fingerprint first) not at all
    assert direct[3] in ([[("deliveries.csv", False)]] if "EXTRA" in trouble
                         else [[], [("deliveries.csv", False)]])
    assert direct[:3] == general[:3]
    codes = [p[6] for p in direct[2]]
    assert codes.count("extra_column") == 1            # the rolled-back attempt left nothing behind
    assert ("csv_too_many_columns" in codes) == ("EXTRA" in trouble)
    assert direct[4] == []


def test_an_unreadable_csv_reports_what_the_general_path_reports(tmp_path, monkeypatch):
    (tmp_path / "orders.csv").write_bytes(b"PK\x03\x04 not a csv")
    (tmp_path / "units.csv").write_bytes(b"unit_id,name\n\xff\xfe\n")
    direct = _staged(tmp_path, monkeypatch, direct=True)
    general = _staged(tmp_path, monkeypatch, direct=False)
    assert direct[:3] == general[:3]
    assert sorted(direct[3]) == [("orders.csv", False), ("units.csv", False)]
    assert any(p[1] == "orders.csv" and p[6] == "unreadable" for p in direct[2])


def test_the_callers_transaction_takes_the_general_path(tmp_path):
    (tmp_path / "deliveries.csv").write_text(_deliveries_text(), encoding="utf-8")
    con = _connection()
    con.execute("BEGIN TRANSACTION")
    assert files._stage_csv_direct(con, "deliveries.csv", tmp_path / "deliveries.csv", {}, None) is False
    con.execute("COMMIT")


def test_row_numbers_follow_the_file_over_many_parser_chunks(tmp_path, monkeypatch):
    """Enough lines (~9 MB) for DuckDB to parse the file in several buffers and threads."""
    lines = ["delivery_id,order_id,delivered_date,qty_delivered,qty_rejected,rejection_reason,"
             "expiry_date,delay_cause"]
    for i in range(200_000):
        reason = f'"motivo\n{i}"' if i % 997 == 0 else ""          # some records span two lines
        lines.append(f"D{i},O{i % 5000},2025-03-{i % 28 + 1:02d},{i % 300},0,{reason},2027-01-01,supplier")
    (tmp_path / "deliveries.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    direct = _staged(tmp_path, monkeypatch, direct=True)
    general = _staged(tmp_path, monkeypatch, direct=False)
    assert direct[3] == [("deliveries.csv", True)]
    assert direct[1] == general[1]
    assert [(r[1], r[2]) for r in direct[1][:3]] == [(2, "D0"), (3, "D1"), (4, "D2")]
    assert (direct[1][-1][1], direct[1][-1][2]) == (200_001, "D199999")


def test_a_second_file_of_a_table_is_numbered_after_the_first_ones_deleted_rows(tmp_path, monkeypatch):
    """Each file's rows are numbered from its own first row: the rows deleted from the first
    file (its header and a blank row, at its end) do not shift the second file's numbers."""
    header = ("delivery_id,order_id,delivered_date,qty_delivered,qty_rejected,rejection_reason,"
              "expiry_date,delay_cause\n")
    (tmp_path / "deliveries_2025-01.csv").write_text(
        header + "D1,O1,2025-01-05,10,0,,2027-01-01,supplier\n,,,,,,,\n", encoding="utf-8")
    (tmp_path / "deliveries_2025-02.csv").write_text(
        header + "D2,O1,2025-02-05,10,0,,2027-01-01,supplier\nD3,O1,2025-02-06,5,0,,2027-01-01,\n",
        encoding="utf-8")
    direct = _staged(tmp_path, monkeypatch, direct=True)
    general = _staged(tmp_path, monkeypatch, direct=False)
    assert sorted(direct[3]) == [("deliveries_2025-01.csv", True), ("deliveries_2025-02.csv", True)]
    assert direct[:3] == general[:3]
    assert [(r[0], r[1], r[2]) for r in direct[1]] == [
        ("deliveries_2025-01.csv", 2, "D1"), ("deliveries_2025-02.csv", 2, "D2"),
        ("deliveries_2025-02.csv", 3, "D3")]
