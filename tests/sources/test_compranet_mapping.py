"""CompraNet in: the real 2014 sample, a 2019–2022 file, a 2023+ ComprasMX file, XLSX, bad files."""
import csv
import json
from pathlib import Path

import pytest

from metrics.sources import CompranetAdapter, detect
from metrics.sources.common import RowSink, SourceFormatError
from metrics.sources.compranet import HEALTH_PARTIDAS, is_health_partida, map_file

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "sources"


def run(path):
    sink = RowSink(Path(path).name)
    map_file(path, sink)
    sink.close()
    return sink


def by_id(sink, table, key):
    return {r[key]: r for r in sink.rows.get(table, [])}


def text(sink):
    return "\n".join(n["problem"] for n in sink.notes)


def test_health_partidas_helper():
    assert set(HEALTH_PARTIDAS) == {"25301", "25401"}
    assert is_health_partida("25301") and is_health_partida("21101, 25401")
    assert not is_health_partida("21101") and not is_health_partida(None)


def test_real_2014_sample():
    path = FIX / "Contratos2014_sample.csv"
    assert isinstance(detect(path), CompranetAdapter)
    sink = run(path)
    contracts = by_id(sink, "contracts", "contract_id")
    assert len(contracts) == 397                 # 399 rows, 2 exact duplicates skipped
    assert len(sink.rows["institutions"]) == 7
    c = contracts["663715"]                      # the USD row
    assert (c["institution_id"], c["procedure_type"], c["amount"], c["currency"], c["status"],
            c["signed_date"], c["start_date"], c["end_date"]) == (
        "API-Manzanillo", "restricted", "30600", "USD", "completed", "2014-11-28", "2014-11-28", "2014-12-26")
    kinds = {r["procedure_type"] for r in contracts.values()}
    assert kinds == {"open_tender", "restricted", "direct_award"}
    count = {k: sum(r["procedure_type"] == k for r in contracts.values()) for k in kinds}
    # TIPO_PROCEDIMIENTO: 261 Adjudicación Directa, 79 Invitación (2 of them duplicated rows), 59 Licitación
    assert count == {"direct_award": 261, "restricted": 77, "open_tender": 59}
    assert sum(r["is_consolidated"] == "true" for r in contracts.values()) == 1
    # no RFC column in this era: every supplier id comes from its name, and says so
    assert all(s["supplier_id"].startswith("NOM-") for s in sink.rows["suppliers"])
    assert "supplier without RFC or RUPC folio" in text(sink)
    assert "duplicate row of the same contract: skipped" in text(sink)
    assert "no signature date: the start date is used" in text(sink)
    assert "2010–2017" in text(sink) and "columns ignored" in text(sink)
    extra = json.loads(contracts["663715"]["_extra"])
    assert extra["health_institution"] is False and extra["procedure_number"] == "IA-009J3B001-N144-2014"


def test_2019_2022_file():
    sink = run(FIX / "compranet_2021.csv")
    contracts = by_id(sink, "contracts", "contract_id")
    assert sorted(contracts) == ["2401001", "2401002", "2401003"]
    a, b, c = contracts["2401001"], contracts["2401002"], contracts["2401003"]
    assert (a["supplier_id"], a["procedure_type"], a["amount"], a["signed_date"], a["start_date"],
            a["is_consolidated"], a["is_emergency"], a["status"]) == (
        "LAB010101AB1", "open_tender", "1250000.5", "2021-01-25", "2021-02-01", "true", "false", "active")
    assert (b["supplier_id"], b["is_emergency"], b["currency"], b["status"]) == (
        "RUPC-777", "true", "USD", "terminated")
    assert (c["institution_id"], c["procedure_type"], c["status"], c["signed_date"]) == (
        "SEP", "restricted", "completed", "2021-05-01")
    assert json.loads(a["_extra"])["partida"] == "25301" and json.loads(a["_extra"])["health_partida"]
    assert json.loads(b["_extra"])["partida"] == "25401"
    assert json.loads(c["_extra"])["health_institution"] is False
    assert json.loads(a["_extra"])["health_institution"] is True
    suppliers = by_id(sink, "suppliers", "supplier_id")
    assert suppliers["LAB010101AB1"]["company_size"] == "medium"
    assert suppliers["RUPC-777"]["company_size"] == "micro"
    t = text(sink)
    assert "contract skipped: no supplier" in t
    assert "procedure type not recognised" in t
    assert "2019–2022" in t


