-- Penalties actually applied: only part of what the contracts would owe. Each institution
-- enforces late-delivery penalties on a share of its late lines (d_inst.enforcement) and
-- deductions for short lines on a smaller share, sometimes for less than owed; applied 10–60
-- days after the delivery (or 60–120 days after the due date for deductions), never after
-- $as_of, and never beyond the contract's guarantee cap.
INSERT INTO penalties (penalty_id, contract_id, order_id, kind, amount, applied_date, batch_id)
WITH f AS (
    SELECT f.order_id, f.contract_id, f.late_penalty, f.deduction, f.short_qty,
           f.last_delivery_date, f.due_date, i.enforcement
    FROM line_facts f JOIN d_inst i ON i.institution_id = f.institution_id
    WHERE NOT f.cancelled AND f.due_date <= $as_of
),
cand AS (
    SELECT contract_id, order_id, 'late_delivery' AS kind,
           late_penalty * (0.6 + 0.4 * demo_u(hash(order_id), 101)) AS amount,
           last_delivery_date + 10 + floor(50 * demo_u(hash(order_id), 102))::INTEGER AS applied_date
    FROM f WHERE late_penalty > 0 AND demo_u(hash(order_id), 100) < enforcement
    UNION ALL
    SELECT contract_id, order_id, 'deficient_delivery',
           deduction * (0.6 + 0.4 * demo_u(hash(order_id), 104)),
           due_date + 60 + floor(60 * demo_u(hash(order_id), 105))::INTEGER
    FROM f WHERE short_qty > 0 AND deduction > 0 AND demo_u(hash(order_id), 103) < 0.6 * enforcement
),
capped AS (
    SELECT cand.*, c.guarantee_pct * c.amount AS cap,
           sum(cand.amount) OVER (PARTITION BY cand.contract_id ORDER BY cand.applied_date, cand.order_id, cand.kind
                                  ROWS UNBOUNDED PRECEDING) AS running
    FROM cand JOIN contracts c ON c.contract_id = cand.contract_id
    WHERE cand.applied_date <= $as_of AND round(cand.amount, 2) > 0
)
SELECT 'PC-' || lpad(row_number() OVER (ORDER BY contract_id, order_id, kind)::VARCHAR, 8, '0'),
       contract_id, order_id, kind, round(amount, 2), applied_date::DATE, 1
FROM capped WHERE running <= cap
