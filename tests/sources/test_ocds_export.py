"""abasto export ocds: a valid OCDS 1.1 release package with delivery milestones, and the
round trip export -> import agreeing on every KPI that OCDS can carry."""
import json
import os
from datetime import date

import numpy as np
import pandas as pd
import pytest

from metrics import facts, store
from metrics.cli import main
from metrics.exceptions import AbastoError, ImportRejected
from metrics.export_ocds import release_package, write_release_package
from metrics.ingest import import_paths
from metrics.scope import Scope
from metrics.sources import milestones as ms
from metrics.sources.ocds_schema import errors, package_validator

TINY = """
INSERT INTO institutions VALUES ('IMSS', 'Instituto Mexicano del Seguro Social', NULL, 1);
INSERT INTO suppliers VALUES ('LAB010101AB1', 'Laboratorios Ñandú', 'LAB010101AB1', 'medium', 'Jalisco', NULL, 1),
                             ('S2', 'Sin RFC SA', NULL, NULL, NULL, NULL, 1);
INSERT INTO units VALUES ('U1', 'IMSS', 'HGZ 1', 'Jalisco', 'hospital', NULL, 1);
INSERT INTO items VALUES ('010.000.0104.00', 'Paracetamol', 'medicine', 20, 12, NULL, 1),
                         ('060.345.0011.00', 'Gasa', 'medical_supply', NULL, 12, NULL, 1);
INSERT INTO contracts VALUES
 ('C1', 'IMSS', 'LAB010101AB1', 'open_tender', false, true, '2024-12-01', '2025-01-01', '2025-12-31',
  1000, 'MXN', 'rescinded', 0.02, 0.03, 0.15, NULL, 1),
 ('C2', 'IMSS', 'S2', 'direct_award', true, false, '2024-12-15', '2025-01-01', '2025-06-30',
  500, 'MXN', 'active', 0.01, 0.01, 0.10, NULL, 1);
INSERT INTO contract_items VALUES ('C1', '010.000.0104.00', 25, NULL, 20, NULL, 1),
                                  ('C2', '060.345.0011.00', 50, NULL, 15, NULL, 1);
INSERT INTO orders VALUES
 ('O1', 'C1', '010.000.0104.00', 'U1', '2025-01-01', '2025-01-10', 10, false, NULL, 1),
 ('O2', 'C1', '010.000.0104.00', 'U1', '2025-01-01', '2025-01-10', 10, false, NULL, 1),
 ('O3', 'C2', '060.345.0011.00', 'U1', '2025-01-15', '2025-02-01', 5, false, NULL, 1),
 ('O4', 'C2', '060.345.0011.00', 'U1', '2025-01-15', '2025-02-01', 5, false, NULL, 1),
 ('O5', 'C2', '060.345.0011.00', 'U1', '2025-01-15', '2025-03-01', 5, false, NULL, 1),
 ('O6', 'C2', '060.345.0011.00', 'U1', '2025-01-15', '2025-03-01', 5, true, NULL, 1);
INSERT INTO deliveries (delivery_id, order_id, delivered_date, qty_delivered, qty_rejected, delay_cause, batch_id) VALUES
 ('D1', 'O1', '2025-01-05', 4, 0, 'supplier', 1), ('D2', 'O1', '2025-01-09', 6, 0, 'supplier', 1),
 ('D3', 'O2', '2025-01-08', 5, 1, 'supplier', 1), ('D4', 'O2', '2025-01-20', 6, 0, 'supplier', 1),
 ('D5', 'O3', '2025-02-10', 2, 0, 'supplier', 1);
"""


@pytest.fixture
def tiny(db):
    with store.writer(db) as con:
        con.execute(TINY)
        facts.refresh(con)
    return db


def milestones(release):
    return {m["id"]: m for m in release["contracts"][0]["implementation"]["milestones"]}


