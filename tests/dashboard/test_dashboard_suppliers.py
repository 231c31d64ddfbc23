"""Owner A's pages (Resumen, Proveedores, Ficha de proveedor, Comparar) through AppTest:
they render on the demo and on an empty database, filters and URLs set what they show,
and the language switch changes their labels. Exact numbers come from the tiny database of
conftest.py (suppliers P perfect, L always late, M worsening, R rejects, S 3 lines)."""
import pytest

from tests.dashboard.conftest import no_exception, texts

PAGES = ["overview", "suppliers", "scorecard", "compare"]


def metric(at, label):
    found = [m.value for m in at.metric if m.label == label]
    assert found, f"no metric {label!r} in {[m.label for m in at.metric]}"
    return found[0]


def dataframes(at):
    return list(at.dataframe)


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_on_demo_database(open_page, dash_db, page):
    at = open_page(dash_db, page)
    no_exception(at)
    assert at.title


@pytest.mark.parametrize("page", PAGES)
def test_page_explains_an_empty_database(open_page, empty_db, page):
    at = open_page(empty_db, page)
    no_exception(at)
    assert "no tiene datos todavía" in texts(at)


@pytest.mark.parametrize("page", ["overview", "suppliers", "compare"])
def test_page_explains_an_empty_scope(open_page, tiny_db, page):
    at = open_page(tiny_db, page, date_from="2030-01-01", date_to="2030-12-31",
                   cmp=["Perfecto SA de CV · P", "Mixto Farma SA · M"])
    no_exception(at)
    assert "No hay datos para estos filtros" in texts(at)


def test_overview_numbers_are_the_hand_computed_ones(open_page, tiny_db):
    at = open_page(tiny_db)
    no_exception(at)
    # 4 suppliers × 48 lines + S's 3; OTIF lines: P 48 + M 24 + S 3 = 75 of 195
    assert metric(at, "Líneas evaluables") == "195"
    assert metric(at, "A tiempo y completo (OTIF)") == "38.5 %"
    # penalties: due 15,000 (L, capped) + 3,196.38 (M) + 932.40 (R) − 5,000 applied
    assert metric(at, "Penas no aplicadas") == "$14,128.78"
    assert "Contratos cerca del umbral de rescisión (uso del tope de garantía ≥ umbral): 1." in texts(at)


def test_filters_change_the_numbers_and_the_url_reproduces_them(open_page, tiny_db):
    at = open_page(tiny_db)
    at.multiselect(key="institution").select("ISSSTE").run()
    no_exception(at)
    by_widget = (metric(at, "Líneas evaluables"), metric(at, "A tiempo y completo (OTIF)"))
    assert by_widget == ("51", "52.9 %")          # M 48 (24 OTIF) + S 3 (3 OTIF)
    shared = open_page(tiny_db, institution="ISSSTE")
    no_exception(shared)
    assert (metric(shared, "Líneas evaluables"), metric(shared, "A tiempo y completo (OTIF)")) == by_widget


def test_change_against_the_previous_period(open_page, tiny_db):
    # July–December against January–June: M falls from all OTIF to none
    at = open_page(tiny_db, date_from="2025-07-01", date_to="2025-12-31", institution="ISSSTE")
    no_exception(at)
    otif = [m for m in at.metric if m.label == "A tiempo y completo (OTIF)"][0]
    assert otif.value == "0.0 %"
    assert otif.proto.delta.startswith("-")
    assert "periodo anterior de igual duración (01/01/2025 al 30/06/2025)" in texts(at)


def test_the_scorecard_page_shows_the_change_against_a_brief_previous_period(open_page, tiny_db, monkeypatch):
    """The page's previous period is a brief scorecard (scorecard(brief=True)): its cards
    still show the change, here M's OTIF from all to none."""
    from metrics import scorecard
    calls = []
    real = scorecard.scorecard
    monkeypatch.setattr(scorecard, "scorecard", lambda *a, **k: (calls.append(k.get("brief", False)),
                                                                  real(*a, **k))[1])
    at = open_page(tiny_db, "scorecard", supplier="M", date_from="2025-07-01", date_to="2025-12-31",
                   institution="ISSSTE")
    no_exception(at)
    assert True in calls
    otif = [m for m in at.metric if m.label == "A tiempo y completo (OTIF)"][0]
    assert otif.value == "0.0 %" and otif.proto.delta.startswith("-")
    score = [m for m in at.metric if m.label == "Calificación de desempeño"][0]
    assert score.proto.delta.startswith("-")


def test_language_switch_changes_every_page(open_page, tiny_db):
    for page, es, en in (("overview", "Resumen", "Overview"), ("suppliers", "Proveedores", "Suppliers"),
                         ("scorecard", "Ficha de proveedor", "Supplier scorecard"),
                         ("compare", "Comparar", "Compare")):
        at = open_page(tiny_db, page, supplier="M")
        assert at.title[0].value == es
        at.button_group(key="lang").set_value("en").run()
        no_exception(at)
        assert at.title[0].value == en


