"""OCDS in: every package shape, merging, OCDS 1.0 style, real samples, malformed files."""
import json
from pathlib import Path

import pytest

from metrics.sources import OcdsAdapter, detect
from metrics.sources.common import RowSink, SourceFormatError
from metrics.sources.ocds import map_file
from metrics.sources.ocds_read import compile_releases, sniff

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "sources"


def load(name):
    return json.loads((FIX / name).read_text(encoding="utf-8"))


R1, R2, R10 = "ocds_mx_release_1.json", "ocds_mx_release_2.json", "ocds_cdmx_release_10.json"


def run(path):
    sink = RowSink(Path(path).name)
    map_file(path, sink)
    sink.close()
    return sink


def rows(sink, table, *cols):
    return sorted(tuple(r[c] for c in cols) for r in sink.rows.get(table, []))


def canonical(sink):
    """Every staged row of every table without record numbers (shape-independent)."""
    return {t: sorted(json.dumps({k: v for k, v in r.items() if k != "_row"}, sort_keys=True)
                      for r in rs) for t, rs in sink.rows.items()}


# ------------------------------------------------------------------ shapes

def package(releases):
    return {"uri": "https://example.org/p", "version": "1.1", "publishedDate": "2025-05-01T00:00:00Z",
            "publisher": {"name": "Prueba"}, "releases": releases}


def record(ocid, releases, compiled=False):
    rec = {"ocid": ocid, "releases": releases}
    if compiled:
        rec["compiledRelease"] = compile_releases([dict(r) for r in releases])
    return rec


def record_package(records):
    return {"uri": "https://example.org/r", "version": "1.1", "publishedDate": "2025-05-01T00:00:00Z",
            "publisher": {"name": "Prueba"}, "records": records}


def shapes():
    r1, r2, r10 = load(R1), load(R2), load(R10)
    rels = [r2, r10, r1]          # releases of one ocid apart and out of date order
    recs = [record(r1["ocid"], [r1, r2]), record(r10["ocid"], [r10])]
    recs_c = [record(r1["ocid"], [r1, r2], True), record(r10["ocid"], [r10], True)]
    return {
        "release_package.json": ("release_package", json.dumps(package(rels))),
        "releases.jsonl": ("release", "\n".join(json.dumps(r) for r in rels) + "\n"),
        "packages.jsonl": ("release_package", "\n".join(json.dumps(package([r])) for r in rels)),
        "array_of_packages.json": ("array_release_package", json.dumps([package(rels[:2]), package(rels[2:])])),
        "array_of_releases.json": ("array_release", json.dumps(rels)),
        "record_package.json": ("record_package", json.dumps(record_package(recs))),
        "array_of_record_packages.json": ("array_record_package",
                                          json.dumps([record_package(recs[:1]), record_package(recs_c[1:])])),
        "record_package_compiled.json": ("record_package", json.dumps(record_package(recs_c))),
        "records.jsonl": ("record", "\n".join(json.dumps(r) for r in recs_c)),
    }


@pytest.fixture(scope="module")
def expected():
    r1, r2, r10 = load(R1), load(R2), load(R10)
    sink = RowSink("x")
    from metrics.sources.ocds import Mapper
    m = Mapper(sink)
    m.release(compile_releases([r1, r2]), 1, 2)
    m.release(r10, 2, 1)
    sink.close()
    return canonical(sink)


