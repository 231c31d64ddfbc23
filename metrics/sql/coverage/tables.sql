-- Rows and date range of every data table (the date column that says when the data is about).
SELECT 'suppliers' AS table_name, count(*) AS n_rows, NULL AS date_column, NULL::DATE AS first_date, NULL::DATE AS last_date FROM suppliers
UNION ALL SELECT 'institutions', count(*), NULL, NULL, NULL FROM institutions
UNION ALL SELECT 'units', count(*), NULL, NULL, NULL FROM units
UNION ALL SELECT 'items', count(*), NULL, NULL, NULL FROM items
UNION ALL SELECT 'contracts', count(*), 'signed_date', min(signed_date), max(signed_date) FROM contracts
UNION ALL SELECT 'contract_items', count(*), NULL, NULL, NULL FROM contract_items
UNION ALL SELECT 'orders', count(*), 'due_date', min(due_date), max(due_date) FROM orders
UNION ALL SELECT 'deliveries', count(*), 'delivered_date', min(delivered_date), max(delivered_date) FROM deliveries
UNION ALL SELECT 'penalties', count(*), 'applied_date', min(applied_date), max(applied_date) FROM penalties
UNION ALL SELECT 'tender_items', count(*), 'published_date', min(published_date), max(published_date) FROM tender_items
UNION ALL SELECT 'prescriptions', count(*), 'month',
                 min(try_strptime(month || '-01', '%Y-%m-%d'))::DATE,
                 max(try_strptime(month || '-01', '%Y-%m-%d'))::DATE FROM prescriptions
