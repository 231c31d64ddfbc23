"""The canonical import tables (../shared/DATA_CONTRACT.md), declared once.

Reading (which header means which column), validation (types, required values,
enumerations, keys, references) and loading (which stored column, which default) all read
these declarations; nothing else in `metrics.ingest` names a column. Every identifier that
reaches SQL comes from here (an allow-list), never from a file.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Column types. Each has a parse macro in metrics/sql/ingest/macros.sql (abasto_<type>).
TEXT, NUMBER, INT, DATE, BOOL, MONTH, ENUM = "text", "number", "int", "date", "bool", "month", "enum"
SQL_TYPES = {TEXT: "VARCHAR", NUMBER: "DOUBLE", INT: "BIGINT", DATE: "DATE", BOOL: "BOOLEAN",
             MONTH: "VARCHAR", ENUM: "VARCHAR"}


@dataclass(frozen=True)
class Column:
    name: str                         # canonical name (also the staging column name)
    type: str = TEXT
    required: bool = False
    default: object = None            # used when the value is empty (and for new rows)
    aliases: tuple[str, ...] = ()     # other accepted headers (Spanish first)
    enum: str | None = None           # key of ENUMS when type == ENUM
    stored: str | None = None         # stored column when it differs (items.group -> item_group)

    @property
    def store_name(self) -> str:
        return self.stored or self.name

    @property
    def sql_type(self) -> str:
        return SQL_TYPES[self.type]


@dataclass(frozen=True)
class Reference:
    """Rows of `table` whose `columns` must exist as `target_columns` in `target`
    (in the batch or already stored). `severity` error rejects the batch."""
    columns: tuple[str, ...]
    target: str
    target_columns: tuple[str, ...]
    severity: str = "error"


@dataclass(frozen=True)
class Table:
    name: str
    aliases: tuple[str, ...]          # other file/sheet names (Spanish)
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    references: tuple[Reference, ...] = ()
    optional: bool = False            # optional tables (demand side, tenders)

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"{self.name}.{name}")

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


# Enumerations: canonical value -> accepted spellings (compared after norm_value: lower case,
# no accents, runs of spaces/underscores/hyphens as one space). The canonical value and its
# spaced form are always accepted.
ENUMS: dict[str, dict[str, tuple[str, ...]]] = {
    "procedure_type": {
        "open_tender": ("licitacion publica", "licitacion publica nacional",
                        "licitacion publica internacional", "licitacion publica internacional abierta",
                        "licitacion publica internacional bajo la cobertura de tratados",
                        "licitacion", "lp", "lpn", "lpi", "open", "tender"),
        "restricted": ("invitacion a cuando menos tres", "invitacion a cuando menos 3",
                       "invitacion a cuando menos tres personas", "invitacion a cuando menos 3 personas",
                       "invitacion restringida", "invitacion", "i3p", "ic3p", "selective"),
        "direct_award": ("adjudicacion directa", "adjudicacion directa federal",
                         "adjudicacion directa articulo 41", "adjudicacion directa articulo 42",
                         "adjudicacion directa por excepcion", "ad", "direct", "limited"),
    },
    "status": {
        "active": ("activo", "activa", "vigente", "en ejecucion"),
        "completed": ("concluido", "concluida", "expirado", "expirada", "finalizado", "finalizada",
                      "cumplido", "cerrado", "complete"),
        # rescinded counts against the supplier (rescission for non-compliance): only its own
        # words. A cancelled contract ended early, as CompraNet's "Cancelado" and OCDS's
        # "cancelled" are read (docs/sources.md): terminated.
        "rescinded": ("rescindido", "rescindida", "rescision"),
        "terminated": ("terminado", "terminada", "terminacion anticipada",
                       "terminado anticipadamente", "cancelado", "cancelada", "cancelled",
                       "canceled"),
    },
    "company_size": {
        "micro": ("microempresa",),
        "small": ("pequena", "pequena empresa", "pequeno"),
        "medium": ("mediana", "mediana empresa", "mediano"),
        "large": ("grande", "gran empresa", "no mipyme", "large company"),
    },
    "unit_kind": {
        "warehouse": ("almacen", "almacen central", "almacen delegacional", "cedis", "bodega"),
        "hospital": ("hospital general", "hospital de especialidades", "umae", "hgz", "hgr"),
        "clinic": ("clinica", "unidad de medicina familiar", "umf", "centro de salud", "consultorio"),
        "pharmacy": ("farmacia",),
    },
    "item_group": {
        "medicine": ("medicamento", "medicamentos", "medicina", "010"),
        "vaccine": ("vacuna", "vacunas", "biologico", "biologicos", "020"),
        "nutrition": ("nutriologia", "nutricion", "030"),
        "psychotropic": ("psicotropico", "psicotropicos", "estupefaciente", "estupefacientes",
                         "psicotropicos y estupefacientes", "040"),
        "medical_supply": ("material de curacion", "material curacion", "insumo medico", "060"),
        "radiology": ("radiologia", "radiologico", "070"),
        "laboratory": ("laboratorio", "080"),
        "equipment": ("equipo", "equipo medico", "instrumental"),
        "other": ("otro", "otros"),
    },
    "penalty_kind": {
        "late_delivery": ("pena convencional", "atraso", "entrega tardia", "late"),
        "deficient_delivery": ("deductiva", "deductivas", "entrega deficiente", "incumplimiento parcial",
                               "deficient"),
        "other": ("otra", "otro", "otros"),
    },
    "outcome": {
        "awarded": ("adjudicada", "adjudicado", "asignada", "asignado"),
        "no_bids": ("desierta", "desierto", "sin propuestas", "sin ofertas", "no bids"),
        "rejected_price": ("rechazada por precio", "precio no aceptable", "precio no conveniente",
                           "desechada por precio"),
        "rejected_technical": ("rechazada tecnicamente", "rechazo tecnico", "desechada tecnicamente",
                               "no cumple tecnicamente"),
        "cancelled": ("cancelada", "cancelado", "cancelacion"),
    },
    "delay_cause": {
        "supplier": ("proveedor", "imputable al proveedor"),
        "buyer": ("comprador", "institucion", "unidad", "imputable a la institucion", "dependencia"),
        "force_majeure": ("fuerza mayor", "caso fortuito", "caso fortuito o fuerza mayor",
                          "force majeure"),
    },
}

# Item group from the CNIS clave prefix (DATA_CONTRACT.md, items.group), used when absent.
# 5xx is the catalogue's medical equipment (511 … 564 in the 2020 CNIS, a third of its
# claves): the `equipment` value the enumeration already has. Other prefixes (090, 130, HO.,
# MH. …) get no group, and the import says how many (validate.py).
GROUP_BY_PREFIX = {"010": "medicine", "020": "vaccine", "030": "nutrition", "040": "psychotropic",
                   "060": "medical_supply", "070": "radiology", "080": "laboratory",
                   **{str(prefix): "equipment" for prefix in range(500, 600)}}

C = Column
TABLES: tuple[Table, ...] = (
    Table("suppliers", ("proveedores", "proveedor", "supplier"), (
        C("supplier_id", required=True, aliases=("id_proveedor", "proveedor_id", "clave_proveedor")),
        C("name", required=True, aliases=("razon_social", "nombre", "proveedor", "nombre_proveedor")),
        C("rfc", aliases=("registro_federal_de_contribuyentes",)),
        C("company_size", ENUM, enum="company_size",
          aliases=("estratificacion", "tamano", "tamano_empresa", "estratificacion_mpc")),
        C("state", aliases=("estado", "entidad", "entidad_federativa")),
    ), key=("supplier_id",)),
    Table("institutions", ("instituciones", "institucion", "institution", "dependencias"), (
        C("institution_id", required=True, aliases=("id_institucion", "siglas", "clave_institucion")),
        C("name", required=True, aliases=("nombre", "institucion", "nombre_institucion")),
    ), key=("institution_id",)),
    Table("units", ("unidades", "unidad", "unit", "unidades_medicas"), (
        C("unit_id", required=True, aliases=("id_unidad", "clues", "clave_unidad")),
        C("institution_id", required=True, aliases=("id_institucion", "institucion")),
        C("name", required=True, aliases=("nombre", "nombre_unidad", "unidad")),
        C("state", required=True, aliases=("estado", "entidad", "entidad_federativa")),
        C("kind", ENUM, enum="unit_kind", aliases=("tipo", "tipo_unidad")),
    ), key=("unit_id",), references=(
        Reference(("institution_id",), "institutions", ("institution_id",)),
    )),
    Table("items", ("insumos", "insumo", "item", "catalogo", "cnis", "claves"), (
        C("item_code", required=True, aliases=("clave", "clave_cnis", "clave_insumo", "cucop")),
        C("description", required=True, aliases=("descripcion", "descripcion_insumo", "nombre")),
        C("group", ENUM, enum="item_group", stored="item_group",
          aliases=("grupo", "item_group", "grupo_insumo")),
        C("reference_price", NUMBER, aliases=("precio_referencia", "precio_de_referencia")),
        C("min_shelf_life_months", INT, default=12,
          aliases=("caducidad_minima_meses", "caducidad_minima", "vida_util_minima_meses")),
    ), key=("item_code",)),
    Table("contracts", ("contratos", "contrato", "contract"), (
        C("contract_id", required=True, aliases=("numero_contrato", "num_contrato", "no_contrato",
                                                 "contrato", "codigo_contrato")),
        C("institution_id", required=True, aliases=("id_institucion", "institucion", "siglas")),
        C("supplier_id", required=True, aliases=("id_proveedor", "proveedor", "rfc_proveedor")),
        C("procedure_type", ENUM, required=True, enum="procedure_type",
          aliases=("tipo_procedimiento", "procedimiento")),
        C("is_emergency", BOOL, default=False, aliases=("emergencia", "compra_emergencia")),
        C("is_consolidated", BOOL, default=False, aliases=("compra_consolidada", "consolidada")),
        C("signed_date", DATE, required=True, aliases=("fecha_firma", "fecha_celebracion")),
        C("start_date", DATE, required=True, aliases=("fecha_inicio",)),
        C("end_date", DATE, required=True, aliases=("fecha_fin", "fecha_termino")),
        C("amount", NUMBER, required=True, aliases=("importe", "monto", "importe_contrato",
                                                    "monto_maximo")),
        C("currency", default="MXN", aliases=("moneda",)),
        C("status", ENUM, required=True, enum="status", aliases=("estatus", "estado_contrato",
                                                                 "estatus_contrato")),
        C("penalty_rate_per_day", NUMBER, default=0.01, aliases=("pena_diaria", "pena_convencional_diaria")),
        C("deduction_rate", NUMBER, default=0.01, aliases=("deductiva", "tasa_deductiva")),
        C("guarantee_pct", NUMBER, default=0.10, aliases=("garantia", "garantia_cumplimiento")),
    ), key=("contract_id",), references=(
        Reference(("supplier_id",), "suppliers", ("supplier_id",)),
        Reference(("institution_id",), "institutions", ("institution_id",)),
    )),
    Table("contract_items", ("partidas", "partida", "partidas_contrato", "contract_item"), (
        C("contract_id", required=True, aliases=("numero_contrato", "contrato")),
        C("item_code", required=True, aliases=("clave", "clave_cnis", "clave_insumo")),
        C("unit_price", NUMBER, required=True, aliases=("precio_unitario", "precio")),
        C("min_qty", NUMBER, aliases=("cantidad_minima",)),
        C("max_qty", NUMBER, aliases=("cantidad_maxima",)),
    ), key=("contract_id", "item_code"), references=(
        Reference(("contract_id",), "contracts", ("contract_id",)),
    )),
    Table("orders", ("ordenes", "orden", "ordenes_suministro", "pedidos", "order"), (
        C("order_id", required=True, aliases=("numero_orden", "orden", "num_orden", "pedido",
                                              "orden_suministro")),
        C("contract_id", required=True, aliases=("numero_contrato", "contrato")),
        C("item_code", required=True, aliases=("clave", "clave_cnis", "clave_insumo")),
        C("unit_id", required=True, aliases=("id_unidad", "unidad", "clues", "destino")),
        C("order_date", DATE, required=True, aliases=("fecha_orden", "fecha_pedido", "fecha_expedicion")),
        C("due_date", DATE, required=True, aliases=("fecha_limite", "fecha_limite_entrega",
                                                    "fecha_entrega_pactada")),
        C("qty_ordered", NUMBER, required=True, aliases=("cantidad", "cantidad_solicitada",
                                                         "cantidad_ordenada")),
        C("cancelled", BOOL, default=False, aliases=("cancelada", "cancelado")),
    ), key=("order_id",), references=(
        Reference(("contract_id",), "contracts", ("contract_id",)),
        Reference(("contract_id", "item_code"), "contract_items", ("contract_id", "item_code")),
        Reference(("unit_id",), "units", ("unit_id",)),
    )),
    Table("deliveries", ("entregas", "entrega", "remisiones", "recepciones", "delivery"), (
        C("delivery_id", required=True, aliases=("folio", "folio_entrega", "remision", "numero_remision")),
        C("order_id", required=True, aliases=("numero_orden", "orden")),
        C("delivered_date", DATE, required=True, aliases=("fecha_entrega", "fecha_recepcion")),
        C("qty_delivered", NUMBER, required=True, aliases=("cantidad_entregada", "cantidad_recibida")),
        C("qty_rejected", NUMBER, default=0.0, aliases=("cantidad_rechazada",)),
        C("rejection_reason", aliases=("motivo_rechazo", "motivo")),
        C("expiry_date", DATE, aliases=("caducidad", "fecha_caducidad")),
        C("delay_cause", ENUM, default="supplier", enum="delay_cause",
          aliases=("causa_atraso", "causa_retraso")),
    ), key=("delivery_id",), references=(
        Reference(("order_id",), "orders", ("order_id",)),
    )),
    Table("penalties", ("penas", "penalizaciones", "sanciones", "penalty"), (
        C("penalty_id", required=True, aliases=("id_pena", "folio_pena", "folio")),
        C("contract_id", required=True, aliases=("numero_contrato", "contrato")),
        C("order_id", aliases=("numero_orden", "orden")),
        C("kind", ENUM, required=True, enum="penalty_kind", aliases=("tipo", "tipo_pena")),
        C("amount", NUMBER, required=True, aliases=("importe", "monto")),
        C("applied_date", DATE, required=True, aliases=("fecha", "fecha_aplicacion")),
    ), key=("penalty_id",), references=(
        Reference(("contract_id",), "contracts", ("contract_id",)),
        Reference(("order_id",), "orders", ("order_id",)),
    )),
    Table("tender_items", ("partidas_licitadas", "licitaciones", "tender_item"), (
        C("procedure_id", required=True, aliases=("numero_procedimiento", "procedimiento")),
        C("item_code", required=True, aliases=("clave", "clave_cnis", "clave_insumo")),
        C("institution_id", required=True, aliases=("id_institucion", "institucion", "siglas")),
        C("qty_requested", NUMBER, aliases=("cantidad_solicitada", "cantidad")),
        C("outcome", ENUM, required=True, enum="outcome", aliases=("resultado", "fallo")),
        C("published_date", DATE, required=True, aliases=("fecha_publicacion",)),
    ), key=("procedure_id", "item_code", "institution_id"), references=(
        Reference(("institution_id",), "institutions", ("institution_id",), "warning"),
    ), optional=True),
    Table("prescriptions", ("recetas", "receta", "prescription"), (
        C("unit_id", required=True, aliases=("id_unidad", "unidad", "clues")),
        C("item_code", required=True, aliases=("clave", "clave_cnis", "clave_insumo")),
        C("month", MONTH, required=True, aliases=("mes", "periodo")),
        C("issued", INT, required=True, aliases=("emitidas", "recetas_emitidas")),
        C("filled", INT, required=True, aliases=("surtidas", "recetas_surtidas")),
    ), key=("unit_id", "item_code", "month"), references=(
        Reference(("unit_id",), "units", ("unit_id",), "warning"),
    ), optional=True),
)
del C

BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
# Tables whose item_code must be in `items` (unknown codes are added, with a warning).
ITEM_CODE_TABLES = tuple(t.name for t in TABLES if t.name != "items" and "item_code" in t.names)


def table(name: str) -> Table:
    return BY_NAME[name]


# ---------------------------------------------------------------- name matching

_STOPWORDS = {"de", "del", "la", "el", "los", "las", "y", "of", "the", "no", "num", "n"}


def norm_header(text: str) -> str:
    """Header/file-name key: lower case, no accents, no spaces/underscores/punctuation,
    without filler words ("Número de orden" == "numero_orden" == "NumeroOrden")."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    words = [w for w in re.split(r"[^a-z0-9]+", text) if w]
    kept = [w for w in words if w not in _STOPWORDS] or words
    return "".join(kept)


