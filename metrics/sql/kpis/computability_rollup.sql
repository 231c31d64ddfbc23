-- computability.sql read from the supplier rollup (<cells>: kpis/rollup_cells.sql).
SELECT coalesce(sum(lines), 0)::BIGINT             AS lines,
       coalesce(sum(delivered_lines), 0)::BIGINT   AS delivered_lines,
       coalesce(sum(completed_lines), 0)::BIGINT   AS completed_lines,
       coalesce(sum(lead_time_lines), 0)::BIGINT   AS lead_time_lines,
       coalesce(sum(qty_delivered), 0)             AS qty_delivered,
       coalesce(sum(shelf_checked_qty), 0)         AS shelf_checked_qty,
       coalesce(sum(priced_lines), 0)::BIGINT      AS priced_lines,
       coalesce(sum(unit_priced_lines), 0)::BIGINT AS unit_priced_lines
FROM ({cells}) f
