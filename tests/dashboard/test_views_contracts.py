"""Contracts and contract pages: render on demo and empty data, filters / URL narrow the list,
figures match the tiny database's hand count, the language switch works."""
from tests.dashboard.conftest import no_exception, texts

# conftest.TINY_SQL: C-L (supplier L, IMSS, amount 150,000, guarantee 10 %) delivers every line
# 30 days late at 320 per piece: 1 % a day x 30 days x 320 = 96 per piece, far above its cap
# of 15,000, so 15,000 is due; one penalty of 5,000 was applied: gap 10,000, cap used 100 %.
C_L_CAP = 0.10 * 150_000


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def contract_table(at):
    return next(d.value for d in at.dataframe if "Contrato" in d.value.columns)


def test_contracts_page_renders_on_demo_data(open_page, dash_db):
    at = open_page(dash_db, "contracts")
    no_exception(at)
    assert at.title[0].value == "Contratos"
    assert int(metric(at, "Contratos").replace(",", "")) > 0
    assert at.get("plotly_chart")


def test_the_list_is_ranked_by_cap_used_then_penalty_gap(open_page, dash_db):
    from metrics import ledger, store
    with store.connect_read(dash_db) as con:
        full = ledger.ledger(con)
    want = full.sort_values(["cap_used", "penalty_gap"], ascending=False, na_position="last")
    at = open_page(dash_db, "contracts")
    no_exception(at)
    got = contract_table(at)["Contrato"].tolist()
    assert len(got) == min(len(full), 1000) > 10
    assert got == want["contract_id"].head(len(got)).tolist()


def test_contracts_page_on_empty_database(open_page, empty_db):
    at = open_page(empty_db, "contracts")
    no_exception(at)
    assert "no tiene datos" in texts(at)


def test_contracts_list_and_filters(open_page, tiny_db):
    at = open_page(tiny_db, "contracts")
    no_exception(at)
    assert metric(at, "Contratos") == "5"
    table = contract_table(at)
    assert table["Contrato"].iloc[0] == "C-L"                        # most of its cap used first
    assert all("contract=" in link for link in table["Abrir"])
    at = open_page(tiny_db, "contracts", institution="ISSSTE")
    no_exception(at)
    assert metric(at, "Contratos") == "2"
    assert set(contract_table(at)["Contrato"]) == {"C-M", "C-S"}


def test_url_reproduces_the_page_filters(open_page, tiny_db):
    at = open_page(tiny_db, "contracts", c_near="true")
    no_exception(at)
    assert at.checkbox(key="c_near").value is True
    assert list(contract_table(at)["Contrato"]) == ["C-L"]
    at = open_page(tiny_db, "contracts", c_q="rechazos")
    no_exception(at)
    assert list(contract_table(at)["Contrato"]) == ["C-R"]


def test_contract_page_hand_count(open_page, tiny_db):
    at = open_page(tiny_db, "contract", contract="C-L")
    no_exception(at)
    assert at.subheader[0].value == "C-L · Siempre Tarde SA"
    assert metric(at, "Penas procedentes") == f"${C_L_CAP:,.2f}"
    assert metric(at, "Penas aplicadas") == "$5,000.00"
    assert metric(at, "Penas no aplicadas") == f"${C_L_CAP - 5000:,.2f}"
    assert metric(at, "Uso del tope de garantía") == "100.0 %"
    assert at.warning                                               # near rescission
    assert [tab.label for tab in at.tabs] == ["Líneas de orden", "Entregas", "Penas del contrato"]
    lines = next(d.value for d in at.dataframe if "Orden" in d.value.columns and "OTIF" in d.value.columns)
    assert len(lines) == 48 and not lines["OTIF"].any()
    # the tabs are lazy: only the open one holds its table
    assert not any("Folio" in d.value.columns for d in at.dataframe)
    at.session_state["contract_tabs"] = "Entregas"
    at.run()
    no_exception(at)
    deliveries = next(d.value for d in at.dataframe if "Folio" in d.value.columns)
    assert set(deliveries["Días después de la fecha límite"]) == {30}
    assert not any("OTIF" in d.value.columns for d in at.dataframe)
    at.session_state["contract_tabs"] = "Penas del contrato"
    at.run()
    no_exception(at)
    penalties = next(d.value for d in at.dataframe if "Pena" in d.value.columns)
    assert list(penalties["Importe (MXN)"]) == [5000.0]


def test_contract_page_filters_and_empty_states(open_page, tiny_db, empty_db):
    at = open_page(tiny_db, "contract", contract="C-L", date_to="2025-03-31")
    no_exception(at)
    lines = next(d.value for d in at.dataframe if "OTIF" in d.value.columns)
    assert len(lines) < 48                                          # the window narrows the lines
    at = open_page(tiny_db, "contract")
    no_exception(at)
    assert "Elija un contrato" in texts(at)
    at = open_page(empty_db, "contract", contract="C-L")
    no_exception(at)
    assert "no tiene datos" in texts(at)
    at = open_page(tiny_db, "contract", contract="XX-1")             # not in the database
    no_exception(at)
    assert [w.value for w in at.warning] == ["No existe el contrato «XX-1» en esta base de datos."]
    assert not at.metric


def test_contracts_language_switch(open_page, tiny_db):
    at = open_page(tiny_db, "contracts")
    at.button_group(key="lang").set_value("en").run()
    no_exception(at)
    assert at.title[0].value == "Contracts"
    at = open_page(tiny_db, "contract", contract="C-L", lang="EN")
    no_exception(at)
    assert at.title[0].value == "Contract page"
    assert "Penalties applied" in [m.label for m in at.metric]
