-- Row rules of DATA_CONTRACT.md that involve a value's range or two columns, over the typed
-- batch. Values that failed to parse are NULL here and were reported by check_column.sql.
-- Columns: severity, file, row, column, value, problem, code.
SELECT 'error' AS severity, _file AS file, _row AS "row", 'end_date' AS "column",
       strftime(end_date, '%d/%m/%Y') AS value,
       'end_date is before start_date (' || strftime(start_date, '%d/%m/%Y') || ')' AS problem,
       'end_before_start' AS code
FROM typed_contracts WHERE end_date < start_date
UNION ALL
SELECT 'error', _file, _row, 'amount', abasto_show(amount), 'amount cannot be negative', 'negative'
FROM typed_contracts WHERE amount < 0
UNION ALL
SELECT 'error', _file, _row, 'penalty_rate_per_day', abasto_show(penalty_rate_per_day),
       'must be a fraction between 0 and 1 (0.01 = 1 % per day)', 'fraction_out_of_range'
FROM typed_contracts WHERE penalty_rate_per_day NOT BETWEEN 0 AND 1
UNION ALL
SELECT 'error', _file, _row, 'deduction_rate', abasto_show(deduction_rate),
       'must be a fraction between 0 and 1 (0.01 = 1 %)', 'fraction_out_of_range'
FROM typed_contracts WHERE deduction_rate NOT BETWEEN 0 AND 1
UNION ALL
SELECT 'error', _file, _row, 'guarantee_pct', abasto_show(guarantee_pct),
       'must be a fraction between 0 and 1 (0.10 = 10 %)', 'fraction_out_of_range'
FROM typed_contracts WHERE guarantee_pct NOT BETWEEN 0 AND 1
UNION ALL
SELECT 'error', _file, _row, 'unit_price', abasto_show(unit_price), 'unit_price cannot be negative', 'negative'
FROM typed_contract_items WHERE unit_price < 0
UNION ALL
SELECT 'error', _file, _row, 'min_qty', abasto_show(min_qty), 'min_qty cannot be negative', 'negative'
FROM typed_contract_items WHERE min_qty < 0
UNION ALL
SELECT 'error', _file, _row, 'max_qty', abasto_show(max_qty),
       'max_qty is below min_qty (' || abasto_show(min_qty) || ')', 'max_below_min'
FROM typed_contract_items WHERE max_qty < min_qty
UNION ALL
SELECT 'error', _file, _row, 'qty_ordered', abasto_show(qty_ordered), 'qty_ordered must be greater than 0',
       'not_positive'
FROM typed_orders WHERE qty_ordered <= 0
UNION ALL
SELECT 'error', _file, _row, 'due_date', strftime(due_date, '%d/%m/%Y'),
       'due_date is before order_date (' || strftime(order_date, '%d/%m/%Y') || ')', 'due_before_order'
FROM typed_orders WHERE due_date < order_date
UNION ALL
SELECT 'error', _file, _row, 'qty_delivered', abasto_show(qty_delivered), 'qty_delivered cannot be negative',
       'negative'
FROM typed_deliveries WHERE qty_delivered < 0
UNION ALL
SELECT 'error', _file, _row, 'qty_rejected', abasto_show(qty_rejected), 'qty_rejected cannot be negative',
       'negative'
FROM typed_deliveries WHERE qty_rejected < 0
UNION ALL
SELECT 'error', _file, _row, 'qty_rejected', abasto_show(qty_rejected),
       'qty_rejected is greater than qty_delivered (' || abasto_show(qty_delivered) || ')', 'rejected_over_delivered'
FROM typed_deliveries WHERE qty_rejected > qty_delivered AND qty_delivered >= 0   -- a negative one is reported as such
UNION ALL
SELECT 'warning', _file, _row, 'expiry_date', strftime(expiry_date, '%d/%m/%Y'),
       'expiry_date is before delivered_date: delivered already expired', 'expired_on_delivery'
FROM typed_deliveries WHERE expiry_date < delivered_date
UNION ALL
SELECT 'error', _file, _row, 'amount', abasto_show(amount), 'amount cannot be negative', 'negative'
FROM typed_penalties WHERE amount < 0
UNION ALL
SELECT 'error', _file, _row, 'qty_requested', abasto_show(qty_requested), 'qty_requested cannot be negative',
       'negative'
FROM typed_tender_items WHERE qty_requested < 0
UNION ALL
SELECT 'error', _file, _row, 'issued', abasto_show(issued), 'issued cannot be negative', 'negative'
FROM typed_prescriptions WHERE issued < 0
UNION ALL
SELECT 'error', _file, _row, 'filled', abasto_show(filled), 'filled cannot be negative', 'negative'
FROM typed_prescriptions WHERE filled < 0
UNION ALL
SELECT 'error', _file, _row, 'filled', abasto_show(filled),
       'filled is greater than issued (' || abasto_show(issued) || ')', 'filled_over_issued'
FROM typed_prescriptions WHERE filled > issued AND issued >= 0   -- a negative one is reported as such
UNION ALL
SELECT 'error', _file, _row, 'reference_price', abasto_show(reference_price),
       'reference_price cannot be negative', 'negative'
FROM typed_items WHERE reference_price < 0
UNION ALL
SELECT 'error', _file, _row, 'min_shelf_life_months', abasto_show(min_shelf_life_months),
       'min_shelf_life_months cannot be negative', 'negative'
FROM typed_items WHERE min_shelf_life_months < 0
UNION ALL
-- RFC: 3 (companies) or 4 (people) letters, YYMMDD, 3 check characters.
SELECT 'error', _file, _row, 'rfc', rfc,
       'not an RFC (3-4 letters, 6 digits of date, 3 characters: e.g. LAB850101AB1)', 'bad_rfc'
FROM typed_suppliers
WHERE rfc IS NOT NULL AND NOT regexp_full_match(rfc, '[A-ZÑ&]{3,4}[0-9]{6}[A-Z0-9]{3}')
