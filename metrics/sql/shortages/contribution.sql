-- Each supplier's part in the scope's shortage (for the supplier scorecard):
-- shortage_contribution = its undelivered quantity (by as_of) in short item-months / all
-- suppliers' (0..1); short_item_months = short item-months where it left pieces undelivered.
WITH {supply_lines}, {cells}, {shortfall},
att AS (
    SELECT s.supplier_id, s.item_code, s.month, s.attributable_qty AS qty
    FROM shortfall s
    JOIN cells c ON c.item_code = s.item_code AND c.month = s.month AND c.short
)
SELECT supplier_id,
       sum(qty) / sum(sum(qty)) OVER () AS shortage_contribution,
       count(*)::BIGINT AS short_item_months,
       sum(qty) AS shortage_qty
FROM att
GROUP BY supplier_id
ORDER BY shortage_qty DESC, supplier_id
