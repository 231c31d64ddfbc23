-- Item groups present in the catalogue (codes: medicine, vaccine, ...).
SELECT DISTINCT item_group AS id, item_group AS name
FROM items
WHERE item_group IS NOT NULL AND item_group <> ''
ORDER BY item_group
