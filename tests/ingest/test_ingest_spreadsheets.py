"""Excel and Parquet files: problems name the real row (and sheet) a person opens, and a
workbook's sheets are never skipped silently."""
import pandas as pd
import xlsxwriter

from metrics.ingest import check_paths
from tests.ingest.ingest_helpers import read_base, write_parquet


def _problems(found, severity="error"):
    rows = found[found["severity"] == severity]
    return [(r.file, None if pd.isna(r.row) else int(r.row), None if pd.isna(r.column) else r.column,
             None if pd.isna(r.value) else r.value, r.problem, r.code) for r in rows.itertuples()]


def _workbook(path, sheets):
    """sheets: {name: (first row, first column, rows)}, 0-based like xlsxwriter; text cells."""
    book = xlsxwriter.Workbook(str(path))
    for name, (top, left, rows) in sheets.items():
        ws = book.add_worksheet(name)
        for r, row in enumerate(rows):
            ws.write_row(top + r, left, row)
    book.close()
    return path


def _deliveries(qty="abc"):
    header, rows = read_base("deliveries")
    rows[1][header.index("qty_delivered")] = qty
    return [header, *rows]


def test_parquet_rows_are_numbered_like_the_same_table_in_csv(base_copy, tmp_path):
    header, rows = read_base("orders")
    rows[0][header.index("qty_ordered")] = "0"           # first record: row 2
    rows[2][header.index("order_date")] = ""             # third record: row 4
    write_parquet(tmp_path / "orders.parquet", "orders", header, rows)
    assert _problems(check_paths([tmp_path / "orders.parquet"], base_copy)) == [
        ("orders.parquet", 2, "qty_ordered", "0", "qty_ordered must be greater than 0", "not_positive"),
        ("orders.parquet", 4, "order_date", None, "required value is empty", "required_empty")]


def test_xlsx_rows_are_the_sheets_own_when_the_table_starts_lower_down(base_copy, tmp_path):
    # header in C3, so the second data row is sheet row 5
    book = _workbook(tmp_path / "entregas.xlsx", {"entregas": (2, 2, _deliveries())})
    assert _problems(check_paths([book], base_copy)) == [
        ("entregas.xlsx", 5, "qty_delivered", "abc", "not a number", "bad_number")]


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def test_an_old_xls_or_protected_workbook_is_named_as_such(base_copy, tmp_path):
    (tmp_path / "ordenes.xlsx").write_bytes(OLE2)
    assert _problems(check_paths([tmp_path / "ordenes.xlsx"], base_copy)) == [
        ("ordenes.xlsx", None, None, None,
         "this is not an .xlsx workbook: it is an old Excel .xls workbook, or a password-protected "
         "one (save it as .xlsx without a password, or as CSV UTF-8)", "unreadable")]
