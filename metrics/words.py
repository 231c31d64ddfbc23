"""Stored codes and library reasons in words, Spanish and English.

One table for every reader: the command line's table format, the workbook, the PDF reports
and the dashboard (dashboard/i18n/common.py builds its group./procedure./status./tier./
trend. keys from these). CSV and JSON keep the codes: scripts read them.
"""
from __future__ import annotations

import pandas as pd

from metrics.fmt import fill, number

# item groups and procedure types (stored codes; DATA_CONTRACT.md)
GROUPS: dict[str, tuple[str, str]] = {
    "medicine": ("Medicamento", "Medicine"),
    "vaccine": ("Vacuna", "Vaccine"),
    "nutrition": ("Nutriología", "Nutrition"),
    "psychotropic": ("Psicotrópico", "Psychotropic"),
    "medical_supply": ("Material de curación", "Medical supply"),
    "radiology": ("Radiología", "Radiology"),
    "laboratory": ("Laboratorio", "Laboratory"),
    "equipment": ("Equipo médico", "Medical equipment"),
    "other": ("Otro", "Other"),
}
PROCEDURES = {
    "open_tender": ("Licitación pública", "Open tender"),
    "restricted": ("Invitación a tres", "Restricted tender"),
    "direct_award": ("Adjudicación directa", "Direct award"),
}
CONTRACT_STATUS = {
    "active": ("Vigente", "Active"),
    "completed": ("Concluido", "Completed"),
    "rescinded": ("Rescindido", "Rescinded"),
    "terminated": ("Terminado", "Terminated"),
}
INSUFFICIENT = "insufficient data"       # metrics.performance's tier below min_lines
TIERS = {**{k: (k, k) for k in "ABCD"}, INSUFFICIENT: ("Datos insuficientes", "Insufficient data")}
# a supplier's score trend (metrics.performance)
TRENDS = {
    "improving": ("mejora", "improving"),
    "declining": ("empeora", "declining"),
    "stable": ("estable", "stable"),
}
# an item's fill-rate trend (metrics.shortages.worsening)
ITEM_TRENDS = {"worsening": ("empeora", "worsening"), "improving": TRENDS["improving"],
               "stable": TRENDS["stable"]}

# column -> its codes. `status` is a contract's in the ledger and an item's trend in the
# worsening view; the codes do not overlap.
BY_COLUMN: dict[str, dict[str, tuple[str, str]]] = {
    "item_group": GROUPS, "peer_group": GROUPS, "group": GROUPS,
    "procedure_type": PROCEDURES,
    "status": {**CONTRACT_STATUS, **ITEM_TRENDS},
    "tier": TIERS,
    "trend": TRENDS,
}


def word(column: str, value, lang: str = "es"):
    """`value` of `column` in words when it is a known code, else unchanged."""
    pair = BY_COLUMN.get(column, {}).get(value) if isinstance(value, str) else None
    return value if pair is None else pair[0 if lang == "es" else 1]


def in_words(frame: pd.DataFrame, lang: str = "es") -> pd.DataFrame:
    """A copy of `frame` with its coded columns (BY_COLUMN) in words, for people."""
    out = frame.copy()
    for column in out.columns:
        if column in BY_COLUMN:
            out[column] = [word(column, v, lang) for v in out[column].tolist()]
    return out


# ---------------------------------------------------------------- reasons

NO_LINES = "no evaluable lines in scope"        # metrics.scorecard: every KPI of an empty scope
NO_LINES_TEXT = ("Sin líneas evaluables en el alcance: amplíe el periodo o quite filtros.",
                 "No evaluable lines in scope: widen the period or remove filters.")
# ... when the database holds no order at all (contracts alone, as CompraNet and most OCDS
# files give): no filter is the cause, and the sentence says what to import
NO_ORDERS = "no delivery orders imported"
NO_ORDERS_TEXT = {
    True: ("{n} {n:contrato|contratos} pero ninguna orden de suministro: importe órdenes y "
           "entregas para calcular indicadores.",
           "{n} {n:contract|contracts} but no delivery orders: import orders and deliveries "
           "to compute the indicators."),
    False: ("Sin contratos ni órdenes de suministro: importe contratos, órdenes y entregas para "
            "calcular indicadores.",
            "No contracts and no delivery orders: import contracts, orders and deliveries to "
            "compute the indicators."),
}

