"""Shared pieces of the source adapters: where mapped rows go, how notes are kept, value helpers.

A mapper (OCDS, CompraNet) produces canonical rows (column -> text, dates ISO) and mapping
notes. They go to a *sink*: `RowSink` keeps them in lists (pure tests, small files);
`metrics.sources.staged.StagingSink` appends them in bounded batches to the importer's
staging tables and problems table. Notes of one kind are capped: the first `NOTE_EXAMPLES`
are listed with their record number and the rest only counted (RowSink: one summary line
"N more like this"; StagingSink: the problems table's true count), so a million contracts
in dollars give 20 rows, not a million. With `keep_all` (`abasto import --problems
FILE.csv`) every note is kept.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections import Counter, defaultdict
from datetime import date
from functools import lru_cache

from metrics.exceptions import AbastoError
from metrics.ingest import encodings

NOTE_EXAMPLES = 20
FLUSH_ROWS = 20_000
ENCODING_CHUNK = 1 << 20      # bytes read at a time when checking that a file is UTF-8

# Canonical columns the adapters fill (DATA_CONTRACT.md), in order; anything else -> extra.
COLUMNS: dict[str, tuple[str, ...]] = {
    "suppliers": ("supplier_id", "name", "rfc", "company_size", "state"),
    "institutions": ("institution_id", "name"),
    "units": ("unit_id", "institution_id", "name", "state", "kind"),
    "contracts": ("contract_id", "institution_id", "supplier_id", "procedure_type",
                  "is_emergency", "is_consolidated", "signed_date", "start_date", "end_date",
                  "amount", "currency", "status", "penalty_rate_per_day", "deduction_rate",
                  "guarantee_pct"),
    "contract_items": ("contract_id", "item_code", "unit_price", "min_qty", "max_qty"),
    "orders": ("order_id", "contract_id", "item_code", "unit_id", "order_date", "due_date",
               "qty_ordered", "cancelled"),
    "deliveries": ("delivery_id", "order_id", "delivered_date", "qty_delivered", "qty_rejected",
                   "delay_cause"),
    "tender_items": ("procedure_id", "item_code", "institution_id", "qty_requested", "outcome",
                     "published_date"),
}
# Reference rows repeat across records (the same supplier on many contracts): staged once.
KEYED = {"suppliers": "supplier_id", "institutions": "institution_id", "units": "unit_id"}


class SourceFormatError(AbastoError):
    """A source file that cannot be read at all (not JSON, truncated, no releases, bad header).

    Names the file, the record (1-based record number, or spreadsheet row) and the field."""

    def __init__(self, file, record, field, message):
        self.file, self.record, self.field, self.detail = str(file), record, field, message
        where = f"{self.file}" + (f", record {record}" if record is not None else "") + \
                (f", field {field}" if field else "")
        super().__init__(f"{where}: {message}")


class RowSink:
    """Collects canonical rows and notes in memory (tests and the `map_*` pure functions)."""

    def __init__(self, file: str = "", keep_all: bool = False):
        self.file = file
        self.rows: dict[str, list[dict]] = defaultdict(list)
        self.notes: list[dict] = []
        self._seen: dict[str, set] = defaultdict(set)
        self._kinds: Counter = Counter()
        self._first: dict[tuple, tuple] = {}      # (severity, kind) -> (column, problem) of its first note
        self.counts: Counter = Counter()
        # notes listed per kind; None: every one (the rest of a kind is counted, not listed)
        self.limit: int | None = None if keep_all else NOTE_EXAMPLES

    # rows ---------------------------------------------------------------
    def add(self, table: str, row: dict, record: int | None, extra: dict | None = None) -> None:
        key = KEYED.get(table)
        if key is not None:
            if row[key] in self._seen[table]:
                return
            self._seen[table].add(row[key])
        out = {c: _text(row.get(c)) for c in COLUMNS[table]}
        out["_row"] = record
        out["_extra"] = json.dumps(extra, ensure_ascii=False, default=str) if extra else None
        self.rows[table].append(out)
        self.counts[table] += 1
        if len(self.rows[table]) >= FLUSH_ROWS:
            self.flush(table)

    def flush(self, table: str | None = None) -> None:
        """RowSink keeps everything; StagingSink overrides this to hand rows on."""

    def duck(self):
        """A DuckDB connection for SQL mappers (StagingSink: the importer's own)."""
        if getattr(self, "_duck", None) is None:
            import duckdb
            self._duck = duckdb.connect()
        return self._duck

    def add_query(self, table: str, sql: str) -> None:
        """Add the rows of `sql` (canonical columns + _row + _extra) on duck()."""
        cur = self.duck().execute(sql)
        names = [d[0] for d in cur.description]
        for values in cur.fetchall():
            row = dict(zip(names, values))
            extra = json.loads(row["_extra"]) if row.get("_extra") else None
            self.add(table, row, row["_row"], extra)

    def close(self) -> None:
        self.flush()
        self._summarise()

    # notes --------------------------------------------------------------
    def note(self, severity: str, record, column: str | None, value, problem: str,
             kind: str | None = None) -> None:
        """A mapping note. `kind` groups repeats (default: the problem text)."""
        kind = kind or problem
        self._kinds[(severity, kind)] += 1
        self._first.setdefault((severity, kind), (column, problem))
        if self.limit is None or self._kinds[(severity, kind)] <= self.limit:
            self._emit(severity, record, column, None if value is None else str(value)[:200], problem)

    def note_many(self, severity: str, column: str | None, problem: str,
                  examples: list[tuple], total: int) -> None:
        """Notes for `total` rows of one kind, given the first (row, value) examples (at
        least `limit` of them; all when limit is None)."""
        for record, value in examples:
            self.note(severity, record, column, value, problem)
        if total > len(examples):
            self._kinds[(severity, problem)] += total - len(examples)
            self._first.setdefault((severity, problem), (column, problem))

    def _summarise(self) -> None:
        for (severity, kind), n in sorted(self._kinds.items()):
            if self.limit is not None and n > self.limit:
                column, problem = self._first[(severity, kind)]
                self._unlisted(severity, kind, column, problem, n - self.limit, n)
        self._kinds.clear()
        self._first.clear()

    def _unlisted(self, severity, kind, column, problem, unlisted: int, total: int) -> None:
        """The notes of a kind beyond `limit`: here one summary line (StagingSink counts them)."""
        self._emit(severity, None, None, None, f"{unlisted:,} more like this ({total:,} in all): {kind}")

    def _emit(self, severity, record, column, value, problem) -> None:
        self.notes.append({"severity": severity, "file": self.file, "row": record,
                           "column": column, "value": value, "problem": problem})

    def errors(self) -> list[dict]:
        return [n for n in self.notes if n["severity"] == "error"]


def _text(value) -> str | None:
    if value is None:
        return None
    if type(value) is str:
        return value.strip() or None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value) if value != int(value) or abs(value) >= 1e15 else str(int(value))
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    return text or None


