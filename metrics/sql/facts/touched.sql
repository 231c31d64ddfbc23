-- The order lines an incremental refresh recomputes (metrics/facts.py), in three steps.
-- touched_direct: the orders whose facts change when rows of a table change in batch $b
-- (rows carry batch_id), plus those in the temp table moved_orders (orders a caller deleted
-- or re-pointed deliveries away from).
CREATE OR REPLACE TEMP TABLE touched_direct AS
SELECT order_id FROM orders WHERE batch_id = $b
UNION SELECT order_id FROM deliveries WHERE batch_id = $b
UNION SELECT order_id FROM orders WHERE contract_id IN (SELECT contract_id FROM contracts WHERE batch_id = $b)
UNION SELECT order_id FROM orders WHERE unit_id IN (SELECT unit_id FROM units WHERE batch_id = $b)
UNION SELECT order_id FROM orders WHERE item_code IN (
    SELECT item_code FROM items WHERE batch_id = $b
    UNION SELECT item_code FROM contract_items WHERE batch_id = $b)
UNION SELECT order_id FROM moved_orders;

-- touched_orders: widened within each contract they belong to (as stored, and as they are
-- now) to every line due on or after the earliest of them. A line's share of the contract's
-- capped penalties depends on the lines due before it (line_facts.sql, in due_date, order_id
-- order), never on those due after: the lines due before it keep their facts. A monthly
-- batch, whose new lines are due after the stored ones, recomputes its own lines rather
-- than every line of every contract it adds to.
CREATE OR REPLACE TEMP TABLE touched_from AS
SELECT contract_id, min(due_date) AS due_from FROM (
    SELECT contract_id, due_date FROM orders WHERE order_id IN (SELECT order_id FROM touched_direct)
    UNION ALL
    SELECT contract_id, due_date FROM line_facts WHERE order_id IN (SELECT order_id FROM touched_direct))
GROUP BY contract_id;

CREATE OR REPLACE TEMP TABLE touched_orders AS
SELECT o.order_id FROM orders o JOIN touched_from t ON t.contract_id = o.contract_id AND o.due_date >= t.due_from
UNION SELECT order_id FROM touched_direct;

-- touched_prior: what the lines due before those add to their contract's running penalty
-- total, from which the recomputed lines go on (__PRIOR__ of line_facts.sql).
CREATE OR REPLACE TEMP TABLE touched_prior AS
SELECT f.contract_id, sum(CASE WHEN f.cancelled THEN 0 ELSE coalesce(f.penalty_due_line, 0) END) AS prior
FROM line_facts f JOIN touched_from t ON t.contract_id = f.contract_id AND f.due_date < t.due_from
GROUP BY f.contract_id;

DROP TABLE touched_direct;
DROP TABLE touched_from;
