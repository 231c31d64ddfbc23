"""The problem table of an import: every error and warning of a batch, found at once.

Stable API (format adapters in metrics/sources/ use it):

- `create(con)`: make the temp tables (done by the import pipeline before staging).
- `add(con, severity, file, row, column, value, problem, code=None)`: record one problem.
  severity is "error" (the batch is rejected) or "warning" (reported, the batch loads);
  file is the file name as shown to the user; row is the spreadsheet row (header = 1, first
  data row = 2; for JSON the 1-based record number) or None for a whole-file problem;
  column is the canonical column (or a JSON path) or None; value is the offending text.
- `add_query(con, sql, params)`: record the rows of a query with those columns (plus `code`);
  at most CAP rows are kept per (file, column, code) unless `keep_all(con)` was called,
  the true counts are kept beside. `keeps_all(con)` says which.
- `add_count(con, severity, file, column, problem, n)`: count n more problems of a kind
  whose rows are not kept.
- `frame(con)`: the kept problems as a DataFrame (severity, file, row, column, value, problem,
  code), errors first; `counts(con)`: true counts per (severity, file, column, problem kind);
  `error_count(con)`, `warning_count(con)`.
"""
from __future__ import annotations

import re

import pandas as pd

CAP = 1000           # problem rows kept per (file, column, code); counts stay exact
VALUE_CHARS = 200    # offending values are cut to this length

COLUMNS = ["severity", "file", "row", "column", "value", "problem", "code"]

_CREATE = """
CREATE TEMP TABLE IF NOT EXISTS problems (
    severity VARCHAR, file VARCHAR, "row" BIGINT, "column" VARCHAR, value VARCHAR,
    problem VARCHAR, code VARCHAR);
CREATE TEMP TABLE IF NOT EXISTS problem_counts (
    severity VARCHAR, file VARCHAR, "column" VARCHAR, code VARCHAR, problem VARCHAR, n BIGINT);
"""


def create(con) -> None:
    for statement in _CREATE.split(";"):
        if statement.strip():
            con.execute(statement)


def keep_all(con, keep: bool = True) -> None:
    """Keep every problem row of this connection's import, not CAP per (file, column, code)
    (`abasto import --problems FILE`: the file lists them all)."""
    con.execute(f"SET VARIABLE abasto_keep_all_problems = {'true' if keep else 'false'}")


def keeps_all(con) -> bool:
    """Whether this connection's import keeps every problem row (keep_all was called)."""
    return bool(con.execute("SELECT getvariable('abasto_keep_all_problems')").fetchall()[0][0])


def _cap(con) -> int | None:
    return None if keeps_all(con) else CAP


def code_of(problem: str) -> str:
    """The default code of a problem text (what `add` records when given none)."""
    return re.sub(r"[^a-z]+", "_", problem.lower().split(":")[0]).strip("_")[:40] or "problem"


def add(con, severity: str, file: str | None, row: int | None, column: str | None,
        value, problem: str, code: str | None = None) -> None:
    """Record one problem (see the module docstring for the meaning of each field)."""
    if severity not in ("error", "warning"):
        raise ValueError(f"severity must be error or warning, not {severity!r}")
    create(con)
    code = code or code_of(problem)
    text = None if value is None else str(value)[:VALUE_CHARS]
    con.execute("INSERT INTO problems VALUES ($s, $f, $r, $c, $v, $p, $k)",
                {"s": severity, "f": file, "r": row, "c": column, "v": text, "p": problem, "k": code})
    con.execute("INSERT INTO problem_counts VALUES ($s, $f, $c, $k, $p, 1)",
                {"s": severity, "f": file, "c": column, "k": code, "p": problem})


def add_count(con, severity: str, file: str | None, column: str | None, problem: str, n: int,
              code: str | None = None) -> None:
    """Count `n` more problems of one kind without keeping their rows (an adapter lists the
    first few of a kind and counts the rest): the true counts stay true."""
    create(con)
    con.execute("INSERT INTO problem_counts VALUES ($s, $f, $c, $k, $p, $n)",
                {"s": severity, "f": file, "c": column, "k": code or code_of(problem), "p": problem,
                 "n": n})


def add_query(con, sql: str, params: dict | None = None) -> int:
    """Record the rows of `sql` (columns severity, file, row, column, value, problem, code);
    return how many it found. Keeps at most CAP rows per (file, column, code)."""
    create(con)
    con.execute(f"CREATE OR REPLACE TEMP TABLE _found AS {sql}", params or {})
    found = con.execute("SELECT count(*) FROM _found").fetchall()[0][0]
    if found:
        cap = _cap(con)
        keep = "" if cap is None else (f'QUALIFY row_number() OVER (PARTITION BY file, "column", '
                                       f'code ORDER BY "row" NULLS FIRST) <= {cap}')
        con.execute('INSERT INTO problem_counts SELECT severity, file, "column", code, '
                    'min(problem), count(*) FROM _found GROUP BY severity, file, "column", code')
        con.execute(f'INSERT INTO problems SELECT severity, file, "row", "column", '
                    f'left(value::VARCHAR, {VALUE_CHARS}), problem, code FROM _found {keep}')
    con.execute("DROP TABLE _found")
    return found


def frame(con) -> pd.DataFrame:
    """Kept problems, errors first, then by file, row, column."""
    create(con)
    return con.execute(
        'SELECT severity, file, "row", "column", value, problem, code FROM problems '
        "ORDER BY severity = 'warning', file NULLS FIRST, \"row\" NULLS FIRST, \"column\" NULLS FIRST"
    ).df().astype({"row": "Int64"})


def counts(con) -> pd.DataFrame:
    """True number of problems per (severity, file, column, code), with one problem text."""
    create(con)
    return con.execute(
        'SELECT severity, file, "column", code, any_value(problem) AS problem, sum(n)::BIGINT AS n '
        "FROM problem_counts GROUP BY severity, file, \"column\", code ORDER BY severity = 'warning', file, \"column\", code"
    ).df()


def error_count(con) -> int:
    create(con)
    return int(con.execute("SELECT coalesce(sum(n), 0) FROM problem_counts WHERE severity = 'error'"
                           ).fetchall()[0][0])


def warning_count(con) -> int:
    create(con)
    return int(con.execute("SELECT coalesce(sum(n), 0) FROM problem_counts "
                           "WHERE severity = 'warning'").fetchall()[0][0])
