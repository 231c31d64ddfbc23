"""What each column of an exported table is called (es/en) and how its values are formatted.

One registry for the CSV/XLSX exports and the PDF reports. A column's *kind* decides its
number format: percent (rates in [0, 1]), money (MXN), int, number (one decimal), decimal
(two), score (0–100, one decimal), date, month, text. Sources, first match wins:
an explicit map passed by the caller, then the KPI registry (metrics.kpis.KPIS: label and
unit), then COLUMNS below, then name patterns (…_rate → percent, …_amount → money), then the
column's dtype.
"""
from __future__ import annotations

import re

import pandas as pd

from metrics.line_labels import COLUMNS as LINE_COLUMNS

KINDS = ("percent", "money", "int", "number", "decimal", "score", "stat", "date", "datetime", "month", "text",
         "bool")

# name -> (label es, label en, kind)
COLUMNS: dict[str, tuple[str, str, str]] = {
    # identities
    "supplier_id": ("ID proveedor", "Supplier ID", "text"),
    "supplier_name": ("Proveedor", "Supplier", "text"),
    "supplier": ("Proveedor", "Supplier", "text"),
    "name": ("Nombre", "Name", "text"),
    "rfc": ("RFC", "RFC", "text"),
    "institution": ("Institución", "Institution", "text"),
    "item_group": ("Grupo de insumo", "Item group", "text"),
    "group": ("Grupo", "Group", "text"),
    "item_code": ("Clave", "Item code", "text"),
    "item": ("Clave", "Item", "text"),
    "item_description": ("Descripción", "Description", "text"),
    "contract_id": ("Contrato", "Contract", "text"),
    "procedure_type": ("Tipo de procedimiento", "Procedure type", "text"),
    "status": ("Estatus", "Status", "text"),
    "company_size": ("Estratificación", "Company size", "text"),
    # scores
    "score": ("Calificación", "Score", "score"),
    "score_low": ("Calificación (mín. IC 95 %)", "Score (95 % CI low)", "score"),
    "score_high": ("Calificación (máx. IC 95 %)", "Score (95 % CI high)", "score"),
    "peer_percentile": ("Percentil entre pares (0–100)", "Peer percentile (0–100)", "score"),
    "peer_group": ("Grupo de pares", "Peer group", "text"),
    "trend_months": ("Meses en la tendencia", "Months in the trend", "int"),
    "otif_rate_shrunk": ("OTIF ajustada", "OTIF (adjusted)", "percent"),
    "fill_rate_shrunk": ("Surtimiento ajustado", "Fill rate (adjusted)", "percent"),
    "quality_raw": ("Calidad (bruta)", "Quality (raw)", "percent"),
    "quality_shrunk": ("Calidad ajustada", "Quality (adjusted)", "percent"),
    "timeliness_component": ("Componente de puntualidad", "Timeliness component", "percent"),
    "price_component": ("Componente de precio", "Price component", "percent"),
    "prior_strength_delivery": ("Fuerza de la previa (entrega)", "Prior strength (delivery)", "decimal"),
    "weights_used": ("Pesos usados", "Weights used", "text"),
    "trend": ("Tendencia", "Trend", "text"),
    "trend_p": ("Valor p de la tendencia", "Trend p-value", "stat"),
    "trend_tau": ("Tau de Kendall", "Kendall's tau", "stat"),
    "components": ("Componentes", "Components", "text"),
    # compliance ledger
    "amount": ("Importe", "Amount", "money"),
    "penalties_due": ("Penas calculadas", "Penalties due", "money"),
    "penalties_due_uncapped": ("Penas calculadas sin tope", "Penalties due (uncapped)", "money"),
    "penalties_applied": ("Penas aplicadas", "Penalties applied", "money"),
    "penalty_gap": ("Penas no aplicadas", "Penalty gap", "money"),
    "cap": ("Tope (garantía)", "Cap (guarantee)", "money"),
    "cap_used": ("Uso del tope", "Cap used", "percent"),
    "near_rescission": ("Cerca de rescisión", "Near rescission", "bool"),
    "rescinded_contracts": ("Contratos rescindidos", "Rescinded contracts", "int"),
    "emergency_share": ("Compras de emergencia", "Emergency share", "percent"),
    "guarantee_pct": ("Garantía", "Guarantee", "percent"),
    "signed_date": ("Fecha de firma", "Signed", "date"),
    "start_date": ("Inicio", "Start", "date"),
    "end_date": ("Fin", "End", "date"),
    # lines and quantities
    "delivered_date": ("Fecha de entrega", "Delivered", "date"),
    "qty_undelivered": ("Cantidad no entregada", "Qty undelivered", "int"),
    "undelivered_qty": ("Cantidad no entregada", "Qty undelivered", "int"),
    "accepted_on_time": ("Aceptado a tiempo", "Accepted on time", "int"),
    "accepted_as_of": ("Aceptado al corte", "Accepted as of", "int"),
    "reference_price": ("Precio de referencia", "Reference price", "money"),
    "value": ("Valor", "Value", "money"),
    "on_time": ("A tiempo", "On time", "bool"),
    "otif": ("A tiempo y completa", "OTIF", "bool"),
    # shortages
    "short": ("En desabasto", "Short", "bool"),
    "short_share": ("Insumos en desabasto (%)", "Short items (%)", "percent"),
    "episode_start": ("Inicio del episodio", "Episode start", "month"),
    "episode_end": ("Fin del episodio", "Episode end", "month"),
    "start_month": ("Primer mes", "First month", "month"),
    "end_month": ("Último mes", "Last month", "month"),
    "duration_months": ("Duración (meses)", "Duration (months)", "int"),
    "p_value": ("Valor p", "p-value", "stat"),
    "slope": ("Pendiente (por mes)", "Slope (per month)", "decimal"),
    "hhi": ("Índice Herfindahl-Hirschman", "Herfindahl-Hirschman index", "int"),
    "risk": ("Riesgo", "Risk", "decimal"),
    "risk_score": ("Puntaje de riesgo", "Risk score", "decimal"),
    "reason": ("Motivo", "Reason", "text"),
    "reasons": ("Motivos", "Reasons", "text"),
    "unfilled": ("Recetas no surtidas", "Prescriptions unfilled", "int"),
    # ledger by contract
    "penalty_cap": ("Tope de penas (garantía)", "Penalty cap (guarantee)", "money"),
    "cap_reached": ("Tope alcanzado", "Cap reached", "bool"),
    "late_penalty_due": ("Penas por atraso calculadas", "Late penalties due", "money"),
    "deduction_due": ("Deductivas calculadas", "Deductions due", "money"),
    "penalties_n": ("Penas aplicadas (número)", "Penalties applied (count)", "int"),
    "is_emergency": ("Compra de emergencia", "Emergency purchase", "bool"),
    "is_consolidated": ("Compra consolidada", "Consolidated purchase", "bool"),
    "rescinded": ("Rescindido", "Rescinded", "bool"),
    # the scorecard's counts behind its rates
    "otif_lines": ("Líneas a tiempo y completas", "OTIF lines", "int"),
    "completed_lines": ("Líneas surtidas completas", "Completed lines", "int"),
    "delivered_lines": ("Líneas con entregas", "Lines with deliveries", "int"),
    "lead_time_lines": ("Líneas con tiempo de entrega", "Lines with a lead time", "int"),
    "priced_lines": ("Líneas con precio de referencia", "Lines with a reference price", "int"),
    "unit_priced_lines": ("Líneas con precio unitario", "Lines with a unit price", "int"),
    "shelf_checked_qty": ("Piezas con caducidad registrada", "Pieces with an expiry date", "int"),
    "trend_n_months": ("Meses en la tendencia", "Months in the trend", "int"),
    "not_computable": ("No calculable (motivo)", "Not computable (reason)", "text"),
    "label": ("Etiqueta", "Label", "text"),
    "key": ("Clave del indicador", "Indicator key", "text"),
    # the data page: coverage and import history
    "table_name": ("Tabla", "Table", "text"),
    "column_name": ("Columna", "Column", "text"),
    "n_rows": ("Filas", "Rows", "int"),
    "filled_rows": ("Filas con valor", "Rows filled", "int"),
    "filled_share": ("Filas con valor (%)", "Rows filled (%)", "percent"),
    "date_column": ("Columna de fecha", "Date column", "text"),
    "first_date": ("Primera fecha", "First date", "date"),
    "last_date": ("Última fecha", "Last date", "date"),
    "batch_id": ("Importación", "Import", "int"),
    "started_at": ("Inicio", "Started", "datetime"),
    "finished_at": ("Fin", "Finished", "datetime"),
    "user_name": ("Usuario", "User", "text"),
    "origin": ("Origen", "Origin", "text"),
    "n_files": ("Archivos", "Files", "int"),
    "rows_added": ("Filas nuevas", "Rows added", "int"),
    "rows_updated": ("Filas actualizadas", "Rows updated", "int"),
    "warnings": ("Advertencias", "Warnings", "int"),
    # p-chart
    "p": ("Proporción", "Proportion", "percent"),
    "n": ("Líneas", "Lines", "int"),
    "center": ("Línea central", "Center line", "percent"),
    "ucl": ("Límite superior", "Upper limit", "percent"),
    "lcl": ("Límite inferior", "Lower limit", "percent"),
    "out_of_control": ("Fuera de control", "Out of control", "bool"),
    # an order line's facts: metrics/line_labels.py is the source (the command line's --lines)
    **LINE_COLUMNS,
}

