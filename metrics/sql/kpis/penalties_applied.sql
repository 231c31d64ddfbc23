-- penalties_applied: Σ penalties.amount with applied_date in the window, per grouping.
SELECT {keys} sum(f.amount) AS penalties_applied, count(*) AS penalties_n
FROM ({penalties}) f
WHERE {pwhere}
  AND (f.applied_date >= $date_from OR $date_from IS NULL)
  AND (f.applied_date <= $date_to OR $date_to IS NULL)
GROUP BY ALL