def test_tiny_store_exports_a_valid_package_with_delivery_milestones(tiny):
    con = store.connect_read(tiny)
    package = release_package(con, Scope(), prefix="ocds-a1b2c3", published="2025-02-11T00:00:00Z")
    con.close()
    assert errors(package) == []
    # the whole package through the package schema, its release $ref resolved offline
    assert list(package_validator().iter_errors(package)) == []
    c1, c2 = package["releases"]
    assert (c1["ocid"], c1["contracts"][0]["id"], c1["tender"]["procurementMethod"]) == ("ocds-a1b2c3-C1", "C1", "open")
    assert c2["tender"]["procurementMethod"] == "direct" and "emergencia" in c2["tender"]["procurementMethodRationale"]
    assert c1["parties"][1]["identifier"] == {"scheme": "MX-RFC", "id": "LAB010101AB1", "legalName": "Laboratorios Ñandú"}
    assert "identifier" not in c2["parties"][1]
    assert c1["contracts"][0]["status"] == "terminated"
    assert ms.parse(c1["contracts"][0]["description"], ms.CONTRACT_KEYS) == {
        "estatus": "rescinded", "consolidada": "si", "emergencia": "no", "pena_diaria": "0.02",
        "deductiva": "0.03", "garantia": "0.15"}
    assert c1["contracts"][0]["items"][0]["unit"]["value"] == {"amount": 25, "currency": "MXN"}
    m = milestones(c1)
    assert (m["O1"]["status"], m["O1"]["dueDate"], m["O1"]["dateMet"]) == ("met", "2025-01-10T00:00:00Z", "2025-01-09T00:00:00Z")
    assert ms.parse(m["O1"]["description"]) == {
        "clave": "010.000.0104.00", "cantidad": "10", "entregado": "10", "rechazado": "0",
        "aceptado_a_tiempo": "10", "primera_entrega": "2025-01-05", "cumplimiento_efectivo": "2025-01-09",
        "ultima_entrega": "2025-01-09", "fecha_orden": "2025-01-01", "destino": "U1"}
    # O2: 4 accepted by the due date (1 of 5 rejected), the rest 10 days late
    assert (m["O2"]["status"], m["O2"]["dateMet"]) == ("met", "2025-01-20T00:00:00Z")
    assert ms.parse(m["O2"]["description"])["aceptado_a_tiempo"] == "4"
    m = milestones(c2)
    assert sorted(m) == ["O3", "O4", "O5"]                       # O6 is cancelled
    # as_of = latest delivery 2025-02-10: O3 partly delivered, O4 overdue, O5 not yet due
    assert [m[k]["status"] for k in ("O3", "O4", "O5")] == ["partiallyMet", "notMet", "scheduled"]
    assert "dateMet" not in m["O3"]


def test_filters_apply_and_an_empty_scope_is_an_error(tiny, tmp_path):
    con = store.connect_read(tiny)
    only = release_package(con, Scope.make(supplier="S2"))
    assert [r["contracts"][0]["id"] for r in only["releases"]] == ["C2"]
    window = release_package(con, Scope.make(date_from="2025-02-15"))
    assert [list(milestones(r)) for r in window["releases"]] == [["O5"]]
    with pytest.raises(AbastoError, match="nothing to export"):
        write_release_package(con, Scope.make(supplier="NOBODY"), tmp_path / "none.json")
    con.close()
    assert not (tmp_path / "none.json").exists()


def test_cli_streams_the_same_package(tiny, tmp_path, capsys):
    out = tmp_path / "abasto-ocds.json"
    assert main(["export", "ocds", "--out", str(out), "--db", str(tiny), "--ocid-prefix", "ocds-a1b2c3"]) == 0
    assert "2 contracts, 2 items and 5 delivery milestones" in capsys.readouterr().err
    package = json.loads(out.read_text(encoding="utf-8"))
    assert errors(package) == []
    con = store.connect_read(tiny)
    built = release_package(con, Scope(), prefix="ocds-a1b2c3", published=package["publishedDate"])
    con.close()
    assert package["releases"] == built["releases"]


def test_a_contract_without_items_leaves_items_out_and_stays_valid(tiny, tmp_path, monkeypatch, capsys):
    # CompraNet contracts carry no items: OCDS 1.1.5 says contracts/items, when present, has
    # at least one entry, so the key is left out (not written as [])
    with store.writer(tiny) as con:
        con.execute("INSERT INTO contracts VALUES ('C3', 'IMSS', 'S2', 'restricted', false, false, "
                    "'2025-01-02', '2025-01-02', '2025-03-31', 700, 'MXN', 'active', 0.01, 0.01, "
                    "0.10, NULL, 1)")
    out = tmp_path / "with-c3.json"
    assert main(["export", "ocds", "--out", str(out), "--db", str(tiny)]) == 0
    assert "3 contracts, 2 items and 5 delivery milestones" in capsys.readouterr().err
    package = json.loads(out.read_text(encoding="utf-8"))
    assert errors(package) == []
    assert list(package_validator().iter_errors(package)) == []
    by_id = {r["contracts"][0]["id"]: r["contracts"][0] for r in package["releases"]}
    assert "items" not in by_id["C3"] and "implementation" not in by_id["C3"]
    assert len(by_id["C1"]["items"]) == 1
    # and it reads back: the contract, with no contract items
    target = tmp_path / "target.duckdb"
    monkeypatch.setenv("ABASTO_DB", str(target))
    import_paths([out], target)
    con = store.connect_read(target)
    assert con.execute("SELECT procedure_type, amount FROM contracts WHERE contract_id = 'C3'").fetchall() \
        == [("restricted", 700.0)]
    assert con.execute("SELECT count(*) FROM contract_items WHERE contract_id = 'C3'").fetchone() == (0,)
    con.close()


