"""ETS(A,N,A), Holt-Winters additive seasonal without trend, for many series and parameters at once.

The recursion is statsmodels' (`ExponentialSmoothing(trend=None, seasonal="add")`, holtwinters/_smoothers.py
`holt_win__add`), operation for operation, a test checks float for float:
    level_{t+1} = α·y_t − α·s_t + (1 − α)·level_t
    s_{t+12}    = γ·y_t − γ·level_t + (1 − γ)·s_t
with the initial states of its "simple" initialisation (level = mean of the first 12 months, seasonals = those
months − level). The fit is the grid point (α, γ) with the lowest in-sample one-step sum of squared errors.
"""

import numpy as np

HORIZON = 12
ALPHAS = np.array([0.05, 0.1, 0.2, 0.3, 0.45, 0.6, 0.8])
GAMMAS = np.array([0.01, 0.1, 0.2, 0.35, 0.5])


def initial_states(series: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Level and 12 seasonals from the first year of each series."""
    level = series[:, :12].mean(axis=1)
    return level, series[:, :12] - level[:, None]


def smooth(series, observed, alpha, gamma, level, seasonal):
    """Run the recursion over each series' first `observed` months, for parameters shaped (series, points).
    Returns the final level (series, points), seasonals (series, points, 12; index = month − 1) and the SSE."""
    alpha = np.broadcast_to(alpha, np.broadcast_shapes(np.shape(alpha), np.shape(gamma)))
    gamma = np.broadcast_to(gamma, alpha.shape)
    shape = (series.shape[0], alpha.shape[-1])
    level = np.broadcast_to(np.asarray(level, float).reshape(-1, 1), shape).copy()
    seasonal = np.broadcast_to(np.asarray(seasonal, float)[:, None, :], shape + (12,)).copy()
    sse = np.zeros(shape)
    alpha_c, gamma_c = 1 - alpha, 1 - gamma
    for t in range(int(observed.max(initial=0))):
        active = (t < observed)[:, None]
        y = np.where(active, series[:, t:t + 1], 0.0)
        s = seasonal[:, :, t % 12]
        error = y - level - s
        new_level = (alpha * y) - (alpha * s) + (alpha_c * level)
        new_seasonal = (gamma * y) - (gamma * level) + (gamma_c * s)
        sse = np.where(active, sse + error * error, sse)
        level = np.where(active, new_level, level)
        seasonal[:, :, t % 12] = np.where(active, new_seasonal, s)
    return level, seasonal, sse


def predict(level, seasonal, observed, horizon):
    """level + the seasonal of each month ahead (level (series,), seasonal (series, 12)); NaN beyond horizon."""
    ahead = np.arange(HORIZON)
    months = level[:, None] + seasonal[np.arange(len(level))[:, None], (observed[:, None] + ahead) % 12]
    return np.where(ahead < horizon[:, None], months, np.nan)


def forecast(series: np.ndarray, observed: np.ndarray, horizon: np.ndarray) -> np.ndarray:
    """Each series' next `horizon` months, with the grid's best (α, γ) for it."""
    level0, seasonal0 = initial_states(series)
    alpha, gamma = (grid.ravel()[None, :] for grid in np.meshgrid(ALPHAS, GAMMAS, indexing="ij"))
    level, seasonal, sse = smooth(series, observed, alpha, gamma, level0, seasonal0)
    best = np.argmin(sse, axis=1)
    rows = np.arange(len(best))
    return predict(level[rows, best], seasonal[rows, best], observed, horizon)
