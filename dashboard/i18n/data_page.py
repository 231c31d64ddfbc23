"""Labels of the Data page (Datos): upload, import history (lineage) and coverage."""

LABELS = {
    "data.title": ("Datos", "Data"),
    "data.intro": (
        "Cargue archivos en el formato de importación de Abasto (CSV, XLSX, Parquet, OCDS JSON "
        "o exportaciones de CompraNet). Primero se revisan; si algún renglón tiene un error no "
        "se escribe nada y se muestra la lista completa de problemas.",
        "Upload files in Abasto's import format (CSV, XLSX, Parquet, OCDS JSON or CompraNet "
        "exports). They are checked first; if any row has an error nothing is written and the "
        "full list of problems is shown."),
    "data.upload_title": ("Cargar archivos", "Upload files"),
    "data.uploader": ("Archivos a importar", "Files to import"),
    "data.uploader_help": (
        "El nombre del archivo dice la tabla: ordenes.csv, entregas.xlsx, contracts.parquet…",
        "The file name says the table: orders.csv, deliveries.xlsx, contracts.parquet…"),
    "data.import": ("Importar", "Import"),
    "data.check_ok": ("Revisión sin errores: {rows} {rows:renglón|renglones} en {files} {files:archivo|archivos}, "
                      "{rows:listo|listos} para importar.",
                      "Check passed: {rows} {rows:row|rows} in {files} {files:file|files} ready to import."),
    "data.preview_title": ("Lo que se importaría", "What would be imported"),
    "data.rejected": ("No se importó nada: {message}", "Nothing was imported: {message}"),
    "data.problems_title": ("Problemas encontrados", "Problems found"),
    "data.warnings_title": ("Advertencias", "Warnings"),
    "data.imported": ("Importación {batch} completa: {added} {added:renglón nuevo|renglones nuevos}, {updated} "
                      "{updated:actualizado|actualizados}.",
                      "Import {batch} done: {added} {added:row|rows} added, {updated} updated."),
    "data.history_title": ("Historial de importaciones", "Import history"),
    "data.history_help": (
        "Cada lote registra cuándo, quién, de dónde, los archivos con su huella sha256 y cuántos "
        "renglones agregó o actualizó.",
        "Each batch records when, who, from where, the files with their sha256 fingerprint and "
        "how many rows it added or updated."),
    "data.no_history": ("Aún no hay importaciones registradas.", "No imports recorded yet."),
    "data.coverage_title": ("Cobertura de los datos", "Data coverage"),
    "data.kpis_title": ("Indicadores calculables", "Computable indicators"),
    "data.kpi": ("Indicador", "Indicator"),
    "data.computable": ("Calculable", "Computable"),
    "data.reason": ("Razón", "Reason"),
    "data.tables_title": ("Tablas: renglones y fechas", "Tables: rows and dates"),
    "data.fields_title": ("Llenado de columnas por tabla", "Column fill rate per table"),
    "data.fields_help": ("Proporción de renglones con valor (no vacío) en cada columna.",
                         "Share of rows with a (non-empty) value in each column."),
    "data.table": ("Tabla", "Table"),
    "data.column": ("Columna", "Column"),
    "data.rows": ("Renglones", "Rows"),
    "data.filled": ("Con valor", "Filled"),
    "data.date_column": ("Columna de fecha", "Date column"),
    "data.first": ("Desde", "From"),
    "data.last": ("Hasta", "To"),
    "data.empty_db": (
        "La base de datos está vacía: cargue archivos arriba o genere datos de demostración con "
        "`abasto demo`.",
        "The database is empty: upload files above or build demo data with `abasto demo`."),
    "data.when": ("Cuándo", "When"),
    "data.who": ("Quién", "Who"),
    "data.origin": ("Origen", "Origin"),
    "data.files": ("Archivos", "Files"),
    "data.added": ("Nuevos", "Added"),
    "data.updated": ("Actualizados", "Updated"),
    "data.warnings": ("Advertencias", "Warnings"),
    "data.batch": ("Lote", "Batch"),
    "data.file": ("Archivo", "File"),
    "data.format": ("Formato", "Format"),
    "data.key": ("Clave", "Key"),
    "data.fields_order": ("Las menos llenas primero.", "Least filled first."),
    "data.checking": ("Revisando los archivos…", "Checking the files…"),
    "data.importing": ("Importando…", "Importing…"),
    "data.check_failed": (
        "La revisión encontró {errors} {errors:error|errores} en {files} {files:archivo|archivos}: no se "
        "puede importar. Corrija los renglones de la tabla y vuelva a cargar los archivos.",
        "The check found {errors} {errors:error|errors} in {files} {files:file|files}: nothing can be "
        "imported. Fix the rows in the table and upload the files again."),
    "data.problems_capped": ("Se muestran {shown} de {total} problemas; la descarga trae los mostrados.",
                             "{shown} of {total} problems are shown; the download holds those shown."),
    "data.p_severity": ("Gravedad", "Severity"),
    "data.p_file": ("Archivo", "File"),
    "data.p_row": ("Renglón", "Row"),
    "data.p_column": ("Columna", "Column"),
    "data.p_value": ("Valor", "Value"),
    "data.p_problem": ("Problema", "Problem"),
    "data.sev_error": ("error", "error"),
    "data.sev_warning": ("advertencia", "warning"),
    "data.f_file": ("Archivo", "File"),
    "data.f_table": ("Tabla", "Table"),
    "data.f_format": ("Formato", "Format"),
    "data.f_rows": ("Renglones", "Rows"),
    "data.f_added": ("Nuevos", "Added"),
    "data.f_updated": ("Actualizados", "Updated"),
    "data.f_sha256": ("sha256", "sha256"),
    "data.lineage_files": ("Archivos de cada lote", "Files of each batch"),
    "data.kpis_help": ("Con los datos y filtros actuales; la razón dice qué falta cargar.",
                       "With the current data and filters; the reason says what is missing."),
    "data.kpis_count": ("{ok} de {total} indicadores se pueden calcular.",
                        "{ok} of {total} indicators can be computed."),
}
