-- States of the delivery units (Mexican state names as stored).
SELECT DISTINCT state AS id, state AS name
FROM units
WHERE state IS NOT NULL AND state <> ''
ORDER BY state
