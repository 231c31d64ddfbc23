"""The scope of a computation (METRICS.md "Scope of a computation") as one value object.

Every view (scores, ledger, shortages, dashboard pages, exports) takes a Scope. Filters are
declared once in FILTERS (name -> line_facts column): column names come only from this
allow-list, values only travel as DuckDB $parameters.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from datetime import date

from metrics import facts
from metrics.exceptions import InvalidFilter

# filter name -> (line_facts column, label es, label en)
FILTERS: dict[str, tuple[str, str, str]] = {
    "institution": ("institution_id", "Institución", "Institution"),
    "state": ("state", "Estado", "State"),
    "unit": ("unit_id", "Unidad", "Unit"),
    "item_group": ("item_group", "Grupo de insumo", "Item group"),
    "item": ("item_code", "Clave", "Item"),
    "contract": ("contract_id", "Contrato", "Contract"),
    "procedure_type": ("procedure_type", "Tipo de procedimiento", "Procedure type"),
    "supplier": ("supplier_id", "Proveedor", "Supplier"),
}


def _tuple(value) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        value = value.split(",")
    return tuple(sorted({str(v).strip() for v in value if str(v).strip()}))


def parse_date(value, name: str) -> date | None:
    """ISO YYYY-MM-DD or Mexican DD/MM/YYYY (never MM/DD)."""
    if value is None or value == "" or isinstance(value, date):
        return value or None
    text = str(value).strip()
    try:
        if "/" in text:
            d, m, y = text.split("/")
            return date(int(y), int(m), int(d))
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidFilter(f"{name}: '{text}' is not a date (use YYYY-MM-DD or DD/MM/YYYY)") from None


@dataclass(frozen=True)
class Scope:
    """Window of due dates, as_of, grace days and the dimension filters (tuples of ids)."""
    date_from: date | None = None
    date_to: date | None = None
    as_of: date | None = None
    grace_days: int | None = None
    institution: tuple[str, ...] = ()
    state: tuple[str, ...] = ()
    unit: tuple[str, ...] = ()
    item_group: tuple[str, ...] = ()
    item: tuple[str, ...] = ()
    contract: tuple[str, ...] = ()
    procedure_type: tuple[str, ...] = ()
    supplier: tuple[str, ...] = ()

    @classmethod
    def make(cls, **kw) -> "Scope":
        """Build from loose values: strings or lists for filters, ISO/Mexican date strings."""
        values = {}
        for f in fields(cls):
            if f.name not in kw:
                continue
            v = kw[f.name]
            if f.name in FILTERS:
                values[f.name] = _tuple(v)
            elif f.name == "grace_days":
                values[f.name] = None if v in (None, "") else int(v)
            else:
                values[f.name] = parse_date(v, f.name)
        unknown = set(kw) - {f.name for f in fields(cls)}
        if unknown:
            raise InvalidFilter(f"unknown filter(s): {', '.join(sorted(unknown))}")
        scope = cls(**values)
        if scope.date_from and scope.date_to and scope.date_from > scope.date_to:
            raise InvalidFilter(f"--from {scope.date_from} is after --to {scope.date_to}")
        if scope.grace_days is not None and scope.grace_days < 0:
            raise InvalidFilter("grace days cannot be negative")
        return scope

    def with_(self, **kw) -> "Scope":
        return replace(self, **kw)

    def active_filters(self) -> dict[str, tuple[str, ...]]:
        return {name: getattr(self, name) for name in FILTERS if getattr(self, name)}

    def cache_key(self) -> tuple:
        return tuple(getattr(self, f.name) for f in fields(self))


@dataclass(frozen=True)
class Resolved:
    """A Scope with as_of and grace made concrete, and the SQL to read evaluable lines."""
    scope: Scope
    as_of: date
    grace_days: int
    source: str                      # FROM text: line_facts or the on-the-fly subquery
    params: dict = field(default_factory=dict)
    # the last applied date of the penalties that count: as_of when it looks back (before the
    # latest delivery: a penalty applied later did not exist yet), else None (every stored
    # penalty: the data's date is as of now, and penalties are often applied after the last
    # delivery of the period they punish)
    applied_to: date | None = None

    def where(self, alias: str = "f", evaluable: bool = True, window: bool = True) -> str:
        """WHERE text for evaluable lines in scope (not cancelled, due in window, due <= as_of)."""
        parts = []
        if evaluable:
            parts += [f"NOT {alias}.cancelled", f"{alias}.due_date <= $as_of"]
        if window:
            parts += [f"({alias}.due_date >= $date_from OR $date_from IS NULL)",
                      f"({alias}.due_date <= $date_to OR $date_to IS NULL)"]
        for name, (column, _, _) in FILTERS.items():
            if getattr(self.scope, name):
                parts.append(f"list_contains($f_{name}, {alias}.{column})")
        return " AND ".join(parts) or "TRUE"

    def sql_params(self) -> dict:
        """Parameters for where() and source (only those the text refers to)."""
        out = dict(self.params)
        out.update({"as_of": self.as_of, "date_from": self.scope.date_from,
                    "date_to": self.scope.date_to, "applied_to": self.applied_to})
        for name in FILTERS:
            if getattr(self.scope, name):
                out[f"f_{name}"] = list(getattr(self.scope, name))
        return out


def resolve(con, scope: Scope, settings=None) -> Resolved:
    """Fix as_of (default: latest delivery) and grace (default: settings) for this database."""
    if settings is None:
        from metrics.settings import load_settings
        settings = load_settings()
    grace = settings.grace_days if scope.grace_days is None else scope.grace_days
    latest = facts.latest_delivery(con)
    as_of = parse_date(scope.as_of, "as_of") or latest       # (a Scope built directly may hold text)
    if as_of is None:   # no deliveries stored at all: judge against today
        as_of = date.today()
    source, params = facts.source(con, as_of, grace)
    return Resolved(scope, as_of, grace, source, params,
                    applied_to=as_of if latest is not None and as_of < latest else None)


def run(con, resolved: Resolved, sql: str, extra: dict | None = None):
    """Execute SQL that uses {facts} and {where}; pass only the parameters it names."""
    text = sql.replace("{facts}", resolved.source).replace("{where}", resolved.where())
    params = {**resolved.sql_params(), **(extra or {})}
    used = {k: v for k, v in params.items() if re.search(rf"\${k}\b", text)}
    return con.execute(text, used)
