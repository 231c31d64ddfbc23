"""Stored contracts as an OCDS 1.1 release package, with delivery milestones.

One release per contract (ocid = `<prefix>-<contract_id>`): parties (buyer; supplier with
its RFC as an `MX-RFC` identifier), tender (procurement method), award, and the contract
with its items and one `delivery` milestone per order line (dueDate, dateMet = completion
date, status met / partiallyMet / notMet / scheduled from the line facts, quantities in the
description: metrics/sources/milestones.py). Only OCDS 1.1 core fields are used; what OCDS
has no field for (canonical contract status, penalty terms) is written as `key=value` text
in the contract description, which `abasto import` reads back.

`write_release_package` streams: the contracts are read in order, in pages of PAGE; each
page's items and order lines are read (sorted by contract) with one query each, and every
release is written as soon as it is complete, so memory holds one page at a time. `release_package` builds the same as a dict (small
scopes, tests).
"""
from __future__ import annotations

import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from metrics import scope as scope_mod
from metrics import sqlfiles
from metrics.exceptions import AbastoError
from metrics.sources import milestones as ms

DEFAULT_PREFIX = "ocds-abasto"          # replace with your registered prefix (--ocid-prefix)
CHUNK = 2_000          # rows per fetch
PAGE = 500             # contracts whose items and lines are read together
METHOD = {"open_tender": "open", "restricted": "selective", "direct_award": "direct"}
METHOD_DETAILS = {"open_tender": "Licitación pública", "restricted": "Invitación a cuando menos tres personas",
                  "direct_award": "Adjudicación directa"}
CONTRACT_STATUS = {"active": "active", "completed": "terminated", "terminated": "terminated",
                   "rescinded": "terminated"}
SCALE = {"micro": "micro", "small": "sme", "medium": "sme", "large": "large"}
LINE_FILTERS = ("state", "unit", "item_group", "item")       # filters that only lines carry
CONTRACT_FILTERS = ("institution", "supplier", "contract", "procedure_type")


def _dt(day: str | None) -> str | None:
    return f"{day}T00:00:00Z" if day else None


def _num(value):
    if value is None:
        return None
    value = float(value)
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


# ---------------------------------------------------------------- queries

def _texts(resolved) -> tuple[dict[str, str], dict]:
    where = resolved.where("f", evaluable=False)
    ids = sqlfiles.load("sources/export_contract_ids.sql")
    texts = {}
    for name in ("contracts", "items", "lines"):
        text = sqlfiles.load(f"sources/export_{name}.sql").replace("{contract_ids}", ids)
        texts[name] = text.replace("{facts}", resolved.source).replace("{where}", where)
    scope = resolved.scope
    params = dict(resolved.sql_params())
    for name in CONTRACT_FILTERS:
        params[f"c_{name}"] = list(getattr(scope, name)) or None
    params["need_lines"] = bool(scope.date_from or scope.date_to
                                or any(getattr(scope, n) for n in LINE_FILTERS))
    return texts, params


def _stream(con, text: str, params: dict) -> Iterator[dict]:
    used = {k: v for k, v in params.items() if re.search(rf"\${k}\b", text)}
    cur = con.cursor()
    try:
        cur.execute(text, used)
        names = [d[0] for d in cur.description]
        while True:
            rows = cur.fetchmany(CHUNK)
            if not rows:
                break
            for row in rows:
                yield dict(zip(names, row))
    finally:
        cur.close()


def _by_contract(rows: Iterator[dict]) -> Iterator[tuple[str, list[dict]]]:
    current, group = None, []
    for row in rows:
        if row["contract_id"] != current and group:
            yield current, group
            group = []
        current = row["contract_id"]
        group.append(row)
    if group:
        yield current, group


