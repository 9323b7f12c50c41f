-- A quarter against the plan, for every action × indicator of the scope ($quarter_start: its first month):
--   target_quarter : flows, the sum of the quarter's monthly targets; stocks, the target of its last month
--                    with one.
--   target_to_date : the same over the quarter's months up to the as-of month (the quarter so far).
--   actual         : flows, the results of the quarter's months up to the as-of month; stocks, the latest.
--   pace           : actual / target_to_date; status with the thresholds.
WITH
scoped AS ({scoped_actions}),
metric AS (SELECT code AS metric, aggregation FROM main.metrics WHERE family <> 'coût'),
target AS (  -- grid rows (sql/grids.sql) of the quarter's year; the quarter's columns written out by compare.py
    SELECT t.action_id, t.metric,
           {quarter_sum} AS flow_quarter, {quarter_latest} AS stock_quarter,
           {quarter_sum_to_date} AS flow_to_date, {quarter_latest_to_date} AS stock_to_date
    FROM main.target_grid AS t
    WHERE t.plan_version = $version AND t.year = year($quarter_start::DATE) AND {quarter_any}
      AND t.action_id IN (SELECT action_id FROM scoped)
),
actual AS (
    SELECT r.action_id, r.metric, {quarter_sum_to_date} AS flow, {quarter_latest_to_date} AS stock
    FROM main.result_grid AS r
    WHERE r.year = year($quarter_start::DATE) AND {quarter_any_to_date}
      AND r.action_id IN (SELECT action_id FROM scoped)
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
