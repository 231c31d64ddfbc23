"""Catalogues for pickers, the data description and one supplier's identity (metrics owns the
queries the dashboard and the reports show)."""
import pytest

from metrics import catalogs, records, store

TINY = """
INSERT INTO suppliers (supplier_id, name, rfc) VALUES ('S2', 'Beta SA', 'BET010101AAA'), ('S1', 'Alfa SA', NULL);
INSERT INTO institutions (institution_id, name) VALUES ('IMSS', 'Instituto Mexicano del Seguro Social');
INSERT INTO units (unit_id, institution_id, name, state) VALUES ('U1', 'IMSS', 'HGZ 1', 'Jalisco'),
  ('U2', 'IMSS', 'HGZ 2', '');
INSERT INTO items (item_code, description, item_group) VALUES ('010.000.0104.00', 'Paracetamol', 'medicine'),
  ('060.000.0010.00', '', 'medical_supply');
INSERT INTO contracts (contract_id, institution_id, supplier_id, procedure_type, signed_date, start_date,
                       end_date, amount, status)
  VALUES ('C-1', 'IMSS', 'S1', 'open_tender', '2025-01-01', '2025-01-01', '2025-12-31', 1000, 'active');
"""


@pytest.fixture
def tiny(db):
    with store.writer(db) as con:
        con.execute(TINY)
    con = store.connect_read(db)
    yield con
    con.close()


def test_options_of_every_kind(tiny):
    suppliers = catalogs.options(tiny, "supplier")
    assert suppliers[["id", "name"]].values.tolist() == [["S1", "Alfa SA"], ["S2", "Beta SA"]]
    assert suppliers["rfc"].isna().tolist() == [True, False]
    items = catalogs.options(tiny, "item")
    assert items["name"].tolist() == ["Paracetamol", "060.000.0010.00"]     # no description: the clave
    assert catalogs.options(tiny, "state")["id"].tolist() == ["Jalisco"]
    assert catalogs.options(tiny, "item_group")["id"].tolist() == ["medical_supply", "medicine"]
    assert catalogs.options(tiny, "contract")["name"].tolist() == ["C-1 · Alfa SA"]
    for kind in catalogs.KINDS:
        assert list(catalogs.options(tiny, kind).columns[:2]) == ["id", "name"]
    with pytest.raises(ValueError, match="unknown option kind"):
        catalogs.options(tiny, "orders; DROP TABLE orders")


def test_data_info_of_a_database_without_imports(tiny):
    info = catalogs.data_info(tiny)
    assert info["orders"] == 0 and info["origin"] is None and info["file_names"] == []


def test_supplier_identity(tiny):
    assert records.supplier(tiny, "S2") == {"supplier_id": "S2", "name": "Beta SA", "rfc": "BET010101AAA",
                                            "company_size": None, "state": None}
    assert records.supplier(tiny, "NOPE") is None
