-- One supplier's identity for a report header ($supplier_id); no row when it is unknown.
SELECT supplier_id, name, rfc, company_size, state
FROM suppliers
WHERE supplier_id = $supplier_id
