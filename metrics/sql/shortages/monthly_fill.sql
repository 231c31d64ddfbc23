-- Each item's monthly fill rate (accepted by as_of / ordered) in the months from $since
-- (worsening.py sets it to trend_months before the scope's latest month with lines).
WITH {supply_lines}, {cells}
SELECT item_code, month, fill_rate, qty_ordered, short
FROM cells
ORDER BY item_code, month
