-- Catalogue items for pickers: clave and description.
SELECT item_code AS id, coalesce(nullif(description, ''), item_code) AS name, item_group
FROM items
ORDER BY item_code
