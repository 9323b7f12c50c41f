-- Month by month, for one indicator ($metric) over the scoped actions: target, actual, their cumulative
-- sums (flows), and the forecast path with its band — the same forecast as objectives.sql, month by month:
--   flows : forecast(m) = Σ actions [actual to date + rate × targets of the months after the as-of month
--           up to m], a cumulative figure that reaches the year-end forecast in December; computed as
--           Σ actual to date + a running sum over the months of Σ actions rate × target (added up per month
--           first: twelve rows to run over, not one per action and month);
--   stocks: forecast(m) = Σ actions [latest value + monthly change × months after the as-of month].
--           An objective whose forecast was chosen by backtest (forecast_pairs, kpi/year_end.py) brings its
--           own path instead of rate × target: its forecast of each month and its band spread over the months.
-- Months after the as-of month have no actual; months up to it have no forecast (the actual is known).
-- previous_cumulative: last year's actual of the scoped actions, cumulated (flows) month by month — N−1's line.
WITH
objective AS ({objectives}),
months AS (
    SELECT unnest(generate_series(date_trunc('year', $as_of::DATE)::DATE,
                                  (date_trunc('year', $as_of::DATE) + INTERVAL 11 MONTH)::DATE,
                                  INTERVAL 1 MONTH))::DATE AS month
),
chosen AS MATERIALIZED (SELECT * FROM objective WHERE metric = $metric),
totals AS (
    SELECT any_value(aggregation) AS aggregation, count(*) AS objectives,
           sum(coalesce(actual_to_date, 0)) AS flow_to_date,
           sum(actual_to_date) AS stock_to_date,
           sum(forecast_rate) FILTER (WHERE actual_to_date IS NOT NULL) AS stock_rate,
           sum(low_rate) FILTER (WHERE actual_to_date IS NOT NULL) AS stock_low_rate,
           sum(high_rate) FILTER (WHERE actual_to_date IS NOT NULL) AS stock_high_rate
    FROM chosen
),
pathed AS (  -- the objectives with a chosen forecast and a path of their own
    SELECT f.* FROM forecast_pairs AS f JOIN chosen AS c USING (action_id, metric) WHERE f.year_end IS NOT NULL
),
path AS (
    SELECT m.month, sum(f.path[month(m.month)]) AS rated, sum(f.path_low[month(m.month)]) AS rated_low,
           sum(f.path_high[month(m.month)]) AS rated_high
    FROM months AS m CROSS JOIN pathed AS f
    GROUP BY m.month
),
target AS (
    SELECT t.month, sum(t.value) AS target,
           sum(t.value * c.forecast_rate) FILTER (WHERE p.action_id IS NULL) AS planned,
           sum(t.value * c.low_rate) FILTER (WHERE p.action_id IS NULL) AS planned_low,
           sum(t.value * c.high_rate) FILTER (WHERE p.action_id IS NULL) AS planned_high
    FROM main.plan_targets AS t JOIN chosen AS c ON t.action_id = c.action_id
    LEFT JOIN pathed AS p ON p.action_id = t.action_id AND p.metric = t.metric
    WHERE t.metric = $metric AND t.plan_version = $version
      AND t.month >= date_trunc('year', $as_of::DATE)::DATE
      AND t.month <= (date_trunc('year', $as_of::DATE) + INTERVAL 11 MONTH)::DATE
    GROUP BY t.month
),
actual AS (
    SELECT r.month, sum(r.value) AS actual
    FROM main.results AS r JOIN chosen AS c ON r.action_id = c.action_id
    WHERE r.metric = $metric AND r.month >= date_trunc('year', $as_of::DATE)::DATE AND r.month <= $as_of::DATE
    GROUP BY r.month
),
previous AS (  -- N−1 (DESIGN.md): last year's actual of the scoped actions, each month moved to this year's
    SELECT (r.month + INTERVAL 1 YEAR)::DATE AS month, sum(r.value) AS previous
    FROM main.results AS r
    WHERE r.metric = $metric AND r.action_id IN (SELECT action_id FROM ({scoped_actions}))
      AND r.month >= (date_trunc('year', $as_of::DATE) - INTERVAL 1 YEAR)::DATE
      AND r.month < date_trunc('year', $as_of::DATE)::DATE
    GROUP BY ALL
),
per_month AS (
    SELECT m.month, m.month > $as_of::DATE AS after_as_of, totals.aggregation, t.target, a.actual, p.previous,
           count(p.previous) OVER () > 0 AS has_previous,
           sum(CASE WHEN m.month > $as_of::DATE THEN coalesce(t.planned, 0) + coalesce(pa.rated, 0) ELSE 0 END)
               OVER w AS rated_after,
           sum(CASE WHEN m.month > $as_of::DATE THEN coalesce(t.planned_low, 0) + coalesce(pa.rated_low, 0) ELSE 0 END)
               OVER w AS rated_low_after,
           sum(CASE WHEN m.month > $as_of::DATE THEN coalesce(t.planned_high, 0) + coalesce(pa.rated_high, 0) ELSE 0 END)
               OVER w AS rated_high_after,
           count(*) FILTER (WHERE m.month > $as_of::DATE) OVER w AS months_after,
           totals.flow_to_date, totals.stock_to_date, totals.stock_rate, totals.stock_low_rate, totals.stock_high_rate
    FROM months AS m CROSS JOIN totals
    LEFT JOIN target AS t USING (month)
    LEFT JOIN actual AS a USING (month)
    LEFT JOIN previous AS p USING (month)
    LEFT JOIN path AS pa USING (month)
    WHERE totals.objectives > 0
    WINDOW w AS (ORDER BY m.month)
)
SELECT month, target, actual,
       CASE WHEN aggregation = 'sum' THEN sum(coalesce(target, 0)) OVER (ORDER BY month) END AS target_cumulative,
       CASE WHEN aggregation = 'sum' AND NOT after_as_of
            THEN sum(coalesce(actual, 0)) OVER (ORDER BY month) END AS actual_cumulative,
       CASE WHEN NOT after_as_of THEN NULL
            WHEN aggregation = 'sum' THEN flow_to_date + rated_after
            ELSE stock_to_date + stock_rate * months_after END AS forecast,
       CASE WHEN NOT after_as_of THEN NULL
            WHEN aggregation = 'sum' THEN flow_to_date + rated_low_after
            ELSE stock_to_date + stock_low_rate * months_after END AS forecast_low,
       CASE WHEN NOT after_as_of THEN NULL
            WHEN aggregation = 'sum' THEN flow_to_date + rated_high_after
            ELSE stock_to_date + stock_high_rate * months_after END AS forecast_high,
       previous AS previous_year,  -- N−1 of the month (NULL: none)
       CASE WHEN NOT has_previous THEN NULL
            WHEN aggregation = 'sum' THEN sum(coalesce(previous, 0)) OVER (ORDER BY month)
            ELSE previous END AS previous_cumulative
FROM per_month
ORDER BY month
