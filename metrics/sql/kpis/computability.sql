-- What data a scope holds, to say which KPIs can be computed and why not (the scorecard
-- gets the same totals from its own aggregation: scorecard.sql).
SELECT count(*)                                             AS lines,
       count(*) FILTER (WHERE qty_delivered > 0)            AS delivered_lines,
       count(days_late)                                     AS completed_lines,
       count(lead_time_days)                                AS lead_time_lines,
       coalesce(sum(qty_delivered), 0)                      AS qty_delivered,
       coalesce(sum(shelf_checked_qty), 0)                  AS shelf_checked_qty,
       count(ref_value)                                     AS priced_lines,
       count(unit_price)                                    AS unit_priced_lines
FROM {facts} f
WHERE {where}
