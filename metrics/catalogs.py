"""The lists behind filter widgets and pickers, and what the data is (for captions).

`options(con, kind)`: rows (id, name, ...) of one catalogue, `kind` one of KINDS (the SQL
is metrics/sql/catalogs/<kind>.sql, so the kind is an allow-list, never text put in SQL).
`data_info(con)`: the data date and the source of the last import.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from metrics import sqlfiles

KINDS = ("institution", "state", "item_group", "procedure_type", "supplier", "item", "contract")


def options(con, kind: str) -> pd.DataFrame:
    """institution / state / item_group / procedure_type: (id, name); supplier: (id, name,
    rfc) by name; item: (id, name = description or clave, item_group); contract: (id,
    name = 'number · supplier', supplier_id, institution_id)."""
    if kind not in KINDS:
        raise ValueError(f"unknown option kind {kind!r} (one of {', '.join(KINDS)})")
    return con.execute(sqlfiles.load(f"catalogs/{kind}.sql")).df()


def data_info(con) -> dict:
    """max_delivered (latest delivery), refreshed_at (line facts), lines, orders, contracts, first_due,
    and of the latest import: origin, files (JSON text), finished_at, file_names (base
    names of its files)."""
    cur = con.execute(sqlfiles.load("catalogs/data_info.sql"))
    cols = [d[0] for d in cur.description]
    info = dict(zip(cols, cur.fetchall()[0]))
    files = []
    if info.get("files"):
        try:
            files = [f.get("file") for f in json.loads(info["files"]) if isinstance(f, dict)]
        except (ValueError, TypeError):
            files = []
    info["file_names"] = [Path(f).name for f in files if f]
    return info


def _known_ids(con, name: str) -> set[str]:
    """Every id a scope filter (metrics.scope.FILTERS) can name in this database."""
    if name == "unit":
        return {r[0] for r in con.execute("SELECT unit_id FROM units").fetchall()}
    return {str(v) for v in options(con, name)["id"] if v is not None}


def unknown_filter_values(con, scope) -> list[str]:
    """One message per filter value that names nothing in this database (a typo, a state
    written in lower case, a Spanish group name): with such a value a report is empty
    and looks like a real empty result. Says what was probably meant."""
    import difflib
    found = []
    for name, values in scope.active_filters().items():
        known = _known_ids(con, name)
        for value in values:
            if value in known:
                continue
            close = sorted(k for k in known if k.casefold() == value.casefold()) \
                or difflib.get_close_matches(value, sorted(known), n=1)
            hint = (f"; did you mean {close[0]}?" if close else
                    f"; one of {', '.join(sorted(known))}" if 0 < len(known) <= 40 else "")
            found.append(f"--{name.replace('_', '-')} {value}: not in this database{hint}")
    return found

