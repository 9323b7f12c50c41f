-- The few reads of the annual bilan and of next year's plan (pac_core/bilan.py, pac_core/next_plan.py) that the KPI
-- queries do not already give. Each block starts with « -- name: » and is one statement; $year is the year reviewed.

-- name: years
-- The years with a figure of an action: a target of any plan version or a result (company-wide figures belong to
-- no action, hence to no bilan).
SELECT DISTINCT year(month)::INTEGER AS year
FROM (SELECT month FROM main.results WHERE action_id IS NOT NULL
      UNION ALL SELECT month FROM main.plan_targets)
ORDER BY year;

-- name: plan_version
-- The year's objectives are those of the highest plan version holding targets in that year (history years are
-- imported into whichever version was current).
SELECT max(plan_version) AS plan_version FROM main.plan_targets WHERE year(month) = $year;

-- name: evidence
-- Per action × indicator, from January to $as_of: how many months have a target (in $version) and how many a
-- result (a 0 counts: it was reported), and the first year the action has any figure at all.
WITH targets AS (
    SELECT action_id, metric, count(*) AS target_months
    FROM main.plan_targets
    WHERE plan_version = $version AND month >= make_date($year, 1, 1) AND month <= $as_of::DATE
    GROUP BY ALL
),
results AS (
    SELECT action_id, metric, count(*) AS result_months
    FROM main.results
    WHERE action_id IS NOT NULL AND month >= make_date($year, 1, 1) AND month <= $as_of::DATE
    GROUP BY ALL
),
first_years AS (
    SELECT action_id, min(year(month))::INTEGER AS first_year
    FROM (SELECT action_id, month FROM main.results WHERE action_id IS NOT NULL
          UNION ALL SELECT action_id, month FROM main.plan_targets)
    GROUP BY action_id
),
pairs AS (
    SELECT coalesce(t.action_id, r.action_id) AS action_id, coalesce(t.metric, r.metric) AS metric,
           coalesce(t.target_months, 0) AS target_months, coalesce(r.result_months, 0) AS result_months
    FROM targets AS t
    FULL JOIN results AS r ON r.action_id = t.action_id AND r.metric = t.metric
)
SELECT pairs.*, f.first_year
FROM pairs LEFT JOIN first_years AS f USING (action_id)
ORDER BY action_id, metric;

-- name: monthly
-- The year's monthly targets (of $version) and results of every action × indicator, for next year's phasing.
SELECT action_id, metric, month(month)::INTEGER AS month_number, 'target' AS kind, value
FROM main.plan_targets
WHERE plan_version = $version AND year(month) = $year
UNION ALL
SELECT action_id, metric, month(month)::INTEGER, 'actual', value
FROM main.results
WHERE action_id IS NOT NULL AND year(month) = $year
ORDER BY action_id, metric, kind, month_number;
