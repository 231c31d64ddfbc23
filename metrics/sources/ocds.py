"""OCDS (Open Contracting Data Standard) -> canonical tables.

One compiled release (see ocds_read) maps to:
- institutions: the buyer (`buyer`, else a party with role buyer, else
  `tender.procuringEntity` / procuringEntity party, else a 1.1 transaction payer / 1.0
  receiverOrganization) — id = the party id, name = its name;
- suppliers: the award's suppliers (else the contract's own `suppliers`, a common local
  extension, else the transactions' payee / 1.0 providerOrganization). supplier_id is the
  RFC when the party's identifier (or an additional identifier) has an RFC scheme
  ("MX-RFC", "Registro Federal de Contribuyentes...") and a valid RFC; else the party id;
  else a stable id from the name (warned);
- contracts: every `contracts[]` entry, plus awards that no contract refers to. Contract
  id = `<ocid>/<contract id>` (OCDS contract ids are unique only within a process) unless
  the ocid already ends with `-<contract id>` (one contract per process, as
  `abasto export ocds` writes), then the contract id alone;
- contract_items: contract (else award) items: classification id = item code,
  unit.value.amount = unit price, quantity = max_qty;
- orders + deliveries: delivery milestones of the contract and its implementation
  (type `delivery`, or a title saying delivery/entrega); see ocds_deliveries.py and
  milestones.py;
- tender_items: tender items with an outcome known from the awards and tender status.
Every choice that drops or guesses data is a warning note; records that cannot be mapped
are skipped with the reason.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date

from metrics.sources import milestones as ms
from metrics.sources.ocds_deliveries import DeliveryMapping
from metrics.sources.common import (RowSink, SourceFormatError, detect_encoding, fold, iso_date,
                                    name_id, number, rfc_or_none)
from metrics.sources.ocds_read import compiled_releases, sniff

PROCEDURE = {"open": "open_tender", "selective": "restricted", "limited": "direct_award",
             "direct": "direct_award"}
# neither: the contract is kept with this type and a warning (see Mapper.contract)
UNKNOWN_PROCEDURE = "direct_award"
# procurementMethodDetails in Spanish, when procurementMethod is absent
PROCEDURE_TEXT = (("licitacion", "open_tender"), ("invitacion", "restricted"),
                  ("adjudicacion", "direct_award"), ("contratacion directa", "direct_award"))
CONTRACT_STATUS = {"active": "active", "pending": "active", "terminated": "completed",
                   "cancelled": "terminated"}
AWARD_STATUS = {"active": "active", "pending": "active"}
RFC_SCHEMES = ("mx rfc", "rfc", "registro federal de contribuyentes")
EMERGENCY_WORDS = re.compile(r"caso fortuito|fuerza mayor|urgen|emergencia|desastre", re.I)
SCALE = {"micro": "micro", "large": "large"}     # 'sme' is small OR medium: kept in extra
SHAPE_LABEL = {"release_package": "release package(s)", "record_package": "record package(s)",
               "release": "JSON Lines of releases", "record": "JSON Lines of records",
               "array_release_package": "array of release packages",
               "array_record_package": "array of record packages",
               "array_release": "array of releases"}

# Fields this mapper reads (JSON paths, array indices dropped): the per-file report lists
# the fields present in the data and not in here as ignored.
USED = {
    "ocid", "id", "date", "tag", "language", "initiationType",
    "buyer", "buyer.id", "buyer.name", "buyer.address", "buyer.address.region",
    "buyer.identifier", "buyer.identifier.id", "buyer.identifier.legalName",
    "tender.procuringEntity.identifier", "tender.procuringEntity.identifier.id",
    "parties", "parties.id", "parties.name", "parties.roles", "parties.identifier",
    "parties.identifier.scheme", "parties.identifier.id", "parties.identifier.legalName",
    "parties.additionalIdentifiers", "parties.additionalIdentifiers.scheme",
    "parties.additionalIdentifiers.id", "parties.address", "parties.address.region",
    "parties.details", "parties.details.scale",
    "tender", "tender.id", "tender.status", "tender.procurementMethod",
    "tender.procurementMethodDetails", "tender.procurementMethodRationale",
    "tender.procuringEntity", "tender.procuringEntity.id", "tender.procuringEntity.name",
    "tender.tenderPeriod", "tender.tenderPeriod.startDate", "tender.items", "tender.items.id",
    "tender.items.description", "tender.items.classification",
    "tender.items.classification.id", "tender.items.quantity", "tender.contractPeriod",
    "tender.contractPeriod.startDate", "tender.contractPeriod.endDate",
    "awards", "awards.id", "awards.status", "awards.date", "awards.value", "awards.value.amount",
    "awards.value.currency", "awards.suppliers", "awards.suppliers.id", "awards.suppliers.name",
    "awards.contractPeriod", "awards.contractPeriod.startDate", "awards.contractPeriod.endDate",
    "awards.items", "awards.items.id", "awards.items.description", "awards.items.classification",
    "awards.items.classification.id", "awards.items.quantity", "awards.items.unit",
    "awards.items.unit.value", "awards.items.unit.value.amount", "awards.items.unit.value.currency",
    "contracts", "contracts.id", "contracts.awardID", "contracts.status", "contracts.title",
    "contracts.dateSigned", "contracts.description", "contracts.period", "contracts.period.startDate",
    "contracts.period.endDate", "contracts.value", "contracts.value.amount",
    "contracts.value.currency", "contracts.suppliers", "contracts.suppliers.id",
    "contracts.suppliers.name", "contracts.items", "contracts.items.id",
    "contracts.items.description", "contracts.items.classification",
    "contracts.items.classification.id", "contracts.items.quantity", "contracts.items.unit",
    "contracts.items.unit.value", "contracts.items.unit.value.amount",
    "contracts.items.unit.value.currency", "contracts.milestones", "contracts.implementation",
    "contracts.implementation.milestones", "contracts.implementation.transactions",
    "contracts.implementation.transactions.payer", "contracts.implementation.transactions.payee",
    "contracts.implementation.transactions.providerOrganization",
    "contracts.implementation.transactions.receiverOrganization",
}
for _base in ("contracts.milestones", "contracts.implementation.milestones"):
    USED |= {f"{_base}.{k}" for k in ("id", "title", "type", "description", "dueDate",
                                       "dateMet", "dateModified", "status")}
for _base in ("contracts.implementation.transactions.payer", "contracts.implementation.transactions.payee",
              "contracts.implementation.transactions.providerOrganization",
              "contracts.implementation.transactions.receiverOrganization"):
    USED |= {f"{_base}.id", f"{_base}.name", f"{_base}.identifier", f"{_base}.identifier.id",
             f"{_base}.identifier.scheme", f"{_base}.identifier.legalName"}


CENSUS_FULL = 1_000     # processes whose every array element is inspected for the field report


def _paths(obj, prefix: str, out: Counter, depth: int = 0, cap: int | None = None) -> None:
    """Count JSON paths present (array indices dropped). With `cap`, only the first `cap`
    elements of each array are walked: after the first CENSUS_FULL processes the field
    report samples, which keeps it cheap on long milestone lists."""
    if depth > 6:
        return
    if isinstance(obj, dict):
        for key, value in obj.items():
            path = f"{prefix}.{key}" if prefix else key
            out[path] += 1
            if isinstance(value, (dict, list)):
                _paths(value, path, out, depth + 1, cap)
    elif isinstance(obj, list):
        for value in (obj if cap is None else obj[:cap]):
            if isinstance(value, (dict, list)):
                _paths(value, prefix, out, depth + 1, cap)


def _s(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


class Mapper(DeliveryMapping):
    """Maps compiled releases of one file into a sink; keeps per-file statistics."""

    def __init__(self, sink: RowSink):
        self.sink = sink
        self.fields: Counter = Counter()
        self.records = 0
        self.merged = 0
        self.contracts = 0
        self.skipped: Counter = Counter()

    # ------------------------------------------------------------ helpers
    def note(self, record, column, value, problem, kind=None, severity="warning"):
        self.sink.note(severity, record, column, value, problem, kind)

    def skip(self, record, column, value, why: str):
        self.skipped[why] += 1
        self.note(record, column, value, why)

    # ------------------------------------------------------------ release
    def release(self, rel: dict, n: int, merged: int = 1) -> None:
        self.records += 1
        if merged > 1:
            self.merged += 1
        _paths(rel, "", self.fields, cap=None if self.records <= CENSUS_FULL else 3)
        ocid = _s(rel.get("ocid")) or f"record-{n}"
        parties = {str(p.get("id")): p for p in rel.get("parties") or [] if isinstance(p, dict)}
        buyer = self.buyer(rel, parties, n)
        tender = rel.get("tender") or {}
        awards = {str(a.get("id")): a for a in rel.get("awards") or [] if isinstance(a, dict)}
        contracts = [c for c in rel.get("contracts") or [] if isinstance(c, dict)]
        procedure = self.procedure(tender, n)
        referenced = {str(c.get("awardID")) for c in contracts if c.get("awardID") is not None}
        awarded_codes: set[str] = set()
        for i, contract in enumerate(contracts):
            award = awards.get(str(contract.get("awardID")))
            if award is None and len(awards) == 1 and contract.get("awardID") is None:
                award = next(iter(awards.values()))
            codes = self.contract(rel, ocid, n, f"contracts[{i}]", contract, award, buyer,
                                  parties, procedure, tender)
            awarded_codes |= codes
        for key, award in awards.items():
            if key in referenced or (len(awards) == 1 and contracts
                                     and all(c.get("awardID") is None for c in contracts)):
                continue
            status = award.get("status")
            if status not in AWARD_STATUS:
                self.skip(n, "awards[].status", status,
                          f"award without contract skipped: status '{status}' is not an award in force")
                continue
            pseudo = {"id": award.get("id"), "status": status, "dateSigned": award.get("date"),
                      "period": award.get("contractPeriod"), "value": award.get("value"),
                      "items": award.get("items")}
            self.note(n, "awards[]", award.get("id"),
                      "award with no contract imported as a contract (dates and amount from the award)")
            awarded_codes |= self.contract(rel, ocid, n, "awards[]", pseudo, award, buyer, parties,
                                           procedure, tender, from_award=True)
        self.tender_items(tender, ocid, n, buyer, awarded_codes)

    # ------------------------------------------------------------ parties
    def buyer(self, rel, parties, n) -> dict | None:
        ref = rel.get("buyer")
        source = "buyer"
        if not ref:
            ref = next((p for p in parties.values() if "buyer" in (p.get("roles") or [])), None)
            source = "parties[role=buyer]"
        if not ref:
            ref = (rel.get("tender") or {}).get("procuringEntity") or next(
                (p for p in parties.values() if "procuringEntity" in (p.get("roles") or [])), None)
            source = "tender.procuringEntity"
            if ref:
                self.note(n, "buyer", None, "no buyer published: the procuring entity is used as the institution")
        if not ref:
            for c in rel.get("contracts") or []:
                for t in ((c.get("implementation") or {}).get("transactions") or []):
                    ref = t.get("payer") or t.get("receiverOrganization")
                    if ref:
                        source = "transactions.payer"
                        self.note(n, "buyer", None, "no buyer published: the payer of a transaction is used as the institution")
                        break
                if ref:
                    break
        if not ref:
            return None
        party = parties.get(str(ref.get("id"))) if ref.get("id") is not None else None
        party = {**(party or {}), **{k: v for k, v in ref.items() if v is not None}}
        name = _s(party.get("name")) or _s((party.get("identifier") or {}).get("legalName"))
        ident = (_s(party.get("id")) or _s((party.get("identifier") or {}).get("id"))
                 or (name_id("INST", name) if name else None))
        if not ident or not name:
            self.note(n, source, ident or name, "buyer has no id or no name: not usable as an institution")
            return None
        region = _s((party.get("address") or {}).get("region"))
        return {"id": ident, "name": name, "region": region}

    def supplier(self, ref: dict, parties: dict, n: int, column: str) -> tuple | None:
        """(supplier row, extra) of a party reference; staged only with a mapped contract."""
        party = parties.get(str(ref.get("id"))) if ref.get("id") is not None else None
        party = {**(party or {}), **{k: v for k, v in ref.items() if v is not None}}
        name = _s(party.get("name")) or _s((party.get("identifier") or {}).get("legalName"))
        rfc = None
        for ident in [party.get("identifier") or {}] + list(party.get("additionalIdentifiers") or []):
            scheme = fold(ident.get("scheme"))
            if any(scheme.startswith(s) for s in RFC_SCHEMES):
                rfc = rfc_or_none(ident.get("id"))
                if rfc is None and ident.get("id"):
                    self.note(n, f"{column}.identifier.id", ident.get("id"),
                              "RFC scheme but the id is not a valid RFC: the party id is used instead")
                if rfc:
                    break
        ident = rfc or _s(party.get("id"))
        if ident is None:
            if not name:
                return None
            ident = name_id("NOM", name)
            self.note(n, column, name, "supplier without id or RFC: a stable id was made from its name",
                      kind="supplier without id or RFC: id made from the name")
        extra = {}
        scale = _s((party.get("details") or {}).get("scale"))
        if scale:
            extra["ocds_scale"] = scale
        if party.get("id") is not None and str(party.get("id")) != ident:
            extra["ocds_party_id"] = str(party.get("id"))
        return ({"supplier_id": ident, "name": name or ident, "rfc": rfc,
                 "company_size": SCALE.get(scale or ""),
                 "state": _s((party.get("address") or {}).get("region"))}, extra or None)

    # ------------------------------------------------------------ contracts
    def procedure(self, tender: dict, n) -> str | None:
        method = tender.get("procurementMethod")
        if method in PROCEDURE:
            return PROCEDURE[method]
        details = fold(tender.get("procurementMethodDetails"))
        for word, kind in PROCEDURE_TEXT:
            if word in details:
                self.note(n, "tender.procurementMethodDetails", tender.get("procurementMethodDetails"),
                          f"procedure type taken from procurementMethodDetails: {kind}")
                return kind
        return None

    def contract(self, rel, ocid, n, path, c, award, buyer, parties, procedure, tender,
                 from_award=False) -> set[str]:
        cid = _s(c.get("id"))
        if cid is None:
            self.skip(n, f"{path}.id", None, "contract skipped: it has no id")
            return set()
        contract_id = cid if ocid.endswith("-" + cid) else f"{ocid}/{cid}"
        if buyer is None:
            self.skip(n, "buyer", contract_id, "contract skipped: no buyer (institution) in the release")
            return set()
        refs = list((award or {}).get("suppliers") or [])
        if not refs and c.get("suppliers"):
            refs = list(c["suppliers"])
            self.note(n, f"{path}.suppliers", None,
                      "suppliers read from the contract (a local extension), not from its award")
        if not refs:
            for t in ((c.get("implementation") or {}).get("transactions") or []):
                ref = t.get("payee") or t.get("providerOrganization")
                if ref:
                    refs = [ref]
                    self.note(n, f"{path}.implementation.transactions", None,
                              "supplier taken from a transaction's payee/providerOrganization")
                    break
        if not refs:
            self.skip(n, f"{path}.awardID", contract_id, "contract skipped: no supplier (no award suppliers)")
            return set()
        if len(refs) > 1:
            self.note(n, "awards[].suppliers", contract_id,
                      f"award has {len(refs)} suppliers; Abasto contracts have one: only the first is kept")
        supplier = self.supplier(refs[0], parties, n, "awards[].suppliers[0]")
        if supplier is None:
            self.skip(n, "awards[].suppliers[0]", contract_id, "contract skipped: supplier has no id and no name")
            return set()
        assumed = procedure is None
        if assumed:
            # the data contract requires a procedure type and has no "unknown": dropping the
            # contract lost its supplier, items and prices. direct_award is the reading that
            # claims no competition the data does not show (docs/sources.md).
            procedure = UNKNOWN_PROCEDURE
            self.note(n, "tender.procurementMethod", contract_id,
                      f"procedure type not published (no tender.procurementMethod, nor one named in "
                      f"procurementMethodDetails): recorded as {UNKNOWN_PROCEDURE}, the closest "
                      f"documented value (extra.procedure_type_assumed = true); correct it at the "
                      f"source if it is known")
        period = c.get("period") or (award or {}).get("contractPeriod") or tender.get("contractPeriod") or {}
        signed = iso_date(c.get("dateSigned"))
        if signed is None and award is not None and iso_date(award.get("date")):
            signed = iso_date(award.get("date"))
            self.note(n, f"{path}.dateSigned", None, "no dateSigned: the award date is used as the signature date")
        start, end = iso_date(period.get("startDate")), iso_date(period.get("endDate"))
        if signed is None and start:
            signed = start
            self.note(n, f"{path}.dateSigned", None, "no dateSigned: the start date is used as the signature date")
        if start is None and signed:
            start = signed
            self.note(n, f"{path}.period.startDate", None, "no start date: the signature date is used")
        if not (signed and start and end):
            self.skip(n, f"{path}.period", contract_id, "contract skipped: no signature/start/end dates")
            return set()
        if end < start:
            self.skip(n, f"{path}.period.endDate", end, "contract skipped: end date before start date")
            return set()
        value = c.get("value") or (award or {}).get("value") or {}
        amount = number(value.get("amount"))
        items = c.get("items") or (award or {}).get("items") or []
        if not c.get("items") and items and not from_award:
            self.note(n, f"{path}.items", None, "contract has no items: the award's items are used")
        if amount is None:
            total = sum((number(i.get("quantity")) or 0) * (number(((i.get("unit") or {}).get("value") or {}).get("amount")) or 0)
                        for i in items)
            if total <= 0:
                self.skip(n, f"{path}.value.amount", contract_id, "contract skipped: no amount")
                return set()
            amount = total
            self.note(n, f"{path}.value.amount", None, "no contract value: the sum of its items is used")
        currency = _s(value.get("currency")) or "MXN"
        if currency != "MXN":
            self.note(n, f"{path}.value.currency", currency,
                      f"amount in {currency}, kept in {currency} (not converted to MXN)",
                      kind=f"amounts not in MXN kept as published ({currency})")
        status = (AWARD_STATUS if from_award else CONTRACT_STATUS).get(c.get("status"))
        if status is None:
            status = "active" if end >= date.today().isoformat() else "completed"
            self.note(n, f"{path}.status", c.get("status"),
                      f"contract status missing or unknown: '{status}' inferred from the end date")
        rationale = tender.get("procurementMethodRationale")
        emergency = bool(rationale and EMERGENCY_WORDS.search(str(rationale)))
        consolidated = "consolidad" in fold(tender.get("procurementMethodDetails"))
        terms = ms.parse(c.get("description"), ms.CONTRACT_KEYS)   # written by abasto export ocds
        if terms.get("estatus") in ("active", "completed", "terminated", "rescinded"):
            status = terms["estatus"]
        if "emergencia" in terms:
            emergency = terms["emergencia"] == "si"
        if "consolidada" in terms:
            consolidated = terms["consolidada"] == "si"
        if not {"pena_diaria", "deductiva", "garantia"} & set(terms):
            self.note(n, f"{path}.description", None,
                      "OCDS has no penalty terms: the contract defaults apply (settings of the data contract)",
                      kind="no penalty terms in OCDS: defaults used")
        extra = {"ocid": ocid, "ocds_contract_id": cid}
        if assumed:
            extra["procedure_type_assumed"] = True
        if c.get("title"):
            extra["title"] = str(c["title"])[:500]
        if rationale:
            extra["procurement_rationale"] = str(rationale)[:500]
        self.sink.add("institutions", {"institution_id": buyer["id"], "name": buyer["name"]}, n)
        self.sink.add("suppliers", supplier[0], n, supplier[1])
        self.sink.add("contracts", {
            "contract_id": contract_id, "institution_id": buyer["id"], "supplier_id": supplier[0]["supplier_id"],
            "procedure_type": procedure, "is_emergency": emergency, "is_consolidated": consolidated,
            "signed_date": signed, "start_date": start, "end_date": end, "amount": amount,
            "currency": currency, "status": status,
            "penalty_rate_per_day": number(terms.get("pena_diaria")),
            "deduction_rate": number(terms.get("deductiva")),
            "guarantee_pct": number(terms.get("garantia"))}, n, extra)
        self.contracts += 1
        codes = self.items(items, contract_id, n, f"{path}.items", currency)
        self.deliveries(c, contract_id, cid, codes, items, buyer, signed, n, path)
        return set(codes)

    def items(self, items, contract_id, n, path, currency) -> dict[str, float | None]:
        """contract_items rows; returns item code -> contracted quantity."""
        merged: dict[str, dict] = {}
        for item in items:
            code = _s((item.get("classification") or {}).get("id"))
            if code is None:
                self.skip(n, f"{path}.classification.id", item.get("id"),
                          "contract item skipped: no classification id (item code)")
                continue
            unit_value = (item.get("unit") or {}).get("value") or {}
            price = number(unit_value.get("amount"))
            if price is None:
                self.skip(n, f"{path}.unit.value.amount", code, "contract item skipped: no unit price")
                continue
            if unit_value.get("currency") and unit_value.get("currency") != currency:
                self.note(n, f"{path}.unit.value.currency", unit_value.get("currency"),
                          "item price currency differs from the contract's; kept as published")
            qty = number(item.get("quantity"))
            if code in merged:
                m = merged[code]
                self.note(n, f"{path}.classification.id", code,
                          "two items of one contract share an item code: merged (quantities added, "
                          "unit price = quantity-weighted mean; the separate prices are lost)")
                q0, q1 = m["qty"] or 0, qty or 0
                if q0 + q1 > 0:
                    m["price"] = (m["price"] * q0 + price * q1) / (q0 + q1)
                m["qty"] = (m["qty"] or 0) + (qty or 0) if (m["qty"] is not None or qty is not None) else None
                continue
            merged[code] = {"price": price, "qty": qty, "desc": _s(item.get("description"))}
        for code, m in merged.items():
            extra = {"description": m["desc"]} if m["desc"] else None
            self.sink.add("contract_items", {"contract_id": contract_id, "item_code": code,
                                             "unit_price": m["price"], "max_qty": m["qty"]}, n, extra)
        return {code: m["qty"] for code, m in merged.items()}

    # ------------------------------------------------------------ tender
    def tender_items(self, tender, ocid, n, buyer, awarded) -> None:
        items = tender.get("items") or []
        if not items:
            return
        if buyer is None:
            self.skip(n, "tender.items", ocid, "tender items skipped: no buyer")
            return
        published = iso_date((tender.get("tenderPeriod") or {}).get("startDate")) or iso_date(tender.get("datePublished"))
        if published is None:
            self.skip(n, "tender.tenderPeriod.startDate", ocid, "tender items skipped: no publication date")
            return
        status = tender.get("status")
        self.sink.add("institutions", {"institution_id": buyer["id"], "name": buyer["name"]}, n)
        seen = set()
        for item in items:
            code = _s((item.get("classification") or {}).get("id"))
            if code is None or code in seen:
                continue
            seen.add(code)
            if code in awarded:
                outcome = "awarded"
            elif status == "unsuccessful":
                outcome = "no_bids"
            elif status in ("cancelled", "withdrawn"):
                outcome = "cancelled"
            else:
                self.skip(n, "tender.items", code, "tender item skipped: its outcome is not known yet "
                          "(not in any award, tender not closed as unsuccessful/cancelled)")
                continue
            self.sink.add("tender_items", {"procedure_id": _s(tender.get("id")) or ocid,
                                           "item_code": code, "institution_id": buyer["id"],
                                           "qty_requested": number(item.get("quantity")),
                                           "outcome": outcome, "published_date": published}, n)

    # ------------------------------------------------------------ report
    def report(self, shape: str, encoding: str) -> None:
        used = sorted({".".join(p.split(".")[:2]) for p in self.fields if p in USED})
        roots = {p for p in self.fields if p not in USED}
        # list an ignored object once, not each of its children
        ignored = sorted((p for p in roots if not any(p.startswith(q + ".") for q in roots)),
                         key=lambda p: (p.count("."), p))          # whole objects first
        skipped = sum(self.skipped.values())
        self.note(None, None, None,
                  f"OCDS {SHAPE_LABEL[shape]} ({encoding}): {self.records:,} processes "
                  f"({self.merged:,} compiled from several releases), {self.contracts:,} contracts mapped, "
                  f"{skipped:,} records or parts skipped (warned above)",
                  severity="warning")
        if used:
            self.note(None, None, None, "fields used: " + _listing(used))
        if ignored:
            self.note(None, None, None, "fields ignored (present, not imported): " + _listing(ignored))


def _listing(paths: list[str], limit: int = 600) -> str:
    text, shown = "", 0
    for p in paths:
        if len(text) + len(p) > limit:
            break
        text += (", " if text else "") + p
        shown += 1
    return text + (f" … and {len(paths) - shown} more" if shown < len(paths) else "")


def map_file(path, sink: RowSink) -> Mapper:
    """Map every process of an OCDS file into `sink` (raises SourceFormatError when unreadable)."""
    shape = sniff(path)
    if shape is None:
        raise SourceFormatError(path, None, None, "not an OCDS release/record package, nor JSON Lines of them")
    encoding = detect_encoding(path)
    mapper = Mapper(sink)
    for compiled in compiled_releases(path, shape, sink):
        mapper.release(compiled.release, compiled.record, compiled.merged)
    mapper.report(shape, encoding)
    return mapper
