-- Version 9: the supplier rollup by institution (metrics/rollups/supplier_days.py), so that
-- the scorecard under an institution filter (or grouped by institution) reads the rollup
-- instead of the lines. By day it would be millions of rows at 10M lines, so: the sums and
-- histograms of migration 7 per (supplier, item group, institution, due month) for every
-- month, and per due date only for the months from the latest delivery's month on (recorded
-- in rollup_supplier_inst_from): an exact scope's as_of is on or after that delivery, so the
-- partial month it cuts is always there. Sorted by institution first, so that one
-- institution's rows prune. store.migrate fills it on an existing database (marker below).
-- @refresh-rollups
CREATE TABLE IF NOT EXISTS rollup_supplier_inst_months AS
SELECT * EXCLUDE (due_date), NULL::VARCHAR AS institution_id FROM rollup_supplier_days LIMIT 0;

CREATE TABLE IF NOT EXISTS rollup_supplier_inst_days AS
SELECT *, NULL::VARCHAR AS institution_id FROM rollup_supplier_days LIMIT 0;

CREATE TABLE IF NOT EXISTS rollup_supplier_inst_hist_months AS
SELECT * EXCLUDE (due_date), NULL::VARCHAR AS institution_id FROM rollup_supplier_hist_days LIMIT 0;

CREATE TABLE IF NOT EXISTS rollup_supplier_inst_hist_days AS
SELECT *, NULL::VARCHAR AS institution_id FROM rollup_supplier_hist_days LIMIT 0;

-- the first due month rollup_supplier_inst_days / _hist_days hold (every later one too)
CREATE TABLE IF NOT EXISTS rollup_supplier_inst_from (
    recent_from DATE
);
