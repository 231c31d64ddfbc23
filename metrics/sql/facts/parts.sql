-- A full rebuild's parts (metrics/facts.py): suppliers in supplier_id order, cut every $size
-- order lines. A contract has one supplier, so every window of line_facts.sql (per order, per
-- contract) stays within one part.
CREATE OR REPLACE TEMP TABLE _facts_parts AS
SELECT supplier_id, (sum(n) OVER (ORDER BY supplier_id) - n) // $size AS part
FROM (SELECT c.supplier_id, count(*) AS n FROM orders o JOIN contracts c USING (contract_id)
      GROUP BY c.supplier_id)
