"""Sections that are computed only when opened (lazy expanders and tabs): closed, they hold
nothing; opened, they show what the library returns."""
from tests.dashboard.conftest import no_exception, texts

PARACETAMOL = "010.000.0104.00"


def tables(at):
    return [d.value for d in at.dataframe]


def test_shortage_risk_and_demand_open_on_request(open_page, tiny_db):
    at = open_page(tiny_db, "shortages")
    no_exception(at)
    assert [e.label for e in at.expander][:2] == ["Insumos en riesgo por concentración",
                                                  "Demanda: recetas surtidas y embudo de compra"]
    body = texts(at)
    assert "No hay recetas cargadas" not in body and "No hay partidas licitadas" not in body
    assert not any("Proveedor dominante" in f.columns for f in tables(at))
    at.session_state["short_risk_open"] = True
    at.session_state["short_demand_open"] = True
    at.run()
    no_exception(at)
    body = texts(at)
    # the tiny database has no prescriptions or tenders: the demand side says what to load
    assert "No hay recetas cargadas" in body and "No hay partidas licitadas" in body
    # L is the single source of insulin and tier D: the risk list names it
    risk = next(f for f in tables(at) if "Proveedor dominante" in f.columns)
    assert "Siempre Tarde SA" in set(risk["Proveedor dominante"])


def test_item_units_open_on_request(open_page, tiny_db):
    at = open_page(tiny_db, "item", item=PARACETAMOL)
    no_exception(at)
    assert not any("Unidad" in f.columns for f in tables(at))
    at.session_state["item_units_open"] = True
    at.run()
    no_exception(at)
    units = next(f for f in tables(at) if "Unidad" in f.columns)
    assert set(units["Unidad"]) == {"U1", "U2", "U3"}


def test_scorecard_shortage_items_open_on_request(open_page, tiny_db):
    at = open_page(tiny_db, "scorecard", supplier="M")
    no_exception(at)
    assert "explica el" in texts(at)                       # the sentence needs no query of its own
    assert not any("Piezas faltantes atribuibles" in f.columns for f in tables(at))
    at.session_state["sc_shortage_items"] = True
    at.run()
    no_exception(at)
    by_item = next(f for f in tables(at) if "Piezas faltantes atribuibles" in f.columns)
    assert by_item["Insumo"].tolist() == [PARACETAMOL]        # M's one item, short from July
    assert by_item["Meses en desabasto"].tolist() == [6]


def _episodes_script():
    import pandas as pd

    from dashboard import components as ui
    frame = pd.DataFrame({"item_code": [f"I{i}" for i in range(10)], "start_month": ["2025-01-01"] * 10,
                          "end_month": ["2025-03-01"] * 10, "ongoing": [i % 2 == 0 for i in range(10)],
                          "months": list(range(10)), "undelivered_qty": [5] * 10, "fill_rate": [0.5] * 10})
    ui.episodes_table(frame, "ep", key="k", lead={"Insumo": "item_code"}, rows=3)


def test_episodes_table_draws_the_first_rows_only():
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_function(_episodes_script).run()
    no_exception(at)
    # ongoing first, then the longest: I8, I6, I4 of the 10
    assert at.dataframe[0].value["Insumo"].tolist() == ["I8", "I6", "I4"]
    assert "Se muestran las primeras 3 filas de 10" in texts(at)
