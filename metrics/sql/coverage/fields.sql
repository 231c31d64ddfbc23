-- Share of non-null values per column of one data table. __TABLE__ is replaced by
-- metrics.coverage with a name from store.DATA_TABLES (never user text); the bookkeeping
-- columns extra and batch_id are left out.
UNPIVOT (
    SELECT count(*) AS n_rows, count(COLUMNS(* EXCLUDE (extra, batch_id)))
    FROM __TABLE__
) ON COLUMNS(* EXCLUDE (n_rows)) INTO NAME column_name VALUE filled
