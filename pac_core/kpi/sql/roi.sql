-- Cost, attributed revenue and returns per action of the scope over a range of months, or added up by
-- channel, lever… (DESIGN.md, "The numbers"; the Python caller fills in the group key from its own list).
--   range            : the months from $first_month to $last_month, both included (default: January of the
--                      as-of year to the as-of month)
--   cost             : the sum of the `cout` results in the range; no `cout` result counts as nothing spent
--   revenue          : attributed so that no euro is counted twice. For each action and month of the range:
--                        the action has at least one `ca` result in the range (a 0 counts): its `ca` results,
--                        source 'réalisé';
--                        otherwise: the amounts of its opportunities with status 'Gagnée' whose closed_on falls
--                        in that month, source 'opportunités'.
--                      The choice is made per action over the whole range, not month by month: an owner who
--                      reports revenue usually leaves the months without sales empty, and taking won deals for
--                      those months would add back deals the results already hold in another month.
--                      A won opportunity without a source action (only a channel), without a closing date or
--                      whose action is unknown is attributed to no action, hence to no channel or lever.
--                      An action with neither source has revenue 0 and revenue_source NULL.
--   revenue_source   : per group, 'réalisé' or 'opportunités' when all its actions with revenue use that
--                      source, 'mixte' when both occur, NULL when none has any
--   roi              : (revenue − cost) / cost          roas : revenue / cost
--   cost_per_contact, cost_per_meeting, cost_per_new_client : cost / the sum of the `contacts`, `rdv`,
--                      `nouveaux_clients` results in the range
--   An action that ended before the range and has no figure in it (a stopped action's history) is left out.
--   Every ratio is NULL when its denominator is 0 or missing (never 0 or inf). A group's ratios are computed
--   from its sums. Company-wide results (action_id NULL) belong to no action, hence to no channel or lever.
-- Parameters: $first_month, $last_month (first days of months) and the scoped actions' filters.
WITH
params AS (
    SELECT $first_month::DATE AS first_month, $last_month::DATE AS last_month,
           ($last_month::DATE + INTERVAL 1 MONTH)::DATE AS after_range
),
scoped AS ({scoped_actions}),
reported AS (
    SELECT r.action_id,
           sum(r.value) FILTER (WHERE r.metric = 'cout') AS cost,
           sum(r.value) FILTER (WHERE r.metric = 'ca') AS revenue,
           count(*) FILTER (WHERE r.metric = 'ca') AS revenue_results,
           sum(r.value) FILTER (WHERE r.metric = 'contacts') AS contacts,
           sum(r.value) FILTER (WHERE r.metric = 'rdv') AS meetings,
           sum(r.value) FILTER (WHERE r.metric = 'nouveaux_clients') AS new_clients
    FROM main.results AS r, params
    WHERE r.month >= params.first_month AND r.month <= params.last_month
      AND r.metric IN ('cout', 'ca', 'contacts', 'rdv', 'nouveaux_clients')
      AND r.action_id IN (SELECT action_id FROM scoped)
    GROUP BY r.action_id
),
won AS (
    SELECT o.action_id, coalesce(sum(o.amount), 0) AS revenue, count(*) AS deals
    FROM main.opportunities AS o, params
    WHERE o.status = 'Gagnée' AND o.closed_on >= params.first_month AND o.closed_on < params.after_range
      AND o.action_id IN (SELECT action_id FROM scoped)
    GROUP BY o.action_id
),
per_action AS (
    SELECT s.action_id, s.name, s.lever, s.channel, s.owner, s.kind, s.segment,
           coalesce(r.cost, 0) AS cost,
           CASE WHEN r.revenue_results > 0 THEN r.revenue ELSE coalesce(w.revenue, 0) END AS revenue,
           CASE WHEN r.revenue_results > 0 THEN 'réalisé' WHEN w.deals > 0 THEN 'opportunités' END AS revenue_source,
           r.contacts, r.meetings, r.new_clients
    FROM scoped AS s
    LEFT JOIN reported AS r USING (action_id)
    LEFT JOIN won AS w USING (action_id)
    -- an action that ended before the range and has no figure in it (last year's, kept as history) is not there
    WHERE NOT (s.end_date < (SELECT first_month FROM params) AND r.action_id IS NULL AND w.action_id IS NULL)
),
grouped AS (
    SELECT {group} AS group_key, {attributes}
           count(*) AS actions,
           sum(cost) AS cost,
           sum(revenue) AS revenue,
           CASE WHEN count(DISTINCT revenue_source) > 1 THEN 'mixte' ELSE any_value(revenue_source) END
               AS revenue_source,
           sum(contacts) AS contacts,
           sum(meetings) AS meetings,
           sum(new_clients) AS new_clients
    FROM per_action
    GROUP BY ALL
)
SELECT grouped.*,
       (revenue - cost) / nullif(cost, 0) AS roi,
       revenue / nullif(cost, 0) AS roas,
       cost / nullif(contacts, 0) AS cost_per_contact,
       cost / nullif(meetings, 0) AS cost_per_meeting,
       cost / nullif(new_clients, 0) AS cost_per_new_client,
       params.first_month, params.last_month
FROM grouped, params
ORDER BY group_key NULLS LAST
