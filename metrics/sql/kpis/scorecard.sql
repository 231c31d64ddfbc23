-- Every line-level KPI of METRICS.md in one aggregation over one row per evaluable line.
-- <keys>: the grouping columns, from scorecard.GROUPINGS only (never user text);
-- <facts>/<where>: scope.run (stored line_facts or the on-the-fly subquery; evaluable
-- lines in scope). The *_n / *_x columns feed the performance score's shrinkage.
SELECT {keys}
       count(*)                                                   AS lines,
       avg(is_on_time::INTEGER)                                   AS on_time_rate,
       avg(is_otif::INTEGER)                                      AS otif_rate,
       sum(qty_filled) / nullif(sum(qty_ordered), 0)              AS fill_rate,
       1 - sum(qty_filled) / nullif(sum(qty_ordered), 0)          AS undelivered_share,
       1 - avg(is_otif::INTEGER)                                  AS non_compliant_rate,
       avg(days_late)                                             AS days_late_mean,
       quantile_cont(days_late, 0.9)                              AS days_late_p90,
       count(*) FILTER (WHERE short_qty > 0 AND due_date < $as_of) AS open_overdue_lines,
       coalesce(sum(short_qty) FILTER (WHERE short_qty > 0 AND due_date < $as_of), 0) AS backlog_qty,
       median(lead_time_days)                                     AS lead_time_median,
       sum(qty_rejected) / nullif(sum(qty_delivered), 0)          AS rejection_rate,
       sum(short_shelf_qty) / nullif(sum(shelf_checked_qty), 0)   AS short_shelf_life_rate,
       sum(ordered_value) FILTER (WHERE ref_value IS NOT NULL)
           / nullif(sum(ref_value), 0)                            AS price_index,
       sum(penalty_due_capped)                                    AS penalties_due,
       sum(is_otif::INTEGER)                                      AS otif_lines,
       sum(qty_filled)                                            AS qty_filled,
       sum(qty_ordered)                                           AS qty_ordered,
       count(*) FILTER (WHERE qty_delivered > 0)                  AS delivered_lines,
       count(days_late)                                           AS completed_lines,
       count(lead_time_days)                                      AS lead_time_lines,
       sum(qty_delivered)                                         AS qty_delivered,
       sum(shelf_checked_qty)                                     AS shelf_checked_qty,
       count(ref_value)                                           AS priced_lines,
       count(unit_price)                                          AS unit_priced_lines
FROM {facts} f
WHERE {where}
GROUP BY ALL
