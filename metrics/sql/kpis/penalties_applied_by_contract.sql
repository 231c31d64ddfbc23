-- penalties_applied.sql over penalties_by_contract.sql (the window is applied inside it).
SELECT {keys} sum(f.amount) AS penalties_applied, sum(f.n)::BIGINT AS penalties_n
FROM ({penalties}) f
WHERE {pwhere}
GROUP BY ALL
