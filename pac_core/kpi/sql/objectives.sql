-- Objective vs actual for every action × indicator of the scope, at the as-of month (DESIGN.md, "The numbers").
--   target to date : flows, the sum of the monthly targets up to the as-of month; stocks, the target of the
--                    latest month up to it
--   actual to date : flows, the sum of the results up to the as-of month; stocks, the latest result
--   pace           : actual to date / target to date          attainment : actual to date / target of the year
--   forecast       : flows, actual to date + remaining target × pace (the plan is assumed kept when there is
--                    no target to date yet); band from the worst and best monthly pace of the last three months.
--                    stocks, the latest value + the mean monthly change of the last three months × months left;
--                    band from the smallest and largest monthly change.
-- Parameters: $as_of, $version, $on_track, $watch and the scoped actions' filters (see kpi/scope.py).
WITH
params AS (
    SELECT $as_of::DATE AS as_of, $version::INTEGER AS version, $on_track::DOUBLE AS on_track,
           $watch::DOUBLE AS watch, date_trunc('year', $as_of::DATE)::DATE AS year_start
),
scoped AS ({scoped_actions}),
metric AS (SELECT code AS metric, aggregation FROM main.metrics WHERE family <> 'coût'),
target AS (
    SELECT t.action_id, t.metric, t.month, t.value
    FROM main.plan_targets AS t, params
    WHERE t.plan_version = params.version AND t.month >= params.year_start
      AND t.month < params.year_start + INTERVAL 1 YEAR
      AND t.action_id IN (SELECT action_id FROM scoped)
),
actual AS (
    SELECT r.action_id, r.metric, r.month, r.value
    FROM main.results AS r, params
    WHERE r.month >= params.year_start AND r.month <= params.as_of
      AND r.action_id IN (SELECT action_id FROM scoped)
),
target_pair AS (
    SELECT action_id, metric,
           sum(value) FILTER (WHERE month <= as_of) AS flow_to_date,
           sum(value) AS flow_year,
           sum(value) FILTER (WHERE month > as_of) AS flow_remaining,
           arg_max(value, month) FILTER (WHERE month <= as_of) AS stock_to_date,
           arg_max(value, month) AS stock_year
    FROM target, params
    GROUP BY action_id, metric
),
actual_pair AS (
    SELECT action_id, metric, sum(value) AS flow_to_date, arg_max(value, month) AS stock_to_date,
           max(month) AS last_month
    FROM actual
    GROUP BY action_id, metric
),
recent AS (  -- the last three months, month by month, for the band and the stock trend
    SELECT coalesce(t.action_id, a.action_id) AS action_id, coalesce(t.metric, a.metric) AS metric,
           coalesce(t.month, a.month) AS month, t.value AS target, a.value AS actual
    FROM (SELECT * FROM target, params WHERE month > as_of - INTERVAL 3 MONTH AND month <= as_of) AS t
    FULL JOIN (SELECT * FROM actual, params WHERE month > as_of - INTERVAL 4 MONTH) AS a
      ON t.action_id = a.action_id AND t.metric = a.metric AND t.month = a.month
),
recent_change AS (
    SELECT *, actual - lag(actual) OVER (PARTITION BY action_id, metric ORDER BY month) AS change
    FROM recent
),
recent_pair AS (
    SELECT action_id, metric,
           min(coalesce(actual, 0) / target) FILTER (WHERE target > 0) AS low_pace,
           max(coalesce(actual, 0) / target) FILTER (WHERE target > 0) AS high_pace,
           min(change) FILTER (WHERE month > as_of - INTERVAL 3 MONTH) AS low_change,
           max(change) FILTER (WHERE month > as_of - INTERVAL 3 MONTH) AS high_change,
           avg(change) FILTER (WHERE month > as_of - INTERVAL 3 MONTH) AS mean_change
    FROM recent_change, params
    GROUP BY action_id, metric
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
           r.low_pace, r.high_pace, r.low_change, r.high_change, r.mean_change
    FROM target_pair AS t
    FULL JOIN actual_pair AS a ON t.action_id = a.action_id AND t.metric = a.metric
    JOIN metric ON metric.metric = coalesce(t.metric, a.metric)
    LEFT JOIN recent_pair AS r ON r.action_id = coalesce(t.action_id, a.action_id)
                              AND r.metric = coalesce(t.metric, a.metric)
),
measured AS (
    SELECT pair.*,
           actual_to_date / nullif(target_to_date, 0) AS pace,
           actual_to_date / nullif(target_year, 0) AS attainment,
           12 - month(params.as_of) AS months_left
    FROM pair, params
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
ORDER BY action_id, metric
