"""A column of figures formatted at once (an owner's thousands of objectives) reads exactly as each figure
formatted alone: euros, counts with or without a decimal, percentages, estimates rounded to whole counts."""

import dataclasses
import math

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from pac_core import display
from pac_core.catalogue import METRICS_BY_CODE
from pac_core.display import metric_value, metric_values
from pac_core.display.actions import estimate_value, estimate_values

METRICS = [*METRICS_BY_CODE, "indicateur_inconnu"]
EDGES = [None, math.nan, 0.0, -0.0, -0.3, -0.4, -0.5, 0.5, 2.5, 3.5, 12.0, 12.05, 0.125, 1234567.5, -1234.45, 1e15]
AMOUNTS = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=False, width=64),
                    st.integers(-10 ** 9, 10 ** 9).map(lambda n: n / 10), st.integers(-10 ** 6, 10 ** 6).map(float))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(AMOUNTS, st.sampled_from(METRICS)), max_size=40))
def test_a_column_of_figures_reads_as_each_figure_alone(rows):
    rows = [(amount, metric) for amount in EDGES for metric in ("ca", "contacts")] + rows
    amounts, metrics = [amount for amount, _ in rows], [metric for _, metric in rows]
    assert metric_values(amounts, metrics) == [metric_value(amount, metric) for amount, metric in rows]
    assert estimate_values(amounts, metrics) == [estimate_value(amount, metric) for amount, metric in rows]
    series = pd.Series(amounts, dtype="Float64")  # a frame's column, with pd.NA where a figure is missing
    assert metric_values(series, metrics) == [metric_value(amount, metric) for amount, metric in rows]


def test_a_percentage_indicator_reads_as_a_percentage(monkeypatch):
    monkeypatch.setitem(display.METRICS_BY_CODE, "taux", dataclasses.replace(METRICS_BY_CODE["contacts"], code="taux",
                                                                             unit="%"))
    assert metric_values([0.125, None, 1.0], ["taux"] * 3) == ["12,5\u202f%", "—", "100,0\u202f%"]
    assert metric_values([0.125, -0.3], ["taux"] * 2) == [metric_value(0.125, "taux"), metric_value(-0.3, "taux")]
