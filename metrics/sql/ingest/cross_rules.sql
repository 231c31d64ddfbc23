-- Row rules across tables, over the typed batch and what is stored (a row of the batch
-- replaces its stored version). Rows whose reference is unknown were reported by
-- check_reference.sql and are simply not joined here.
-- Columns: severity, file, row, column, value, problem, code.
WITH o AS (
    SELECT order_id, contract_id, order_date FROM typed_orders
    UNION ALL
    SELECT s.order_id, s.contract_id, s.order_date FROM orders s
    WHERE NOT EXISTS (SELECT 1 FROM typed_orders t WHERE t.order_id = s.order_id)
),
c AS (
    SELECT contract_id, signed_date FROM typed_contracts
    UNION ALL
    SELECT s.contract_id, s.signed_date FROM contracts s
    WHERE NOT EXISTS (SELECT 1 FROM typed_contracts t WHERE t.contract_id = s.contract_id)
)
-- a penalty that names an order must name that order's contract: else it is charged to
-- another supplier's contract
SELECT 'error' AS severity, p._file AS file, p._row AS "row", 'order_id' AS "column",
       p.order_id AS value,
       'the order is on contract ' || o.contract_id || ', not on ' || p.contract_id AS problem,
       'penalty_order_other_contract' AS code
FROM typed_penalties p JOIN o ON o.order_id = p.order_id
WHERE o.contract_id <> p.contract_id
UNION ALL
-- kept (a regularised purchase may be recorded after the fact) but said: it counts as on time
SELECT 'warning', d._file, d._row, 'delivered_date', strftime(d.delivered_date, '%d/%m/%Y'),
       'delivered_date is before the order''s order_date (' || strftime(o.order_date, '%d/%m/%Y') || ')',
       'delivered_before_order'
FROM typed_deliveries d JOIN o ON o.order_id = d.order_id
WHERE d.delivered_date < o.order_date
UNION ALL
SELECT 'warning', t._file, t._row, 'order_date', strftime(t.order_date, '%d/%m/%Y'),
       'order_date is before its contract was signed (' || strftime(c.signed_date, '%d/%m/%Y') || ')',
       'ordered_before_signed'
FROM typed_orders t JOIN c ON c.contract_id = t.contract_id
WHERE t.order_date < c.signed_date
