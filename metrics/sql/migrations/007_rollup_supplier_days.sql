-- Version 7: the supplier rollup (metrics/rollups/supplier_days.py): the additive sums of
-- the scorecard's KPIs and histograms of days late and lead time, per supplier, item group
-- and due date (and per due month), over non-cancelled lines, so that the all-supplier
-- scorecard reads thousands of rows instead of millions. Kept exact with line_facts at every
-- facts refresh; store.migrate fills it on an existing database (marker below).
-- @refresh-rollups
CREATE TABLE IF NOT EXISTS rollup_supplier_days (
    supplier_id        VARCHAR,
    item_group         VARCHAR,
    due_date           DATE,
    due_month          DATE,
    lines              BIGINT,     -- non-cancelled lines
    on_time_n          BIGINT,     -- lines with is_on_time known
    on_time_lines      BIGINT,
    otif_n             BIGINT,
    otif_lines         BIGINT,
    qty_filled         DOUBLE,
    qty_ordered        DOUBLE,
    completed_lines    BIGINT,     -- count(days_late)
    days_late_sum      BIGINT,
    short_lines        BIGINT,     -- short_qty > 0 (open overdue once due_date < as_of)
    short_qty          DOUBLE,     -- Σ short_qty where > 0
    lead_time_lines    BIGINT,
    qty_rejected       DOUBLE,
    qty_delivered      DOUBLE,
    delivered_lines    BIGINT,
    short_shelf_qty    DOUBLE,
    shelf_checked_qty  DOUBLE,
    priced_value       DOUBLE,     -- Σ ordered_value where ref_value is known
    ref_value          DOUBLE,
    ordered_value      DOUBLE,
    penalties_due      DOUBLE,     -- Σ penalty_due_capped
    priced_lines       BIGINT,
    unit_priced_lines  BIGINT
);

-- The same sums per due month (whole months of a window are read from here).
CREATE TABLE IF NOT EXISTS rollup_supplier_months AS
SELECT * EXCLUDE (due_date) FROM rollup_supplier_days LIMIT 0;

-- A number per supplier, never reused: the histograms are grouped by it (grouping integers
-- is cheaper than grouping strings at millions of rows).
CREATE TABLE IF NOT EXISTS rollup_supplier_keys (
    supplier_id   VARCHAR,
    supplier_key  INTEGER
);

-- Histograms: measure 1 = days_late, 2 = lead_time_days; n lines with that value.
CREATE TABLE IF NOT EXISTS rollup_supplier_hist_days (
    supplier_id  VARCHAR,
    supplier_key INTEGER,
    item_group   VARCHAR,
    due_date     DATE,
    due_month    DATE,
    measure      UTINYINT,
    value        INTEGER,
    n            BIGINT
);

CREATE TABLE IF NOT EXISTS rollup_supplier_hist_months AS
SELECT * EXCLUDE (due_date) FROM rollup_supplier_hist_days LIMIT 0;
