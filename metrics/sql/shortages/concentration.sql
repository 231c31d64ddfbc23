-- Herfindahl–Hirschman index per item: 10,000 · Σ share² (0–10,000; > 2,500 highly
-- concentrated). Items with no accepted quantity have no shares: hhi is NULL, not 0.
WITH {shares}
SELECT s.item_code,
       any_value(i.description) AS description,
       any_value(i.item_group) AS item_group,
       count(*)::BIGINT AS suppliers,
       count(*) FILTER (WHERE s.qty_accepted > 0)::BIGINT AS suppliers_delivering,
       sum(s.qty_accepted) AS qty_accepted,
       10000 * sum(s.share * s.share) AS hhi,
       first(s.supplier_id ORDER BY s.qty_accepted DESC, s.supplier_id)
           FILTER (WHERE s.qty_accepted > 0) AS top_supplier,
       max(s.share) AS top_share,
       count(*) FILTER (WHERE s.qty_accepted > 0) = 1 AS single_source,
       10000 * sum(s.share * s.share) > 2500 AS highly_concentrated
FROM shares s
LEFT JOIN items i ON i.item_code = s.item_code
GROUP BY s.item_code
ORDER BY hhi DESC NULLS LAST, s.item_code
