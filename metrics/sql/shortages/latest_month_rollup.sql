-- latest_month.sql read from rollup_item_months (see rollup_cells.sql): the latest whole
-- month with a row in scope, or a later edge month with an evaluable line.
SELECT greatest(
    (SELECT max(r.due_month) FROM rollup_item_months r
     WHERE r.grain = $cell_grain AND r.due_month BETWEEN $whole_from AND $whole_to AND {rollup_where}),
    (SELECT max(f.due_month) FROM {facts} f WHERE {where} AND __EDGE__)) AS latest_month
