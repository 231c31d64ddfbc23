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


# ------------------------------------------------------------------ every note, true counts

def _sample_rows():
    import csv
    with open(FIX / "Contratos2014_sample.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _problem_rows(path):
    import csv
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_problems_file_lists_every_adapter_note_and_the_screen_counts_them_all(db, tmp_path, capsys):
    from metrics.cli import main
    rows = _sample_rows()
    # spreadsheet row numbers (header = 1) of the rows without FECHA_CELEBRACION, from the file
    unsigned = {str(i + 2) for i, r in enumerate(rows) if not r["FECHA_CELEBRACION"].strip()}
    contracts = len({r["CODIGO_CONTRATO"] for r in rows})      # 2 rows repeat a contract exactly
    assert len(unsigned) > 20 and contracts > 20                # more than one screen's examples
    out = tmp_path / "cn.csv"
    assert main(["import", str(FIX / "Contratos2014_sample.csv"), "--db", str(db),
                 "--problems", str(out)]) == 0
    listed = _problem_rows(out)
    assert {p["row"] for p in listed if p["code"] == "no_signature_date"} == unsigned
    # no RFC column in this era: every contract's supplier id comes from its name
    assert len([p for p in listed if p["code"] == "supplier_without_rfc_or_rupc_folio"]) == contracts
    assert not [p for p in listed if "more like this" in p["problem"]]
    screen = capsys.readouterr().out
    assert f"{len(unsigned):>8,}  Contratos2014_sample.csv fecha_firma: no signature date" in screen
    assert f"{contracts:>8,}  Contratos2014_sample.csv rfc: supplier without RFC or RUPC folio" in screen
    assert "more like this" not in screen
    batch = next(line for line in screen.splitlines() if line.startswith("batch "))
    assert batch.endswith(f", {len(listed):,} warning(s)")        # the batch's total: every row listed


def test_without_problems_file_the_screen_counts_stay_true(db, capsys):
    from metrics.cli import main
    rows = _sample_rows()
    unsigned = sum(1 for r in rows if not r["FECHA_CELEBRACION"].strip())
    assert main(["import", str(FIX / "Contratos2014_sample.csv"), "--db", str(db)]) == 0
    screen = capsys.readouterr().out
    assert f"{unsigned:>8,}  Contratos2014_sample.csv fecha_firma: no signature date" in screen
    assert "more like this" not in screen
    # the examples kept (20 of a kind) are rows; the count is the kind's true total
    con = store.connect_read(db)
    try:
        warned = con.execute("SELECT warnings FROM import_batches").fetchall()
    finally:
        con.close()
    assert warned and warned[0][0] >= unsigned + len({r["CODIGO_CONTRATO"] for r in rows})


def test_row_sink_lists_a_kind_up_to_its_limit_or_every_note_when_asked():
    from metrics.sources.common import NOTE_EXAMPLES, RowSink
    capped, every = RowSink("f.json"), RowSink("f.json", keep_all=True)
    for sink in (capped, every):
        for record in range(1, NOTE_EXAMPLES + 6):              # 25 notes of one kind
            sink.note("warning", record, "contracts[0].value.currency", "USD",
                      "amount in USD, kept in USD", kind="amounts not in MXN (USD)")
        sink.close()
    assert [n["row"] for n in capped.notes] == list(range(1, NOTE_EXAMPLES + 1)) + [None]
    assert capped.notes[-1]["problem"] == "5 more like this (25 in all): amounts not in MXN (USD)"
    assert [n["row"] for n in every.notes] == list(range(1, NOTE_EXAMPLES + 6))


# ------------------------------------------------------------------ a contract without its tender

def test_paraguay_sample_imports_its_contract_items_and_supplier(db):
    report = import_paths([FIX / "paraguay-medical-supplies-release-package.json"], db)
    assert fetch(db, "SELECT contract_id, procedure_type, amount, currency, "
                     "json_extract(extra, '$.procedure_type_assumed')::BOOLEAN FROM contracts") == [
        ("ocds-03ad3f-246807/246807-11-setiembre-srl-4", "direct_award", 17875000.0, "PYG", True)]
    # 42201810-001 twice (10 at 445,000 and 10 at 850,000): 20 at the weighted 647,500
    assert fetch(db, "SELECT item_code, unit_price, max_qty FROM contract_items ORDER BY 1") == [
        ("41122404-001", 105000.0, 5.0), ("42201810-001", 647500.0, 20.0),
        ("42203704-001", 110000.0, 20.0), ("42203708-002", 110000.0, 20.0)]
    assert fetch(db, "SELECT name FROM suppliers") == [("11 DE SETIEMBRE SRL",)]
    assert report.warnings["problem"].str.contains("recorded as direct_award").sum() == 1


def test_a_json_file_with_nothing_to_import_is_not_said_to_have_a_header(db, tmp_path, capsys):
    from metrics.cli import main
    path = tmp_path / "planning.json"
    path.write_text(json.dumps({"uri": "u", "publisher": {"name": "p"}, "version": "1.1",
                                "publishedDate": "2020-01-01T00:00:00Z",
                                "releases": [{"ocid": "ocds-x-1", "id": "1", "tag": ["planning"],
                                              "date": "2020-01-01T00:00:00Z"}]}), encoding="utf-8")
    assert main(["import", str(path), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert ("abasto: nothing to import: planning.json holds no contract or tender item that could "
            "be imported (its warnings say what was skipped and why); nothing was written") in err
    assert "header" not in err


@pytest.mark.parametrize("module", ["metrics.sources", "metrics.sources.ocds_schema", "metrics.ingest"])
def test_each_package_imports_first_in_a_fresh_interpreter(module):
    # metrics.sources needs metrics.ingest and the other way round: neither may need the
    # other's names while it is being imported (`python -c "import metrics.sources..."`)
    import subprocess
    import sys
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", f"import {module}"], cwd=root, capture_output=True,
                          text=True, env={"PYTHONPATH": str(root), "PATH": ""})
    assert done.returncode == 0, done.stderr