def test_english_formats_dates_iso(open_page, tiny_db):
    at = open_page(tiny_db, lang="EN")
    no_exception(at)
    assert "as of 2026-01-20" in texts(at)
    assert metric(at, "Undelivered share") == "6.2 %"


def test_supplier_list_search_and_tier_filter(open_page, tiny_db):
    at = open_page(tiny_db, "suppliers")
    no_exception(at)
    table = dataframes(at)[0].value
    # tiered suppliers by score first; S (3 lines, not tiered) last despite its score of 89.7
    assert table["Proveedor"].tolist() == ["Perfecto SA de CV", "Mixto Farma SA", "Rechazos Médicos SA",
                                           "Siempre Tarde SA", "Pocas Líneas SC"]
    assert table["Ficha"].str.contains(r"scorecard\?supplier=").all()
    at.text_input(key="q").input("tarde").run()
    assert dataframes(at)[0].value["Proveedor"].tolist() == ["Siempre Tarde SA"]
    filtered = open_page(tiny_db, "suppliers", tier="C")
    assert sorted(dataframes(filtered)[0].value["Proveedor"]) == ["Rechazos Médicos SA", "Siempre Tarde SA"]


def test_scorecard_from_the_url_shows_its_workings(open_page, tiny_db):
    at = open_page(tiny_db, "scorecard", supplier="M")
    no_exception(at)
    assert at.header[0].value == "Mixto Farma SA"
    assert metric(at, "A tiempo y completo (OTIF)") == "50.0 %"
    body = texts(at)
    assert "Bruto: 50.0 % (24 de 48 líneas)" in body
    assert "Tendencia ↘ empeora" in body
    # the shortage part is the library's figure (metrics.shortages.supplier_contribution)
    from metrics import fmt, scope, shortages, store
    with store.connect_read(tiny_db) as con:
        share = shortages.supplier_contribution(con, scope.Scope()).set_index("supplier_id")
    assert f"explica el {fmt.percent(share.loc['M', 'shortage_contribution'])} de las piezas" in body
    lines = [d.value for d in dataframes(at) if "Orden" in d.value.columns][0]
    assert len(lines) == 48 and set(lines["Contrato"]) == {"C-M"}


def test_scorecard_lines_selection(open_page, tiny_db):
    at = open_page(tiny_db, "scorecard", supplier="M")
    at.selectbox(key="lines_only").set_value("not_otif").run()
    no_exception(at)
    lines = [d.value for d in dataframes(at) if "Orden" in d.value.columns][0]
    assert len(lines) == 24


def test_scorecard_small_supplier_is_not_tiered(open_page, tiny_db):
    at = open_page(tiny_db, "scorecard", supplier="S")
    no_exception(at)
    assert "no se clasifica en un nivel" in texts(at)


def test_scorecard_unknown_supplier(open_page, tiny_db):
    at = open_page(tiny_db, "scorecard", supplier="NOPE")
    assert not at.exception
    assert "No existe el proveedor «NOPE»" in "\n".join(w.value for w in at.warning)


def test_compare_says_which_differences_are_noise(open_page, tiny_db):
    at = open_page(tiny_db, "compare", cmp=["Perfecto SA de CV · P", "Mixto Farma SA · M", "Pocas Líneas SC · S"])
    no_exception(at)
    body = texts(at)
    # P 98.7 [95.2, 100.0], S 89.7 [69.6, 99.5], M 78.0 [70.3, 84.6]: P is clearly above M only
    assert ("**Perfecto SA de CV** (98.7): califica por encima de **Mixto Farma SA** (20.8 puntos abajo) y los "
            "intervalos al 95 % no se traslapan: la diferencia es real; no se distingue de **Pocas Líneas SC** "
            "(9.0 puntos abajo)") in body
    assert "**Pocas Líneas SC** (89.7): no se distingue de **Mixto Farma SA** (11.8 puntos abajo)" in body
    assert "**Pocas Líneas SC** tiene solo 3 líneas evaluables" in body


def test_compare_needs_two(open_page, tiny_db):
    at = open_page(tiny_db, "compare", cmp=["Perfecto SA de CV · P"])
    no_exception(at)
    assert "al menos dos proveedores" in texts(at)


def test_selecting_a_supplier_row_opens_its_scorecard_with_the_filters(open_page, tiny_db):
    at = open_page(tiny_db, "suppliers", institution="IMSS")
    names = at.dataframe[0].value["Proveedor"].tolist()
    assert names == ["Perfecto SA de CV", "Rechazos Médicos SA", "Siempre Tarde SA"]
    at.session_state["tbl_proveedores"] = {"selection": {"rows": [1], "columns": [], "cells": []}}
    at.run()
    no_exception(at)
    assert at.title[0].value == "Ficha de proveedor"
    assert at.header[0].value == "Rechazos Médicos SA"
    assert at.multiselect(key="institution").value == ["IMSS"]      # the filters came along
    assert "Institución: IMSS" in texts(at)


