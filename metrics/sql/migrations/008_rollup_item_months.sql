-- Version 8: item-month rollup of line_facts (metrics/rollups/item_months.py), so that the
-- shortage views read ~100k rows instead of 10M lines (docs/shortages.md, "Performance").
-- One row per non-cancelled (item, due month) at several grains: `grain` is
-- GROUPING(supplier_id, institution_id, state) of the row (a bit set = that column is
-- summed over, and NULL): 7 = item × month, 5 = × institution, 6 = × state, 3 = × supplier,
-- 1 = × supplier × institution, 2 = × supplier × state (item_months.GRAINS). item_group
-- is a function of the item and is kept at every grain. Quantities as the views sum them:
-- qty_filled = Σ min(accepted, q); qty_filled_by_due = Σ min(accepted by d + grace, q);
-- qty_accepted = Σ accepted (uncapped, for concentration); short_* over the lines with
-- accepted < q (attribution). Exact exactly when line_facts is (facts.source).
-- store.migrate fills it on an existing database because of the marker below.
-- @refresh-rollups
CREATE TABLE IF NOT EXISTS rollup_item_months (
    grain              UTINYINT NOT NULL,
    item_code          VARCHAR,
    item_group         VARCHAR,
    due_month          DATE,
    supplier_id        VARCHAR,
    institution_id     VARCHAR,
    state              VARCHAR,
    lines              BIGINT NOT NULL,
    qty_ordered        DOUBLE,
    qty_filled         DOUBLE,
    qty_filled_by_due  DOUBLE,
    qty_accepted       DOUBLE,
    short_lines        BIGINT NOT NULL,
    short_qty_ordered  DOUBLE,
    short_late_qty     DOUBLE
);

-- The lines of the latest months (due_month on or after the month of the latest delivery,
-- recorded in rollup_recent_from), with the columns the shortage views read: an exact
-- scope's as_of is on or after that delivery, so the month it cuts is always here, and a
-- view reads those few lines instead of scanning line_facts for them.
CREATE TABLE IF NOT EXISTS rollup_recent_lines (
    order_id            VARCHAR,
    item_code           VARCHAR,
    item_group          VARCHAR,
    institution_id      VARCHAR,
    state               VARCHAR,
    unit_id             VARCHAR,
    supplier_id         VARCHAR,
    due_date            DATE,
    due_month           DATE,
    cancelled           BOOLEAN,
    qty_ordered         DOUBLE,
    qty_accepted        DOUBLE,
    qty_accepted_by_due DOUBLE,
    late_qty            DOUBLE
);

CREATE TABLE IF NOT EXISTS rollup_recent_from (
    recent_from DATE
);
