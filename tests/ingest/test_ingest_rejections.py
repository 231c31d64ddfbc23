"""Every bad input is rejected with a problem naming file, row and column, and leaves the
database exactly as it was."""
import shutil

import pandas as pd
import pytest

from metrics.exceptions import ImportRejected
from metrics.ingest import check_paths, import_paths
from metrics.ingest.problems import CAP
from tests.ingest.ingest_helpers import (copy_base, fingerprint, read_base, rows_of, write_csv,
                                         write_xlsx)


@pytest.fixture
def loaded(base_copy, tmp_path):
    """A copy of the base database (tests/ingest/conftest.py), and a fresh copy of the base
    files to break."""
    return base_copy, copy_base(tmp_path / "batch")


def _opt(value):
    return None if pd.isna(value) else value


def _edit(folder, table, row, column, value):
    header, rows = read_base(table)
    rows[row - 2][header.index(column)] = value
    write_csv(folder / f"{table}.csv", header, rows)


def _drop_column(folder, table, column):
    header, rows = read_base(table)
    i = header.index(column)
    write_csv(folder / f"{table}.csv", header[:i] + header[i + 1:], [r[:i] + r[i + 1:] for r in rows])


def _append_row(folder, table, row):
    header, rows = read_base(table)
    write_csv(folder / f"{table}.csv", header, rows + [row])


def _write(folder, name, data: bytes):
    (folder / name).write_bytes(data)


