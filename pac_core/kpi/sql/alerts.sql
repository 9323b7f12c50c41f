-- Actions that call for attention, besides pace and budget (see kpi/alerts.py):
--   missing_result : the action is running in the as-of month (a target that month, or its dates cover it)
--                    and has no result at all for that month — an upload is probably missing;
--   no_owner       : nobody is responsible for it;
--   no_target      : no target this year — it cannot be measured (the seed's SMART check);
--   no_dates       : no start or no end date — it is not bound in time.
-- An action that ended before the as-of year (last year's, kept as history) calls for nothing this year.
WITH
scoped AS (
    SELECT * FROM ({scoped_actions}) WHERE end_date IS NULL OR end_date >= date_trunc('year', $as_of::DATE)
),
year_targets AS (  -- from the grids (sql/grids.sql): month_0 is the as-of month's column
    SELECT DISTINCT action_id FROM main.target_grid WHERE plan_version = $version AND year = year($as_of::DATE)
),
running AS (
    SELECT a.action_id, a.name FROM scoped AS a
    WHERE (a.start_date IS NOT NULL AND a.end_date IS NOT NULL
           AND date_trunc('month', a.start_date) <= $as_of::DATE AND a.end_date >= $as_of::DATE)
       OR a.action_id IN (SELECT action_id FROM main.target_grid
                          WHERE plan_version = $version AND year = year($as_of::DATE) AND {month_0} IS NOT NULL)
),
reported AS (
    SELECT DISTINCT action_id FROM main.result_grid WHERE year = year($as_of::DATE) AND {month_0} IS NOT NULL
),
SELECT 'missing_result' AS kind, action_id, name FROM running WHERE action_id NOT IN (SELECT action_id FROM reported
                                                                                      WHERE action_id IS NOT NULL)
UNION ALL
SELECT 'no_owner', action_id, name FROM scoped WHERE owner IS NULL OR trim(owner) = ''
UNION ALL
SELECT 'no_target', action_id, name FROM scoped WHERE action_id NOT IN (SELECT action_id FROM year_targets)
UNION ALL
SELECT 'no_dates', action_id, name FROM scoped WHERE start_date IS NULL OR end_date IS NULL
ORDER BY kind, action_id
