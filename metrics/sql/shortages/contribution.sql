-- Each supplier's part in the scope's supplier-attributable shortage (for the scorecard):
-- shortage_contribution = its attributable undelivered quantity in short item-months /
-- all suppliers' (0..1); short_item_months = short item-months where it had some.
WITH {supply_lines}, {cells},
att AS (
    SELECT l.supplier_id, l.item_code, l.due_month, sum(l.q - l.acc_by_due_sup) AS qty
    FROM lines l
    JOIN cells c ON c.item_code = l.item_code AND c.month = l.due_month AND c.short
    WHERE l.acc_by_due_sup < l.q
    GROUP BY ALL
)
SELECT supplier_id,
       sum(qty) / nullif(sum(sum(qty)) OVER (), 0) AS shortage_contribution,
       count(*)::BIGINT AS short_item_months,
       sum(qty) AS shortage_qty
FROM att
GROUP BY supplier_id
ORDER BY shortage_qty DESC, supplier_id
