-- First load of a table (nothing stored yet): every row of the batch is new, so a plain
-- INSERT replaces upsert.sql's comparison and conflict handling. chg_{table} keeps what the
-- per-file summary needs. {table} and {columns} come from contract.py (load.py).
CREATE OR REPLACE TEMP TABLE chg_{table} AS SELECT _file, true AS _new FROM typed_{table};

INSERT INTO {table} ({columns}, extra, batch_id)
SELECT {columns}, extra::JSON, $batch FROM typed_{table};
