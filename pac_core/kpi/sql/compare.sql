-- Month against the previous month, for every action × indicator of the scope:
--   value(m) : flows, the month's result; stocks, the month's value.
--   change   : value(as-of month) − value(previous month); change_ratio = change / value(previous month).
-- A month without a result has no value (—), never 0: a missing upload is not a drop to zero.
WITH
scoped AS ({scoped_actions}),
months AS (SELECT $as_of::DATE AS this_month, ($as_of::DATE - INTERVAL 1 MONTH)::DATE AS previous_month),
pairs AS (  -- both months' values in one pass over the results (one result per action × indicator × month)
    SELECT r.action_id, r.metric,
           any_value(r.value) FILTER (WHERE r.month = months.this_month) AS value,
           any_value(r.value) FILTER (WHERE r.month = months.previous_month) AS previous_value
    FROM main.results AS r, months
    WHERE r.month IN (months.this_month, months.previous_month)
      AND r.action_id IN (SELECT action_id FROM scoped)
    GROUP BY r.action_id, r.metric
)
SELECT p.action_id, p.metric, months.this_month AS month, p.value, p.previous_value,
       p.value - p.previous_value AS change,
       (p.value - p.previous_value) / nullif(p.previous_value, 0) AS change_ratio
FROM pairs AS p CROSS JOIN months
ORDER BY p.action_id, p.metric
