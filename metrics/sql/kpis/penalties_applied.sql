-- penalties_applied: Σ penalties.amount with applied_date in the window, per grouping, and
-- on or before as_of (a penalty applied later does not exist yet as of that date, like a
-- later delivery).
SELECT {keys} sum(f.amount) AS penalties_applied, count(*) AS penalties_n
FROM ({penalties}) f
WHERE {pwhere}
  AND (f.applied_date >= $date_from OR $date_from IS NULL)
  AND (f.applied_date <= $date_to OR $date_to IS NULL)
  AND f.applied_date <= $as_of
GROUP BY ALL
