-- Typed copy of one staging table: every value parsed by its column type (macros.sql),
-- enumerations mapped through enum_map, defaults applied, columns named as stored.
-- {table}, {columns}, {texts}, {exclude}, {suspect} are composed by metrics/ingest/validate.py
-- from metrics/ingest/contract.py only (identifiers and macro calls; values are $parameters).
-- Rows keep _file and _row so that every later check can name the spreadsheet row, and
-- _sid (the staging rowid) to pair each typed row with its text. _suspect: whether some
-- per-value check of the table may fire on the row (the OR of the checks' cheap candidate
-- conditions, validate._column_checks), decided here beside the text it tests ({texts}:
-- the staged text of the columns those conditions read, dropped by {exclude}), so that
-- finding the suspects later is a scan of one boolean column, not a second pass over the
-- text paired with the typed rows.
CREATE OR REPLACE TEMP TABLE typed_{table} AS
SELECT t.*{exclude}, {suspect} AS _suspect
FROM (SELECT s._file, s._row, s.rowid AS _sid, {columns}, s._extra AS extra{texts}
      FROM stg_{table} s) t
