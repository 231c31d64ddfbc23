"""Hostile files: every importer (canonical CSV and XLSX, OCDS JSON, CompraNet CSV, and
bytes that are none of these) fed mutated input by hypothesis. The invariant: an import
either succeeds or raises a project error (AbastoError, e.g. ImportRejected with its
problem table) — never another exception — and a rejected import changes nothing
(metrics.store.fingerprint of every table is the same)."""
from __future__ import annotations

import json
import shutil
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from metrics import ingest, store
from metrics.exceptions import AbastoError, ImportRejected
from tests.ingest.ingest_helpers import BASE, copy_base, read_base
from tests.reliability.reliability_helpers import abasto, fingerprint

SOURCES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"
FUZZ = settings(max_examples=12, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Text people (and attackers) put in cells: SQL, script, formulas, control bytes, odd numbers.
NASTY = st.sampled_from([
    "", " ", "' OR 1=1--", "'; DROP TABLE orders; --", "<script>alert(1)</script>", "=cmd|'/c calc'!A1",
    "NULL", "nan", "inf", "-0", "1e309", "9" * 40, "2025-02-30", "31/12/1899", "\x00", "\ufeff", "é" * 300,
    "\"", "\"\"\"", "a,b", "\n", "\r", "C1", "O1", "010.000.0104.00", "-5", "true", "sí",
])
CELL = st.one_of(NASTY, st.text(alphabet=string.printable + "áéíóúñ€\u200b", max_size=40))


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory) -> Path:
    """A database holding the base fixture set, shared by the examples of a test module."""
    path = tmp_path_factory.mktemp("fuzz") / "abasto.duckdb"
    ingest.import_paths([copy_base(path.parent / "base")], path)
    return path


def check(paths: list[Path], db: Path) -> None:
    """The invariant, for one import attempt."""
    before = fingerprint(db)
    try:
        ingest.import_paths(paths, db)
    except ImportRejected as exc:
        assert exc.problems is not None and len(exc.problems) > 0, "rejected without saying why"
        assert fingerprint(db) == before
    except AbastoError:
        assert fingerprint(db) == before


