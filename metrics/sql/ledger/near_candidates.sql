-- The contracts that can be near rescission (ledger/by_contract.sql's <wanted> for
-- metrics.ledger.near_rescission): penalties due / penalty cap >= $threshold, summing only
-- the lines with a penalty due (the threshold is > 0, so a contract without one is never
-- near; no other line adds to the sum) and one column, instead of every column of every
-- line. The 1e-9 slack keeps a contract at the threshold whatever order the sum runs in;
-- by_contract.sql then keeps exactly the rows whose ledger near_rescission is true.
SELECT u.contract_id
FROM (SELECT contract_id, sum(penalty_due_capped) AS penalties_due
      FROM {facts} f
      WHERE {where} AND f.penalty_due_capped > 0
      GROUP BY contract_id) u
JOIN contracts c ON c.contract_id = u.contract_id
WHERE u.penalties_due / nullif(c.guarantee_pct * c.amount, 0) >= $threshold * (1 - 1e-9)
