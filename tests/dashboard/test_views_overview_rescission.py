"""The overview's contracts-near-rescission alert: the count and the first ten contracts of
the whole ledger's near-rescission rows, highest cap use first, read through
ledger.near_rescission (not the whole ledger)."""
import pytest

from metrics import fmt, ledger, store
from metrics.scope import Scope
from tests.dashboard.conftest import no_exception


def _expected(db, sc):
    with store.connect_read(db) as con:
        full = ledger.ledger(con, sc)
    return full[full["near_rescission"]].reset_index(drop=True)


def _alert(at):
    return [w.value for w in at.warning if "umbral de rescisión" in w.value]


def _shown_contracts(at):
    tables = [d.value for d in at.dataframe if "Contrato" in d.value.columns and "Uso del tope" in d.value.columns]
    assert len(tables) == 1
    return tables[0]


def test_alert_lists_the_contracts_near_rescission(open_page, dash_db):
    want = _expected(dash_db, Scope())
    assert len(want) > 10                      # the demo has more than the table shows
    at = open_page(dash_db)
    no_exception(at)
    assert _alert(at) == [f"Contratos cerca del umbral de rescisión (uso del tope de garantía ≥ umbral): "
                          f"{fmt.number(len(want), 0, 'es')}."]
    shown = _shown_contracts(at)
    assert shown["Contrato"].tolist() == want["contract_id"].head(10).tolist()
    assert shown["Uso del tope"].tolist() == pytest.approx((want["cap_used"].head(10) * 100).tolist())


def test_alert_follows_the_institution_filter(open_page, dash_db):
    with store.connect_read(dash_db) as con:
        institution = con.execute("SELECT institution_id FROM contracts GROUP BY 1 "
                                  "ORDER BY count(*) DESC, 1 LIMIT 1 OFFSET 1").fetchone()[0]
    every, want = _expected(dash_db, Scope()), _expected(dash_db, Scope(institution=(institution,)))
    assert 0 < len(want) < len(every)
    at = open_page(dash_db, institution=institution)
    no_exception(at)
    assert _alert(at) == [f"Contratos cerca del umbral de rescisión (uso del tope de garantía ≥ umbral): "
                          f"{fmt.number(len(want), 0, 'es')}."]
    assert _shown_contracts(at)["Contrato"].tolist() == want["contract_id"].head(10).tolist()
