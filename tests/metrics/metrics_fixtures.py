"""Load a compact KPI fixture (tests/fixtures/metrics/<kpi>-<case>.csv) into a fresh store
with SQL inserts (independent of the importer).

A fixture is a CSV of order lines, one per row, with its deliveries in one cell:

    # as_of: 2025-03-01            <- scope (also from, to, grace, group_by, and filters)
    # contract L: amount=1000 guarantee_pct=0.1 status=rescinded procedure_type=direct_award
    # item A: reference_price=8 min_shelf_life_months=12 group=medicine
    # penalty L: 2025-02-01 50 O1  <- contract of supplier L, applied date, amount, order (optional)
    order,supplier,due_date,qty,deliveries
    O1,L,2025-01-10,100,2025-01-15:60 2025-01-20:50-10

Delivery tokens: DATE:QTY, then optionally -REJECTED, !buyer or !force_majeure (the delay
cause), @EXPIRY_DATE. Optional columns: item (default A), unit (U1), order_date (due − 10
days), cancelled (1/0), price (unit price, default 10), institution (IMSS), state (Jalisco).
Each supplier X has one contract C_X (per institution when several: C_X_<institution>).
"""
from __future__ import annotations

import csv
import re
from datetime import date, timedelta
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "metrics"

_TOKEN = re.compile(r"^(\d{4}-\d{2}-\d{2}):([\d.]+)(?:-([\d.]+))?(?:!(\w+))?(?:@(\d{4}-\d{2}-\d{2}))?$")


def parse(path: Path) -> dict:
    meta, contracts, items, penalties, body = {}, {}, {}, [], []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            text = line[1:].strip()
            m = re.match(r"^(contract|item|penalty)\s+(\S+?):\s*(.*)$", text)
            if m:
                kind, name, rest = m.groups()
                if kind == "penalty":
                    parts = rest.split()
                    penalties.append((name, parts[0], float(parts[1]), parts[2] if len(parts) > 2 else None))
                else:
                    attrs = dict(kv.split("=", 1) for kv in rest.split())
                    (contracts if kind == "contract" else items)[name] = attrs
                continue
            m = re.match(r"^(as_of|from|to|grace|group_by|supplier|institution|item|unit|state|"
                         r"item_group|contract|procedure_type):\s*(\S+)\s*$", text)
            if m:
                meta[m.group(1)] = m.group(2)
            continue
        body.append(line)
    rows = list(csv.DictReader(body))
    return {"meta": meta, "contracts": contracts, "items": items, "penalties": penalties, "rows": rows}


def _contract_id(supplier: str, institution: str, institutions: set[str]) -> str:
    return f"C_{supplier}" if len(institutions) == 1 else f"C_{supplier}_{institution}"


def load(con, path: Path) -> dict:
    """Insert the fixture's rows into an empty store; return the parsed fixture."""
    return load_parsed(con, parse(path), path.name)


def fixture(rows: list[dict], **meta) -> dict:
    """A fixture built in code (property tests): rows as in the CSV format."""
    return {"meta": meta, "contracts": {}, "items": {}, "penalties": [], "rows": rows}