# (id, how to break the batch, expected (file, row, column, code) among the problems)
CASES = [
    ("missing_column", lambda f: _drop_column(f, "orders", "due_date"),
     ("orders.csv", 1, "due_date", "missing_column")),
    ("bad_date", lambda f: _edit(f, "orders", 3, "order_date", "2025-02-30"),
     ("orders.csv", 3, "order_date", "bad_date")),
    ("us_date", lambda f: _edit(f, "orders", 2, "order_date", "03/25/2025"),
     ("orders.csv", 2, "order_date", "bad_date")),
    ("negative_quantity", lambda f: _edit(f, "deliveries", 2, "qty_delivered", "-5"),
     ("deliveries.csv", 2, "qty_delivered", "negative")),
    ("zero_ordered", lambda f: _edit(f, "orders", 4, "qty_ordered", "0"),
     ("orders.csv", 4, "qty_ordered", "not_positive")),
    ("unknown_contract", lambda f: _edit(f, "orders", 2, "contract_id", "C9"),
     ("orders.csv", 2, "contract_id", "unknown_contracts")),
    ("item_not_on_contract", lambda f: _edit(f, "orders", 3, "item_code", "060.066.0039"),
     ("orders.csv", 3, "contract_id + item_code", "unknown_contract_items")),
    ("unknown_unit", lambda f: _edit(f, "orders", 2, "unit_id", "U404"),
     ("orders.csv", 2, "unit_id", "unknown_units")),
    ("unknown_order", lambda f: _edit(f, "deliveries", 3, "order_id", "O404"),
     ("deliveries.csv", 3, "order_id", "unknown_orders")),
    ("unknown_supplier", lambda f: _edit(f, "contracts", 2, "supplier_id", "X"),
     ("contracts.csv", 2, "supplier_id", "unknown_suppliers")),
    ("unknown_institution", lambda f: _edit(f, "units", 3, "institution_id", "PEMEX"),
     ("units.csv", 3, "institution_id", "unknown_institutions")),
    ("rejected_over_delivered", lambda f: _edit(f, "deliveries", 3, "qty_rejected", "401"),
     ("deliveries.csv", 3, "qty_rejected", "rejected_over_delivered")),
    ("filled_over_issued", lambda f: _edit(f, "prescriptions", 2, "filled", "121"),
     ("prescriptions.csv", 2, "filled", "filled_over_issued")),
    ("end_before_start", lambda f: _edit(f, "contracts", 3, "end_date", "2025-01-01"),
     ("contracts.csv", 3, "end_date", "end_before_start")),
    ("due_before_order", lambda f: _edit(f, "orders", 2, "due_date", "2025-02-01"),
     ("orders.csv", 2, "due_date", "due_before_order")),
    ("duplicate_key_in_file", lambda f: _append_row(
        f, "orders", ["O1", "C1", "010.000.0104.00", "U1", "2025-03-01", "2025-03-15", "5", "false"]),
     ("orders.csv", 5, "order_id", "duplicate_key")),
    ("bad_status", lambda f: _edit(f, "contracts", 2, "status", "vigentísimo"),
     ("contracts.csv", 2, "status", "bad_value")),
    ("bad_procedure", lambda f: _edit(f, "contracts", 3, "procedure_type", "subasta"),
     ("contracts.csv", 3, "procedure_type", "bad_value")),
    ("bad_delay_cause", lambda f: _edit(f, "deliveries", 2, "delay_cause", "lluvia"),
     ("deliveries.csv", 2, "delay_cause", "bad_value")),
    ("bad_outcome", lambda f: _edit(f, "tender_items", 2, "outcome", "ganada"),
     ("tender_items.csv", 2, "outcome", "bad_value")),
    ("bad_kind", lambda f: _edit(f, "penalties", 2, "kind", "multa rara"),
     ("penalties.csv", 2, "kind", "bad_value")),
    ("bad_rfc", lambda f: _edit(f, "suppliers", 2, "rfc", "NO-ES-RFC"),
     ("suppliers.csv", 2, "rfc", "bad_rfc")),
    ("bad_month", lambda f: _edit(f, "prescriptions", 3, "month", "2025-13"),
     ("prescriptions.csv", 3, "month", "bad_month")),
    ("decimal_comma", lambda f: _edit(f, "contract_items", 2, "unit_price", "12,5"),
     ("contract_items.csv", 2, "unit_price", "bad_number")),
    ("decimal_comma_after_zero", lambda f: _edit(f, "contract_items", 2, "unit_price", "0,125"),
     ("contract_items.csv", 2, "unit_price", "bad_number")),         # never read as 125
    ("infinite_number", lambda f: _edit(f, "orders", 3, "qty_ordered", "1e999"),
     ("orders.csv", 3, "qty_ordered", "bad_number")),                # would be stored as infinity
    ("huge_amount", lambda f: _edit(f, "penalties", 2, "amount", "1e300"),
     ("penalties.csv", 2, "amount", "bad_number")),                  # overflows once multiplied
    ("penalty_order_on_another_contract", lambda f: _edit(f, "penalties", 2, "contract_id", "C2"),
     ("penalties.csv", 2, "order_id", "penalty_order_other_contract")),   # O2 is on C1
    ("bad_bool", lambda f: _edit(f, "orders", 2, "cancelled", "quizás"),
     ("orders.csv", 2, "cancelled", "bad_bool")),
    ("not_whole", lambda f: _edit(f, "prescriptions", 2, "issued", "12.5"),
     ("prescriptions.csv", 2, "issued", "bad_int")),
    ("required_empty", lambda f: _edit(f, "units", 2, "name", "  "),
     ("units.csv", 2, "name", "required_empty")),
    ("blank_line_counts_as_a_row", lambda f: _write(
        f, "units.csv", b"unit_id,institution_id,name,state\nU1,IMSS,H,CDMX\n\nU2,ISSSTE,,Jalisco\n"),
     ("units.csv", 4, "name", "required_empty")),
    ("duplicate_column", lambda f: write_csv(
        f / "institutions.csv", ["institution_id", "name", "nombre"], [["IMSS", "IMSS", "IMSS"]]),
     ("institutions.csv", 1, "name", "duplicate_column")),
    ("truncated_file", lambda f: _write(f, "orders.csv", (f / "orders.csv").read_bytes()[:-25]),
     ("orders.csv", 4, None, "csv_missing_columns")),
    ("unterminated_quote", lambda f: _write(
        f, "orders.csv", (f / "orders.csv").read_bytes() + b'"O9,C1,010.000.0104.00,U1\n'),
     ("orders.csv", 5, None, "csv_unquoted_value")),
    ("too_many_fields", lambda f: _write(
        f, "orders.csv", (f / "orders.csv").read_bytes() + b"O9,C1,x,U1,2025-03-01,2025-03-02,1,false,9\n"),
     ("orders.csv", 5, None, "csv_too_many_columns")),
    ("empty_file", lambda f: _write(f, "orders.csv", b""), ("orders.csv", None, None, "unreadable")),
    ("binary_as_csv", lambda f: _write(f, "orders.csv", bytes(range(256)) * 40),
     ("orders.csv", None, None, "unreadable")),
    ("xlsx_named_csv", lambda f: _write(f, "orders.csv", b"PK\x03\x04" + b"\x00" * 200),
     ("orders.csv", None, None, "unreadable")),
    ("utf16_csv", lambda f: _write(f, "orders.csv", (f / "orders.csv").read_text().encode("utf-16")),
     ("orders.csv", None, None, "unreadable")),
    ("unreadable_xlsx", lambda f: _write(f, "orders.xlsx", b"this is not a workbook\n" * 10),
     ("orders.xlsx", None, None, "unreadable")),
    ("broken_parquet", lambda f: _write(f, "orders.parquet", b"PAR1 truncated"),
     ("orders.parquet", None, None, "unreadable")),
    ("unknown_extension", lambda f: _write(f, "orders.docx", b"hola"),
     ("orders.docx", None, None, "unknown_type")),
    ("unknown_table", lambda f: write_csv(f / "datos.csv", ["a", "b"], [["1", "2"]]),
     ("datos.csv", 1, None, "unknown_table")),
]


