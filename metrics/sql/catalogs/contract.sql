-- Contracts for pickers: number, supplier and institution.
SELECT c.contract_id AS id, c.contract_id || ' · ' || coalesce(s.name, c.supplier_id) AS name,
       c.supplier_id, c.institution_id
FROM contracts c LEFT JOIN suppliers s ON s.supplier_id = c.supplier_id
ORDER BY c.contract_id
