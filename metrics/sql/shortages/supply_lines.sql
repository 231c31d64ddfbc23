-- Per-line supply of the evaluable lines in scope (METRICS.md "Shortages", item-month supply).
-- Included by the other shortage queries as {supply_lines}; {facts} and {where} come from
-- metrics.scope. Quantities are capped at q: over-delivery on one line never hides a
-- shortfall on another (as in the fill_rate KPI).
--   acc_as_of   accepted by as_of: what decides "short" (see docs/shortages.md)
--   acc_by_due  accepted by d + grace, excused delays counted on the due date (as in OTIF)
--   late_qty    accepted after d + grace through the supplier's delay (line_facts.late_qty)
-- $since (a month, or NULL for all) lets a view that needs only recent months read less.
-- __EDGE__: TRUE, or when the view reads whole months from rollup_item_months
-- (rollup_cells.sql) the condition that keeps only the window's other months' lines.
-- NOT MATERIALIZED: a query that reads lines twice (attribution) scans line_facts twice
-- rather than holding every line in memory (+150 MB at 1 M lines otherwise).
lines AS NOT MATERIALIZED (
    SELECT f.order_id, f.item_code, f.item_group, f.institution_id, f.state, f.unit_id,
           f.supplier_id, f.due_month,
           f.qty_ordered AS q,
           least(f.qty_accepted, f.qty_ordered) AS acc_as_of,
           least(f.qty_accepted_by_due, f.qty_ordered) AS acc_by_due,
           f.late_qty
    FROM {facts} f
    WHERE {where} AND (f.due_month >= $since OR $since IS NULL) AND __EDGE__
)
