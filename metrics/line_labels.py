"""Spanish / English labels and display kinds (metrics.fmt.KINDS) of an order line's facts,
as `metrics.scorecard.lines` returns them: the command line's `--lines` table and the
exports (dashboard/exports/columns.py) read this one table."""
from __future__ import annotations

# column -> (label es, label en, kind)
COLUMNS: dict[str, tuple[str, str, str]] = {
    "order_id": ("Orden", "Order", "text"),
    "order_date": ("Fecha de orden", "Order date", "date"),
    "due_date": ("Fecha límite", "Due date", "date"),
    "completion_date": ("Fecha de surtimiento completo", "Completed", "date"),
    "qty_ordered": ("Cantidad ordenada", "Qty ordered", "int"),
    "qty_delivered": ("Cantidad entregada", "Qty delivered", "int"),
    "qty_accepted": ("Cantidad aceptada", "Qty accepted", "int"),
    "qty_rejected": ("Cantidad rechazada", "Qty rejected", "int"),
    "unit_price": ("Precio unitario", "Unit price", "money"),
    "days_late": ("Días de atraso", "Days late", "number"),
    "late_qty": ("Piezas entregadas tarde", "Pieces delivered late", "int"),
    "late_penalty": ("Pena por atraso", "Late penalty", "money"),
    "deduction": ("Deductiva", "Deduction", "money"),
    "n_deliveries": ("Entregas", "Deliveries", "int"),
    "first_delivery_date": ("Primera entrega", "First delivery", "date"),
    "qty_filled": ("Cantidad surtida", "Qty filled", "int"),
    "qty_accepted_by_due": ("Aceptado a la fecha límite", "Accepted by the due date", "int"),
    "short_qty": ("Cantidad faltante", "Qty short", "int"),
    "ref_price": ("Precio de referencia", "Reference price", "money"),
    "lead_time_days": ("Días de entrega", "Lead time (days)", "number"),
    "is_on_time": ("A tiempo", "On time", "bool"),
    "is_otif": ("A tiempo y completa", "OTIF", "bool"),
    "is_open_overdue": ("Vencida sin surtir", "Open overdue", "bool"),
    "has_excused": ("Con atraso justificado", "Has excused delay", "bool"),
    "penalty_due_capped": ("Pena calculada (con tope)", "Penalty due (capped)", "money"),
}