# ---------------------------------------------------------------- values

_RFC = re.compile(r"^[A-ZÑ&]{3,4}\d{6}[A-Z0-9]{3}$")


def rfc_or_none(value) -> str | None:
    """The RFC in `value` (upper-cased, spaces and dashes removed) when it has a valid shape."""
    if value is None:
        return None
    text = re.sub(r"[\s\-_.]", "", str(value)).upper()
    return text if _RFC.match(text) else None


def fold(text) -> str:
    """Lower case, accents removed, runs of other characters as one space (for matching)."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def name_id(prefix: str, name: str) -> str:
    """A stable id from a name: same name (ignoring case, accents, punctuation) -> same id."""
    return f"{prefix}-{hashlib.sha1(fold(name).encode()).hexdigest()[:12].upper()}"


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MX_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})")


def iso_date(value) -> str | None:
    """ISO date text from an OCDS date-time, 'YYYY-MM-DD hh:mm GMT' or 'DD/MM/YYYY'; else None."""
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()[:10]
    text = str(value).strip()
    m = _ISO_DATE.match(text)
    try:
        if m:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        m = _MX_DATE.match(text)
        if m:
            return date(int(m[3]), int(m[2]), int(m[1])).isoformat()
    except ValueError:
        return None
    return None


def number(value) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = re.sub(r"[\s$,]", "", str(value))
    try:
        return float(text) if text else None
    except ValueError:
        return None


# ---------------------------------------------------------------- encodings

def detect_encoding(path) -> str:
    st = os.stat(path)
    return _detect_encoding(str(path), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=64)
def _detect_encoding(path: str, _mtime: int, _size: int) -> str:
    """'utf-8' when the whole file is UTF-8 (BOM allowed), else 'latin-1', read as Windows-1252
    (Latin1AsUtf8; Mexican exports and some OCDS publishers): metrics.ingest.encodings, as
    the canonical CSV reader. A file mixing UTF-8 text and other bytes is a SourceFormatError
    naming the line (its accents would be stored garbled either way)."""
    try:
        return encodings.detect(path, ENCODING_CHUNK)
    except encodings.MixedEncoding as exc:
        raise SourceFormatError(path, exc.line, None,
                                f"byte 0x{exc.byte:02X} is not UTF-8 while the rest of the file "
                                f"is UTF-8 (edited in two encodings?): save the file again as "
                                f"UTF-8") from None


class Latin1AsUtf8:
    """A binary reader giving UTF-8 bytes of a 'latin-1' file, read as Windows-1252 (ijson
    parses UTF-8 only)."""

    def __init__(self, handle):
        self.handle = handle

    def read(self, size: int = -1) -> bytes:
        return encodings.decode_windows1252(self.handle.read(size)).encode("utf-8")

    def close(self) -> None:
        self.handle.close()
