-- Contracts exported by `abasto export ocds` (subquery text, spliced in by export_ocds.py):
-- those passing the contract-level filters ($c_* lists, NULL = no filter) and, when the
-- scope has a due-date window or a line-level filter ($need_lines), at least one line in
-- scope ({facts}/{where} as in metrics.scope).
SELECT c.contract_id FROM contracts c
WHERE ($c_institution IS NULL OR list_contains($c_institution, c.institution_id))
  AND ($c_supplier IS NULL OR list_contains($c_supplier, c.supplier_id))
  AND ($c_contract IS NULL OR list_contains($c_contract, c.contract_id))
  AND ($c_procedure_type IS NULL OR list_contains($c_procedure_type, c.procedure_type))
  AND (NOT $need_lines OR c.contract_id IN (SELECT f.contract_id FROM {facts} f WHERE {where}))
