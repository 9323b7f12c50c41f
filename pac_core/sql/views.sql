-- The current data, under the names of DESIGN.md, for the app and for any DuckDB client.
--
-- history.latest_* define it: for each key, the newest row of an import that is not undone; removals
-- (NULL values) hide the key. The store keeps main.actions, main.results… as tables equal to these
-- views (updated in each import's transaction, rebuilt after an undo), so that reading a million
-- results never re-runs the window.

CREATE OR REPLACE VIEW main.imports AS
SELECT import_id, imported_at, imported_by, origin, file_names, content_hash, plan_version,
       scope, row_counts, warnings
FROM history.imports
WHERE undone_at IS NULL;

CREATE OR REPLACE VIEW main.metrics AS
SELECT * FROM history.metrics;

-- A plan version saved at a quarterly review is an import of its own (origin 'révision', its plan_version the
-- version it created): undoing that import hides the version and the decisions saved with it. Version 1, the
-- plan as adopted, has no basis and is always there. (Only columns of schema 1 here: any file can open.)
CREATE OR REPLACE VIEW main.plan_versions AS
SELECT * FROM history.plan_versions
WHERE based_on IS NULL OR version IN (SELECT plan_version FROM main.imports WHERE origin = 'révision');

CREATE OR REPLACE VIEW main.decisions AS
SELECT * FROM history.decisions
WHERE plan_version IS NULL OR plan_version IN (SELECT version FROM main.plan_versions);

CREATE OR REPLACE VIEW history.latest_actions AS
SELECT action_id, lever, name, channel, kind, segment, owner, start_date, end_date, budget, status,
       objective_ids, import_id
FROM (
    SELECT a.*, row_number() OVER (PARTITION BY a.action_id ORDER BY a.import_id DESC) AS newest
    FROM history.actions AS a
    WHERE a.import_id IN (SELECT import_id FROM main.imports)
)
WHERE newest = 1;

CREATE OR REPLACE VIEW history.latest_strategic_objectives AS
SELECT objective_id, label, metric, baseline, target, due_date, import_id
FROM (
    SELECT o.*, row_number() OVER (PARTITION BY o.objective_id ORDER BY o.import_id DESC) AS newest
    FROM history.strategic_objectives AS o
    WHERE o.import_id IN (SELECT import_id FROM main.imports)
)
WHERE newest = 1;

CREATE OR REPLACE VIEW history.latest_opportunities AS
SELECT opportunity_id, account, action_id, channel, stage, amount, created_on, closed_on, status, import_id
FROM (
    SELECT o.*, row_number() OVER (PARTITION BY o.opportunity_id ORDER BY o.import_id DESC) AS newest
    FROM history.opportunities AS o
    WHERE o.import_id IN (SELECT import_id FROM main.imports)
)
WHERE newest = 1;

-- Targets of every plan version; main.targets keeps the current one.
CREATE OR REPLACE VIEW history.latest_plan_targets AS
SELECT plan_version, action_id, metric, month, value, import_id
FROM (
    SELECT t.*, row_number() OVER (PARTITION BY t.plan_version, t.action_id, t.metric, t.month
                                   ORDER BY t.import_id DESC) AS newest
    FROM history.targets AS t
    WHERE t.import_id IN (SELECT import_id FROM main.imports)
)
WHERE newest = 1 AND value IS NOT NULL;


CREATE OR REPLACE VIEW history.latest_results AS
SELECT action_id, metric, month, value, import_id
FROM (
    SELECT r.*, row_number() OVER (PARTITION BY r.action_id, r.metric, r.month
                                   ORDER BY r.import_id DESC) AS newest
    FROM history.results AS r
    WHERE r.import_id IN (SELECT import_id FROM main.imports)
)
WHERE newest = 1 AND value IS NOT NULL;