def _fresh(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / "in"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    return folder / name


TABLES = ["orders", "deliveries", "contracts", "items", "penalties", "suppliers"]


@FUZZ
@given(data=st.data())
def test_mutated_canonical_csv(fuzz_db, tmp_path, data):
    table = data.draw(st.sampled_from(TABLES), label="table")
    header, rows = read_base(table)
    rows = [list(r) for r in rows]
    for _ in range(data.draw(st.integers(1, 6), label="edits")):
        kind = data.draw(st.sampled_from(["cell", "drop_col", "dup_row", "header", "extra_col"]))
        if kind == "cell" and rows:
            r = data.draw(st.integers(0, len(rows) - 1))
            c = data.draw(st.integers(0, len(header) - 1))
            rows[r][c] = data.draw(CELL)
        elif kind == "drop_col" and len(header) > 1:
            c = data.draw(st.integers(0, len(header) - 1))
            header = header[:c] + header[c + 1:]
            rows = [r[:c] + r[c + 1:] for r in rows]
        elif kind == "dup_row" and rows:
            rows.append(list(rows[data.draw(st.integers(0, len(rows) - 1))]))
        elif kind == "header":
            header = list(header)
            header[data.draw(st.integers(0, len(header) - 1))] = data.draw(CELL)
        elif kind == "extra_col":
            header = [*header, data.draw(CELL)]
            rows = [[*r, data.draw(CELL)] for r in rows]
    import csv
    import io
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([header, *rows])
    raw = buffer.getvalue().encode(data.draw(st.sampled_from(["utf-8", "latin-1", "utf-16"])),
                                   errors="replace")
    if data.draw(st.booleans(), label="truncate"):
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    path = _fresh(tmp_path, f"{table}.csv")
    path.write_bytes(raw)
    check([path], fuzz_db)


@FUZZ
@given(data=st.data())
def test_mutated_canonical_xlsx(fuzz_db, tmp_path, data):
    import xlsxwriter

    table = data.draw(st.sampled_from(TABLES), label="table")
    header, rows = read_base(table)
    value = st.one_of(CELL, st.floats(allow_nan=True, allow_infinity=True), st.integers(-2**62, 2**62),
                      st.dates(), st.booleans(), st.none())
    path = _fresh(tmp_path, f"{table}.xlsx")
    book = xlsxwriter.Workbook(str(path), {"nan_inf_to_errors": True, "strings_to_formulas": False})
    sheet = book.add_worksheet("Hoja1")
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    for c, name in enumerate(header):
        sheet.write_string(0, c, name)
    for r, row in enumerate(rows, start=1):
        for c, cell in enumerate(row):
            if data.draw(st.integers(0, 3)) == 0:
                new = data.draw(value)
                if new is None:
                    continue
                if hasattr(new, "isoformat"):
                    sheet.write_datetime(r, c, __import__("datetime").datetime.combine(
                        new, __import__("datetime").time()), date_format)
                elif isinstance(new, str):
                    sheet.write_string(r, c, new[:32000])
                else:
                    sheet.write(r, c, new)
            else:
                sheet.write_string(r, c, cell)
    book.close()
    check([path], fuzz_db)


def _mutate_json(node, data, depth=0):
    """Replace, drop or retype values anywhere in a JSON document."""
    scalar = st.one_of(CELL, st.integers(-10**20, 10**20), st.floats(allow_nan=False), st.booleans(),
                       st.none())
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            choice = data.draw(st.integers(0, 9))
            if choice == 0:
                continue                                      # drop the key
            if choice == 1:
                out[key] = data.draw(scalar)                  # retype it
            elif choice == 2:
                out[key] = [] if not isinstance(value, list) else {}
            else:
                out[key] = _mutate_json(value, data, depth + 1)
        return out
    if isinstance(node, list):
        return [_mutate_json(v, data, depth + 1) for v in node if data.draw(st.integers(0, 6))]
    return data.draw(scalar) if data.draw(st.integers(0, 4)) == 0 else node


@FUZZ
@given(data=st.data())
def test_mutated_ocds_json(fuzz_db, tmp_path, data):
    name = data.draw(st.sampled_from(sorted(p.name for p in SOURCES.glob("*.json"))), label="file")
    doc = json.loads((SOURCES / name).read_text(encoding="utf-8"))
    text = json.dumps(_mutate_json(doc, data), ensure_ascii=False)
    if data.draw(st.booleans(), label="truncate"):
        text = text[: data.draw(st.integers(0, len(text)))]
    path = _fresh(tmp_path, name)
    path.write_text(text, encoding="utf-8")
    check([path], fuzz_db)


@FUZZ
@given(data=st.data())
def test_mutated_compranet_csv(fuzz_db, tmp_path, data):
    name = data.draw(st.sampled_from(["compranet_2021.csv", "compranet_2023.csv"]), label="file")
    lines = (SOURCES / name).read_text(encoding="latin-1").splitlines()   # CompraNet files are Latin-1
    for _ in range(data.draw(st.integers(1, 5))):
        i = data.draw(st.integers(0, len(lines) - 1))
        cells = lines[i].split(",")
        cells[data.draw(st.integers(0, len(cells) - 1))] = data.draw(CELL).replace("\n", " ")
        lines[i] = ",".join(cells)
    path = _fresh(tmp_path, name)
    path.write_text("\n".join(lines) + "\n", encoding="latin-1", errors="replace")
    check([path], fuzz_db)


@FUZZ
@given(raw=st.binary(max_size=4096),
       name=st.sampled_from(["orders.csv", "deliveries.xlsx", "release.json", "datos.parquet",
                             "contracts.tsv", "sin_extension"]))
def test_random_bytes_under_any_name(fuzz_db, tmp_path, raw, name):
    path = _fresh(tmp_path, name)
    path.write_bytes(raw)
    check([path], fuzz_db)


def test_the_command_line_never_shows_a_traceback_for_hostile_files(fuzz_db, tmp_path):
    """The same through `abasto import` (what people run): exit 1 and a message."""
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "orders.csv").write_text("order_id,contract_id\n' OR 1=1--,<script>\n", encoding="utf-8")
    (folder / "release.json").write_bytes(b"{\"releases\": [1, 2, {\"contracts\": \"x\"}")
    (folder / "deliveries.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    before = fingerprint(fuzz_db)
    result = abasto("import", "--db", fuzz_db, folder)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert fingerprint(fuzz_db) == before


def test_a_rejection_with_more_problems_than_shown_prints_them_without_a_traceback(fuzz_db, tmp_path):
    """1,000+ bad rows: the problem table is capped and the CLI prints it (exit 1)."""
    header, _ = read_base("orders")
    rows = [[f"X{n}", "NO-SUCH", "010.000.0104.00", "U1", "2025-01-01", "2025-01-10", "1", "false"]
            for n in range(1500)]
    path = _fresh(tmp_path, "orders.csv")
    import csv
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *rows])
    before = fingerprint(fuzz_db)
    result = abasto("import", "--db", fuzz_db, path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr, result.stderr[-1500:]
    assert "NO-SUCH" in result.stderr
    assert fingerprint(fuzz_db) == before
