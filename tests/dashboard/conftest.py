"""AppTest helpers for the dashboard pages.

`dash_db`: the session's demo database (`demo_db` from tests/conftest.py) when it exists,
else a tiny database built here with SQL through metrics.store.writer. `empty_db`: a current
database with no rows. `open_page(db, page, **query_params)` runs the app on that database at
that page (views/<page>.py) with those URL parameters and returns the AppTest.
Streamlit's caches are process-wide, so every test starts with them cleared.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from metrics import facts, store

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
TIMEOUT = 60

# A small world: suppliers P (perfect), L (always late, 30 days), S (3 lines), M (mixed,
# worsening), R (rejects a tenth), over 2 institutions, 3 states, 4 items in 3 groups and
# 12 months of 2025. Deterministic: every quantity is derived from the line number.
TINY_SQL = """
INSERT INTO suppliers (supplier_id, name, rfc) VALUES
  ('P', 'Perfecto SA de CV', 'PER010101AAA'), ('L', 'Siempre Tarde SA', 'TAR010101BBB'),
  ('S', 'Pocas Líneas SC', NULL), ('M', 'Mixto Farma SA', 'MIX010101CCC'),
  ('R', 'Rechazos Médicos SA', 'REC010101DDD');
INSERT INTO institutions (institution_id, name) VALUES ('IMSS', 'Instituto Mexicano del Seguro Social'),
  ('ISSSTE', 'Instituto de Seguridad y Servicios Sociales de los Trabajadores del Estado');
INSERT INTO units (unit_id, institution_id, name, state) VALUES
  ('U1', 'IMSS', 'HGZ 1 Guadalajara', 'Jalisco'), ('U2', 'IMSS', 'HGZ 2 Monterrey', 'Nuevo León'),
  ('U3', 'ISSSTE', 'Hospital Regional Puebla', 'Puebla');
INSERT INTO items (item_code, description, item_group, reference_price) VALUES
  ('010.000.0104.00', 'Paracetamol 500 mg', 'medicine', 10),
  ('010.000.5106.00', 'Insulina glargina', 'medicine', 300),
  ('020.000.3800.00', 'Vacuna antiinfluenza', 'vaccine', 150),
  ('060.000.0010.00', 'Gasa estéril', 'medical_supply', 5);
INSERT INTO contracts (contract_id, institution_id, supplier_id, procedure_type, signed_date,
                       start_date, end_date, amount, status) VALUES
  ('C-P', 'IMSS', 'P', 'open_tender', '2024-12-01', '2025-01-01', '2025-12-31', 2000000, 'active'),
  ('C-L', 'IMSS', 'L', 'open_tender', '2024-12-01', '2025-01-01', '2025-12-31', 150000, 'active'),
  ('C-S', 'ISSSTE', 'S', 'direct_award', '2024-12-01', '2025-01-01', '2025-12-31', 50000, 'active'),
  ('C-M', 'ISSSTE', 'M', 'restricted', '2024-12-01', '2025-01-01', '2025-12-31', 900000, 'active'),
  ('C-R', 'IMSS', 'R', 'open_tender', '2024-12-01', '2025-01-01', '2025-12-31', 800000, 'active');
INSERT INTO contract_items (contract_id, item_code, unit_price) VALUES
  ('C-P', '010.000.0104.00', 10), ('C-P', '020.000.3800.00', 150),
  ('C-L', '010.000.5106.00', 320), ('C-S', '060.000.0010.00', 5),
  ('C-M', '010.000.0104.00', 11), ('C-M', '060.000.0010.00', 6),
  ('C-R', '020.000.3800.00', 140);