@pytest.mark.parametrize("break_it, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_is_rejected_and_changes_nothing(loaded, break_it, expected):
    db, folder = loaded
    before = fingerprint(db)
    break_it(folder)
    with pytest.raises(ImportRejected) as info:
        import_paths([folder], db)
    found = info.value.problems
    errors = found[found["severity"] == "error"]
    located = {(r.file, _opt(r.row), _opt(r.column), r.code) for r in errors.itertuples()}
    assert expected in located, errors.to_string()
    assert fingerprint(db) == before
    assert "nothing was written" in str(info.value)


def test_missing_path_is_an_error(loaded, tmp_path):
    db, folder = loaded
    with pytest.raises(ImportRejected) as info:
        import_paths([folder, tmp_path / "no-such.csv"], db)
    assert "no such file or folder" in set(info.value.problems["problem"])


def test_missing_required_column_is_reported_once_not_per_row(loaded):
    db, folder = loaded
    _drop_column(folder, "orders", "due_date")
    with pytest.raises(ImportRejected) as info:
        import_paths([folder], db)
    problems = info.value.problems
    assert list(problems.loc[problems["column"] == "due_date", "code"]) == ["missing_column"]


def test_every_problem_of_the_batch_is_reported_at_once(loaded):
    db, folder = loaded
    _edit(folder, "orders", 3, "order_date", "31/02/2025")
    _edit(folder, "deliveries", 2, "qty_delivered", "-1")
    _edit(folder, "contracts", 2, "status", "???")
    _write(folder, "penalties.csv", b"")
    with pytest.raises(ImportRejected) as info:
        import_paths([folder], db)
    errors = info.value.problems.query("severity == 'error'")
    assert set(errors["file"]) == {"orders.csv", "deliveries.csv", "contracts.csv", "penalties.csv"}
    assert set(errors.columns) >= {"severity", "file", "row", "column", "value", "problem"}


def test_row_numbers_stay_right_after_rejected_and_multiline_rows(loaded):
    db, folder = loaded
    header, rows = read_base("deliveries")
    rows[0][header.index("rejection_reason")] = "empaque\nroto"        # row 2 spans two lines
    text = ",".join(header) + "\n"
    import csv
    import io
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    text += buffer.getvalue()
    text += "D3,O1,2025-03-14,1,0,,2027-01-01,supplier,EXTRA\n"          # row 4: too many fields
    text += "\n"                                                         # row 5: empty line
    text += "D4,O1,14/13/2025,1,0,,2027-01-01,supplier\n\n"              # row 6: bad date
    (folder / "deliveries.csv").write_text(text, encoding="utf-8")
    with pytest.raises(ImportRejected) as info:
        import_paths([folder], db)
    errors = info.value.problems.query("severity == 'error'")
    located = set(zip(errors["row"], errors["code"]))
    assert (4, "csv_too_many_columns") in located
    assert (6, "bad_date") in located


def test_problem_rows_are_capped_but_counted(loaded):
    db, folder = loaded
    header, rows = read_base("orders")
    bad = [[f"X{i}", "C1", "010.000.0104.00", "U1", "no es fecha", "2025-03-15", "1", "false"]
           for i in range(CAP + 500)]
    write_csv(folder / "orders.csv", header, rows + bad)
    with pytest.raises(ImportRejected) as info:
        import_paths([folder], db)
    problems = info.value.problems
    shown = problems.query("code == 'bad_date'")
    assert len(shown) == CAP
    counts = problems.attrs["counts"]
    assert int(counts.loc[counts["code"] == "bad_date", "n"].sum()) == CAP + 500
    assert f"{CAP + 500:,} error(s) ({CAP:,} listed in the problem table)" in str(info.value)


def test_a_column_without_header_is_kept_with_a_warning(loaded):
    db, folder = loaded
    header, rows = read_base("institutions")
    (folder / "institutions.csv").unlink()
    write_xlsx(folder / "institutions.xlsx", "institutions", header, [rows[0] + ["sin encabezado"]],
               typed=False)
    report = import_paths([folder], db)
    warned = report.warnings.query("code == 'extra_column'")
    assert list(zip(warned["file"], warned["column"])) == [("institutions.xlsx", "column 3")]
    assert rows_of(db, "SELECT extra FROM institutions WHERE institution_id = 'IMSS'") == [
        ('{"column 3":"sin encabezado"}',)]


def test_check_paths_reports_the_same_problems_and_writes_nothing(loaded, tmp_path):
    db, folder = loaded
    before = fingerprint(db)
    _edit(folder, "orders", 3, "order_date", "2025-02-30")
    frame = check_paths([folder], db)
    assert ("orders.csv", 3, "order_date") in set(zip(frame["file"], frame["row"], frame["column"]))
    assert fingerprint(db) == before
    fresh = tmp_path / "never-created.duckdb"
    shutil.rmtree(folder)
    frame = check_paths([copy_base(tmp_path / "ok")], fresh)
    assert frame.query("severity == 'error'").empty
    assert not fresh.exists()


@pytest.mark.parametrize("value, message", [
    ("1e999", "number out of range (it must be below 1e15)"),
    ("0,125", "not a number: use a point for decimals (1234.50), commas only between thousands"),
    ("$ 1.234,50", "not a number: use a point for decimals (1234.50), commas only between thousands"),
    ("inf", "not a number"),
])
def test_number_problems_say_what_is_wrong(loaded, value, message):
    db, folder = loaded
    _edit(folder, "contract_items", 2, "unit_price", value)
    with pytest.raises(ImportRejected) as info:
        import_paths([folder], db)
    found = info.value.problems
    assert list(found.loc[found["column"] == "unit_price", "problem"]) == [message]


def test_dates_out_of_order_across_tables_are_kept_with_a_warning(loaded):
    db, folder = loaded
    _edit(folder, "deliveries", 2, "delivered_date", "2024-12-31")     # O1 ordered 2025-03-01
    _edit(folder, "orders", 3, "order_date", "2025-01-10")             # C1 signed 2025-01-15
    report = import_paths([folder], db)
    warned = {(r.file, r.row, r.column, r.code, r.problem) for r in report.warnings.itertuples()}
    assert ("deliveries.csv", 2, "delivered_date", "delivered_before_order",
            "delivered_date is before the order's order_date (01/03/2025)") in warned
    assert ("orders.csv", 3, "order_date", "ordered_before_signed",
            "order_date is before its contract was signed (15/01/2025)") in warned
    assert rows_of(db, "SELECT delivered_date::VARCHAR FROM deliveries WHERE delivery_id = 'D1'") == [("2024-12-31",)]
