"""CSV encodings: UTF-8, Windows-1252 (Latin-1) exports, and files mixing the two, which are
rejected rather than stored garbled."""
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
