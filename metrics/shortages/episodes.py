"""Shortage episodes: consecutive short months of an item (METRICS.md "Shortages").

Decisions (docs/shortages.md): a month that is not short *or* in which the item had no
evaluable line ends an episode — a shortage is only claimed where order lines show it, so
every month of an episode has lines behind it. An episode is ongoing when it reaches the
latest month of the scope that has any evaluable line (not the as_of month, which often
has no lines due yet); end_month is then the latest short month so far.
"""
from __future__ import annotations

import pandas as pd

from metrics.shortages.common import DIMENSIONS, add_names, parse_by, run

EPISODE_DIMENSIONS = {k: v for k, v in DIMENSIONS.items() if k not in ("month",)}


def episodes(con, scope=None, settings=None, by=("item",)) -> pd.DataFrame:
    """One row per episode: item_code (+ description, and any of group / institution /
    state / unit given in `by`: then an item is short within that dimension), start_month,
    end_month, ongoing, months (duration), lines, qty_ordered, undelivered_qty (ordered and
    not accepted by as_of over the episode), fill_rate over the episode, worst_fill_rate
    (its worst month). Ongoing episodes first, then the longest."""
    keys = parse_by(by, EPISODE_DIMENSIONS)
    cell_columns = [DIMENSIONS[k] for k in keys if k != "item"]
    frame, _ = run(con, scope, settings, "episodes", cell_columns=cell_columns)
    return add_names(con, frame, ("item",) + tuple(k for k in keys if k != "item"))
