-- Upsert of one typed table into its stored table by natural key. Only rows that are new or
-- whose values differ are written (so an unchanged row keeps its batch_id and importing the
-- same file twice changes nothing). Written as UPDATE then INSERT, not INSERT … ON CONFLICT,
-- because the tables that grow with the lines have no PRIMARY KEY (migration 11). Keys are
-- still unique: validation rejects a batch that repeats one (check_duplicates.sql), and the
-- join below matches each batch row with at most one stored row. {table}, {key0}, {join},
-- {differs}, {columns}, {updates} come from contract.py (load.py). $batch is the new batch id.
CREATE OR REPLACE TEMP TABLE chg_{table} AS
SELECT n.*, s.{key0} IS NULL AS _new, 1 AS n
FROM typed_{table} n LEFT JOIN {table} s ON {join}
WHERE s.{key0} IS NULL OR {differs};

UPDATE {table} AS s SET {updates}, extra = n.extra::JSON, batch_id = $batch
FROM chg_{table} AS n
WHERE {join} AND NOT n._new;

INSERT INTO {table} ({columns}, extra, batch_id)
SELECT {columns}, extra::JSON, $batch FROM chg_{table} WHERE _new;
