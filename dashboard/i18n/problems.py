"""Import problems in both languages, by their stable `code` (metrics/ingest, metrics/sources).

The importer writes each problem's text in English with the particulars (file, row, column,
value) in their own columns; these texts say the same per code, so the Data page can show
them in the user's language. A code without an entry here keeps the importer's text.
"""
from __future__ import annotations

LABELS = {
    # reading files (metrics/ingest/files.py)
    "problem.no_file": ("No se encontró el archivo o la carpeta no tiene archivos que leer.",
                        "The file was not found, or the folder has no files to read."),
    "problem.unreadable": ("No se pudo leer el archivo: está dañado o no tiene el formato que "
                           "indica su extensión.",
                           "The file cannot be read: it is damaged or not in the format its "
                           "extension says."),
    "problem.unknown_type": ("Tipo de archivo desconocido: use .csv, .xlsx o .parquet (o un formato "
                             "que Abasto reconozca, como OCDS JSON).",
                             "Unknown file type: use .csv, .xlsx or .parquet (or a format Abasto "
                             "recognises, such as OCDS JSON)."),
    "problem.mixed_encoding": ("Esta fila tiene un carácter que no es UTF-8 y el resto del "
                               "archivo es UTF-8 (se editó en dos codificaciones): guarde el "
                               "archivo de nuevo como CSV UTF-8.",
                               "This row has a character that is not UTF-8 while the rest of the "
                               "file is UTF-8 (edited in two encodings): save the file again as "
                               "CSV UTF-8."),
    "problem.same_file": ("Mismo contenido que otro archivo de la carga: se leyó una sola vez.",
                          "Same content as another file of the batch: read once."),
    "problem.unknown_table": ("No se reconoce qué tabla contiene el archivo por sus encabezados: "
                              "nómbrelo como la tabla (p. ej. pedidos.csv) o use los encabezados "
                              "del formato.",
                              "The headers do not say which table the file holds: name the file "
                              "after the table (e.g. orders.csv) or use the format's headers."),
    "problem.sheet_not_read": ("Otra hoja del libro tiene las columnas de la tabla pero no se leyó: "
                               "se lee la hoja con el nombre de la tabla (p. ej. ordenes), si no "
                               "la primera; cambie el nombre de esa hoja o muévala al principio.",
                               "Another sheet of the workbook has the table's columns but was not "
                               "read: the sheet named after the table (e.g. orders) is read, else "
                               "the first; rename that sheet or move it first."),
    "problem.excel_error": ("La celda tiene un error de Excel (#N/A, #¡VALOR!, #¡REF!...): corrija "
                            "la fórmula o escriba el valor.",
                            "The cell holds an Excel error (#N/A, #VALUE!, #REF!...): correct the "
                            "formula or type the value."),
    "problem.no_header": ("La primera fila parece de datos, no de encabezados: el archivo no tiene "
                          "fila de encabezados. Agregue una que nombre cada columna (p. ej. "
                          "clave,descripcion para el catálogo de insumos).",
                          "The first row looks like data, not headers: the file has no header "
                          "row. Add one naming each column (e.g. clave,descripcion for the items "
                          "catalogue)."),
    "problem.no_rows": ("El archivo tiene encabezados pero ninguna fila.",
                        "The file has a header but no rows."),
    "problem.extra_column": ("La columna no forma parte del formato de la tabla: se conserva en el "
                             "campo adicional.",
                             "The column is not part of the table's format: kept in the extra "
                             "field."),
    "problem.duplicate_column": ("Dos columnas del archivo significan lo mismo: deje solo una.",
                                 "Two columns of the file mean the same: keep only one."),
    "problem.missing_column": ("Falta una columna obligatoria en el archivo.",
                               "A required column is missing from the file."),
    # per-value checks (metrics/ingest/validate.py)
    "problem.no_group": ("Insumo sin grupo: no trae grupo y el prefijo de su clave no es de los que "
                         "dan grupo (010 … 080, 5xx); indíquelo en una columna grupo (p. ej. otro) "
                         "para clasificarlo.",
                         "Item without a group: none given, and its clave prefix is not one a "
                         "group is derived from (010 … 080, 5xx); give it a grupo column (e.g. "
                         "otro) to classify it."),
    "problem.required_empty": ("El valor es obligatorio y está vacío.",
                               "The value is required and empty."),
    "problem.bad_number": ("No es un número: use punto para decimales (1234.50), comas solo "
                           "entre miles y valores menores que 1e15.",
                           "Not a number: use a point for decimals (1234.50), commas only "
                           "between thousands, and values below 1e15."),
    "problem.bad_int": ("No es un número entero.", "Not a whole number."),
    "problem.bad_date": ("No es una fecha válida: use DD/MM/AAAA o AAAA-MM-DD (nunca MM/DD), con "
                         "año entre 1900 y 2100.",
                         "Not a valid date: use DD/MM/YYYY or YYYY-MM-DD (never MM/DD), with a "
                         "year from 1900 to 2100."),
    "problem.bad_bool": ("No es un valor sí/no (use true/false, yes/no, sí/no o 1/0).",
                         "Not a yes/no value (use true/false, yes/no, sí/no or 1/0)."),
    "problem.bad_month": ("No es un mes (use AAAA-MM).", "Not a month (use YYYY-MM)."),
    "problem.bad_value": ("Valor desconocido para esta columna: vea los valores aceptados en el "
                          "formato de importación.",
                          "Unknown value for this column: see the accepted values in the import "
                          "format."),
    "problem.bad_rfc": ("No es un RFC (3-4 letras, 6 dígitos de fecha y 3 caracteres: p. ej. "
                        "LAB850101AB1).",
                        "Not an RFC (3-4 letters, 6 digits of date, 3 characters: e.g. "
                        "LAB850101AB1)."),
    "problem.duplicate_key": ("Clave repetida: otra fila de la carga ya tiene esta clave.",
                              "Duplicate key: another row of the batch already has this key."),
    "problem.new_item": ("La clave no está en el catálogo de insumos: se agregará con una "
                         "descripción vacía.",
                         "Item code not in the catalogue: it will be added with an empty "
                         "description."),
    "problem.unknown_suppliers": ("El proveedor no existe (ni en esta carga ni en la base).",
                                  "Unknown supplier (neither in this batch nor stored)."),
    "problem.unknown_institutions": ("La institución no existe (ni en esta carga ni en la base).",
                                     "Unknown institution (neither in this batch nor stored)."),
    "problem.unknown_units": ("La unidad no existe (ni en esta carga ni en la base).",
                              "Unknown unit (neither in this batch nor stored)."),
    "problem.unknown_contracts": ("El contrato no existe (ni en esta carga ni en la base).",
                                  "Unknown contract (neither in this batch nor stored)."),
    "problem.unknown_contract_items": ("El insumo no está en ese contrato (ni en esta carga ni en "
                                       "la base).",
                                       "The item is not on that contract (neither in this batch "
                                       "nor stored)."),
    "problem.unknown_orders": ("El pedido no existe (ni en esta carga ni en la base).",
                               "Unknown order (neither in this batch nor stored)."),
    # row rules (metrics/sql/ingest/rules.sql)
    "problem.end_before_start": ("La fecha de fin es anterior a la de inicio.",
                                 "The end date is before the start date."),
    "problem.negative": ("El valor no puede ser negativo.", "The value cannot be negative."),
    "problem.fraction_out_of_range": ("Debe ser una fracción entre 0 y 1 (0.01 = 1 %).",
                                      "Must be a fraction between 0 and 1 (0.01 = 1 %)."),
    "problem.max_below_min": ("La cantidad máxima es menor que la mínima.",
                              "The maximum quantity is below the minimum."),
    "problem.not_positive": ("La cantidad pedida debe ser mayor que 0.",
                             "The quantity ordered must be greater than 0."),
    "problem.due_before_order": ("La fecha de entrega comprometida es anterior a la del pedido.",
                                 "The due date is before the order date."),
    "problem.rejected_over_delivered": ("La cantidad rechazada es mayor que la entregada.",
                                        "The quantity rejected is greater than the quantity "
                                        "delivered."),
    "problem.penalty_order_other_contract": ("La pena nombra un pedido de otro contrato: se cargaría al "
                                             "proveedor equivocado.",
                                             "The penalty names an order of another contract: it "
                                             "would be charged to the wrong supplier."),
    "problem.delivered_before_order": ("La entrega es anterior a la fecha del pedido (se conserva y "
                                       "cuenta como a tiempo).",
                                       "The delivery is dated before its order (kept, and it counts "
                                       "as on time)."),
    "problem.ordered_before_signed": ("El pedido es anterior a la firma de su contrato (se conserva).",
                                      "The order is dated before its contract was signed (kept)."),
    "problem.expired_on_delivery": ("La caducidad es anterior a la fecha de entrega: se entregó "
                                    "ya caducado.",
                                    "The expiry date is before the delivery date: delivered "
                                    "already expired."),
    "problem.filled_over_issued": ("Las recetas surtidas superan las emitidas.",
                                   "More prescriptions filled than issued."),
    # CompraNet contracts (metrics/sources/compranet.py; codes derived from the note's text
    # by metrics.ingest.problems.code_of; "contract_skipped" has several reasons: not listed)
    "problem.row_skipped": ("Fila omitida: no tiene código de contrato.",
                            "Row skipped: no contract code."),
    "problem.no_signature_date": ("Sin fecha de firma: se usa la fecha de inicio.",
                                  "No signature date: the start date is used."),
    "problem.contract_status_missing_or_unknown": (
        "Estatus del contrato vacío o desconocido: activo/concluido se infiere de la fecha de fin.",
        "Contract status missing or unknown: active/completed inferred from the end date."),
    "problem.amount_not_in_mxn": ("El importe no está en MXN: se conserva en su moneda (sin convertir).",
                                  "Amount not in MXN: kept in its currency (not converted)."),
    "problem.rfc_with_an_invalid_shape": ("RFC con forma inválida: se ignora.",
                                          "RFC with an invalid shape: ignored."),
    "problem.the_two_moneda_columns_differ": ("Las dos columnas Moneda no coinciden: se usa la primera.",
                                              "The two Moneda columns differ: the first is used."),
}


def texts(problems, lang: str) -> list[str]:
    """The `problem` column of an import problem frame for display: in Spanish the text of each
    row's `code` when there is one, else the importer's own; in English the importer's own
    text (it is English already and names the particulars, e.g. the accepted headers)."""
    from dashboard.i18n import has, t
    originals = list(problems["problem"])
    if lang == "en" or "code" not in problems:
        return originals
    return [t(f"problem.{code}", lang) if isinstance(code, str) and has(f"problem.{code}") else text
            for code, text in zip(problems["code"], originals)]
