"""Rows of the objective grid for the forecast's tests: one action × indicator × year."""

import numpy as np
import pandas as pd


def row(year, results=(), targets=None, action="A1", metric="ca", aggregation="sum", has_target=None):
    """A grid row: results from January (the months after left empty), targets likewise (a number: flat)."""
    if isinstance(targets, (int, float)):
        targets = [float(targets)] * 12
    targets = list(targets or [])
    results = list(results)
    figures = {"action_id": action, "metric": metric, "year": year, "aggregation": aggregation,
               "has_target": bool(targets) if has_target is None else has_target}
    for month in range(1, 13):
        figures[f"t{month:02d}"] = targets[month - 1] if month <= len(targets) else np.nan
        figures[f"r{month:02d}"] = results[month - 1] if month <= len(results) else np.nan
    return figures


def grid(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


def seasonal_years(first_year, years, shape, level=100.0, noise=0.0, seed=0, growth=0.0):
    """Whole years of a series: level × shape (12 factors) × (1 + growth)^year, plus Gaussian noise."""
    rng = np.random.default_rng(seed)
    return {first_year + k: list(level * np.asarray(shape) * (1 + growth) ** k + rng.normal(0, noise, 12))
            for k in range(years)}
