"""Shortages (Desabasto) and item pages: render on demo and empty data, filters and the URL
change the numbers as hand-computed on the tiny database, the language switch works."""
import json

import pytest

from tests.dashboard.conftest import no_exception, texts

PARACETAMOL = "010.000.0104.00"


def _q(n):
    """The tiny database's quantity of order line n (conftest.TINY_SQL)."""
    return 100 + (n % 5) * 20


# Hand count on the tiny database: M (ISSSTE) delivers 70 % of its lines due from July
# (n >= 24 of 48), R (IMSS) has a tenth of every line rejected; all else arrives in full.
M_MISSING = sum(round(_q(n) * 0.3) for n in range(24, 48))
R_MISSING = sum(round(_q(n) * 0.1) for n in range(48))
ISSSTE_ORDERED = sum(_q(n) for n in range(48)) + sum(_q(n) for n in range(3))   # M + S


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def figures(at):
    return [json.loads(e.proto.spec) for e in at.get("plotly_chart")]


def test_shortages_page_renders_on_demo_data(open_page, dash_db):
    at = open_page(dash_db, "shortages")
    no_exception(at)
    assert at.title[0].value == "Desabasto"
    assert metric(at, "% de piezas no entregadas").endswith("%")
    assert len(figures(at)) >= 2                      # trend and heat map at least


def test_shortages_page_explains_an_empty_database(open_page, empty_db):
    at = open_page(empty_db, "shortages")
    no_exception(at)
    assert not at.get("plotly_chart")
    assert "no tiene datos" in texts(at)


def test_headline_is_the_hand_count_and_filters_change_it(open_page, tiny_db):
    at = open_page(tiny_db, "shortages")
    no_exception(at)
    assert metric(at, "Piezas faltantes") == f"{M_MISSING + R_MISSING:,}"
    at = open_page(tiny_db, "shortages", institution="ISSSTE")
    no_exception(at)
    assert metric(at, "Piezas faltantes") == f"{M_MISSING:,}"
    assert f"de {ISSSTE_ORDERED:,} piezas ordenadas" in texts(at)


def test_url_reproduces_the_breakdown_by_state(open_page, tiny_db):
    at = open_page(tiny_db, "shortages", short_by="Estado")
    no_exception(at)
    assert at.button_group(key="short_by").value == "state"
    trend = figures(at)[0]
    assert {t["name"] for t in trend["data"]} <= {"Jalisco", "Nuevo León", "Puebla"}
    assert len(trend["data"]) >= 2
    assert "Insumos en desabasto por mes" in trend["layout"]["title"]["text"]
    assert "corte" in trend["layout"]["title"]["subtitle"]["text"]       # the scope travels with it


def test_the_tables_link_every_item_to_its_page(open_page, tiny_db):
    at = open_page(tiny_db, "shortages")
    episodes = next(d.value for d in at.dataframe if "Inicio" in d.value.columns)
    assert episodes["En curso"].iloc[0]                                 # ongoing first
    assert all(f"item={code}" in link for code, link in zip(episodes["Insumo"], episodes["Abrir"]))


def test_breakdown_survives_the_language_switch(open_page, tiny_db):
    at = open_page(tiny_db, "shortages", short_by="Estado")
    at.button_group(key="lang").set_value("en").run()
    no_exception(at)
    assert at.button_group(key="short_by").value == "state"
    assert at.query_params["short_by"] in ("State", ["State"])    # the shared link works in English


def test_shortages_language_switch(open_page, tiny_db):
    at = open_page(tiny_db, "shortages")
    at.button_group(key="lang").set_value("en").run()
    no_exception(at)
    assert at.title[0].value == "Shortages"
    assert "Pieces missing" in [m.label for m in at.metric]


def test_item_page_from_the_url(open_page, tiny_db):
    at = open_page(tiny_db, "item", item=PARACETAMOL)
    no_exception(at)
    assert at.subheader[0].value == f"{PARACETAMOL} · Paracetamol 500 mg"
    # P (IMSS) and M (ISSSTE) supply it: M's late half-year makes 6 of 12 months short.
    assert metric(at, "Meses en desabasto") == "6 / 12"
    history = figures(at)[0]
    threshold = [t for t in history["data"] if t.get("name", "").startswith("Umbral")]
    assert threshold and set(threshold[0]["y"]) == {0.9}
    names = {t.get("name") for f in figures(at) for t in f["data"]} | {
        y for f in figures(at) for t in f["data"] for y in (t.get("y") or []) if isinstance(y, str)}
    assert "Mixto Farma SA" in names                                       # the supplier behind it


