"""Reading canonical files (CSV, XLSX, Parquet) into a DuckDB source with columns c0, c1, ...

Each reader returns a `Source`: the header as written in the file and its row (1, but a
sheet's own row in a workbook whose table starts lower down), the FROM text of the rows, the
SQL giving each row's spreadsheet row number, and problems found
while reading (rows a CSV parser had to reject). The data never passes through pandas: CSV
and Parquet are read by DuckDB itself; XLSX cells go from calamine to Arrow in chunks.
A file that cannot be read at all raises `Unreadable` with a message for the user.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from metrics.ingest import contract, encodings

CSV_EXTENSIONS = {".csv", ".tsv", ".txt"}
XLSX_EXTENSIONS = {".xlsx", ".xlsm"}
PARQUET_EXTENSIONS = {".parquet", ".pq"}
EXTENSIONS = CSV_EXTENSIONS | XLSX_EXTENSIONS | PARQUET_EXTENSIONS
SNIFF_BYTES = 256 * 1024
XLSX_CHUNK = 50_000

_MAGIC = [
    (b"PK\x03\x04", "a ZIP archive (an Excel .xlsx workbook?); give it its real extension"),
    (b"PAR1", "a Parquet file; give it the .parquet extension"),
    (b"%PDF", "a PDF document, not a data file"),
    # OLE2: what Excel writes for .xls and for a password-protected (encrypted) .xlsx alike
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
     "an old Excel .xls workbook, or a password-protected one (save it as .xlsx without a "
     "password, or as CSV UTF-8)"),
    (b"\x1f\x8b", "a gzip-compressed file (decompress it first)"),
    (b"SQLite format 3", "a SQLite database, not a data file"),
]


def _refuse_other_kind(head: bytes, expected: str) -> None:
    """Unreadable naming what the file is when its first bytes say it is another kind."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise Unreadable(f"this is not {expected}: it is {what}")


_REJECT_TEXT = {
    "MISSING COLUMNS": "row has fewer fields than the header (truncated file or missing separator?)",
    "TOO MANY COLUMNS": "row has more fields than the header (a separator inside an unquoted value?)",
    "UNQUOTED VALUE": "unterminated or misplaced quote (truncated file?)",
    "LINE SIZE OVER MAXIMUM": "row is too long (over 8 MB): not a CSV file?",
    "INVALID UNICODE": "characters not valid in the file's encoding",
    "INVALID ENCODING": "characters not valid in the file's encoding",
}


class Unreadable(Exception):
    """The file cannot be read at all; the message says why, for the user."""


@dataclass
class Source:
    headers: list[str]
    sql: str                    # FROM text: columns c0..c{n-1}
    row_expr: str               # spreadsheet row number of each row
    where: str = "TRUE"
    params: dict = field(default_factory=dict)
    problems: list[tuple] = field(default_factory=list)   # (row, column, value, problem, code)
    format: str = ""
    sheet: str | None = None
    table: str | None = None          # the table the sheet's name gives (XLSX)
    several_sheets: bool = False      # the workbook has others: problems name this sheet
    cell_errors: list[tuple] = field(default_factory=list)  # (row, column index, '#N/A') (XLSX)
    cleanup: list[str] = field(default_factory=list)      # temp tables / views to drop
    header_row: int = 1               # the header's row (XLSX: the sheet's own, rows above it counted)


def kind(path: Path) -> str | None:
    ext = path.suffix.lower()
    if ext in CSV_EXTENSIONS:
        return "csv"
    if ext in XLSX_EXTENSIONS:
        return "xlsx"
    if ext in PARQUET_EXTENSIONS:
        return "parquet"
    return None


def read(con, path: Path, table_hint: str | None, inner_blank: bool | None = None) -> list[Source]:
    """The file's tables: one, except a workbook with several sheets named after tables.
    inner_blank: what BlankLineScan found when the caller already read the file (CSV)."""
    what = kind(path)
    if what == "csv":
        return [read_csv(con, path, inner_blank)]
    if what == "xlsx":
        return read_xlsx(con, path, table_hint)
    if what == "parquet":
        return [read_parquet(con, path)]
    raise Unreadable(f"unknown file type '{path.suffix}': use .csv, .xlsx or .parquet")