-- 24 lines a month per regular supplier over 12 months; S has 3 lines.
INSERT INTO orders (order_id, contract_id, item_code, unit_id, order_date, due_date, qty_ordered)
SELECT c.contract_id || '-' || n, c.contract_id, c.item_code,
       CASE n % 3 WHEN 0 THEN 'U1' WHEN 1 THEN 'U2' ELSE 'U3' END,
       DATE '2025-01-01' + INTERVAL (n // 2 * 15) DAY,
       DATE '2025-01-10' + INTERVAL (n // 2 * 15) DAY,
       100 + (n % 5) * 20
FROM (SELECT DISTINCT ON (contract_id) contract_id, item_code FROM contract_items
      ORDER BY contract_id, item_code) c,
     range(0, 48) r(n)
WHERE c.contract_id <> 'C-S' OR n < 3;
-- P: on time and complete. L: all of it 30 days late. M: on time in the first half of the
-- year, then late and 70 % delivered. R: on time, a tenth rejected. S: on time.
INSERT INTO deliveries (delivery_id, order_id, delivered_date, qty_delivered, qty_rejected)
SELECT 'D-' || o.order_id, o.order_id,
       CASE WHEN c.supplier_id = 'L' THEN o.due_date + 30
            WHEN c.supplier_id = 'M' AND o.due_date >= DATE '2025-07-01' THEN o.due_date + 12
            ELSE o.due_date - 1 END,
       CASE WHEN c.supplier_id = 'M' AND o.due_date >= DATE '2025-07-01' THEN round(o.qty_ordered * 0.7)
            ELSE o.qty_ordered END,
       CASE WHEN c.supplier_id = 'R' THEN round(o.qty_ordered * 0.1) ELSE 0 END
FROM orders o JOIN contracts c USING (contract_id);
INSERT INTO penalties (penalty_id, contract_id, kind, amount, applied_date) VALUES
  ('PEN-1', 'C-L', 'late_delivery', 5000, '2025-06-30');
"""


def build_tiny(path: Path) -> Path:
    with store.writer(path, fresh=True) as con:
        con.execute(TINY_SQL)
        facts.refresh(con)
    return path


@pytest.fixture(scope="session")
def dash_db(request, tmp_path_factory) -> Path:
    """The demo database when tests/conftest.py provides `demo_db`, else the tiny one."""
    try:
        return Path(request.getfixturevalue("demo_db"))
    except pytest.FixtureLookupError:
        return build_tiny(tmp_path_factory.mktemp("dash") / "tiny.duckdb")


@pytest.fixture(scope="session")
def tiny_db(tmp_path_factory) -> Path:
    """The tiny hand-built database (known suppliers P, L, S, M, R) for exact assertions."""
    return build_tiny(tmp_path_factory.mktemp("dash_tiny") / "tiny.duckdb")


@pytest.fixture(scope="session")
def empty_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("dash_empty") / "empty.duckdb"
    store.ensure_current(path)
    return path


@pytest.fixture(autouse=True)
def _clean_caches(monkeypatch, tmp_path):
    monkeypatch.setenv("ABASTO_CONFIG", str(tmp_path / "abasto.toml"))
    st.cache_data.clear()
    yield
    st.cache_data.clear()


def run_app(page: str = "overview", query: dict | None = None, prepare=None) -> AppTest:
    """The dashboard as AppTest after its first run on `page` with URL `query` parameters;
    `prepare(at)` may set secrets or the user first."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if prepare is not None:
        prepare(at)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    if page != "overview":
        at.switch_page(f"views/{page}.py")
    at.run()
    return at


@pytest.fixture
def open_page(monkeypatch):
    """open_page(db, page="overview", **query_params) -> AppTest after its first run."""
    def run(db: Path, page: str = "overview", **query_params) -> AppTest:
        monkeypatch.setenv("ABASTO_DB", str(db))
        return run_app(page, query_params)
    return run


def texts(at: AppTest) -> str:
    """Every visible text of the page (titles, markdown, captions, metrics, alerts) joined."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                 "error", "success"):
        parts += [str(e.value) for e in getattr(at, kind)]
    for m in at.metric:
        parts += [str(m.label), str(m.value)]
    return "\n".join(parts)


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.message + "\n" + "\n".join(e.stack_trace) for e in at.exception]
    assert not at.error, [e.value for e in at.error]
