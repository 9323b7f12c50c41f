-- Objective vs actual for every action × indicator of the scope, at the as-of month (DESIGN.md, "The numbers").
--   target to date : flows, the sum of the monthly targets up to the as-of month; stocks, the target of the
--                    latest month up to it
--   actual to date : flows, the sum of the results up to the as-of month; stocks, the latest result
--   pace           : actual to date / target to date          attainment : actual to date / target of the year
--   forecast       : flows, actual to date + remaining target × pace (the plan is assumed kept when there is
--                    no target to date yet); band from the worst and best monthly pace of the last three months.
--                    stocks, the latest value + the mean monthly change of the last three months × months left;
--                    band from the smallest and largest monthly change.
--   monthly pace   : a month's result (none counts 0) / its target, for the months with a target above 0
--   monthly change : a month's result − the result of the previous month that has a target or a result (within
--                    the year, up to three months back; NULL when that month has a target but no result), for
--                    the months that have a target or a result
-- Targets and results are read from the grids (one row per action × indicator × year, a column per month):
-- the sums and months of the as-of month (placeholders in braces) are written out by kpi/grid_sql.py. Rows come unordered:
-- callers sort.
-- Parameters: $as_of, $version, $on_track, $watch, the scoped actions' filters (see kpi/scope.py) and $metrics
-- (the indicators to compute; an empty list: all).
WITH
params AS (
    SELECT $as_of::DATE AS as_of, $version::INTEGER AS version, $on_track::DOUBLE AS on_track,
           $watch::DOUBLE AS watch
),
scoped AS ({scoped_actions}),
metric AS (SELECT code AS metric, aggregation FROM main.metrics WHERE family <> 'coût'),
target_pair AS (  -- one grid row (sql/grids.sql); target_k: the target k months before the as-of month
    SELECT t.action_id, t.metric,
           {sum_to_date} AS flow_to_date, {sum_of_year} AS flow_year, {sum_after} AS flow_remaining,
           {latest_to_date} AS stock_to_date, {latest_of_year} AS stock_year,
           {month_0} AS target_0, {month_1} AS target_1, {month_2} AS target_2
    FROM main.target_grid AS t, params AS p
    WHERE t.plan_version = p.version AND t.year = year(p.as_of)
      AND t.action_id IN (SELECT action_id FROM scoped)
      AND (len($metrics::VARCHAR[]) = 0 OR list_contains($metrics::VARCHAR[], t.metric))
),
actual_pair AS (  -- actual_k: the result k months before the as-of month; only pairs with a result to date
    SELECT r.action_id, r.metric, {sum_to_date} AS flow_to_date, {latest_to_date} AS stock_to_date,
           make_date(r.year, {latest_month_to_date}, 1) AS last_month,
           {month_0} AS actual_0, {month_1} AS actual_1, {month_2} AS actual_2, {month_3} AS actual_3
    FROM main.result_grid AS r, params AS p
    WHERE r.year = year(p.as_of) AND {any_to_date}
      AND r.action_id IN (SELECT action_id FROM scoped)
      AND (len($metrics::VARCHAR[]) = 0 OR list_contains($metrics::VARCHAR[], r.metric))
),
pair AS (
    SELECT coalesce(t.action_id, a.action_id) AS action_id, coalesce(t.metric, a.metric) AS metric,
           metric.aggregation,
           CASE WHEN metric.aggregation = 'sum' THEN t.flow_to_date ELSE t.stock_to_date END AS target_to_date,
           CASE WHEN metric.aggregation = 'sum' THEN coalesce(a.flow_to_date, CASE WHEN t.flow_to_date IS NOT NULL THEN 0 END)
                ELSE a.stock_to_date END AS actual_to_date,
           CASE WHEN metric.aggregation = 'sum' THEN t.flow_year ELSE t.stock_year END AS target_year,
           coalesce(t.flow_remaining, 0) AS target_remaining,
           a.last_month AS last_result_month,
           t.target_0, t.target_1, t.target_2, a.actual_0, a.actual_1, a.actual_2, a.actual_3
    FROM target_pair AS t
    FULL JOIN actual_pair AS a ON t.action_id = a.action_id AND t.metric = a.metric
    JOIN metric ON metric.metric = coalesce(t.metric, a.metric)
),
recent AS (  -- the last three months' paces and changes (see the header); month k has a row: a target or a result
    SELECT pair.*,
           target_0 IS NOT NULL OR actual_0 IS NOT NULL AS row_0,
           target_1 IS NOT NULL OR actual_1 IS NOT NULL AS row_1,
           target_2 IS NOT NULL OR actual_2 IS NOT NULL AS row_2,
           actual_3 IS NOT NULL AS row_3,  -- only the month before: a target alone there gives a NULL change too
           CASE WHEN target_0 > 0 THEN coalesce(actual_0, 0) / target_0 END AS pace_0,
           CASE WHEN target_1 > 0 THEN coalesce(actual_1, 0) / target_1 END AS pace_1,
           CASE WHEN target_2 > 0 THEN coalesce(actual_2, 0) / target_2 END AS pace_2,
           CASE WHEN row_0 THEN actual_0 - CASE WHEN row_1 THEN actual_1 WHEN row_2 THEN actual_2
                                                WHEN row_3 THEN actual_3 END END AS change_0,
           CASE WHEN row_1 THEN actual_1 - CASE WHEN row_2 THEN actual_2 WHEN row_3 THEN actual_3 END END AS change_1,
           CASE WHEN row_2 THEN actual_2 - CASE WHEN row_3 THEN actual_3 END END AS change_2
    FROM pair
),
band AS (  -- least(), greatest() and list_avg() skip NULLs, as min(), max() and avg() over rows would
    SELECT recent.*,
           least(pace_0, pace_1, pace_2) AS low_pace, greatest(pace_0, pace_1, pace_2) AS high_pace,
           least(change_0, change_1, change_2) AS low_change, greatest(change_0, change_1, change_2) AS high_change,
           list_avg([change_0, change_1, change_2]) AS mean_change
    FROM recent
),
measured AS (
    SELECT band.*,
           actual_to_date / nullif(target_to_date, 0) AS pace,
           actual_to_date / nullif(target_year, 0) AS attainment,
           12 - month(params.as_of) AS months_left
    FROM band, params
)
SELECT action_id, metric, aggregation, target_to_date, actual_to_date, pace, attainment, target_year, target_remaining,
       CASE WHEN pace >= params.on_track THEN 'on_track' WHEN pace >= params.watch THEN 'watch'
            WHEN pace IS NOT NULL THEN 'off_track' END AS status,
       CASE WHEN aggregation = 'sum'
            THEN coalesce(actual_to_date, 0) + target_remaining * coalesce(pace, 1)
            ELSE actual_to_date + coalesce(mean_change, 0) * months_left END AS forecast,
       CASE WHEN aggregation = 'sum'
            THEN coalesce(actual_to_date, 0) + target_remaining * coalesce(low_pace, pace, 1)
            ELSE actual_to_date + coalesce(low_change, 0) * months_left END AS forecast_low,
       CASE WHEN aggregation = 'sum'
            THEN coalesce(actual_to_date, 0) + target_remaining * coalesce(high_pace, pace, 1)
            ELSE actual_to_date + coalesce(high_change, 0) * months_left END AS forecast_high,
       -- what the forecast applies to the months left (paces for flows, monthly changes for stocks), for series
       CASE WHEN aggregation = 'sum' THEN coalesce(pace, 1) ELSE coalesce(mean_change, 0) END AS forecast_rate,
       CASE WHEN aggregation = 'sum' THEN coalesce(low_pace, pace, 1) ELSE coalesce(low_change, 0) END AS low_rate,
       CASE WHEN aggregation = 'sum' THEN coalesce(high_pace, pace, 1) ELSE coalesce(high_change, 0) END AS high_rate,
       last_result_month
FROM measured, params