# the library's reasons (English, as CSV/JSON and attrs carry them) in Spanish
REASONS_ES = {
    NO_LINES: "no hay líneas evaluables en el alcance",
    NO_ORDERS: "no se han importado órdenes de suministro",
    "no deliveries in scope": "no hay entregas en el alcance",
    "no completed lines in scope": "no hay líneas completadas en el alcance",
    "no delivered quantity in scope": "no hay cantidad entregada en el alcance",
    "no expiry dates in the deliveries in scope": "las entregas del alcance no traen fecha de caducidad",
    "no reference prices and no contract prices for the items in scope":
        "no hay precios de referencia ni precios de contrato para los insumos del alcance",
    "no reference price for the items in scope": "no hay precio de referencia para los insumos del alcance",
    "the penalties table has no rows (penalties applied were not imported)":
        "la tabla de penas está vacía (no se importaron las penas aplicadas)",
    "not completed": "sin completar", "no delivery": "sin entrega",
    "deliveries without expiry date": "entregas sin fecha de caducidad",
    "no reference or contract price": "sin precio de referencia ni de contrato",
}


def reason(text: str | None, lang: str = "es") -> str | None:
    """A library reason (English) in `lang`."""
    if not text:
        return text
    return REASONS_ES.get(text, text) if lang == "es" else text


def nothing_in_scope(reasons: dict) -> bool:
    """Every KPI is not computable because the scope holds no evaluable line."""
    return bool(reasons) and all(r in (NO_LINES, NO_ORDERS) for r in reasons.values())


def no_orders_text(contracts: int, lang: str = "es") -> str:
    """What a database without orders lacks: '398 contratos pero ninguna orden …'."""
    return fill(NO_ORDERS_TEXT[bool(contracts)][0 if lang == "es" else 1],
                n=number(contracts or 0, 0, lang))


def empty_text(reasons: dict, lang: str = "es", contracts: int | None = None) -> str:
    """The one sentence for an empty scorecard (nothing_in_scope): what the database lacks
    when it has no orders (`contracts`: how many it stores), else NO_LINES_TEXT."""
    if NO_ORDERS in reasons.values():
        return no_orders_text(contracts or 0, lang)
    return NO_LINES_TEXT[0 if lang == "es" else 1]


def reasons_text(reasons: dict, lang: str = "es", contracts: int | None = None) -> list[str]:
    """'Label: no calculable: reason' lines for a scorecard's attrs["not_computable"], or the
    one sentence of empty_text when the scope is empty (`contracts`: its attrs["contracts"])."""
    from metrics.kpis import KPIS
    if nothing_in_scope(reasons):
        return [empty_text(reasons, lang, contracts)]
    head = "no calculable" if lang == "es" else "not computable"
    return [f"{KPIS[k].label(lang) if k in KPIS else k}: {head}: {reason(r, lang)}"
            for k, r in reasons.items()]


def row_reasons_text(text, lang: str = "es"):
    """A scorecard row's `not_computable` ('kpi: reason; …') with KPI labels and reasons in
    `lang`; other values unchanged."""
    from metrics.kpis import KPIS
    if not isinstance(text, str) or not text:
        return text
    parts = []
    for piece in text.split("; "):
        key, _, why = piece.partition(": ")
        name = KPIS[key].label(lang) if key in KPIS else key
        parts.append(f"{name}: {reason(why, lang)}" if why else piece)
    return "; ".join(parts)


def weights_text(text, lang: str = "es"):
    """A scorecard's `weights_used` ('delivery=35;…') with component names in `lang`."""
    from metrics.kpis import COMPONENTS
    if not isinstance(text, str) or not text:
        return text
    parts = []
    for piece in text.split(";"):
        key, _, value = piece.partition("=")
        name = COMPONENTS[key][0 if lang == "es" else 1] if key in COMPONENTS else key
        parts.append(f"{name} {value}" if value else piece)
    return "; ".join(parts)


def for_people(frame: pd.DataFrame, lang: str = "es") -> pd.DataFrame:
    """in_words plus the scorecard's reason and weight texts in `lang` (exports)."""
    out = in_words(frame, lang)
    if "not_computable" in out:
        out["not_computable"] = [row_reasons_text(v, lang) for v in out["not_computable"].tolist()]
    if "weights_used" in out:
        out["weights_used"] = [weights_text(v, lang) for v in out["weights_used"].tolist()]
    return out


def code_of(table: dict[str, tuple[str, str]], text: str) -> str:
    """The stored code a person typed as a code or as its word in either language (any case,
    with or without accents: "Medicamento", "licitacion publica"), else the text as is."""
    from metrics.ingest.contract import norm_value     # the importer's spelling key
    wanted = norm_value(text)
    for code, names in table.items():
        if wanted in {norm_value(code), *(norm_value(n) for n in names)}:
            return code
    return text

