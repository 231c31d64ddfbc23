"""CompraNet / ComprasMX contract exports (CSV or XLSX, every era) -> canonical tables.

Eras (see ../shared/samples/README.md): 2010–2017 UPPERCASE headers (no RFC column),
2019–2022 mixed case with accents, 2023 on (ComprasMX) Latin-1 with multi-line quoted
fields, `Partida específica` and the `Moneda` column twice. Headers are matched after
folding (lower case, no accents, punctuation as `_`) against the fixed allow-list `KEYS`;
the mapping itself is SQL (metrics/sql/sources/compranet_map.sql) over the whole file.

Rows of every sector import; `extra` keeps the partida and whether the institution is a
health institution, so the dashboard can filter to health: see HEALTH_PARTIDAS and
`is_health_partida`.
"""
from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from metrics import sqlfiles
from metrics.ingest import encodings
from metrics.sources.common import SourceFormatError, detect_encoding, fold, name_id

# Partidas específicas (Clasificador por Objeto del Gasto) of health supplies.
HEALTH_PARTIDAS: dict[str, str] = {
    "25301": "Medicinas y productos farmacéuticos",
    "25401": "Materiales, accesorios y suministros médicos",
}
# Institutions of the health sector by acronym (folded), and words of their names.
HEALTH_INSTITUTIONS = ("imss", "issste", "imss bienestar", "imss-bienestar", "ssa", "insabi",
                       "birmex", "cofepris", "ccinshae", "censida", "cenetec", "pemex-ss",
                       "incan", "iner", "innn", "inper", "inp", "incmnsz", "inr", "ingen",
                       "inger", "hgm", "hjm", "hraei", "hrae", "hna", "hospital juarez",
                       "issfam", "dif", "snsp")
HEALTH_NAME_WORDS = (r"salud|hospital|seguro social|seguridad y servicios sociales|"
                     r"cancerologia|cardiologia|pediatria|perinatologia|psiquiatria|"
                     r"ciencias medicas|enfermedades respiratorias|neurologia|rehabilitacion|"
                     r"geriatria|medicina genomica|imss|issste|insabi|birmex|farmac")

# canonical raw key -> accepted folded headers, first present wins (the only identifiers
# that reach SQL).
KEYS: dict[str, tuple[str, ...]] = {
    "codigo_contrato": ("codigo_contrato", "codigo_del_contrato"),
    "siglas": ("siglas", "siglas_de_la_institucion"),
    "institucion": ("dependencia", "institucion"),
    "proveedor": ("proveedor_contratista", "proveedor_o_contratista"),
    "rfc": ("rfc",),
    "folio_rupc": ("folio_rupc", "folio_en_el_rupc"),
    "estratificacion": ("estratificacion_mpc", "estratificacion_de_la_empresa", "estratificacion"),
    "tipo_procedimiento": ("tipo_procedimiento", "tipo_de_procedimiento"),
    "articulo_excepcion": ("articulo_de_excepcion",),
    "plantilla": ("plantilla_expediente", "plantilla_del_expediente"),
    "fundamento": ("fundamento_legal",),
    "fecha_firma": ("fecha_celebracion", "fecha_de_firma_del_contrato"),
    "fecha_inicio": ("fecha_inicio", "fecha_de_inicio_del_contrato"),
    "fecha_fin": ("fecha_fin", "fecha_de_fin_del_contrato"),
    "importe": ("importe_contrato", "importe_del_contrato", "importe_drc"),
    "monto_maximo": ("monto_sin_imp_maximo",),
    "monto_minimo": ("monto_sin_imp_minimo",),
    "moneda": ("moneda", "moneda_del_contrato"),
    "moneda_2": ("moneda_2",),
    "estatus": ("estatus_contrato", "estatus_del_contrato"),
    "compra_consolidada": ("compra_consolidada",),
    "partida": ("partida_especifica",),
    "clave_cucop": ("clave_cucop",),
    "numero_procedimiento": ("numero_procedimiento", "numero_del_procedimiento",
                             "numero_de_procedimiento"),
    "clave_uc": ("claveuc", "clave_de_la_uc"),
    "nombre_uc": ("nombre_de_la_uc",),
    "titulo_contrato": ("titulo_contrato", "titulo_del_contrato"),
    "tipo_contrato": ("tipo_de_contrato",),
    "tipo_contratacion": ("tipo_contratacion", "tipo_de_contratacion"),
    "contrato_marco": ("contrato_marco",),
    "plurianual": ("plurianual", "contrato_plurianual"),
    "pais": ("siglas_pais", "clave_del_pais_de_la_empresa", "pais_de_la_empresa"),
    "anuncio": ("anuncio", "direccion_del_anuncio"),
}
REQUIRED = {"codigo_contrato": "contract code (CODIGO_CONTRATO / Código del contrato)",
            "siglas": "institution acronym (SIGLAS / Siglas de la Institución)",
            "proveedor": "supplier (PROVEEDOR_CONTRATISTA / Proveedor o contratista)",
            "tipo_procedimiento": "procedure type (TIPO_PROCEDIMIENTO / Tipo de procedimiento)",
            "fecha_fin": "end date (FECHA_FIN / Fecha de fin del contrato)"}
