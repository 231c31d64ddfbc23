"""CSV and XLSX exports: formats, headers, scope sheet, and formula text that stays inert."""
import csv
import io
from datetime import date, datetime

import openpyxl
import pandas as pd
import pytest

import metrics
from dashboard.exports import tables
from metrics.scope import Scope

EVIL = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1", "  =1+1"]


def frame():
    return pd.DataFrame({
        "supplier_id": ["S1", "S2", "S3"],
        "supplier_name": [EVIL[0], "Farmacéutica Ñandú, S.A. de C.V.", "Médica del Sureste"],
        "otif_rate": [0.853, 0.5, None],
        "penalties_due": [1234.5, 0.0, 99999.99],
        "lines": [10, 20, 30],
        "due_date": [date(2026, 11, 23), None, date(2026, 1, 2)],
        "month": pd.to_datetime(["2026-01-01", "2026-02-01", "2026-03-01"]),
        "near_rescission": [True, False, True],
        "trend_slope": [-0.25, 0.0, 1.5],
    })


def read_xlsx(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")            # BOM: Excel reads UTF-8 accents right
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_xlsx_formats_headers_frozen_filter():
    wb = read_xlsx(tables.to_xlsx_bytes({"Calificaciones": frame()}, lang="es"))
    assert wb.sheetnames == ["Calificaciones", "Alcance y método"]
    ws = wb["Calificaciones"]
    headers = [c.value for c in ws[1]]
    assert headers[:3] == ["ID proveedor", "Proveedor", "A tiempo y completo (OTIF)"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:I4"
    row = {h: c for h, c in zip(headers, ws[2])}
    assert row["A tiempo y completo (OTIF)"].value == pytest.approx(0.853)
    assert row["A tiempo y completo (OTIF)"].number_format == "0.0%"
    assert row["Penas procedentes"].number_format == "$#,##0.00"
    assert row["Penas procedentes"].value == 1234.5
    assert row["Líneas evaluables"].number_format == "#,##0"
    assert row["Fecha límite"].value == datetime(2026, 11, 23)
    assert row["Fecha límite"].number_format == "dd/mm/yyyy"
    assert row["Mes"].number_format.endswith("mmm yyyy")
    assert row["Cerca de rescisión"].value == "sí"
    assert ws.cell(3, 3).value == 0.5
    assert ws.cell(4, 3).value is None                   # missing stays empty, never 0
    assert ws.column_dimensions["B"].width > 30            # widths follow the content


def test_xlsx_english_headers_and_iso_dates():
    wb = read_xlsx(tables.to_xlsx_bytes({"Scorecard": frame()}, lang="en"))
    ws = wb["Scorecard"]
    headers = [c.value for c in ws[1]]
    assert "On time in full (OTIF)" in headers and "Supplier" in headers
    assert ws.cell(2, headers.index("Due date") + 1).number_format == "yyyy-mm-dd"
    assert wb.sheetnames[-1] == "Scope and method"


def test_formula_text_is_inert_in_xlsx():
    f = pd.DataFrame({"supplier_name": EVIL, "n": range(len(EVIL))})
    ws = read_xlsx(tables.to_xlsx_bytes({"x": f}))["x"]
    for r, text in enumerate(EVIL, start=2):
        cell = ws.cell(r, 1)
        # shown exactly as typed (openpyxl leaves xlsx's escaped CR as _x000D_; Excel decodes it)
        assert cell.value == text.replace("\r", "_x000D_")
        assert cell.data_type == "s"                   # ...as text, not a formula
        assert cell.quotePrefix is True                # and stays text when edited in Excel
    # negative numbers are numbers, not neutralised text
    assert ws.cell(2, 2).data_type == "n"


def test_formula_text_is_inert_in_csv():
    f = pd.DataFrame({"supplier_name": EVIL + ["Normal"], "amount": [-5.5] * (len(EVIL) + 1)})
    rows = read_csv(tables.to_csv_bytes(f, "es"))
    assert rows[0] == ["Proveedor", "Importe"]
    for text, row in zip(EVIL, rows[1:]):
        assert row[0] == "'" + text
    assert rows[-1] == ["Normal", "-5.5"]              # numbers stay numbers


def test_csv_dates_bools_and_accents():
    rows = read_csv(tables.to_csv_bytes(frame(), "es"))
    header = rows[0]
    first = dict(zip(header, rows[1]))
    assert first["Proveedor"] == "'" + EVIL[0]
    assert rows[2][1] == "Farmacéutica Ñandú, S.A. de C.V."
    assert first["Fecha límite"] == "23/11/2026"
    assert first["Mes"] == "01/2026"
    assert first["Cerca de rescisión"] == "sí"
    assert first["A tiempo y completo (OTIF)"] == "0.853"
    en = dict(zip(*read_csv(tables.to_csv_bytes(frame(), "en"))[:2]))
    assert en["Due date"] == "2026-11-23" and en["Near rescission"] == "yes"


def test_scope_sheet_states_filters_weights_version():
    scope = Scope.make(date_from="2026-01-01", date_to="31/03/2026", institution="IMSS,ISSSTE",
                       grace_days=2)
    wb = read_xlsx(tables.to_xlsx_bytes({"t": frame()}, scope=scope, lang="es",
                                        notes=["=cmd|' /C calc'!A0"]))
    ws = wb["Alcance y método"]
    values = {r[0]: r[1] for r in ws.iter_rows(values_only=True) if r[0]}
    assert values["Periodo (fecha límite)"] == "01/01/2026 – 31/03/2026"
    assert values["Institución"] == "IMSS, ISSSTE"
    assert values["Días de gracia"] == "2"
    assert values["Versión de la metodología"] == metrics.METHODOLOGY_VERSION
    assert "35" in values["Pesos de la calificación"] and "precio 10" in values["Pesos de la calificación"]
    assert "1 celdas" in values["Tablas"] or "1 celda" in values["Tablas"]
    note = [c for c in ws["B"] if c.value and "calc" in str(c.value)][0]
    assert note.data_type == "s" and note.quotePrefix


def test_scope_sheet_with_resolved_scope_uses_concrete_as_of():
    from metrics.scope import Resolved
    resolved = Resolved(Scope(), date(2026, 6, 30), 3, "line_facts")
    rows = dict(tables.scope_rows(resolved, lang="en"))
    assert rows["As of"] == "2026-06-30" and rows["Grace days"] == "3"
    assert rows["Filters"] == "none (everything)"


def test_sheet_names_are_legal_and_unique():
    used = set()
    names = [tables.sheet_name(n, used) for n in ["a/b:c", "A/B:C", "x" * 40, "x" * 40]]
    assert names[0] == "a b c" and names[1] == "A B C (2)"
    assert all(len(n) <= 31 for n in names) and len({n.lower() for n in names}) == 4


def test_bad_input_and_unwritable_path(tmp_path):
    with pytest.raises(tables.ExportError, match="expected a table"):
        tables.to_xlsx_bytes({"x": [1, 2]})
    with pytest.raises(tables.ExportError, match="cannot write"):
        tables.write_bytes(b"x", tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(tables.ExportError, match="cannot write"):
        tables.write_bytes(b"x", blocker / "out.xlsx")


def test_odd_dtypes_from_dashboard_frames():
    from decimal import Decimal
    f = pd.DataFrame({
        "when": pd.to_datetime(["2026-01-02 10:00", None]).tz_localize("America/Mexico_City"),
        "amount": [Decimal("12.50"), None],
        "tag": pd.Series(["a", None], dtype="string"),
        "n": pd.Series([1, None], dtype="Int64"),
        "cat": pd.Categorical(["x", "=y"]),
        "Columna ya traducida": [1.5, 2.5],
    })
    ws = read_xlsx(tables.to_xlsx_bytes({"x": f}, scope=Scope()))["x"]
    assert ws["A2"].value == datetime(2026, 1, 2, 10, 0) and ws["A3"].value is None
    assert ws["B2"].value == 12.5 and ws["B2"].number_format == "$#,##0.00"
    assert ws["C2"].value == "a" and ws["D2"].value == 1 and ws["D3"].value is None
    assert ws["E3"].value == "=y" and ws["E3"].data_type == "s" and ws["E3"].quotePrefix
    assert ws["F1"].value == "Columna ya traducida" and ws["F2"].value == 1.5
    assert read_csv(tables.to_csv_bytes(f, "es"))[2][4] == "'=y"


def test_scope_rows_name_coded_filters_in_words_and_close_the_tiers():
    rows = dict(tables.scope_rows(Scope(item_group=("medicine",), procedure_type=("open_tender",)), lang="es"))
    assert rows["Grupo de insumo"] == "Medicamento"
    assert rows["Tipo de procedimiento"] == "Licitación pública"
    assert rows["Niveles (A/B/C)"].endswith("C ≥ 50 · D < 50")
    rows = dict(tables.scope_rows(Scope(procedure_type=("direct_award", "open_tender")), lang="en"))
    assert rows["Procedure type"] == "Direct award, Open tender"


def test_dashboard_workbook_download_states_its_cut_off_date_and_source(monkeypatch):
    from dashboard import components
    monkeypatch.setattr(components.data, "info", lambda: {"max_delivered": date(2026, 11, 26)})
    dated = components._dated(Scope(institution=("IMSS",)))
    assert dated.as_of == date(2026, 11, 26) and dated.institution == ("IMSS",)
    assert components._dated(Scope(as_of=date(2025, 1, 31))).as_of == date(2025, 1, 31)
    book = components.table_file(frame().drop(columns=["supplier_name"]), "xlsx", "proveedores", lang="es",
                                 scope=dated, source="compras_2026.csv")
    ws = openpyxl.load_workbook(io.BytesIO(book))["Alcance y método"]
    values = {r[0].value: r[1].value for r in ws.iter_rows() if r[0].value}
    assert values["Fecha de corte"] == "26/11/2026"
    assert values["Fuente"] == "compras_2026.csv"


def test_csv_counts_summed_as_decimals_are_whole_numbers():
    data = pd.DataFrame({"lines": [730.0, None, 271066.0], "qty_ordered": [4822.0, 1.0, 2.0],
                         "otif_rate": [0.5, 1.0, 0.25], "days_late_mean": [2.5, 1.0, 0.0]})
    rows = read_csv(tables.to_csv_bytes(data, "es"))
    first, second, third = (dict(zip(rows[0], r)) for r in rows[1:4])
    assert first["Líneas evaluables"] == "730" and second["Líneas evaluables"] == "" and third["Líneas evaluables"] == "271066"
    assert first["Cantidad ordenada"] == "4822"
    assert first["A tiempo y completo (OTIF)"] == "0.5"
    assert first["Días de atraso (promedio)"] == "2.5"


def test_p_values_keep_three_decimals_in_the_workbook():
    wb = read_xlsx(tables.to_xlsx_bytes({"t": pd.DataFrame({"p_value": [0.0006]})}, lang="es"))
    cell = wb["t"]["A2"]
    assert cell.value == 0.0006 and cell.number_format == "0.000"


def test_import_times_keep_their_hour():
    data = pd.DataFrame({"started_at": [datetime(2026, 11, 27, 5, 31, 12)]})
    first = dict(zip(*read_csv(tables.to_csv_bytes(data, "es"))[:2]))
    assert first["Inicio"] == "27/11/2026 05:31"
    cell = read_xlsx(tables.to_xlsx_bytes({"t": data}, lang="es"))["t"]["A2"]
    assert cell.value == datetime(2026, 11, 27, 5, 31, 12) and cell.number_format == "dd/mm/yyyy hh:mm"
