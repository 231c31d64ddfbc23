"""Validation of a staged batch, in SQL, against the batch plus what is stored.

`prepare(con)` loads the parse macros and the lookup tables; `run(con)` builds the typed
tables (typed_<table>) and records every problem of the batch in the problems table:
column checks (required, type, enumeration), row rules, duplicate keys, references, and
item codes missing from the catalogue (warnings; collected in new_items for loading).
Identifiers in the SQL come only from contract.py; values travel as $parameters.
"""
from __future__ import annotations

import pyarrow as pa

from metrics import sqlfiles
from metrics.ingest import contract, problems
from metrics.ingest.profile import step
from metrics.ingest.contract import BOOL, DATE, ENUM, INT, MONTH, NUMBER, TEXT


def execute_script(con, text: str, params: dict | None = None) -> None:
    """Run the statements of an SQL file one by one, each with the $parameters it names."""
    params = params or {}
    for statement in text.split(";\n"):
        body = "\n".join(line for line in statement.splitlines() if not line.strip().startswith("--"))
        if not body.strip():
            continue
        used = {k: v for k, v in params.items() if f"${k}" in body}
        con.execute(body, used)


def prepare(con) -> None:
    """Parse macros, and enum_map (enum, spelling, value): every accepted spelling."""
    rows = contract.enum_rows()
    enum_map = pa.table({"enum": [r[0] for r in rows], "spelling": [r[1] for r in rows],
                         "value": [r[2] for r in rows]})
    con.register("_lookup", enum_map)
    con.execute("CREATE OR REPLACE TEMP TABLE enum_map AS SELECT * FROM _lookup")
    con.unregister("_lookup")
    execute_script(con, sqlfiles.load("ingest/macros.sql"))


def group_params() -> dict:
    """$group_prefixes / $group_names for abasto_group_of."""
    return {"group_prefixes": list(contract.GROUP_BY_PREFIX),
            "group_names": list(contract.GROUP_BY_PREFIX.values())}


# ---------------------------------------------------------------- typed tables

def _enum_lookup(col: contract.Column, params: dict) -> str:
    rows = [r for r in contract.enum_rows() if r[0] == col.enum]
    params[f"ek_{col.name}"] = [r[1] for r in rows]
    params[f"ev_{col.name}"] = [r[2] for r in rows]
    spelled = {key: value for _, key, value in rows}
    params[f"ec_{col.name}"] = [v for v in contract.ENUMS[col.enum]
                                if spelled.get(contract.norm_value(v)) == v]
    return (f'abasto_enum($ec_{col.name}, $ek_{col.name}, $ev_{col.name}, s."{col.name}")')


def _typed_expr(tbl: contract.Table, col: contract.Column, params: dict) -> str:
    """Parsed value; the default (or the group derived from the clave) only when empty,
    so that an unparseable value stays NULL and is reported."""
    raw = f's."{col.name}"'
    if col.type == ENUM:
        parsed = _enum_lookup(col, params)
    elif col.type == TEXT:
        parsed = f"upper({raw})" if col.name == "rfc" else raw      # staged text is trimmed
    else:
        parsed = f"abasto_{col.type}({raw})"
    empty = "NULL"
    if tbl.name == "items" and col.name == "group":
        params.update(group_params())
        empty = 'abasto_group_of(s."item_code", $group_prefixes, $group_names)'
    elif col.default is not None:
        params[f"d_{col.name}"] = col.default
        empty = f"$d_{col.name}"
    expr = parsed if empty == "NULL" else f"CASE WHEN {raw} IS NULL THEN {empty} ELSE {parsed} END"
    return f'CAST({expr} AS {col.sql_type}) AS "{col.store_name}"'


def _text_alias(col: contract.Column) -> str:
    return f'"__text_{col.name}"'


