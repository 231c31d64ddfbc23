"""Every table a page offers for download has headers in the user's language: no column
comes out under its code name (snake_case), in Spanish or English, and a column is not
named after another table's column of the same code (the data page's "filled" rows were
headed "Recetas surtidas")."""
from __future__ import annotations

import re

import duckdb
import pytest

from dashboard import components
from dashboard.exports import columns

from .conftest import no_exception, run_app

CODE_NAME = re.compile(r"[a-z0-9]+(_[a-z0-9]+)+")
PAGES = ("overview", "suppliers", "scorecard", "shortages", "item", "contracts", "contract", "data",
         "methodology")


@pytest.fixture()
def recorded(monkeypatch):
    """{download name: frame} of every download button a page run drew; their wording
    (labels, kinds) in `recorded.wording`."""
    seen = Recorded()
    real = components.downloads

    def record(frame, name, *, scope=None, wording=None):
        seen[name] = frame
        seen.wording[name] = wording or ({}, {})
        return real(frame, name, scope=scope, wording=wording)

    monkeypatch.setattr(components, "downloads", record)
    return seen


class Recorded(dict):
    def __init__(self):
        super().__init__()
        self.wording = {}


def _ids(db) -> dict:
    with duckdb.connect(str(db), read_only=True) as con:
        top = {c: con.execute(f"SELECT {c} FROM line_facts GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"
                              ).fetchone()[0] for c in ("supplier_id", "item_code", "contract_id")}
    return {"scorecard": {"supplier": top["supplier_id"]}, "item": {"item": top["item_code"]},
            "contract": {"contract": top["contract_id"]}}


def test_every_download_header_is_a_label_in_both_languages(monkeypatch, dash_db, recorded):
    monkeypatch.setenv("ABASTO_DB", str(dash_db))
    ids = _ids(dash_db)
    for page in PAGES:
        no_exception(run_app(page, ids.get(page, {})))
    assert {"llenado_columnas", "contratos", "proveedores", "insumos_empeorando"} <= set(recorded)
    raw = {}
    for name, frame in recorded.items():
        frame = frame() if callable(frame) else frame
        labels = recorded.wording[name][0]
        for col in frame.columns:
            for lang in ("es", "en"):
                if CODE_NAME.fullmatch(str(col)) and columns.label(col, lang, labels) == col:
                    raw.setdefault(name, set()).add(col)
    assert not raw, f"headers left as code names: {raw}"
    codes = {"worsening", "declining", "improving", "insufficient data", "open_tender", "medicine", "active"}
    for name, frame in recorded.items():         # each file builds, with codes in words
        frame = frame() if callable(frame) else frame
        text = components.table_file(frame, "csv", name, lang="es", wording=recorded.wording[name])
        cells = set(text.decode("utf-8-sig").replace("\r\n", ",").split(","))
        assert not cells & codes, (name, cells & codes)
    for name, frame in recorded.items():         # no two columns under one header
        frame = frame() if callable(frame) else frame
        for lang in ("es", "en"):
            heads = [columns.label(str(c), lang, recorded.wording[name][0]) for c in frame.columns]
            assert len(heads) == len(set(heads)), (name, lang, {h for h in heads if heads.count(h) > 1})
    fields = recorded["llenado_columnas"]
    assert [columns.label(c, "es") for c in fields.columns] == [
        "Tabla", "Columna", "Filas", "Filas con valor", "Filas con valor (%)"]


def _sheet(data: bytes) -> tuple[list, list]:
    """(headers, first row's cells) of a workbook's first sheet."""
    import io

    import openpyxl
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    return [c.value for c in ws[1]], list(ws[2])


def test_worsening_download_has_the_workbooks_headers_and_months(monkeypatch, dash_db, recorded, tmp_path):
    """The shortages page's download of the worsening items and the workbook's "Insumos que
    empeoran" sheet (`abasto export tables`) name the columns alike, in both languages, from
    metrics/shortages/labels.py; the latest month is an Excel date shown as a month in both."""
    from metrics.cli import main
    monkeypatch.setenv("ABASTO_DB", str(dash_db))
    no_exception(run_app("shortages"))
    frame, wording = recorded["insumos_que_empeoran"], recorded.wording["insumos_que_empeoran"]
    assert len(frame) and wording == components.SHORTAGE_WORDING
    for lang, sheet, stats in (("es", "Insumos que empeoran", ["Tau de Kendall", "Valor p"]),
                               ("en", "Worsening items", ["Kendall's tau", "p-value"])):
        mine, cells = _sheet(components.table_file(frame, "xlsx", sheet, lang=lang, wording=wording))
        book = tmp_path / f"{lang}.xlsx"
        assert main(["export", "tables", "--db", str(dash_db), "--out", str(book), "--tables", "worsening",
                     "--lang", lang, "--quiet"]) == 0
        theirs, their_cells = _sheet(book.read_bytes())
        assert mine == theirs and set(stats) <= set(mine)
        month = mine.index("Último mes" if lang == "es" else "Latest month")
        for cell in (cells[month], their_cells[month]):
            assert cell.is_date and cell.number_format.endswith("mmm yyyy")
        status = mine.index("Tendencia" if lang == "es" else "Trend")
        assert cells[status].value == ("empeora" if lang == "es" else "worsening")
