"""Delivery milestones: how one order line travels in OCDS (both directions).

OCDS 1.1 has no delivery-line object, so `abasto export ocds` writes one milestone of type
`delivery` per order line: dueDate = due date, dateMet = completion date, status from the
line's facts, and the line's quantities in `description` as `key=value` pairs separated by
`; ` (readable by people, parseable here, no extension needed):

    clave=010.000.0104.00; cantidad=100; entregado=80; rechazado=0; aceptado_a_tiempo=60;
    primera_entrega=2025-01-20; cumplimiento_efectivo=2025-02-03; ultima_entrega=2025-02-03;
    fecha_orden=2025-01-02; destino=HGZ-12

Keys: clave (item code), cantidad (qty ordered), entregado / rechazado (qty delivered /
rejected, all deliveries), aceptado_a_tiempo (accepted quantity whose effective date, with
buyer/force-majeure delays excused, is on or before the due date), primera_entrega (first
effective acceptance date), cumplimiento_efectivo (effective completion date),
ultima_entrega (last delivery date), fecha_orden (order date), destino (delivery unit id).

Contracts carry, the same way in `contracts[].description`, what OCDS 1.1 has no field
for: estatus (canonical status: active, completed, terminated, rescinded), consolidada and
emergencia (si/no), pena_diaria, deductiva, garantia (penalty terms).
"""
from __future__ import annotations

import re

KEYS = ("clave", "cantidad", "entregado", "rechazado", "aceptado_a_tiempo", "primera_entrega",
        "cumplimiento_efectivo", "ultima_entrega", "fecha_orden", "destino")
CONTRACT_KEYS = ("estatus", "consolidada", "emergencia", "pena_diaria", "deductiva", "garantia")
_PAIR = re.compile(r"([a-z_]+)=([^;]*)")
_DELIVERY_WORDS = re.compile(r"\b(entrega|entregas|delivery|deliveries|suministro|surtimiento)\b",
                             re.IGNORECASE)


def describe(values: dict, keys=KEYS) -> str:
    """`key=value; ...` text of the known keys present (None values left out)."""
    return "; ".join(f"{k}={_fmt(values[k])}" for k in keys if values.get(k) not in (None, ""))


def _fmt(value) -> str:
    if isinstance(value, bool):
        return "si" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse(text, keys=KEYS) -> dict[str, str]:
    """Known keys found in a description (empty dict for free text)."""
    if not text:
        return {}
    return {k: v.strip() for k, v in _PAIR.findall(str(text)) if k in keys and v.strip()}


def is_delivery(milestone: dict) -> bool:
    """type 'delivery', or (OCDS 1.0 / no type) a title that says delivery / entrega."""
    kind = milestone.get("type")
    if kind:
        return kind == "delivery"
    return bool(_DELIVERY_WORDS.search(str(milestone.get("title") or "")))
