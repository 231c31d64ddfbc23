"""What every shortage view shares: the groupings it accepts (fixed allow-lists: the only
identifiers ever put into SQL text), the assembly of the SQL fragments, and the run.

Values travel only as DuckDB $parameters; fragments are whole files from
metrics/sql/shortages/, put together before `metrics.scope.run` substitutes {facts} and
{where}.
"""
from __future__ import annotations

import pandas as pd

from metrics import scope as scope_mod
from metrics import sqlfiles
from metrics.exceptions import InvalidFilter
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
    if unknown:
        raise InvalidFilter(f"{name}: cannot group by {', '.join(unknown)} "
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


def compose(name: str, *, cell_columns: list[str] = (), replace: dict[str, str] | None = None) -> str:
    """Text of metrics/sql/shortages/<name>.sql with its fragments put in."""
    text = sqlfiles.load(f"shortages/{name}.sql")
    text = (text.replace("{supply_lines}", sqlfiles.load("shortages/supply_lines.sql"))
                .replace("{cells}", cells_text(list(cell_columns)))
                .replace("{shares}", sqlfiles.load("shortages/shares.sql")))
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


def run(con, scope, settings: Settings | None, sql: str, extra: dict | None = None):
    """(frame, resolved): the SQL run over the scope (a Scope or a Resolved) with the
    shortage parameters."""
    settings = settings_or_default(settings)
    resolved = resolve(con, scope, settings)
    params = {"threshold": float(settings.shortage_threshold), "grace": resolved.grace_days,
              "dominant_share": float(settings.dominant_share), "since": None, **(extra or {})}
    frame = scope_mod.run(con, resolved, sql, params).df()
    frame.attrs.update(as_of=resolved.as_of, grace_days=resolved.grace_days,
                       threshold=float(settings.shortage_threshold))
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
