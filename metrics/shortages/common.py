"""What every shortage view shares: the groupings it accepts (fixed allow-lists: the only
identifiers ever put into SQL text), where it reads from (the item-month rollup or the
lines), the assembly of the SQL fragments, and the run.

Values travel only as DuckDB $parameters; fragments are whole files from
metrics/sql/shortages/, put together before `metrics.scope.run` substitutes {facts} and
{where}.

Where from: rollup_item_months (metrics/rollups/item_months.py) holds the same sums as the
lines per item and due month at a few grains. `plan` uses it when it is exact (line_facts
is the stored table and exact for the scope's as_of and grace: scope.Resolved.source) and
the scope's filters and the view's cells are within one of its grains; whole months of the
window come from it, the edge months the window cuts (by --from, --to or as_of) from their
lines. Otherwise the view reads the lines, as it always did. Same results either way
(tests/shortages/test_shortages_rollup.py).
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

import pandas as pd

from metrics import scope as scope_mod
from metrics import rollups, sqlfiles
from metrics.exceptions import InvalidFilter
from metrics.rollups import item_months
from metrics.settings import Settings, load_settings

# grouping name -> column: line_facts' own, except month = the due month of a cell
DIMENSIONS: dict[str, str] = {
    "item": "item_code",
    "month": "month",
    "group": "item_group",
    "institution": "institution_id",
    "state": "state",
    "unit": "unit_id",
}
# label columns added beside an id when a view is grouped by it: (table, key, column, alias)
NAMES: dict[str, tuple[str, str, str, str]] = {
    "item": ("items", "item_code", "description", "description"),
    "institution": ("institutions", "institution_id", "name", "institution_name"),
    "unit": ("units", "unit_id", "name", "unit_name"),
    "supplier": ("suppliers", "supplier_id", "name", "supplier_name"),
}


def settings_or_default(settings: Settings | None) -> Settings:
    return settings if settings is not None else load_settings()


def scope_or_default(scope) -> scope_mod.Scope:
    return scope if scope is not None else scope_mod.Scope()


def parse_by(by, allowed=DIMENSIONS, *, name: str = "by") -> tuple[str, ...]:
    """('item', 'month') from a tuple, a list or 'item,month'; unknown names are an error."""
    if by is None or by == "":
        return ()
    if isinstance(by, str):
        by = by.split(",")
    keys = tuple(dict.fromkeys(str(b).strip() for b in by if str(b).strip()))
    unknown = [k for k in keys if k not in allowed]
    if unknown:          # worded for `abasto shortages VIEW --by` (the dashboard never errs here)
        view = f" the {name[:-3]}" if name.endswith(" by") else ""
        raise InvalidFilter(f"--by: cannot group{view} by {', '.join(unknown)} "
                            f"(choose from {', '.join(allowed)})")
    return keys


def row_sql(columns: list[str], alias: str = "") -> dict[str, str]:
    """Select / group / order text for the row keys (allow-listed column names)."""
    qualified = [f"{alias}.{c}" if alias else c for c in columns]
    return {"__ROW_SELECT__": "".join(f"{q} AS {c}, " for q, c in zip(qualified, columns)),
            "__ROW_GROUP__": f"GROUP BY {', '.join(qualified)}" if qualified else "",
            "__ROW_ORDER__": ", ".join(qualified) if qualified else "1"}


def cells_text(extra_columns: list[str]) -> str:
    """The cells CTE for item × month × extra columns (allow-listed column names)."""
    keys = "".join(f", {c}" for c in extra_columns)
    return sqlfiles.load("shortages/cells.sql").replace("__CELL_KEYS__", keys)


# False makes every view read the lines (the tests and the bench compare both ways)
USE_ROLLUP = True
# scope filters the rollup applies: on every row (item, item_group), or at a grain by that column
_ON_EVERY_ROW = ("item", "item_group")
_GRAIN_FILTERS = {"institution": "institution_id", "state": "state", "supplier": "supplier_id"}
_EVERY_MONTH = (date(1, 1, 1), date(9999, 12, 1))
# views whose rollup form is another file
_ROLLUP_FILES = {"latest_month": "latest_month_rollup"}


# which lines a rollup plan still reads: those of the months the window cuts, by which ends
# it cuts (fixed texts; plain comparisons, which DuckDB applies inside the scan)
_EDGES = {(False, False): "FALSE",
          (True, False): "f.due_month < $whole_from",
          (False, True): "f.due_month > $whole_to",
          (True, True): "f.due_month IN ($cut_from, $cut_to)"}


@dataclass(frozen=True)
class Plan:
    """How a view reads rollup_item_months: the grain of its cells (and whether those rows
    must be summed again: the grain has a filter's column the cells do not), the grain of
    its per-supplier rows, the whole months of the window, and the condition that keeps
    the lines of the months it cuts."""
    cell_grain: int
    cell_regroup: bool
    supplier_grain: int | None
    supplier_regroup: bool
    whole_from: date
    whole_to: date
    edge: str
    cut_from: date | None   # the months cut at each end (for the IN form of `edge`)
    cut_to: date | None
    edge_source: str | None   # a table holding those months' lines, instead of {facts}


def _month_start(d: date, months: int = 0) -> date:
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def whole_months(resolved: scope_mod.Resolved) -> tuple[date, date, str, date | None, date | None]:
    """(first, last) month start of the months wholly inside the scope's window of due dates
    ([--from, min(--to, as_of)]; first > last when there is none), the condition on
    line_facts (alias f) that keeps the months the window cuts, and those months (None for
    an end not cut)."""
    start, end = resolved.scope.date_from, min(resolved.as_of, resolved.scope.date_to or resolved.as_of)
    cut_start = start is not None and start.day != 1
    cut_end = end.day != calendar.monthrange(end.year, end.month)[1]
    first = _EVERY_MONTH[0] if start is None else (_month_start(start, 1) if cut_start else start)
    last = _month_start(end, -1) if cut_end else _month_start(end)
    return (first, last, _EDGES[cut_start, cut_end], _month_start(start) if cut_start else None,
            _month_start(end) if cut_end else None)


def _recent_from(con) -> date | None:
    """The first due month of rollup_recent_lines (None before the first refresh)."""
    row = con.execute("SELECT recent_from FROM rollup_recent_from").fetchone()
    return row[0] if row else None


def plan(con, resolved: scope_mod.Resolved, cell_columns=(), supplier: bool = False) -> Plan | None:
    """The rollup plan for a view whose cells are by item × month × `cell_columns` (and that
    reads per-supplier rows when `supplier`), or None: read the lines."""
    if not USE_ROLLUP or not rollups.exact(con, resolved):
        return None
    filter_dims = set()
    for name in resolved.scope.active_filters():
        if name in _ON_EVERY_ROW:
            continue
        if name not in _GRAIN_FILTERS:
            return None
        filter_dims.add(_GRAIN_FILTERS[name])
    cell_dims = set(cell_columns) - {"item_group"}
    cell_grain = item_months.grain(cell_dims | filter_dims)
    supplier_grain = item_months.grain({"supplier_id"} | filter_dims) if supplier else None
    if cell_grain is None or (supplier and supplier_grain is None):
        return None
    recent_from = _recent_from(con)
    first, last, edge, cut_from, cut_to = whole_months(resolved)
    # every month the window cuts is among rollup_recent_lines' (as_of's month, and the start
    # of a window of up to about a year): read their lines from there
    cut = [m for m in (cut_from, cut_to) if m is not None]
    recent = bool(cut) and recent_from is not None and min(cut) >= recent_from
    return Plan(cell_grain, bool(filter_dims - cell_dims), supplier_grain, bool(filter_dims - {"supplier_id"}),
                first, last, edge, cut_from, cut_to, item_months.RECENT if recent else None)


def compose(name: str, *, cell_columns: list[str] = (), replace: dict[str, str] | None = None,
            plan: Plan | None = None, resolved: scope_mod.Resolved | None = None) -> str:
    """Text of metrics/sql/shortages/<name>.sql with its fragments put in: the lines' form,
    or with a `plan` (and the `resolved` scope whose filters it applies) the rollup's."""
    text = sqlfiles.load(f"shortages/{_ROLLUP_FILES.get(name, name) if plan else name}.sql")
    if plan is None:
        text = (text.replace("{supply_lines}", sqlfiles.load("shortages/supply_lines.sql"))
                    .replace("{cells}", cells_text(list(cell_columns)))
                    .replace("{shortfall}", sqlfiles.load("shortages/shortfall.sql"))
                    .replace("{shares}", sqlfiles.load("shortages/shares.sql"))
                    .replace("__EDGE__", "TRUE"))
    else:
        text = (text.replace("{supply_lines}", sqlfiles.load("shortages/supply_lines.sql"))
                    .replace("{cells}", sqlfiles.load("shortages/rollup_cells.sql"))
                    .replace("{shortfall}", sqlfiles.load("shortages/rollup_shortfall.sql"))
                    .replace("{shares}", sqlfiles.load("shortages/rollup_shares.sql"))
                    .replace("__EDGE__", plan.edge)
                    .replace("{facts}", plan.edge_source or "{facts}")
                    .replace("{rollup_where}", resolved.where("r", evaluable=False, window=False))
                    .replace("__CELL_KEYS_R__", "".join(f", r.{c}" for c in cell_columns))
                    .replace("__SUM__", "sum" if plan.cell_regroup else "")
                    .replace("__REGROUP__", "GROUP BY ALL" if plan.cell_regroup else "")
                    .replace("__SSUM__", "sum" if plan.supplier_regroup else "")
                    .replace("__SREGROUP__", "GROUP BY ALL" if plan.supplier_regroup else ""))
    keys = "".join(f", {c}" for c in cell_columns)
    text = text.replace("__CELL_KEYS__", keys)
    for marker, value in (replace or {}).items():
        text = text.replace(marker, value)
    return text


def resolve(con, scope, settings: Settings) -> scope_mod.Resolved:
    """A `Resolved` as given (its as_of and grace already fixed), else resolve the `Scope`
    (None = the whole database)."""
    if isinstance(scope, scope_mod.Resolved):
        return scope
    return scope_mod.resolve(con, scope_or_default(scope), settings)


def run(con, scope, settings: Settings | None, name: str, extra: dict | None = None, *,
        cell_columns=(), replace: dict[str, str] | None = None, supplier: bool = False):
    """(frame, resolved): metrics/sql/shortages/<name>.sql run over the scope (a Scope or a
    Resolved) with the shortage parameters, from the rollup when `plan` allows (cells by
    item × month × `cell_columns`; `supplier`: it also reads per-supplier rows), else from
    the lines. attrs["read_from"] says which."""
    settings = settings_or_default(settings)
    resolved = resolve(con, scope, settings)
    how = plan(con, resolved, cell_columns, supplier)
    sql = compose(name, cell_columns=list(cell_columns), replace=replace, plan=how, resolved=resolved)
    params = {"threshold": float(settings.shortage_threshold), "grace": resolved.grace_days,
              "dominant_share": float(settings.dominant_share), "since": None, **(extra or {})}
    if how is not None:
        params.update(cell_grain=how.cell_grain, supplier_grain=how.supplier_grain,
                      whole_from=how.whole_from, whole_to=how.whole_to,
                      cut_from=how.cut_from, cut_to=how.cut_to)
    frame = scope_mod.run(con, resolved, sql, params).df()
    frame.attrs.update(as_of=resolved.as_of, grace_days=resolved.grace_days,
                       threshold=float(settings.shortage_threshold),
                       read_from="rollup" if how is not None else "lines")
    return frame, resolved


def add_names(con, frame: pd.DataFrame, keys) -> pd.DataFrame:
    """Put the name beside each id column the frame is grouped by (items, institutions, units)."""
    for key in keys:
        if key not in NAMES:
            continue
        table, id_col, col, alias = NAMES[key]
        if alias in frame.columns or id_col not in frame.columns:
            continue
        ids = frame[id_col].dropna().unique().tolist()
        if len(ids) > 100:   # passing a long list costs more than reading the whole catalogue
            names = con.execute(f"SELECT {id_col}, {col} FROM {table}").df()
        else:
            names = con.execute(f"SELECT {id_col}, {col} FROM {table} WHERE list_contains($ids, {id_col})",
                                {"ids": ids}).df()
        mapping = dict(zip(names[id_col], names[col]))
        frame.insert(frame.columns.get_loc(id_col) + 1, alias, frame[id_col].map(mapping))
    return frame


def empty(columns: list[str], reason: str | None = None) -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    if reason:
        frame.attrs["reason"] = reason
    return frame
