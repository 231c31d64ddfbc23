-- A penalty that names an order must name that order's contract: else it is charged to
-- another supplier's contract. The order as in the batch, else as stored (only the stored
-- orders the batch's penalties name are read). Columns as rules.sql.
WITH o AS (
    SELECT order_id, contract_id FROM typed_orders
    UNION ALL
    SELECT s.order_id, s.contract_id FROM orders s
    WHERE s.order_id IN (SELECT order_id FROM typed_penalties)
      AND NOT EXISTS (SELECT 1 FROM typed_orders t WHERE t.order_id = s.order_id)
)
SELECT 'error' AS severity, p._file AS file, p._row AS "row", 'order_id' AS "column",
       p.order_id AS value,
       'the order is on contract ' || o.contract_id || ', not on ' || p.contract_id AS problem,
       'penalty_order_other_contract' AS code
FROM typed_penalties p JOIN o ON o.order_id = p.order_id
WHERE o.contract_id <> p.contract_id
