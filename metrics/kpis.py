"""The KPI registry: one declaration per KPI of METRICS.md, read by the scorecard, the
dashboard's cards, the Methodology page (docs/methodology.md is checked against it) and
exports. Keys are exactly METRICS.md's.

`needs` lists the input columns (table.column) a KPI cannot be computed without; whether
they hold data in a scope is decided by `metrics.scorecard.computability`.
`level`: "line" KPIs aggregate line_facts (any grouping), "contract" KPIs come from the
compliance ledger, "score" from the performance score.
"""
from __future__ import annotations

from typing import NamedTuple


class Kpi(NamedTuple):
    key: str
    label_es: str
    label_en: str
    formula_es: str
    formula_en: str
    unit: str                 # count | share (0–1) | days | qty | MXN | index | score
    higher_is_better: bool | None
    needs: tuple[str, ...]
    why_es: str
    why_en: str
    level: str = "line"

    def label(self, lang: str = "es") -> str:
        return self.label_es if lang == "es" else self.label_en

    def formula(self, lang: str = "es") -> str:
        return self.formula_es if lang == "es" else self.formula_en

    def why(self, lang: str = "es") -> str:
        return self.why_es if lang == "es" else self.why_en


_LINES = ("orders.due_date", "orders.qty_ordered")
_DELIV = _LINES + ("deliveries.delivered_date", "deliveries.qty_delivered")

_ALL = [
    Kpi("lines", "Líneas evaluables", "Evaluable lines",
        "Renglones de orden no cancelados con fecha límite en el periodo y ≤ fecha de corte",
        "Order lines not cancelled, due in the window and on or before the as-of date",
        "count", None, _LINES,
        "Dice sobre cuántas entregas descansa cada cifra: pocas líneas, cifra frágil.",
        "Says how many deliveries each figure rests on: few lines, fragile figure."),
    Kpi("on_time_rate", "Entrega a tiempo", "On-time rate",
        "Líneas con cantidad aceptada > 0 a la fecha límite + gracia / líneas",
        "Lines with accepted quantity > 0 by due date + grace / lines",
        "share", True, _DELIV,
        "Mide si el proveedor empieza a surtir cuando lo prometió.",
        "Shows whether the supplier starts delivering when promised."),
    Kpi("otif_rate", "A tiempo y completo (OTIF)", "On time in full (OTIF)",
        "Líneas con cantidad aceptada ≥ ordenada a la fecha límite + gracia / líneas",
        "Lines with accepted quantity ≥ ordered by due date + grace / lines",
        "share", True, _DELIV,
        "Es la medida central de cumplimiento: el paciente necesita todo, a tiempo.",
        "The core delivery measure: patients need all of it, on time."),
    Kpi("fill_rate", "Nivel de surtimiento", "Fill rate",
        "Σ mín(aceptado a la fecha de corte, ordenado) / Σ ordenado",
        "Σ min(accepted by as-of, ordered) / Σ ordered",
        "share", True, _DELIV,
        "Cuánto de lo pedido llegó, ponderado por piezas.",
        "How much of what was ordered arrived, weighted by pieces."),
    Kpi("undelivered_share", "% de piezas no entregadas", "Undelivered share",
        "1 − nivel de surtimiento", "1 − fill rate",
        "share", False, _DELIV,
        "Es la cifra que el gobierno publica: % de piezas contratadas no entregadas.",
        "The government's published figure: % of contracted pieces not delivered."),
    Kpi("non_compliant_rate", "Incumplimiento", "Non-compliant rate",
        "Líneas que no son OTIF / líneas", "Lines not OTIF / lines",
        "share", False, _DELIV,
        "Es el indicador de la OCDE (17 % de las órdenes del IMSS en 2016).",
        "The OECD's indicator (17% of IMSS orders in 2016)."),
    Kpi("days_late_mean", "Días de atraso (promedio)", "Days late (mean)",
        "Promedio, en líneas completadas, de máx(0, fecha de completado − fecha límite)",
        "Mean over completed lines of max(0, completion date − due date)",
        "days", False, _DELIV,
        "No es lo mismo llegar un día tarde que un mes tarde.",
        "One day late is not one month late."),
    Kpi("days_late_p90", "Días de atraso (percentil 90)", "Days late (90th percentile)",
        "Percentil 90 de los días de atraso en líneas completadas",
        "90th percentile of days late over completed lines",
        "days", False, _DELIV,
        "Muestra los atrasos largos que el promedio esconde.",
        "Shows the long delays an average hides."),
    Kpi("open_overdue_lines", "Líneas vencidas abiertas", "Open overdue lines",
        "Líneas con aceptado a la fecha de corte < ordenado y fecha límite < fecha de corte",
        "Lines with accepted by as-of < ordered and due date < as-of",
        "count", False, _DELIV,
        "Son pedidos que hoy faltan en las unidades.",
        "Orders that are missing at the units today."),
    Kpi("backlog_qty", "Piezas pendientes vencidas", "Overdue backlog (pieces)",
        "Σ (ordenado − aceptado) en líneas vencidas abiertas",
        "Σ (ordered − accepted) over open overdue lines",
        "qty", False, _DELIV,
        "El tamaño del faltante que el proveedor debe.",
        "The size of the shortfall the supplier owes."),
    Kpi("lead_time_median", "Tiempo de entrega (mediana)", "Lead time (median)",
        "Mediana, en líneas completadas, de fecha de completado − fecha de la orden (días)",
        "Median over completed lines of completion date − order date (days)",
        "days", False, _DELIV + ("orders.order_date",),
        "Ayuda a planear cuándo pedir.",
        "Helps plan when to order."),
    Kpi("rejection_rate", "Tasa de rechazo", "Rejection rate",
        "Σ cantidad rechazada / Σ cantidad entregada",
        "Σ quantity rejected / Σ quantity delivered",
        "share", False, _DELIV + ("deliveries.qty_rejected",),
        "Mide la calidad: lo rechazado no sirve al paciente.",
        "Measures quality: what is rejected does not reach patients."),
    Kpi("short_shelf_life_rate", "Caducidad corta", "Short shelf life",
        "Piezas entregadas con caducidad − fecha de entrega < caducidad mínima / piezas con caducidad",
        "Delivered quantity with expiry − delivery date below the minimum shelf life / quantity with an expiry date",
        "share", False, _DELIV + ("deliveries.expiry_date",),
        "Un insumo que caduca pronto se desperdicia en el almacén.",
        "An item that expires soon is wasted in the warehouse."),
    Kpi("price_index", "Índice de precio", "Price index",
        "Σ precio unitario · cantidad / Σ precio de referencia · cantidad",
        "Σ unit price · quantity / Σ reference price · quantity",
        "index", False, ("contract_items.unit_price", "items.reference_price"),
        "Compara lo pagado con el precio de referencia (o la mediana contratada).",
        "Compares what was paid with the reference (or median contracted) price."),
    Kpi("penalties_applied", "Penas aplicadas", "Penalties applied",
        "Σ importe de penas con fecha de aplicación en el periodo (con una fecha de corte anterior a los datos, solo hasta ella)",
        "Σ penalty amount with applied date in the window (with an as-of date before the data's, only up to it)",
        "MXN", None, ("penalties.amount", "penalties.applied_date"),
        "Lo que la institución efectivamente cobró.",
        "What the institution actually charged."),
    Kpi("penalties_due", "Penas procedentes", "Penalties due",
        "Σ pena por atraso + deductiva por faltante, acumulado por contrato con tope en la garantía",
        "Σ late penalty + deduction for shortfall, running total per contract capped at the guarantee",
        "MXN", None, _DELIV + ("contract_items.unit_price", "contracts.penalty_rate_per_day"),
        "Lo que el contrato permitía cobrar según las entregas registradas.",
        "What the contract allowed to charge given the recorded deliveries."),
    Kpi("penalty_gap", "Penas no aplicadas", "Penalty gap",
        "Penas procedentes − penas aplicadas", "Penalties due − penalties applied",
        "MXN", False, _DELIV + ("penalties.amount",),
        "Dinero que se dejó de cobrar a proveedores incumplidos.",
        "Money not charged to suppliers that failed to deliver."),
    Kpi("cap_used", "Uso del tope de garantía", "Guarantee cap used",
        "Penas procedentes del contrato / (garantía · importe)",
        "Contract penalties due / (guarantee · amount)",
        "share", False, ("contracts.amount", "contracts.guarantee_pct"),
        "Al llegar a 0.8 el contrato se acerca a la rescisión.",
        "At 0.8 the contract nears rescission.", "contract"),
    Kpi("rescinded_contracts", "Contratos rescindidos", "Rescinded contracts",
        "Contratos con estatus rescindido", "Contracts with status rescinded",
        "count", False, ("contracts.status",),
        "La sanción más grave: el contrato se terminó por incumplimiento.",
        "The gravest sanction: the contract was ended for non-compliance.", "contract"),
    Kpi("emergency_share", "Compras de emergencia o adjudicación directa", "Emergency or direct-award share",
        "Importe de contratos de emergencia o adjudicación directa / importe total",
        "Value of emergency or direct-award contracts / all contract value",
        "share", False, ("contracts.amount", "contracts.is_emergency", "contracts.procedure_type"),
        "Comprar de urgencia suele ser más caro y menos competido.",
        "Emergency buying tends to cost more and face less competition.", "contract"),
    Kpi("score", "Calificación de desempeño", "Performance score",
        "100 · Σ peso · componente / Σ peso (entrega, surtimiento, calidad, puntualidad, precio)",
        "100 · Σ weight · component / Σ weight (delivery, completeness, quality, timeliness, price)",
        "score", True, _DELIV,
        "Resume el desempeño, corrigiendo muestras pequeñas, para reconocer y mejorar.",
        "Summarises performance, fair to small samples, to recognise and improve.", "score"),
]

