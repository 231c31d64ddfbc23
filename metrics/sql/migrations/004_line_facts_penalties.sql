-- Version 4: line facts gain what the scorecard and the compliance ledger aggregate
-- directly (metrics/sql/line_facts.sql): quantity filled (accepted, capped at ordered),
-- ordered and reference value for the price index, and each line's share of its contract's
-- penalties after the guarantee cap. store.migrate refreshes line_facts after a migration
-- that carries the marker below.
-- @refresh-line-facts
ALTER TABLE line_facts ADD COLUMN IF NOT EXISTS ordered_value DOUBLE;
ALTER TABLE line_facts ADD COLUMN IF NOT EXISTS ref_value DOUBLE;
ALTER TABLE line_facts ADD COLUMN IF NOT EXISTS penalty_cap DOUBLE;
ALTER TABLE line_facts ADD COLUMN IF NOT EXISTS qty_filled DOUBLE;
ALTER TABLE line_facts ADD COLUMN IF NOT EXISTS penalty_due_capped DOUBLE;
