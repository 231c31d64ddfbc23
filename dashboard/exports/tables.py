"""Tables people open in Excel: CSV (UTF-8 with BOM) and XLSX (formatted, one sheet per table).

Safety: a cell from the data that starts with = + - @ tab or CR could be run as a formula
by a spreadsheet (OWASP "CSV injection": a supplier named `=HYPERLINK(...)`). In XLSX such
text is written as a string with Excel's quote-prefix style, so it shows as typed and stays
text even when edited; in CSV it is prefixed with an apostrophe. Numbers are never touched.

XLSX: localised headers, number formats per column kind (columns.py: percent 0.0 %, MXN
$#,##0.00, dd/mm/yyyy dates in Spanish, …), frozen header row, autofilter, column widths,
and a sheet stating the scope (filters, as-of, grace), the score weights and the
methodology version, so a workbook forwarded by e-mail still says what it measures.
"""
from __future__ import annotations

import io
import math
import re
from datetime import date, datetime
from decimal import Decimal

import pandas as pd

import metrics
from dashboard.exports import columns as cols
from metrics import words
from metrics.exceptions import AbastoError
from metrics.fmt import fill
from metrics.formula_text import is_dangerous, neutralise

XLSX_MAX_ROWS = 1_048_576 - 1          # Excel's limit minus the header row
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")

NUMBER_FORMATS = {
    "percent": "0.0%",
    "money": "$#,##0.00",
    "int": "#,##0",
    "number": "#,##0.0",
    "decimal": "#,##0.00",
    "score": "0.0",
    "stat": "0.000",
}
DATE_FORMATS = {"es": "dd/mm/yyyy", "en": "yyyy-mm-dd"}
# [$-080A] is the es-MX locale: Excel then names months in Spanish ("nov 2026")
MONTH_FORMATS = {"es": "[$-080A]mmm yyyy", "en": "[$-409]mmm yyyy"}
DATETIME_FORMATS = {"es": "dd/mm/yyyy hh:mm", "en": "yyyy-mm-dd hh:mm"}
CSV_DATE_FORMATS = {"date": {"es": "%d/%m/%Y", "en": "%Y-%m-%d"},
                    "month": {"es": "%m/%Y", "en": "%Y-%m"},
                    "datetime": {"es": "%d/%m/%Y %H:%M", "en": "%Y-%m-%d %H:%M"}}
_WHEN = ("date", "month", "datetime")
BOOL_TEXT = {"es": ("sí", "no"), "en": ("yes", "no")}


class ExportError(AbastoError):
    """A table could not be exported (bad input, unwritable file)."""


# ---------------------------------------------------------------- cell safety

# is_dangerous / neutralise: metrics/formula_text.py (the command line's CSV does the same)


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


# ---------------------------------------------------------------- CSV

def _whole(series: pd.Series) -> bool:
    values = series.dropna()
    return bool(((values % 1) == 0).all()) and bool((values.abs() < 2**53).all())


def _csv_frame(frame: pd.DataFrame, lang: str, labels, kinds) -> pd.DataFrame:
    out = pd.DataFrame(index=range(len(frame)))
    yes, no = BOOL_TEXT[lang]
    for name in frame.columns:
        series = frame[name].reset_index(drop=True)
        k = cols.kind(str(name), series, kinds)
        if k in _WHEN:
            fmt = CSV_DATE_FORMATS[k][lang]
            values = [None if _missing(v) or _as_date(v) is None else _as_date(v).strftime(fmt)
                      for v in series]
        elif k == "bool":
            values = [None if _missing(v) else (yes if bool(v) else no) for v in series]
        elif k == "int" and pd.api.types.is_float_dtype(series) and _whole(series):
            values = series.round().astype("Int64")      # counts summed as DOUBLE: 730, not 730.0
        elif pd.api.types.is_numeric_dtype(series):
            values = series
        else:
            values = [None if _missing(v) else neutralise(str(v)) for v in series]
        out[cols.label(str(name), lang, labels)] = values
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def to_csv_bytes(frame: pd.DataFrame, lang: str = "es", *, labels: dict | None = None,
                 kinds: dict | None = None) -> bytes:
    """CSV for Excel: UTF-8 with BOM (accents open right), localised headers, dates
    dd/mm/yyyy in Spanish (ISO in English), rates as fractions, formula text neutralised."""
    _check(frame, "table")
    text = _csv_frame(frame, lang, labels, kinds).to_csv(index=False, lineterminator="\r\n")
    return "\ufeff".encode("utf-8") + text.encode("utf-8")


