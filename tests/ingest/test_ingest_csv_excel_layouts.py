"""CSV layouts Excel writes: lines ending in CR alone (Excel for Mac's "CSV (Macintosh)") and
a first line `sep=;` naming the separator."""
import pandas as pd
import pytest

from metrics.exceptions import ImportRejected
from metrics.ingest import import_paths
from tests.ingest.ingest_helpers import fingerprint, rows_of


def _rejected(db, path) -> list[tuple]:
    before = fingerprint(db)
    with pytest.raises(ImportRejected) as info:
        import_paths([path], db)
    assert fingerprint(db) == before
    found = info.value.problems
    return [(r.file, None if pd.isna(r.row) else int(r.row), None if pd.isna(r.column) else r.column,
             r.problem, r.code) for r in found[found["severity"] == "error"].itertuples()]


def test_cr_line_endings_import(base_copy, tmp_path):
    path = tmp_path / "unidades.csv"
    path.write_bytes("unit_id,institution_id,name,state,kind\rM1,IMSS,\"Clínica\rNorte\",Nuevo León,"
                     "clinic\rM2,ISSSTE,Unidad Sur,Yucatán,hospital\r".encode())
    import_paths([path], base_copy)
    assert rows_of(base_copy, "SELECT unit_id, name, state, kind FROM units WHERE unit_id LIKE 'M_' "
                              "ORDER BY unit_id") == [
        ("M1", "Clínica\rNorte", "Nuevo León", "clinic"), ("M2", "Unidad Sur", "Yucatán", "hospital")]


def test_cr_line_endings_rows_are_numbered_like_the_spreadsheet(base_copy, tmp_path):
    path = tmp_path / "unidades.csv"
    path.write_bytes(b"unit_id,institution_id,name,state,kind\rM1,IMSS,Norte,CDMX,clinic\r"
                     b"M2,IMSS,Sur\r\rM3,IMSS,,CDMX,clinic\r")        # row 3 short, row 4 empty
    assert [(file, row, column, code) for file, row, column, _, code in _rejected(base_copy, path)] == [
        ("unidades.csv", 3, None, "csv_missing_columns"), ("unidades.csv", 5, "name", "required_empty")]


def test_sep_line_names_the_separator_and_is_not_a_row(base_copy, tmp_path):
    path = tmp_path / "unidades.csv"
    path.write_bytes("sep=;\r\nunit_id;institution_id;name;state;kind\r\n"
                     "S1;IMSS;Unidad, Norte;Nuevo León;clinic\r\n".encode())
    report = import_paths([path], base_copy)
    assert report.warnings.empty
    assert rows_of(base_copy, "SELECT unit_id, name, state FROM units WHERE unit_id = 'S1'") == [
        ("S1", "Unidad, Norte", "Nuevo León")]


def test_rows_after_a_sep_line_are_numbered_as_excel_shows_them(base_copy, tmp_path):
    """Excel hides the sep= line: the header is row 1 there, and in the problems."""
    path = tmp_path / "unidades.csv"
    path.write_bytes(b'"sep=|"\nunit_id|institution_id|name|state|kind\nS1|IMSS|Norte|CDMX|clinic\n'
                     b"S2|IMSS|Sur\n\nS3|IMSS||CDMX|clinic\n")        # row 3 short, row 4 empty
    assert [(file, row, column, code) for file, row, column, _, code in _rejected(base_copy, path)] == [
        ("unidades.csv", 3, None, "csv_missing_columns"), ("unidades.csv", 5, "name", "required_empty")]
