-- Item-month supply rolled up to any grouping (__ROW_KEYS__ from a fixed allow-list).
-- The short flag is always decided per cell (an item in a month, within the row's other
-- dimensions) and counted: short_cells = short item-months inside the row. __ITEMS__ is
-- count(*) when the row has the month (an item is then one cell of the row), else
-- count(DISTINCT item_code) (fixed text chosen by supply.py).
WITH {supply_lines}, {cells}
SELECT __ROW_SELECT__
       sum(lines)::BIGINT AS lines,
       sum(qty_ordered) AS qty_ordered,
       sum(qty_accepted) AS qty_accepted,
       sum(qty_accepted_by_due) AS qty_accepted_by_due,
       sum(qty_accepted) / sum(qty_ordered) AS fill_rate,
       sum(qty_accepted_by_due) / sum(qty_ordered) AS fill_rate_by_due,
       sum(qty_ordered) - sum(qty_accepted) AS undelivered_qty,
       sum(qty_accepted) / sum(qty_ordered) < $threshold - 1e-9 AS short,
       count(*)::BIGINT AS cells,
       count(*) FILTER (WHERE short)::BIGINT AS short_cells,
       __ITEMS__::BIGINT AS items,
       __ITEMS__ FILTER (WHERE short)::BIGINT AS short_items
FROM cells
__ROW_GROUP__
ORDER BY __ROW_ORDER__
