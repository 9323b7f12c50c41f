"""The numpy recursions are statsmodels' definitions: same parameters and initial states, same floats."""

import warnings

import numpy as np
import pytest
from statsmodels.tsa.forecasting.theta import ThetaModel
from statsmodels.tsa.holtwinters import ExponentialSmoothing, SimpleExpSmoothing
from statsmodels.tsa.seasonal import seasonal_decompose

from pac_core.forecast import ets, theta


def series(months, amplitude=40.0, trend=0.3, seed=3, level=100.0):
    rng = np.random.default_rng(seed)
    time = np.arange(months)
    return level + amplitude * np.sin(time * 2 * np.pi / 12) + rng.normal(0, 5, months) + trend * time


@pytest.mark.parametrize("months, alpha, gamma", [(13, 0.3, 0.2), (25, 0.05, 0.5), (34, 0.8, 0.01), (36, 0.45, 0.35)])
def test_ets_is_statsmodels_holt_winters_additive_seasonal(months, alpha, gamma):
    y = series(months)
    level0, seasonal0 = ets.initial_states(y[None, :])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = ExponentialSmoothing(
            y, seasonal="add", seasonal_periods=12, initialization_method="known", initial_level=level0[0],
            initial_seasonal=seasonal0[0]).fit(smoothing_level=alpha, smoothing_seasonal=gamma, optimized=False)
    level, seasonal, sse = ets.smooth(y[None, :], np.array([months]), np.array([[alpha]]), np.array([[gamma]]),
                                      level0, seasonal0)
    # horizons are at most 11 months (an origin is at least a January); statsmodels reads the 12th step's
    # seasonal one update earlier than ETS's definition does
    ours = ets.predict(level[:, 0], seasonal[:, 0], np.array([months]), np.array([11]))[0, :11]
    np.testing.assert_array_equal(ours, reference.forecast(11))
    assert level[0, 0] == reference.level[-1]
    assert sse[0, 0] == pytest.approx(reference.sse, rel=1e-13)


def test_ets_of_many_series_of_different_lengths_is_each_series_alone():
    ys = [series(n, seed=n) for n in (13, 20, 30)]
    width = 30
    batch = np.full((3, width), np.nan)
    for index, y in enumerate(ys):
        batch[index, :len(y)] = y
    observed, horizon = np.array([13, 20, 30]), np.array([11, 4, 6])
    together = ets.forecast(batch, observed, horizon)
    for index, y in enumerate(ys):
        alone = ets.forecast(y[None, :], observed[index:index + 1], horizon[index:index + 1])
        np.testing.assert_array_equal(together[index], alone[0])


@pytest.mark.parametrize("alpha", [0.05, 0.4, 1.0])
def test_ses_is_statsmodels_simple_exponential_smoothing(alpha):
    y = series(30)
    reference = SimpleExpSmoothing(y, initialization_method="known", initial_level=y[0]).fit(
        smoothing_level=alpha, optimized=False)
    level, sse = theta.ses(y[None, :], np.array([30]), np.array([[alpha]]))
    assert level[0, 0] == reference.forecast(1)[0]
    assert sse[0, 0] == pytest.approx(reference.sse, rel=1e-13)


@pytest.mark.parametrize("months, model", [(24, "multiplicative"), (31, "multiplicative"), (36, "additive")])
def test_seasonal_indices_are_statsmodels_classical_decomposition(months, model):
    y = series(months)
    if model == "additive":
        y[4] = -3.0  # a refund: not every month above 0, so additive
    indices, multiply = theta.seasonal_indices(y[None, :], np.array([months]))
    assert multiply[0] == (model == "multiplicative")
    reference = seasonal_decompose(y, model=model, period=12).seasonal[:12]
    np.testing.assert_allclose(indices[0], reference, rtol=0, atol=1e-12)


@pytest.mark.parametrize("months, amplitude, trend", [(34, 40.0, 0.0), (36, 40.0, 0.3), (30, 30.0, 0.2),
                                                      (29, 0.0, 1.0), (25, 40.0, 0.0)])
def test_theta_is_statsmodels_theta_model_given_its_alpha(months, amplitude, trend):
    """ThetaModel's seasonality test, decomposition, OLS drift and forecast formula, with the α it fitted."""
    y = series(months, amplitude, trend)
    fitted = ThetaModel(y, period=12).fit()
    observed = np.array([months])
    seasonal = theta.is_seasonal(y[None, :], observed)
    assert seasonal[0] == fitted.model._has_seasonality
    indices, multiply = theta.seasonal_indices(y[None, :], observed)
    indices = np.where(seasonal[:, None], indices, 1.0)
    deseasonalised = y[None, :] / indices[:, np.arange(months) % 12]
    alpha = np.array([fitted.params["alpha"]])
    level, _ = theta.ses(deseasonalised, observed, alpha[:, None])
    slope = theta.drift(deseasonalised, observed)
    assert slope[0] == pytest.approx(fitted.params["b0"], rel=1e-10)
    ours = theta.predict(level[:, 0], alpha, slope, observed, np.array([11]), indices, multiply)[0, :11]
    np.testing.assert_allclose(ours, fitted.forecast(11), rtol=1e-12)


def test_the_seasonality_test_sees_a_planted_season_and_not_noise():
    seasonal_series, noise = series(36, 40.0, 0.0), series(36, 0.0, 0.0)
    found = theta.is_seasonal(np.vstack([seasonal_series, noise]), np.array([36, 36]))
    assert list(found) == [True, False]