KPIS: dict[str, Kpi] = {k.key: k for k in _ALL}

# The KPI columns of a scorecard, in the order of METRICS.md.
SCORECARD_KPIS: tuple[str, ...] = tuple(k.key for k in _ALL if k.level == "line")

# Rate components of the performance score (METRICS.md "Performance score").
COMPONENTS: dict[str, tuple[str, str]] = {
    "delivery": ("Entrega (OTIF)", "Delivery (OTIF)"),
    "completeness": ("Surtimiento", "Completeness"),
    "quality": ("Calidad", "Quality"),
    "timeliness": ("Puntualidad", "Timeliness"),
    "price": ("Precio", "Price"),
}


def markdown_table(lang: str = "es") -> str:
    """The KPI table of docs/methodology.md, generated from this registry (tests compare)."""
    es = lang == "es"
    head = ("| clave | indicador | fórmula | unidad | mejor si | por qué importa |" if es else
            "| key | indicator | formula | unit | better when | why it matters |")
    rows = [head, "|---|---|---|---|---|---|"]
    better = {True: "sube" if es else "higher", False: "baja" if es else "lower", None: "—"}
    for k in KPIS.values():
        rows.append(f"| `{k.key}` | {k.label(lang)} | {k.formula(lang)} | {k.unit} | "
                    f"{better[k.higher_is_better]} | {k.why(lang)} |")
    return "\n".join(rows) + "\n"
