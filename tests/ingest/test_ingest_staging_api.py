"""The stable API format adapters use: staging.append, problems.add/frame/counts, and the
adapter hook of import_paths (metrics.sources.detect)."""
import duckdb
import pandas as pd
import pyarrow as pa
import pytest

from metrics.exceptions import ImportRejected
from metrics.ingest import import_paths, problems, staging
from tests.ingest.ingest_helpers import copy_base, rows_of


@pytest.fixture
def con():
    con = duckdb.connect()
    problems.create(con)
    staging.create(con)
    yield con
    con.close()


def test_append_pandas_and_arrow_keeps_unknown_columns_in_extra(con):
    frame = pd.DataFrame({"supplier_id": ["P", "L"], "name": ["Perfecto", "Tardío"],
                          "_row": [7, 9], "telefono": ["555", None]})
    assert staging.append(con, "suppliers", frame, "pkg.json") == 2
    arrow = pa.table({"institution_id": ["IMSS"], "name": ["Seguro"], "_row": [1],
                      "_extra": ['{"ocid": "ocds-07smqs-1"}'], "scheme": ["MX-RFC"]})
    assert staging.append(con, "institutions", arrow, "pkg.json") == 1
    assert con.execute("SELECT _file, _row, supplier_id, name, rfc, _extra FROM stg_suppliers "
                       "ORDER BY _row").fetchall() == [
        ("pkg.json", 7, "P", "Perfecto", None, '{"telefono":"555"}'),
        ("pkg.json", 9, "L", "Tardío", None, None)]
    extra = con.execute("SELECT _extra FROM stg_institutions").fetchall()[0][0]
    assert extra == '{"ocid":"ocds-07smqs-1","scheme":"MX-RFC"}'


def test_append_casts_dates_and_numbers_to_text(con):
    frame = pd.DataFrame({"order_id": ["O1"], "order_date": [pd.Timestamp("2025-03-01")],
                          "qty_ordered": [12.5], "cancelled": [False], "_row": [2]})
    staging.append(con, "orders", frame, "f")
    assert con.execute("SELECT order_date, qty_ordered, cancelled FROM stg_orders").fetchall() == [
        ("2025-03-01 00:00:00", "12.5", "false")]


def test_append_needs_a_row_number(con):
    with pytest.raises(ValueError):
        staging.append(con, "orders", pd.DataFrame({"order_id": ["O1"]}), "f")
    with pytest.raises(KeyError):
        staging.append(con, "pedidos_raros", pd.DataFrame({"_row": [1]}), "f")


def test_problems_add_frame_and_counts(con):
    problems.add(con, "warning", "pkg.json", 3, "tender/items/0/quantity", "abc", "kept as text")
    problems.add(con, "error", "pkg.json", 1, "contracts/0/id", None, "missing id", code="missing_id")
    with pytest.raises(ValueError):
        problems.add(con, "fatal", "x", 1, None, None, "no such severity")
    frame = problems.frame(con)
    assert list(frame.columns) == ["severity", "file", "row", "column", "value", "problem", "code"]
    assert list(frame["severity"]) == ["error", "warning"]
    assert problems.error_count(con) == 1 and problems.warning_count(con) == 1
    assert set(problems.counts(con)["code"]) == {"missing_id", "kept_as_text"}


class _FakeAdapter:
    """Stages one supplier per line of a .fake file: 'id;name'."""
    name = "fake"

    def stage(self, con, path):
        lines = path.read_text(encoding="utf-8").splitlines()
        rows = [line.split(";") for line in lines]
        frame = pa.table({"supplier_id": [r[0] for r in rows], "name": [r[1] or None for r in rows],
                          "_row": list(range(1, len(rows) + 1))})
        staging.append(con, "suppliers", frame, path.name)
        problems.add(con, "warning", path.name, None, None, None, "mapped by the fake adapter")


@pytest.fixture
def fake_adapter(monkeypatch):
    import metrics.sources
    monkeypatch.setattr(metrics.sources, "detect",
                        lambda path: _FakeAdapter() if str(path).endswith(".fake") else None)


def test_an_adapter_stages_through_the_same_validation_and_loading(tmp_path, fake_adapter):
    folder = copy_base(tmp_path / "files", only=["institutions"])
    (folder / "proveedores.fake").write_text("X1;Uno\nX2;Dos\n", encoding="utf-8")
    db = tmp_path / "a.duckdb"
    report = import_paths([folder], db)
    assert rows_of(db, "SELECT supplier_id, name FROM suppliers ORDER BY 1") == [("X1", "Uno"), ("X2", "Dos")]
    info = {f["file"]: f for f in report.files}["proveedores.fake"]
    assert (info["format"], info["table"], info["rows"], info["added"]) == ("fake", "suppliers", 2, 2)
    assert "mapped by the fake adapter" in set(report.warnings["problem"])


def test_an_adapters_bad_rows_reject_the_batch_by_record(tmp_path, fake_adapter):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "p.fake").write_text("X1;Uno\nX2;\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as info:
        import_paths([folder], tmp_path / "b.duckdb")
    found = info.value.problems.query("severity == 'error'")
    assert list(zip(found["file"], found["row"], found["column"], found["code"])) == [
        ("p.fake", 2, "name", "required_empty")]


def test_progress_is_reported_from_0_to_1(tmp_path):
    seen = []
    import_paths([copy_base(tmp_path / "files")], tmp_path / "p.duckdb",
                 progress=lambda label, fraction: seen.append((label, fraction)))
    fractions = [f for _, f in seen]
    assert fractions == sorted(fractions)
    assert 0 <= fractions[0] and fractions[-1] == 1.0
    labels = " ".join(label for label, _ in seen)
    assert "orders.csv" in labels and "checking" in labels and "writing" in labels
