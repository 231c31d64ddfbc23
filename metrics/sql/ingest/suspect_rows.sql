-- The rows of stg_{table} where some per-value check of the table may fire ({any_candidate}:
-- the OR of the checks' cheap candidate conditions, validate._check_columns), found by one
-- scan that reads only the columns those conditions test. The typed table is a projection
-- of the staging table in its order, so a POSITIONAL JOIN pairs each text value with its
-- parsed value; `misaligned` flags rows where that order ever differs (t._sid is the
-- staging rowid), and validate.py then pairs them by a join instead.
CREATE OR REPLACE TEMP TABLE _suspect_ids AS
SELECT s.rowid AS sid, t.rowid AS tid, t._sid IS DISTINCT FROM s.rowid AS misaligned
FROM stg_{table} s POSITIONAL JOIN typed_{table} t
WHERE t._sid IS DISTINCT FROM s.rowid OR {any_candidate}
