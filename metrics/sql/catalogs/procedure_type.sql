-- Procedure types present in the contracts (open_tender, restricted, direct_award, ...).
SELECT DISTINCT procedure_type AS id, procedure_type AS name
FROM contracts
WHERE procedure_type IS NOT NULL AND procedure_type <> ''
ORDER BY procedure_type
