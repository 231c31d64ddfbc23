-- The government's headline (pieces contracted but not delivered, as of as_of) and the
-- number of items short "now": in the latest month of the scope that has evaluable lines.
-- With no evaluable line the quantities are 0 and the share is NULL (cannot be computed).
WITH {supply_lines}, {cells},
latest AS (SELECT max(month) AS latest_month FROM cells)
SELECT coalesce(sum(lines), 0)::BIGINT AS lines,
       coalesce(sum(qty_ordered), 0) AS qty_ordered,
       coalesce(sum(qty_accepted), 0) AS qty_delivered,
       coalesce(sum(qty_ordered) - sum(qty_accepted), 0) AS qty_undelivered,
       1 - sum(qty_accepted) / sum(qty_ordered) AS undelivered_share,
       count(DISTINCT item_code)::BIGINT AS items,
       count(*) FILTER (WHERE short)::BIGINT AS short_item_months,
       any_value(latest.latest_month) AS latest_month,
       count(*) FILTER (WHERE month = latest.latest_month)::BIGINT AS items_latest_month,
       count(*) FILTER (WHERE month = latest.latest_month AND short)::BIGINT AS short_items_now
FROM cells, latest