MARKERS = ({"codigo_contrato", "proveedor_contratista"}, {"codigo_del_contrato", "proveedor_o_contratista"})

# ISO 4217 active codes (currencies a CompraNet contract may be in).
ISO_4217 = tuple("""AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB
BRL BSD BTN BWP BYN BZD CAD CDF CHF CLF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN
ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD
JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP
MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD
RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD
TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL""".split())


def is_health_partida(partidas: str | None) -> bool:
    """True when a partida text ("25301" or a list "25301, 25401") names a health partida."""
    return any(p.strip()[:5] in HEALTH_PARTIDAS for p in str(partidas or "").split(","))


def header_key(text) -> str:
    return fold(text).replace(" ", "_")


# ---------------------------------------------------------------- reading

def _delimiter(line: str) -> str:
    counts = {d: line.count(d) for d in (",", ";", "\t", "|")}
    return max(counts, key=counts.get)


def _csv_header(path: Path, encoding: str | None = None) -> tuple[list[str], str, str]:
    encoding = encoding or detect_encoding(path)
    with open(path, "rb") as handle:
        head = handle.read(1 << 16)
    text = head.decode("utf-8", errors="ignore") if encoding == "utf-8" \
        else encodings.decode_windows1252(head)
    first = text.splitlines()[0] if text else ""
    delim = _delimiter(first)
    if text.startswith("\ufeff"):
        text = text[1:]
    header = next(csv.reader(io.StringIO(text), delimiter=delim), [])
    return header, delim, encoding


def _xlsx_rows(path: Path):
    """Rows of the first sheet, one at a time (calamine reads cells lazily per row)."""
    from python_calamine import CalamineWorkbook
    try:
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        return sheet.iter_rows()
    except Exception as exc:          # calamine raises its own error types
        raise SourceFormatError(path, None, None, f"cannot read the workbook ({exc})") from None


def _cell(value) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


XLSX_CHUNK = 20_000


def _append_xlsx(con, names: list[str], chunk: list[tuple[int, list]]) -> None:
    if not chunk:
        return
    cols = {n: pa.array([_cell(r[i]) if i < len(r) else None for _, r in chunk], pa.string())
            for i, n in enumerate(names)}
    table = pa.table({"_row": pa.array([k for k, _ in chunk], pa.int64()), **cols})
    con.execute("SELECT 1").fetchall()          # DuckDB 2.0: no unread result before register
    con.register("_cn_arrow", table)
    con.execute("INSERT INTO _cn_raw SELECT * FROM _cn_arrow")
    con.unregister("_cn_arrow")


def looks_like_compranet(path) -> bool:
    path = Path(path)
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            header = [str(c) for c in next(_xlsx_rows(path), [])]
        else:
            # only the first 64 KiB: detect() runs on every CSV of an import, canonical ones too
            with open(path, "rb") as handle:
                head = handle.read(1 << 16)
            try:
                head.decode("utf-8")
                encoding = "utf-8"
            except UnicodeDecodeError as exc:
                encoding = "utf-8" if exc.start > len(head) - 4 else "latin-1"   # cut mid-character
            header = _csv_header(path, encoding)[0]
    except (OSError, SourceFormatError, UnicodeError, csv.Error):
        return False
    keys = {header_key(h) for h in header}
    return any(m <= keys for m in MARKERS)


