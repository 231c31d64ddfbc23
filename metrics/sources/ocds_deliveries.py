"""OCDS delivery milestones -> orders and deliveries (part of the OCDS mapper, ocds.py).

A delivery milestone becomes one order line (`<contract_id>/<milestone id>`) at the
buyer's placeholder unit, and its outcome one or two receptions: see milestones.py for the
description keys `abasto export ocds` writes, and docs/sources.md for the rules.
"""
from __future__ import annotations

from collections import Counter

from metrics.sources import milestones as ms
from metrics.sources.common import iso_date, number

PLACEHOLDER_STATE = "Sin estado"


def _s(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


class DeliveryMapping:
    """Methods of ocds.Mapper that map milestones (uses its sink, note and skip)."""

    def deliveries(self, c, contract_id, cid, codes, items, buyer, signed, n, path) -> None:
        found = []
        for where in ("milestones", "implementation.milestones"):
            holder = c.get("implementation") or {} if where.startswith("implementation") else c
            for m in holder.get("milestones") or []:
                if isinstance(m, dict) and ms.is_delivery(m):
                    found.append((f"{path}.{where}", m))
        if not found:
            return
        unit_id = f"{buyer['id']}/OCDS"
        self.sink.add("units", {"unit_id": unit_id, "institution_id": buyer["id"],
                                "name": f"Entregas OCDS — {buyer['name']}",
                                "state": buyer["region"] or PLACEHOLDER_STATE, "kind": None}, n,
                      {"placeholder": True})
        self.note(n, "contracts[].milestones", None,
                  "OCDS has no delivery points: delivery lines go to one placeholder unit per buyer "
                  "(state from the buyer's address region, else 'Sin estado')",
                  kind="delivery lines mapped to a per-buyer placeholder unit")
        per_item = Counter()
        parsed = []
        for where, m in found:
            facts = ms.parse(m.get("description"))
            code = facts.get("clave")
            if code is None:
                text = f"{m.get('title') or ''} {m.get('description') or ''}"
                hits = [k for k in codes if k in text]
                code = hits[0] if len(hits) == 1 else (next(iter(codes)) if len(codes) == 1 else None)
            parsed.append((where, m, facts, code))
            if code is not None:
                per_item[code] += 1
        for where, m, facts, code in parsed:
            mid = _s(m.get("id"))
            if mid is None:
                self.skip(n, f"{where}.id", None, "delivery milestone skipped: no id")
                continue
            order_id = f"{contract_id}/{mid}"
            if code is None or code not in codes:
                self.skip(n, f"{where}.description", order_id,
                          "delivery milestone skipped: it does not say which contract item it delivers")
                continue
            due = iso_date(m.get("dueDate"))
            if due is None:
                self.skip(n, f"{where}.dueDate", order_id, "delivery milestone skipped: no dueDate")
                continue
            qty = number(facts.get("cantidad"))
            if qty is None:
                total = codes.get(code)
                if not total:
                    self.skip(n, f"{where}.description", order_id,
                              "delivery milestone skipped: no quantity, and the item has none")
                    continue
                qty = total / per_item[code]
                self.note(n, f"{where}.description", order_id,
                          "delivery quantity not published: the item quantity is split equally "
                          "among its delivery milestones", kind="delivery quantity assumed (equal shares)")
            if qty <= 0:
                self.skip(n, f"{where}.description", order_id, "delivery milestone skipped: quantity is not positive")
                continue
            order_date = iso_date(facts.get("fecha_orden")) or signed
            if order_date > due:
                self.note(n, f"{where}.dueDate", due,
                          "order date after the due date: the due date is used as order date")
                order_date = due
            status = m.get("status")
            met = iso_date(m.get("dateMet"))
            if status is None and met is None and iso_date(m.get("dateModified")) is None:
                self.skip(n, f"{where}.status", order_id,
                          "delivery milestone skipped: neither status nor dateMet, so the delivery "
                          "outcome is unknown (it would count as undelivered)")
                continue
            extra = {"destination": facts["destino"]} if facts.get("destino") else None
            self.sink.add("orders", {"order_id": order_id, "contract_id": contract_id,
                                     "item_code": code, "unit_id": unit_id, "order_date": order_date,
                                     "due_date": due, "qty_ordered": qty, "cancelled": False}, n, extra)
            self.receptions(m, facts, order_id, qty, due, met, status, n, where)

    def receptions(self, m, facts, order_id, qty, due, met, status, n, where) -> None:
        delivered = number(facts.get("entregado"))
        rejected = number(facts.get("rechazado")) or 0.0
        on_time = number(facts.get("aceptado_a_tiempo"))
        if status is None and met:
            status = "met"
        if status == "met" and met is None:
            met = iso_date(m.get("dateModified"))
            if met is None:
                self.skip(n, f"{where}.dateMet", order_id, "delivery not recorded: status met but no date")
                return
            self.note(n, f"{where}.dateMet", None, "no dateMet: dateModified is used as the delivery date")
        if status not in ("met", "partiallyMet"):
            # nothing accepted; deliveries that were all rejected still count for quality
            last = iso_date(facts.get("ultima_entrega"))
            if delivered and rejected and last:
                self._reception(f"{order_id}/2", order_id, last, delivered, rejected, n)
            return
        if delivered is None:
            if status == "partiallyMet":
                self.skip(n, f"{where}.description", order_id,
                          "partial delivery not recorded: the delivered quantity is not published")
                return
            delivered = qty
        accepted = max(0.0, delivered - rejected)
        if on_time is None:          # a single reception on dateMet (or the last delivery)
            when = met or iso_date(facts.get("ultima_entrega"))
            if when is None:
                self.skip(n, f"{where}.dateMet", order_id, "delivery not recorded: no date")
                return
            self._reception(f"{order_id}/1", order_id, when, delivered, rejected, n)
            return
        # Two receptions reproduce the line's facts: what was accepted by the due date, and
        # the rest on the effective completion date (or the last delivery when incomplete).
        on_time = min(on_time, accepted)
        rest = accepted - on_time
        first = iso_date(facts.get("primera_entrega")) or due
        if on_time >= qty and met and met > due:
            # complete "on time" yet met after the due date: the delay was excused (buyer or
            # force majeure; which of the two is not carried)
            self._reception(f"{order_id}/1", order_id, met, on_time, 0.0, n, "buyer")
            on_time = 0.0
        if on_time > 0:
            when = met if (on_time >= qty and met and met <= due) else min(first, due)
            self._reception(f"{order_id}/1", order_id, when, on_time, 0.0, n)
        if rest > 0 or rejected > 0:
            when = (iso_date(facts.get("cumplimiento_efectivo")) or met) if accepted >= qty else None
            when = when or iso_date(facts.get("ultima_entrega")) or met
            if when is None:
                self.skip(n, f"{where}.description", order_id, "late part of a delivery not recorded: no date")
                return
            self._reception(f"{order_id}/2", order_id, when, rest + rejected, rejected, n)

    def _reception(self, delivery_id, order_id, when, qty, rejected, n, cause=None) -> None:
        self.sink.add("deliveries", {"delivery_id": delivery_id, "order_id": order_id,
                                     "delivered_date": when, "qty_delivered": qty,
                                     "qty_rejected": rejected, "delay_cause": cause}, n)