def norm_value(text: str) -> str:
    """Enumeration spelling key; the same rule as the SQL macro abasto_key."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[\s_\-]+", " ", text).strip()


def header_lookup(tbl: Table) -> dict[str, str]:
    """Normalised header -> canonical column of `tbl` (canonical names win over aliases)."""
    out: dict[str, str] = {}
    for col in tbl.columns:
        for alias in col.aliases:
            out.setdefault(norm_header(alias), col.name)
    for col in tbl.columns:
        out[norm_header(col.name)] = col.name
    return out


_SUFFIX = re.compile(r"([ _\-.]*(\d{4}([ _\-.]?\d{1,2}){0,2}|\(\d+\)|copy|copia|v\d+))+$")


def table_for_name(stem: str) -> str | None:
    """The table a file or sheet name means: `orders`, `orders_2025-03`, `Órdenes (1)` ->
    orders; None when the name says nothing."""
    base = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().lower().strip()
    base = _SUFFIX.sub("", base)
    key = norm_header(base)
    for tbl in TABLES:
        if key in {norm_header(n) for n in (tbl.name, *tbl.aliases)}:
            return tbl.name
    return None


def enum_rows() -> list[tuple[str, str, str]]:
    """(enum, spelling key, canonical value) for every accepted spelling."""
    rows = []
    for enum, values in ENUMS.items():
        for value, spellings in values.items():
            keys = {norm_value(value), norm_value(value.replace("_", " "))}
            keys |= {norm_value(s) for s in spellings}
            rows += [(enum, k, value) for k in sorted(keys)]
    return rows


def enum_help(enum: str) -> str:
    return ", ".join(ENUMS[enum])