def _releases(con, scope, prefix: str, date: str) -> Iterator[dict]:
    scope = scope or scope_mod.Scope()
    resolved = scope_mod.resolve(con, scope.with_(grace_days=0))
    texts, params = _texts(resolved)
    page: list[dict] = []
    for contract in _stream(con, texts["contracts"], params):
        page.append(contract)
        if len(page) >= PAGE:
            yield from _page(con, texts, params, page, prefix, date)
            page = []
    yield from _page(con, texts, params, page, prefix, date)


def _page(con, texts, params, page: list[dict], prefix: str, date: str) -> Iterator[dict]:
    """Releases of one page of contracts: their items and lines are read (and sorted) per
    page, so memory and sort size never grow with the whole store."""
    if not page:
        return
    params = {**params, "page": [c["contract_id"] for c in page]}
    items = dict(_by_contract(_stream(con, texts["items"], params)))
    lines = _by_contract(_stream(con, texts["lines"], params))
    next_lines = next(lines, None)
    for contract in page:
        cid = contract["contract_id"]
        lns = []
        if next_lines is not None and next_lines[0] == cid:
            lns, next_lines = next_lines[1], next(lines, None)
        yield release(contract, items.get(cid, []), lns, prefix, date)


# ---------------------------------------------------------------- one release

def release(c: dict, items: list[dict], lines: list[dict], prefix: str, date: str) -> dict:
    """The OCDS release of one contract row with its item and line rows."""
    cid = c["contract_id"]
    currency = c["currency"] or "MXN"
    supplier = {"id": c["supplier_id"], "name": c["supplier_name"] or c["supplier_id"],
                "roles": ["supplier"]}
    if c["rfc"]:
        supplier["identifier"] = {"scheme": "MX-RFC", "id": c["rfc"],
                                  "legalName": c["supplier_name"] or c["rfc"]}
    if c["supplier_state"]:
        supplier["address"] = {"region": c["supplier_state"], "countryName": "México"}
    if SCALE.get(c["company_size"] or ""):
        supplier["details"] = {"scale": SCALE[c["company_size"]]}
    buyer = {"id": c["institution_id"], "name": c["institution_name"] or c["institution_id"]}
    tender = {"id": f"{cid}-tender", "procurementMethod": METHOD[c["procedure_type"]],
              "procurementMethodDetails": METHOD_DETAILS[c["procedure_type"]]
              + ("; compra consolidada" if c["is_consolidated"] else "")}
    if c["is_emergency"]:
        tender["procurementMethodRationale"] = "Compra de emergencia (caso fortuito o fuerza mayor)"
    value = {"amount": _num(c["amount"]), "currency": currency}
    award_id = f"{cid}-award"
    contract = {
        "id": cid, "awardID": award_id, "status": CONTRACT_STATUS.get(c["status"], "active"),
        "description": ms.describe({"estatus": c["status"], "consolidada": bool(c["is_consolidated"]),
                                    "emergencia": bool(c["is_emergency"]),
                                    "pena_diaria": c["penalty_rate_per_day"],
                                    "deductiva": c["deduction_rate"], "garantia": c["guarantee_pct"]},
                                   ms.CONTRACT_KEYS),
        "dateSigned": _dt(c["signed_date"]),
        "period": {"startDate": _dt(c["start_date"]), "endDate": _dt(c["end_date"])},
        "value": value,
    }
    if items:        # OCDS 1.1.5 requires a non-empty items array when present (minItems 1)
        contract["items"] = [_item(i, currency) for i in items]
    if lines:
        contract["implementation"] = {"milestones": [_milestone(x) for x in lines]}
    return {
        "ocid": f"{prefix}-{cid}", "id": f"{prefix}-{cid}-{date[:10]}", "date": date,
        "tag": ["contract", "implementation"] if lines else ["contract"],
        "initiationType": "tender", "language": "es",
        "parties": [{**buyer, "roles": ["buyer", "procuringEntity"]}, supplier],
        "buyer": buyer, "tender": tender,
        "awards": [{"id": award_id, "status": "active", "date": _dt(c["signed_date"]), "value": value,
                    "suppliers": [{"id": supplier["id"], "name": supplier["name"]}]}],
        "contracts": [contract],
    }


