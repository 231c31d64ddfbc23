-- What the data is and how fresh: for chart captions and the "data as of" line.
-- Latest delivery and facts refresh from facts_meta; the latest import batch's origin/files.
SELECT (SELECT max_delivered FROM facts_meta) AS max_delivered,
       (SELECT refreshed_at FROM facts_meta) AS refreshed_at,
       (SELECT lines FROM facts_meta) AS lines,
       (SELECT count(*) FROM orders) AS orders,
       (SELECT count(*) FROM contracts) AS contracts,
       (SELECT min(due_date) FROM line_facts) AS first_due,
       b.origin, b.files::VARCHAR AS files, b.finished_at
FROM (SELECT 1) one
LEFT JOIN (SELECT origin, files, finished_at FROM import_batches
           ORDER BY batch_id DESC LIMIT 1) b ON TRUE
