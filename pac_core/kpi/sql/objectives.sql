-- Objective vs actual for every action × indicator of the scope, at the as-of month (DESIGN.md, "The numbers").
--   target to date : flows, the sum of the monthly targets up to the as-of month; stocks, the target of the
--                    latest month up to it
--   actual to date : flows, the sum of the results up to the as-of month; stocks, the latest result
--   pace           : actual to date / target to date          attainment : actual to date / target of the year
--   forecast       : flows, actual to date + remaining target × pace (the plan is assumed kept when there is
--                    no target to date yet); band from the worst and best monthly pace of the last three months.
--                    stocks, the latest value + the mean monthly change of the last three months × months left;
--                    band from the smallest and largest monthly change.
--                    This is the atterrissage (plan_forecast). Where the objective has history, the forecast shown
--                    and its band are the method chosen by backtest (table forecast_pairs, kpi/year_end.py);
--                    forecast_method names it ('plan' otherwise) and forecast_reason says why in French.
--   monthly pace   : a month's result (none counts 0) / its target, for the months with a target above 0
--   monthly change : a month's result − the result of the previous month that has a target or a result (within
--                    the year, up to three months back; NULL when that month has a target but no result), for
--                    the months that have a target or a result
-- Targets and results are read from the plan version's objective grid (kpi/objective_grid.py: one row per action ×
-- indicator × year, a column per month and running totals per month), registered as `objective_grid` by the caller
-- (objectives.grid_tables); the columns of the as-of month (placeholders in braces) are written out by
-- kpi/grid_sql.py. Rows come unordered: callers sort.
-- Parameters: $as_of, $on_track, $watch, the scoped actions' filters (see kpi/scope.py) and $metrics
-- (the indicators to compute; an empty list: all).
WITH
params AS (
    SELECT $as_of::DATE AS as_of, $on_track::DOUBLE AS on_track, $watch::DOUBLE AS watch
),
grid AS (  -- the objective grid's rows (kpi/objective_grid.py) of the as-of year for the scope, costs left out
    SELECT g.*, g.aggregation = 'sum' AS is_flow
    FROM objective_grid AS g
    WHERE g.year = year($as_of::DATE) AND g.family <> 'coût'  -- an indicator outside the catalogue has no family
      AND {scoped_grid}  -- the filters, on the grid's copy of each action's attributes
      AND (len($metrics::VARCHAR[]) = 0 OR list_contains($metrics::VARCHAR[], g.metric))
),
previous AS (  -- N−1 (DESIGN.md): the same action × indicator's actual over the same months of the year before
    SELECT g.action_id, g.metric,
           CASE WHEN g.aggregation = 'sum' THEN g.{result_sum_to_date} ELSE g.{result_latest_to_date} END AS previous_year
    FROM objective_grid AS g
    WHERE g.year = year($as_of::DATE) - 1
),
pair AS (  -- one row per objective: a target this year or a result to date
    SELECT g.grid_row, g.action_id, g.metric, g.aggregation, g.is_flow,
           CASE WHEN g.is_flow THEN g.{target_sum_to_date} ELSE g.{target_latest_to_date} END AS target_to_date,
           CASE WHEN g.is_flow THEN coalesce(g.{result_sum_to_date}, CASE WHEN g.{target_sum_to_date} IS NOT NULL THEN 0 END)
                ELSE g.{result_latest_to_date} END AS actual_to_date,
           CASE WHEN g.is_flow THEN g.tc12 ELSE g.tl12 END AS target_year,
           coalesce({target_sum_after}, 0) AS target_remaining,
           make_date(g.year, g.{result_latest_month}, 1) AS last_result_month,
           {target_0} AS target_0, {target_1} AS target_1, {target_2} AS target_2,
           {result_0} AS actual_0, {result_1} AS actual_1, {result_2} AS actual_2, {result_3} AS actual_3
    FROM grid AS g
    WHERE g.has_target OR g.{result_latest_to_date} IS NOT NULL
),
recent AS (  -- flows: the last three months' paces; stocks: their changes (see the header). Month k has a row: a
             -- target or a result
    SELECT pair.*,
           target_0 IS NOT NULL OR actual_0 IS NOT NULL AS row_0,
           target_1 IS NOT NULL OR actual_1 IS NOT NULL AS row_1,
           target_2 IS NOT NULL OR actual_2 IS NOT NULL AS row_2,
           actual_3 IS NOT NULL AS row_3,  -- only the month before: a target alone there gives a NULL change too
           CASE WHEN is_flow AND target_0 > 0 THEN coalesce(actual_0, 0) / target_0 END AS pace_0,
           CASE WHEN is_flow AND target_1 > 0 THEN coalesce(actual_1, 0) / target_1 END AS pace_1,
           CASE WHEN is_flow AND target_2 > 0 THEN coalesce(actual_2, 0) / target_2 END AS pace_2,
           CASE WHEN NOT is_flow AND row_0 THEN actual_0 - CASE WHEN row_1 THEN actual_1 WHEN row_2 THEN actual_2
                                                                WHEN row_3 THEN actual_3 END END AS change_0,
           CASE WHEN NOT is_flow AND row_1 THEN actual_1 - CASE WHEN row_2 THEN actual_2 WHEN row_3 THEN actual_3 END
                END AS change_1,
           CASE WHEN NOT is_flow AND row_2 THEN actual_2 - CASE WHEN row_3 THEN actual_3 END END AS change_2
    FROM pair
),
band AS (  -- least(), greatest() and list_avg() skip NULLs, as min(), max() and avg() over rows would
    SELECT recent.*,
           least(pace_0, pace_1, pace_2) AS low_pace, greatest(pace_0, pace_1, pace_2) AS high_pace,
           least(change_0, change_1, change_2) AS low_change, greatest(change_0, change_1, change_2) AS high_change,
           CASE WHEN NOT is_flow THEN list_avg([change_0, change_1, change_2]) END AS mean_change
    FROM recent
),
measured AS (
    SELECT band.*,
           actual_to_date / nullif(target_to_date, 0) AS pace,
           actual_to_date / nullif(target_year, 0) AS attainment,
           12 - month(params.as_of) AS months_left
    FROM band, params
),
landing AS (  -- the atterrissage (plan-based) and its band
    SELECT measured.*,
           CASE WHEN is_flow
                THEN coalesce(actual_to_date, 0) + target_remaining * coalesce(pace, 1)
                ELSE actual_to_date + coalesce(mean_change, 0) * months_left END AS plan_forecast,
           CASE WHEN is_flow
                THEN coalesce(actual_to_date, 0) + target_remaining * coalesce(low_pace, pace, 1)
                ELSE actual_to_date + coalesce(low_change, 0) * months_left END AS plan_low,
           CASE WHEN is_flow
                THEN coalesce(actual_to_date, 0) + target_remaining * coalesce(high_pace, pace, 1)
                ELSE actual_to_date + coalesce(high_change, 0) * months_left END AS plan_high
    FROM measured
)
SELECT action_id, metric, aggregation, target_to_date, actual_to_date, pace, attainment, target_year, target_remaining,
       CASE WHEN pace >= params.on_track THEN 'on_track' WHEN pace >= params.watch THEN 'watch'
            WHEN pace IS NOT NULL THEN 'off_track' END AS status,
       coalesce(f.year_end, plan_forecast) AS forecast,
       CASE WHEN f.year_end IS NOT NULL THEN f.low ELSE plan_low END AS forecast_low,
       CASE WHEN f.year_end IS NOT NULL THEN f.high ELSE plan_high END AS forecast_high,
       plan_forecast, coalesce(f.method, 'plan') AS forecast_method, f.reason AS forecast_reason,
       f.backtest_mase, f.backtest_error,
       -- what the forecast applies to the months left (paces for flows, monthly changes for stocks), for series
       CASE WHEN is_flow THEN coalesce(pace, 1) ELSE coalesce(mean_change, 0) END AS forecast_rate,
       CASE WHEN is_flow THEN coalesce(low_pace, pace, 1) ELSE coalesce(low_change, 0) END AS low_rate,
       CASE WHEN is_flow THEN coalesce(high_pace, pace, 1) ELSE coalesce(high_change, 0) END AS high_rate,
       last_result_month,
       p.previous_year,
       grid_row  -- the row of the objective grid, in the order of objectives() (callers drop it)
FROM landing LEFT JOIN previous AS p USING (action_id, metric)
LEFT JOIN forecast_pairs AS f USING (action_id, metric), params
