-- Shortage episodes: runs of consecutive short months of one item (gaps and islands).
-- A month that is not short, or in which the item had no evaluable line, ends a run: the
-- month index minus the row number within the item's short months is constant along a run.
-- ongoing: the run reaches the latest month of the scope that has evaluable lines.
WITH {supply_lines}, {cells},
latest AS (SELECT max(month) AS latest_month FROM cells),
runs AS (
    SELECT *,
           date_diff('month', DATE '2000-01-01', month)
             - row_number() OVER (PARTITION BY item_code __CELL_KEYS__ ORDER BY month) AS run
    FROM cells
    WHERE short
)
SELECT item_code __CELL_KEYS__,
       min(month) AS start_month,
       max(month) AS end_month,
       max(month) = any_value(latest.latest_month) AS ongoing,
       count(*)::BIGINT AS months,
       sum(lines)::BIGINT AS lines,
       sum(qty_ordered) AS qty_ordered,
       sum(qty_ordered) - sum(qty_accepted) AS undelivered_qty,
       sum(qty_accepted) / sum(qty_ordered) AS fill_rate,
       min(fill_rate) AS worst_fill_rate
FROM runs, latest
GROUP BY item_code __CELL_KEYS__, run
ORDER BY ongoing DESC, months DESC, start_month, item_code __CELL_KEYS__
