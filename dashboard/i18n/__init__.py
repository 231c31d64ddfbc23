"""Every label of the dashboard in Spanish and English.

Each module of this package holds `LABELS = {key: (es, en)}` with keys prefixed by its area
("shortages.title"); `t()` looks a key up in the merged dictionary. A key defined twice, or
a missing key under pytest, raises, so a typo cannot ship as a raw key on screen. A word
that follows a count is written in both forms, '{n} {n:fila|filas}': t() picks the one
that agrees with the count (metrics.fmt.fill).
"""
from __future__ import annotations

import importlib
import pkgutil
import sys
from functools import cache

from metrics.fmt import fill

LANGS = ("es", "en")


@cache
def labels() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, pair in getattr(module, "LABELS", {}).items():
            if key in merged:
                raise KeyError(f"i18n key {key!r} defined twice (again in {info.name}.py)")
            if not (isinstance(pair, tuple) and len(pair) == 2):
                raise ValueError(f"i18n key {key!r} in {info.name}.py must be (es, en)")
            merged[key] = pair
    return merged


def _current_lang() -> str:
    try:
        from dashboard import state
        return state.lang()
    except Exception:          # outside a Streamlit run (CLI, reports): Spanish
        return "es"


def has(key: str) -> bool:
    return key in labels()


def t(key: str, lang: str | None = None, **values) -> str:
    """The label `key` in `lang` (default: the dashboard's current language), formatted by
    metrics.fmt.fill: a count's words agree with it ('{n} {n:fila|filas}')."""
    lang = lang or _current_lang()
    pair = labels().get(key)
    if pair is None:
        if "pytest" in sys.modules:
            raise KeyError(f"missing i18n key {key!r}")
        return key
    text = pair[0] if lang == "es" else pair[1]
    return fill(text, **values) if values else text
