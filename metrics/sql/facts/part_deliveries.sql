-- The deliveries of parts $first..$last of a full rebuild (metrics/facts.py), read and joined
-- to their orders once for all those parts: with their part and their order's row id (o_rid
-- of line_facts.sql), in part order, for a table in a scratch database file. Each part then
-- reads its own row groups and joins them by an integer, instead of every part scanning all
-- deliveries and probing their order_id strings (at 10 million lines: 20 parts x 12 million
-- deliveries). On disk the columns are compressed (about 15 bytes a delivery) and the buffer
-- pool may drop them. facts.py runs it over a few parts at a time (facts.JOIN_LINES order
-- lines), so that the join's hash table and the sort stay small.
SELECT k.part, k.o_rid, d.delivery_id, d.delivered_date, d.qty_delivered, d.qty_rejected,
       d.expiry_date, d.delay_cause
FROM deliveries d
JOIN (SELECT o.rowid AS o_rid, o.order_id, p.part
      FROM orders o
      JOIN contracts c ON c.contract_id = o.contract_id
      JOIN _facts_parts p ON p.supplier_id = c.supplier_id
      WHERE p.part BETWEEN $first AND $last) k ON k.order_id = d.order_id
ORDER BY k.part
