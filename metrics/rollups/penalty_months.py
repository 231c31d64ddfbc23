"""Penalties applied per contract and applied month (rollup_penalty_months) and per contract
and applied day (rollup_penalty_days), both sorted by date (migration 12, SQL in
metrics/sql/rollups/penalty_*.sql).

The scorecard's penalties applied (scorecard.penalties_applied) filter penalties by applied
date only, and when nothing needs the order line, by the contract's dimensions: a window is
exactly its whole months from the month table plus the days of the months it cuts from the
day table (`window_params`), some 70 thousand rows for a year at 10M lines instead of every
penalty joined to its contract. Unlike the other rollups these summarise base tables, not
line_facts: rollup_penalty_state records the penalties and contracts they were built from
(latest batch and rows of each), so `refresh` rebuilds them only when an import wrote
penalties or contracts (a written row carries the new, highest batch id; imports never
delete), and `serves` uses them only while they match those tables (a Parquet history's
rollups are attached empty: they never match).
"""
from __future__ import annotations

from metrics import rollups, sqlfiles

_STATE = ("SELECT * FROM (SELECT coalesce(max(batch_id), -1), count(*) FROM penalties), "
          "(SELECT coalesce(max(batch_id), -1), count(*) FROM contracts)")


def _current(con) -> tuple:
    return tuple(con.execute(_STATE).fetchone())


def _stored(con) -> tuple | None:
    row = con.execute("SELECT * FROM rollup_penalty_state").fetchone()
    return tuple(row) if row else None


def refresh(con, incremental: bool = False) -> None:
    current = _current(con)
    if incremental and _stored(con) == current:
        return                                   # this import wrote no penalty or contract
    _rebuild(con, current)


def _rebuild(con, current: tuple) -> None:
    """Both tables from the penalties (a few hundred milliseconds at 741 thousand)."""
    con.execute("DELETE FROM rollup_penalty_days")
    con.execute("DELETE FROM rollup_penalty_months")
    con.execute("INSERT INTO rollup_penalty_days BY NAME " + sqlfiles.load("rollups/penalty_days.sql"))
    con.execute("INSERT INTO rollup_penalty_months BY NAME " + sqlfiles.load("rollups/penalty_months.sql"))
    con.execute("DELETE FROM rollup_penalty_state")
    con.execute("INSERT INTO rollup_penalty_state VALUES (?, ?, ?, ?)", list(current))


def serves(con) -> bool:
    """Whether the rollup was built from the penalties and contracts as they are."""
    stored = _stored(con)
    return stored is not None and stored == _current(con)


def window_params(resolved) -> dict:
    """$pm_lo..$pm_hi: the whole applied months of the scope's window [date_from, date_to]
    cut at resolved.applied_to when it looks back (open ends: every date); $pd1_lo.. /
    $pd2_lo..: the days of the months it cuts."""
    scope = resolved.scope
    hi = min(scope.date_to or rollups.EMPTY[0], resolved.applied_to or rollups.EMPTY[0])
    split = rollups.split_window(scope.date_from or rollups.FIRST, hi, hi)
    return {f"p{key}": value for key, value in split.items()}