# unit words of metrics.kpis.KPIS -> kind
_UNIT_KINDS = [
    (re.compile(r"mxn|money|peso|\$|currency"), "money"),
    (re.compile(r"rate|share|ratio|percent|%|proportion|fraction"), "percent"),
    (re.compile(r"day|día"), "number"),
    (re.compile(r"index|índice"), "decimal"),
    (re.compile(r"score|points|puntos"), "score"),
    (re.compile(r"line|count|qty|quantit|pieces|piezas|units|contracts|número"), "int"),
]

# name patterns -> kind (after the registries)
_NAME_KINDS = [
    (re.compile(r"(_rate|_share|_pct|_ratio)(_raw|_shrunk|_low|_high)?$|^share_"), "percent"),
    (re.compile(r"(amount|penalt|price|_value|_mxn|deduction|cost)"), "money"),
    (re.compile(r"(_date|_at)$"), "date"),
    (re.compile(r"month$"), "month"),
    (re.compile(r"(^n_|_lines$|^lines|_count$|^qty|_qty$|_items$|^count)"), "int"),
    (re.compile(r"^days_|_days$|_days_"), "number"),
]

_SUFFIX_LABELS = {
    "_raw": (" (bruta)", " (raw)"),
    "_shrunk": (" (ajustada)", " (adjusted)"),
    "_low": (" (mín. IC 95 %)", " (95 % CI low)"),
    "_high": (" (máx. IC 95 %)", " (95 % CI high)"),
}


