"""OCDS and CompraNet files through `metrics.ingest.import_paths`: stored rows, warnings in
the shared problems table, malformed files rejected with nothing written."""
import json
from pathlib import Path

import pytest

from metrics import store
from metrics.exceptions import ImportRejected
from metrics.ingest import import_paths

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "sources"


def mx_jsonl(folder: Path) -> Path:
    path = folder / "mx.jsonl"
    path.write_text("\n".join(json.dumps(json.loads((FIX / n).read_text(encoding="utf-8")))
                              for n in ("ocds_mx_release_2.json", "ocds_cdmx_release_10.json",
                                        "ocds_mx_release_1.json")), encoding="utf-8")
    return path


def fetch(db, sql):
    con = store.connect_read(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_ocds_and_compranet_import_together(db, tmp_path):
    report = import_paths([mx_jsonl(tmp_path), FIX / "compranet_2021.csv", FIX / "compranet_2023.csv"], db)
    # LAB010101AB1 is named by all three files; staged once (the first file's row stays)
    assert fetch(db, "SELECT count(*) FROM suppliers WHERE supplier_id = 'LAB010101AB1'") == [(1,)]
    assert fetch(db, "SELECT contract_id, procedure_type, status, amount, currency FROM contracts "
                     "WHERE contract_id LIKE 'ocds-%' OR contract_id LIKE 'OCDS-%' ORDER BY 1") == [
        ("OCDS-87SD3T-AD-SSCDMX-009-2019/CS-009-2019", "direct_award", "active", 1000.0, "USD"),
        ("ocds-07smqs-1000/C1", "open_tender", "completed", 7500.0, "MXN")]
    assert fetch(db, "SELECT order_id, qty_ordered, qty_accepted, is_otif, days_late FROM line_facts "
                     "ORDER BY 1") == [
        ("OCDS-87SD3T-AD-SSCDMX-009-2019/CS-009-2019/1", 20.0, 20.0, True, 0),
        ("ocds-07smqs-1000/C1/M1", 100.0, 100.0, True, 0),
        ("ocds-07smqs-1000/C1/M2", 50.0, 20.0, False, None),
        ("ocds-07smqs-1000/C1/M3", 100.0, 100.0, False, 9)]
    extra = json.loads(fetch(db, "SELECT extra FROM contracts WHERE contract_id = 'CMX-1'")[0][0])
    assert extra["partida"] == "25301, 25401" and extra["health_partida"] is True
    problems = report.warnings
    assert set(problems["severity"]) == {"warning"}
    assert {"mx.jsonl", "compranet_2021.csv", "compranet_2023.csv"} <= set(problems["file"])
    text = " ".join(problems["problem"])
    assert "placeholder unit" in text and "contract skipped: no supplier" in text
    formats = {f["file"]: f["format"] for f in report.files}
    assert formats == {"mx.jsonl": "ocds", "compranet_2021.csv": "compranet", "compranet_2023.csv": "compranet"}


def test_importing_twice_changes_nothing(db, tmp_path):
    path = mx_jsonl(tmp_path)
    import_paths([path, FIX / "Contratos2014_sample.csv"], db)
    con = store.connect_read(db)
    before = {k: v for k, v in store.fingerprint(con).items() if k not in ("import_batches", "facts_meta")}
    con.close()
    import_paths([path, FIX / "Contratos2014_sample.csv"], db)
    con = store.connect_read(db)
    after = store.fingerprint(con)
    con.close()
    for table, (rows, _) in before.items():
        assert after[table][0] == rows, table


@pytest.mark.parametrize("name, text, words", [
    ("truncated.json", '{"version": "1.1", "releases": [{"ocid": "a", "id": "1", "date": "2020-01-01"}, {"ocid": "b", ',
     "truncated"),
    ("empty_package.json", '{"uri": "u", "publisher": {"name": "p"}, "publishedDate": "2020-01-01", "releases": []}',
     "no OCDS releases"),
])
def test_malformed_ocds_rejects_the_batch(db, tmp_path, name, text, words):
    import_paths([mx_jsonl(tmp_path)], db)
    con = store.connect_read(db)
    before = store.fingerprint(con)
    con.close()
    bad = tmp_path / name
    bad.write_text(text, encoding="utf-8")
    good = tmp_path / "more"
    good.mkdir()
    with pytest.raises(ImportRejected) as info:
        import_paths([bad, FIX / "compranet_2021.csv"], db)
    errors = info.value.problems[info.value.problems["severity"] == "error"]
    assert list(errors["file"]) == [name]
    assert words in errors["problem"].iloc[0]
    con = store.connect_read(db)
    assert store.fingerprint(con) == before
    con.close()


def test_unknown_currency_in_compranet_rejects_with_row_and_column(db, tmp_path):
    bad = tmp_path / "Contratos2021.csv"
    bad.write_text((FIX / "compranet_2021.csv").read_text(encoding="utf-8").replace(",USD,", ",XYZ,"),
                   encoding="utf-8")
    with pytest.raises(ImportRejected) as info:
        import_paths([bad], db)
    errors = info.value.problems[info.value.problems["severity"] == "error"]
    assert [(r.file, r.row, r.column, r.value) for r in errors.itertuples()] == [
        ("Contratos2021.csv", 3, "moneda", "XYZ")]
    assert fetch(db, "SELECT count(*) FROM contracts") == [(0,)]
