-- rollup_penalty_months: rollup_penalty_days summed per applied month, sorted by month.
SELECT contract_id, supplier_id, institution_id, procedure_type,
       date_trunc('month', applied_date)::DATE AS applied_month,
       sum(amount) AS amount, sum(n)::BIGINT AS n
FROM rollup_penalty_days
GROUP BY ALL
ORDER BY applied_month, contract_id