def test_tiny_round_trip_reproduces_the_lines(tiny, tmp_path, monkeypatch):
    out = tmp_path / "tiny.json"
    con = store.connect_read(tiny)
    write_release_package(con, Scope(), out)
    before = con.execute("SELECT contract_id || '/' || order_id, qty_ordered, qty_accepted, qty_rejected, "
                         "is_on_time, is_otif, days_late, lead_time_days FROM line_facts "
                         "WHERE NOT cancelled ORDER BY 1").fetchall()
    con.close()
    target = tmp_path / "target.duckdb"
    monkeypatch.setenv("ABASTO_DB", str(target))
    import_paths([out], target)
    con = store.connect_read(target)
    after = con.execute("SELECT order_id, qty_ordered, qty_accepted, qty_rejected, is_on_time, is_otif, "
                        "days_late, lead_time_days FROM line_facts ORDER BY 1").fetchall()
    terms = con.execute("SELECT contract_id, status, is_consolidated, is_emergency, penalty_rate_per_day, "
                        "deduction_rate, guarantee_pct, supplier_id FROM contracts ORDER BY 1").fetchall()
    con.close()
    assert after == before
    assert terms == [("C1", "rescinded", True, False, 0.02, 0.03, 0.15, "LAB010101AB1"),
                     ("C2", "active", False, True, 0.01, 0.01, 0.10, "S2")]


# KPIs OCDS cannot carry: expiry dates (short_shelf_life_rate), applied penalties
# (penalties_applied, penalty_gap), and penalties_due, which needs each late delivery's own
# date and quantity (a milestone carries the line's summary, rebuilt as at most 2 receptions).
NOT_CARRIED = {"short_shelf_life_rate", "shelf_checked_qty", "penalties_applied", "penalties_due",
               "penalty_gap"}


def test_demo_round_trip_scorecards_agree(demo_db, tmp_path, monkeypatch):
    monkeypatch.setenv("ABASTO_CONFIG", str(demo_db.with_name("abasto.toml")))
    from metrics.scorecard import scorecard
    con = store.connect_read(demo_db)
    small = con.execute("SELECT institution_id FROM line_facts GROUP BY 1 ORDER BY count(*) LIMIT 1 OFFSET 2"
                        ).fetchone()[0]
    scope = Scope.make(as_of=facts.latest_delivery(con), institution=small)
    out = tmp_path / "demo.json"
    write_release_package(con, scope, out)
    # OCDS has no reference prices: the catalogue travels beside it, with the reference the
    # original used (its own, else the median contracted price over *all* its contracts,
    # which an export of one institution does not carry).
    items = tmp_path / "items.parquet"
    con.execute(f"COPY (SELECT i.item_code, i.description, i.item_group AS \"group\", "
                f"coalesce(i.reference_price, m.median_price) AS reference_price, i.min_shelf_life_months "
                f"FROM items i LEFT JOIN (SELECT item_code, median(unit_price) AS median_price "
                f"FROM contract_items GROUP BY 1) m USING (item_code)) TO '{items}' (FORMAT parquet)")
    original = scorecard(con, scope).set_index("supplier_id")
    con.close()
    package = json.loads(out.read_text(encoding="utf-8"))
    assert errors(package) == []
    target = tmp_path / "target.duckdb"
    try:
        import_paths([out, items], target)
    except ImportRejected as exc:          # say what was rejected
        pytest.fail(exc.problems.head(10).to_string())
    con = store.connect_read(target)
    copy = scorecard(con, scope).set_index("supplier_id")
    con.close()
    assert len(original) >= 5 and sorted(copy.index) == sorted(original.index)
    copy = copy.reindex(original.index)
    compared = []
    for col in original.columns:
        if col in NOT_CARRIED or not pd.api.types.is_numeric_dtype(original[col]):
            continue
        same = np.isclose(original[col].astype(float), copy[col].astype(float), equal_nan=True,
                          rtol=1e-9, atol=1e-9)
        assert same.all(), (col, original.loc[~same, col].head(), copy.loc[~same, col].head())
        compared.append(col)
    assert {"lines", "on_time_rate", "otif_rate", "fill_rate", "undelivered_share", "non_compliant_rate",
            "days_late_mean", "days_late_p90", "open_overdue_lines", "backlog_qty", "lead_time_median",
            "rejection_rate", "price_index", "score"} <= set(compared)
    assert (original["tier"].fillna("") == copy["tier"].fillna("")).all()
    assert os.path.getsize(out) > 0


def test_the_validator_catches_invalid_packages(tiny):
    con = store.connect_read(tiny)
    package = release_package(con, Scope())
    con.close()
    broken = json.loads(json.dumps(package))
    broken["releases"][0]["contracts"][0]["implementation"]["milestones"][0]["status"] = "delivered"
    broken["releases"][1]["ocid"] = 7
    broken["releases"].append(broken["releases"][1])
    del broken["publisher"]
    found = errors(broken)
    assert any(e.startswith("releases/0/contracts/0/implementation/milestones/0/status") for e in found)
    assert any(e.startswith("releases/1/ocid") for e in found)
    assert "releases/2: duplicate release (releases must be unique)" in found
    assert any("'publisher' is a required property" in e for e in found)
