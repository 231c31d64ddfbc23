-- The floor of any import that keeps line facts (bench_import.py, case facts_floor): after
-- the bare read_csv of the canonical files (tables named after them), a table of
-- line_facts' shape (its 45 columns, one row per order line) by the cheapest query that
-- fills it: the joins every fact needs and one plain grouping of the deliveries, none of
-- the rules of metrics/sql/line_facts.sql (excused delays, cumulative completion, late
-- quantities, capped penalties, shelf life), no sort. Rule-less columns are constants.
CREATE TABLE line_facts AS
WITH a AS (
    SELECT order_id, count(*)::INTEGER AS n_deliveries,
           min(delivered_date) AS first_delivery_date, max(delivered_date) AS last_delivery_date,
           sum(qty_delivered) AS qty_delivered, sum(qty_rejected) AS qty_rejected,
           sum(qty_delivered - qty_rejected) AS qty_accepted
    FROM deliveries GROUP BY order_id
)
SELECT o.order_id, o.contract_id, c.supplier_id, c.institution_id, o.unit_id, u.state,
       o.item_code, i."group" AS item_group, c.procedure_type, c.is_emergency,
       o.order_date, o.due_date, date_trunc('month', o.due_date)::DATE AS due_month,
       o.qty_ordered, o.cancelled, ci.unit_price, i.reference_price AS ref_price,
       ci.unit_price * o.qty_ordered AS ordered_value, i.reference_price * o.qty_ordered AS ref_value,
       c.guarantee_pct * c.amount AS penalty_cap,
       coalesce(a.n_deliveries, 0) AS n_deliveries, a.first_delivery_date, a.last_delivery_date,
       coalesce(a.qty_delivered, 0) AS qty_delivered, coalesce(a.qty_rejected, 0) AS qty_rejected,
       coalesce(a.qty_accepted, 0) AS qty_accepted, coalesce(a.qty_accepted, 0) AS qty_accepted_by_due,
       least(coalesce(a.qty_accepted, 0), o.qty_ordered) AS qty_filled,
       a.first_delivery_date AS first_accept_eff_date, a.last_delivery_date AS completion_date,
       a.last_delivery_date AS completion_eff_date,
       coalesce(a.first_delivery_date <= o.due_date, false) AS is_on_time,
       coalesce(a.last_delivery_date <= o.due_date, false) AS is_otif,
       coalesce(a.qty_accepted >= o.qty_ordered, false) AS is_completed,
       greatest(0, a.last_delivery_date - o.due_date)::INTEGER AS days_late,
       (a.last_delivery_date - o.order_date)::INTEGER AS lead_time_days,
       false AS has_excused, 0::DOUBLE AS late_qty, 0::DOUBLE AS late_penalty,
       greatest(0, o.qty_ordered - coalesce(a.qty_accepted, 0)) AS short_qty,
       0::DOUBLE AS deduction, 0::DOUBLE AS penalty_due_line, 0::DOUBLE AS shelf_checked_qty,
       0::DOUBLE AS short_shelf_qty, 0::DOUBLE AS penalty_due_capped
FROM orders o
JOIN contracts c ON c.contract_id = o.contract_id
LEFT JOIN contract_items ci ON ci.contract_id = o.contract_id AND ci.item_code = o.item_code
LEFT JOIN units u ON u.unit_id = o.unit_id
LEFT JOIN items i ON i.item_code = o.item_code
LEFT JOIN a ON a.order_id = o.order_id
