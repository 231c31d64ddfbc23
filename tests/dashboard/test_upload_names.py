"""Uploads are saved under names that neither overwrite each other nor break the file system."""
from dashboard.uploads import upload_names


def test_two_uploads_of_one_name_are_both_kept():
    # IMSS and ISSSTE files from two folders, both called ordenes.csv: one was silently lost
    assert upload_names(["a/ordenes.csv", "b/ordenes.csv", "ORDENES.csv", "entregas.csv"]) == [
        "ordenes.csv", "ordenes (2).csv", "ORDENES (3).csv", "entregas.csv"]


def test_a_long_accented_name_fits_the_file_system():
    name = "Órdenes de suministro emitidas por la Coordinación Técnica " * 5 + ".csv"
    (got,) = upload_names([name])
    assert got.endswith(".csv") and got.startswith("Órdenes de suministro")
    assert len(got.encode("utf-8")) <= 200