# ---------------------------------------------------------------- XLSX

def _as_date(value):
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)      # Excel has no time zones
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        return datetime.fromisoformat(value[:10])
    return None


def _check(frame, name) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise ExportError(f"{name}: expected a table (DataFrame), got {type(frame).__name__}")


def sheet_name(name: str, used: set[str]) -> str:
    """An Excel-legal, unique sheet name (31 chars, no []:*?/\\)."""
    base = _SHEET_BAD.sub(" ", str(name)).strip().strip("'")[:31] or "Hoja"
    candidate, i = base, 2
    while candidate.lower() in used:
        suffix = f" ({i})"
        candidate, i = base[: 31 - len(suffix)] + suffix, i + 1
    used.add(candidate.lower())
    return candidate


class _Formats:
    """xlsxwriter formats, created once per workbook."""

    def __init__(self, wb, lang: str):
        self.header = wb.add_format({"bold": True, "bg_color": "#1F3B57", "font_color": "#FFFFFF",
                                     "text_wrap": True, "valign": "top", "border": 1})
        self.text = wb.add_format({})
        self.guarded = wb.add_format({"quote_prefix": True})
        self.by_kind = {k: wb.add_format({"num_format": f}) for k, f in NUMBER_FORMATS.items()}
        self.by_kind["date"] = wb.add_format({"num_format": DATE_FORMATS[lang]})
        self.by_kind["month"] = wb.add_format({"num_format": MONTH_FORMATS[lang]})
        self.by_kind["datetime"] = wb.add_format({"num_format": DATETIME_FORMATS[lang]})
        self.title = wb.add_format({"bold": True, "font_size": 14})
        self.key = wb.add_format({"bold": True, "valign": "top"})
        self.wrap = wb.add_format({"text_wrap": True, "valign": "top"})


def _display_width(value, k: str) -> int:
    if _missing(value):
        return 0
    if k in ("date",):
        return 10
    if k == "datetime":
        return 16
    if k == "month":
        return 8
    if k == "money":
        return len(f"${value:,.2f}") if isinstance(value, (int, float)) else len(str(value))
    if k == "percent":
        return 7
    if isinstance(value, float):
        return len(f"{value:,.2f}")
    if isinstance(value, int):
        return len(f"{value:,}")
    return len(str(value))


def _write_table(ws, frame: pd.DataFrame, fmts: _Formats, lang, labels, kinds) -> dict:
    """Write one table; return counts (rows, neutralised cells, truncated rows)."""
    stats = {"rows": min(len(frame), XLSX_MAX_ROWS), "neutralised": 0,
             "truncated": max(0, len(frame) - XLSX_MAX_ROWS)}
    frame = frame.iloc[:XLSX_MAX_ROWS]
    yes, no = BOOL_TEXT[lang]
    for c, name in enumerate(frame.columns):
        name = str(name)
        series = frame.iloc[:, c]
        k = cols.kind(name, series, kinds)
        header = cols.label(name, lang, labels)
        ws.write_string(0, c, header, fmts.header)
        width = len(header) if len(header) <= 24 else max(12, len(header) // 2)
        fmt = fmts.by_kind.get(k)
        numeric = pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)
        for r, value in enumerate(series.tolist(), start=1):
            if _missing(value):
                continue
            if r <= 500:
                width = max(width, _display_width(value, k))
            if k in _WHEN:
                when = _as_date(value)
                if when is not None:
                    ws.write_datetime(r, c, when, fmt)
                    continue
            if k == "bool" or isinstance(value, bool):
                ws.write_string(r, c, yes if value else no, fmts.text)
            elif numeric or isinstance(value, (int, float, Decimal)):
                value = float(value) if not isinstance(value, int) else value
                if isinstance(value, float) and math.isinf(value):
                    ws.write_string(r, c, "∞" if value > 0 else "-∞", fmts.text)
                else:
                    ws.write_number(r, c, value, fmt)
            else:
                text = str(value)
                if is_dangerous(text):
                    stats["neutralised"] += 1
                    ws.write_string(r, c, text, fmts.guarded)
                else:
                    ws.write_string(r, c, text, fmts.text)
        ws.set_column(c, c, min(max(width + 2, 8), 60))
    ws.freeze_panes(1, 0)
    if len(frame.columns):
        ws.autofilter(0, 0, max(len(frame), 1), len(frame.columns) - 1)
    ws.set_row(0, 30 if any(len(cols.label(str(n), lang, labels)) > 24 for n in frame.columns) else None)
    return stats


