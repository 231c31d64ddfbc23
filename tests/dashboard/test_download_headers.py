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
    """{download name: frame} of every download button a page run drew."""
    seen = {}
    real = components.downloads

    def record(frame, name, *, scope=None):
        seen[name] = frame
        return real(frame, name, scope=scope)

    monkeypatch.setattr(components, "downloads", record)
    return seen


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
        for col in frame.columns:
            for lang in ("es", "en"):
                if CODE_NAME.fullmatch(str(col)) and columns.label(col, lang) == col:
                    raw.setdefault(name, set()).add(col)
    assert not raw, f"headers left as code names: {raw}"
    fields = recorded["llenado_columnas"]
    assert [columns.label(c, "es") for c in fields.columns] == [
        "Tabla", "Columna", "Filas", "Filas con valor", "Filas con valor (%)"]
