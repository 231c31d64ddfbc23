"""What a person clicks through, in a real Chromium against `streamlit run`.

One server on a copy of the demo database for the whole module (tests/browser/conftest.py).
Waits are for content (a chart's SVG, a table's canvas, a known text), never fixed sleeps.
"""
from __future__ import annotations

import io
import re
import zipfile

import pandas as pd
import pytest

from metrics import fmt, store
from metrics.scope import Scope
from metrics.scorecard import scorecard
from tests.browser.conftest import CHART, TABLE, first_metric, no_exception
from tests.ingest.ingest_helpers import fingerprint

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _metric_changes_from(tab, before: str) -> None:
    tab.wait_for_function(
        """(before) => { const m = document.querySelector('[data-testid="stMetricValue"]');
                         return m && m.innerText.trim() !== before; }""", arg=before)


def _number(text: str) -> int:
    return int(re.sub(r"[^\d]", "", text))


def test_a_filter_changes_the_kpis_and_lands_in_the_url(page, served):
    page.goto(served + "/")
    page.wait_for_selector(CHART)
    before = first_metric(page)
    institution = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has_text="Institución")
    institution.locator("input").click()
    page.get_by_role("option", name="IMSS", exact=True).click()
    page.keyboard.press("Escape")
    _metric_changes_from(page, before)
    after = first_metric(page)
    assert 0 < _number(after) < _number(before)          # IMSS is a part of all the lines
    assert "institution=IMSS" in page.url
    page.wait_for_selector("text=Institución: IMSS")     # the scope caption says so
    no_exception(page)


def test_a_shared_link_opens_the_same_view_in_a_new_page(page, served, browser):
    page.goto(served + "/?institution=ISSSTE")
    page.wait_for_selector(CHART)
    shown = first_metric(page)
    url = page.url
    other = browser.new_context(viewport={"width": 1400, "height": 2400}).new_page()
    try:
        other.goto(url)
        other.wait_for_selector(CHART, timeout=60_000)
        assert first_metric(other) == shown
        assert "institution=ISSSTE" in other.url
        other.wait_for_selector("text=Institución: ISSSTE", timeout=30_000)
    finally:
        other.context.close()


def test_a_supplier_opens_from_the_suppliers_table(page, served):
    page.goto(served + "/suppliers")
    page.wait_for_selector(TABLE)
    grid = page.locator('[data-testid="stDataFrame"]').first
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 15, box["y"] + 35 + 17)  # the selection box of the first row
    page.wait_for_url(re.compile(r"/scorecard\?.*supplier="))
    page.wait_for_selector(CHART)
    page.wait_for_selector("text=Ficha de proveedor")
    supplier = re.search(r"supplier=([^&]+)", page.url).group(1)
    page.wait_for_selector(f"text=ID {supplier}")
    no_exception(page)


def test_a_shortage_item_opens_from_the_shortages_page(page, served):
    page.goto(served + "/shortages")
    page.wait_for_selector(CHART)
    picker = page.locator('[data-testid="stSelectbox"]').filter(has_text="Abrir ficha del insumo")
    picker.locator("input").click()
    option = page.get_by_role("option").first
    code = option.inner_text().strip().split()[0]
    option.click()
    page.get_by_text(f"Abrir la ficha de {code}").click()
    page.wait_for_url(re.compile(r"/item\?.*item="))
    page.wait_for_selector(f"text={code} ·")
    assert "item=" + code in page.url
    no_exception(page)


def test_switching_to_english_translates_the_page_and_the_link(page, served):
    page.goto(served + "/")
    page.wait_for_selector(CHART)
    page.wait_for_selector("h1:has-text('Resumen')")
    page.locator('[data-testid="stSidebar"]').get_by_text("EN", exact=True).click()
    page.wait_for_selector("h1:has-text('Overview')")
    page.wait_for_url(re.compile(r"lang=en", re.I))
    again = page.context.new_page()
    try:
        again.goto(page.url)
        again.wait_for_selector("h1:has-text('Overview')", timeout=60_000)
    finally:
        again.close()


def test_a_hand_typed_lowercase_language_link_opens_in_english(page, served):
    # the switch writes its label (lang=EN); a link typed as lang=en was dropped: Spanish
    page.goto(served + "/shortages?lang=en")
    page.wait_for_selector("h1:has-text('Shortages')", timeout=60_000)
    assert page.locator("h1:has-text('Desabasto')").count() == 0


