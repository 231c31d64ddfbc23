-- Per item, due month and supplier: the lines still short (accepted by as_of < q), the
-- pieces ordered on them, the pieces missing, and the pieces of them that arrived late by
-- the supplier's delay (line_facts.late_qty). Attribution joins it to the short cells.
shortfall AS (
    SELECT item_code, due_month AS month, supplier_id,
           count(*)::BIGINT AS short_lines,
           sum(q) AS qty_ordered,
           sum(q - acc_as_of) AS attributable_qty,
           sum(late_qty) AS late_qty
    FROM lines
    WHERE acc_as_of < q
    GROUP BY ALL
)