def duck_message(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0][:300]


# ---------------------------------------------------------------- CSV

_SEP_LINE = re.compile(r'"?sep=([^"\r\n])"?[ \t]*(\r\n|\r|\n|$)', re.IGNORECASE)


def _sniff(path: Path) -> tuple[str, str, list[str], int]:
    """(encoding, delimiter, header cells, lines before the header) from the first bytes;
    Unreadable when not text."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError as exc:
        raise Unreadable(f"cannot open the file ({exc.strerror or exc})") from None
    if not head.lstrip(b"\xef\xbb\xbf").strip():
        raise Unreadable("the file is empty (no header row)")
    _refuse_other_kind(head, "a CSV file")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Unreadable("the file is UTF-16 text; save it as 'CSV UTF-8' (or Latin-1)")
    if b"\x00" in head:
        raise Unreadable("this is not a text CSV file (it contains binary data)")
    if head.startswith(b"\xef\xbb\xbf"):
        encoding, text = "utf-8", head[3:].decode("utf-8", errors="ignore")
    else:
        try:
            text = head.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError as exc:
            if exc.start >= len(head) - 3 and len(head) == SNIFF_BYTES:   # cut mid-character
                text, encoding = head[:exc.start].decode("utf-8"), "utf-8"
            else:
                text, encoding = head.decode("latin-1"), "latin-1"
    skip, hint = 0, _SEP_LINE.match(text)
    if hint:              # Excel's "sep=;" line names the separator; the header comes next
        skip, best, text = 1, hint.group(1), text[hint.end():]
    else:
        first = text.splitlines()[0] if text.splitlines() else ""
        best, best_n = ",", 0
        for delim in (",", ";", "\t", "|"):
            n = len(next(csv.reader([first], delimiter=delim, quotechar='"'), []))
            if n > best_n:
                best, best_n = delim, n
    # newline="": lines may end in CR alone (Excel for Mac's "CSV (Macintosh)"), as DuckDB reads them
    header = next(csv.reader(io.StringIO(text, newline=""), delimiter=best, quotechar='"'), [])
    if not any(h.strip() for h in header):
        raise Unreadable("the first row is empty: the header row must come first")
    return encoding, best, header, skip


_READ_CSV = ("read_csv($p, header = false, all_varchar = true, auto_detect = false, delim = $d, "
             "quote = '\"', escape = '\"', encoding = $e, columns = $c, null_padding = false, "
             "max_line_size = 8388608, skip = $s{rejects})")
_STORE_REJECTS = ", store_rejects = true, rejects_table = '_rejects', rejects_scan = '_reject_scans'"


def read_csv_direct(con, path: Path) -> Source:
    """The fast way to read a CSV that turns out clean: a Source that parses the file while
    the staging insert reads it (no _raw copy of the whole file: at 10M lines, a gigabyte
    less written and spilled), numbering rows by their order in the file (row_number() OVER ()
    is DuckDB's streaming window, a fixed-order operator: it sees the parser's rows in file
    order, as _raw's rowids do; test_ingest_csv_direct_read.py compares). Only valid when the
    parser rejected no line (`rejected_any`) and the file has no inner blank line: the
    caller checks and otherwise reads the file again with read_csv. Raises like read_csv,
    and for a file whose head is not UTF-8."""
    encoding, delim, header, skip = _sniff(path)
    if encoding != "utf-8":
        raise Unreadable("not UTF-8: read_csv tells Latin-1 from mixed-encoding files")
    for name in ("_rejects", "_reject_scans"):
        con.execute(f"DROP TABLE IF EXISTS {name}")
    params = {"p": str(path), "d": delim, "e": encoding, "s": skip,
              "c": {f"c{i}": "VARCHAR" for i in range(len(header))}}
    first = con.execute(f"SELECT * FROM {_READ_CSV.format(rejects='')} LIMIT 1", params).fetchall()
    headers = [("" if v is None else str(v)) for v in first[0]] if first else header
    sql = f"(SELECT row_number() OVER () AS _rid, * FROM {_READ_CSV.format(rejects=_STORE_REJECTS)})"
    return Source(headers, sql, "_rid", "_rid > 1", params=params,
                  format=f"csv ({encoding}, '{delim}')", cleanup=["_rejects", "_reject_scans"])


def rejected_any(con) -> bool:
    """Whether the last CSV read (read_csv_direct's source) rejected any line."""
    return bool(con.execute("SELECT count(*) FROM _rejects").fetchall()[0][0])


def _load_raw(con, path: Path, params: dict) -> int:
    """_raw (and _rejects) from the file; how many lines were rejected as not in the encoding."""
    for name in ("_raw", "_rejects", "_reject_scans"):
        con.execute(f"DROP TABLE IF EXISTS {name}")
    try:
        con.execute(f"CREATE TEMP TABLE _raw AS SELECT * FROM {_READ_CSV.format(rejects=_STORE_REJECTS)}",
                    {**params, "p": str(path)})
    except duckdb.OutOfMemoryException:
        raise      # the memory cap, not the file: the import says how to allow more
    except duckdb.Error as exc:
        raise Unreadable(f"cannot read as CSV: {duck_message(exc)}") from None
    return con.execute(f"SELECT count(*) FROM _rejects WHERE error_type IN {_BAD_ENCODING}"
                       ).fetchall()[0][0]


_BAD_ENCODING = "('INVALID UNICODE', 'INVALID ENCODING')"
_MIXED = "is not UTF-8 while the rest of the file is UTF-8: save the file again as UTF-8"


def _mixed_text(path: Path, line_start: int | None) -> str:
    byte = encodings.bad_byte(path, line_start - 1) if line_start else None   # DuckDB's is 1-based
    return f"byte 0x{byte:02X} {_MIXED}" if byte is not None else f"a byte {_MIXED}"


def read_csv(con, path: Path, inner_blank: bool | None = None) -> Source:
    encoding, delim, header, skip = _sniff(path)
    params = {"d": delim, "e": encoding, "s": skip,
              "c": {f"c{i}": "VARCHAR" for i in range(len(header))}}
    mixed, bad_lines = False, _load_raw(con, path, params) if encoding == "utf-8" else None
    if bad_lines != 0:
        # Not UTF-8 (at the start, or further on): Windows-1252, read from a UTF-8 copy
        # (DuckDB's latin-1 refuses bytes 80-9F: € – “ ”), unless the file also holds UTF-8
        # text; then its UTF-8 read rejects (and reports) the lines that are not UTF-8.
        # The copy has the same lines, so rows keep their numbers.
        copy = encodings.windows1252_copy(path)
        mixed = copy is None
        if copy is not None:
            encoding = "latin-1"
            try:
                _load_raw(con, copy, {**params, "e": "utf-8"})
            finally:
                copy.unlink()
        elif bad_lines is None:
            params["e"] = encoding = "utf-8"
            _load_raw(con, path, params)
    # DuckDB numbers lines from the top of the file, the sep= line included; rows do not count it
    header_rejected = con.execute("SELECT min(error_message), min(line_byte_position) "
                                  "FROM _rejects WHERE line - $s = 1", {"s": skip}).fetchall()[0]
    if header_rejected[0]:
        if mixed:
            raise Unreadable(f"row 1: {_mixed_text(path, header_rejected[1])}")
        raise Unreadable(f"cannot read the header row: {header_rejected[0]}")
    first = next(iter(con.execute("SELECT * FROM _raw WHERE rowid = 0").fetchall()), None)
    headers = [("" if v is None else str(v)) for v in first] if first else header
    # One problem per rejected line: its encoding error when it has several.
    rejects = con.execute(
        f"SELECT line - $s, arg_min(error_type, error_type NOT IN {_BAD_ENCODING}), "
        "any_value(left(trim(csv_line, chr(10) || chr(13)), 200)), "
        f"arg_min(error_message, error_type NOT IN {_BAD_ENCODING}), "
        f"arg_min(column_idx, error_type NOT IN {_BAD_ENCODING}), min(line_byte_position) "
        "FROM _rejects GROUP BY line ORDER BY line", {"s": skip}).fetchall()
    problems = []
    for line, kind_, text, message, column_idx, line_start in rejects:
        if mixed and kind_ in ("INVALID UNICODE", "INVALID ENCODING"):
            column = headers[column_idx - 1] if column_idx and column_idx <= len(headers) else None
            problems.append((line, column or None, text, _mixed_text(path, line_start),
                             "mixed_encoding"))
        else:
            problems.append((line, None, text, f"{_REJECT_TEXT.get(kind_, kind_.lower())} [{message}]",
                             "csv_" + kind_.lower().replace(" ", "_")))
    cleanup = ["_raw", "_rejects", "_reject_scans"]
    if inner_blank is None:
        inner_blank = _has_inner_blank_line(path)
    blanks = _blank_lines(path, encoding, delim, skip) if inner_blank else []
    if not rejects and not blanks:
        return Source(headers, "_raw", "rowid + 1", "rowid > 0", problems=problems,
                      format=f"csv ({encoding}, '{delim}')", cleanup=cleanup)
    # Lines the parser rejected or skipped (blank) are missing from _raw but are rows of the
    # spreadsheet: number the others around them. a = good data rows before the j-th
    # skipped line; a good row i (0-based) lies after every skipped line with a <= i.
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _reject_gaps AS
        SELECT a, max(j) AS j FROM (
            SELECT line - 2 - (row_number() OVER (ORDER BY line) - 1) AS a,
                   row_number() OVER (ORDER BY line) AS j
            FROM (SELECT line - $s AS line FROM _rejects WHERE line - $s > 1
                  UNION SELECT unnest($blanks::BIGINT[]) AS line)) GROUP BY a""",
                {"blanks": blanks, "s": skip})
    source = ("(SELECT r.*, r.rowid AS _rid, r.rowid + 1 + coalesce(g.j, 0) AS _rowno "
              "FROM _raw r ASOF LEFT JOIN _reject_gaps g ON r.rowid - 1 >= g.a)")
    return Source(headers, source, "_rowno", "_rid > 0", problems=problems,
                  format=f"csv ({encoding}, '{delim}')", cleanup=cleanup + ["_reject_gaps"])


class BlankLineScan:
    """Whether an empty line is followed by more data (DuckDB skips empty lines, which a
    spreadsheet shows as rows): a byte scan fed the file's chunks in order, so that it can
    ride along another full read of the file (files.sha256). Rare files pay for _blank_lines."""

    def __init__(self):
        self.found, self._seen_blank, self._tail = False, False, b""

    def feed(self, chunk: bytes) -> None:
        if self.found:
            return
        data = self._tail + chunk
        if self._seen_blank and data[len(self._tail):].strip():
            self.found = True
            return
        hits = [i for i in (data.find(b"\n\n"), data.find(b"\n\r\n"), data.find(b"\r\r")) if i >= 0]
        if hits:
            if data[min(hits):].strip():
                self.found = True
                return
            self._seen_blank = True
        self._tail = data[-2:]


def _has_inner_blank_line(path: Path) -> bool:
    scan = BlankLineScan()
    with open(path, "rb") as handle:
        while (chunk := handle.read(8 * 1024 * 1024)) and not scan.found:
            scan.feed(chunk)
    return scan.found


def _blank_lines(path: Path, encoding: str, delim: str, skip: int = 0) -> list[int]:
    """Spreadsheet row numbers of empty lines (Python's csv reader yields [] for them), the
    `skip` lines before the header left out."""
    with open(path, encoding="utf-8-sig" if encoding == "utf-8" else encoding, errors="replace",
              newline="") as handle:
        for _ in range(skip):
            handle.readline()
        return [n for n, row in enumerate(csv.reader(handle, delimiter=delim, quotechar='"'), start=1)
                if not row and n > 1]


# ---------------------------------------------------------------- Parquet

def read_parquet(con, path: Path) -> Source:
    try:
        described = con.execute("DESCRIBE SELECT * FROM read_parquet($p)", {"p": str(path)}).fetchall()
    except duckdb.OutOfMemoryException:
        raise      # the memory cap, not the file: the import says how to allow more
    except duckdb.Error as exc:
        raise Unreadable(f"cannot read as Parquet: {duck_message(exc)}") from None
    headers = [r[0] for r in described]
    aliases = ", ".join([f"c{i}" for i in range(len(headers))] + ["_rowno"])
    # Numbered as a CSV export of the table would be: header = row 1, first record = row 2.
    # (`*` holds file_row_number itself: left out, or it would take the _rowno alias.)
    sql = (f"(SELECT * EXCLUDE (file_row_number), file_row_number + 2 "
           f"FROM read_parquet($p, file_row_number = true)) AS t({aliases})")
    return Source(headers, sql, "_rowno", params={"p": str(path)}, format="parquet")


# ---------------------------------------------------------------- XLSX

def _cell(value) -> str | None:
    """A spreadsheet cell as the text a person would type for it."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def _pick_sheets(names: list[str], table_hint: str | None) -> list[str]:
    """Every sheet named after a table when two or more are (a workbook holding several
    tables: each is read, none skipped silently); else the sheet named after the file's
    table, or the one sheet named after a table, or the first."""
    if not names:
        raise Unreadable("the workbook has no sheets")
    by_table = {name: contract.table_for_name(name) for name in names}
    named = [n for n in names if by_table[n]]
    if len(named) > 1:
        return named
    if table_hint:
        return [next((n for n in names if by_table[n] == table_hint), names[0])]
    return named or names[:1]


_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "p": "http://schemas.openxmlformats.org/package/2006/relationships"}


def _error_cells(path: Path, sheet: str) -> dict[tuple[int, int], str]:
    """{(row, 0-based column): '#N/A'} of the sheet's Excel error cells (#N/A, #REF!, ...),
    which calamine reads as empty cells: read from the sheet's XML, only when it holds one."""
    import zipfile
    from xml.etree import ElementTree

    try:
        with zipfile.ZipFile(path) as book:
            rel = {r.get("Id"): r.get("Target") for r in ElementTree.fromstring(
                book.read("xl/_rels/workbook.xml.rels")).findall("p:Relationship", _NS)}
            ids = {s.get("name"): s.get(f"{{{_NS['r']}}}id") for s in ElementTree.fromstring(
                book.read("xl/workbook.xml")).iter(f"{{{_NS['m']}}}sheet")}
            target = rel.get(ids.get(sheet), "")
            part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            data = book.read(part)
    except (KeyError, OSError, zipfile.BadZipFile, ElementTree.ParseError):
        return {}
    if b't="e"' not in data:
        return {}
    found = {}
    for cell in ElementTree.fromstring(data).iter(f"{{{_NS['m']}}}c"):
        ref = re.fullmatch(r"([A-Z]+)(\d+)", cell.get("r") or "")
        if cell.get("t") == "e" and ref:
            col = 0
            for letter in ref[1]:
                col = col * 26 + ord(letter) - 64
            found[(int(ref[2]), col - 1)] = cell.findtext("m:v", "#ERROR", _NS)
    return found


def _sheet_rows(workbook, name: str, path: Path):
    """(header, its sheet row, batches of c0.. + _rowno, error cells (row, header index,
    text)) of one sheet; header None when the sheet is empty. An error cell is staged empty."""
    from python_calamine import CalamineError

    header, header_row, batches, row_numbers, buffer = None, None, [], [], []
    errors: dict[int, list[tuple[int, str]]] = {}          # sheet row -> (column, '#N/A')
    for (row, col), text in _error_cells(path, name).items():
        errors.setdefault(row, []).append((col, text))
    in_data = []
    try:
        sheet = workbook.get_sheet_by_name(name)
        left = sheet.start[1] if sheet.start else 0     # rows start at the first used column
        # iter_rows starts at the sheet's row 1, blank rows above the table included
        for row_number, cells in enumerate(sheet.iter_rows(), start=1):
            values = [_cell(v) for v in cells]
            if header is None:
                if any(v is not None for v in values):
                    header, header_row = values, row_number
                continue
            if not any(v is not None for v in values):
                continue
            buffer.append(values)
            row_numbers.append(row_number)
            in_data += [(row_number, col - left, text) for col, text in errors.get(row_number, ())
                        if 0 <= col - left < len(header)]
            if len(buffer) >= XLSX_CHUNK:
                batches.append(_batch(buffer, row_numbers, len(header)))
                buffer, row_numbers = [], []
    except CalamineError as exc:
        raise Unreadable(f"cannot read sheet '{name}': {str(exc)[:200]}") from None
    if buffer:
        batches.append(_batch(buffer, row_numbers, len(header)))
    return header, header_row, batches, in_data


def _check_workbook_bytes(path: Path) -> None:
    """Unreadable with what the file is when it is not a ZIP (every .xlsx is one): an old
    .xls or a protected workbook would otherwise get calamine's "Could not find EOCD"."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        raise Unreadable(f"cannot open the file ({exc.strerror or exc})") from None
    if not head.startswith(b"PK"):
        _refuse_other_kind(head, "an .xlsx workbook")


def _open_workbook(path: Path):
    from python_calamine import CalamineError, CalamineWorkbook

    _check_workbook_bytes(path)
    try:
        return CalamineWorkbook.from_path(str(path))
    except (CalamineError, OSError, ValueError) as exc:
        raise Unreadable(f"cannot read as an Excel workbook (.xlsx): {str(exc)[:200] or type(exc).__name__}"
                         ) from None


def read_xlsx(con, path: Path, table_hint: str | None) -> list[Source]:
    workbook = _open_workbook(path)
    try:
        names = workbook.sheet_names
        chosen = _pick_sheets(names, table_hint)
        read = [(name, *_sheet_rows(workbook, name, path)) for name in chosen]
    finally:
        workbook.close()
    sources = []
    for n, (name, header, header_row, batches, errors) in enumerate(read):
        if header is None:
            raise Unreadable(f"sheet '{name}' is empty (no header row)")
        width = len(header)
        schema = pa.schema([(f"c{i}", pa.string()) for i in range(width)] + [("_rowno", pa.int64())])
        arrow = pa.Table.from_batches([b.select(schema.names) for b in batches], schema=schema) \
            if batches else schema.empty_table()
        view = f"_xlsx_rows{n}"
        con.register(view, arrow)
        table = contract.table_for_name(name) if len(chosen) > 1 else \
            table_hint or contract.table_for_name(name)
        sources.append(Source([h or "" for h in header], view, "_rowno", format="xlsx", sheet=name,
                              table=table, several_sheets=len(names) > 1, cell_errors=errors,
                              cleanup=[f"view:{view}"], header_row=header_row))
    return sources


def sheet_headers(path: Path, skip: str) -> dict[str, list[str]]:
    """The header row of every other non-empty sheet of a workbook (to say which sheet would
    have fitted when the one read does not)."""
    workbook = _open_workbook(path)
    try:
        found = {}
        for name in workbook.sheet_names:
            if name != skip:
                header = next((row for row in (
                    [_cell(v) for v in cells] for cells in workbook.get_sheet_by_name(name).iter_rows())
                    if any(v is not None for v in row)), None)
                if header:
                    found[name] = [h or "" for h in header]
        return found
    finally:
        workbook.close()


def _batch(rows: list[list], numbers: list[int], width: int) -> pa.RecordBatch:
    columns = []
    for i in range(width):
        columns.append(pa.array([r[i] if i < len(r) else None for r in rows], type=pa.string()))
    columns.append(pa.array(numbers, type=pa.int64()))
    return pa.RecordBatch.from_arrays(columns, names=[f"c{i}" for i in range(width)] + ["_rowno"])


def drop(con, source: Source) -> None:
    for name in source.cleanup:
        if name.startswith("view:"):
            try:
                con.unregister(name[5:])
            except duckdb.Error:
                pass
        else:
            con.execute(f"DROP TABLE IF EXISTS {name}")
