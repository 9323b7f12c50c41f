-- Month by month, for one indicator ($metric) over the scoped actions: target, actual, their cumulative
-- sums (flows), and the forecast path with its band — the same forecast as objectives.sql, month by month:
--   flows : forecast(m) = Σ actions [actual to date + rate × targets of the months after the as-of month
--           up to m], a cumulative figure that reaches the year-end forecast in December;
--   stocks: forecast(m) = Σ actions [latest value + monthly change × months after the as-of month].
-- Months after the as-of month have no actual; months up to it have no forecast (the actual is known).
WITH
objective AS ({objectives}),
months AS (
    SELECT unnest(generate_series(date_trunc('year', $as_of::DATE)::DATE,
                                  (date_trunc('year', $as_of::DATE) + INTERVAL 11 MONTH)::DATE,
                                  INTERVAL 1 MONTH))::DATE AS month
),
chosen AS (SELECT * FROM objective WHERE metric = $metric),
monthly AS (
    SELECT m.month, c.action_id, c.aggregation, t.value AS target,
           CASE WHEN m.month <= $as_of::DATE THEN r.value END AS actual,
           c.actual_to_date, c.forecast_rate, c.low_rate, c.high_rate,
           m.month > $as_of::DATE AS after_as_of
    FROM months AS m CROSS JOIN chosen AS c
    LEFT JOIN main.plan_targets AS t
           ON t.action_id = c.action_id AND t.metric = c.metric AND t.month = m.month AND t.plan_version = $version
    LEFT JOIN main.results AS r ON r.action_id = c.action_id AND r.metric = c.metric AND r.month = m.month
),
per_action AS (
    SELECT *,
           sum(CASE WHEN after_as_of THEN coalesce(target, 0) ELSE 0 END)
               OVER (PARTITION BY action_id ORDER BY month) AS target_after,
           count(*) FILTER (WHERE after_as_of) OVER (PARTITION BY action_id ORDER BY month) AS months_after
    FROM monthly
),
per_month AS (
    SELECT month, bool_or(after_as_of) AS after_as_of, any_value(aggregation) AS aggregation,
           sum(target) AS target, sum(actual) AS actual,
           sum(CASE WHEN aggregation = 'sum' THEN coalesce(actual_to_date, 0) + forecast_rate * target_after
                    ELSE actual_to_date + forecast_rate * months_after END) AS forecast,
           sum(CASE WHEN aggregation = 'sum' THEN coalesce(actual_to_date, 0) + low_rate * target_after
                    ELSE actual_to_date + low_rate * months_after END) AS forecast_low,
           sum(CASE WHEN aggregation = 'sum' THEN coalesce(actual_to_date, 0) + high_rate * target_after
                    ELSE actual_to_date + high_rate * months_after END) AS forecast_high
    FROM per_action
    GROUP BY month
)
SELECT month, target, actual,
       CASE WHEN aggregation = 'sum' THEN sum(coalesce(target, 0)) OVER (ORDER BY month) END AS target_cumulative,
       CASE WHEN aggregation = 'sum' AND NOT after_as_of
            THEN sum(coalesce(actual, 0)) OVER (ORDER BY month) END AS actual_cumulative,
       CASE WHEN after_as_of THEN forecast END AS forecast,
       CASE WHEN after_as_of THEN forecast_low END AS forecast_low,
       CASE WHEN after_as_of THEN forecast_high END AS forecast_high
FROM per_month
ORDER BY month
