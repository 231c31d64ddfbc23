-- Item-supplier pairs where one supplier is the single source or dominant (share above
-- $dominant_share) of an item's accepted quantity: the candidates for the at-risk list.
WITH {shares},
items_n AS (
    SELECT item_code, count(*) FILTER (WHERE qty_accepted > 0) AS suppliers_delivering,
           10000 * sum(share * share) AS hhi
    FROM shares GROUP BY item_code
)
SELECT s.item_code, i.description, i.item_group, s.supplier_id, sp.name AS supplier_name,
       s.qty_accepted, s.share, n.suppliers_delivering = 1 AS single_source, n.hhi
FROM shares s
JOIN items_n n ON n.item_code = s.item_code
LEFT JOIN items i ON i.item_code = s.item_code
LEFT JOIN suppliers sp ON sp.supplier_id = s.supplier_id
WHERE s.qty_accepted > 0 AND (n.suppliers_delivering = 1 OR s.share > $dominant_share)
ORDER BY s.item_code, s.share DESC, s.supplier_id
