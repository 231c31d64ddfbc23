"""Numbers, money and dates as people read them: Mexican conventions in Spanish (es-MX:
1,234.5 · $1,234.56 MXN · 23/11/2026 · 85.3 %), ISO dates in English."""
from __future__ import annotations

import math
import string
from datetime import date, datetime

MONTHS_ES = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"]
MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value, decimals: int = 0, lang: str = "es") -> str:
    if _missing(value):
        return "—"
    return f"{value:,.{decimals}f}"


def money(value, lang: str = "es", decimals: int = 2) -> str:
    if _missing(value):
        return "—"
    sign = "-" if value < 0 else ""
    return f"{sign}${abs(value):,.{decimals}f}"


def percent(value, decimals: int = 1, lang: str = "es") -> str:
    """A rate in [0, 1] as a percentage."""
    if _missing(value):
        return "—"
    return f"{100 * value:,.{decimals}f} %"


def day(value, lang: str = "es") -> str:
    if _missing(value) or value is None:
        return "—"
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return value.strftime("%d/%m/%Y") if lang == "es" else value.isoformat()


def month(value, lang: str = "es") -> str:
    """A month as 'nov 2026' / 'Nov 2026'."""
    if _missing(value) or value is None:
        return "—"
    if isinstance(value, str):
        value = date.fromisoformat(value[:7] + "-01")
    names = MONTHS_ES if lang == "es" else MONTHS_EN
    return f"{names[value.month - 1]} {value.year}"


# The display kinds every table formatter maps its columns to (exports, CLI, dashboard).
KINDS = ("percent", "money", "int", "number", "decimal", "score", "stat", "date", "datetime", "month", "bool",
         "text")


def is_missing(value) -> bool:
    """None, NaN, pandas' NA / NaT: shown as '—'."""
    if value is None:
        return True
    try:
        import pandas as pd
        return bool(pd.isna(value))
    except (TypeError, ValueError):      # lists and other non-scalars are values
        return False


def by_kind(value, kind: str, lang: str = "es") -> str:
    """A value as text for a person, by display kind (KINDS): percent (a rate in [0, 1], one
    decimal), money, int, number (one decimal), decimal (two), score (one), stat (a test
    statistic: three decimals below 1, so that p = 0.0006 does not read 0.00; else two),
    date, datetime (with hours and minutes), month, bool (sí/no, yes/no), text; missing values
    as '—'."""
    if is_missing(value):
        return "—"
    if kind == "percent":
        return percent(value, 1, lang)
    if kind == "money":
        return money(value, lang)
    if kind == "int":
        return number(value, 0, lang)
    if kind in ("number", "score"):
        return number(value, 1, lang)
    if kind == "decimal":
        return number(value, 2, lang)
    if kind == "stat":
        return number(value, 3 if abs(float(value)) < 1 else 2, lang)
    if kind == "datetime":
        import pandas as pd
        when = pd.Timestamp(value).to_pydatetime()
        return when.strftime("%d/%m/%Y %H:%M" if lang == "es" else "%Y-%m-%d %H:%M")
    if kind in ("date", "month"):
        if not isinstance(value, (date, str)):       # numpy datetime64 and the like
            import pandas as pd
            value = pd.Timestamp(value).to_pydatetime()
        return day(value, lang) if kind == "date" else month(value, lang)
    if kind == "bool":
        return ("sí" if value else "no") if lang == "es" else ("yes" if value else "no")
    return str(value)


# ---------------------------------------------------------------- texts with counts

def _is_one(value) -> bool:
    """A count that takes the singular: one that reads "1" (the int 1 or number(1)); "1.0",
    "1.5" and "0" take the plural, as they are read."""
    return not isinstance(value, bool) and str(value).strip() == "1"


class _Forms(string.Formatter):
    """str.format, plus a choice of words by count: '{n:fila|filas}' writes 'fila' when n is
    one, else 'filas' (a form may hold the count itself: '{n:El insumo|Los {n} insumos}')."""

    def format_field(self, value, format_spec):
        if "|" in format_spec:
            one, other = format_spec.split("|", 1)
            return one if _is_one(value) else other
        return super().format_field(value, format_spec)


_FORMS = _Forms()


def fill(text: str, **values) -> str:
    """`text` with its {fields} filled in, and each '{count:singular|plural}' choice made by
    that count ('{n} {n:línea|líneas}' -> '1 línea', '2,000 líneas'). Counts may be numbers
    or number() text."""
    return _FORMS.format(text, **values)