SCOPE_TEXT = {
    "sheet": ("Alcance y método", "Scope and method"),
    "title": ("Abasto: alcance, pesos y metodología de esta exportación",
              "Abasto: scope, weights and methodology of this export"),
    "generated": ("Generado", "Generated"),
    "period": ("Periodo (fecha límite)", "Period (due date)"),
    "all_dates": ("todas las fechas", "all dates"),
    "as_of": ("Fecha de corte", "As of"),
    "as_of_default": ("última entrega registrada", "latest delivery stored"),
    "grace": ("Días de gracia", "Grace days"),
    "grace_default": ("configuración (grace_days)", "setting (grace_days)"),
    "filters": ("Filtros", "Filters"),
    "none": ("ninguno (todo)", "none (everything)"),
    "weights": ("Pesos de la calificación", "Score weights"),
    "tiers": ("Niveles (A/B/C)", "Tiers (A/B/C)"),
    "min_lines": ("Líneas mínimas para calificar", "Minimum lines to be tiered"),
    "threshold": ("Umbral de desabasto", "Shortage threshold"),
    "overridden": ("Ajustes cambiados para esta exportación (--set)", "Settings changed for this export (--set)"),
    "version": ("Versión de la metodología", "Methodology version"),
    "software": ("Versión de Abasto", "Abasto version"),
    "source": ("Fuente", "Source"),
    "tables": ("Tablas", "Tables"),
    "rows": ("{n} {n:fila|filas}", "{n} {n:row|rows}"),
    "neutralised": ("{n} {n:celda|celdas} de texto que {n:empieza|empiezan} con = + - @ "
                    "{n:guardada|guardadas} como texto (no se {n:ejecuta|ejecutan})",
                    "{n} text {n:cell|cells} starting with = + - @ stored as text (never run)"),
    "truncated": ("{n} {n:fila omitida|filas omitidas} por el límite de Excel",
                  "{n} {n:row|rows} left out (Excel row limit)"),
    "notes": ("Notas", "Notes"),
    "delivery": ("entrega a tiempo y completa", "on time in full"),
    "completeness": ("surtimiento", "completeness"),
    "quality": ("calidad", "quality"),
    "timeliness": ("puntualidad", "timeliness"),
    "price": ("precio", "price"),
}


def _t(key: str, lang: str, **values) -> str:
    text = SCOPE_TEXT[key][0 if lang == "es" else 1]
    return fill(text, **values) if values else text


def scope_rows(scope=None, *, lang: str = "es", settings=None, source: str | None = None,
               overridden=()) -> list[tuple[str, str]]:
    """(label, value) lines describing what an export covers; also used by the PDF reports.

    scope: a metrics.scope.Scope, or a metrics.scope.Resolved (then as-of and grace are the
    concrete ones used), or None (everything, defaults). overridden: names of the settings
    the command line's --set changed for this export, listed with the values used (the
    rows above show only some settings, and abasto.toml alone would give other numbers).
    """
    from metrics import fmt
    from metrics.scope import FILTERS
    if settings is None:
        from metrics.settings import load_settings
        settings = load_settings()
    resolved_as_of = getattr(scope, "as_of", None) if hasattr(scope, "scope") else None
    resolved_grace = getattr(scope, "grace_days", None) if hasattr(scope, "scope") else None
    base = scope.scope if hasattr(scope, "scope") else scope
    rows: list[tuple[str, str]] = []
    start = fmt.day(base.date_from, lang) if base is not None and base.date_from else "…"
    end = fmt.day(base.date_to, lang) if base is not None and base.date_to else "…"
    rows.append((_t("period", lang), _t("all_dates", lang) if start == end == "…" else f"{start} – {end}"))
    as_of = resolved_as_of or (base.as_of if base is not None else None)
    rows.append((_t("as_of", lang), fmt.day(as_of, lang) if as_of else _t("as_of_default", lang)))
    grace = resolved_grace if resolved_grace is not None else (base.grace_days if base is not None else None)
    rows.append((_t("grace", lang), str(grace if grace is not None else settings.grace_days)))
    active = base.active_filters() if base is not None else {}
    if not active:
        rows.append((_t("filters", lang), _t("none", lang)))
    for name, values in active.items():       # codes (item group, procedure type) in words
        column = FILTERS[name][0]
        rows.append((FILTERS[name][1 if lang == "es" else 2],
                     ", ".join(str(words.word(column, v, lang)) for v in values)))
    weights = settings.weights()
    total = sum(weights.values()) or 1
    rows.append((_t("weights", lang), " · ".join(
        f"{_t(k, lang)} {fmt.number(w, 0)} ({fmt.percent(w / total, 0)})" for k, w in weights.items())))
    rows.append((_t("tiers", lang), f"A ≥ {settings.tier_a:g} · B ≥ {settings.tier_b:g} · "
                                    f"C ≥ {settings.tier_c:g} · D < {settings.tier_c:g}"))
    rows.append((_t("min_lines", lang), fmt.number(settings.min_lines)))
    rows.append((_t("threshold", lang), fmt.percent(settings.shortage_threshold, 0)))
    if overridden:
        rows.append((_t("overridden", lang), " · ".join(
            f"{name} = {getattr(settings, name):g}" for name in overridden)))
    rows.append((_t("version", lang), metrics.METHODOLOGY_VERSION))
    rows.append((_t("software", lang), metrics.__version__))
    if source:
        rows.append((_t("source", lang), source))
    return rows


