-- Item codes used by the batch ({uses}: a UNION ALL of (item_code, _file, _row) over the
-- tables that carry one) that are neither in the batch's items nor stored. They are added
-- to items with an empty description (DATA_CONTRACT.md), and reported as warnings.
CREATE OR REPLACE TEMP TABLE new_items AS
SELECT item_code, arg_min(_file, _row) AS file, min(_row) AS "row", count(*) AS uses
FROM ({uses}) u
WHERE item_code IS NOT NULL
  AND item_code NOT IN (SELECT item_code FROM typed_items WHERE item_code IS NOT NULL)
  AND item_code NOT IN (SELECT item_code FROM items)
GROUP BY item_code
