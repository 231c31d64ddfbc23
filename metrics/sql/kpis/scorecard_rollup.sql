-- scorecard.sql read from the supplier rollup (metrics/rollups/supplier_days.py) instead
-- of line_facts: the same columns, in the same order, with the same values (counts and sums
-- summed again). days_late_p90 and lead_time_median are filled from the histograms by
-- scorecard.rollup_quantiles. <keys>: grouping columns on f (scorecard.GROUPINGS only).
SELECT {keys}
       coalesce(sum(lines), 0)::BIGINT                           AS lines,
       sum(on_time_lines)::DOUBLE / nullif(sum(on_time_n), 0)    AS on_time_rate,
       sum(otif_lines)::DOUBLE / nullif(sum(otif_n), 0)          AS otif_rate,
       sum(qty_filled) / nullif(sum(qty_ordered), 0)             AS fill_rate,
       1 - sum(qty_filled) / nullif(sum(qty_ordered), 0)         AS undelivered_share,
       1 - sum(otif_lines)::DOUBLE / nullif(sum(otif_n), 0)      AS non_compliant_rate,
       sum(days_late_sum)::DOUBLE / nullif(sum(completed_lines), 0) AS days_late_mean,
       NULL::DOUBLE                                              AS days_late_p90,
       coalesce(sum(short_lines), 0)::BIGINT                     AS open_overdue_lines,
       coalesce(sum(short_qty), 0)                               AS backlog_qty,
       NULL::DOUBLE                                              AS lead_time_median,
       sum(qty_rejected) / nullif(sum(qty_delivered), 0)         AS rejection_rate,
       sum(short_shelf_qty) / nullif(sum(shelf_checked_qty), 0)  AS short_shelf_life_rate,
       sum(priced_value) / nullif(sum(ref_value), 0)             AS price_index,
       sum(penalties_due)                                        AS penalties_due,
       sum(otif_lines)::HUGEINT                                  AS otif_lines,
       sum(qty_filled)                                           AS qty_filled,
       sum(qty_ordered)                                          AS qty_ordered,
       coalesce(sum(delivered_lines), 0)::BIGINT                 AS delivered_lines,
       coalesce(sum(completed_lines), 0)::BIGINT                 AS completed_lines,
       coalesce(sum(lead_time_lines), 0)::BIGINT                 AS lead_time_lines,
       sum(qty_delivered)                                        AS qty_delivered,
       sum(shelf_checked_qty)                                    AS shelf_checked_qty,
       coalesce(sum(priced_lines), 0)::BIGINT                    AS priced_lines,
       coalesce(sum(unit_priced_lines), 0)::BIGINT               AS unit_priced_lines
FROM ({cells}) f
GROUP BY ALL
