"""A file whose first row is data, not a header (the published CNIS catalogue has none).

Read as a header, such a row gives one warning per cell ("column '010.000.0022.00' is not
part of the items format") and a missing-column error per required column, or "cannot tell
which table this file holds", none of which says what is wrong. `data_cells(headers)` finds
the cells no header would be; `problem(headers, tbl)` is the one error said instead, naming
the headers the table accepts.
"""
from __future__ import annotations

import re

from metrics.ingest import contract

# Values no column is named like: a CNIS/CUCoP clave (010.000.0022.00, 090.070.1500,
# HO.01.01.001, MH.01.0001.00), a date (ISO, DD/MM/YYYY) or a number (1234, 1,234.50, -3).
_CLAVE = re.compile(r"^(?:\d{3}|[A-Z]{2})(?:\.\d{2,4}){2,3}$")
_DATA = (_CLAVE,
         re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T].*)?$"),
         re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$"),
         re.compile(r"^[-+]?\$?\d[\d,]*(?:\.\d+)?$"))
SHOWN = 3            # cells quoted in the message
CELL_CHARS = 30      # each cut to this many characters


def data_cells(headers: list[str]) -> list[str]:
    """The cells of a header row that are values (a clave, a date, a number)."""
    cells = [str(h).strip() for h in headers]
    return [c for c in cells if any(p.match(c) for p in _DATA)]


def _cut(text: str) -> str:
    return text if len(text) <= CELL_CHARS else text[:CELL_CHARS - 1] + "…"


def _columns(tbl: contract.Table) -> str:
    """'clave (item_code, required), descripcion (description, required), grupo (group), …':
    the Spanish header first (the first alias), then the canonical name."""
    parts = []
    for col in tbl.columns:
        spanish = col.aliases[0] if col.aliases else col.name
        parts.append(f"{spanish} ({col.name}{', required' if col.required else ''})")
    return ", ".join(parts)


def problem(headers: list[str], tbl: contract.Table | None) -> str:
    """The error for a first row that is data. `tbl` None (the file's name does not say its
    table): a clave in the first cell reads as the catalogue (items), else the way to name
    the table is said."""
    cells = [str(h).strip() for h in headers if str(h).strip()]
    shown = ", ".join(_cut(c) for c in cells[:SHOWN]) + (", …" if len(cells) > SHOWN else "")
    head = f"the first row looks like data ({shown}): the file has no header row"
    if tbl is None and cells and _CLAVE.match(cells[0]):
        tbl, head = contract.table("items"), head + " (a clave first: the catalogue, items?)"
    if tbl is None:
        return (f"{head}; add one with the column names of its table (docs/import-format.md), "
                f"or name the file after its table (orders.csv, contratos.xlsx ...)")
    example = ",".join(c.aliases[0] if c.aliases else c.name for c in tbl.columns if c.required)
    return (f"{head}; add one naming each column, e.g. {example},… — the {tbl.name} columns are "
            f"{_columns(tbl)}; any other name is kept in the extra field")
