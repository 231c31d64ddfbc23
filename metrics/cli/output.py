"""Writing result frames: table (people), csv and json (scripts)."""
from __future__ import annotations

import json
import math
import sys
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from metrics.exceptions import AbastoError
from metrics.formula_text import neutralise_frame


def _jsonable(value):
    if value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (date, datetime, pd.Timestamp)):
        return value.isoformat()[:10] if not isinstance(value, datetime) or value.time() == datetime.min.time() else value.isoformat()
    if hasattr(value, "item"):
        return _jsonable(value.item())
    return value


def to_json(frame: pd.DataFrame) -> str:
    records = [{k: _jsonable(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]
    return json.dumps(records, ensure_ascii=False, indent=2)


def to_table(frame: pd.DataFrame, max_rows: int = 200, lang: str = "es") -> str:
    es = lang == "es"
    if frame.empty:
        return "(sin filas)" if es else "(no rows)"
    shown = frame.head(max_rows)
    text = shown.to_string(index=False, na_rep="—", float_format=lambda v: f"{v:,.4g}")
    if len(frame) > max_rows:
        more = len(frame) - max_rows
        text += (f"\n… {more:,} filas más (todas con --format csv --out ARCHIVO)" if es
                 else f"\n… {more:,} more rows (use --format csv --out FILE for all)")
    return text


def write(frame: pd.DataFrame, fmt: str = "table", out: str | None = None, lang: str = "es") -> None:
    if fmt == "csv":      # opened in Excel as often as read by scripts: formula text made inert
        text = neutralise_frame(frame).to_csv(index=False, date_format="%Y-%m-%d")
    elif fmt == "json":
        text = to_json(frame) + "\n"
    else:
        text = to_table(frame, lang=lang) + "\n"
    write_text(text, out, len(frame))


def write_text(text: str, out: str | None, rows: int) -> None:
    """Text to the file `out` (saying how many rows went there), else to stdout."""
    if out:
        try:
            Path(out).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise AbastoError(f"cannot write {out}: {exc.strerror or exc}") from None
        print(f"{rows:,} rows written to {out}", file=sys.stderr)
    else:
        sys.stdout.write(text)


SHOW_ALL = 50        # up to this many problems every row is printed
PER_GROUP = 5        # above it, a count per file, column and kind, and that many rows of each
VALUE_WIDTH = 80     # the value column is cut here on screen (with …); --problems FILE has it whole
PROBLEM_COLUMNS = ["severity", "file", "row", "column", "value", "problem", "code"]


def _problem_table(rows: pd.DataFrame) -> str:
    cols = [c for c in ("severity", "file", "row", "column", "value", "problem") if c in rows]
    shown = rows[cols].copy()
    shown.attrs = {}      # the import's counts frame rides in attrs; pandas cannot compare it
    if "row" in shown and pd.api.types.is_float_dtype(shown["row"]):
        shown["row"] = shown["row"].astype("Int64")        # 12, not 12.0, when some rows are missing
    # Missing cells print empty: to_string's na_rep does not reach pandas' <NA> or a None.
    shown = shown.astype("string").fillna("")
    if "value" in shown:
        long = shown["value"].str.len() > VALUE_WIDTH
        shown["value"] = shown["value"].where(~long, shown["value"].str.slice(0, VALUE_WIDTH - 1) + "…")
    return shown.to_string(index=False)


def _groups(problems: pd.DataFrame) -> list[str]:
    return [c for c in ("severity", "file", "column", "code") if c in problems]


def problem_counts(problems: pd.DataFrame) -> pd.DataFrame:
    """True count per (severity, file, column, code): the import's attrs["counts"] when it is
    there (the frame may keep only some rows of a kind), else counted from the rows."""
    counts = problems.attrs.get("counts")
    keys = _groups(problems)
    if isinstance(counts, pd.DataFrame) and not counts.empty and set(keys) <= set(counts):
        if "severity" in keys:      # a frame of the errors (or warnings) only: their counts
            counts = counts[counts["severity"].isin(problems["severity"].unique())]
        return counts[[*keys, "problem", "n"]].reset_index(drop=True)
    if problems.empty:
        return pd.DataFrame(columns=[*keys, "problem", "n"])
    grouped = problems.groupby(keys, dropna=False, sort=False)
    return grouped.agg(problem=("problem", "first"), n=("problem", "size")).reset_index()


def print_problems(problems: pd.DataFrame, file=sys.stderr, per_group: int = PER_GROUP,
                   show_all: int = SHOW_ALL, written_to: str | None = None) -> int:
    """The import problem table: severity, file, row, column, value, problem. Up to `show_all`
    problems every row (the value column cut at VALUE_WIDTH); above, first a count per file, column and kind of problem (every
    file and kind appears), then the first `per_group` rows of each. Returns the number of
    problem rows printed."""
    counts = problem_counts(problems)
    total = int(counts["n"].sum()) if not counts.empty else len(problems)
    if total <= show_all and len(problems) == total:
        print(_problem_table(problems), file=file)
        return len(problems)
    keys = _groups(problems)
    summary = counts.copy()
    summary.attrs = {}
    for key in keys:
        summary[key] = summary[key].astype("string").fillna("")
    summary["problem"] = summary["problem"].astype("string").fillna("").str.slice(0, 100)
    summary = summary[["n", *[k for k in keys if k != "code"], "problem"]]
    print(f"{total:,} problem(s), by file, column and kind:", file=file)
    print(summary.to_string(index=False, formatters={"n": "{:,}".format}), file=file)
    shown = problems.groupby(keys, dropna=False, sort=False).head(per_group) if keys \
        else problems.head(per_group)
    print(f"\nthe first {per_group} row(s) of each:", file=file)
    print(_problem_table(shown), file=file)
    where = f"all of them are in {written_to}" if written_to else \
        "write them all to a file with --problems FILE.csv"
    print(f"{len(shown):,} of {total:,} problem(s) shown; {where}", file=file)
    return len(shown)


def write_problems(problems: pd.DataFrame, out: str) -> None:
    """Every problem row to a CSV (UTF-8 with BOM, for Excel): severity, file, row, column,
    value, problem, code; formula text made inert like every CSV Abasto writes."""
    frame = problems.reindex(columns=PROBLEM_COLUMNS).copy()
    frame.attrs = {}
    if pd.api.types.is_float_dtype(frame["row"]):
        frame["row"] = frame["row"].astype("Int64")
    try:
        neutralise_frame(frame).to_csv(out, index=False, encoding="utf-8-sig")
    except OSError as exc:
        raise AbastoError(f"cannot write {out}: {exc.strerror or exc}") from None
    print(f"{len(frame):,} problem(s) written to {out}", file=sys.stderr)
