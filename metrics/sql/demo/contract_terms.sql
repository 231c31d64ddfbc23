-- After line facts exist: plant contracts near the guarantee cap and rescinded ones.
-- due = Σ penalty_due_line over the contract's evaluable lines (METRICS.md "Compliance"),
-- cap = guarantee_pct · amount. Six contracts of the late supplier and the short shipper
-- get an amount (an open contract's maximum) that puts them at 82–97 % of the cap; other
-- contracts whose penalties reach the cap are rescinded with probability 0.10.
CREATE OR REPLACE TEMP TABLE g_contract_due AS
SELECT c.contract_id, c.supplier_id, c.guarantee_pct, c.amount,
       coalesce(sum(f.penalty_due_line), 0) AS due
FROM contracts c
LEFT JOIN line_facts f ON f.contract_id = c.contract_id AND NOT f.cancelled AND f.due_date <= $as_of
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE g_near_cap AS
SELECT contract_id, new_amount
FROM (SELECT contract_id, due, amount,
             due / (guarantee_pct * (0.82 + 0.15 * demo_u(hash(contract_id), 95))) AS new_amount
      FROM g_contract_due
      WHERE supplier_id IN (SELECT supplier_id FROM d_sup WHERE planted IN ('late_supplier', 'short_shipper'))
        AND due > 0)
WHERE new_amount >= amount
ORDER BY due DESC, contract_id
LIMIT 6;

UPDATE contracts SET amount = round(n.new_amount, 2)
FROM g_near_cap n WHERE contracts.contract_id = n.contract_id;

CREATE OR REPLACE TEMP TABLE g_rescinded AS
SELECT d.contract_id
FROM g_contract_due d
WHERE d.due >= d.guarantee_pct * d.amount
  AND d.contract_id NOT IN (SELECT contract_id FROM g_near_cap)
  AND demo_u(hash(d.contract_id), 96) < 0.10;

UPDATE contracts SET status = 'rescinded'
WHERE contract_id IN (SELECT contract_id FROM g_rescinded);
