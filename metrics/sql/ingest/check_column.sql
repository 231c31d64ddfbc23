-- Values of one staged column that are empty when required, not of the column's type, or
-- not an accepted spelling of an enumeration. {pair} holds, as struct columns s (the staged
-- text row) and t (its typed row), the rows where some check of the table may fire
-- (the typed build flagged them, typed.sql): {candidate} selects this check's rows cheaply (e.g.
-- text present, parsed value NULL) and {problem} says why. Both are composed by validate.py
-- from contract.py. {absent} leaves out files that lack a required column altogether
-- (reported once, at their header); {errors} leaves out Excel error cells (reported by the
-- reader, and staged empty).
-- validate.py joins one such SELECT per check of a table with UNION ALL; {n} numbers the
-- parameters of each.
SELECT 'error' AS severity, s._file AS file, s._row AS "row", $column_{n} AS "column",
       s."{column}" AS value, {problem} AS problem, $code_{n} AS code
FROM {pair}
WHERE {candidate} {absent} {errors}
