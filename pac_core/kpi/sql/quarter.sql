-- A quarter against the plan, for every action × indicator of the scope ($quarter_start: its first month):
--   target_quarter : flows, the sum of the quarter's monthly targets; stocks, the target of its last month
--                    with one.
--   target_to_date : the same over the quarter's months up to the as-of month (the quarter so far).
--   actual         : flows, the results of the quarter's months up to the as-of month; stocks, the latest.
--   pace           : actual / target_to_date; status with the thresholds.
WITH
scoped AS ({scoped_actions}),
quarter AS (SELECT $quarter_start::DATE AS first_month, ($quarter_start::DATE + INTERVAL 2 MONTH)::DATE AS last_month),
metric AS (SELECT code AS metric, aggregation FROM main.metrics WHERE family <> 'coût'),
target AS (
    SELECT t.action_id, t.metric,
           sum(t.value) AS flow_quarter, arg_max(t.value, t.month) AS stock_quarter,
           sum(t.value) FILTER (WHERE t.month <= $as_of::DATE) AS flow_to_date,
           arg_max(t.value, t.month) FILTER (WHERE t.month <= $as_of::DATE) AS stock_to_date
    FROM main.plan_targets AS t, quarter
    WHERE t.plan_version = $version AND t.month BETWEEN quarter.first_month AND quarter.last_month
      AND t.action_id IN (SELECT action_id FROM scoped)
    GROUP BY t.action_id, t.metric
),
actual AS (
    SELECT r.action_id, r.metric, sum(r.value) AS flow, arg_max(r.value, r.month) AS stock
    FROM main.results AS r, quarter
    WHERE r.month BETWEEN quarter.first_month AND least(quarter.last_month, $as_of::DATE)
      AND r.action_id IN (SELECT action_id FROM scoped)
    GROUP BY r.action_id, r.metric
),
paired AS (
    SELECT coalesce(t.action_id, a.action_id) AS action_id, coalesce(t.metric, a.metric) AS metric,
           m.aggregation,
           CASE WHEN m.aggregation = 'sum' THEN t.flow_quarter ELSE t.stock_quarter END AS target_quarter,
           CASE WHEN m.aggregation = 'sum' THEN t.flow_to_date ELSE t.stock_to_date END AS target_to_date,
           CASE WHEN m.aggregation = 'sum' THEN coalesce(a.flow, CASE WHEN t.flow_to_date IS NOT NULL THEN 0 END)
                ELSE a.stock END AS actual
    FROM target AS t FULL JOIN actual AS a ON t.action_id = a.action_id AND t.metric = a.metric
    JOIN metric AS m ON m.metric = coalesce(t.metric, a.metric)
)
SELECT *, actual / nullif(target_to_date, 0) AS pace,
       CASE WHEN actual / nullif(target_to_date, 0) >= $on_track THEN 'on_track'
            WHEN actual / nullif(target_to_date, 0) >= $watch THEN 'watch'
            WHEN target_to_date <> 0 THEN 'off_track' END AS status
FROM paired
ORDER BY action_id, metric
