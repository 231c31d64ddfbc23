-- Each supplier's main item group: the group with the largest ordered value in scope
-- (ties: quantity, then the group's name), its peers for the peer percentile.
SELECT supplier_id,
       first(item_group ORDER BY value DESC, qty DESC, item_group) AS peer_group
FROM (SELECT supplier_id, coalesce(item_group, '') AS item_group,
             coalesce(sum(ordered_value), 0) AS value, sum(qty_ordered) AS qty
      FROM {facts} f
      WHERE {where}
      GROUP BY ALL)
GROUP BY supplier_id
