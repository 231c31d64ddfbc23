-- Prescription fill rate (demand side of shortages): filled / issued, unfilled = issued -
-- filled, by any grouping (__ROW_SELECT__ / __ROW_GROUP__ from a fixed allow-list).
-- Months in the window: from the month of $date_from through $date_to, and not after
-- $as_of. Filters that exist for prescriptions (__FILTERS__: institution and state through
-- the unit, item group through the item, unit, item) are applied; the others cannot be.
WITH p AS (
    SELECT p.unit_id, p.item_code, (p.month || '-01')::DATE AS month, p.issued, p.filled,
           u.institution_id, u.state, i.item_group
    FROM prescriptions p
    LEFT JOIN units u ON u.unit_id = p.unit_id
    LEFT JOIN items i ON i.item_code = p.item_code
)
SELECT __ROW_SELECT__
       count(*)::BIGINT AS records,
       sum(issued)::BIGINT AS issued,
       sum(filled)::BIGINT AS filled,
       (sum(issued) - sum(filled))::BIGINT AS unfilled,
       sum(filled) / nullif(sum(issued), 0) AS fill_rate
FROM p
WHERE (month >= date_trunc('month', $date_from::DATE) OR $date_from IS NULL)
  AND (month <= $date_to OR $date_to IS NULL)
  AND month <= $as_of
  AND __FILTERS__
__ROW_GROUP__
ORDER BY __ROW_ORDER__
