"""Planted shortage episodes: items whose deliveries collapse for a run of due months.

Chosen among the most demanded medicines so each short month has lines behind it. Ongoing
episodes start 3–6 months before the last full month and run to the end (the current month
included), getting worse as they go (a "worsening item"); ended episodes last 3–6 months
and finished at least 4 months before the end. Severity 0..1 scales the supplier failures
(deliveries.sql) and the unfilled prescriptions (prescriptions.py).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.demo.timeline import MONTHS, add_months

N_ONGOING = 4
N_ENDED = 6


def choose_items(items: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    """item_idx of the shortage items: among the 16 most demanded medicines."""
    meds = items[items["item_group"] == "medicine"].sort_values("pop", ascending=False)
    top = meds["item_idx"].to_numpy()[:16]
    return rng.choice(top, size=N_ONGOING + N_ENDED, replace=False)


def plan(chosen: np.ndarray, first_month, rng: np.random.Generator) -> tuple[pd.DataFrame, list]:
    """(item_idx, month_idx, severity) rows by due month index (0 = first order month,
    MONTHS = the current, partial month), and the planted rows (kind, item_idx, detail)."""
    rows, planted = [], []
    last = MONTHS - 1
    for n, item in enumerate(chosen):
        if n < N_ONGOING:
            start, end = last - int(rng.integers(3, 7)), MONTHS
            months = np.arange(start, end + 1)
            severity = np.linspace(0.6, 1.0, len(months))
            status = "ongoing"
        else:
            length = int(rng.integers(3, 7))
            end = int(rng.integers(length + 1, last - 3))
            start = end - length + 1
            months = np.arange(start, end + 1)
            severity = np.full(len(months), 1.0)
            status = "ended"
        rows += [(int(item), int(m), float(s)) for m, s in zip(months, severity)]
        first, final = add_months(first_month, int(months[0])), add_months(first_month, int(months[-1]))
        planted.append(("shortage_item", int(item), f"{status} {first:%Y-%m}..{final:%Y-%m}"))
        if status == "ongoing":
            planted.append(("worsening_item", int(item), f"fill rate falling since {first:%Y-%m}"))
    frame = pd.DataFrame(rows, columns=["item_idx", "month_idx", "severity"])
    return frame, planted
