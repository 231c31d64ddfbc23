"""One wrong value gives one problem: a negative quantity is not also compared with another."""
import pytest

from metrics.exceptions import ImportRejected
from tests.ingest.ingest_helpers import import_edited


def _problems(db, folder, table, column, value):
    def edit(header, rows):
        rows[0][header.index(column)] = value
    with pytest.raises(ImportRejected) as info:
        import_edited(db, folder, table, edit)
    frame = info.value.problems
    return [tuple(r) for r in frame[["file", "row", "column", "value", "problem", "code"]]
            .astype(object).itertuples(index=False)]


def test_negative_qty_delivered_is_reported_once(base_copy, tmp_path):
    assert _problems(base_copy, tmp_path / "d", "deliveries", "qty_delivered", "-3") == [
        ("deliveries.csv", 2, "qty_delivered", "-3", "qty_delivered cannot be negative", "negative")]


def test_negative_issued_is_reported_once(base_copy, tmp_path):
    assert _problems(base_copy, tmp_path / "p", "prescriptions", "issued", "-3") == [
        ("prescriptions.csv", 2, "issued", "-3", "issued cannot be negative", "negative")]
