-- Rows of the batch that repeat a natural key already used by an earlier row of the batch
-- (any file). Keys are found with one aggregation; only duplicated keys are windowed.
-- {keys}: the table's key columns (contract.py); {key_text}: them joined as text.
WITH dup AS (
    SELECT {keys} FROM typed_{table}
    WHERE {keys_not_null}
    GROUP BY ALL HAVING count(*) > 1
), ranked AS (
    SELECT t._file, t._row, {key_text} AS key_text,
           row_number() OVER w AS n,
           first_value(t._file) OVER w AS first_file,
           first_value(t._row) OVER w AS first_row
    FROM typed_{table} t SEMI JOIN dup USING ({keys})
    WINDOW w AS (PARTITION BY {t_keys} ORDER BY t._file, t._row)
)
SELECT 'error' AS severity, _file AS file, _row AS "row", $column AS "column", key_text AS value,
       'duplicate key: ' || $column || ' ' || key_text || ' is already at ' || first_file
           || ' row ' || first_row AS problem,
       'duplicate_key' AS code
FROM ranked WHERE n > 1
