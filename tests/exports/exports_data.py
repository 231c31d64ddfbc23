"""A small, seeded store for the export tests (SQL inserts, independent of the importer and
of the demo generator): 5 suppliers over 12 months of 2025, two institutions, 8 items.

Supplier ids say what they are: GOOD delivers on time, LATE is mostly late, SHORT delivers
part of each order, FEW has only 8 lines (insufficient data), EVIL is an ordinary supplier
whose *name* is a spreadsheet formula — it must come out inert in every export.
"""
from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from metrics import facts, store

EVIL_NAME = '=HYPERLINK("http://x","y")'
SUPPLIERS = {
    "GOOD": ("Farmacéutica Ñandú, S.A. de C.V.", 0.95, 1.0, 150),
    "LATE": ("Distribuidora Médica del Bajío", 0.35, 0.95, 150),
    "SHORT": ("Insumos Hospitalarios Peñasco", 0.8, 0.6, 150),
    "FEW": ("Laboratorios Pequeños", 0.9, 1.0, 8),
    "EVIL": (EVIL_NAME, 0.7, 0.9, 100),
}
ITEMS = [("010.000.0104.00", "Paracetamol 500 mg, 10 tabletas", "medicine", 12.5),
         ("010.000.0101.00", "Ácido acetilsalicílico 500 mg", "medicine", 8.0),
         ("010.000.5106.00", "Insulina glargina 100 UI/ml", "medicine", 410.0),
         ("020.000.3801.00", "Vacuna antiinfluenza", "vaccine", 95.0),
         ("060.125.0101.00", "Gasa estéril 10 × 10 cm", "medical_supply", 3.2),
         ("060.345.2001.00", "Jeringa desechable 5 ml", "medical_supply", 1.8),
         ("080.896.0001.00", "Tiras reactivas para glucosa", "laboratory", 6.4),
         ("040.000.2500.00", "Clonazepam 2 mg", "psychotropic", 22.0)]
UNITS = [("U-IMSS-JAL", "IMSS", "Almacén delegacional Jalisco", "Jalisco"),
         ("U-IMSS-NL", "IMSS", "Hospital General Monterrey", "Nuevo León"),
         ("U-ISSSTE-CDMX", "ISSSTE", "Clínica ISSSTE Coyoacán", "Ciudad de México")]
AS_OF = date(2025, 12, 31)


def build(path: Path, seed: int = 7) -> Path:
    rng = random.Random(seed)
    rows: dict[str, list] = {t: [] for t in ("suppliers", "contracts", "contract_items", "orders",
                                             "deliveries")}
    order_no = 0
    for s, (name, on_time, fill, n_lines) in SUPPLIERS.items():
        rows["suppliers"].append((s, name))
        for inst in ("IMSS", "ISSSTE"):
            cid = f"C-{s}-{inst}"
            rows["contracts"].append((cid, inst, s, "direct_award" if s == "LATE" else "open_tender"))
            for code, _, _, price in ITEMS:
                rows["contract_items"].append((cid, code, round(price * rng.uniform(0.9, 1.25), 2)))
        for k in range(n_lines):
            order_no += 1
            inst = "ISSSTE" if k % 3 == 0 else "IMSS"
            unit = "U-ISSSTE-CDMX" if inst == "ISSSTE" else ("U-IMSS-JAL" if k % 2 else "U-IMSS-NL")
            code = ITEMS[rng.randrange(len(ITEMS))][0]
            due = date(2025, 1, 5) + timedelta(days=int(k * 355 / max(n_lines, 1)))
            qty = float(rng.choice([50, 100, 200, 500]))
            oid = f"O{order_no:05d}"
            # LATE gets worse over the year (a declining trend)
            p_on_time = on_time - (0.25 * due.month / 12 if s == "LATE" else 0)
            rows["orders"].append((oid, f"C-{s}-{inst}", code, unit, due - timedelta(days=20), due, qty))
            delivered = round(qty * (fill if rng.random() < 0.7 else 1.0))
            day = due - timedelta(days=rng.randint(0, 5)) if rng.random() < p_on_time \
                else due + timedelta(days=rng.randint(3, 40))
            if day <= AS_OF and delivered > 0:
                rejected = float(rng.choice([0, 0, 0, 0, 5])) if delivered >= 50 else 0.0
                rows["deliveries"].append((f"{oid}-1", oid, day, float(delivered), rejected))
    with store.writer(path, fresh=True) as con:
        con.executemany("INSERT INTO institutions (institution_id, name) VALUES (?, ?)",
                        [("IMSS", "Instituto Mexicano del Seguro Social"),
                         ("ISSSTE", "Instituto de Seguridad y Servicios Sociales de los Trabajadores del Estado")])
        con.executemany("INSERT INTO units (unit_id, institution_id, name, state) VALUES (?, ?, ?, ?)", UNITS)
        con.executemany("INSERT INTO items (item_code, description, item_group, reference_price) "
                        "VALUES (?, ?, ?, ?)", ITEMS)
        con.executemany("INSERT INTO suppliers (supplier_id, name) VALUES (?, ?)", rows["suppliers"])
        con.executemany("INSERT INTO contracts (contract_id, institution_id, supplier_id, procedure_type, "
                        "signed_date, start_date, end_date, amount, status) VALUES (?, ?, ?, ?, "
                        "DATE '2024-12-01', DATE '2025-01-01', DATE '2025-12-31', 400000.0, 'active')",
                        rows["contracts"])
        con.executemany("INSERT INTO contract_items (contract_id, item_code, unit_price) VALUES (?, ?, ?)",
                        rows["contract_items"])
        con.executemany("INSERT INTO orders (order_id, contract_id, item_code, unit_id, order_date, "
                        "due_date, qty_ordered) VALUES (?, ?, ?, ?, ?, ?, ?)", rows["orders"])
        con.executemany("INSERT INTO deliveries (delivery_id, order_id, delivered_date, qty_delivered, "
                        "qty_rejected) VALUES (?, ?, ?, ?, ?)", rows["deliveries"])
        con.execute("INSERT INTO penalties (penalty_id, contract_id, kind, amount, applied_date) "
                    "VALUES ('P1', 'C-LATE-IMSS', 'late_delivery', 1500.0, DATE '2025-06-30')")
        facts.refresh(con)
    return path