def _unique_names(path: Path, header: list[str]) -> list[str]:
    names, seen = [], {}
    for i, h in enumerate(header):
        key = header_key(h)
        if not key:
            raise SourceFormatError(path, 1, f"column {i + 1}",
                                    "empty header cell: every column needs a name "
                                    "(was a header row cut or a column added without a title?)")
        seen[key] = seen.get(key, 0) + 1
        names.append(key if seen[key] == 1 else f"{key}_{seen[key]}")
    return names


def load_raw(con, path: Path) -> tuple[list[str], str]:
    """Temp table _cn_raw(_row, <folded headers>) of the file; returns (names, description)."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(path)
        first = next(rows, None)
        if first is None:
            raise SourceFormatError(path, None, None, "the first sheet is empty")
        names = _unique_names(path, [str(c) if c is not None else "" for c in first])
        cols = ", ".join(f'"{n}" VARCHAR' for n in names)     # names: folded [a-z0-9_] only
        con.execute(f"CREATE OR REPLACE TEMP TABLE _cn_raw (_row BIGINT, {cols})")
        chunk, number = [], 1
        for row in rows:
            number += 1
            if all(c is None or c == "" for c in row):      # blank spreadsheet rows
                continue
            chunk.append((number, row))
            if len(chunk) >= XLSX_CHUNK:
                _append_xlsx(con, names, chunk)
                chunk = []
        _append_xlsx(con, names, chunk)
        return names, "XLSX"
    header, delim, encoding = _csv_header(path)
    names = _unique_names(path, header)
    # DuckDB's latin-1 refuses the bytes 80-9F (€ – “ ”): a Windows-1252 file is read from
    # a UTF-8 copy (metrics.ingest.encodings, as the canonical CSV reader does)
    copy = encodings.windows1252_copy(path) if encoding == "latin-1" else None
    try:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _cn_raw AS SELECT (row_number() OVER () + 1)::BIGINT AS _row, * "
            "FROM read_csv($p, header = true, all_varchar = true, delim = $d, "
            "quote = '\"', escape = '\"', encoding = $e, "
            "auto_detect = false, columns = $c)",
            {"p": str(copy or path), "d": delim, "e": "utf-8" if copy else encoding,
             "c": {n: "VARCHAR" for n in names}})
    except duckdb.OutOfMemoryException:
        raise      # the memory cap, not the file: the import says how to allow more
    except duckdb.Error as exc:
        lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
        detail = " ".join(ln for ln in lines[:4] if not ln.startswith(("Original Line", "Possible")))
        raise SourceFormatError(path, None, None, f"cannot read the CSV ({detail[:300]})") from None
    finally:
        if copy is not None:
            copy.unlink(missing_ok=True)
    return names, f"CSV, {encoding}"


# ---------------------------------------------------------------- mapping

def _era(names: set[str]) -> str:
    if {"importe_drc", "partida_especifica"} & names:
        return "2023+ (ComprasMX)"
    if "codigo_del_contrato" in names:
        return "2019–2022"
    return "2010–2017"


def map_file(path, sink) -> None:
    path = Path(path)
    con = sink.duck()
    names, desc = load_raw(con, path)
    present = set(names)
    chosen = {key: next((h for h in cands if h in present), None) for key, cands in KEYS.items()}
    missing = [label for key, label in REQUIRED.items() if chosen[key] is None]
    if chosen["fecha_inicio"] is None and chosen["fecha_firma"] is None:
        missing.append("start or signature date (FECHA_INICIO / Fecha de inicio del contrato)")
    if chosen["importe"] is None and chosen["monto_maximo"] is None:
        missing.append("amount (IMPORTE_CONTRATO / Importe del contrato / Importe DRC)")
    if missing:
        raise SourceFormatError(path, 1, None, "not a usable CompraNet contracts file; missing "
                                + "; ".join(missing))
    select = ", ".join(f'"{col}" AS {key}' if col else f"NULL::VARCHAR AS {key}"
                       for key, col in chosen.items())
    con.execute(f"CREATE OR REPLACE TEMP VIEW _cn_src AS SELECT _row, {select} FROM _cn_raw")
    con.execute(sqlfiles.load("sources/compranet_macros.sql"))
    con.execute(sqlfiles.load("sources/compranet_map.sql"), {
        "iso": list(ISO_4217), "health_inst": list(HEALTH_INSTITUTIONS),
        "health_words": HEALTH_NAME_WORDS, "health_partidas": list(HEALTH_PARTIDAS),
        "today": date.today()})
    try:
        _report_and_stage(con, path, sink, names, chosen, desc)
    finally:
        for t in ("_cn_ok", "_cn_map", "_cn_raw"):
            con.execute(f"DROP TABLE IF EXISTS {t}")
        con.execute("DROP VIEW IF EXISTS _cn_src")


# (severity, condition on _cn_map, column, value expression, problem)
CHECKS = (
    ("error", "currency IS NULL", "moneda", "cur_raw",
     "unknown currency (not an ISO 4217 code nor a known spelling): fix the value"),
    ("warning", "code IS NULL", "codigo_contrato", "NULL", "row skipped: no contract code"),
    ("warning", "code IS NOT NULL AND supplier_name IS NULL", "proveedor", "code",
     "contract skipped: no supplier"),
    ("warning", "code IS NOT NULL AND institution_id IS NULL", "siglas", "code",
     "contract skipped: no institution acronym"),
    ("warning", "code IS NOT NULL AND procedure_type IS NULL", "tipo_procedimiento", "procedure_raw",
     "contract skipped: procedure type not recognised (expected Licitación / Invitación / Adjudicación)"),
    ("warning", "code IS NOT NULL AND (start_date IS NULL OR end_date IS NULL)", "fecha_fin",
     "concat_ws(' / ', fecha_inicio, fecha_fin)", "contract skipped: start or end date missing or unreadable"),
    ("warning", "code IS NOT NULL AND end_date < start_date", "fecha_fin",
     "concat_ws(' < ', fecha_fin, fecha_inicio)", "contract skipped: end date before start date"),
    ("warning", "code IS NOT NULL AND amount IS NULL", "importe", "importe",
     "contract skipped: amount missing or unreadable"),
)
OK = ("code IS NOT NULL AND supplier_name IS NOT NULL AND institution_id IS NOT NULL "
      "AND procedure_type IS NOT NULL AND start_date IS NOT NULL AND end_date IS NOT NULL "
      "AND end_date >= start_date AND amount IS NOT NULL AND currency IS NOT NULL")
NOTES = (
    ("signed_from_start", "fecha_firma", "code",
     "no signature date: the start date is used as signed_date"),
    ("status_inferred", "estatus", "status_raw",
     "contract status missing or unknown: active/completed inferred from the end date"),
    ("currency <> 'MXN'", "moneda", "currency",
     "amount not in MXN: kept in its currency (not converted)"),
    ("rfc_invalid", "rfc", "code", "RFC with an invalid shape: ignored"),
    ("currency_conflict", "moneda", "code", "the two Moneda columns differ: the first is used"),
)


def _report_and_stage(con, path, sink, names, chosen, desc) -> None:
    total = con.execute("SELECT count(*) FROM _cn_map").fetchone()[0]
    for severity, cond, column, value, problem in CHECKS:
        _note_rows(con, sink, severity, f"SELECT _row, {value} FROM _cn_map WHERE {cond}", column, problem)
    for cond, column, value, problem in NOTES:
        _note_rows(con, sink, "warning", f"SELECT _row, {value} FROM _cn_map WHERE {OK} AND {cond}",
                   column, problem)
    # Supplier id: RFC, else an RFC seen for the same name elsewhere in the file, else the
    # RUPC folio, else a stable id from the name.
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _cn_ok AS
        WITH k AS (
            SELECT *, trim(regexp_replace(lower(strip_accents(supplier_name)), '[^a-z0-9]+', ' ', 'g')) AS fname
            FROM _cn_map WHERE {OK}
        ), r AS (
            SELECT *, coalesce(rfc, max(rfc) OVER (PARTITION BY fname)) AS rfc_any FROM k
        ), s AS (
            SELECT *, coalesce(rfc_any, 'RUPC-' || folio,
                               'NOM-' || upper(left(sha1(fname), 12))) AS supplier_id,
                      CASE WHEN rfc IS NOT NULL THEN 'rfc' WHEN rfc_any IS NOT NULL THEN 'rfc_by_name'
                           WHEN folio IS NOT NULL THEN 'folio' ELSE 'name' END AS id_kind
            FROM r
        ), d AS (
            SELECT *, count(DISTINCT (supplier_id, amount, start_date, end_date, institution_id))
                          OVER (PARTITION BY code) AS variants,
                      row_number() OVER (PARTITION BY code ORDER BY _row) AS nth
            FROM s
        )
        SELECT *, CASE WHEN variants > 1 THEN code || '/' || supplier_id ELSE code END AS contract_id,
               CASE WHEN variants = 1 AND nth > 1 THEN 'duplicate' END AS dup
        FROM d""")
    _note_rows(con, sink, "warning", "SELECT _row, code FROM _cn_ok WHERE dup IS NOT NULL",
               "codigo_contrato", "duplicate row of the same contract: skipped")
    _note_rows(con, sink, "warning", "SELECT _row, code FROM _cn_ok WHERE variants > 1",
               "codigo_contrato", "contract code repeated with different supplier/amount/dates: "
               "contract_id = code/supplier_id")
    con.execute("""CREATE OR REPLACE TEMP TABLE _cn_ok AS
                   SELECT * FROM _cn_ok WHERE dup IS NULL
                   QUALIFY row_number() OVER (PARTITION BY contract_id ORDER BY _row) = 1""")
    _note_rows(con, sink, "warning", "SELECT _row, supplier_name FROM _cn_ok WHERE id_kind = 'rfc_by_name'",
               "rfc", "no RFC on this row: the RFC of the same supplier name elsewhere in the file is used")
    _note_rows(con, sink, "warning", "SELECT _row, supplier_name FROM _cn_ok WHERE id_kind = 'folio'",
               "rfc", "supplier without RFC: supplier_id = 'RUPC-' + its RUPC folio")
    _note_rows(con, sink, "warning", "SELECT _row, supplier_name FROM _cn_ok WHERE id_kind = 'name'",
               "rfc", "supplier without RFC or RUPC folio: supplier_id = 'NOM-' + a hash of its name "
               "(the same name always gets the same id)")

    sink.add_query("institutions", """
        SELECT institution_id, arg_min(institution_name, _row) AS name, min(_row) AS _row,
               json_object('health_institution', bool_or(health_institution), 'source', 'compranet')::VARCHAR AS _extra
        FROM _cn_ok GROUP BY institution_id""")
    sink.add_query("suppliers", """
        SELECT supplier_id, arg_min(supplier_name, _row) AS name, max(rfc_any) AS rfc,
               arg_min(company_size, _row) AS company_size, NULL AS state, min(_row) AS _row,
               json_object('size_raw', arg_min(size_raw, _row), 'folio_rupc', max(folio),
                           'id_from', arg_min(id_kind, _row))::VARCHAR AS _extra
        FROM _cn_ok GROUP BY supplier_id""")
    sink.add_query("contracts", """
        SELECT contract_id, institution_id, supplier_id, procedure_type,
               CASE WHEN is_emergency THEN 'true' ELSE 'false' END AS is_emergency,
               CASE WHEN is_consolidated THEN 'true' ELSE 'false' END AS is_consolidated,
               signed_date::VARCHAR AS signed_date, start_date::VARCHAR AS start_date,
               end_date::VARCHAR AS end_date, amount, currency, status,
               _row, extra::VARCHAR AS _extra
        FROM _cn_ok""")
    ok, emergency, consolidated, health = con.execute(
        "SELECT count(*), count(*) FILTER (is_emergency), count(*) FILTER (is_consolidated), "
        "count(*) FILTER (health_partida OR health_institution) FROM _cn_ok").fetchone()
    used = sorted(h for h in chosen.values() if h)
    ignored = sorted(set(names) - set(used))
    sink.note("warning", None, None, None,
              f"CompraNet {_era(set(names))} contracts ({desc}): {total:,} rows, {ok:,} contracts "
              f"mapped; {emergency:,} flagged emergency (excepción por caso fortuito/fuerza mayor/"
              f"urgencia), {consolidated:,} consolidated, {health:,} of health institutions or "
              f"partidas 25301/25401; penalty terms are not in CompraNet: defaults used")
    sink.note("warning", None, None, None, "columns used: " + ", ".join(used))
    if ignored:
        sink.note("warning", None, None, None,
                  "columns ignored (not imported): " + ", ".join(ignored))


def _note_rows(con, sink, severity, sql, column, problem) -> None:
    n = con.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0]
    if not n:
        return
    limit = "" if sink.limit is None else f" LIMIT {int(sink.limit)}"      # None: every row
    rows = con.execute(f"SELECT * FROM ({sql}) ORDER BY 1{limit}").fetchall()
    sink.note_many(severity, column, problem, rows, n)


__all__ = ["HEALTH_PARTIDAS", "is_health_partida", "map_file", "looks_like_compranet", "name_id"]