def test_a_chart_and_a_table_download_as_real_files(page, served):
    page.goto(served + "/suppliers")
    page.wait_for_selector(TABLE)
    buttons = page.locator('[data-testid="stDownloadButton"]')
    with page.expect_download() as csv_event:
        buttons.filter(has_text="CSV").first.click()
    csv_bytes = open(csv_event.value.path(), "rb").read()
    frame = pd.read_csv(io.BytesIO(csv_bytes))
    assert csv_event.value.suggested_filename.endswith(".csv")
    caption = page.get_by_text(re.compile(r"\d[\d,]* de [\d,]+ proveedores")).first.inner_text()
    shown = _number(caption.split(" de ")[0])
    assert len(frame) == shown > 10                      # every supplier the table lists
    assert {"ID proveedor", "Proveedor"} <= set(frame.columns)
    with page.expect_download() as xlsx_event:
        buttons.filter(has_text="Excel").first.click()
    xlsx_bytes = open(xlsx_event.value.path(), "rb").read()
    assert zipfile.is_zipfile(io.BytesIO(xlsx_bytes))
    sheets = pd.read_excel(io.BytesIO(xlsx_bytes), sheet_name=None, engine="openpyxl")
    assert any(len(s) >= shown for s in sheets.values())

    page.goto(served + "/")
    page.wait_for_selector(CHART)
    with page.expect_download() as png_event:
        page.locator('[data-testid="stDownloadButton"]').filter(has_text="PNG").first.click()
    png = open(png_event.value.path(), "rb").read()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5_000
    assert png_event.value.suggested_filename.endswith(".png")


BAD_ORDERS = (
    "order_id,contract_id,item_code,unit_id,order_date,due_date,qty_ordered\n"
    "BX1,NO-SUCH-CONTRACT,010.000.0104.00,U1,2025-03-01,2025-03-15,10\n"
    "BX2,NO-SUCH-CONTRACT,010.000.0104.00,U1,31/02/2025,not a date,-5\n")


def _lines(path) -> int:
    con = store.connect_read(path)
    try:
        return int(scorecard(con, Scope.make(), group_by=())["lines"].iloc[0])
    finally:
        con.close()


def test_upload_a_bad_file_then_a_good_one(page, served, served_db, tmp_path):
    from tests.ingest.ingest_helpers import BASE

    before = fingerprint(served_db)
    page.goto(served + "/")
    page.wait_for_selector(CHART)
    # the KPI cards settle on the stored count (the first paint can still be mid-rerun)
    expected = fmt.number(_lines(served_db), 0, "es")
    page.wait_for_function(
        """(n) => { const m = document.querySelector('[data-testid="stMetricValue"]');
                    return m && m.innerText.trim() === n; }""", arg=expected)
    lines_before = _number(first_metric(page))
    assert lines_before == _lines(served_db)

    page.goto(served + "/data")
    page.wait_for_selector("h1:has-text('Datos')")
    bad = tmp_path / "orders.csv"
    bad.write_text(BAD_ORDERS, encoding="utf-8")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(bad))
    page.wait_for_selector("text=no se puede importar")
    page.wait_for_selector('[data-testid="stDataFrame"] canvas')
    import_button = page.locator('[data-testid="stButton"] button').filter(has_text="Importar")
    assert import_button.is_disabled()
    assert fingerprint(served_db) == before                  # nothing was written

    # Replace the upload by the good base fixture set: every table, consistent ids.
    for remove in page.locator('[data-testid="stFileUploaderDeleteBtn"] button').all():
        remove.click()
    good = sorted(str(p) for p in BASE.glob("*.csv"))
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(good)
    page.wait_for_selector("text=Revisión sin errores")
    import_button.click()
    page.wait_for_selector("text=/Importación \\d+ completa/")
    after = fingerprint(served_db)
    assert after["orders"][0] == before["orders"][0] + 3
    assert after["import_batches"][0] == before["import_batches"][0] + 1

    page.goto(served + "/")
    page.wait_for_selector(CHART)
    page.wait_for_function(
        """(n) => { const m = document.querySelector('[data-testid="stMetricValue"]');
                    return m && parseInt(m.innerText.replace(/[^0-9]/g, '')) > n; }""", arg=lines_before)
    # the page shows what the library computes on the new file (O3 of the set is cancelled)
    assert first_metric(page) == fmt.number(_lines(served_db), 0, "es") == fmt.number(lines_before + 2, 0, "es")
    no_exception(page)
