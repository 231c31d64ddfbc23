"""`abasto report` and `abasto export charts|tables` end to end: files opened after writing,
numbers equal to `abasto scores`, formula text inert, errors without tracebacks."""
import csv
import io
import math
import struct

import openpyxl
import pytest
from pypdf import PdfReader

from dashboard.exports import charts
from metrics import facts, store
from metrics.cli import main
from tests.exports.exports_data import EVIL_NAME
from tests.metrics.metrics_fixtures import FIXTURES, load

needs_chromium = pytest.mark.skipif(not charts.available(), reason="no Chromium installed")


def run(capsys, *argv) -> tuple[int, str]:
    code = main([str(a) for a in argv])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


def sheet_rows(ws) -> list[dict]:
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def test_tables_xlsx_has_the_numbers_of_abasto_scores(demo_db, tmp_path, capsys):
    scores_csv, book = tmp_path / "scores.csv", tmp_path / "tablas.xlsx"
    assert run(capsys, "scores", "--db", demo_db, "--format", "csv", "--out", scores_csv)[0] == 0
    code, err = run(capsys, "export", "tables", "--db", demo_db, "--out", book, "--tables",
                    "scorecard", "--quiet")
    assert code == 0 and err == ""
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == ["Calificaciones", "Alcance y método"]
    ws = wb["Calificaciones"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    got = {r["ID proveedor"]: r for r in sheet_rows(ws)}
    want = list(csv.DictReader(scores_csv.open(encoding="utf-8")))
    assert len(got) == len(want) > 10
    checked = 0
    for row in want:
        mine = got[row["supplier_id"]]
        for column, header in (("lines", "Líneas evaluables"), ("otif_rate", "A tiempo y completo (OTIF)"),
                               ("fill_rate", "Nivel de surtimiento"), ("score", "Calificación de desempeño"),
                               ("penalty_gap", "Penas no aplicadas")):
            if row[column] == "":
                assert mine[header] is None
            else:
                assert math.isclose(float(mine[header]), float(row[column]), rel_tol=1e-9, abs_tol=1e-9)
                checked += 1
    assert checked > 50
    header_cells = {c.value: c.column for c in ws[1]}
    assert ws.cell(2, header_cells["A tiempo y completo (OTIF)"]).number_format == "0.0%"
    assert ws.cell(2, header_cells["Penas no aplicadas"]).number_format == "$#,##0.00"
    scope = {r[0]: r[1] for r in wb["Alcance y método"].iter_rows(values_only=True) if r[0]}
    assert scope["Fecha de corte"] == "25/11/2026" and scope["Fuente"] == "demostración (sintéticos)"


def test_tables_workbook_has_every_table(small_db, tmp_path, capsys):
    book = tmp_path / "todo.xlsx"
    code, err = run(capsys, "export", "tables", "--db", small_db, "--out", book)
    assert code == 0 and "8 table(s)" in err
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == ["Calificaciones", "Penas por contrato", "Desabasto mensual", "Insumos",
                             "Episodios de desabasto", "Insumos que empeoran", "Insumos en riesgo",
                             "Atribución a proveedores", "Alcance y método"]
    assert all(wb[name].max_row > 1 for name in wb.sheetnames[:4])
    months = [c.value for c in wb["Desabasto mensual"]["A"][1:]]
    assert wb["Desabasto mensual"]["A2"].number_format.endswith("mmm yyyy") and len(months) == 12
    headers = [c.value for c in wb["Insumos"][1]]
    assert "Surtimiento a tiempo" in headers           # the shortage views' own wording


def test_formula_supplier_name_is_inert_in_xlsx_and_csv(small_db, tmp_path, capsys):
    book, one = tmp_path / "t.xlsx", tmp_path / "scorecard.csv"
    assert run(capsys, "export", "tables", "--db", small_db, "--out", book, "--tables",
               "scorecard,ledger", "--lang", "en", "--quiet")[0] == 0
    ws = openpyxl.load_workbook(book)["Scorecard"]
    cell = next(c for c in ws["B"] if c.value == EVIL_NAME)
    assert cell.data_type == "s" and cell.quotePrefix
    assert run(capsys, "export", "tables", "--db", small_db, "--out", one, "--tables", "scorecard",
               "--quiet")[0] == 0
    data = one.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    names = [r["Proveedor"] for r in csv.DictReader(io.StringIO(data.decode("utf-8-sig")))]
    assert "'" + EVIL_NAME in names and EVIL_NAME not in names
    assert "Farmacéutica Ñandú, S.A. de C.V." in names


@needs_chromium
def test_report_supplier_and_shortages(small_db, tmp_path, capsys):
    out = tmp_path / "ficha.pdf"
    code, err = run(capsys, "report", "supplier", "GOOD", "--db", small_db, "--out", out)
    assert code == 0 and "pages" in err
    text = " ".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Farmacéutica Ñandú" in text
    out = tmp_path / "desabasto.pdf"
    assert run(capsys, "report", "shortages", "--db", small_db, "--out", out, "--lang", "en",
               "--institution", "IMSS", "--quiet")[0] == 0
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert "Shortage review" in text and "Institution: IMSS" in text


@needs_chromium
def test_export_charts_writes_captioned_images(small_db, tmp_path, capsys):
    out = tmp_path / "graficas"
    code, err = run(capsys, "export", "charts", "--db", small_db, "--out", out, "--pchart", "LATE",
                    "--width-cm", "16", "--dpi", "150")
    assert code == 0 and "warning" not in err             # every chart carries its caption
    files = sorted(p.name for p in out.iterdir())
    assert {"otif_surtimiento_mensual.png", "niveles_proveedores.png", "desabasto_mensual.png",
            "control_otif_late.png"} <= set(files)
    assert len(files) >= 9
    width = struct.unpack(">I", (out / "desabasto_mensual.png").read_bytes()[16:20])[0]
    assert width == charts.pixel_size(charts.cm_to_px(16), 1, 150 / 96)[0]
    code, _ = run(capsys, "export", "charts", "--db", small_db, "--out", tmp_path / "svg",
                  "--format", "svg", "--charts", "shortages", "--quiet")
    assert code == 0 and all(p.read_bytes().lstrip().startswith(b"<svg")
                             for p in (tmp_path / "svg").iterdir())


def test_errors_are_messages(small_db, tmp_path, capsys, monkeypatch):
    code, err = run(capsys, "report", "supplier", "NOPE", "--db", small_db, "--out", tmp_path / "x.pdf",
                    "--no-charts")
    assert code == 1 and "supplier 'NOPE' is not in the database" in err
    code, err = run(capsys, "report", "shortages", "--db", tmp_path / "missing.duckdb",
                    "--out", tmp_path / "x.pdf")
    assert code == 1 and "does not exist" in err and not (tmp_path / "missing.duckdb").exists()
    code, err = run(capsys, "export", "tables", "--db", small_db, "--out", tmp_path / "x.txt")
    assert code == 1 and "must end in .xlsx or .csv" in err
    code, err = run(capsys, "export", "tables", "--db", small_db, "--out", tmp_path / "x.csv")
    assert code == 1 and "holds one table" in err
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, err = run(capsys, "export", "tables", "--db", small_db, "--out", blocker / "t.xlsx", "--quiet")
    assert code == 1 and "cannot write" in err
    code, err = run(capsys, "export", "charts", "--db", small_db, "--out", blocker)
    assert code == 1 and "is a file" in err
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    code, err = run(capsys, "export", "charts", "--db", small_db, "--out", tmp_path / "c")
    assert code == 1 and "apt-get install chromium" in err
    code, err = run(capsys, "report", "supplier", "GOOD", "--db", small_db, "--out", tmp_path / "r.pdf")
    assert code == 1 and "--no-charts" in err and not (tmp_path / "r.pdf").exists()


CODES = {"direct_award", "open_tender", "restricted", "medicine", "medical_supply", "vaccine",
         "laboratory", "insufficient data", "improving", "declining", "stable", "worsening",
         "active", "completed", "rescinded", "terminated"}


def test_workbook_shows_codes_in_words(small_db, tmp_path, capsys):
    """Tiers, trends, groups, procedures, statuses and reasons in the workbook's language;
    `abasto scores --format csv` keeps the codes."""
    book, en_book = tmp_path / "es.xlsx", tmp_path / "en.xlsx"
    assert run(capsys, "export", "tables", "--db", small_db, "--out", book, "--quiet")[0] == 0
    wb = openpyxl.load_workbook(book)
    every = {v for ws in wb.worksheets for row in ws.iter_rows(min_row=2, values_only=True)
             for v in row if isinstance(v, str)}
    assert every & CODES == set()
    scores = {r["ID proveedor"]: r for r in sheet_rows(wb["Calificaciones"])}
    assert scores["FEW"]["Nivel"] == "Datos insuficientes"
    assert scores["GOOD"]["Tendencia"] == "estable" and scores["GOOD"]["Grupo de pares"] == "Medicamento"
    assert scores["GOOD"]["Pesos usados"].startswith("Entrega (OTIF) 35; Surtimiento 25")
    ledger = sheet_rows(wb["Penas por contrato"])
    assert {r["Tipo de procedimiento"] for r in ledger} == {"Adjudicación directa", "Licitación pública"}
    assert {r["Estatus"] for r in ledger} == {"Vigente"}
    # the sheet holds the worsening items only, as its name says (not every item's trend)
    assert {r["Tendencia"] for r in sheet_rows(wb["Insumos que empeoran"])} == {"empeora"}
    assert "Medicamento" in {r["Grupo"] for r in sheet_rows(wb["Insumos en riesgo"])}
    risk_headers = [c.value for c in wb["Insumos en riesgo"][1]]     # the trend's word for its flag
    assert {"Tendencia del proveedor", "Empeora"} <= set(risk_headers) and "A la baja" not in risk_headers

    assert run(capsys, "export", "tables", "--db", small_db, "--out", en_book, "--lang", "en", "--quiet")[0] == 0
    wb = openpyxl.load_workbook(en_book)
    scores = {r["Supplier ID"]: r for r in sheet_rows(wb["Scorecard"])}
    assert scores["FEW"]["Tier"] == "Insufficient data" and scores["GOOD"]["Peer group"] == "Medicine"
    assert {r["Procedure type"] for r in sheet_rows(wb["Penalties by contract"])} == {"Direct award", "Open tender"}
    assert {r["Status"] for r in sheet_rows(wb["Penalties by contract"])} == {"Active"}

    code = main(["scores", "--db", str(small_db), "--format", "csv"])
    raw = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert code == 0 and {r["tier"] for r in raw} >= {"insufficient data"} and raw[0]["trend"] == "stable"


@pytest.fixture
def grace_db(tmp_path):
    """Supplier S's three lines of item A due 10/01/2025 (metrics fixture otif_rate-grace_days):
    on time, a day late, 5 of 10 delivered. OTIF 1/3, or 2/3 with a day of grace; A's fill
    rate 25/30 = 83.3 %: a shortage under the 90 % threshold, none under 80 %."""
    path = tmp_path / "grace.duckdb"
    store.ensure_current(path)
    with store.writer(path) as con:
        load(con, FIXTURES / "otif_rate-grace_days.csv")
        facts.refresh(con)
    return path


SET = ("--set", "grace_days=1", "--set", "shortage_threshold=0.8")


def test_tables_set_overrides_settings_and_says_so(grace_db, tmp_path, capsys):
    books = {}
    for name, extra in (("plain", ()), ("set", SET)):
        books[name] = tmp_path / f"{name}.xlsx"
        assert run(capsys, "export", "tables", "--db", grace_db, "--out", books[name], "--tables",
                   "scorecard,shortage_items", "--quiet", *extra)[0] == 0
    plain, changed = (openpyxl.load_workbook(books[k]) for k in ("plain", "set"))
    otif = [sheet_rows(wb["Calificaciones"])[0]["A tiempo y completo (OTIF)"] for wb in (plain, changed)]
    assert math.isclose(otif[0], 1 / 3) and math.isclose(otif[1], 2 / 3)
    assert [sheet_rows(wb["Insumos"])[0]["Meses en desabasto"] for wb in (plain, changed)] == [1, 0]
    info = [{r[0]: r[1] for r in wb["Alcance y método"].iter_rows(values_only=True) if r[0]}
            for wb in (plain, changed)]
    assert info[0]["Días de gracia"] == "0" and info[1]["Días de gracia"] == "1"
    assert info[0]["Umbral de desabasto"] == "90 %" and info[1]["Umbral de desabasto"] == "80 %"
    label = "Ajustes cambiados para esta exportación (--set)"
    assert label not in info[0] and info[1][label] == "grace_days = 1 · shortage_threshold = 0.8"


def _pdf_text(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def test_reports_set_overrides_settings_and_say_so(grace_db, tmp_path, capsys):
    texts = {}
    for kind, extra in (("supplier", ("S",)), ("shortages", ())):
        for name, more in (("plain", ()), ("set", SET)):
            out = tmp_path / f"{kind}-{name}.pdf"
            assert run(capsys, "report", kind, *extra, "--db", grace_db, "--out", out, "--no-charts",
                       "--quiet", *more)[0] == 0
            texts[kind, name] = _pdf_text(out)
    assert "A tiempo y completo (OTIF) 33.3 %" in texts["supplier", "plain"]
    assert "A tiempo y completo (OTIF) 66.7 %" in texts["supplier", "set"]
    assert "Insumo-meses en desabasto 1 " in texts["shortages", "plain"]
    assert "Insumo-meses en desabasto 0 " in texts["shortages", "set"]
    for kind in ("supplier", "shortages"):      # the methodology names what --set changed
        assert "días de gracia: 0" in texts[kind, "plain"] and "(--set)" not in texts[kind, "plain"]
        assert "días de gracia: 1" in texts[kind, "set"]
        assert "(--set) grace_days = 1 · shortage_threshold = 0.8" in texts[kind, "set"]


def test_charts_set_overrides_settings(grace_db, tmp_path, capsys, monkeypatch):
    drawn = {}
    monkeypatch.setattr(charts, "available", lambda: True)            # no Chromium needed:
    monkeypatch.setattr(charts, "write_figures", lambda figs, *a, **k: drawn.update(figs) or [])
    values = {}
    for name, extra in (("plain", ()), ("set", SET)):
        drawn.clear()
        assert run(capsys, "export", "charts", "--db", grace_db, "--out", tmp_path / name,
                   "--pchart", "S", "--quiet", *extra)[0] == 0
        values[name] = {key: {t.name: list(t.y) for t in drawn[key].data}
                        for key in ("otif_surtimiento_mensual", "desabasto_mensual", "control_otif_S")}
    assert math.isclose(values["plain"]["otif_surtimiento_mensual"]["OTIF"][0], 1 / 3)
    assert math.isclose(values["set"]["otif_surtimiento_mensual"]["OTIF"][0], 2 / 3)
    assert math.isclose(values["set"]["control_otif_S"]["OTIF"][0], 2 / 3)
    assert values["plain"]["desabasto_mensual"]["Insumos en desabasto"] == [1]
    assert values["set"]["desabasto_mensual"]["Insumos en desabasto"] == [0]


def test_pchart_export_is_titled_with_the_supplier_name(small_db, tmp_path, capsys, monkeypatch):
    drawn = {}
    monkeypatch.setattr(charts, "available", lambda: True)            # no Chromium needed
    monkeypatch.setattr(charts, "write_figures", lambda figs, *a, **k: drawn.update(figs) or [])
    assert run(capsys, "export", "charts", "--db", small_db, "--out", tmp_path / "g", "--charts", "overview",
               "--pchart", "LATE", "--quiet")[0] == 0
    title = drawn["control_otif_LATE"].layout.title.text
    assert "Distribuidora Médica del Bajío" in title and "LATE" not in title
