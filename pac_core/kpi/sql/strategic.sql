-- Strategic objectives at the as-of month (filters do not apply: these are the company's goals).
--   actions  : those that name the objective in their « Objectif stratégique » column (IDs split on ; or ,)
--   current  : stocks (clients actifs…), the latest company-wide result up to the as-of month, else the sum of
--              the serving actions' latest values; flows (CA…), the year's company-wide results up to the
--              as-of month when there are any, else the sum of the serving actions' results (all actions
--              when none names the objective) — never both, a company figure already includes them.
--   progress : stocks, (current − baseline) / (target − baseline) — from 150 to 180 active clients, 165 is half way;
--              flows, current / target — the year's revenue so far against the year's target (the baseline is
--              last year's figure: "+250 000 €" from 1 000 000 € is a target of 1 250 000 € for this year).
--   forecast : stocks, current + mean monthly change over the last three months × months to the due date;
--              flows from actions, the sum of their year-end forecasts (objectives.sql); flows from
--              company-wide figures, current × 12 / months elapsed.
--   status   : from the forecast's progress (the same formula applied to the forecast), with the thresholds.
WITH
objective_rows AS ({objectives}),
serving AS (
    SELECT s.objective_id, a.action_id
    FROM main.strategic_objectives AS s
    JOIN main.actions AS a
      ON list_contains(list_transform(string_split(replace(coalesce(a.objective_ids, ''), ',', ';'), ';'),
                                      lambda x: trim(x)), s.objective_id)
),
serving_list AS (
    SELECT objective_id, list(action_id ORDER BY action_id) AS actions FROM serving GROUP BY objective_id
),
chosen_actions AS (  -- serving actions, or every action when none names the objective
    SELECT s.objective_id, a.action_id
    FROM main.strategic_objectives AS s CROSS JOIN main.actions AS a
    WHERE a.action_id IN (SELECT action_id FROM serving WHERE serving.objective_id = s.objective_id)
       OR NOT EXISTS (SELECT 1 FROM serving WHERE serving.objective_id = s.objective_id)
),
company AS (  -- company-wide results of the year up to the as-of month
    SELECT metric, month, value FROM main.results
    WHERE action_id IS NULL AND month >= date_trunc('year', $as_of::DATE) AND month <= $as_of::DATE
),
company_figures AS (
    SELECT metric, sum(value) AS flow, arg_max(value, month) AS stock, count(*) AS months_reported,
           max(month) AS last_month
    FROM company GROUP BY metric
),
company_change AS (
    SELECT metric, avg(change) AS mean_change FROM (
        SELECT metric, month, value - lag(value) OVER (PARTITION BY metric ORDER BY month) AS change
        FROM company WHERE month > $as_of::DATE - INTERVAL 4 MONTH)
    WHERE month > $as_of::DATE - INTERVAL 3 MONTH
    GROUP BY metric
),
from_actions AS (
    SELECT c.objective_id, o.metric, sum(o.actual_to_date) AS current, sum(o.forecast) AS forecast
    FROM chosen_actions AS c JOIN objective_rows AS o USING (action_id)
    GROUP BY c.objective_id, o.metric
),
valued AS (
    SELECT s.objective_id, s.label, s.metric, m.aggregation, s.baseline, s.target, s.due_date,
           coalesce(l.actions, []) AS actions,
           CASE WHEN m.aggregation = 'last' THEN coalesce(cf.stock, fa.current)
                ELSE coalesce(cf.flow, fa.current) END AS current,
           CASE WHEN cf.metric IS NOT NULL THEN 'entreprise' WHEN fa.metric IS NOT NULL THEN 'actions' END AS source,
           CASE
             WHEN m.aggregation = 'last' AND cf.metric IS NOT NULL
               THEN cf.stock + coalesce(cc.mean_change, 0)
                    * greatest(0, date_diff('month', $as_of::DATE,
                                  date_trunc('month', coalesce(s.due_date, date_trunc('year', $as_of::DATE)
                                                                             + INTERVAL 11 MONTH))))
             WHEN cf.metric IS NOT NULL
               THEN cf.flow * 12 / month($as_of::DATE)
             ELSE fa.forecast END AS forecast
    FROM main.strategic_objectives AS s
    JOIN main.metrics AS m ON m.code = s.metric
    LEFT JOIN serving_list AS l USING (objective_id)
    LEFT JOIN company_figures AS cf ON cf.metric = s.metric
    LEFT JOIN company_change AS cc ON cc.metric = s.metric
    LEFT JOIN from_actions AS fa ON fa.objective_id = s.objective_id AND fa.metric = s.metric
),
progressed AS (
    SELECT *,
           CASE WHEN aggregation = 'last'
                THEN (current - coalesce(baseline, 0)) / nullif(target - coalesce(baseline, 0), 0)
                ELSE current / nullif(target, 0) END AS progress,
           CASE WHEN aggregation = 'last'
                THEN (forecast - coalesce(baseline, 0)) / nullif(target - coalesce(baseline, 0), 0)
                ELSE forecast / nullif(target, 0) END AS forecast_progress
    FROM valued
)
SELECT *,
       CASE WHEN forecast_progress >= $on_track THEN 'on_track'
            WHEN forecast_progress >= $watch THEN 'watch'
            WHEN forecast_progress IS NOT NULL THEN 'off_track' END AS status
FROM progressed
ORDER BY objective_id
