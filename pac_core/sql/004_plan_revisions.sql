-- Schema version 4: a plan version saved at a quarterly review is an import of its own (origin 'révision'):
-- its targets, its changed actions and its decisions carry that import, so undoing it removes them all and
-- the version before becomes current again. Version 1 (the plan as adopted) has no import and never changes.
ALTER TABLE history.plan_versions ADD COLUMN import_id INTEGER;   -- NULL: version 1
ALTER TABLE history.plan_versions ADD COLUMN revised_from DATE;   -- the first month the version changes
ALTER TABLE history.decisions ADD COLUMN import_id INTEGER;       -- the version saved with it (NULL: none)
