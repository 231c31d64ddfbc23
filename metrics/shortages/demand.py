"""The optional tables: prescriptions (demand side) and tender_items (procurement funnel).

When a table is empty the view returns an empty frame whose `attrs["reason"]` says it is
not loaded (the dashboard shows that sentence, never zeros); `availability(con)` tells
beforehand. Only the scope filters that exist for the table apply; the others are listed
in `attrs["ignored_filters"]`.
"""
from __future__ import annotations

import pandas as pd

from metrics import scope as scope_mod
from metrics import sqlfiles
from metrics.shortages.common import (add_names, empty, parse_by, resolve, row_sql,
                                      settings_or_default)

REASONS = {
    "prescriptions": ("No hay recetas cargadas: importe prescriptions (recetas) para ver el surtimiento de recetas.",
                      "Prescriptions are not loaded: import prescriptions (recetas) to see the prescription fill rate."),
    "tender_items": ("No hay partidas licitadas cargadas: importe tender_items para ver el embudo de compras.",
                     "Tender items are not loaded: import tender_items to see the procurement funnel."),
}
# grouping -> column of the view's source (fixed allow-lists)
PRESCRIPTION_BY = {"month": "month", "item": "item_code", "unit": "unit_id", "state": "state",
                   "institution": "institution_id", "group": "item_group"}
FUNNEL_BY = {"procedure": "procedure_id", "institution": "institution_id", "item": "item_code",
             "group": "item_group", "month": "month"}
# scope filter -> column, for the filters that exist on each table
PRESCRIPTION_FILTERS = {"institution": "institution_id", "state": "state", "unit": "unit_id",
                        "item_group": "item_group", "item": "item_code"}
FUNNEL_FILTERS = {"institution": "institution_id", "item_group": "item_group", "item": "item_code"}


def availability(con) -> dict[str, str | None]:
    """{'prescriptions': None | reason, 'funnel': None | reason} (reason in English;
    `reason(view, lang)` gives either language)."""
    out = {}
    for view, table in (("prescriptions", "prescriptions"), ("funnel", "tender_items")):
        loaded = con.execute(f"SELECT count(*) > 0 FROM (SELECT 1 FROM {table} LIMIT 1)").fetchone()[0]
        out[view] = None if loaded else REASONS[table][1]
    return out


def reason(view: str, lang: str = "es") -> str:
    table = "prescriptions" if view == "prescriptions" else "tender_items"
    return REASONS[table][0 if lang == "es" else 1]


def _filters(resolved, columns: dict[str, str], alias: str) -> tuple[str, list[str]]:
    parts, ignored = [], []
    for name, values in resolved.scope.active_filters().items():
        if name in columns:
            parts.append(f"list_contains($f_{name}, {alias}.{columns[name]})")
        else:
            ignored.append(name)
    return " AND ".join(parts) or "TRUE", ignored


def _run(con, scope, settings, view, by, by_columns, filters, alias, columns) -> pd.DataFrame:
    settings = settings_or_default(settings)
    keys = parse_by(by, by_columns, name=f"{view} by")
    if availability(con)[view]:
        frame = empty([by_columns[k] for k in keys] + columns, reason(view, "en"))
        frame.attrs["reason_es"] = reason(view, "es")
        return frame
    resolved = resolve(con, scope, settings)
    where, ignored = _filters(resolved, filters, alias)
    text = sqlfiles.load(f"shortages/{view}.sql").replace("__FILTERS__", where)
    for marker, value in row_sql([by_columns[k] for k in keys], alias).items():
        text = text.replace(marker, value)
    frame = scope_mod.run(con, resolved, text).df()
    frame.attrs.update(as_of=resolved.as_of, ignored_filters=ignored)
    if frame.empty or (not keys and frame.iloc[0, 0] == 0):
        frame = frame.iloc[0:0]
        frame.attrs["reason"] = f"the {view} data has no rows in this scope"
        frame.attrs["reason_es"] = "no hay datos de " + ("recetas" if view == "prescriptions" else
                                                         "licitaciones") + " en este alcance"
    return add_names(con, frame, keys)


def prescriptions(con, scope=None, settings=None, by=("month",)) -> pd.DataFrame:
    """Prescription fill rate by any of month, item, unit, state, institution, group:
    records, issued, filled, unfilled (= issued − filled), fill_rate (= filled / issued).
    Empty with attrs["reason"] when prescriptions are not loaded."""
    return _run(con, scope, settings, "prescriptions", by, PRESCRIPTION_BY, PRESCRIPTION_FILTERS,
                "p", ["records", "issued", "filled", "unfilled", "fill_rate"])


FUNNEL_COLUMNS = ["tendered", "awarded", "no_bids", "rejected", "cancelled", "contracted", "ordered",
                  "delivered", "qty_requested", "award_rate", "delivered_rate"]


def funnel(con, scope=None, settings=None, by=("procedure", "institution")) -> pd.DataFrame:
    """The procurement funnel per procedure and institution (or any of procedure,
    institution, item, group, month of publication; by=() for the total): tender items
    tendered, then awarded / no_bids / rejected (price or technical) / cancelled, then
    contracted, ordered, delivered (see funnel.sql for how contracts are matched).
    Empty with attrs["reason"] when tender_items are not loaded."""
    return _run(con, scope, settings, "funnel", by, FUNNEL_BY, FUNNEL_FILTERS, "t", FUNNEL_COLUMNS)
