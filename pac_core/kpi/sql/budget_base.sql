-- What the budget of a year starts from, one row per action of main.actions that runs in the year or spent in it:
-- its attributes, its budget in plan version $version (version_budgets.sql, spliced in by kpi/budget.py) and its `cout` results of year $year, a
-- column per month (the result grid, sql/grids.sql; none: NULL). Company-wide costs (no action) belong to no
-- action. Computed at the first read after a change of the data and kept (Store.derived, kpi/budget.py):
-- budget.sql reads it as `budget_base`, without a join.
SELECT a.action_id, a.lever, a.name, a.channel, a.kind, a.segment, a.owner, a.status, a.start_date, a.end_date,
       v.budget, c.m01, c.m02, c.m03, c.m04, c.m05, c.m06, c.m07, c.m08, c.m09, c.m10, c.m11, c.m12
FROM main.actions AS a
LEFT JOIN (
{version_budgets}
) AS v USING (action_id)
LEFT JOIN (SELECT * FROM main.result_grid WHERE metric = 'cout' AND year = $year) AS c USING (action_id)
-- an action that ended before the year and spent nothing in it (last year's, kept as history) is not in its budget
WHERE a.end_date IS NULL OR year(a.end_date) >= $year OR c.metric IS NOT NULL
ORDER BY a.action_id
