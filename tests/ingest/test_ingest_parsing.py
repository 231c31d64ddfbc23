"""The value rules of DATA_CONTRACT.md (dates, money, booleans, months, enumerations) and
the name rules (file names, headers), checked value by value."""
import datetime as dt

import duckdb
import pytest

from metrics.ingest import contract, validate


@pytest.fixture(scope="module")
def con(macro_con):
    return macro_con


def _one(con, sql, value):
    return con.execute(f"SELECT {sql}", {"v": value}).fetchall()[0][0]


@pytest.mark.parametrize("text, expected", [
    ("2025-03-01", dt.date(2025, 3, 1)),
    ("2025-3-1", dt.date(2025, 3, 1)),
    ("01/03/2025", dt.date(2025, 3, 1)),          # DD/MM: 1 March, never 3 January
    ("1/3/2025", dt.date(2025, 3, 1)),
    ("31/12/2025", dt.date(2025, 12, 31)),
    ("2025-03-01 00:00:00", dt.date(2025, 3, 1)),  # spreadsheet / Parquet timestamps
    ("2025-03-01T10:30:00", dt.date(2025, 3, 1)),
    (" 15/01/2025 ", dt.date(2025, 1, 15)),
    ("12/25/2025", None),                          # MM/DD is rejected
    ("31/02/2025", None),
    ("2025-02-30", None),
    ("01/03/25", None),
    ("3025-01-01", None),
    ("mañana", None),
    ("20250301", None),
])
def test_dates(con, text, expected):
    assert _one(con, "abasto_date($v)", text) == expected


@pytest.mark.parametrize("text, fragment", [
    ("12/25/2025", "MM/DD"), ("31/02/2025", "no such day"), ("3025-01-01", "out of range"),
    ("mañana", "not a date"),
])
def test_date_problems_say_why(con, text, fragment):
    assert fragment in _one(con, "abasto_date_problem($v)", text)


@pytest.mark.parametrize("text, expected", [
    ("1234.5", 1234.5), ("$1,234.56", 1234.56), ("$ 1,250,000.00", 1250000.0), ("1 234", 1234.0),
    ("-12", -12.0), ("+3", 3.0), ("1e3", 1000.0), ("0.5", 0.5), (".5", 0.5), ("10,000", 10000.0),
    ("1,5", None), ("12,34", None), ("1,2345", None), ("abc", None), ("$", None), ("nan", None),
    ("inf", None), ("1.2.3", None),
])
def test_numbers(con, text, expected):
    assert _one(con, "abasto_number($v)", text) == expected


def test_decimal_comma_problem_explains_the_convention(con):
    assert "point for decimals" in _one(con, "abasto_number_problem($v)", "12,5")


@pytest.mark.parametrize("text, expected", [
    ("true", True), ("Sí", True), ("si", True), ("YES", True), ("1", True), ("verdadero", True),
    ("false", False), ("No", False), ("0", False), ("falso", False), ("quizás", None), ("2", None),
])
def test_booleans(con, text, expected):
    assert _one(con, "abasto_bool($v)", text) == expected


@pytest.mark.parametrize("text, expected", [
    ("2025-03", "2025-03"), ("2025-3", "2025-03"), ("03/2025", "2025-03"), ("2025-03-01", "2025-03"),
    ("2025-13", None), ("marzo", None),
])
def test_months(con, text, expected):
    assert _one(con, "abasto_month($v)", text) == expected


@pytest.mark.parametrize("enum, text, expected", [
    ("procedure_type", "Licitación Pública", "open_tender"),
    ("procedure_type", "LICITACION PUBLICA INTERNACIONAL", "open_tender"),
    ("procedure_type", "Adjudicación Directa Federal", "direct_award"),
    ("procedure_type", "Invitación a Cuando Menos 3 Personas", "restricted"),
    ("procedure_type", "invitación a cuando menos tres", "restricted"),
    ("procedure_type", "direct_award", "direct_award"),
    ("procedure_type", "direct award", "direct_award"),
    ("status", "Activo", "active"), ("status", "Expirado", "completed"),
    ("status", "rescindido", "rescinded"), ("status", "Terminado", "terminated"),
    ("company_size", "Pequeña", "small"), ("company_size", "No MIPYME", "large"),
    ("delay_cause", "Fuerza mayor", "force_majeure"), ("delay_cause", "force-majeure", "force_majeure"),
    ("outcome", "Desierta", "no_bids"), ("penalty_kind", "Pena convencional", "late_delivery"),
    ("penalty_kind", "deductiva", "deficient_delivery"), ("unit_kind", "Almacén", "warehouse"),
    ("item_group", "Material de curación", "medical_supply"),
    ("status", "vigentísimo", None),
])
def test_enumeration_spellings(con, enum, text, expected):
    got = con.execute("SELECT value FROM enum_map WHERE enum = $e AND spelling = abasto_key($v)",
                      {"e": enum, "v": text}).fetchall()
    assert (got[0][0] if got else None) == expected


def test_group_from_clave_prefix(con):
    def group(code):
        return con.execute("SELECT abasto_group_of($v, $group_prefixes, $group_names)",
                           {"v": code, **validate.group_params()}).fetchall()[0][0]
    assert group("010.000.0104.00") == "medicine"
    assert group("060.066.0039") == "medical_supply"
    # 5xx: the CNIS medical equipment (the sample catalogue's 513, 531 … 564 claves)
    assert group("531.000.0001") == "equipment" and group("564.002.0011") == "equipment"
    assert group("090.070.1500") is None and group("HO.01.01.001") is None


@pytest.mark.parametrize("name, table", [
    ("orders", "orders"), ("orders_2025-03", "orders"), ("Órdenes", "orders"), ("ordenes (1)", "orders"),
    ("ORDENES_2025_03_15", "orders"), ("contratos", "contracts"), ("partidas", "contract_items"),
    ("contract_items", "contract_items"), ("entregas-2024", "deliveries"), ("recetas", "prescriptions"),
    ("proveedores", "suppliers"), ("insumos", "items"), ("partidas_licitadas", "tender_items"),
    ("datos", None), ("orders_extra_columns", None),
])
def test_table_from_file_name(name, table):
    assert contract.table_for_name(name) == table


@pytest.mark.parametrize("header, column", [
    ("Número de orden", "order_id"), ("NUMERO_ORDEN", "order_id"), ("numeroOrden", "order_id"), ("num orden", "order_id"), ("orden_id", None),
    ("order_id", "order_id"), ("Order ID", "order_id"), ("fecha límite", "due_date"),
    ("Cantidad", "qty_ordered"), ("  cancelada ", "cancelled"),
])
def test_header_aliases_ignore_case_accents_spaces(header, column):
    assert contract.header_lookup(contract.table("orders")).get(contract.norm_header(header)) == column


def test_contract_matches_the_stored_schema():
    """Every canonical column has a stored column of the same type (one source of truth)."""
    con = duckdb.connect()
    from metrics import store
    store.migrate(con)
    for tbl in contract.TABLES:
        stored = dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                                  "WHERE table_name = $t", {"t": tbl.name}).fetchall())
        for col in tbl.columns:
            assert col.store_name in stored, (tbl.name, col.name)
            assert stored[col.store_name] in (col.sql_type, "INTEGER" if col.type == contract.INT else None), \
                (tbl.name, col.name, stored[col.store_name])
        assert {"extra", "batch_id"} <= set(stored)
