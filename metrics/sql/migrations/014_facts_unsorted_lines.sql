-- Version 14: facts_meta.unsorted_lines, how many line-facts rows incremental refreshes have
-- appended since the last full rebuild. They sit outside the (supplier_id, due_date) order
-- that one supplier's queries prune by (and the rollups' rows they touched outside theirs):
-- metrics/facts.py rebuilds everything, sorted, once they and a refresh's own lines would
-- pass facts.FULL_REBUILD_SHARE of all lines. Existing databases start at 0.
ALTER TABLE facts_meta ADD COLUMN IF NOT EXISTS unsorted_lines BIGINT DEFAULT 0;
