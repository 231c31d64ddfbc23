"""Excel and Parquet files: problems name the real row (and sheet) a person opens, and a
workbook's sheets are never skipped silently."""
import pandas as pd
import xlsxwriter

from metrics.ingest import check_paths, contract, import_paths
from tests.ingest.ingest_helpers import read_base, rows_of, write_parquet


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


def test_every_sheet_named_after_a_table_is_imported(base_copy, tmp_path):
    contracts = read_base("contracts")
    header, rows = read_base("orders")
    new_order = ["O9", *rows[0][1:]]
    book = _workbook(tmp_path / "compras.xlsx", {"Notas": (0, 0, [["no es una tabla"]]),
                                                 "contratos": (0, 0, [contracts[0], *contracts[1]]),
                                                 "ordenes": (0, 0, [header, new_order])})
    report = import_paths([book], base_copy)
    assert report.tables["orders"] == (1, 0) and report.tables["contracts"] == (0, 0)
    assert rows_of(base_copy, "SELECT order_id FROM orders WHERE order_id = 'O9'") == [("O9",)]


def test_problems_name_the_sheet_and_the_sheet_that_would_have_fitted(base_copy, tmp_path):
    header, rows = read_base("orders")
    book = _workbook(tmp_path / "ordenes.xlsx", {"Instrucciones": (0, 0, [["Llene la hoja Datos"]]),
                                                 "Datos": (0, 0, [header, *rows])})
    found = _problems(check_paths([book], base_copy))
    assert {f for f, *_ in found} == {"ordenes.xlsx [Instrucciones]"}
    assert found[0] == (
        "ordenes.xlsx [Instrucciones]", None, None, "Datos",
        "sheet 'Datos' has the orders columns but was not read: a workbook is read from the sheet "
        "named after its table (ordenes, orders), else from its first sheet; rename that sheet or "
        "move it first", "sheet_not_read")
    assert [(r, c, k) for _, r, c, _, _, k in found[1:]] == [
        (1, name, "missing_column") for name in sorted(contract.table("orders").required)]


def test_excel_error_cells_are_reported_as_such(base_copy, tmp_path):
    book = xlsxwriter.Workbook(str(tmp_path / "entregas.xlsx"))
    ws = book.add_worksheet("entregas")
    for r, row in enumerate(_deliveries("12")):
        ws.write_row(r, 0, row)
    ws.write_formula("D2", "=NA()", None, "#N/A")            # required column, row 2
    ws.write_formula("E3", "=1/0", None, "#DIV/0!")          # optional column, row 3
    book.close()
    assert _problems(check_paths([tmp_path / "entregas.xlsx"], base_copy)) == [
        ("entregas.xlsx", 2, "qty_delivered", "#N/A",
         "the cell holds an Excel error (#N/A): correct the formula or type the value", "excel_error"),
        ("entregas.xlsx", 3, "qty_rejected", "#DIV/0!",
         "the cell holds an Excel error (#DIV/0!): correct the formula or type the value",
         "excel_error")]


HEADER_CODES = {"missing_column", "duplicate_column", "extra_column", "unknown_table"}


def _openpyxl_sheet(path, sheet, cells):
    """A workbook made by openpyxl (it writes no cells for the blank rows above the table,
    unlike xlsxwriter's helper above): cells {"B4": value}."""
    import openpyxl
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for ref, value in cells.items():
        ws[ref] = value
    book.save(path)
    return path


def _row_cells(row: int, values, first: str = "B") -> dict:
    return {f"{chr(ord(first) + i)}{row}": v for i, v in enumerate(values)}


def test_xlsx_header_problems_name_the_headers_own_row(base_copy, tmp_path):
    # three blank rows, then the header in B4: qty_delivered missing, qty_rejected twice,
    # an unknown column; the one data row is row 5
    header = ["delivery_id", "order_id", "delivered_date", "qty_rejected", "Cantidad rechazada", "Color"]
    book = _openpyxl_sheet(tmp_path / "entregas.xlsx", "entregas",
                           {**_row_cells(4, header), **_row_cells(5, ["D9", "O1", "2025-03-14", "0", "0", "rojo"])})
    checked = check_paths([book], base_copy)
    found = [p for p in _problems(checked) + _problems(checked, "warning") if p[-1] in HEADER_CODES]
    assert sorted(found, key=lambda p: p[-1]) == [
        ("entregas.xlsx", 4, "qty_rejected", "Cantidad rechazada",
         "columns 'qty_rejected' and 'Cantidad rechazada' both mean qty_rejected", "duplicate_column"),
        ("entregas.xlsx", 4, "Color", "Color",
         "column 'Color' is not part of the deliveries format: kept in the extra field", "extra_column"),
        ("entregas.xlsx", 4, "qty_delivered", None,
         "required column qty_delivered is missing from the deliveries file (accepted headers: "
         "qty_delivered, cantidad_entregada, cantidad_recibida)", "missing_column")]


def test_xlsx_header_of_no_table_names_its_own_row(base_copy, tmp_path):
    book = _openpyxl_sheet(tmp_path / "datos.xlsx", "Hoja1",
                           {**_row_cells(3, ["Color", "Sabor"], "A"), **_row_cells(4, ["rojo", "dulce"], "A")})
    assert [p[:2] + p[-1:] for p in _problems(check_paths([book], base_copy))] == [
        ("datos.xlsx", 3, "unknown_table")]
