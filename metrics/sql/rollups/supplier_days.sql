-- rollup_supplier_days: per supplier, item group and due date, the additive sums behind the
-- scorecard's line-level KPIs (metrics/sql/kpis/scorecard.sql) over non-cancelled lines.
-- Every KPI's filter is by due date, so a day row is in or out of a window as a whole; the
-- open-overdue condition (due_date < as_of) is applied when reading. __SUPPLIERS__ is TRUE
-- or the semi-join on touched_keys, __KEYS__ the other row keys (due date, or institution
-- and due month...) and __LINES__ TRUE or a due-month bound: fixed texts of
-- metrics/rollups/supplier_days.py, never user text. The same sums make the institution
-- tables (migrations/009_rollup_supplier_institution.sql).
SELECT supplier_id, item_group, __KEYS__,
       count(*)                                                  AS lines,
       count(is_on_time)                                         AS on_time_n,
       count(*) FILTER (WHERE is_on_time)                        AS on_time_lines,
       count(is_otif)                                            AS otif_n,
       count(*) FILTER (WHERE is_otif)                           AS otif_lines,
       sum(qty_filled)                                           AS qty_filled,
       sum(qty_ordered)                                          AS qty_ordered,
       count(days_late)                                          AS completed_lines,
       sum(days_late)                                            AS days_late_sum,
       count(*) FILTER (WHERE short_qty > 0)                     AS short_lines,
       sum(short_qty) FILTER (WHERE short_qty > 0)               AS short_qty,
       count(lead_time_days)                                     AS lead_time_lines,
       sum(qty_rejected)                                         AS qty_rejected,
       sum(qty_delivered)                                        AS qty_delivered,
       count(*) FILTER (WHERE qty_delivered > 0)                 AS delivered_lines,
       sum(short_shelf_qty)                                      AS short_shelf_qty,
       sum(shelf_checked_qty)                                    AS shelf_checked_qty,
       sum(ordered_value) FILTER (WHERE ref_value IS NOT NULL)   AS priced_value,
       sum(ref_value)                                            AS ref_value,
       sum(ordered_value)                                        AS ordered_value,
       sum(penalty_due_capped)                                   AS penalties_due,
       count(ref_value)                                          AS priced_lines,
       count(unit_price)                                         AS unit_priced_lines
FROM line_facts
WHERE NOT cancelled AND __SUPPLIERS__ AND __LINES__
GROUP BY ALL
