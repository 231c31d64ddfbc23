-- Item-month supply, one row per cell (item × due month × the other dimensions asked for).
WITH {supply_lines}, {cells}
SELECT item_code, month __CELL_KEYS__,
       lines::BIGINT AS lines, qty_ordered, qty_accepted, qty_accepted_by_due,
       fill_rate, fill_rate_by_due, qty_ordered - qty_accepted AS undelivered_qty, short
FROM cells
ORDER BY item_code, month __CELL_KEYS__
