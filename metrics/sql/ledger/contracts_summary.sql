-- Contract-level compliance figures over the contracts in scope: contracts with at least
-- one order line (cancelled or not, due or not) matching the filters and due in the window
-- (<lwhere>). emergency_share = value of emergency or direct-award contracts / all value.
WITH k AS (
    SELECT DISTINCT f.contract_id FROM line_facts f WHERE {lwhere}
)
SELECT count(*)                                                        AS contracts,
       count(*) FILTER (WHERE c.status = 'rescinded')                  AS rescinded_contracts,
       sum(c.amount)                                                   AS contract_value,
       sum(c.amount) FILTER (WHERE c.is_emergency OR c.procedure_type = 'direct_award')
                                                                       AS emergency_value,
       coalesce(sum(c.amount) FILTER (WHERE c.is_emergency OR c.procedure_type = 'direct_award'), 0)
           / nullif(sum(c.amount), 0)                                  AS emergency_share
FROM k JOIN contracts c ON c.contract_id = k.contract_id
