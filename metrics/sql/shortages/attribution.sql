-- Supplier-attributable shortage: each short item-month's undelivered quantity (ordered,
-- not accepted by as_of) split by the supplier of each line still short.
-- attributable_qty: the supplier's undelivered pieces; share: its part of the item-month's;
-- late_qty: pieces of its lines that did arrive, but after d + grace by its own delay.
WITH {supply_lines}, {cells}, {shortfall},
per_supplier AS (
    SELECT s.*
    FROM shortfall s
    JOIN cells c ON c.item_code = s.item_code AND c.month = s.month AND c.short
)
-- $supplier_id (NULL = all) keeps one supplier's rows after the shares are taken.
SELECT * FROM (
    SELECT p.*,
           p.attributable_qty / sum(p.attributable_qty) OVER (PARTITION BY p.item_code, p.month) AS share,
           c.fill_rate AS item_fill_rate,
           c.qty_ordered AS item_qty_ordered
    FROM per_supplier p
    JOIN cells c ON c.item_code = p.item_code AND c.month = p.month
) p
WHERE p.supplier_id = $supplier_id OR $supplier_id IS NULL
ORDER BY p.month, p.item_code, p.attributable_qty DESC, p.supplier_id
