-- shares.sql read from rollup_item_months (see rollup_cells.sql): whole months from the
-- rows of grain $supplier_grain, the window's edge months from the evaluable lines.
shares AS (
    SELECT item_code, supplier_id,
           sum(lines)::BIGINT AS lines,
           sum(qty_accepted) AS qty_accepted,
           sum(qty_accepted) / nullif(sum(sum(qty_accepted)) OVER (PARTITION BY item_code), 0) AS share
    FROM (
        SELECT r.item_code, r.supplier_id, r.lines, r.qty_accepted
        FROM rollup_item_months r
        WHERE r.grain = $supplier_grain AND r.due_month BETWEEN $whole_from AND $whole_to
          AND {rollup_where}
        UNION ALL
        SELECT f.item_code, f.supplier_id, 1, f.qty_accepted
        FROM {facts} f
        WHERE {where} AND __EDGE__
    )
    GROUP BY item_code, supplier_id
)
