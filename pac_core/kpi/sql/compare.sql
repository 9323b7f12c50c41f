-- Month against the previous month, for every action × indicator of the scope:
--   value(m) : flows, the month's result; stocks, the month's value.
--   change   : value(as-of month) − value(previous month); change_ratio = change / value(previous month).
-- A month without a result has no value (—), never 0: a missing upload is not a drop to zero.
WITH
scoped AS ({scoped_actions}),
months AS (SELECT $as_of::DATE AS this_month, ($as_of::DATE - INTERVAL 1 MONTH)::DATE AS previous_month),
pairs AS (  -- from the result grids (sql/grids.sql) of the as-of year and, in January, the year before
    SELECT r.action_id, r.metric,
           any_value({month_0}) FILTER (WHERE r.year = year(months.this_month)) AS value,
           any_value({previous_month}) FILTER (WHERE r.year = year(months.previous_month)) AS previous_value
    FROM main.result_grid AS r, months
    WHERE r.year IN (year(months.this_month), year(months.previous_month))
      AND r.action_id IN (SELECT action_id FROM scoped)
    GROUP BY r.action_id, r.metric
    HAVING value IS NOT NULL OR previous_value IS NOT NULL
)
SELECT p.action_id, p.metric, months.this_month AS month, p.value, p.previous_value,
       p.value - p.previous_value AS change,
       (p.value - p.previous_value) / nullif(p.previous_value, 0) AS change_ratio
FROM pairs AS p CROSS JOIN months
ORDER BY p.action_id, p.metric
