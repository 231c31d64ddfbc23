-- Orders for generated lines k in [$lo, $hi), inserted in key order (see demo_order_id).
INSERT INTO orders (order_id, contract_id, item_code, unit_id, order_date, due_date, qty_ordered,
                    cancelled, batch_id)
SELECT demo_order_id(g.k), c.contract_id, it.item_code, un.unit_id, g.order_date,
       g.due_date, g.qty, g.cancelled, 1
FROM g_lines g
JOIN d_award a ON a.award_idx = g.award_idx
JOIN g_contract c ON c.cycle_idx = a.cycle_idx AND c.sup_idx = a.sup_idx AND c.inst_idx = g.inst_idx
                 AND c.procedure_type = a.procedure_type AND c.emergency = a.emergency
JOIN d_item it ON it.item_idx = g.item_idx
JOIN d_unit un ON un.unit_idx = g.unit_idx
WHERE g.k >= $lo AND g.k < $hi
ORDER BY g.k
