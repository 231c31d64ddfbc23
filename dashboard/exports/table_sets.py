"""The tables `abasto export tables` puts in a workbook, computed by the same library
functions as `abasto scores`, `abasto ledger` and `abasto shortages` for one scope."""
from __future__ import annotations

from typing import Callable, NamedTuple

import pandas as pd

from dashboard.exports import columns as cols
from metrics import words


class TableSpec(NamedTuple):
    sheet_es: str
    sheet_en: str
    compute: Callable          # (con, resolved, settings) -> DataFrame
    shortage_wording: bool     # use metrics.shortages.labels for headers


def _scorecard(con, resolved, settings):
    from metrics.scorecard import scorecard
    return scorecard(con, resolved, settings=settings)


def _ledger(con, resolved, settings):
    from metrics.ledger import ledger
    return ledger(con, resolved, settings)


def _concrete(resolved):
    return resolved.scope.with_(as_of=resolved.as_of, grace_days=resolved.grace_days)


def _shortage(name: str, **kwargs):
    def compute(con, resolved, settings):
        from metrics import shortages
        return getattr(shortages, name)(con, _concrete(resolved), settings, **kwargs)
    return compute


def _worsening(con, resolved, settings):
    """The items whose fill rate worsens, as the sheet's name says (the dashboard's download
    and the PDF list the same); `abasto shortages worsening` has every item's trend."""
    from metrics import shortages
    frame = shortages.worsening(con, _concrete(resolved), settings)
    return frame[frame["status"] == "worsening"].reset_index(drop=True) if "status" in frame else frame


TABLES: dict[str, TableSpec] = {
    "scorecard": TableSpec("Calificaciones", "Scorecard", _scorecard, False),
    "ledger": TableSpec("Penas por contrato", "Penalties by contract", _ledger, False),
    "shortage_trend": TableSpec("Desabasto mensual", "Shortages by month", _shortage("trend"), True),
    "shortage_items": TableSpec("Insumos", "Items", _shortage("supply", by=("item",)), True),
    "episodes": TableSpec("Episodios de desabasto", "Shortage episodes", _shortage("episodes"), True),
    "worsening": TableSpec("Insumos que empeoran", "Worsening items", _worsening, True),
    "risk": TableSpec("Insumos en riesgo", "Items at risk", _shortage("risk"), True),
    "attribution": TableSpec("Atribución a proveedores", "Supplier attribution",
                             _shortage("attribution"), True),
}


def sheet(key: str, lang: str) -> str:
    spec = TABLES[key]
    return spec.sheet_es if lang == "es" else spec.sheet_en


def compute(con, resolved, settings, keys=None, lang: str = "es",
            progress: Callable[[int, int, str], None] | None = None) -> tuple[dict, dict]:
    """(sheet name -> frame, sheet name -> (labels, kinds)) for the chosen table keys, codes
    (groups, procedures, tiers, trends, statuses) and reasons in words in `lang`: these
    tables are for people (scripts read `abasto scores --format csv`)."""
    keys = list(keys or TABLES)
    frames, wording = {}, {}
    shortage_cols = cols.shortage_labels()
    for i, key in enumerate(keys, start=1):
        spec = TABLES[key]
        name = sheet(key, lang)
        frame = spec.compute(con, resolved, settings)
        frame = frame if isinstance(frame, pd.DataFrame) else pd.DataFrame(frame)
        frames[name] = words.for_people(frame, lang)
        if spec.shortage_wording:
            wording[name] = shortage_cols
        if progress is not None:
            progress(i, len(keys), name)
    return frames, wording
