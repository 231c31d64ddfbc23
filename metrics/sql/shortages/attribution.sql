-- Supplier-attributable shortage: each short item-month's undelivered quantity (not
-- accepted by d + grace) split by the supplier of each line that was late or short.
-- undelivered_qty = excused_qty (buyer / force-majeure delays) + attributable_qty; share is
-- the supplier's part of the item-month's attributable quantity.
WITH {supply_lines}, {cells},
per_supplier AS (
    SELECT l.item_code, l.due_month AS month, l.supplier_id,
           count(*)::BIGINT AS late_lines,
           sum(l.q - l.acc_by_due) AS undelivered_qty,
           sum(l.acc_by_due_sup - l.acc_by_due) AS excused_qty,
           sum(l.q - l.acc_by_due_sup) AS attributable_qty,
           sum(l.q - l.acc_as_of) AS still_undelivered_qty
    FROM lines l
    JOIN cells c ON c.item_code = l.item_code AND c.month = l.due_month AND c.short
    WHERE l.acc_by_due < l.q
    GROUP BY ALL
)
SELECT p.*,
       p.attributable_qty / nullif(sum(p.attributable_qty) OVER (PARTITION BY p.item_code, p.month), 0)
           AS share,
       c.fill_rate AS item_fill_rate,
       c.qty_ordered AS item_qty_ordered
FROM per_supplier p
JOIN cells c ON c.item_code = p.item_code AND c.month = p.month
ORDER BY p.month, p.item_code, p.attributable_qty DESC, p.supplier_id
