-- Each item's monthly fill rate (accepted by as_of / ordered) over the last
-- $months months of the scope that have evaluable lines: the series the trend test reads.
WITH {supply_lines}, {cells},
latest AS (SELECT max(month) AS latest_month FROM cells)
SELECT c.item_code, c.month, c.fill_rate, c.qty_ordered, c.short
FROM cells c, latest
WHERE c.month > latest.latest_month - to_months($months)
ORDER BY c.item_code, c.month