def load_parsed(con, fx: dict, name: str = "fixture") -> dict:
    rows = fx["rows"]
    institutions = {r.get("institution") or "IMSS" for r in rows}
    for inst in institutions:
        con.execute("INSERT INTO institutions (institution_id, name) VALUES ($i, $i)", {"i": inst})
    suppliers = sorted({r["supplier"] for r in rows} | set(fx["contracts"]))
    for s in suppliers:
        con.execute("INSERT INTO suppliers (supplier_id, name) VALUES ($s, $n)", {"s": s, "n": f"Proveedor {s}"})
    units = {}
    for r in rows:
        units[r.get("unit") or "U1"] = (r.get("institution") or "IMSS", r.get("state") or "Jalisco")
    for u, (inst, state) in units.items():
        con.execute("INSERT INTO units (unit_id, institution_id, name, state) VALUES ($u, $i, $u, $s)",
                    {"u": u, "i": inst, "s": state})
    item_codes = sorted({r.get("item") or "A" for r in rows} | set(fx["items"]))
    for code in item_codes:
        attrs = fx["items"].get(code, {})
        con.execute("INSERT INTO items (item_code, description, item_group, reference_price, "
                    "min_shelf_life_months) VALUES ($c, $d, $g, $p, $m)",
                    {"c": code, "d": f"Insumo {code}", "g": attrs.get("group", "medicine"),
                     "p": float(attrs["reference_price"]) if "reference_price" in attrs else None,
                     "m": int(attrs["min_shelf_life_months"]) if "min_shelf_life_months" in attrs else None})
    seen_contracts = {}
    for r in rows:
        inst = r.get("institution") or "IMSS"
        seen_contracts.setdefault(_contract_id(r["supplier"], inst, institutions), (r["supplier"], inst))
    for s in fx["contracts"]:
        if not any(v[0] == s for v in seen_contracts.values()):
            seen_contracts[_contract_id(s, sorted(institutions)[0], institutions)] = (s, sorted(institutions)[0])
    for cid, (s, inst) in seen_contracts.items():
        a = fx["contracts"].get(s, {})
        con.execute(
            "INSERT INTO contracts (contract_id, institution_id, supplier_id, procedure_type, is_emergency, "
            "signed_date, start_date, end_date, amount, status, penalty_rate_per_day, deduction_rate, "
            "guarantee_pct) VALUES ($c, $i, $s, $pt, $em, DATE '2024-12-01', DATE '2025-01-01', "
            "DATE '2025-12-31', $amt, $st, $pr, $dr, $gp)",
            {"c": cid, "i": inst, "s": s, "pt": a.get("procedure_type", "open_tender"),
             "em": a.get("is_emergency", "false") == "true", "amt": float(a.get("amount", 1_000_000)),
             "st": a.get("status", "active"), "pr": float(a.get("penalty_rate_per_day", 0.01)),
             "dr": float(a.get("deduction_rate", 0.01)), "gp": float(a.get("guarantee_pct", 0.10))})
    prices = {}
    for r in rows:
        cid = _contract_id(r["supplier"], r.get("institution") or "IMSS", institutions)
        key = (cid, r.get("item") or "A")
        price = float(r["price"]) if r.get("price") else 10.0
        if prices.setdefault(key, price) != price:
            raise ValueError(f"{name}: two prices for {key}")
    for (cid, code), price in prices.items():
        con.execute("INSERT INTO contract_items (contract_id, item_code, unit_price) VALUES ($c, $i, $p)",
                    {"c": cid, "i": code, "p": price})
    for r in rows:
        due = date.fromisoformat(r["due_date"])
        order_date = date.fromisoformat(r["order_date"]) if r.get("order_date") else due - timedelta(days=10)
        inst = r.get("institution") or "IMSS"
        con.execute("INSERT INTO orders (order_id, contract_id, item_code, unit_id, order_date, due_date, "
                    "qty_ordered, cancelled) VALUES ($o, $c, $i, $u, $od, $d, $q, $x)",
                    {"o": r["order"], "c": _contract_id(r["supplier"], inst, institutions),
                     "i": r.get("item") or "A", "u": r.get("unit") or "U1", "od": order_date, "d": due,
                     "q": float(r["qty"]), "x": (r.get("cancelled") or "0") in ("1", "true", "yes")})
        for k, token in enumerate((r.get("deliveries") or "").split()):
            m = _TOKEN.match(token)
            if not m:
                raise ValueError(f"{name}: order {r['order']}: bad delivery token {token!r}")
            day, qty, rej, cause, expiry = m.groups()
            con.execute("INSERT INTO deliveries (delivery_id, order_id, delivered_date, qty_delivered, "
                        "qty_rejected, delay_cause, expiry_date) VALUES ($d, $o, $dt, $q, $r, $c, $e)",
                        {"d": f"{r['order']}-D{k + 1}", "o": r["order"], "dt": date.fromisoformat(day),
                         "q": float(qty), "r": float(rej or 0), "c": cause or "supplier",
                         "e": date.fromisoformat(expiry) if expiry else None})
    for k, (s, day, amount, order) in enumerate(fx["penalties"]):
        cid = next(c for c, v in seen_contracts.items() if v[0] == s)
        con.execute("INSERT INTO penalties (penalty_id, contract_id, order_id, kind, amount, applied_date) "
                    "VALUES ($p, $c, $o, 'late_delivery', $a, $d)",
                    {"p": f"P{k + 1}", "c": cid, "o": order, "a": amount, "d": date.fromisoformat(day)})
    return fx


def scope_kwargs(meta: dict) -> dict:
    out = {}
    for key, value in meta.items():
        if key == "group_by":
            continue
        name = {"from": "date_from", "to": "date_to", "grace": "grace_days"}.get(key, key)
        out[name] = value
    return out


def memory_store():
    """An in-memory current store (fast enough for hypothesis examples)."""
    import duckdb

    from metrics import store
    con = duckdb.connect()
    store.migrate(con)
    return con
