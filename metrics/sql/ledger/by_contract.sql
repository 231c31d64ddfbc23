-- Compliance ledger by contract (METRICS.md "Compliance"). Penalties due come from the
-- evaluable lines in scope: each line's late penalties + deduction, and its share after the
-- contract's running total is capped at guarantee_pct·amount (line_facts.sql). Penalties
-- applied: penalties.amount with applied_date in the window (<penalties>/<pwhere> as in
-- kpis/penalties_applied.sql). A contract appears when it has evaluable lines or applied
-- penalties in scope.
-- metrics.ledger fills the rest: for the whole ledger <wanted> is empty and <in_wanted>,
-- <keep> are TRUE; for the contracts near rescission only, <wanted> is
-- ledger/near_candidates.sql, <in_wanted> keeps only their lines and penalties (so the
-- per-contract sums, joins and rows are built for those contracts alone) and <keep> is
-- near_rescission: the rows are the whole ledger's, filtered.
WITH wanted AS (
    {wanted}
),
due AS (
    SELECT contract_id,
           count(*)                       AS lines,
           sum(late_qty)                  AS late_qty,
           sum(late_penalty)              AS late_penalty_due,
           sum(deduction)                 AS deduction_due,
           sum(penalty_due_line)          AS penalties_due_uncapped,
           sum(penalty_due_capped)        AS penalties_due,
           count(*) FILTER (WHERE short_qty > 0 AND due_date < $as_of) AS open_overdue_lines
    FROM {facts} f
    WHERE {where} AND {in_wanted}
    GROUP BY contract_id
),
applied AS (
    SELECT contract_id, sum(amount) AS penalties_applied, count(*) AS penalties_n
    FROM ({penalties}) f
    WHERE {pwhere} AND {in_wanted}
      AND (f.applied_date >= $date_from OR $date_from IS NULL)
      AND (f.applied_date <= $date_to OR $date_to IS NULL)
      AND (f.applied_date <= $applied_to OR $applied_to IS NULL)
    GROUP BY contract_id
)
SELECT c.contract_id, c.supplier_id, s.name AS supplier_name, c.institution_id,
       c.procedure_type, c.is_emergency, c.status, c.amount, c.guarantee_pct,
       c.guarantee_pct * c.amount                           AS penalty_cap,
       coalesce(d.lines, 0)                                 AS lines,
       coalesce(d.open_overdue_lines, 0)                    AS open_overdue_lines,
       coalesce(d.late_qty, 0)                              AS late_qty,
       coalesce(d.late_penalty_due, 0)                      AS late_penalty_due,
       coalesce(d.deduction_due, 0)                         AS deduction_due,
       coalesce(d.penalties_due_uncapped, 0)                AS penalties_due_uncapped,
       coalesce(d.penalties_due, 0)                         AS penalties_due,
       coalesce(a.penalties_applied, 0)                     AS penalties_applied,
       coalesce(a.penalties_n, 0)                           AS penalties_n,
       coalesce(d.penalties_due, 0) - coalesce(a.penalties_applied, 0) AS penalty_gap,
       coalesce(d.penalties_due, 0) / nullif(c.guarantee_pct * c.amount, 0) AS cap_used,
       coalesce(d.penalties_due_uncapped, 0) > c.guarantee_pct * c.amount  AS cap_reached,
       coalesce(coalesce(d.penalties_due, 0) / nullif(c.guarantee_pct * c.amount, 0)
                >= $threshold, false)                       AS near_rescission,
       c.status = 'rescinded'                               AS rescinded
FROM (SELECT contract_id FROM due UNION SELECT contract_id FROM applied) k
JOIN contracts c ON c.contract_id = k.contract_id
LEFT JOIN suppliers s ON s.supplier_id = c.supplier_id
LEFT JOIN due d ON d.contract_id = k.contract_id
LEFT JOIN applied a ON a.contract_id = k.contract_id
WHERE {keep}
-- rounded: a contract at its cap sums to 1 ± a few ulps depending on the order the parallel
-- sum ran in; ties go by contract id, so the order is the same on every run
ORDER BY round(cap_used, 9) DESC NULLS LAST, c.contract_id
LIMIT $limit