def test_links_carry_the_filters(open_page, tiny_db):
    at = open_page(tiny_db, "suppliers", institution="ISSSTE", item_group="Medicine", lang="EN")
    links = at.dataframe[0].value["Scorecard"].tolist()
    assert links[0].startswith("./scorecard?")
    for part in ("lang=EN", "institution=ISSSTE", "item_group=Medicine", "supplier="):
        assert part in links[0]


def test_kpi_card_shows_the_lines_behind_it(open_page, tiny_db):
    at = open_page(tiny_db, "scorecard", supplier="M")
    at.button(key="kpi_lines_otif_rate").click().run()
    no_exception(at)
    assert at.selectbox(key="lines_only").value == "not_otif"
    lines = [d.value for d in at.dataframe if "Orden" in d.value.columns][0]
    assert len(lines) == 24 and not lines["OTIF"].any()


def test_overview_lines_cover_every_supplier(open_page, tiny_db):
    at = open_page(tiny_db)
    at.button(key="kpi_lines_penalty_gap").click().run()
    no_exception(at)
    lines = [d.value for d in at.dataframe if "Orden" in d.value.columns][0]
    assert set(lines["Proveedor"]) == {"Siempre Tarde SA", "Mixto Farma SA", "Rechazos Médicos SA"}


def test_supplier_list_shows_the_governments_undelivered_figure(open_page, tiny_db):
    at = open_page(tiny_db, "suppliers")
    table = at.dataframe[0].value.set_index("Proveedor")
    # M: 5,658 of 6,660 pieces accepted -> 15.0 % not delivered; R: a tenth rejected -> 10.0 %
    assert table.loc["Mixto Farma SA", "% de piezas no entregadas"] == pytest.approx(15.045, abs=0.01)
    assert table.loc["Rechazos Médicos SA", "% de piezas no entregadas"] == pytest.approx(10.0)
    assert table.loc["Perfecto SA de CV", "% de piezas no entregadas"] == 0


def test_scorecard_explains_an_empty_scope(open_page, tiny_db):
    at = open_page(tiny_db, "scorecard", supplier="M", date_from="2030-01-01", date_to="2030-12-31")
    no_exception(at)
    assert "Mixto Farma SA no tiene líneas evaluables con estos filtros" in texts(at)


def test_a_kpi_that_cannot_be_computed_says_why(open_page, tiny_db):
    # R accepts 90 % of every line: no line is ever complete, so there are no days late
    at = open_page(tiny_db, "scorecard", supplier="R")
    no_exception(at)
    assert metric(at, "Días de atraso (promedio)") == "—"
    assert "no calculable: ninguna de las 48 líneas sirve (sin completar)" in texts(at)


def test_scorecard_breakdown_tabs_are_lazy(open_page, tiny_db):
    def breakdowns(at):     # the breakdown tables: the group's column, then lines, OTIF, ... backlog
        return [d.value for d in at.dataframe if "Piezas vencidas pendientes" in d.value.columns]

    at = open_page(tiny_db, "scorecard", supplier="M")
    no_exception(at)
    # only the open tab (by item) queried and drew its table: M sells one item, 48 lines
    [by_item] = breakdowns(at)
    assert by_item.columns[0] == "Insumo" and by_item["Líneas"].tolist() == [48]
    at.session_state["sc_breakdown"] = "Institución"
    at.run()
    no_exception(at)
    [by_institution] = breakdowns(at)
    assert by_institution.columns[0] == "Institución"
    assert by_institution["Institución"].tolist() == [
        "Instituto de Seguridad y Servicios Sociales de los Trabajadores del Estado"]


def test_scorecard_shortage_part_is_the_scorecards_contribution(open_page, tiny_db):
    # the page reads the all-supplier scorecard's shortage columns (no second query)
    from metrics import fmt, scope, scorecard, store
    with store.connect_read(tiny_db) as con:
        card = scorecard.scorecard(con, scope.Scope()).set_index("supplier_id")
    at = open_page(tiny_db, "scorecard", supplier="M")
    no_exception(at)
    assert card.loc["M", "shortage_qty"] > 0
    assert f"explica el {fmt.percent(card.loc['M', 'shortage_contribution'])} de las piezas" in texts(at)
    assert not card.loc["P", "shortage_qty"] > 0
    at = open_page(tiny_db, "scorecard", supplier="P")
    assert "Perfecto SA de CV no tiene faltantes atribuibles" in texts(at)


def test_trend_help_states_the_window_and_level_in_force(open_page, tiny_db, tmp_path, monkeypatch):
    """The suppliers table's trend help says the settings' months and p (it said 12 and 0.05
    whatever trend_months and trend_alpha were)."""
    import json
    (tmp_path / "custom.toml").write_text("[settings]\ntrend_months = 6\ntrend_alpha = 0.1\n")
    monkeypatch.setenv("ABASTO_CONFIG", str(tmp_path / "custom.toml"))
    at = open_page(tiny_db, "suppliers")
    no_exception(at)
    columns = json.loads(at.dataframe[0].proto.columns)
    assert columns["Tendencia"]["help"] == "OTIF mensual de los últimos 6 meses (Mann–Kendall, p < 0.10)."
