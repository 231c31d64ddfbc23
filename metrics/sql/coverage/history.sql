-- Import history (lineage): one row per batch, newest first. `files` is the JSON list the
-- importer records ({file, sha256, table, rows, added, updated, format}).
SELECT batch_id, started_at, finished_at, user_name, origin,
       coalesce(json_array_length(files), 0)::BIGINT AS n_files,
       coalesce(rows_added, 0)::BIGINT AS rows_added,
       coalesce(rows_updated, 0)::BIGINT AS rows_updated,
       coalesce(warnings, 0)::BIGINT AS warnings
FROM import_batches
ORDER BY started_at DESC, batch_id DESC
