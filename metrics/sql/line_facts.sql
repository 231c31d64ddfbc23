-- Per-order-line delivery facts (METRICS.md, "Scope of a computation" and "Delivery KPIs").
-- Parameters: $as_of (DATE: only deliveries on or before it exist), $grace (INTEGER days),
-- __ORDER_FILTER__ is replaced by facts.py with TRUE (every order) or a semi-join on the
-- temp table touched_orders (incremental refresh); it is never user text. __ORDER_KEY__:
-- see o_rid below. __DELIVERIES__: the deliveries d joined to o, by order_id from the table
-- deliveries, or (a full rebuild in parts) by o_rid from the part's copy that facts.py made
-- once for all parts (facts/part_deliveries.sql).
-- Materialised into line_facts with $as_of = 9999-12-31 and the configured grace, which is
-- exact for any as_of on or after the latest delivery; other as_of values run it on the fly.
-- Excused delays (delay_cause buyer / force_majeure) count as if delivered on the due date.
-- Penalties: penalty_due_line = late penalties + deduction; penalty_due_capped is its share
-- of the contract's running total (non-cancelled lines in due_date, order_id order) capped
-- at guarantee_pct·amount, so any grouping sums capped amounts. Lines due later never change
-- an earlier line's share, which keeps it exact for every as_of. Because of that window,
-- an incremental refresh recomputes, in each contract it touches, every line due on or after
-- the earliest line touched; __PRIOR__ (contract_id, prior) is what the contract's lines due
-- before those add to its running total (facts.py's touched_prior; empty otherwise).
WITH o AS MATERIALIZED (
    SELECT __ORDER_KEY__ AS o_rid, o.order_id, o.contract_id, c.supplier_id, c.institution_id, o.unit_id, u.state,
           o.item_code, i.item_group, c.procedure_type, c.is_emergency,
           o.order_date, o.due_date, date_trunc('month', o.due_date)::DATE AS due_month,
           o.qty_ordered, o.cancelled, ci.unit_price,
           coalesce(i.reference_price, rp.median_price) AS ref_price,
           c.penalty_rate_per_day, c.deduction_rate, c.guarantee_pct * c.amount AS penalty_cap,
           coalesce(i.min_shelf_life_months, 12) AS min_shelf_months
    FROM orders o
    JOIN contracts c ON c.contract_id = o.contract_id
    LEFT JOIN contract_items ci ON ci.contract_id = o.contract_id AND ci.item_code = o.item_code
    LEFT JOIN units u ON u.unit_id = o.unit_id
    LEFT JOIN items i ON i.item_code = o.item_code
    LEFT JOIN (SELECT item_code, median(unit_price) AS median_price
               FROM contract_items GROUP BY item_code) rp ON rp.item_code = o.item_code
    WHERE __ORDER_FILTER__
),
d AS (
    SELECT o.o_rid, d.delivery_id, d.delivered_date, d.qty_delivered, d.qty_rejected,
           d.qty_delivered - d.qty_rejected AS acc, d.expiry_date,
           d.delay_cause IN ('buyer', 'force_majeure') AS excusable,
           o.due_date, o.qty_ordered, o.unit_price, o.penalty_rate_per_day, o.min_shelf_months,
           CASE WHEN d.delay_cause IN ('buyer', 'force_majeure') AND d.delivered_date > o.due_date
                THEN o.due_date ELSE d.delivered_date END AS eff_date
    FROM __DELIVERIES__
    WHERE d.delivered_date <= $as_of
),
-- Deliveries are grouped and windowed by o_rid, a number for each order line in this query,
-- not by order_id (a string): hashing and comparing integers is the cheaper half of the
-- work at 10 million lines. It never leaves the query. __ORDER_KEY__ is o.rowid when
-- orders is a table, else row_number() OVER () (orders may be a view, e.g. over Parquet
-- history: docs/performance.md); o is MATERIALIZED so every use sees the same numbers.
-- Most orders have one delivery: their running sums are the delivery itself, so the
-- per-order aggregation a1 computes their cumulative facts directly; only orders with
-- several deliveries go through the two window sorts (m, a2). Same results, a fraction of
-- the sorting.
d1 AS (
    SELECT *, NOT excusable AND delivered_date > due_date + $grace AS is_late_supplier,
           greatest(0, least(acc, qty_ordered)) AS owed_if_only
    FROM d
),
a1 AS (
    SELECT o_rid,
           count(*)::INTEGER AS n_deliveries,
           min(delivered_date) AS first_delivery_date,
           max(delivered_date) AS last_delivery_date,
           sum(qty_delivered) AS qty_delivered,
           sum(qty_rejected) AS qty_rejected,
           sum(acc) AS qty_accepted,
           coalesce(sum(acc) FILTER (WHERE eff_date <= due_date + $grace), 0) AS qty_accepted_by_due,
           min(eff_date) FILTER (WHERE acc > 0) AS first_accept_eff_date,
           coalesce(bool_or(excusable AND delivered_date > due_date + $grace), false) AS has_excused,
           coalesce(sum(qty_delivered) FILTER (WHERE expiry_date IS NOT NULL), 0) AS shelf_checked_qty,
           coalesce(sum(qty_delivered) FILTER (
               WHERE expiry_date IS NOT NULL
                 AND expiry_date < delivered_date + to_months(min_shelf_months)), 0) AS short_shelf_qty,
           -- the cumulative facts when this is the order's only delivery
           min(delivered_date) FILTER (WHERE acc >= qty_ordered) AS only_completion_date,
           min(eff_date) FILTER (WHERE acc >= qty_ordered) AS only_completion_eff_date,
           coalesce(sum(owed_if_only) FILTER (WHERE is_late_supplier), 0) AS only_late_qty,
           coalesce(sum(penalty_rate_per_day * (delivered_date - due_date) * unit_price * owed_if_only)
                    FILTER (WHERE is_late_supplier), 0) AS only_late_penalty
    FROM d1
    GROUP BY o_rid
),
m AS (
    SELECT *,
           sum(acc) OVER (PARTITION BY o_rid ORDER BY delivered_date, delivery_id
                          ROWS UNBOUNDED PRECEDING) AS cum_act,
           sum(acc) OVER (PARTITION BY o_rid ORDER BY eff_date, delivery_id
                          ROWS UNBOUNDED PRECEDING) AS cum_eff
    FROM d1
    WHERE o_rid IN (SELECT o_rid FROM a1 WHERE n_deliveries > 1)
),
-- what each delivery adds towards q (over-delivery beyond q is not owed, so not penalised)
a2 AS (
    SELECT o_rid,
           min(delivered_date) FILTER (WHERE cum_act >= qty_ordered) AS completion_date,
           min(eff_date) FILTER (WHERE cum_eff >= qty_ordered) AS completion_eff_date,
           coalesce(sum(owed_acc) FILTER (WHERE is_late_supplier), 0) AS late_qty,
           coalesce(sum(penalty_rate_per_day * (delivered_date - due_date) * unit_price * owed_acc)
                    FILTER (WHERE is_late_supplier), 0) AS late_penalty
    FROM (SELECT *, greatest(0, least(acc, qty_ordered - (cum_act - acc))) AS owed_acc FROM m)
    GROUP BY o_rid
),
agg AS (
    SELECT a1.* EXCLUDE (only_completion_date, only_completion_eff_date, only_late_qty,
                         only_late_penalty),
           CASE WHEN a1.n_deliveries = 1 THEN a1.only_completion_date
                ELSE a2.completion_date END AS completion_date,
           CASE WHEN a1.n_deliveries = 1 THEN a1.only_completion_eff_date
                ELSE a2.completion_eff_date END AS completion_eff_date,
           CASE WHEN a1.n_deliveries = 1 THEN a1.only_late_qty ELSE a2.late_qty END AS late_qty,
           CASE WHEN a1.n_deliveries = 1 THEN a1.only_late_penalty
                ELSE a2.late_penalty END AS late_penalty
    FROM a1 LEFT JOIN a2 ON a2.o_rid = a1.o_rid
),
lf AS (
SELECT o.order_id, o.contract_id, o.supplier_id, o.institution_id, o.unit_id, o.state,
       o.item_code, o.item_group, o.procedure_type, o.is_emergency,
       o.order_date, o.due_date, o.due_month, o.qty_ordered, o.cancelled,
       o.unit_price, o.ref_price,
       o.unit_price * o.qty_ordered AS ordered_value,
       CASE WHEN o.unit_price IS NOT NULL AND o.ref_price IS NOT NULL
            THEN o.ref_price * o.qty_ordered END AS ref_value,
       o.penalty_cap,
       coalesce(a.n_deliveries, 0) AS n_deliveries,
       a.first_delivery_date, a.last_delivery_date,
       coalesce(a.qty_delivered, 0) AS qty_delivered,
       coalesce(a.qty_rejected, 0) AS qty_rejected,
       coalesce(a.qty_accepted, 0) AS qty_accepted,
       coalesce(a.qty_accepted_by_due, 0) AS qty_accepted_by_due,
       least(coalesce(a.qty_accepted, 0), o.qty_ordered) AS qty_filled,
       a.first_accept_eff_date, a.completion_date, a.completion_eff_date,
       coalesce(a.first_accept_eff_date <= o.due_date + $grace, false) AS is_on_time,
       coalesce(a.completion_eff_date <= o.due_date + $grace, false) AS is_otif,
       a.completion_date IS NOT NULL AS is_completed,
       CASE WHEN a.completion_eff_date IS NOT NULL
            THEN greatest(0, a.completion_eff_date - o.due_date) END::INTEGER AS days_late,
       (a.completion_date - o.order_date)::INTEGER AS lead_time_days,
       coalesce(a.has_excused, false) AS has_excused,
       coalesce(a.late_qty, 0) AS late_qty,
       coalesce(a.late_penalty, 0) AS late_penalty,
       greatest(0, o.qty_ordered - coalesce(a.qty_accepted, 0)) AS short_qty,
       o.deduction_rate * coalesce(o.unit_price, 0)
           * greatest(0, o.qty_ordered - coalesce(a.qty_accepted, 0)) AS deduction,
       coalesce(a.late_penalty, 0) + o.deduction_rate * coalesce(o.unit_price, 0)
           * greatest(0, o.qty_ordered - coalesce(a.qty_accepted, 0)) AS penalty_due_line,
       coalesce(a.shelf_checked_qty, 0) AS shelf_checked_qty,
       coalesce(a.short_shelf_qty, 0) AS short_shelf_qty
FROM o LEFT JOIN agg a ON a.o_rid = o.o_rid
),
-- The capped share only differs from the line's own amount in contracts whose penalties
-- exceed the cap; only those go through the running-total window.
ctot AS (
    SELECT t.contract_id, t.cap, coalesce(p.prior, 0) AS prior, coalesce(p.prior, 0) + t.total AS total
    FROM (SELECT contract_id,
                 sum(CASE WHEN cancelled THEN 0 ELSE coalesce(penalty_due_line, 0) END) AS total,
                 min(penalty_cap) AS cap
          FROM lf
          GROUP BY contract_id) t
    LEFT JOIN __PRIOR__ p ON p.contract_id = t.contract_id
)
SELECT *, CASE WHEN cancelled THEN 0 ELSE coalesce(penalty_due_line, 0) END AS penalty_due_capped
FROM lf
WHERE contract_id IN (SELECT contract_id FROM ctot WHERE cap IS NULL OR total <= cap)
UNION ALL BY NAME
SELECT * EXCLUDE (penalty_running),
       CASE WHEN cancelled THEN 0
            ELSE greatest(0, least(penalty_running, penalty_cap)
                 - least(penalty_running - coalesce(penalty_due_line, 0), penalty_cap)) END
           AS penalty_due_capped
FROM (SELECT l.*, c.prior + sum(CASE WHEN l.cancelled THEN 0 ELSE coalesce(l.penalty_due_line, 0) END)
                    OVER (PARTITION BY l.contract_id ORDER BY l.due_date, l.order_id
                          ROWS UNBOUNDED PRECEDING) AS penalty_running
      FROM lf l JOIN ctot c ON c.contract_id = l.contract_id
      WHERE c.total > c.cap)
