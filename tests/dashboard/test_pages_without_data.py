"""Every data page on a database without orders says so (with its path) instead of drawing."""
import pytest

from tests.dashboard.conftest import no_exception

PAGES = ["overview", "suppliers", "compare", "contracts", "shortages", "item", "contract", "scorecard"]


@pytest.mark.parametrize("page", PAGES)
def test_page_on_an_empty_database_names_it(open_page, empty_db, page):
    at = open_page(empty_db, page)
    no_exception(at)
    assert any(str(empty_db) in box.value for box in at.info), page


CONTRACTS_ONLY = """
INSERT INTO institutions (institution_id, name) VALUES ('IMSS', 'Instituto Mexicano del Seguro Social');
INSERT INTO suppliers (supplier_id, name) VALUES ('NOM-1', 'Proveedor Uno');
INSERT INTO contracts (contract_id, institution_id, supplier_id, procedure_type, signed_date,
                       start_date, end_date, amount, status)
SELECT 'C' || n, 'IMSS', 'NOM-1', 'direct_award', DATE '2014-01-02', DATE '2014-01-02',
       DATE '2014-12-31', 1000 * n, 'completed' FROM range(1, 1236) r(n);
"""


@pytest.fixture(scope="module")
def contracts_db(tmp_path_factory):
    """What importing only CompraNet / OCDS contracts gives: 1,235 contracts, no order."""
    from metrics import facts, store
    path = tmp_path_factory.mktemp("dash_contracts") / "contracts.duckdb"
    with store.writer(path, fresh=True) as con:
        con.execute(CONTRACTS_ONLY)
        facts.refresh(con)
    return path


@pytest.mark.parametrize("page", ["overview", "contracts", "scorecard"])
def test_contracts_without_orders_say_what_to_import(open_page, contracts_db, page):
    at = open_page(contracts_db, page)
    no_exception(at)
    boxes = [box.value for box in at.info if str(contracts_db) in box.value]
    assert boxes and boxes[0].startswith("1,235 contratos pero ninguna orden de suministro: importe "
                                         "órdenes y entregas para calcular indicadores.")
    assert "no tiene datos todavía" not in boxes[0]
