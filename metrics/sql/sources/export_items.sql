-- Contract items of one page of exported contracts ($page: their ids), by contract_id.
SELECT ci.contract_id, ci.item_code, it.description, ci.unit_price, ci.min_qty, ci.max_qty
FROM contract_items ci
LEFT JOIN items it ON it.item_code = ci.item_code
WHERE list_contains($page, ci.contract_id)
ORDER BY ci.contract_id, ci.item_code
