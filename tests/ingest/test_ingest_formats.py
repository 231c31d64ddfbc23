"""Every table imports from CSV, XLSX and Parquet, with the variations the contract allows,
and lands as the same stored rows."""
import datetime as dt
import json

import pytest

from metrics.ingest import import_paths
from tests.ingest.ingest_helpers import (TABLES, copy_base, dump, read_base, rows_of, write_csv,
                                         write_parquet, write_xlsx)


@pytest.fixture
def csv_dump(tmp_path):
    """The stored rows after importing the base set as plain CSV: the reference."""
    db = tmp_path / "csv.duckdb"
    report = import_paths([copy_base(tmp_path / "csv")], db)
    assert report.warnings.empty
    return dump(db)


def test_base_set_stores_every_table_with_parsed_values(tmp_path, csv_dump):
    for table in TABLES:
        assert csv_dump[table], table
    db = tmp_path / "csv.duckdb"
    assert rows_of(db, "SELECT contract_id, procedure_type, is_emergency, is_consolidated, signed_date, "
                       "amount, status FROM contracts ORDER BY 1") == [
        ("C1", "open_tender", False, True, dt.date(2025, 1, 15), 125000.0, "active"),
        ("C2", "direct_award", True, False, dt.date(2025, 2, 3), 48000.5, "completed")]
    # group derived from the clave prefix when the cell is empty (060 = medical supply)
    assert rows_of(db, "SELECT item_code, item_group FROM items ORDER BY 1") == [
        ("010.000.0104.00", "medicine"), ("060.066.0039", "medical_supply")]
    assert rows_of(db, "SELECT delivery_id, qty_rejected, rejection_reason, delay_cause FROM deliveries "
                       "ORDER BY 1") == [("D1", 0.0, None, "supplier"), ("D2", 50.0, "Empaque dañado", "buyer")]
    assert rows_of(db, "SELECT count(*) FROM line_facts")[0][0] == 3


@pytest.mark.parametrize("fmt", ["xlsx", "parquet"])
def test_xlsx_and_parquet_store_the_same_rows_as_csv(tmp_path, csv_dump, fmt):
    folder = tmp_path / fmt
    folder.mkdir()
    for table in TABLES:
        header, rows = read_base(table)
        if fmt == "xlsx":
            write_xlsx(folder / f"{table}.xlsx", table, header, rows)
        else:
            write_parquet(folder / f"{table}.parquet", table, header, rows)
    db = tmp_path / f"{fmt}.duckdb"
    report = import_paths([folder], db)
    assert report.warnings.empty
    assert dump(db) == csv_dump


def test_xlsx_cells_as_text_and_the_sheet_named_after_the_table(tmp_path, csv_dump):
    folder = copy_base(tmp_path / "mixed")
    (folder / "orders.csv").unlink()
    header, rows = read_base("orders")
    # text cells, a notes sheet first: the sheet named "ordenes" is the one read
    write_xlsx(folder / "orders.xlsx", "orders", header, rows, sheet="ordenes", typed=False,
               before_sheet="Notas")
    db = tmp_path / "mixed.duckdb"
    import_paths([folder], db)
    assert dump(db) == csv_dump


def test_latin1_semicolons_bom_and_spanish_headers(tmp_path, csv_dump):
    folder = copy_base(tmp_path / "es")
    header, rows = read_base("units")
    (folder / "units.csv").unlink()
    write_csv(folder / "unidades.csv", ["ID unidad", "Institución", "Nombre", "Estado", "Tipo"], rows,
              encoding="latin-1", delimiter=";")
    header, rows = read_base("deliveries")
    (folder / "deliveries.csv").unlink()
    spanish = ["Folio", "Número de orden", "Fecha de entrega", "Cantidad entregada",
               "Cantidad rechazada", "Motivo de rechazo", "Caducidad", "Causa de atraso"]
    dmy = [[r[0], r[1], dt.date.fromisoformat(r[2]).strftime("%d/%m/%Y"), r[3], r[4], r[5],
            dt.date.fromisoformat(r[6]).strftime("%d/%m/%Y"),
            {"supplier": "Proveedor", "buyer": "Comprador"}[r[7]]] for r in rows]
    write_csv(folder / "entregas_2025-03.csv", spanish, dmy, encoding="utf-8-sig")
    db = tmp_path / "es.duckdb"
    report = import_paths([folder], db)
    formats = {f["file"]: f["format"] for f in report.files}
    assert formats["unidades.csv"] == "csv (latin-1, ';')"
    assert dump(db) == csv_dump


