-- An action's budget in plan version $version: its newest row among the imports made while that version (or an
-- older one) was current — a revision writes its changed actions under its own version, so version 1 keeps the
-- adopted budgets. The one definition, read by budget.sql and by the versions' comparison (readjust/versions.py).
SELECT action_id, name, budget FROM (
    SELECT a.action_id, a.name, a.budget,
           row_number() OVER (PARTITION BY a.action_id ORDER BY a.import_id DESC) AS newest
    FROM history.actions AS a JOIN main.imports AS i USING (import_id)
    WHERE i.plan_version <= $version::INTEGER)
WHERE newest = 1
