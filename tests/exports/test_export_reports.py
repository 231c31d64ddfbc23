"""PDF reports opened after writing: pages, text (pypdf), numbers as `abasto scores` gives
them in Mexican format, accents, charts embedded; clear errors."""
import re
from io import BytesIO

import pytest
from pypdf import PdfReader

import metrics
from dashboard.exports import charts
from dashboard.exports.reports.shortage import shortage_report
from dashboard.exports.reports.supplier import supplier_report
from metrics import fmt, shortages, store
from metrics.exceptions import NotFound
from metrics.settings import load_settings
from metrics.scope import Scope
from metrics.scorecard import scorecard
from tests.exports.exports_data import EVIL_NAME

needs_chromium = pytest.mark.skipif(not charts.available(), reason="no Chromium installed")


def read(pdf: bytes) -> tuple[PdfReader, str]:
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(BytesIO(pdf))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def images(reader: PdfReader) -> int:
    return sum(len(page.images) for page in reader.pages)


@pytest.fixture(scope="module")
def con(small_db):
    with store.connect_read(small_db) as c:
        yield c


@needs_chromium
def test_supplier_report_spanish(con):
    reader, text = read(supplier_report(con, Scope(), "GOOD", lang="es"))
    assert 1 <= len(reader.pages) <= 3
    text = flat(text)
    row = scorecard(con, Scope()).set_index("supplier_id").loc["GOOD"]
    assert "Farmacéutica Ñandú, S.A. de C.V." in text                  # accents and ñ survive
    assert "Ficha de proveedor" in text and "Calificación" in text
    assert fmt.number(row["score"], 1) in text                          # same number as abasto scores
    assert f"IC 95 %: {fmt.number(row['score_low'], 1)} – {fmt.number(row['score_high'], 1)}" in text
    assert fmt.percent(row["otif_rate"], 1) in text
    assert fmt.money(row["penalty_gap"]) in text and "$" in fmt.money(row["penalty_gap"])
    for heading in ("Tendencia mensual", "Desglose por institución", "Insumos con más líneas",
                    "Cumplimiento contractual", "Metodología"):
        assert heading in text
    assert f"Versión de la metodología {metrics.METHODOLOGY_VERSION}" in text
    assert "entrega a tiempo y completa 35" in text                    # the weights used
    assert "corte 23/12/2025" in text                                   # dd/mm/yyyy in Spanish
    assert "página 1 de" in text
    assert images(reader) == 1                                          # the p-chart


@needs_chromium
def test_supplier_report_english_and_formula_name(con):
    reader, text = read(supplier_report(con, Scope(), "EVIL", lang="en"))
    text = flat(text)
    assert EVIL_NAME in text                                            # shown as text, as typed
    assert "Supplier scorecard" in text and "On time in full (OTIF)" in text
    assert "as of 2025-12-23" in text and "page 1 of" in text
    assert "Methodology version" in text


