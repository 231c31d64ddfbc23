"""A word after a count agrees with it in both languages ("1 aún no vencida", "1 not yet
due"): the KPI cards' exclusions, the texts with counts, the PDF cards and the workbook's
scope sheet all go through metrics.fmt.fill."""
import pandas as pd
import pytest

from dashboard import components, state
from dashboard.exports.reports.texts import tr
from dashboard.i18n import t


def _excl(**counts) -> pd.DataFrame:
    row = {"kpi": "otif_rate", "lines_used": 1, "cancelled": 0, "not_yet_due": 0, "outside_window": 0,
           "missing_data": 0, "missing_reason": None, **counts}
    return pd.DataFrame([row])


@pytest.mark.parametrize("lang,one,many", [
    ("es", "Líneas usadas: 1. Excluidas: 1 cancelada; 1 aún no vencida; 1 fuera del periodo.",
     "Líneas usadas: 1. Excluidas: 2 canceladas; 1,500 aún no vencidas; 0 fuera del periodo."),
    ("en", "Lines used: 1. Excluded: 1 cancelled; 1 not yet due; 1 outside the window.",
     "Lines used: 1. Excluded: 2 cancelled; 1,500 not yet due; 0 outside the window."),
])
def test_kpi_exclusions_agree_with_their_counts(monkeypatch, lang, one, many):
    monkeypatch.setattr(state, "lang", lambda: lang)
    assert components.exclusions_text(_excl(cancelled=1, not_yet_due=1, outside_window=1), "otif_rate") == one
    assert components.exclusions_text(_excl(cancelled=2, not_yet_due=1500), "otif_rate") == many


def test_a_kpi_whose_only_line_lacks_data_says_so(monkeypatch):
    monkeypatch.setattr(state, "lang", lambda: "es")
    one = _excl(lines_used=0, missing_data=1, missing_reason="not completed")
    assert components.missing_reason(one, "otif_rate") == "la única línea no sirve (sin completar)"
    three = _excl(lines_used=0, missing_data=3, missing_reason="not completed")
    assert components.missing_reason(three, "otif_rate") == "ninguna de las 3 líneas sirve (sin completar)"
    monkeypatch.setattr(state, "lang", lambda: "en")
    assert components.missing_reason(one, "otif_rate") == "the only line cannot be used (not completed)"


def test_texts_with_counts_in_the_singular():
    assert t("shortages.headline_detail", "es", missing="1", ordered="1") == "Falta 1 de 1 pieza ordenada."
    assert t("shortages.headline_detail", "en", missing="1", ordered="40") == "1 of 40 pieces ordered is missing."
    assert t("shortages.headline_detail", "es", missing="3", ordered="40") == "Faltan 3 de 40 piezas ordenadas."
    assert t("overview.top_title", "es", n=1) == "El proveedor con mejor calificación"
    assert t("overview.top_title", "en", n=5) == "Top 5 suppliers by score"
    assert t("contracts.rescinded", "es", n="1") == "1 rescindido"
    assert t("data.check_failed", "en", errors="1", files="2").startswith("The check found 1 error in 2 files:")
    assert tr("card.lines", "es", n="1") == "1 línea" and tr("card.lines", "en", n="7") == "7 lines"


def test_workbook_scope_sheet_counts_rows_in_the_singular():
    import io

    import openpyxl

    from dashboard.exports import tables
    data = tables.to_xlsx_bytes({"Una": pd.DataFrame({"x": [1]}), "Dos": pd.DataFrame({"x": [1, 2]})})
    ws = openpyxl.load_workbook(io.BytesIO(data))["Alcance y método"]
    lines = [c.value for c in ws["B"] if isinstance(c.value, str)]
    assert "Una: 1 fila" in lines and "Dos: 2 filas" in lines
