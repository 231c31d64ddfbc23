"""Spanish / English labels and display kinds of the shortage views' columns (the command
line's table format; exports may reuse them). Kinds pick the metrics.fmt formatter."""
from __future__ import annotations

import pandas as pd

from metrics import fmt, words

# column -> (label es, label en, kind); kind in id, text, count, qty, rate, month, date,
# bool, hhi, stat, status
COLUMNS: dict[str, tuple[str, str, str]] = {
    "item_code": ("Clave", "Item", "id"),
    "description": ("Descripción", "Description", "text"),
    "item_group": ("Grupo", "Group", "id"),
    "institution_id": ("Institución", "Institution", "id"),
    "institution_name": ("Nombre de la institución", "Institution name", "text"),
    "state": ("Estado", "State", "id"),
    "unit_id": ("Unidad", "Unit", "id"),
    "unit_name": ("Nombre de la unidad", "Unit name", "text"),
    "supplier_id": ("Proveedor", "Supplier", "id"),
    "supplier_name": ("Razón social", "Supplier name", "text"),
    "procedure_id": ("Procedimiento", "Procedure", "id"),
    "month": ("Mes", "Month", "month"),
    "lines": ("Líneas", "Lines", "count"),
    "qty_ordered": ("Piezas ordenadas", "Pieces ordered", "qty"),
    "qty_accepted_by_due": ("Aceptadas a tiempo", "Accepted by due date", "qty"),
    "qty_accepted": ("Aceptadas al corte", "Accepted by as-of", "qty"),
    "fill_rate": ("Surtimiento", "Fill rate", "rate"),
    "fill_rate_by_due": ("Surtimiento a tiempo", "Fill rate by due date", "rate"),
    "undelivered_qty": ("Piezas no entregadas", "Pieces not delivered", "qty"),
    "short": ("Desabasto", "Short", "bool"),
    "months": ("Meses", "Months", "count"),
    "short_months": ("Meses en desabasto", "Short months", "count"),
    "items": ("Insumos", "Items", "count"),
    "short_items": ("Insumos en desabasto", "Short items", "count"),
    "short_share": ("% de insumos en desabasto", "Share of items short", "rate"),
    "item_months": ("Insumo-mes", "Item-months", "count"),
    "short_item_months": ("Insumo-mes en desabasto", "Short item-months", "count"),
    # headline
    "as_of": ("Fecha de corte", "As of", "date"),
    "date_from": ("Desde", "From", "date"),
    "date_to": ("Hasta", "To", "date"),
    "qty_delivered": ("Piezas entregadas", "Pieces delivered", "qty"),
    "qty_undelivered": ("Piezas no entregadas", "Pieces not delivered", "qty"),
    "undelivered_share": ("% de piezas no entregadas", "Share of pieces not delivered", "rate"),
    "latest_month": ("Último mes", "Latest month", "month"),
    "items_latest_month": ("Insumos en el último mes", "Items in the latest month", "count"),
    "short_items_now": ("Insumos en desabasto ahora", "Items short now", "count"),
    "short_share_now": ("% en desabasto ahora", "Share short now", "rate"),
    # episodes
    "start_month": ("Inicio", "Start", "month"),
    "end_month": ("Fin", "End", "month"),
    "ongoing": ("En curso", "Ongoing", "bool"),
    "worst_fill_rate": ("Peor surtimiento mensual", "Worst monthly fill rate", "rate"),
    # worsening
    "status": ("Tendencia", "Trend", "status"),
    "mean_fill_rate": ("Surtimiento promedio", "Mean fill rate", "rate"),
    "latest_fill_rate": ("Surtimiento del último mes", "Latest fill rate", "rate"),
    "tau": ("Tau de Kendall", "Kendall's tau", "stat"),
    "trend_p": ("Valor p", "p-value", "stat"),
    "trend_slope": ("Pendiente (puntos/mes)", "Slope (points/month)", "stat"),
    # attribution
    "short_lines": ("Líneas incompletas", "Short lines", "count"),
    "late_qty": ("Piezas entregadas tarde", "Pieces delivered late", "qty"),
    "attributable_qty": ("Piezas no entregadas", "Pieces not delivered", "qty"),
    "share": ("Participación", "Share", "rate"),
    "item_fill_rate": ("Surtimiento del insumo", "Item fill rate", "rate"),
    "item_qty_ordered": ("Piezas ordenadas del insumo", "Item pieces ordered", "qty"),
    "shortage_contribution": ("Contribución al desabasto", "Shortage contribution", "rate"),
    "shortage_qty": ("Piezas de desabasto atribuibles", "Attributable shortage pieces", "qty"),
    # concentration and risk
    "suppliers": ("Proveedores", "Suppliers", "count"),
    "suppliers_delivering": ("Proveedores que entregaron", "Suppliers delivering", "count"),
    "hhi": ("IHH", "HHI", "hhi"),
    "top_supplier": ("Proveedor principal", "Top supplier", "id"),
    "top_share": ("Participación del principal", "Top supplier share", "rate"),
    "single_source": ("Proveedor único", "Single source", "bool"),
    "highly_concentrated": ("Muy concentrado (IHH > 2,500)", "Highly concentrated (HHI > 2,500)", "bool"),
    "tier": ("Nivel", "Tier", "id"),
    "score": ("Calificación", "Score", "stat"),
    "trend": ("Tendencia del proveedor", "Supplier trend", "status"),
    "weak_tier": ("Nivel C/D", "Tier C/D", "bool"),
    "declining": ("Empeora", "Declining", "bool"),      # the trend's word (metrics.words.TRENDS)
    # prescriptions and funnel
    "records": ("Registros", "Records", "count"),
    "issued": ("Recetas emitidas", "Prescriptions issued", "count"),
    "filled": ("Recetas surtidas", "Prescriptions filled", "count"),
    "unfilled": ("Recetas no surtidas", "Prescriptions not filled", "count"),
    "tendered": ("Licitadas", "Tendered", "count"),
    "awarded": ("Adjudicadas", "Awarded", "count"),
    "no_bids": ("Desiertas", "No bids", "count"),
    "rejected": ("Rechazadas", "Rejected", "count"),
    "cancelled": ("Canceladas", "Cancelled", "count"),
    "contracted": ("Contratadas", "Contracted", "count"),
    "ordered": ("Con pedido", "Ordered", "count"),
    "delivered": ("Entregadas", "Delivered", "count"),
    "qty_requested": ("Piezas solicitadas", "Pieces requested", "qty"),
    "award_rate": ("% adjudicadas", "Award rate", "rate"),
    "delivered_rate": ("% entregadas", "Delivered rate", "rate"),
}