def _kpis() -> dict:
    try:
        from metrics.kpis import KPIS
    except ImportError:          # the registry is optional for exports
        return {}
    return KPIS


def _kpi_for(name: str):
    """(kpi, suffix label pair) for a KPI column, including e.g. otif_rate_low."""
    kpis = _kpis()
    if name in kpis:
        return kpis[name], ("", "")
    for suffix, pair in _SUFFIX_LABELS.items():
        if name.endswith(suffix) and name[: -len(suffix)] in kpis:
            return kpis[name[: -len(suffix)]], pair
    return None, ("", "")


def _unit_kind(unit) -> str | None:
    text = str(unit or "").lower()
    for pattern, kind in _UNIT_KINDS:
        if pattern.search(text):
            return kind
    return None


def label(name: str, lang: str = "es", labels: dict | None = None) -> str:
    """The column's header in lang: caller's map, the KPI registry, COLUMNS, else the name."""
    if labels and name in labels:
        value = labels[name]
        return value if isinstance(value, str) else value[0 if lang == "es" else 1]
    kpi, suffix = _kpi_for(name)
    if kpi is not None:
        base = getattr(kpi, "label_es" if lang == "es" else "label_en", None) or name
        return base + suffix[0 if lang == "es" else 1]
    if name in COLUMNS:
        return COLUMNS[name][0 if lang == "es" else 1]
    for suffix, pair in _SUFFIX_LABELS.items():
        if name.endswith(suffix) and name[: -len(suffix)] in COLUMNS:
            return COLUMNS[name[: -len(suffix)]][0 if lang == "es" else 1] + pair[0 if lang == "es" else 1]
    return name