@pytest.mark.parametrize("name", sorted(shapes()))
def test_every_shape_gives_the_same_rows(tmp_path, name, expected):
    shape, text = shapes()[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert sniff(path) == shape
    assert isinstance(detect(path), OcdsAdapter)
    assert canonical(run(path)) == expected


def test_latin1_and_bom_files_read_the_same(tmp_path, expected):
    text = json.dumps(package([load(R1), load(R2), load(R10)]), ensure_ascii=False)
    latin = tmp_path / "latin1.json"
    latin.write_bytes(text.encode("latin-1"))
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    for path in (latin, bom):
        sink = run(path)
        assert canonical(sink) == expected
        assert ("Laboratorios Ñandú, S.A. de C.V.",) in rows(sink, "suppliers", "name")
    assert "iso-8859-1" in " ".join(n["problem"] for n in run(latin).notes).replace("latin-1", "iso-8859-1")


# ------------------------------------------------------------------ mapping

@pytest.fixture(scope="module")
def mx(tmp_path_factory):
    path = tmp_path_factory.mktemp("mx") / "mx.jsonl"
    path.write_text("\n".join(json.dumps(load(n)) for n in (R1, R10, R2)), encoding="utf-8")
    return run(path)


def test_parties_map_to_institutions_and_suppliers_with_rfc(mx):
    assert rows(mx, "institutions", "institution_id", "name") == [
        ("IMSS", "Instituto Mexicano del Seguro Social"),
        ("SSC970101AB1", "Secretaría de Salud de la Ciudad de México")]   # 1.0: identifier id
    assert rows(mx, "suppliers", "supplier_id", "rfc", "state") == [
        ("DMV900101XY2", "DMV900101XY2", None),        # 1.0 providerOrganization, MX-RFC scheme
        ("LAB010101AB1", "LAB010101AB1", "Jalisco")]   # "Registro Federal de Contribuyentes de México"


def test_contracts_merge_releases_latest_wins(mx):
    assert rows(mx, "contracts", "contract_id", "supplier_id", "procedure_type", "is_emergency",
                "signed_date", "start_date", "end_date", "amount", "currency", "status") == [
        ("OCDS-87SD3T-AD-SSCDMX-009-2019/CS-009-2019", "DMV900101XY2", "direct_award", "true",
         "2019-02-15", "2019-02-15", "2019-06-30", "1000", "USD", "active"),
        # release 2 (later) set status terminated -> completed; everything else from release 1
        ("ocds-07smqs-1000/C1", "LAB010101AB1", "open_tender", "false",
         "2024-12-20", "2025-01-01", "2025-12-31", "7500", "MXN", "completed")]


def test_items_orders_and_deliveries_from_milestones(mx):
    assert rows(mx, "contract_items", "contract_id", "item_code", "unit_price", "max_qty") == [
        ("OCDS-87SD3T-AD-SSCDMX-009-2019/CS-009-2019", "25401001", "25", "40"),
        ("ocds-07smqs-1000/C1", "010.000.0104.00", "25", "200"),
        ("ocds-07smqs-1000/C1", "060.345.0011.00", "50", "50")]
    assert rows(mx, "orders", "order_id", "item_code", "unit_id", "order_date", "due_date", "qty_ordered") == [
        # 1.0: no quantity published -> 40 split over 2 delivery milestones; the second
        # milestone (no status, no date) is skipped
        ("OCDS-87SD3T-AD-SSCDMX-009-2019/CS-009-2019/1", "25401001", "SSC970101AB1/OCDS",
         "2019-02-15", "2019-03-15", "20"),
        ("ocds-07smqs-1000/C1/M1", "010.000.0104.00", "IMSS/OCDS", "2024-12-20", "2025-02-01", "100"),
        ("ocds-07smqs-1000/C1/M2", "060.345.0011.00", "IMSS/OCDS", "2024-12-20", "2025-03-01", "50"),
        ("ocds-07smqs-1000/C1/M3", "010.000.0104.00", "IMSS/OCDS", "2024-12-20", "2025-04-01", "100")]
    assert rows(mx, "deliveries", "order_id", "delivered_date", "qty_delivered", "qty_rejected") == [
        ("OCDS-87SD3T-AD-SSCDMX-009-2019/CS-009-2019/1", "2019-03-14", "20", "0"),   # dateModified
        ("ocds-07smqs-1000/C1/M1", "2025-01-30", "100", "0"),
        ("ocds-07smqs-1000/C1/M2", "2025-03-05", "20", "0"),        # partiallyMet, entregado=20
        ("ocds-07smqs-1000/C1/M3", "2025-04-10", "100", "0")]       # met in the later release
    assert rows(mx, "units", "unit_id", "state") == [("IMSS/OCDS", "Ciudad de México"),
                                                     ("SSC970101AB1/OCDS", "Ciudad de México")]


def test_tender_items_and_mapping_notes(mx):
    assert rows(mx, "tender_items", "procedure_id", "item_code", "outcome", "published_date") == [
        ("LA-050GYR047-E1-2025", "010.000.0104.00", "awarded", "2024-11-04"),
        ("LA-050GYR047-E1-2025", "060.345.0011.00", "awarded", "2024-11-04")]
    problems = [n["problem"] for n in mx.notes]
    text = "\n".join(problems)
    assert all(n["severity"] == "warning" for n in mx.notes)
    assert "placeholder unit" in text
    assert "kept in USD" in text
    assert "split equally" in text
    assert "neither status nor dateMet" in text
    assert "tender item skipped" in text
    assert any(p.startswith("fields ignored") and "parties.contactPoint" not in p for p in problems)
    assert any(p.startswith("fields used") and "contracts.implementation" in p for p in problems)
    assert any("2 processes (1 compiled from several releases)" in p for p in problems)


def test_disk_grouping_merges_releases_far_apart(tmp_path, monkeypatch):
    """Releases of one ocid far apart in the file, with many hash partitions, still merge."""
    from metrics.sources import ocds_read
    monkeypatch.setattr(ocds_read, "PARTITION_BYTES", 500)     # many partitions
    r1, r2 = load(R1), load(R2)
    fillers = []
    for i in range(5):
        f = json.loads(json.dumps(load(R10)))
        f["ocid"] = f"OCDS-87SD3T-X-{i}"
        fillers.append(f)
    path = tmp_path / "spread.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [r2, *fillers, r1]), encoding="utf-8")
    sink = run(path)
    assert ("ocds-07smqs-1000/C1", "completed") in rows(sink, "contracts", "contract_id", "status")
    assert len(sink.rows["contracts"]) == 6


# ------------------------------------------------------------------ real samples

def test_fictional_record_package_sample():
    sink = run(FIX / "fictional-record-package.json")
    assert rows(sink, "contracts", "contract_id", "supplier_id", "procedure_type", "signed_date",
                "end_date", "amount", "currency", "status") == [
        ("ocds-213czf-000-00001/ocds-213czf-000-00001-contract-01", "GB-COH-11111111",
         "open_tender", "2010-06-10", "2011-06-30", "11000000", "GBP", "active")]
    assert rows(sink, "contract_items", "item_code", "unit_price", "max_qty") == [("45233130.0", "137000", "8")]
    assert "orders" not in sink.rows          # the example has transactions, no milestones
    text = "\n".join(n["problem"] for n in sink.notes)
    assert "kept in GBP" in text
    assert "planning" in text                 # listed among the ignored fields


def test_paraguay_sample_imports_with_the_procedure_type_assumed():
    # the real DNCP release has no tender at all: the contract, its supplier and items are
    # kept, the procedure type is the documented direct_award, and the warning says so
    sink = run(FIX / "paraguay-medical-supplies-release-package.json")
    assert rows(sink, "contracts", "contract_id", "institution_id", "procedure_type", "signed_date",
                "start_date", "end_date", "amount", "currency", "status") == [
        ("ocds-03ad3f-246807/246807-11-setiembre-srl-4", "b57cc866981fddc03d7928d923463fb1",
         "direct_award", "2013-04-05", "2013-04-05", "2013-04-15", "17875000", "PYG", "active")]
    extra = json.loads(sink.rows["contracts"][0]["_extra"])
    assert extra["procedure_type_assumed"] is True
    # 5 items, two of them with one code: 4 contract items
    assert len(sink.rows["contract_items"]) == 4
    assert rows(sink, "suppliers", "name") == [("11 DE SETIEMBRE SRL",)]
    notes = [n for n in sink.notes if n["column"] == "tender.procurementMethod"]
    assert len(notes) == 1 and "recorded as direct_award, the closest documented value" in notes[0]["problem"]
    text = "\n".join(n["problem"] for n in sink.notes)
    assert "payer of a transaction" in text
    assert "suppliers read from the contract" in text
    assert "contract skipped" not in text


def test_a_published_procurement_method_is_not_marked_assumed(mx):
    assert all("procedure_type_assumed" not in json.loads(r["_extra"]) for r in mx.rows["contracts"])


def test_paraguay_items_with_one_code_are_merged_and_said(tmp_path):
    data = load("paraguay-medical-supplies-release-package.json")
    data["releases"][0]["tender"] = {"id": "T", "procurementMethod": "limited"}
    path = tmp_path / "py.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    sink = run(path)
    # two items share 42201810-001: 10 × 445,000 and 10 × 850,000 -> 20 at 647,500
    assert ("42201810-001", "647500", "20") in rows(sink, "contract_items", "item_code", "unit_price", "max_qty")
    assert len(sink.rows["contract_items"]) == 4
    assert rows(sink, "contracts", "supplier_id", "currency")[0][1] == "PYG"
    assert sink.rows["suppliers"][0]["supplier_id"].startswith("NOM-")
    assert "separate prices are lost" in "\n".join(n["problem"] for n in sink.notes)


# ------------------------------------------------------------------ malformed

@pytest.mark.parametrize("text, record, words", [
    ('{"uri": "u", "publisher": {"name": "p"}, "publishedDate": "2020-01-01", "version": "1.1", '
     '"releases": [{"ocid": "a", "id": "1", "date": "2020-01-01"}, {"ocid": "b", "id": "2", "da',
     2, "truncated"),
    ('{"uri": "u", "publisher": {"name": "p"}, "publishedDate": "2020-01-01", "version": "1.1", '
     '"releases": []}', None, "no OCDS releases"),
    ('{"uri": "u", "publisher": {"name": "p"}, "publishedDate": "2020-01-01", "version": "1.1"}',
     None, "no OCDS releases"),
    ('{"records": []}', None, "no OCDS records"),
    ('{"hello": "world"}', None, "not an OCDS"),
    ('', None, "not an OCDS"),
])
def test_malformed_files_raise_clear_errors(tmp_path, text, record, words):
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceFormatError) as info:
        map_file(path, RowSink(path.name))
    assert info.value.record == record
    assert words in str(info.value)
    assert str(path) in str(info.value)


