-- Institutions for the sidebar filter: id and name.
SELECT i.institution_id AS id, i.name AS name
FROM institutions i
ORDER BY i.institution_id
