    -- The supplier rollup's histogram rows of a window, split like rollup_cells.sql
    -- (__HIST_MONTHS__ / __HIST_DAYS__: rollup_supplier_hist_* or their institution versions).
    SELECT * FROM __HIST_MONTHS__ f
    WHERE f.due_month BETWEEN $m_lo AND $m_hi AND {fwhere}
    UNION ALL BY NAME
    SELECT * EXCLUDE (due_date) FROM __HIST_DAYS__ f
    WHERE f.due_date BETWEEN $d1_lo AND $d1_hi AND {fwhere}
    UNION ALL BY NAME
    SELECT * EXCLUDE (due_date) FROM __HIST_DAYS__ f
    WHERE f.due_date BETWEEN $d2_lo AND $d2_hi AND {fwhere}
