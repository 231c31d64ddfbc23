    -- The supplier rollup's sum rows of a window (metrics/rollups/supplier_days.py): whole
    -- months from __MONTHS__, the partial edge months' days from __DAYS__ (open overdue
    -- only for days before as_of); the tables are rollup_supplier_months / _days, or their
    -- institution versions (supplier_days.tables). <fwhere>: the scope's filters on f.
    SELECT * FROM __MONTHS__ f
    WHERE f.due_month BETWEEN $m_lo AND $m_hi AND {fwhere}
    UNION ALL BY NAME
    SELECT * EXCLUDE (due_date) REPLACE (
               CASE WHEN due_date < $as_of THEN short_lines ELSE 0 END AS short_lines,
               CASE WHEN due_date < $as_of THEN short_qty END AS short_qty)
    FROM (SELECT * FROM __DAYS__ WHERE due_date BETWEEN $d1_lo AND $d1_hi
          UNION ALL
          SELECT * FROM __DAYS__ WHERE due_date BETWEEN $d2_lo AND $d2_hi) f
    WHERE {fwhere}
