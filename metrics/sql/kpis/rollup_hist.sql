    -- The supplier rollup's histogram rows of a window, split like rollup_cells.sql.
    SELECT supplier_id, supplier_key, item_group, due_month, measure, value, n
    FROM rollup_supplier_hist_months f
    WHERE f.due_month BETWEEN $m_lo AND $m_hi AND {fwhere}
    UNION ALL
    SELECT supplier_id, supplier_key, item_group, due_month, measure, value, n
    FROM rollup_supplier_hist_days f
    WHERE f.due_date BETWEEN $d1_lo AND $d1_hi AND {fwhere}
    UNION ALL
    SELECT supplier_id, supplier_key, item_group, due_month, measure, value, n
    FROM rollup_supplier_hist_days f
    WHERE f.due_date BETWEEN $d2_lo AND $d2_hi AND {fwhere}
