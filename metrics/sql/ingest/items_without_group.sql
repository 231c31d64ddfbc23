-- Items of the batch left without a group: no grupo given, and a clave prefix the group is
-- not derived from (contract.GROUP_BY_PREFIX; e.g. the CNIS 090, 130, HO., MH. claves).
-- One problem per item: the screen counts them as one kind, --problems lists each.
SELECT 'warning' AS severity, s._file AS file, s._row AS "row", 'group' AS "column",
       s.item_code AS value,
       'no group: none given, and the clave prefix is not one a group is derived from '
       || '(010 … 080, 5xx); give it a grupo (e.g. otro) to classify it' AS problem,
       'no_group' AS code
FROM typed_items t JOIN stg_items s ON s.rowid = t._sid
WHERE t.item_group IS NULL AND s."group" IS NULL AND s.item_code IS NOT NULL
