-- Per-line supply of the evaluable lines in scope (METRICS.md "Shortages", item-month supply).
-- Included by the other shortage queries as {supply_lines}; {facts} and {where} come from
-- metrics.scope. Quantities are capped at q: over-delivery on one line never hides a
-- shortfall on another (as in the fill_rate KPI).
--   acc_by_due      accepted by d + grace at the real delivery dates: what the unit had when
--                   it needed it. Shortage is about patients, so a delay excused for the
--                   supplier (buyer / force majeure) still leaves the shelf empty.
--   acc_by_due_sup  the same as the supplier's KPIs count it (excused delays as on the due
--                   date): the difference acc_by_due_sup - acc_by_due is excused shortfall.
--   acc_as_of       accepted by as_of (the eventual fill; the government's headline figure).
-- line_facts.qty_accepted_by_due counts excused deliveries on the due date; only lines with
-- has_excused need the correction, so deliveries are read only for those.
excused AS (
    SELECT d.order_id, sum(d.qty_delivered - d.qty_rejected) AS qty
    FROM deliveries d
    JOIN {facts} f ON f.order_id = d.order_id
    WHERE f.has_excused AND {where}
      AND d.delay_cause IN ('buyer', 'force_majeure')
      AND d.delivered_date > f.due_date + $grace
      AND d.delivered_date <= $as_of
    GROUP BY d.order_id
),
lines AS (
    SELECT f.order_id, f.item_code, f.item_group, f.institution_id, f.state, f.unit_id,
           f.supplier_id, f.due_month,
           f.qty_ordered AS q,
           least(f.qty_accepted_by_due - coalesce(x.qty, 0), f.qty_ordered) AS acc_by_due,
           least(f.qty_accepted_by_due, f.qty_ordered) AS acc_by_due_sup,
           least(f.qty_accepted, f.qty_ordered) AS acc_as_of
    FROM {facts} f
    LEFT JOIN excused x ON x.order_id = f.order_id
    WHERE {where}
)
