-- An order dated before its contract was signed: kept, and said. The contract as in the
-- batch, else as stored. Columns as rules.sql.
WITH c AS (
    SELECT contract_id, signed_date FROM typed_contracts
    UNION ALL
    SELECT s.contract_id, s.signed_date FROM contracts s
    WHERE NOT EXISTS (SELECT 1 FROM typed_contracts t WHERE t.contract_id = s.contract_id)
)
SELECT 'warning' AS severity, t._file AS file, t._row AS "row", 'order_date' AS "column",
       strftime(t.order_date, '%d/%m/%Y') AS value,
       'order_date is before its contract was signed (' || strftime(c.signed_date, '%d/%m/%Y') || ')' AS problem,
       'ordered_before_signed' AS code
FROM typed_orders t JOIN c ON c.contract_id = t.contract_id
WHERE t.order_date < c.signed_date
