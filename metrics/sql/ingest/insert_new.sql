-- First load of a table (nothing stored yet): every row of the batch is new, so a plain
-- INSERT replaces upsert.sql's comparison and its UPDATE. chg_{table} keeps what the
-- per-file summary needs (rows per file, n). {table} and {columns} come from contract.py
-- (load.py).
CREATE OR REPLACE TEMP TABLE chg_{table} AS
SELECT _file, true AS _new, count(*) AS n FROM typed_{table} GROUP BY _file;

INSERT INTO {table} ({columns}, extra, batch_id)
SELECT {columns}, extra::JSON, $batch FROM typed_{table};