def test_2023_comprasmx_latin1_multiline_two_moneda():
    sink = run(FIX / "compranet_2023.csv")
    contracts = by_id(sink, "contracts", "contract_id")
    one, two = contracts["CMX-1"], contracts["CMX-2"]
    assert (one["supplier_id"], one["procedure_type"], one["is_emergency"], one["is_consolidated"],
            one["amount"], one["signed_date"], one["start_date"], one["end_date"]) == (
        "LAB010101AB1", "direct_award", "true", "true", "1000000", "2023-03-14", "2023-03-15", "2023-12-31")
    # the same supplier name without RFC on the second row gets the RFC seen on the first
    assert two["supplier_id"] == "LAB010101AB1"
    extra = json.loads(one["_extra"])
    assert extra["partida"] == "25301, 25401" and extra["health_partida"] and extra["health_institution"]
    assert extra["amount_published"] == "1,160,000.00" and extra["contract_kind"] == "ABIERTO"
    assert json.loads(two["_extra"])["health_partida"] is False
    assert by_id(sink, "suppliers", "supplier_id")["LAB010101AB1"]["name"] == "LABORATORIOS ÑANDÚ SA DE CV"
    assert "2023+ (ComprasMX)" in text(sink) and "latin-1" in text(sink)
    assert "RFC of the same supplier name elsewhere" in text(sink)


def test_xlsx_2010_2017(tmp_path):
    import xlsxwriter
    from datetime import datetime
    src = list(csv.reader(open(FIX / "Contratos2014_sample.csv", encoding="utf-8")))
    path = tmp_path / "Contratos2015.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    date_fmt = book.add_format({"num_format": "yyyy-mm-dd"})
    header = src[0]
    for j, h in enumerate(header):
        sheet.write(0, j, h)
    for i, row in enumerate(src[1:6], start=1):
        for j, v in enumerate(row):
            if header[j] == "FECHA_INICIO":
                sheet.write_datetime(i, j, datetime.fromisoformat(v), date_fmt)
            elif header[j] == "IMPORTE_CONTRATO":
                sheet.write_number(i, j, float(v))
            else:
                sheet.write(i, j, v)
    book.close()
    assert isinstance(detect(path), CompranetAdapter)
    sink = run(path)
    assert len(sink.rows["contracts"]) == 5
    first = by_id(sink, "contracts", "contract_id")["660477"]
    assert (first["start_date"], first["amount"], first["procedure_type"]) == ("2014-11-24", "129310.34", "direct_award")
    assert all(r["_row"] >= 2 for r in sink.rows["contracts"])


def test_row_numbers_count_multiline_records_as_one_row(tmp_path):
    sink = run(FIX / "compranet_2023.csv")
    assert sorted(r["_row"] for r in sink.rows["contracts"]) == [2, 3]


# ------------------------------------------------------------------ bad files

def test_empty_header_cell_is_an_error(tmp_path):
    lines = (FIX / "compranet_2021.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    header[5] = ""
    path = tmp_path / "bad_header.csv"
    path.write_text("\n".join([",".join(header), *lines[1:]]), encoding="utf-8")
    with pytest.raises(SourceFormatError) as info:
        run(path)
    assert info.value.record == 1 and info.value.field == "column 6"
    assert "empty header cell" in str(info.value) and "bad_header.csv" in str(info.value)


def test_unknown_currency_is_an_error_naming_row_and_column(tmp_path):
    text_ = (FIX / "compranet_2021.csv").read_text(encoding="utf-8").replace(",USD,", ",PESOS ORO,")
    path = tmp_path / "bad_currency.csv"
    path.write_text(text_, encoding="utf-8")
    sink = run(path)
    errors = sink.errors()
    assert len(errors) == 1
    assert (errors[0]["row"], errors[0]["column"], errors[0]["value"]) == (3, "moneda", "PESOS ORO")
    assert "unknown currency" in errors[0]["problem"]


def test_missing_required_columns_is_an_error(tmp_path):
    path = tmp_path / "notcontracts.csv"
    path.write_text("CODIGO_CONTRATO,PROVEEDOR_CONTRATISTA\n1,X\n", encoding="utf-8")
    assert isinstance(detect(path), CompranetAdapter)
    with pytest.raises(SourceFormatError) as info:
        run(path)
    assert "SIGLAS" in str(info.value) and "FECHA_FIN" in str(info.value)


def test_canonical_csv_is_not_compranet(tmp_path):
    path = tmp_path / "contracts.csv"
    path.write_text("contract_id,institution_id,supplier_id\nC1,IMSS,S1\n", encoding="utf-8")
    assert detect(path) is None