def label(column: str, lang: str = "es") -> str:
    entry = COLUMNS.get(column)
    return column if entry is None else entry[0 if lang == "es" else 1]


TEXT_WIDTH = 40   # long catalogue descriptions are cut in tables (csv/json keep them whole)


# kinds here -> metrics.fmt kinds (text is handled in _cell; status and other
# coded columns are put in words by metrics.words first)
_FMT_KINDS = {"rate": "percent", "qty": "int", "count": "int", "hhi": "int", "month": "month",
              "date": "date", "bool": "bool", "stat": "stat"}


def _cell(value, kind: str, lang: str) -> str:
    if fmt.is_missing(value):
        return "—"
    if kind == "text":
        text = str(value)
        return text if len(text) <= TEXT_WIDTH else text[:TEXT_WIDTH - 1].rstrip() + "…"
    if kind in _FMT_KINDS:
        number = kind in ("rate", "qty", "count", "hhi", "stat")
        return fmt.by_kind(float(value) if number else value, _FMT_KINDS[kind], lang)
    return str(value)


def for_people(frame: pd.DataFrame, lang: str = "es") -> pd.DataFrame:
    """The frame with labelled columns, codes in words and Mexican-formatted values (strings)."""
    frame = words.in_words(frame, lang)
    out = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        kind = COLUMNS.get(column, ("", "", "text"))[2]
        out[label(column, lang)] = [_cell(v, kind, lang) for v in frame[column].tolist()]
    return out


def vertical(frame: pd.DataFrame, lang: str = "es") -> pd.DataFrame:
    """A one-row frame as (label, value) rows: the headline reads better standing up."""
    shown = for_people(frame, lang)
    return pd.DataFrame({("Indicador" if lang == "es" else "Figure"): list(shown.columns),
                         ("Valor" if lang == "es" else "Value"): list(shown.iloc[0]) if len(shown) else []})
