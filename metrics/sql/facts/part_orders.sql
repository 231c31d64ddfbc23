-- The order lines of parts $first..$last of a full rebuild (metrics/facts.py), with their
-- part and row id (o_rid of line_facts.sql), in part order, for a table in the scratch
-- database: each part then reads its own row groups instead of scanning every order line
-- (at 10 million lines, 20 parts x 10 million rows, the largest cost of a part), and the
-- deliveries are joined to them (facts/part_deliveries.sql). Same columns as orders, so
-- line_facts.sql reads it in its place.
SELECT p.part, o.rowid AS o_rid, o.order_id, o.contract_id, o.item_code, o.unit_id,
       o.order_date, o.due_date, o.qty_ordered, o.cancelled
FROM orders o
JOIN contracts c ON c.contract_id = o.contract_id
JOIN _facts_parts p ON p.supplier_id = c.supplier_id
WHERE p.part BETWEEN $first AND $last
ORDER BY p.part
