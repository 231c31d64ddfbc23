"""Data page: a bad upload shows every problem and writes nothing; a good one is imported,
recorded with its lineage, and every page shows the new numbers; coverage is listed."""
import shutil

import pytest

from tests.dashboard.conftest import no_exception, texts
from tests.ingest.ingest_helpers import fingerprint

HEADER = b"order_id,contract_id,item_code,unit_id,order_date,due_date,qty_ordered\n"
BAD = HEADER + (b"N1,C-P,010.000.0104.00,U1,2025-03-01,2025-02-01,10\n"      # due before order
                b"N2,C-NOPE,010.000.0104.00,U1,2025-03-01,2025-04-01,abc\n")  # unknown contract, bad qty
GOOD = HEADER + b"N1,C-P,010.000.0104.00,U1,2025-03-01,2025-03-05,1000\n"


@pytest.fixture
def own_db(tiny_db, tmp_path):
    """A private copy of the tiny database (these tests write to it)."""
    path = tmp_path / "own.duckdb"
    shutil.copyfile(tiny_db, path)
    return path


def frame_with(at, column):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_data_page_renders_on_demo_data(open_page, dash_db):
    at = open_page(dash_db, "data")
    no_exception(at)
    assert at.title[0].value == "Datos"
    computable = frame_with(at, "Calculable")
    assert computable["Calculable"].sum() > 10
    tables = frame_with(at, "Columna de fecha").set_index("Tabla")
    assert tables.loc["orders", "Renglones"] > 0


def test_data_page_on_empty_database(open_page, empty_db):
    at = open_page(empty_db, "data")
    no_exception(at)
    assert "La base de datos está vacía" in texts(at)
    assert "Aún no hay importaciones registradas." in texts(at)
    assert at.file_uploader(key="data_upload")                     # uploading is the way in


def test_bad_file_shows_the_problems_and_writes_nothing(open_page, own_db):
    before = fingerprint(own_db)
    at = open_page(own_db, "data")
    at.file_uploader(key="data_upload").set_value(("ordenes.csv", BAD, "text/csv")).run()
    no_exception_but_rejection = [e.value for e in at.error]
    assert not at.exception
    assert len(no_exception_but_rejection) == 1 and "error" in no_exception_but_rejection[0]
    problems = frame_with(at, "Problema")
    assert set(problems["Archivo"]) == {"ordenes.csv"}
    assert {(r, c) for r, c in zip(problems["Renglón"], problems["Columna"])} >= {
        (2, "due_date"), (3, "contract_id"), (3, "qty_ordered")}
    assert at.button(key="data_import").disabled
    assert fingerprint(own_db) == before


def test_good_file_is_imported_and_moves_the_numbers(open_page, own_db):
    at = open_page(own_db, "shortages")
    assert "de 27,000 piezas ordenadas" in texts(at)
    before = fingerprint(own_db)
    at.switch_page("views/data.py").run()
    at.file_uploader(key="data_upload").set_value(("ordenes.csv", GOOD, "text/csv")).run()
    no_exception(at)
    assert "1 renglón en 1 archivo, listo para importar" in texts(at)
    at.button(key="data_import").click().run()
    no_exception(at)
    assert "Importación 1 completa: 1 renglón nuevo, 0 actualizados." in texts(at)
    assert fingerprint(own_db) != before
    history = frame_with(at, "Quién")
    assert list(history["Lote"]) == [1] and list(history["Origen"]) == ["dashboard"]
    files = frame_with(at, "sha256")
    assert files["Archivo"].tolist() == ["ordenes.csv"] and len(files["sha256"].iloc[0]) == 64
    at.switch_page("views/shortages.py").run()
    no_exception(at)
    assert "de 28,000 piezas ordenadas" in texts(at)               # the caches were cleared


def test_data_page_language_switch(open_page, tiny_db):
    at = open_page(tiny_db, "data", lang="EN")
    no_exception(at)
    assert at.title[0].value == "Data"
    assert "Computable" in frame_with(at, "Computable").columns
