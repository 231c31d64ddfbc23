"""CSV encodings: UTF-8, Windows-1252 (Latin-1) exports, and files mixing the two, which are
rejected rather than stored garbled."""
import hashlib

import pandas as pd
import pytest

from metrics.exceptions import ImportRejected
from metrics.ingest import import_paths
from tests.ingest.ingest_helpers import fingerprint, rows_of

HEADER = b"unit_id,institution_id,name,state,kind\n"
MIXED = "is not UTF-8 while the rest of the file is UTF-8: save the file again as UTF-8"


def _problems(info) -> list[tuple]:
    found = info.value.problems
    return [(r.file, None if pd.isna(r.row) else int(r.row), None if pd.isna(r.column) else r.column,
             r.problem, r.code)
            for r in found[found["severity"] == "error"].itertuples()]


def _rejected(db, path) -> list[tuple]:
    before = fingerprint(db)
    with pytest.raises(ImportRejected) as info:
        import_paths([path], db)
    assert fingerprint(db) == before
    return _problems(info)


def test_utf8_file_with_a_latin1_byte_further_on_is_rejected_not_garbled(base_copy, tmp_path):
    path = tmp_path / "unidades.csv"
    path.write_bytes(HEADER + "MX1,IMSS,Unidad Médica Norte,Nuevo León,clinic\n".encode()
                     + b"MX2,IMSS,Unidad Sur,Yucat\xe1n,hospital\n")
    assert _rejected(base_copy, path) == [
        ("unidades.csv", 3, "state", f"byte 0xE1 {MIXED}", "mixed_encoding")]


def test_latin1_byte_before_the_utf8_text_is_rejected_too(base_copy, tmp_path):
    """The head is not UTF-8 (read as Latin-1 until now): the UTF-8 further on is noticed."""
    path = tmp_path / "unidades.csv"
    path.write_bytes(HEADER + b"MX1,IMSS,Cl\xednica Sur,Yucat\xe1n,clinic\n"
                     + b"".join(b"MX%d,IMSS,Unidad,CDMX,clinic\n" % i for i in range(10, 20_000))
                     + "MX3,IMSS,Unidad Médica Norte,Nuevo León,clinic\n".encode())
    assert _rejected(base_copy, path) == [
        ("unidades.csv", 2, "name", f"byte 0xED {MIXED}", "mixed_encoding")]


def test_mixed_header_row_is_a_whole_file_error(base_copy, tmp_path):
    path = tmp_path / "unidades.csv"
    path.write_bytes(b"unit_id,institution_id,name,state,kind,a\xf1o\n"
                     + "MX1,IMSS,Unidad Médica,Nuevo León,clinic,2025\n".encode())
    assert _rejected(base_copy, path) == [
        ("unidades.csv", None, None, f"row 1: byte 0xF1 {MIXED}", "unreadable")]


def test_windows1252_punctuation_is_read_as_windows_shows_it(base_copy, tmp_path):
    """Excel's 'CSV' on Windows: bytes 80-9F are – € “ ” (Latin-1 has no such characters);
    the five bytes Windows-1252 leaves undefined are kept as Latin-1 reads them."""
    path = tmp_path / "unidades.csv"
    path.write_bytes(HEADER + b"W1,IMSS,Unidad \x96 Sur,Nuevo Le\xf3n,cl\xednica\n"
                     + b"W2,IMSS,\x93Cl\xednica\x94 \x80 1,Yucat\xe1n,clinic\n"
                     + b"W3,IMSS,Unidad\x81,CDMX,clinic\n")
    report = import_paths([path], base_copy)
    assert rows_of(base_copy, "SELECT unit_id, name, state, kind FROM units WHERE unit_id LIKE 'W%' "
                              "ORDER BY unit_id") == [
        ("W1", "Unidad – Sur", "Nuevo León", "clinic"),
        ("W2", "“Clínica” € 1", "Yucatán", "clinic"),
        ("W3", "Unidad\x81", "CDMX", "clinic")]
    assert report.files[0]["format"] == "csv (latin-1, ',')"
    assert report.files[0]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_windows1252_rows_keep_their_numbers(base_copy, tmp_path):
    path = tmp_path / "unidades.csv"
    path.write_bytes(HEADER + b"W1,IMSS,\"Unidad \x96\nSur\",Nuevo Le\xf3n,clinic\n"   # rows 2
                     + b"W2,IMSS,Unidad \x96 Este,Yucat\xe1n,clinic,extra\n"          # 3: too many
                     + b"\n"                                                           # 4: empty
                     + b"W3,IMSS,,Yucat\xe1n,clinic\n")                                # 5: no name
    problems = _rejected(base_copy, path)
    assert [(file, row, column, code) for file, row, column, _, code in problems] == [
        ("unidades.csv", 3, None, "csv_too_many_columns"),
        ("unidades.csv", 5, "name", "required_empty")]
    assert problems[0][3].startswith("row has more fields than the header")