def test_supplier_report_without_charts_needs_no_browser(con, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    with pytest.raises(charts.ExportUnavailable, match="--no-charts"):
        supplier_report(con, Scope(), "GOOD")
    reader, text = read(supplier_report(con, Scope(), "GOOD", with_charts=False))
    assert images(reader) == 0 and "Gráfica omitida" in text


def test_supplier_report_unknown_and_empty_scope(con):
    with pytest.raises(NotFound, match="'NOPE' is not in the database"):
        supplier_report(con, Scope(), "NOPE", with_charts=False)
    reader, text = read(supplier_report(con, Scope.make(date_from="2030-01-01"), "GOOD", with_charts=False))
    assert len(reader.pages) == 1 and "no tiene líneas evaluables" in flat(text)


def test_insufficient_data_supplier_gets_no_tier(con):
    _, text = read(supplier_report(con, Scope(), "FEW", with_charts=False))
    assert "datos insuficientes (< 20 líneas)" in flat(text)


@needs_chromium
def test_shortage_report(con):
    reader, text = read(shortage_report(con, Scope(), lang="es"))
    assert 1 <= len(reader.pages) <= 4
    text = flat(text)
    head = shortages.headline(con, Scope()).iloc[0]
    assert "Revisión de desabasto" in text
    assert fmt.percent(head["undelivered_share"], 1) in text
    assert f"{fmt.number(head['qty_undelivered'], 0)} de {fmt.number(head['qty_ordered'], 0)} piezas" in text
    for heading in ("Insumos en desabasto por mes", "Insumos con más meses en desabasto",
                    "Episodios de desabasto", "Insumos que empeoran", "Insumos en riesgo",
                    "Proveedores detrás del desabasto", "Metodología"):
        assert heading in text
    assert "Gasa estéril 10 × 10 cm" in text or "Ácido acetilsalicílico" in text
    assert images(reader) == 1


def test_shortage_report_english_without_charts(con):
    reader, text = read(shortage_report(con, Scope(), lang="en", with_charts=False))
    text = flat(text)
    assert "Shortage review" in text and "Items at risk" in text and "page 1 of" in text
    assert images(reader) == 0


CODES = ("direct_award", "open_tender", "medicine", "medical_supply", "vaccine", "laboratory",
         "insufficient data", "improving", "declining", "stable", "worsening", "active")


def test_reports_show_no_codes(con):
    """Groups, tiers and trends in words in both reports (the risk table's trend, the worsening
    items, the peer group), Spanish and English."""
    _, text = read(supplier_report(con, Scope(), "FEW", with_charts=False))
    text = flat(text)
    assert "grupo: Medicamento" in text and "estable" in text
    assert not [c for c in CODES if re.search(rf"\b{c}\b", text)]
    _, text = read(shortage_report(con, Scope(), with_charts=False))
    text = flat(text)
    assert "Insumos en riesgo" in text and "estable" in text
    assert not [c for c in CODES if re.search(rf"\b{c}\b", text)]
    _, text = read(supplier_report(con, Scope(), "FEW", lang="en", with_charts=False))
    assert "group: Medicine" in flat(text) and "insufficient data (<" in flat(text)


def test_not_computable_card_gives_the_reason_in_spanish(con):
    from dashboard.exports.reports.supplier import kpi_cards
    from metrics.settings import load_settings
    row = scorecard(con, Scope()).set_index("supplier_id").loc["GOOD"]
    cards = kpi_cards(row, {"rejection_rate": "no deliveries in scope"}, load_settings(), "es")
    (card,) = [c for c in cards if c.value == "no calculable"]
    assert card.note == "no hay entregas en el alcance"


def test_supplier_report_says_which_command_lists_the_rows_it_leaves_out(demo_db):
    # the workbook has no per-supplier breakdown: the note names the command that does
    with store.connect_read(demo_db) as c:
        top = c.execute("SELECT supplier_id FROM line_facts GROUP BY 1 "
                        "HAVING count(*) FILTER (WHERE institution_id = 'IMSS-BIENESTAR') > 0 "
                        "ORDER BY count(DISTINCT item_code) DESC, 1 LIMIT 1").fetchone()[0]
        as_of = c.execute("SELECT max(delivered_date) FROM deliveries").fetchone()[0].isoformat()
        _, raw = read(supplier_report(c, Scope(), top, lang="es", with_charts=False))
        # a scoped report's note keeps its scope: the command lists the rows of that scope
        scoped = Scope.make(date_from="2025-01-01", institution=["IMSS-BIENESTAR", "IMSS"])
        _, scoped_raw = read(supplier_report(c, scoped, top, lang="es", with_charts=False,
                                             settings=load_settings(grace_days=3), overridden=("grace_days",)))
    text = flat(raw)
    assert f"todas con `abasto scores --as-of {as_of} --supplier {top} --group-by item`" in text
    assert (f"todas con `abasto scores --from 2025-01-01 --as-of {as_of} --institution IMSS,IMSS-BIENESTAR "
            f"--supplier {top} --set grace_days=3 --group-by item`") in flat(scoped_raw)
    assert "export tables" not in text
    # the longest institution id on one line in every table (it wrapped as IMSS-BIENES / TAR)
    assert "IMSS-BIENESTAR" in raw and "IMSS-BIENES\n" not in raw


def test_trend_card_names_the_months_in_force(con):
    """The OTIF trend card says the settings' trend window (it said "12 meses" whatever
    trend_months was)."""
    from dashboard.exports.reports.supplier import kpi_cards
    from metrics.settings import load_settings
    row = scorecard(con, Scope()).set_index("supplier_id").loc["GOOD"]
    labels = [c.label for c in kpi_cards(row, {}, load_settings(trend_months=6), "es")]
    assert "Tendencia de OTIF (6 meses)" in labels and "Tendencia de OTIF (12 meses)" not in labels
    labels = [c.label for c in kpi_cards(row, {}, load_settings(), "en")]
    assert "OTIF trend (12 months)" in labels


def test_a_cut_table_counts_its_rows_with_thousands_separators():
    import pandas as pd

    from dashboard.exports.reports.document import Column, Report
    doc = Report("t", lang="es")
    doc.data_table(pd.DataFrame({"item_code": [f"C{i}" for i in range(1151)]}),
                   [Column("item_code", "Clave")], max_rows=15, more="{shown} de {total} filas.")
    _, text = read(doc.output_bytes())
    assert "15 de 1,151 filas." in flat(text)


def test_item_months_card_says_what_its_two_counts_are(con):
    _, text = read(shortage_report(con, Scope(), lang="es", with_charts=False))
    assert "los meses en desabasto de cada insumo, sumados;" in flat(text)
    _, text = read(shortage_report(con, Scope(), lang="en", with_charts=False))
    assert "each item's short months, added up;" in flat(text) and "insumos" not in flat(text)


def test_ledger_ids_and_headers_do_not_break_mid_word(demo_db):
    from metrics.ledger import ledger
    with store.connect_read(demo_db) as c:
        sid = c.execute("SELECT supplier_id FROM contracts GROUP BY 1 "
                        "ORDER BY max(length(contract_id)) DESC, count(*) DESC, 1 LIMIT 1").fetchone()[0]
        shown = ledger(c, Scope.make(supplier=sid))["contract_id"].head(15)
        for lang in ("es", "en"):
            _, raw = read(supplier_report(c, Scope(), sid, lang=lang, with_charts=False))
            assert all(cid in raw for cid in shown), [cid for cid in shown if cid not in raw]
    assert max(map(len, shown)) >= 25
    assert "Guarantee\ncap used" in raw or "Guarantee cap used" in raw     # not "Guarante / e"
    assert "rescission" in raw
