-- The current targets and results as grids: one row per action × indicator × year (× plan version for
-- targets), one column per month, m01 … m12 (NULL: no figure that month). The KPI queries read these:
-- DuckDB adds a few of 84 000 rows' columns faster than it groups a million rows. Defined over the current
-- tables main.plan_targets and main.results, and kept equal to these views by the store (rows of the pairs
-- an import speaks for are recomputed in its transaction; everything is rebuilt after an undo).

CREATE OR REPLACE VIEW history.latest_target_grid AS
SELECT plan_version, action_id, metric, year(month)::INTEGER AS year,
       any_value(value) FILTER (WHERE month(month) = 1) AS m01,
       any_value(value) FILTER (WHERE month(month) = 2) AS m02,
       any_value(value) FILTER (WHERE month(month) = 3) AS m03,
       any_value(value) FILTER (WHERE month(month) = 4) AS m04,
       any_value(value) FILTER (WHERE month(month) = 5) AS m05,
       any_value(value) FILTER (WHERE month(month) = 6) AS m06,
       any_value(value) FILTER (WHERE month(month) = 7) AS m07,
       any_value(value) FILTER (WHERE month(month) = 8) AS m08,
       any_value(value) FILTER (WHERE month(month) = 9) AS m09,
       any_value(value) FILTER (WHERE month(month) = 10) AS m10,
       any_value(value) FILTER (WHERE month(month) = 11) AS m11,
       any_value(value) FILTER (WHERE month(month) = 12) AS m12
FROM main.plan_targets
GROUP BY plan_version, action_id, metric, year(month);

CREATE OR REPLACE VIEW history.latest_result_grid AS
SELECT action_id, metric, year(month)::INTEGER AS year,
       any_value(value) FILTER (WHERE month(month) = 1) AS m01,
       any_value(value) FILTER (WHERE month(month) = 2) AS m02,
       any_value(value) FILTER (WHERE month(month) = 3) AS m03,
       any_value(value) FILTER (WHERE month(month) = 4) AS m04,
       any_value(value) FILTER (WHERE month(month) = 5) AS m05,
       any_value(value) FILTER (WHERE month(month) = 6) AS m06,
       any_value(value) FILTER (WHERE month(month) = 7) AS m07,
       any_value(value) FILTER (WHERE month(month) = 8) AS m08,
       any_value(value) FILTER (WHERE month(month) = 9) AS m09,
       any_value(value) FILTER (WHERE month(month) = 10) AS m10,
       any_value(value) FILTER (WHERE month(month) = 11) AS m11,
       any_value(value) FILTER (WHERE month(month) = 12) AS m12
FROM main.results
GROUP BY action_id, metric, year(month);
