-- Suppliers for pickers: id, name and RFC, by name.
SELECT supplier_id AS id, name, rfc
FROM suppliers
ORDER BY name, supplier_id
