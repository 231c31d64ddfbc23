-- Values of one staged column that are empty when required, not of the column's type, or
-- not an accepted spelling of an enumeration. {problem} is an SQL expression over s.{column}
-- giving the problem text or NULL (composed by validate.py from contract.py). Files that
-- lack a required column altogether are reported once, at their header (absent_columns).
SELECT $severity AS severity, s._file AS file, s._row AS "row", $column AS "column",
       s."{column}" AS value, {problem} AS problem, $code AS code
FROM stg_{table} s
WHERE {problem} IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM absent_columns a
                  WHERE a.file = s._file AND a.tbl = $table AND a.col = $column)
