-- Contract items of the exported contracts with the catalogue description, by contract_id.
SELECT ci.contract_id, ci.item_code, it.description, ci.unit_price, ci.min_qty, ci.max_qty
FROM contract_items ci
LEFT JOIN items it ON it.item_code = ci.item_code
WHERE ci.contract_id IN ({contract_ids})
ORDER BY ci.contract_id, ci.item_code
