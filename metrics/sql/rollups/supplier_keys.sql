-- rollup_supplier_keys: a number for every supplier in line_facts that has none yet (numbers
-- are never reused or changed, so an incremental refresh leaves the other rows valid).
-- __KEYS_FROM__: line_facts, or touched_keys when incremental (a new supplier is a touched one).
INSERT INTO rollup_supplier_keys
SELECT supplier_id, coalesce((SELECT max(supplier_key) FROM rollup_supplier_keys), 0)
                    + row_number() OVER (ORDER BY supplier_id)
FROM (SELECT DISTINCT supplier_id FROM __KEYS_FROM__ WHERE supplier_id IS NOT NULL) s
WHERE NOT EXISTS (SELECT 1 FROM rollup_supplier_keys k WHERE k.supplier_id = s.supplier_id)
