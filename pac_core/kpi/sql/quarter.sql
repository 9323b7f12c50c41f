-- A quarter against the plan, for every action × indicator of the scope ($quarter_start: its first month):
--   target_quarter : flows, the sum of the quarter's monthly targets; stocks, the target of its last month
--                    with one.
--   target_to_date : the same over the quarter's months up to the as-of month (the quarter so far).
--   actual         : flows, the results of the quarter's months up to the as-of month; stocks, the latest.
--   pace           : actual / target_to_date; status with the thresholds.
-- Targets and results are read side by side from the plan version's objective grid (kpi/objective_grid.py,
-- registered by the caller); the quarter's columns (placeholders in braces) are written out by compare.py.
WITH
metric AS (SELECT code AS metric, aggregation FROM main.metrics WHERE family <> 'coût'),
quarter AS (  -- the pairs with a target in the quarter, or a result in it to date
    SELECT g.action_id, g.metric,
           {quarter_target} AS flow_quarter, {quarter_target_latest} AS stock_quarter,
           {quarter_target_to_date} AS flow_to_date, {quarter_target_latest_to_date} AS stock_to_date,
           {quarter_result_to_date} AS flow, {quarter_result_latest_to_date} AS stock
    FROM objective_grid AS g
    WHERE g.year = year($quarter_start::DATE) AND ({quarter_any_target} OR {quarter_any_result_to_date})
      AND {scoped_grid}  -- the filters, on the grid's copy of each action's attributes
),
paired AS (
    SELECT q.action_id, q.metric, m.aggregation,
           CASE WHEN m.aggregation = 'sum' THEN q.flow_quarter ELSE q.stock_quarter END AS target_quarter,
           CASE WHEN m.aggregation = 'sum' THEN q.flow_to_date ELSE q.stock_to_date END AS target_to_date,
           CASE WHEN m.aggregation = 'sum' THEN coalesce(q.flow, CASE WHEN q.flow_to_date IS NOT NULL THEN 0 END)
                ELSE q.stock END AS actual
    FROM quarter AS q JOIN metric AS m USING (metric)
)
SELECT *, actual / nullif(target_to_date, 0) AS pace,
       CASE WHEN actual / nullif(target_to_date, 0) >= $on_track THEN 'on_track'
            WHEN actual / nullif(target_to_date, 0) >= $watch THEN 'watch'
            WHEN target_to_date <> 0 THEN 'off_track' END AS status
FROM paired
ORDER BY action_id, metric