def test_release_without_ocid_is_skipped(tmp_path):
    r = load(R1)
    del r["ocid"]
    path = tmp_path / "noocid.jsonl"
    path.write_text(json.dumps(r) + "\n" + json.dumps(load(R10)), encoding="utf-8")
    sink = run(path)
    assert len(sink.rows["contracts"]) == 1
    assert any(n["row"] == 1 and n["column"] == "ocid" for n in sink.notes)


def test_awards_without_contracts_become_contracts(tmp_path):
    r = load(R1)
    del r["contracts"]
    r["awards"][0]["contractPeriod"] = {"startDate": "2025-01-01T00:00:00Z", "endDate": "2025-06-30T00:00:00Z"}
    r["awards"][0]["items"] = [{"id": "1", "quantity": 5, "classification": {"id": "010.000.0104.00"},
                                "unit": {"value": {"amount": 30, "currency": "MXN"}}}]
    r["awards"].append({"id": "A2", "status": "cancelled", "suppliers": [{"id": "MX-RFC-LAB010101AB1"}]})
    path = tmp_path / "awards.json"
    path.write_text(json.dumps(package([r])), encoding="utf-8")
    sink = run(path)
    assert rows(sink, "contracts", "contract_id", "supplier_id", "signed_date", "end_date", "amount", "status") == [
        ("ocds-07smqs-1000/A1", "LAB010101AB1", "2024-12-10", "2025-06-30", "7500", "active")]
    assert rows(sink, "contract_items", "item_code", "unit_price", "max_qty") == [("010.000.0104.00", "30", "5")]
    text = "\n".join(n["problem"] for n in sink.notes)
    assert "award with no contract imported as a contract" in text
    assert "status 'cancelled' is not an award in force" in text
