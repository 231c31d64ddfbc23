-- Rows whose reference (columns of {table} -> {target}) exists neither in this batch nor
-- in the stored database (DATA_CONTRACT.md "Referential rules"). Composed by validate.py
-- from contract.Reference; $severity is error, or warning for the soft references.
SELECT $severity AS severity, c._file AS file, c._row AS "row", $column AS "column",
       {value} AS value, $problem || ' ' || {value} || ' ' || $where AS problem,
       $code AS code
FROM typed_{table} c
WHERE {not_null}
  AND NOT EXISTS (SELECT 1 FROM typed_{target} p WHERE {batch_match})
  AND NOT EXISTS (SELECT 1 FROM {target} s WHERE {stored_match})