def _item(i: dict, currency: str) -> dict:
    out = {"id": i["item_code"],
           "classification": {"scheme": "CNIS", "id": i["item_code"]},
           "unit": {"value": {"amount": _num(i["unit_price"]), "currency": currency}}}
    if i["description"]:
        out["description"] = i["description"]
        out["classification"]["description"] = i["description"]
    if i["max_qty"] is not None:
        out["quantity"] = _num(i["max_qty"])
    return out


def _milestone(x: dict) -> dict:
    accepted, q = x["qty_accepted"] or 0, x["qty_ordered"]
    if x["completion_date"]:
        status = "met"
    elif accepted > 0:
        status = "partiallyMet"
    elif x["is_due"]:
        status = "notMet"
    else:
        status = "scheduled"
    facts = {"clave": x["item_code"], "cantidad": _num(q), "entregado": _num(x["qty_delivered"]),
             "rechazado": _num(x["qty_rejected"]), "aceptado_a_tiempo": _num(x["qty_accepted_by_due"]),
             "primera_entrega": x["first_accept_eff_date"],
             "cumplimiento_efectivo": x["completion_eff_date"],
             "ultima_entrega": x["last_delivery_date"], "fecha_orden": x["order_date"],
             "destino": x["unit_id"]}
    out = {"id": x["order_id"], "title": f"Entrega de {x['item_code']}", "type": "delivery",
           "description": ms.describe(facts), "dueDate": _dt(x["due_date"]), "status": status}
    if x["completion_date"]:
        out["dateMet"] = _dt(x["completion_date"])
    return out


# ---------------------------------------------------------------- packages

def _header(publisher: str, uri: str, date: str) -> dict:
    return {"uri": uri, "version": "1.1", "publishedDate": date,
            "publisher": {"name": publisher},
            "publicationPolicy": "https://github.com/abasto (Abasto export: one release per contract)"}


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def release_package(con, scope=None, *, prefix: str = DEFAULT_PREFIX, publisher: str = "Abasto",
                    uri: str = "urn:abasto:ocds-export", published: str | None = None) -> dict:
    """The whole release package as a dict (for small scopes; see write_release_package)."""
    date = published or _now()
    package = _header(publisher, uri, date)
    package["releases"] = list(_releases(con, scope, prefix, date))
    return package


def write_release_package(con, scope, out, *, prefix: str = DEFAULT_PREFIX,
                          publisher: str = "Abasto", published: str | None = None) -> dict:
    """Stream the package to `out` (written aside, renamed when complete); return counts."""
    out = Path(out)
    date = published or _now()
    header = _header(publisher, out.resolve().as_uri(), date)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    counts = {"releases": 0, "items": 0, "milestones": 0}
    if not re.fullmatch(r"[A-Za-z0-9-]+", prefix):
        raise AbastoError(f"--ocid-prefix '{prefix}': use letters, digits and hyphens (e.g. ocds-a1b2c3)")
    try:
        with open(tmp, "w", encoding="utf-8") as handle:
            text = json.dumps(header, ensure_ascii=False)
            handle.write(text[:-1] + ', "releases": [\n')
            for rel in _releases(con, scope, prefix, date):
                if counts["releases"]:
                    handle.write(",\n")
                handle.write(json.dumps(rel, ensure_ascii=False, separators=(",", ":")))
                counts["releases"] += 1
                contract = rel["contracts"][0]
                counts["items"] += len(contract.get("items", []))
                counts["milestones"] += len(contract.get("implementation", {}).get("milestones", []))
            handle.write("\n]}\n")
        if not counts["releases"]:
            raise AbastoError("no contract in this scope: nothing to export (an OCDS package needs "
                              "at least one release)")
        os.replace(tmp, out)
    except OSError as exc:
        raise AbastoError(f"cannot write {out}: {exc.strerror or exc}") from None
    finally:
        tmp.unlink(missing_ok=True)
    return counts
