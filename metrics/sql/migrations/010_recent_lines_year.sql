-- Version 10: rollup_recent_lines (migration 8) holds the lines due from 12 months before
-- the latest delivery's month on, sorted by due month, instead of that month's only: a
-- one-year window (the scorecard's default) starts mid-month a year back, and its shortage
-- contribution read that month's lines by scanning all of line_facts. No table changes;
-- store.migrate refills the rollups on an existing database (marker below).
-- @refresh-rollups: item_months
SELECT 1;
