-- Upsert of one typed table into its stored table by natural key. Only rows that are new or
-- whose values differ are written (so an unchanged row keeps its batch_id and importing the
-- same file twice changes nothing). {table}, {keys}, {join}, {differs}, {columns},
-- {updates} come from contract.py (validate/load.py). $batch is the new batch id.
CREATE OR REPLACE TEMP TABLE chg_{table} AS
SELECT n.*, s.{key0} IS NULL AS _new, 1 AS n
FROM typed_{table} n LEFT JOIN {table} s ON {join}
WHERE s.{key0} IS NULL OR {differs};

INSERT INTO {table} ({columns}, extra, batch_id)
SELECT {columns}, extra::JSON, $batch FROM chg_{table}
ON CONFLICT ({keys}) DO UPDATE SET {updates}, extra = excluded.extra, batch_id = excluded.batch_id;
