"""Text a spreadsheet would run as a formula (OWASP "CSV injection"): a cell starting with
=, +, -, @, tab or carriage return, also after leading spaces. Every CSV Abasto writes (the
dashboard's downloads, `abasto export tables`, the command line's --format csv) makes such
text inert, because people open those files in Excel."""
from __future__ import annotations

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def is_dangerous(text: str) -> bool:
    """True when a spreadsheet could read the text as a formula (leading spaces ignored)."""
    stripped = text.lstrip(" ")
    return bool(stripped) and (stripped[0] in FORMULA_TRIGGERS or text[0] in FORMULA_TRIGGERS)


def neutralise(value):
    """Text that could run as a formula, prefixed with an apostrophe (for CSV); any other
    value (numbers, negative ones included) as it is."""
    if isinstance(value, str) and is_dangerous(value):
        return "'" + value
    return value


def neutralise_frame(frame):
    """`frame` with neutralise applied to its text columns, column by column (a CSV of
    millions of lines: no Python call per cell); other columns as they are."""
    import pandas as pd
    out = frame.copy()
    for name in out.columns:
        column = out[name]
        if not (pd.api.types.is_object_dtype(column) or pd.api.types.is_string_dtype(column)):
            continue
        if column.empty:
            continue
        is_text = column.map(lambda v: isinstance(v, str), na_action="ignore").fillna(False).astype(bool)
        text = column.where(is_text)                                  # only str values
        first = text.str[:1]
        risky = (first.isin(FORMULA_TRIGGERS) | text.str.lstrip(" ").str[:1].isin(FORMULA_TRIGGERS)).fillna(False)
        if risky.any():
            out[name] = column.where(~risky, "'" + text)
    return out
