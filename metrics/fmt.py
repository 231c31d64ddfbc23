"""Numbers, money and dates as people read them: Mexican conventions in Spanish (es-MX:
1,234.5 · $1,234.56 MXN · 23/11/2026 · 85.3 %), ISO dates in English."""
from __future__ import annotations

import math
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
