-- The files of each import batch with their sha256 and row counts ($batch_id NULL = all).
WITH f AS (
    SELECT batch_id, started_at,
           unnest(from_json(files, '[{"file": "VARCHAR", "sha256": "VARCHAR", "table": "VARCHAR",
                                      "rows": "BIGINT", "added": "BIGINT", "updated": "BIGINT",
                                      "format": "VARCHAR"}]')) AS f
    FROM import_batches
    WHERE files IS NOT NULL AND (batch_id = $batch_id OR $batch_id IS NULL)
)
SELECT batch_id, f.file AS file, f."table" AS table_name, f.format AS format,
       f.rows AS rows, f.added AS added, f.updated AS updated, f.sha256 AS sha256
FROM f
ORDER BY started_at DESC, batch_id DESC, file
