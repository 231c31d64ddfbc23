-- penalties_applied: Σ penalties.amount with applied_date in the window, per grouping, and
-- on or before $applied_to when the scope looks back (as_of before the latest delivery: a
-- penalty applied later did not exist yet then; metrics/scope.py Resolved.applied_to).
SELECT {keys} sum(f.amount) AS penalties_applied, count(*) AS penalties_n
FROM ({penalties}) f
WHERE {pwhere}
  AND (f.applied_date >= $date_from OR $date_from IS NULL)
  AND (f.applied_date <= $date_to OR $date_to IS NULL)
  AND (f.applied_date <= $applied_to OR $applied_to IS NULL)
GROUP BY ALL
