"""A file whose first row is data (the published CNIS catalogue has no header row): one
error that says so and names the headers the table accepts; with a header added, the
catalogue imports, its 5xx claves as equipment and the items left without a group counted."""
import csv
import shutil
from pathlib import Path

import pytest

from metrics import store
from metrics.exceptions import ImportRejected
from metrics.ingest import import_paths
from metrics.ingest.headerless import data_cells

CNIS = Path(__file__).resolve().parents[1] / "fixtures" / "sources" / "cnis_catalogue_2020_excerpt.csv"
DERIVED = {"010", "020", "030", "040", "060", "070", "080"}     # DATA_CONTRACT.md items.group


def _claves():
    with open(CNIS, encoding="utf-8", newline="") as handle:
        return [row[0] for row in csv.reader(handle)]


def _rejected(paths, db):
    with pytest.raises(ImportRejected) as caught:
        import_paths(paths, db)
    return caught.value.problems


@pytest.mark.parametrize("name", ["cnis_catalogue_2020.csv", "items.csv"])
def test_a_file_without_header_row_is_one_clear_error(db, tmp_path, name):
    path = tmp_path / name
    shutil.copy(CNIS, path)
    found = _rejected([path], db)
    assert list(found["code"]) == ["no_header"]          # no per-cell or per-column problem
    problem = found["problem"].iloc[0]
    assert problem.startswith("the first row looks like data (010.000.0022.00, Caseinato de "
                              "calcio. Polvo. c…, Pieza): the file has no header row")
    assert "add one naming each column, e.g. clave,descripcion,…" in problem
    assert "clave (item_code, required), descripcion (description, required), grupo (group)" in problem
    assert "cannot tell which table" not in problem and int(found["row"].iloc[0]) == 1


def test_with_a_header_the_catalogue_imports_5xx_as_equipment(db, tmp_path):
    claves = _claves()
    path = tmp_path / "cnis.csv"
    path.write_text("clave,descripcion,unidad\n" + CNIS.read_text(encoding="utf-8"), encoding="utf-8")
    report = import_paths([path], db)
    con = store.connect_read(db)
    try:
        groups = dict(con.execute("SELECT item_code, item_group FROM items").fetchall())
    finally:
        con.close()
    assert len(groups) == len(claves)
    assert {c for c, g in groups.items() if g == "equipment"} == {c for c in claves if c.startswith("5")}
    assert groups["010.000.0022.00"] == "medicine"
    # the rest without a group: warned, one row each (header = row 1)
    ungrouped = {i + 2: c for i, c in enumerate(claves) if c[:3] not in DERIVED and not c.startswith("5")}
    assert {c for c, g in groups.items() if g is None} == set(ungrouped.values())
    warned = report.warnings[report.warnings["code"] == "no_group"]
    assert dict(zip(warned["row"].astype(int), warned["value"])) == ungrouped
    counts = report.warning_counts
    assert int(counts.loc[counts["code"] == "no_group", "n"].sum()) == len(ungrouped)


def test_a_given_group_is_not_warned(db, tmp_path):
    path = tmp_path / "insumos.csv"
    path.write_text("clave,descripcion,grupo\nHO.01.01.001,Calcarea carbonica,otro\n"
                    "MH.01.0001.00,Valeriana,\n", encoding="utf-8")
    warned = import_paths([path], db).warnings
    assert list(warned.loc[warned["code"] == "no_group", "value"]) == ["MH.01.0001.00"]


def test_first_row_of_data_in_a_file_of_unknown_table(db, tmp_path):
    path = tmp_path / "datos.csv"
    path.write_text("O-1,C-1,2025-01-03,15\nO-2,C-1,2025-01-04,20\n", encoding="utf-8")
    found = _rejected([path], db)
    assert list(found["code"]) == ["no_header"]
    assert found["problem"].iloc[0] == (
        "the first row looks like data (O-1, C-1, 2025-01-03, …): the file has no header row; add "
        "one with the column names of its table (docs/import-format.md), or name the file after "
        "its table (orders.csv, contratos.xlsx ...)")


def test_header_cells_that_are_values():
    assert data_cells(["010.000.0022.00", "Caseinato", "Pieza"]) == ["010.000.0022.00"]
    assert data_cells(["HO.01.01.001", "31/01/2025", "2025-01-31", "1,234.50", "-3"]) == [
        "HO.01.01.001", "31/01/2025", "2025-01-31", "1,234.50", "-3"]
    assert data_cells(["clave", "descripción", "precio_referencia", "caducidad mínima (meses)"]) == []
