"""Scorecard and ledger frames as tables people read: labels in Spanish or English from the
KPI registry, Mexican number/money/date formatting (metrics.fmt), and a footer stating the
scope date and the weights used. Codes (groups, procedures, tiers, trends, statuses) are
put in words by metrics.words. csv/json keep raw numbers and codes (metrics.cli.output)."""
from __future__ import annotations

import pandas as pd

from metrics import fmt, words
from metrics.kpis import COMPONENTS, KPIS
from metrics.line_labels import COLUMNS as LINE_COLUMNS
from metrics.shortages.labels import COLUMNS as SHORTAGE_COLUMNS
from metrics.cli.output import to_table

# the grouping ids are named as in the shortage views (metrics/shortages/labels.py, the source)
_IDS = ("supplier_id", "month", "item_code", "institution_id", "unit_id", "state", "item_group")
# non-KPI columns: label es, label en, kind
_COLUMNS = {
    **{name: (*SHORTAGE_COLUMNS[name][:2], "month" if name == "month" else "text") for name in _IDS},
    "supplier_name": ("Razón social", "Name", "text"),
    "item_description": ("Descripción", "Description", "text"),
    "institution_name": ("Nombre", "Name", "text"),
    "unit_name": ("Nombre", "Name", "text"),
    "contract_id": ("Contrato", "Contract", "text"),
    "procedure_type": ("Procedimiento", "Procedure", "text"),
    "score_low": ("Calif. mín. 95 %", "Score low 95%", "score"),
    "score_high": ("Calif. máx. 95 %", "Score high 95%", "score"),
    "tier": ("Nivel", "Tier", "word"),
    "peer_percentile": ("Percentil entre pares", "Peer percentile", "score"),
    "trend": ("Tendencia", "Trend", "word"),
    "trend_slope": ("Pendiente (pts/mes)", "Slope (pts/month)", "slope"),
    "trend_p": ("p de tendencia", "Trend p", "p"),
    "otif_rate_shrunk": ("OTIF ajustado", "OTIF (shrunk)", "share"),
    "fill_rate_shrunk": ("Surtimiento ajustado", "Fill rate (shrunk)", "share"),
    "shortage_contribution": ("Aporte al desabasto", "Shortage contribution", "share"),
    # ledger
    "is_emergency": ("Emergencia", "Emergency", "word"),
    "status": ("Estatus", "Status", "word"),
    "amount": ("Importe", "Amount", "MXN"),
    "penalty_cap": ("Tope (garantía)", "Cap (guarantee)", "MXN"),
    "late_penalty_due": ("Penas por atraso", "Late penalties", "MXN"),
    "deduction_due": ("Deductivas", "Deductions", "MXN"),
    "penalties_due_uncapped": ("Penas sin tope", "Penalties uncapped", "MXN"),
    "near_rescission": ("Cerca de rescisión", "Near rescission", "word"),
    "rescinded": ("Rescindido", "Rescinded", "word"),
}

SCORES_SHOWN = ["score", "score_low", "score_high", "tier", "peer_percentile", "trend", "trend_slope"]
LEDGER_SHOWN = ["contract_id", "supplier_id", "supplier_name", "status", "amount", "penalty_cap",
                "lines", "late_penalty_due", "deduction_due", "penalties_due", "penalties_applied",
                "penalty_gap", "cap_used", "near_rescission"]


def _kind(column: str) -> str:
    if column in KPIS:
        return {"share": "share", "count": "count", "days": "days", "qty": "count", "MXN": "MXN",
                "index": "index", "score": "score"}[KPIS[column].unit]
    return (_COLUMNS.get(column) or LINE_COLUMNS.get(column) or (None, None, "text"))[2]


def label(column: str, lang: str) -> str:
    if column in KPIS:
        return KPIS[column].label(lang)
    entry = _COLUMNS.get(column) or LINE_COLUMNS.get(column)
    return column if entry is None else entry[0 if lang == "es" else 1]


# display kinds here -> metrics.fmt kinds (slope, p and word are handled in _cell; the
# order lines' columns carry metrics.fmt kinds already)
_FMT_KINDS = {"share": "percent", "count": "int", "days": "number", "score": "score",
              "index": "decimal", "MXN": "money", "month": "month"}


def _cell(value, kind: str, lang: str) -> str:
    if fmt.is_missing(value):
        return "—"
    if kind == "slope":
        return f"{value:+.2f}"
    if kind == "p":
        return fmt.number(value, 3, lang)
    if kind == "word":     # a code already in words (metrics.words), or a yes/no
        return fmt.by_kind(value, "bool", lang) if isinstance(value, bool) else str(value)
    return fmt.by_kind(value, _FMT_KINDS.get(kind, kind if kind in fmt.KINDS else "text"), lang)


def display_frame(frame: pd.DataFrame, lang: str, columns: list[str]) -> pd.DataFrame:
    frame = words.in_words(frame[columns], lang)
    out = {}
    for c in columns:
        kind = _kind(c)
        out[label(c, lang)] = [_cell(v, kind, lang) for v in frame[c].tolist()]
    return pd.DataFrame(out)


def table_text(frame: pd.DataFrame, lang: str, kind: str) -> str:
    """The table for people, with a footer: as-of date, weights, what is not computable.
    kind: scores, ledger or lines (the order lines, every column)."""
    if kind == "ledger":
        columns = [c for c in LEDGER_SHOWN if c in frame]
    elif kind == "lines":
        columns = list(frame.columns)
    else:
        from metrics.kpis import SCORECARD_KPIS
        group_cols = list(frame.columns[:list(frame.columns).index("lines")])
        columns = group_cols + list(SCORECARD_KPIS) + [c for c in SCORES_SHOWN if c in frame]
    reasons = frame.attrs.get("not_computable", {})
    if words.nothing_in_scope(reasons):      # said once, not once per KPI
        text = words.empty_text(reasons, lang, frame.attrs.get("contracts"))
    else:
        # the lines were already cut by --limit (the command says so): show every one fetched
        rows = max(len(frame), 1) if kind == "lines" else 200
        text = to_table(display_frame(frame, lang, columns), lang=lang, max_rows=rows)
    es = lang == "es"
    notes = []
    if frame.attrs.get("as_of"):
        notes.append(("Fecha de corte: " if es else "As of: ") + fmt.day(frame.attrs["as_of"], lang))
    if kind == "scores" and "score" in frame:
        weights = frame.attrs.get("weights", {})
        parts = [f"{COMPONENTS[k][0 if es else 1]} {v:g}" for k, v in weights.items()]
        notes.append(("Pesos: " if es else "Weights: ") + ", ".join(parts))
    if not words.nothing_in_scope(reasons):
        notes += words.reasons_text(reasons, lang)
    return text + ("\n\n" + "\n".join(notes) if notes else "") + "\n"

