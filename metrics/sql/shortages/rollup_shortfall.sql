-- shortfall.sql read from rollup_item_months (see rollup_cells.sql): whole months from the
-- rows of grain $supplier_grain with short lines, edge months from their lines. A row's
-- missing pieces are qty_ordered − qty_filled: lines with nothing missing add 0.
-- __SSUM__ / __SREGROUP__: `sum` and GROUP BY ALL when the grain has a filter's column.
shortfall AS (
    SELECT r.item_code, r.due_month AS month, r.supplier_id,
           __SSUM__(r.short_lines)::BIGINT AS short_lines,
           __SSUM__(r.short_qty_ordered) AS qty_ordered,
           __SSUM__(r.qty_ordered - r.qty_filled) AS attributable_qty,
           __SSUM__(r.short_late_qty) AS late_qty
    FROM rollup_item_months r
    WHERE r.grain = $supplier_grain AND r.due_month BETWEEN $whole_from AND $whole_to
      AND r.short_lines > 0 AND {rollup_where}
    __SREGROUP__
    UNION ALL
    SELECT item_code, due_month, supplier_id, count(*)::BIGINT, sum(q), sum(q - acc_as_of), sum(late_qty)
    FROM lines
    WHERE acc_as_of < q
    GROUP BY ALL
)
