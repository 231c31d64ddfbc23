-- Each supplier's part in the scope's shortage (for the supplier scorecard):
-- shortage_contribution = its undelivered quantity (by as_of) in short item-months / all
-- suppliers' (0..1); short_item_months = short item-months where it left pieces undelivered.
WITH {supply_lines}, {cells},
att AS (
    SELECT l.supplier_id, l.item_code, l.due_month, sum(l.q - l.acc_as_of) AS qty
    FROM lines l
    JOIN cells c ON c.item_code = l.item_code AND c.month = l.due_month AND c.short
    WHERE l.acc_as_of < l.q
    GROUP BY ALL
)
SELECT supplier_id,
       sum(qty) / sum(sum(qty)) OVER () AS shortage_contribution,
       count(*)::BIGINT AS short_item_months,
       sum(qty) AS shortage_qty
FROM att
GROUP BY supplier_id
ORDER BY shortage_qty DESC, supplier_id
