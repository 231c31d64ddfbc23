    -- days_late_p90 (quantile_cont 0.9) and lead_time_median (median = quantile_cont 0.5)
    -- from the histogram rows `hist`, exactly as DuckDB computes them over the lines: over
    -- the n values sorted, position p = (n − 1)·q, lo / hi = the values at ranks floor(p) /
    -- ceil(p) (0-based), result lo + (hi − lo)·(p − floor(p)). A value's rows cover ranks
    -- [cum − n, cum), so the value at rank r is the smallest with cum > r.
    WITH hq AS (
        SELECT {keys} f.measure, f.value, sum(f.n) AS n
        FROM hist f
        GROUP BY ALL
    ),
    hc AS (
        SELECT *,
               sum(n) OVER (PARTITION BY {part} measure ORDER BY value ROWS UNBOUNDED PRECEDING) AS cum,
               (sum(n) OVER (PARTITION BY {part} measure) - 1)::DOUBLE
                   * CASE measure WHEN 1 THEN 0.9 ELSE 0.5 END AS pos
        FROM hq
    ),
    qv AS (
        SELECT {part} measure,
               min(value) FILTER (WHERE cum > floor(pos))::DOUBLE AS lo,
               min(value) FILTER (WHERE cum > ceil(pos))::DOUBLE AS hi,
               any_value(pos) AS pos
        FROM hc
        GROUP BY ALL
    )
    SELECT {part}
           max(lo + (hi - lo) * (pos - floor(pos))) FILTER (WHERE measure = 1) AS days_late_p90,
           max(lo + (hi - lo) * (pos - floor(pos))) FILTER (WHERE measure = 2) AS lead_time_median
    FROM qv
    GROUP BY ALL
