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


def print_problems(problems: pd.DataFrame, file=sys.stderr, max_rows: int = 100) -> None:
    """The import problem table: file, row, column, value, problem (every one, at once)."""
    cols = [c for c in ("severity", "file", "row", "column", "value", "problem") if c in problems]
    shown = problems[cols].head(max_rows).copy()
    shown.attrs = {}      # the import's counts frame rides in attrs; pandas cannot compare it
    if "row" in shown and pd.api.types.is_float_dtype(shown["row"]):
        shown["row"] = shown["row"].astype("Int64")        # 12, not 12.0, when some rows are missing
    # Missing cells print empty: to_string's na_rep does not reach pandas' <NA> or a None.
    shown = shown.astype("string").fillna("")
    if "value" in shown:
        shown["value"] = shown["value"].str.slice(0, 40)
    print(shown.to_string(index=False), file=file)
    if len(problems) > max_rows:
        print(f"… and {len(problems) - max_rows:,} more problems", file=file)
