-- The current plan version's targets, over the table main.plan_targets (created by the store).
CREATE OR REPLACE VIEW main.targets AS
SELECT action_id, metric, month, value, import_id
FROM main.plan_targets
WHERE plan_version = (SELECT max(version) FROM main.plan_versions);
