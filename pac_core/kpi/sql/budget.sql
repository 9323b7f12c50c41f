-- Budget consumed and expected overrun, per action of the scope or added up by lever, channel, owner, company
-- (DESIGN.md, "The numbers"; kpi/budget.py writes the grouped CTE: per_action itself, or its sums by a key of its
-- own list).
--   planned      : the action's budget for the year in the plan version measured against (main.actions.budget
--                  for the current version) (a group: the sum of its actions'
--                  budgets; an action without a budget adds nothing to it, but what it spends still counts)
--   spent        : the sum of the action's `cout` results from January of the as-of year to the as-of month;
--                  no `cout` result counts as nothing spent (as a missing month counts as nothing done).
--                  Company-wide costs (action_id NULL) belong to no action and are not counted.
--   consumption  : spent / planned; NULL when planned is 0 or missing (never 0 or inf)
--   over_budget  : spent > planned (already above the budget); always a true boolean: false when planned is
--                  missing (nothing to be above; consumption and overrun say the budget is missing)
--   active months: the months of the as-of year between the action's start and end months (a missing
--                  start means January, a missing end December). months_elapsed are those up to the as-of
--                  month, months_remaining those after it.
--   projected    : the year's spend at the current pace, over the action's own active months only:
--                    months_remaining = 0 (finished, or over at the as-of month): spent
--                    fewer than 3 months elapsed (not started, or just started): greatest(spent, planned) —
--                      the plan is assumed kept unless already exceeded (without a budget: spent + spent /
--                      months_elapsed × months_remaining)
--                    otherwise: spent + the mean monthly spend of the last three months × months_remaining
--                  Why the active months: a trade show from May to September seen in October has finished
--                  spending. Why the last three months, as for the objectives' forecast band: a stand paid at
--                  once in the first month, or a website redesign paid up front, is not a monthly pace; what
--                  the action spends now is.
--   overrun      : max(0, projected − planned); NULL when planned is missing (DuckDB's greatest() would
--                  skip the NULL and say 0).
-- A group's ratios are recomputed from its sums (like the objectives' roll-ups): an action's saving can
-- offset another's overrun; actions_over_budget and actions_overrunning count the actions one by one.
-- Parameters: $as_of and the scope's filters (see kpi/scope.py); the plan version is that of budget_base.
WITH
params AS (
    SELECT $as_of::DATE AS as_of, date_trunc('year', $as_of::DATE)::DATE AS year_start
),
active AS (  -- the scope's actions (budget_base.sql: attributes, budget in the version, the year's cost results)
    SELECT b.action_id, b.name, b.lever, b.channel, b.owner, b.start_date, b.end_date, b.budget,
           coalesce({sum_to_date}, 0) AS spent, coalesce({sum_last_3_months}, 0) AS recent_spent, params.as_of,
           greatest(params.year_start, coalesce(date_trunc('month', b.start_date)::DATE, params.year_start))
               AS first_active,
           least((params.year_start + INTERVAL 11 MONTH)::DATE,
                 coalesce(date_trunc('month', b.end_date)::DATE, (params.year_start + INTERVAL 11 MONTH)::DATE))
               AS last_active
    FROM budget_base AS b CROSS JOIN params
    WHERE {scoped_filter}  -- the filters, on the base's copy of each action's attributes
),
counted AS (
    SELECT *,
           greatest(0, datediff('month', first_active, least(as_of, last_active)) + 1) AS months_elapsed,
           greatest(0, datediff('month', greatest((as_of + INTERVAL 1 MONTH)::DATE, first_active), last_active) + 1)
               AS months_remaining
    FROM active
),
projected AS (
    SELECT *,
           CASE WHEN months_remaining = 0 THEN spent
                WHEN months_elapsed < 3 AND budget IS NOT NULL THEN greatest(spent, budget)
                WHEN months_elapsed = 0 THEN spent
                WHEN months_elapsed < 3 THEN spent + spent / months_elapsed * months_remaining
                ELSE spent + recent_spent / 3 * months_remaining END AS projected
    FROM counted
),
per_action AS (  -- one row per action; its counts say whether it is over budget, or will be
    SELECT action_id AS group_key, name, lever, channel, owner, start_date, end_date, months_elapsed,
           months_remaining, 1::BIGINT AS actions, budget AS planned, spent, projected,
           coalesce((spent > budget)::BIGINT, 0) AS actions_over_budget,
           coalesce((projected > budget)::BIGINT, 0) AS actions_overrunning
    FROM projected
),
grouped AS ({grouped})  -- per action: per_action itself; a group: the sums of its actions' rows (kpi/budget.py)
SELECT *,
       spent / nullif(planned, 0) AS consumption,
       coalesce(spent > planned, false) AS over_budget,
       CASE WHEN projected > planned THEN projected - planned WHEN planned IS NOT NULL THEN 0 END AS overrun
FROM grouped
ORDER BY group_key NULLS LAST
