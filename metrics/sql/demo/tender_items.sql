-- What was put out to tender: each tendered (cycle, item) for every institution that then
-- ordered it (or, for items bought by no one, the three largest institutions), with the
-- tender's outcome (awarded, or why it failed) and the quantity requested.
INSERT INTO tender_items (procedure_id, item_code, institution_id, qty_requested, outcome,
                          published_date, batch_id)
WITH ordered AS (
    SELECT a.cycle_idx, g.item_idx, g.inst_idx, sum(g.qty) AS qty
    FROM g_lines g JOIN d_award a ON a.award_idx = g.award_idx
    GROUP BY ALL
),
asked AS (
    SELECT t.procedure_id, t.item_idx, o.inst_idx, o.qty, t.outcome, t.published_date
    FROM d_tender t JOIN ordered o ON o.cycle_idx = t.cycle_idx AND o.item_idx = t.item_idx
    WHERE t.kind <> 'direct_award'
    UNION ALL
    SELECT t.procedure_id, t.item_idx, i.inst_idx, 200 + 2000 * demo_u(hash(t.procedure_id, t.item_idx, i.inst_idx), 90),
           t.outcome, t.published_date
    FROM d_tender t CROSS JOIN (SELECT inst_idx FROM d_inst WHERE inst_idx < 3) i
    WHERE t.kind = 'failed' AND NOT t.emergency
)
SELECT a.procedure_id, it.item_code, i.institution_id,
       ceil(a.qty * (1.0 + 0.3 * demo_u(hash(a.procedure_id, a.item_idx, a.inst_idx), 91))),
       a.outcome, a.published_date::DATE, 1
FROM asked a JOIN d_item it ON it.item_idx = a.item_idx JOIN d_inst i ON i.inst_idx = a.inst_idx
