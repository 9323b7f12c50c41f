"""French formatting as CLDR writes it; a missing value or ratio is '—', never 0, inf or an error."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pac_core import formatting as fmt

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize("value, decimals, shown", [
    (1234567, 0, f"1{NNBSP}234{NNBSP}567"),
    (1234567.5, 1, f"1{NNBSP}234{NNBSP}567,5"),
    (999, 0, "999"),
    (-3500, 0, f"\u22123{NNBSP}500"),  # the minus sign, not a hyphen
    (None, 0, "—"),
    (float("nan"), 0, "—"),
    (float("inf"), 0, "—"),
])
def test_numbers(value, decimals, shown):
    assert fmt.number(value, decimals) == shown


def test_euros_and_percent():
    assert fmt.euros(1234567) == f"1{NNBSP}234{NNBSP}567{NBSP}€"
    assert fmt.percent(0.125) == f"12,5{NNBSP}%"
    assert fmt.percent(None) == "—"


def test_months_and_dates():
    assert fmt.month(datetime.date(2026, 2, 1)) == "févr. 2026"
    assert fmt.month(datetime.date(2026, 8, 1), long=True) == "août 2026"
    assert fmt.date(datetime.date(2026, 2, 3)) == "03/02/2026"


@pytest.mark.parametrize("numerator, denominator, expected", [
    (50, 200, 0.25), (50, 0, None), (50, None, None), (None, 10, None), (0, 10, 0.0)])
def test_a_ratio_without_denominator_is_missing(numerator, denominator, expected):
    assert fmt.ratio(numerator, denominator) == expected


@pytest.mark.parametrize("ratio, shown", [(70_600 / 80_000, "88,3"), (1 / 16, "6,3"), (0.125, "12,5"), (-0.3, "−30,0")])
def test_halves_round_up_as_in_excel(ratio, shown):
    assert fmt.percent(ratio) == f"{shown}{NNBSP}%"


# A column formatted at once (numbers, percents, euro_amounts) reads exactly as each value formatted alone:
# halves (0,125 → 0,13), values a hair from a half, negatives rounding to zero (no sign), huge values, missing ones.
EDGES = [None, float("nan"), float("inf"), -0.0, 0.0, -0.3, 0.5, -0.5, 2.5, 88.25, 0.125, 0.8825, 1.005, 2.675,
         0.4999999999, 0.49999999999, 1e-10, -1e-10, 123456789.5, -1234.45, 1e15, 1e16, 12345.675, 2 ** 53 + 0.0]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True, width=64),
                          st.integers(-10 ** 9, 10 ** 9).map(lambda n: n / 1000),  # amounts with a few decimals
                          st.integers(-10 ** 6, 10 ** 6).map(lambda n: n / 8 + 0.0005)), max_size=40),
       st.sampled_from([0, 1, 2]))
def test_a_column_formatted_at_once_reads_as_each_value_alone(values, decimals):
    values = EDGES + values
    assert fmt.numbers(values, decimals).to_pylist() == [fmt.number(value, decimals) for value in values]
    assert fmt.percents(values, decimals).to_pylist() == [fmt.percent(value, decimals) for value in values]
    assert fmt.euro_amounts(values, decimals).to_pylist() == [fmt.euros(value, decimals) for value in values]
    in_euros = [position % 3 == 0 for position in range(len(values))]  # a column mixing € and other units
    assert fmt.figures(values, in_euros).to_pylist() == [fmt.euros(value) if euro else fmt.number(value)
                                                         for value, euro in zip(values, in_euros)]
