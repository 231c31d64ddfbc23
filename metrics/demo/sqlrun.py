"""Run the demo's SQL files (metrics/sql/demo/*.sql), passing only the parameters each
statement names. A file may hold several statements, each ending with ';' at a line end."""
from __future__ import annotations

import re

from metrics import sqlfiles


def statements(name: str) -> list[str]:
    text = sqlfiles.load(f"demo/{name}.sql")
    parts = re.split(r";[ \t]*(?:\n|$)", text)
    return [p for p in parts if re.sub(r"--[^\n]*", "", p).strip()]


def run(con, name: str, **params) -> None:
    for statement in statements(name):
        used = {k: v for k, v in params.items() if re.search(rf"\${k}\b", statement)}
        con.execute(statement, used)
