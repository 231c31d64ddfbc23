-- Deliveries (receptions) for generated lines k in [$lo, $hi), from the supplier's behaviour
-- (d_sup), planted trends and shortage episodes (d_shortage, by due month).
-- A line is never shipped, or shipped in 1–3 split shipments of its initial quantity (all of
-- it when the supplier ships in full, else a part); an on-time line's splits all arrive by
-- the due date, a late line's first one after it. Half of the short lines are completed by a
-- late final shipment. Shipments can be partly rejected, carry an expiry date, and a late one
-- may be excused (buyer / force majeure). Nothing is delivered after $as_of.
INSERT INTO deliveries (delivery_id, order_id, delivered_date, qty_delivered, qty_rejected,
                        rejection_reason, expiry_date, delay_cause, batch_id)
WITH l AS (
    SELECT g.k, g.order_date, g.due_date, g.qty, s.p_on, s.late_mean, s.p_full, s.partial_lo,
           s.p_never, s.p_rej, s.p_short_shelf, s.trend, it.expiry_share, it.shelf_min,
           coalesce(sh.severity, 0.0) AS sev,
           greatest(0, $last_idx - date_diff('month', $first_month, g.due_date)) AS months_ago
    FROM g_lines g
    JOIN d_award a ON a.award_idx = g.award_idx
    JOIN d_sup s ON s.sup_idx = a.sup_idx
    JOIN d_item it ON it.item_idx = g.item_idx
    LEFT JOIN d_shortage sh ON sh.item_idx = g.item_idx
                           AND sh.month_idx = date_diff('month', $first_month, g.due_date)
    WHERE g.k >= $lo AND g.k < $hi AND NOT g.cancelled
),
p AS (   -- effective probabilities: a trend supplier's OTIF target moves in the last 12 months
    SELECT *,
           CASE trend WHEN 'deteriorating' THEN CASE WHEN months_ago >= 12 THEN 0.95
                                                     ELSE 0.50 + 0.45 * months_ago / 11 END
                      WHEN 'improving' THEN CASE WHEN months_ago >= 12 THEN 0.50
                                                 ELSE 0.95 - 0.45 * months_ago / 11 END END AS target
    FROM l
),
s AS (
    SELECT k, order_date, due_date, qty, expiry_share, shelf_min, p_short_shelf, sev,
           demo_u(k, 10) < p_never + 0.7 * sev AS is_never,
           demo_u(k, 11) < coalesce(pow(target, 0.6), p_on) * (1 - 0.6 * sev) AS on_time,
           demo_u(k, 12) < coalesce(pow(target, 0.4), p_full) * (1 - 0.95 * sev) AS in_full,
           p_rej + 0.05 * sev AS p_rej,
           CASE WHEN demo_u(k, 15) < 0.82 THEN 1 WHEN demo_u(k, 15) < 0.96 THEN 2 ELSE 3 END AS n_split,
           CASE WHEN in_full THEN CASE WHEN demo_u(k, 13) < 0.004 THEN 1.02 + 0.13 * demo_u(k, 14) ELSE 1.0 END
                ELSE partial_lo * (1 - 0.6 * sev)
                     + (0.97 - partial_lo * (1 - 0.6 * sev)) * demo_u(k, 14) END AS f0,
           NOT in_full AND demo_u(k, 24) < 0.5 * (1 - sev) AS completed_later,
           CASE WHEN on_time THEN due_date - floor(demo_u(k, 16) * least(10, due_date - order_date))::INTEGER
                ELSE due_date + 1 + least(120, floor(-late_mean * ln(1 - demo_u(k, 16))))::INTEGER
           END AS t0,
           1 + floor(demo_u(k, 21) * 12)::INTEGER AS gap1,
           1 + floor(demo_u(k, 22) * 12)::INTEGER AS gap2,
           0.4 + 0.4 * demo_u(k, 18) AS s2,      -- first split's share when 2 splits
           0.25 + 0.3 * demo_u(k, 18) AS s31,    -- shares when 3 splits
           0.3 + 0.4 * demo_u(k, 19) AS s32,
           CASE WHEN demo_u(k, 50) < 0.06 THEN 'buyer'
                WHEN demo_u(k, 50) < 0.085 THEN 'force_majeure' ELSE 'supplier' END AS late_cause
    FROM p
),
j AS (   -- one row per shipment j (0-based); j = n_split is the late completion, if any
    SELECT s.*, sh.j,
           CASE WHEN sh.j = n_split THEN 1.0
                WHEN n_split = 1 THEN f0
                WHEN n_split = 2 THEN f0 * CASE sh.j WHEN 0 THEN s2 ELSE 1.0 END
                ELSE f0 * CASE sh.j WHEN 0 THEN s31 WHEN 1 THEN s31 + (1 - s31) * s32 ELSE 1.0 END
           END AS cum_to,
           CASE WHEN sh.j = 0 THEN 0.0
                WHEN sh.j = n_split THEN f0
                WHEN n_split = 2 THEN f0 * s2
                WHEN sh.j = 1 THEN f0 * s31 ELSE f0 * (s31 + (1 - s31) * s32) END AS cum_from,
           CASE WHEN sh.j = n_split
                    THEN greatest(t0 + gap1 + gap2, due_date) + 5 + floor(demo_u(k, 23) * 35)::INTEGER
                WHEN on_time THEN least(due_date, t0 + CASE sh.j WHEN 0 THEN 0 WHEN 1 THEN gap1 ELSE gap1 + gap2 END)
                ELSE t0 + CASE sh.j WHEN 0 THEN 0 WHEN 1 THEN gap1 ELSE gap1 + gap2 END
           END AS delivered_date
    FROM s JOIN (SELECT range AS j FROM range(4)) sh
      ON sh.j < s.n_split OR (sh.j = s.n_split AND s.completed_later)
    WHERE NOT s.is_never
),
q AS (
    SELECT *, round(qty * cum_to) - round(qty * cum_from) AS qty_delivered,
           demo_u(k, 30 + j) < p_rej AS rejected
    FROM j
)
SELECT 'REM' || lpad(k::VARCHAR, 10, '0') || '-' || (j + 1) AS delivery_id,
       demo_order_id(k) AS order_id,
       delivered_date::DATE,
       qty_delivered,
       CASE WHEN rejected THEN least(qty_delivered, greatest(1, round(qty_delivered * (0.1 + 0.9 * demo_u(k, 40 + j)))))
            ELSE 0 END AS qty_rejected,
       CASE WHEN rejected THEN ['Caducidad menor a la requerida', 'Empaque dañado',
                                'No cumple con la especificación técnica', 'Lote sin certificado de análisis',
                                'Cantidad distinta a la remisión', 'Registro sanitario vencido'
                               ][1 + floor(demo_u(k, 45 + j) * 6)::INTEGER] END AS rejection_reason,
       CASE WHEN demo_u(k, 60 + j) < expiry_share THEN
           (delivered_date + round(30.44 * CASE WHEN demo_u(k, 70 + j) < p_short_shelf
                                           THEN shelf_min * (0.35 + 0.55 * demo_u(k, 75 + j))
                                           ELSE shelf_min + 2 + 2 * shelf_min * demo_u(k, 75 + j) END
                                 )::INTEGER)::DATE END AS expiry_date,
       CASE WHEN delivered_date > due_date THEN late_cause ELSE 'supplier' END AS delay_cause,
       1
FROM q
WHERE qty_delivered > 0 AND delivered_date <= $as_of
ORDER BY k, j   -- key order: the primary-key index builds twice as fast
