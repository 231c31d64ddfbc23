-- The latest due month with an evaluable line in scope (the scope's "now").
SELECT max(f.due_month) AS latest_month FROM {facts} f WHERE {where}
