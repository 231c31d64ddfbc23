"""Bars on a category axis: rows whose labels are equal are drawn as one bar (Plotly sums
them), so every bar chart's labels must be unique even after names are cut."""
import pandas as pd

from dashboard.charts import overview, shortages, suppliers
from dashboard.charts.base import Caption, bar_labels

ALIKE = "Grupo Suministros Hospitalarios del Centro"       # cut at 34: "Grupo Suministros Hospitalarios d…"
CAP = Caption(lang="es", scope_text="Todo")


def test_labels_cut_alike_get_their_key():
    got = bar_labels([ALIKE, ALIKE + " SA", "Corta"], ["GSH0810242P5", "GSH9908224T1", "X"])
    assert got[2] == "Corta"
    assert got[0].endswith(" GSH0810242P5") and got[1].endswith(" GSH9908224T1")
    assert len(got[0]) <= 34 and got[0].startswith("Grupo Suministros")


def test_equal_labels_without_keys_are_numbered():
    assert bar_labels(["A", "A", "B"]) == ["A (1)", "A (2)", "B"]
    assert len(set(bar_labels(["A", "A"], ["K", "K"]))) == 2


def test_attribution_keeps_two_suppliers_with_names_alike_apart():
    frame = pd.DataFrame({"supplier_id": ["GSH0810242P5", "GSH9908224T1", "GSH0810242P5", "OTRO"],
                          "supplier_name": [ALIKE, ALIKE + " SA", ALIKE, "Otro"],
                          "month": ["2026-01", "2026-01", "2026-02", "2026-01"],
                          "attributable_qty": [5000.0, 1191.0, 470.0, 10.0]})
    fig = shortages.attribution(frame, lang="es", scope_text="Todo")
    bars = dict(zip(fig.data[0].y, fig.data[0].x))
    assert len(bars) == 3
    assert sorted(bars.values()) == [10.0, 1191.0, 5470.0]          # 5,000 + 470 for the first


def test_same_name_suppliers_are_two_bars():
    frame = pd.DataFrame({"supplier_id": ["A1", "B2"], "supplier_name": ["Mismo", "Mismo"],
                          "month": ["2026-01", "2026-01"], "attributable_qty": [7.0, 3.0]})
    fig = shortages.attribution(frame, lang="es", scope_text="Todo")
    assert list(fig.data[0].y) == ["Mismo B2", "Mismo A1"] and list(fig.data[0].x) == [3.0, 7.0]


def test_ranked_peers_and_breakdown_labels_are_unique():
    ranked = pd.DataFrame({"supplier_id": ["S1", "S2"], "name": [ALIKE, ALIKE + " SA"], "score": [90.0, 80.0],
                           "score_low": [85.0, 75.0], "score_high": [95.0, 85.0], "tier": ["A", "B"]})
    assert len(set(overview.ranked_suppliers(ranked, CAP, title="t").data[0].y)) == 2
    fig = suppliers.peers(ranked, CAP, highlight="S1", title="t")
    assert len({y for trace in fig.data for y in trace.y}) == 2
    part = pd.DataFrame({"label": ["Instituto Mexicano del Seguro Social Delegación Norte",
                                   "Instituto Mexicano del Seguro Social Delegación Sur"],
                         "inst": ["IMSS-N", "IMSS-S"], "lines": [10, 9], "otif_rate": [0.5, 0.6],
                         "fill_rate": [0.7, 0.8]})
    fig = suppliers.breakdown(part, CAP, label_col="label", title="t", key_col="inst")
    assert len(set(fig.data[0].y)) == 2
