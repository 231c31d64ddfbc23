-- The evaluable lines of a scope with facts computed on the fly, kept for one call
-- (scorecard.pinned). __NAME__ is a generated temp table name, never user text.
CREATE TEMP TABLE __NAME__ AS
SELECT * FROM {facts} f WHERE {where}
