-- Order lines k in [$lo, $hi) as numbers (which item, month, unit, award; dates, quantity).
-- Sampling by inverse CDF with ASOF joins on cumulative weights:
--   (item, month) ~ d_im (demand × season × growth, only item-cycles that were bought),
--   unit ~ d_unit (warehouses and hospitals order more), award ~ d_award within the item's
--   cycle (the winners' shares).
INSERT INTO g_lines
WITH r AS (
    SELECT range AS k, demo_u(range, 1) AS u_im, demo_u(range, 2) AS u_unit, demo_u(range, 3) AS u_aw
    FROM range($lo, $hi)
),
a AS (SELECT r.*, im.item_idx, im.month_idx FROM r ASOF JOIN d_im im ON r.u_im >= im.cum_lo),
b AS (SELECT a.*, un.unit_idx, un.inst_idx, un.qty_factor
      FROM a ASOF JOIN d_unit un ON a.u_unit >= un.cum_lo),
c AS (SELECT b.*, m.month_start, m.cycle_idx FROM b JOIN d_month m ON m.month_idx = b.month_idx),
d AS (SELECT c.*, aw.award_idx, aw.emergency
      FROM c ASOF JOIN d_award aw
        ON c.item_idx = aw.item_idx AND c.cycle_idx = aw.cycle_idx AND c.u_aw >= aw.cum_lo),
e AS (SELECT d.*, exp(it.qty_mu + 0.8 * demo_z(d.k, 6)) * d.qty_factor AS raw_qty
      FROM d JOIN d_item it ON it.item_idx = d.item_idx)
SELECT e.k, e.item_idx, e.unit_idx, e.inst_idx, e.award_idx,
       (e.month_start + floor(demo_u(e.k, 4) * 28)::INTEGER)::DATE AS order_date,
       (order_date + CASE WHEN e.emergency THEN 3 + floor(demo_u(e.k, 5) * 8)
                          ELSE 10 + floor(demo_u(e.k, 5) * 21) END::INTEGER)::DATE AS due_date,
       CASE WHEN e.raw_qty >= 100 THEN round(e.raw_qty / 10) * 10
            ELSE greatest(1, round(e.raw_qty)) END AS qty,
       demo_u(e.k, 7) < 0.015 AS cancelled
FROM e
