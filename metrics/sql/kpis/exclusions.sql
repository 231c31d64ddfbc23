-- Why records are left out of the KPIs: counts over the lines matching the dimension filters
-- (<fwhere>: filters only, no window or as_of) plus, among evaluable lines, those that lack
-- what a particular KPI needs.
SELECT
    count(*) FILTER (WHERE cancelled AND in_window)                                AS cancelled,
    count(*) FILTER (WHERE NOT cancelled AND in_window AND due_date > $as_of)      AS not_yet_due,
    count(*) FILTER (WHERE NOT cancelled AND NOT in_window)                         AS outside_window,
    count(*) FILTER (WHERE ev)                                                      AS evaluable,
    count(*) FILTER (WHERE ev AND days_late IS NULL)                                AS not_completed,
    count(*) FILTER (WHERE ev AND qty_delivered = 0)                                AS no_delivery,
    count(*) FILTER (WHERE ev AND qty_delivered > 0 AND shelf_checked_qty < qty_delivered) AS missing_expiry,
    count(*) FILTER (WHERE ev AND ref_value IS NULL)                                AS missing_price,
    count(*) FILTER (WHERE ev AND NOT (short_qty > 0 AND due_date < $as_of))        AS not_open_overdue
FROM (
    SELECT f.*,
           (f.due_date >= $date_from OR $date_from IS NULL)
               AND (f.due_date <= $date_to OR $date_to IS NULL) AS in_window,
           NOT f.cancelled AND f.due_date <= $as_of
               AND (f.due_date >= $date_from OR $date_from IS NULL)
               AND (f.due_date <= $date_to OR $date_to IS NULL) AS ev
    FROM {facts} f
    WHERE {fwhere}
) x