def kind(name: str, series: pd.Series | None = None, kinds: dict | None = None) -> str:
    """The column's format kind (see KINDS)."""
    if kinds and name in kinds:
        return kinds[name]
    kpi, _ = _kpi_for(name)
    if kpi is not None:
        found = _unit_kind(getattr(kpi, "unit", None))
        if found:
            return found
    base = name
    for suffix in _SUFFIX_LABELS:
        if name.endswith(suffix):
            base = name[: -len(suffix)]
    if name in COLUMNS:
        return COLUMNS[name][2]
    if base in COLUMNS:
        return COLUMNS[base][2]
    if series is not None:
        if pd.api.types.is_bool_dtype(series):
            return "bool"
        if pd.api.types.is_datetime64_any_dtype(series):
            return "month" if name.endswith("month") else "date"
        if not (pd.api.types.is_numeric_dtype(series)):
            sample = series.dropna().head(20)
            if len(sample) and all(hasattr(v, "year") for v in sample):
                return "month" if name.endswith("month") else "date"
            return "text"
    for pattern, found in _NAME_KINDS:
        if pattern.search(name):
            return found
    if series is not None and pd.api.types.is_integer_dtype(series):
        return "int"
    if series is not None and pd.api.types.is_float_dtype(series):
        return "decimal"
    return "text"


def format_value(value, kind_: str, lang: str = "es") -> str:
    """A value as text for a person (PDF reports), per kind, with metrics.fmt conventions."""
    from metrics import fmt
    return fmt.by_kind(value, kind_, lang)


# metrics.shortages.labels kinds -> export kinds
_SHORTAGE_KINDS = {"id": "text", "text": "text", "count": "int", "qty": "int", "rate": "percent",
                   "month": "month", "date": "date", "bool": "bool", "hhi": "int", "stat": "stat",
                   "status": "text"}


def shortage_labels() -> tuple[dict, dict]:
    """(labels, kinds) of the shortage views' columns from metrics.shortages.labels, to pass
    to the exports for shortage tables (there `fill_rate` means "by the due date", not the
    KPI's "by as-of", so the shortage wording must win over the KPI registry)."""
    try:
        from metrics.shortages.labels import COLUMNS as SHORTAGE_COLUMNS
    except ImportError:
        return {}, {}
    labels = {k: (v[0], v[1]) for k, v in SHORTAGE_COLUMNS.items()}
    kinds = {k: _SHORTAGE_KINDS.get(v[2], "text") for k, v in SHORTAGE_COLUMNS.items()}
    return labels, kinds


def _add_shortage_columns() -> None:
    """Every column the shortage views name that COLUMNS does not: their registry is the
    source (the KPI registry still wins for a KPI's name, see label())."""
    from metrics.shortages.labels import COLUMNS as SHORTAGE_COLUMNS
    for name, (es, en, shortage_kind) in SHORTAGE_COLUMNS.items():
        COLUMNS.setdefault(name, (es, en, _SHORTAGE_KINDS[shortage_kind]))


_add_shortage_columns()
