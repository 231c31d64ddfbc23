-- Version 13: rollup_item_months' rows are written sorted, each grain by its institution or
-- state, then due month and item (metrics/rollups/item_months.py): a shortage view, or the
-- scorecard's shortage contribution, under an institution or state filter or over a window
-- of months reads only those row groups of a grain. No table changes; store.migrate refills
-- the rollup on an existing database (marker below).
-- @refresh-rollups: item_months
SELECT 1;