def test_spanish_enumerations_money_and_booleans(tmp_path):
    folder = copy_base(tmp_path / "f", only=["institutions", "suppliers"])
    write_csv(folder / "contratos.csv",
              ["numero_contrato", "id_institucion", "id_proveedor", "tipo_procedimiento", "emergencia",
               "compra_consolidada", "fecha_firma", "fecha_inicio", "fecha_fin", "importe", "estatus"],
              [["K1", "IMSS", "P", "Licitación Pública", "Sí", "no", "15/01/2025", "01/02/2025",
                "31/12/2025", "$ 1,250,000.50", "Activo"],
               ["K2", "IMSS", "P", "Adjudicación Directa Federal", "1", "0", "2025-01-15", "2025-02-01",
                "2025-12-31", "1 000", "rescindido"],
               ["K3", "IMSS", "P", "Invitación a cuando menos 3 personas", "yes", "TRUE", "15/01/2025",
                "01/02/2025", "31/12/2025", "10", "Terminado"]])
    db = tmp_path / "f.duckdb"
    import_paths([folder], db)
    assert rows_of(db, "SELECT contract_id, procedure_type, is_emergency, is_consolidated, amount, status, "
                       "currency, penalty_rate_per_day, guarantee_pct FROM contracts ORDER BY 1") == [
        ("K1", "open_tender", True, False, 1250000.5, "active", "MXN", 0.01, 0.10),
        ("K2", "direct_award", True, False, 1000.0, "rescinded", "MXN", 0.01, 0.10),
        ("K3", "restricted", True, True, 10.0, "terminated", "MXN", 0.01, 0.10)]


def test_file_recognised_by_its_header_and_extra_columns_kept(tmp_path):
    folder = copy_base(tmp_path / "h", only=["institutions"])
    header, rows = read_base("suppliers")
    write_csv(folder / "export_proveedores_final.csv", header + ["Observaciones", "Teléfono"],
              [r + ["cliente frecuente", ""] for r in rows])
    db = tmp_path / "h.duckdb"
    report = import_paths([folder], db)
    assert {f["file"]: f["table"] for f in report.files}["export_proveedores_final.csv"] == "suppliers"
    extra = dict(rows_of(db, "SELECT supplier_id, extra FROM suppliers"))
    assert json.loads(extra["P"]) == {"Observaciones": "cliente frecuente"}
    kept = report.warnings[report.warnings["code"] == "extra_column"]
    assert set(kept["column"]) == {"Observaciones", "Teléfono"}


def test_unknown_item_code_is_added_with_a_warning(tmp_path):
    folder = copy_base(tmp_path / "i", only=["institutions", "suppliers", "contracts"])
    write_csv(folder / "partidas.csv", ["contrato", "clave", "precio_unitario"],
              [["C1", "010.000.5106.00", "41.2"]])
    db = tmp_path / "i.duckdb"
    report = import_paths([folder], db)
    assert rows_of(db, "SELECT item_code, description, item_group FROM items") == [
        ("010.000.5106.00", None, "medicine")]
    warned = report.warnings[report.warnings["code"] == "new_item"]
    assert list(warned[["file", "row", "value"]].itertuples(index=False, name=None)) == [
        ("partidas.csv", 2, "010.000.5106.00")]
    assert report.tables["items"] == (1, 0)


def test_data_samples_folder_imports_cleanly(tmp_path):
    from pathlib import Path
    samples = Path(__file__).resolve().parents[2] / "data" / "samples"
    db = tmp_path / "samples.duckdb"
    report = import_paths([samples], db)
    assert report.warnings.empty
    assert {t for t, (added, _) in report.tables.items() if added} == set(TABLES)
    assert rows_of(db, "SELECT count(*) FROM orders WHERE cancelled")[0][0] == 1
    assert rows_of(db, "SELECT count(*) FROM line_facts")[0][0] == 7


def test_latin1_that_starts_like_utf8_is_read_as_latin1(tmp_path):
    """Only ASCII in the first 256 KB, a Latin-1 'ñ' further on: read again as Latin-1."""
    folder = tmp_path / "late"
    folder.mkdir()
    rows = [[f"S{i:05d}", f"Proveedor numero {i} SA de CV", "", "", "Jalisco"] for i in range(6000)]
    rows.append(["S99999", "Compañía Farmacéutica del Sureste", "", "", "Yucatán"])
    write_csv(folder / "suppliers.csv", ["supplier_id", "name", "rfc", "company_size", "state"], rows,
              encoding="latin-1")
    assert (folder / "suppliers.csv").stat().st_size > 256 * 1024
    db = tmp_path / "late.duckdb"
    report = import_paths([folder], db)
    assert report.files[0]["format"] == "csv (latin-1, ',')"
    assert rows_of(db, "SELECT name, state FROM suppliers WHERE supplier_id = 'S99999'") == [
        ("Compañía Farmacéutica del Sureste", "Yucatán")]