def build_typed(con, tbl: contract.Table) -> None:
    params: dict = {}
    columns = ", ".join(_typed_expr(tbl, c, params) for c in tbl.columns)
    checks = list(_column_checks(tbl, raw_of=lambda c: f"t.{_text_alias(c)}"))
    tested = [c for c in tbl.columns if any(check[0] is c for check in checks)]
    texts = "".join(f', s."{c.name}" AS {_text_alias(c)}' for c in tested)
    exclude = f" EXCLUDE ({', '.join(_text_alias(c) for c in tested)})" if tested else ""
    suspect = " OR ".join(f"({candidate})" for _, candidate, *_ in checks) or "false"
    sql = sqlfiles.load("ingest/typed.sql").format(table=tbl.name, columns=columns, texts=texts,
                                                  exclude=exclude, suspect=suspect)
    execute_script(con, sql, params)


# ---------------------------------------------------------------- checks

def _column_checks(tbl: contract.Table, raw_of=lambda col: f's."{col.name}"'):
    """(column, candidate rows SQL, problem SQL, code, params) for every per-value check.
    raw_of(col) is the staged text (trimmed, NULL when empty; by default s, the staged row),
    t the typed row beside it."""
    for col in tbl.columns:
        raw, typed = raw_of(col), f't."{col.store_name}"'
        if col.required:
            yield col, f"{raw} IS NULL", "'required value is empty'", "required_empty", {}
        if col.type in (NUMBER, INT, DATE, BOOL, MONTH):
            yield col, f"{raw} IS NOT NULL AND {typed} IS NULL", \
                f"abasto_{col.type}_problem({raw})", f"bad_{col.type}", {}
        elif col.type == ENUM:
            yield col, f"{raw} IS NOT NULL AND {typed} IS NULL", \
                "'unknown value; accepted: ' || $accepted", "bad_value", \
                {"accepted": contract.enum_help(col.enum)}


def _check_columns(con, tbl: contract.Table) -> None:
    """All per-value checks of a table, over the rows the typed build flagged (_suspect:
    usually none, and then nothing else is read), each paired with its staged text by _sid;
    the checks run as one UNION ALL query over those rows, not one scan per check."""
    template = sqlfiles.load("ingest/check_column.sql")
    checks = list(_column_checks(tbl))
    if not checks:
        return
    if not con.execute(f"SELECT count(*) FROM typed_{tbl.name} WHERE _suspect").fetchall()[0][0]:
        return
    absent = dict(con.execute("SELECT col, list(DISTINCT file) FROM absent_columns WHERE tbl = $t "
                              "GROUP BY col", {"t": tbl.name}).fetchall())
    errors = "AND NOT EXISTS (SELECT 1 FROM cell_errors e WHERE e.file = s._file AND " \
        "e.\"row\" = s._row AND e.col = $column_{n})" \
        if con.execute("SELECT count(*) FROM cell_errors").fetchall()[0][0] else ""
    con.execute(f"CREATE OR REPLACE TEMP TABLE _suspect AS SELECT s, t FROM typed_{tbl.name} t "
                f"JOIN stg_{tbl.name} s ON s.rowid = t._sid WHERE t._suspect")
    parts, params = [], {}
    for n, (col, candidate, problem, code, extra) in enumerate(checks):
        skip = f"AND NOT list_contains($absent_{n}, s._file)" if col.name in absent else ""
        parts.append(template.format(table=tbl.name, column=col.name, candidate=candidate,
                                     problem=problem.replace("$accepted", f"$accepted_{n}"),
                                     absent=skip, errors=errors.replace("{n}", str(n)), n=n,
                                     pair="_suspect"))
        params.update({f"column_{n}": col.name, f"code_{n}": code})
        if skip:
            params[f"absent_{n}"] = absent[col.name]
        if "accepted" in extra:
            params[f"accepted_{n}"] = extra["accepted"]
    body = "\nUNION ALL\n".join("\n".join(line for line in part.splitlines()
                                           if not line.startswith("--")) for part in parts)
    try:
        problems.add_query(con, body, params)
    finally:
        con.execute("DROP TABLE _suspect")


