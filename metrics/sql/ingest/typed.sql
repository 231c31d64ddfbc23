-- Typed copy of one staging table: every value parsed by its column type (macros.sql),
-- enumerations mapped through enum_map, defaults applied, columns named as stored.
-- {table}, {columns} are composed by metrics/ingest/validate.py from
-- metrics/ingest/contract.py only (identifiers and macro calls; values are $parameters).
-- Rows keep _file and _row so that every later check can name the spreadsheet row, and
-- _sid (the staging rowid) to pair each typed row with its text. No joins here: a plain
-- projection keeps the staging order, which check_column.sql uses.
CREATE OR REPLACE TEMP TABLE typed_{table} AS
SELECT s._file, s._row, s.rowid AS _sid, {columns}, s._extra AS extra
FROM stg_{table} s
