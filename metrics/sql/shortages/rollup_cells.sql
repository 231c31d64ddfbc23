-- The cells of cells.sql (same columns, same values) read from rollup_item_months where it
-- is exact (metrics/shortages/common.py `plan`): each month wholly inside the window
-- ($whole_from..$whole_to) from the rows of grain $cell_grain that the scope's filters
-- ({rollup_where}, alias r) keep; the window's edge months (cut by --from, --to or as_of)
-- from their evaluable lines (`lines`, which supply_lines.sql restricts to those months).
-- A month comes wholly from one side, so no cell is counted twice. __SUM__ / __REGROUP__:
-- `sum` and GROUP BY ALL when the grain has columns the cells do not (a filter's), else
-- nothing: the rows are the cells. __CELL_KEYS_R__ is __CELL_KEYS__ on alias r.
cells AS (
    SELECT *,
           qty_accepted / qty_ordered AS fill_rate,
           qty_accepted_by_due / qty_ordered AS fill_rate_by_due,
           qty_accepted / qty_ordered < $threshold - 1e-9 AS short
    FROM (
        SELECT r.item_code, r.due_month AS month __CELL_KEYS_R__,
               __SUM__(r.lines)::BIGINT AS lines,
               __SUM__(r.qty_ordered) AS qty_ordered,
               __SUM__(r.qty_filled) AS qty_accepted,
               __SUM__(r.qty_filled_by_due) AS qty_accepted_by_due
        FROM rollup_item_months r
        WHERE r.grain = $cell_grain AND r.due_month BETWEEN $whole_from AND $whole_to
          AND (r.due_month >= $since OR $since IS NULL) AND {rollup_where}
        __REGROUP__
        UNION ALL
        SELECT item_code, due_month AS month __CELL_KEYS__,
               count(*) AS lines, sum(q), sum(acc_as_of), sum(acc_by_due)
        FROM lines
        GROUP BY ALL
    )
)
