-- Month against the previous month, for every action × indicator of the scope:
--   value(m) : flows, the month's result; stocks, the month's value.
--   change   : value(as-of month) − value(previous month); change_ratio = change / value(previous month).
-- A month without a result has no value (—), never 0: a missing upload is not a drop to zero.
WITH
scoped AS ({scoped_actions}),
months AS (SELECT $as_of::DATE AS this_month, ($as_of::DATE - INTERVAL 1 MONTH)::DATE AS previous_month),
pairs AS (
    SELECT DISTINCT r.action_id, r.metric
    FROM main.results AS r, months
    WHERE r.month IN (months.this_month, months.previous_month)
      AND r.action_id IN (SELECT action_id FROM scoped)
)
SELECT p.action_id, p.metric, months.this_month AS month, this.value AS value,
       previous.value AS previous_value, this.value - previous.value AS change,
       (this.value - previous.value) / nullif(previous.value, 0) AS change_ratio
FROM pairs AS p CROSS JOIN months
LEFT JOIN main.results AS this
       ON this.action_id = p.action_id AND this.metric = p.metric AND this.month = months.this_month
LEFT JOIN main.results AS previous
       ON previous.action_id = p.action_id AND previous.metric = p.metric AND previous.month = months.previous_month
ORDER BY p.action_id, p.metric
