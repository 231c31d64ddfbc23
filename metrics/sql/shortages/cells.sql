-- Supply per cell: one item in one due month (and any extra dimension the caller groups by,
-- __CELL_KEYS__, from a fixed allow-list). A cell exists only when it has >= 1 evaluable line.
-- short: fill_rate (accepted by as_of / ordered) below $threshold; the 1e-9 keeps a rate
-- of exactly the threshold (e.g. 90 of 100 at 0.90) from being short by rounding.
cells AS (
    SELECT item_code, due_month AS month __CELL_KEYS__,
           count(*) AS lines,
           sum(q) AS qty_ordered,
           sum(acc_as_of) AS qty_accepted,
           sum(acc_by_due) AS qty_accepted_by_due,
           sum(acc_as_of) / sum(q) AS fill_rate,
           sum(acc_by_due) / sum(q) AS fill_rate_by_due,
           sum(acc_as_of) / sum(q) < $threshold - 1e-9 AS short
    FROM lines
    GROUP BY ALL
)
