"""metrics.fmt.by_kind: the one formatter behind the CLI, dashboard and export tables."""
from datetime import date

import numpy as np
import pandas as pd
import pytest

from metrics import fmt


@pytest.mark.parametrize("value,kind,es,en", [
    (0.8531, "percent", "85.3 %", "85.3 %"),
    (1234.5, "money", "$1,234.50", "$1,234.50"),
    (-20.0, "money", "-$20.00", "-$20.00"),
    (1234.6, "int", "1,235", "1,235"),
    (12.34, "number", "12.3", "12.3"),
    (0.1234, "decimal", "0.12", "0.12"),
    (87.25, "score", "87.2", "87.2"),
    (0.0006, "stat", "0.001", "0.001"),
    (pd.Timestamp("2026-11-27 05:31:12"), "datetime", "27/11/2026 05:31", "2026-11-27 05:31"),          # a p-value that 'decimal' showed as 0.00
    (-1.5, "stat", "-1.50", "-1.50"),
    (date(2026, 11, 23), "date", "23/11/2026", "2026-11-23"),
    (pd.Timestamp("2026-11-23"), "date", "23/11/2026", "2026-11-23"),
    (np.datetime64("2026-11-23"), "date", "23/11/2026", "2026-11-23"),
    ("2026-11-01", "month", "nov 2026", "Nov 2026"),
    (True, "bool", "sí", "yes"),
    ("IMSS", "text", "IMSS", "IMSS"),
])
def test_by_kind(value, kind, es, en):
    assert fmt.by_kind(value, kind, "es") == es
    assert fmt.by_kind(value, kind, "en") == en


@pytest.mark.parametrize("value", [None, float("nan"), pd.NA, pd.NaT, np.nan])
def test_missing_values_are_a_dash(value):
    assert fmt.is_missing(value)
    assert {fmt.by_kind(value, k) for k in fmt.KINDS} == {"—"}


def test_values_are_not_missing():
    assert not any(fmt.is_missing(v) for v in (0, 0.0, "", False, [1, 2], "x"))


@pytest.mark.parametrize("count,text", [
    ("1", "1 línea vencida"), (1, "1 línea vencida"), (np.int64(1), "1 línea vencida"),
    ("0", "0 líneas vencidas"), ("2", "2 líneas vencidas"), ("1,001", "1,001 líneas vencidas"),
    ("1.0", "1.0 líneas vencidas"), (1.5, "1.5 líneas vencidas"), (21, "21 líneas vencidas")])
def test_fill_words_agree_with_their_count(count, text):
    assert fmt.fill("{n} {n:línea vencida|líneas vencidas}", n=count) == text


def test_fill_forms_may_hold_the_count_and_keep_str_format():
    pick = "{n:El insumo|Los {n} insumos} con más meses; umbral {t:.0%}"
    assert fmt.fill(pick, n=1, t=0.8) == "El insumo con más meses; umbral 80%"
    assert fmt.fill(pick, n="12", t=0.8) == "Los 12 insumos con más meses; umbral 80%"
    assert fmt.fill("{a} de {b} {b:pieza|piezas}; {{literal}}", a="1", b="1") == "1 de 1 pieza; {literal}"