def _key_text(alias: str, columns) -> str:
    return " || ' / ' || ".join(f"coalesce({alias}.\"{c}\"::VARCHAR, '')" for c in columns)


def _check_duplicates(con, tbl: contract.Table) -> None:
    keys = [tbl.column(k).store_name for k in tbl.key]
    sql = sqlfiles.load("ingest/check_duplicates.sql").format(
        table=tbl.name, keys=", ".join(f'"{k}"' for k in keys),
        t_keys=", ".join(f't."{k}"' for k in keys),
        keys_not_null=" AND ".join(f'"{k}" IS NOT NULL' for k in keys),
        key_text=_key_text("t", keys))
    problems.add_query(con, sql, {"column": " + ".join(keys)})


def _check_references(con, tbl: contract.Table) -> None:
    template = sqlfiles.load("ingest/check_reference.sql")
    for ref in tbl.references:
        pairs = list(zip(ref.columns, ref.target_columns))
        sql = template.format(
            table=tbl.name, target=ref.target,
            value=_key_text("c", ref.columns),
            not_null=" AND ".join(f'c."{c}" IS NOT NULL' for c in ref.columns),
            batch_match=" AND ".join(f'p."{t}" = c."{c}"' for c, t in pairs),
            stored_match=" AND ".join(f's."{t}" = c."{c}"' for c, t in pairs))
        what = " + ".join(ref.columns)
        params = {"severity": ref.severity, "column": what,
                  "problem": f"unknown {what}:",
                  "where": f"is not in {ref.target} (neither in this batch nor stored)",
                  "code": f"unknown_{ref.target}"}
        problems.add_query(con, sql, params)


def _unknown_items(con) -> None:
    uses = " UNION ALL ".join(f"SELECT item_code, _file, _row FROM typed_{t}"
                              for t in contract.ITEM_CODE_TABLES)
    execute_script(con, sqlfiles.load("ingest/unknown_items.sql").format(uses=uses))
    problems.add_query(con, """
        SELECT 'warning' AS severity, file, "row", 'item_code' AS "column", item_code AS value,
               'item code not in the catalogue (items): it will be added with an empty '
               || 'description (' || uses || ' rows use it)' AS problem,
               'new_item' AS code
        FROM new_items""")


def run(con, progress=None) -> None:
    """Type every staged table and record every problem; see the module docstring.

    Each staging table is dropped as soon as its per-value checks are done (later checks
    and the load read the typed tables only): at 10 million lines the text copies would
    otherwise hold a gigabyte that the load and the line facts need."""
    steps = len(contract.TABLES)
    for i, tbl in enumerate(contract.TABLES):
        if progress:
            progress(f"checking {tbl.name}", i / steps)
        with step(f"type {tbl.name}"):
            build_typed(con, tbl)
        if con.execute(f"SELECT count(*) FROM stg_{tbl.name}").fetchall()[0][0]:
            with step(f"check values {tbl.name}"):
                _check_columns(con, tbl)
            with step(f"check keys {tbl.name}"):
                _check_duplicates(con, tbl)
            if tbl.name == "items":      # the staged grupo tells "not given" from "not valid"
                problems.add_query(con, sqlfiles.load("ingest/items_without_group.sql"))
        con.execute(f"DROP TABLE stg_{tbl.name}")
    for tbl in contract.TABLES:
        if tbl.references and con.execute(f"SELECT count(*) FROM typed_{tbl.name}").fetchall()[0][0]:
            with step(f"check references {tbl.name}"):
                _check_references(con, tbl)
    with step("check row rules"):
        problems.add_query(con, sqlfiles.load("ingest/rules.sql"))
    # rules across tables (batch and stored), one statement each: in one, the orders they
    # share were read once but the three joins ran one after another at 1.5x the time
    for rule in ("penalty_order_contract", "delivered_before_order", "ordered_before_signed"):
        with step(f"check cross rule {rule}"):
            problems.add_query(con, sqlfiles.load(f"ingest/cross/{rule}.sql"))
    with step("check unknown items"):
        _unknown_items(con)