def _write_scope_sheet(ws, fmts: _Formats, rows, tables_stats, lang, notes) -> None:
    ws.write_string(0, 0, _t("title", lang), fmts.title)
    ws.write_string(1, 0, _t("generated", lang), fmts.key)
    ws.write_string(1, 1, datetime.now().strftime("%d/%m/%Y %H:%M" if lang == "es" else "%Y-%m-%d %H:%M"))
    r = 2
    for key, value in rows:
        ws.write_string(r, 0, key, fmts.key)
        ws.write_string(r, 1, value, fmts.guarded if is_dangerous(value) else fmts.wrap)
        r += 1
    r += 1
    ws.write_string(r, 0, _t("tables", lang), fmts.key)
    for name, stats in tables_stats.items():
        line = _t("rows", lang, n=f"{stats['rows']:,}")
        if stats["neutralised"]:
            line += "; " + _t("neutralised", lang, n=f"{stats['neutralised']:,}")
        if stats["truncated"]:
            line += "; " + _t("truncated", lang, n=f"{stats['truncated']:,}")
        ws.write_string(r, 1, f"{name}: {line}", fmts.wrap)
        r += 1
    for note in notes or ():
        r += 1
        ws.write_string(r, 0, _t("notes", lang), fmts.key)
        ws.write_string(r, 1, str(note), fmts.guarded if is_dangerous(str(note)) else fmts.wrap)
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 90)


def to_xlsx_bytes(tables: dict[str, pd.DataFrame], *, scope=None, lang: str = "es",
                  settings=None, labels: dict | None = None, kinds: dict | None = None,
                  source: str | None = None, notes: list[str] | None = None,
                  sheet_columns: dict[str, tuple[dict, dict]] | None = None, overridden=()) -> bytes:
    """A workbook: one formatted sheet per table (in the given order), then the scope sheet.

    tables: sheet name -> frame. scope: Scope or Resolved; overridden: the settings --set
    changed (see scope_rows). labels/kinds: per-column overrides of the header text and
    format kind (columns.py); sheet_columns: sheet name -> (labels, kinds) for one sheet
    only (e.g. the shortage views' wording).
    """
    import xlsxwriter

    if lang not in ("es", "en"):
        raise ExportError(f"unknown language '{lang}' (use es or en)")
    for name, frame in tables.items():
        _check(frame, name)
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                      "strings_to_urls": False, "strings_to_numbers": False,
                                      "default_date_format": DATE_FORMATS[lang]})
    fmts = _Formats(wb, lang)
    used: set[str] = set()
    stats = {}
    for name, frame in tables.items():
        ws = wb.add_worksheet(sheet_name(name, used))
        own_labels, own_kinds = (sheet_columns or {}).get(name, ({}, {}))
        stats[ws.get_name()] = _write_table(ws, frame, fmts, lang, {**(labels or {}), **own_labels},
                                            {**(kinds or {}), **own_kinds})
    ws = wb.add_worksheet(sheet_name(_t("sheet", lang), used))
    _write_scope_sheet(ws, fmts, scope_rows(scope, lang=lang, settings=settings, source=source,
                                            overridden=overridden), stats, lang, notes)
    wb.set_properties({"title": _t("title", lang), "comments": f"Abasto {metrics.__version__}, "
                       f"methodology {metrics.METHODOLOGY_VERSION}"})
    wb.close()
    return buffer.getvalue()


def write_bytes(data: bytes, out) -> None:
    """Write an export to a file (atomically), as an AbastoError when that is not possible."""
    from pathlib import Path
    path = Path(out)
    if path.is_dir():
        raise ExportError(f"cannot write {path}: it is a folder")
    tmp = path.with_name(f".{path.name}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