def test_item_page_filters_change_the_numbers(open_page, tiny_db):
    at = open_page(tiny_db, "item", item=PARACETAMOL, institution="IMSS")
    no_exception(at)
    assert metric(at, "Meses en desabasto") == "0 / 12"                   # only P delivers to IMSS
    assert metric(at, "Nivel de surtimiento") == "100.0 %"


def test_item_page_without_item_and_on_empty_database(open_page, tiny_db, empty_db):
    at = open_page(tiny_db, "item")
    no_exception(at)
    assert "Elija un insumo" in texts(at)
    at = open_page(empty_db, "item", item=PARACETAMOL)
    no_exception(at)
    assert "no tiene datos" in texts(at)


def test_item_page_unknown_code_says_it_does_not_exist(open_page, tiny_db):
    # not "no lines with these filters", which sends the user to widen the filters
    at = open_page(tiny_db, "item", item="999.999")
    no_exception(at)
    assert [w.value for w in at.warning] == ["No existe la clave «999.999» en esta base de datos."]
    assert not at.metric and not any("999.999" in s.value for s in at.subheader)
    at = open_page(tiny_db, "item", item="999.999", lang="EN")
    assert [w.value for w in at.warning] == ["There is no item '999.999' in this database."]


def test_item_page_language_switch(open_page, tiny_db):
    at = open_page(tiny_db, "item", item=PARACETAMOL, lang="EN")
    no_exception(at)
    assert at.title[0].value == "Item page"
    assert "Short months" in [m.label for m in at.metric]


def test_risk_list_reads_the_cached_scorecard(open_page, dash_db, monkeypatch):
    """The at-risk list takes its tiers from the all-supplier scorecard the pages cache: the
    shortage page and then the overview (same scope) compute it once between them, and the
    list is the library's risk()."""
    import functools

    import metrics.scorecard
    from metrics import shortages, store
    from metrics.scope import Scope

    real = metrics.scorecard.scorecard
    by_supplier = []

    @functools.wraps(real)     # same name: data.call keys its cache by the function's name
    def counting(con, scope=None, group_by=("supplier",), settings=None):
        if tuple(group_by) == ("supplier",):
            by_supplier.append(scope)
        return real(con, scope, group_by=group_by, settings=settings)
    monkeypatch.setattr(metrics.scorecard, "scorecard", counting)

    at = open_page(dash_db, "shortages")
    at.session_state["short_risk_open"] = True
    at.run()
    no_exception(at)
    assert len(by_supplier) == 1
    shown = next(d.value for d in at.dataframe if "Proveedor dominante" in d.value.columns)
    with store.connect_read(dash_db) as con:
        want = shortages.risk(con, Scope(), card=real(con, Scope()))
    assert len(want) > 0
    assert shown["Insumo"].tolist()[:len(want)] == want["item_code"].tolist()[:len(shown)]
    at.switch_page("views/overview.py")
    at.run()
    no_exception(at)
    assert len(by_supplier) == 1          # the overview's tiers came from the same cache entry


def test_the_shortage_review_pdf_downloads_from_the_page_in_its_scope(open_page, tiny_db, monkeypatch):
    """Officials take the review to meetings: the page offers `abasto report shortages`'s PDF
    for the page's own filters and language."""
    from io import BytesIO

    from pypdf import PdfReader

    from dashboard import components
    from dashboard.exports.reports.shortage import shortage_report
    offered = []
    real = components.report_download

    def record(label, fn, file_name, *args, key, **kwargs):
        offered.append((label, fn, file_name, key))
        return real(label, fn, file_name, *args, key=key, **kwargs)
    monkeypatch.setattr(components, "report_download", record)
    at = open_page(tiny_db, "shortages", institution="ISSSTE")
    no_exception(at)
    ((label, fn, file_name, key),) = offered
    assert label == "Revisión de desabasto en PDF" and fn is shortage_report
    assert file_name == "revision_desabasto.pdf"
    from metrics import store
    from metrics.scope import Scope
    with store.connect_read(tiny_db) as con:
        pdf = fn(con, Scope.make(institution="ISSSTE"), lang="es", with_charts=False)
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    assert "Institución: ISSSTE" in " ".join(text.split())
