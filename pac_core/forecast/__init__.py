"""Year-end forecasts of the flow indicators, chosen by backtest, with an honest 80 % band (issue 20).

Pure functions on pandas and numpy: no Streamlit, no store. `forecast_pairs(grid, as_of)` takes the objective
grid's rows (kpi/objective_grid.py; several years per pair = history) and gives, per action × indicator, the
plan-based atterrissage (objectives.sql's definition), the chosen forecast of the year's total with its band,
the method, its backtest error and a French sentence saying why; and the monthly path of the months left.

Methods (one module each): plan.py (the atterrissage, always there), seasonal.py (last year's shape scaled by
this year's to-date ratio), ets.py (ETS(A,N,A), Holt-Winters additive seasonal), theta.py (Theta, θ = 2), and
their mean (« combinaison », as in M4). backtest.py runs rolling-origin backtests on each pair's own history and
chooses by MASE; history.py reads the series from the grid.

Library choice (measured on this 2-core machine): statsforecast 2.1.1 requires pandas < 3 (installing it
downgraded our pandas 3.1.1), so it is out. statsmodels 0.15.0 is the reference definition, but one
Holt-Winters fit + forecast takes 9.8 ms and one ThetaModel 6.3 ms per series: with rolling-origin backtests,
200 series would take about 60 s against a goal of 2 s. So the recursions are written here in numpy, for all
series × origins × a small grid of smoothing parameters at once (the fit is the grid point with the lowest
in-sample one-step SSE), and tests/forecast check them against statsmodels float for float given the same
parameters and initial states. statsmodels is a test and benchmark dependency only: the product never imports it.
"""

from pac_core.forecast.pairs import PAIR_COLUMNS, PATH_COLUMNS, forecast_pairs
from pac_core.forecast.text import METHOD_LABELS

__all__ = ["METHOD_LABELS", "PAIR_COLUMNS", "PATH_COLUMNS", "forecast_pairs"]
