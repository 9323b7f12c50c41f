-- Schema version 10: weekly figures (issue 19).
--
-- Months stay the truth every KPI reads (history.targets / history.results): a week given in a file is split into
-- its months by its days there. These tables keep the weekly grain as the file gave it, for « Cette semaine ».
-- `week` is the Monday of the ISO week; a NULL value removes the week (the file spoke for it and left it empty).
-- The views show the newest row per key among imports not undone (like sql/views.sql): undoing an import needs
-- nothing more. They read history.imports, not main.imports, which does not exist yet when a new file migrates.

CREATE TABLE history.week_targets (
    import_id INTEGER NOT NULL,
    plan_version INTEGER,  -- the version in force when the file was imported (kept for the record)
    action_id VARCHAR,
    metric VARCHAR NOT NULL,
    week DATE NOT NULL,
    value DOUBLE
);

CREATE TABLE history.week_results (
    import_id INTEGER NOT NULL,
    action_id VARCHAR,  -- NULL: a company-wide figure
    metric VARCHAR NOT NULL,
    week DATE NOT NULL,
    value DOUBLE
);

CREATE OR REPLACE VIEW main.week_targets AS
SELECT action_id, metric, week, value, import_id
FROM (
    SELECT t.*, row_number() OVER (PARTITION BY t.action_id, t.metric, t.week ORDER BY t.import_id DESC) AS newest
    FROM history.week_targets AS t
    WHERE t.import_id IN (SELECT import_id FROM history.imports WHERE undone_at IS NULL)
)
WHERE newest = 1 AND value IS NOT NULL;

CREATE OR REPLACE VIEW main.week_results AS
SELECT action_id, metric, week, value, import_id
FROM (
    SELECT r.*, row_number() OVER (PARTITION BY r.action_id, r.metric, r.week ORDER BY r.import_id DESC) AS newest
    FROM history.week_results AS r
    WHERE r.import_id IN (SELECT import_id FROM history.imports WHERE undone_at IS NULL)
)
WHERE newest = 1 AND value IS NOT NULL;
