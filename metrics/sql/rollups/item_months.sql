-- Rows of rollup_item_months (schema and meaning: migrations/008_rollup_item_months.sql) at
-- one grain, $grain: __SUPPLIER_ID__, __INSTITUTION_ID__ and __STATE__ are that column, or
-- NULL when the grain sums over it (metrics/rollups/item_months.py, from a fixed list), for
-- the items __ITEM_FILTER__ keeps (TRUE, or the items of the temp table touched_keys on an
-- incremental refresh). Only the grains by supplier and institution or state are grouped
-- from the lines; the coarser ones are summed from those (item_months_summed.sql). One
-- statement per grain rather than GROUPING SETS: under the importer's memory cap six hash
-- tables at once spill (10M lines, 1.5 GB: 18 s against 8 s for the six one after the other).
SELECT $grain::UTINYINT AS grain,
       item_code, item_group, due_month,
       __SUPPLIER_ID__ AS supplier_id, __INSTITUTION_ID__ AS institution_id, __STATE__ AS state,
       count(*)::BIGINT AS lines,
       sum(qty_ordered) AS qty_ordered,
       sum(least(qty_accepted, qty_ordered)) AS qty_filled,
       sum(least(qty_accepted_by_due, qty_ordered)) AS qty_filled_by_due,
       sum(qty_accepted) AS qty_accepted,
       count(*) FILTER (WHERE qty_accepted < qty_ordered)::BIGINT AS short_lines,
       coalesce(sum(qty_ordered) FILTER (WHERE qty_accepted < qty_ordered), 0) AS short_qty_ordered,
       coalesce(sum(late_qty) FILTER (WHERE qty_accepted < qty_ordered), 0) AS short_late_qty
FROM line_facts
WHERE NOT cancelled AND __ITEM_FILTER__
GROUP BY ALL
