-- Suppliers' shares of accepted quantity per item over the window (evaluable lines,
-- accepted by as_of, over-deliveries included: they are pieces the supplier did supply).
shares AS (
    SELECT item_code, supplier_id,
           count(*)::BIGINT AS lines,
           sum(qty_accepted) AS qty_accepted,
           sum(qty_accepted) / nullif(sum(sum(qty_accepted)) OVER (PARTITION BY item_code), 0) AS share
    FROM {facts} f
    WHERE {where}
    GROUP BY item_code, supplier_id
)
