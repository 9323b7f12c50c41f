"""What a French manager may type in a cell, and what PAC Pilot reads (or says) for it."""

import datetime as dt
import math
import random
from decimal import Decimal

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import pac_core.io.values as values_module
from pac_core.io.values import (
    BadValue,
    Period,
    is_blank,
    parse_date,
    parse_dates,
    parse_month_header,
    parse_number,
    parse_numbers,
    parse_period,
    parse_periods,
)

NBSP, NNBSP, THIN = "\u00a0", "\u202f", "\u2009"
D = dt.date


def month(year, number):
    return Period(D(year, number, 1), 1)


def quarter(year, number):
    return Period(D(year, 3 * number - 2, 1), 3)


def semester(year, number):
    return Period(D(year, 6 * number - 5, 1), 6)


def year(number):
    return Period(D(number, 1, 1), 12)


# ---------------------------------------------------------------------------------------------
# Blank cells
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw", [None, float("nan"), np.float64("nan"), pd.NA, pd.NaT,
                                 np.datetime64("NaT"), "", "   ", NBSP, NNBSP, f" {NBSP}\t{NNBSP} ",
                                 "\u200b", "\ufeff "])
def test_blank(raw):
    assert is_blank(raw)


@pytest.mark.parametrize("raw", [0, 0.0, "0", "-", "x", False, D(2026, 1, 1)])
def test_not_blank(raw):
    assert not is_blank(raw)


# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------

NUMBERS = [
    # already numbers
    (12, 12.0),
    (-3.5, -3.5),
    (np.int64(7), 7.0),
    (np.float32(0.5), 0.5),
    (Decimal("1250.40"), 1250.40),
    # blank
    (None, None),
    (float("nan"), None),
    ("", None),
    (f" {NBSP} ", None),
    ("-", None),
    ("—", None),
    ("–", None),
    # French forms
    ("2000", 2000.0),
    ("2 000", 2000.0),
    (f"2{NBSP}000", 2000.0),
    (f"2{NNBSP}000", 2000.0),
    (f"2{THIN}000", 2000.0),
    ("2 000 €", 2000.0),
    (f"2{NNBSP}000{NBSP}€", 2000.0),
    ("€2 000", 2000.0),
    ("2000€", 2000.0),
    ("2 000 EUR", 2000.0),
    ("EUR 2 000", 2000.0),
    ("2 000 euros", 2000.0),
    ("1 euro", 1.0),
    ("1 250,40", 1250.40),
    ("1 250,40 €", 1250.40),
    ("1 234 567,89", 1234567.89),
    ("12,5", 12.5),
    (",5", 0.5),
    ("-3 500", -3500.0),
    ("- 3 500", -3500.0),
    ("−3 500", -3500.0),  # U+2212 minus sign
    ("+12", 12.0),
    ("  42  ", 42.0),
    ("007", 7.0),
    # percent: divided by 100
    ("12,5 %", 0.125),
    ("12,5%", 0.125),
    (f"12,5{NNBSP}%", 0.125),
    ("100 %", 1.0),
    ("-5 %", -0.05),
    ("12.5%", 0.125),
    # dots and commas
    ("1,234", 1.234),  # French decimal comma
    ("1.234,50", 1234.5),
    ("1.234.567", 1234567.0),
    ("1.234.567,5", 1234567.5),
    ("1,234,567", 1234567.0),
    ("1,234.50", 1234.5),
    ("1,234,567.89", 1234567.89),
    ("1234.56", 1234.56),
    ("1.5", 1.5),
    ("1.25", 1.25),
    ("1.2345", 1.2345),
    ("0.125", 0.125),  # "0." cannot start a thousands group
    ("1234.567", 1234.567),  # four digits before the dot: not a thousands dot
    ("1 234.567", 1234.567),  # spaces already mark the thousands
    # scientific notation (CSV exports of tiny or huge figures)
    ("1.5E+03", 1500.0),
    ("1,5E-02", 0.015),
    ("2e3", 2000.0),
]


@pytest.mark.parametrize("raw, expected", NUMBERS)
def test_parse_number(raw, expected):
    value = parse_number(raw)
    if expected is None:
        assert value is None
    else:
        assert value == pytest.approx(expected, rel=1e-15)
        assert type(value) is float


NUMBER_ERRORS = [
    ("1.234", "« 1.234 » est ambigu (1234 ou 1,234 ?)"),
    ("1.234", "écrivez 1234"),
    ("-2.500", "« -2.500 » est ambigu (-2500 ou -2,500 ?) : écrivez -2500 pour un nombre entier"),
    ("999.000 €", "ambigu"),
    ("abc", "« abc » n'est pas un nombre : écrivez un nombre comme 1 250,40"),
    ("n/a", "« n/a » n'est pas un nombre"),
    ("12 contacts", "« 12 contacts » n'est pas un nombre"),
    ("2 k€", "n'est pas un nombre"),
    ("€", "n'est pas un nombre"),
    ("%", "n'est pas un nombre"),
    ("1,2,3,4", "groupes de trois"),
    ("1 25", "« 1 25 » n'est pas un nombre lisible : les milliers se séparent par groupes de trois"),
    ("12 3456", "groupes de trois"),
    ("1.23.4", "groupes de trois"),
    ("1.234,5.6", "n'est pas un nombre"),
    ("3 - 4", "n'est pas un nombre"),
    ("#DIV/0!", "« #DIV/0! » est une erreur de formule Excel : corrigez la formule dans le fichier source"),
    ("#N/A", "erreur de formule Excel"),
    ("#VALEUR!", "erreur de formule Excel"),
    ("#VALUE!", "erreur de formule Excel"),
    ("#REF!", "erreur de formule Excel"),
    ("#NOM?", "erreur de formule Excel"),
    (float("inf"), "n'est pas un nombre fini"),
    (-math.inf, "n'est pas un nombre fini"),
    (True, "« VRAI » n'est pas un nombre"),
    (False, "« FAUX » n'est pas un nombre"),
    (np.bool_(True), "« VRAI » n'est pas un nombre"),
    (D(2026, 2, 3), "n'est pas un nombre"),
    ("9" * 400, "trop grand"),
]


@pytest.mark.parametrize("raw, fragment", NUMBER_ERRORS)
def test_parse_number_error(raw, fragment):
    with pytest.raises(BadValue) as error:
        parse_number(raw)
    assert fragment in str(error.value)


@pytest.mark.parametrize("raw, expected", NUMBERS)
def test_parse_numbers_agrees_with_parse_number_on_each_example(raw, expected):
    values, errors = parse_numbers([raw])
    assert errors == {}
    if expected is None:
        assert np.isnan(values[0])
    else:
        assert values[0] == parse_number(raw)


@pytest.mark.parametrize("raw, fragment", NUMBER_ERRORS)
def test_parse_numbers_reports_each_error_example(raw, fragment):
    values, errors = parse_numbers(["1", raw])
    assert values[0] == 1.0 and np.isnan(values[1])
    assert list(errors) == [1] and fragment in errors[1]


def test_parse_numbers_mixed_column_reports_bad_rows_by_index():
    column = [1250.4, "2 000 €", None, "abc", 3, "", float("nan"), "1.234", "12,5 %",
              f"1{NNBSP}250,40", "#DIV/0!", True, "-", 7.5]
    values, errors = parse_numbers(column)
    assert values.dtype == np.float64
    expected = [1250.4, 2000.0, np.nan, np.nan, 3.0, np.nan, np.nan, np.nan, 0.125,
                1250.4, np.nan, np.nan, np.nan, 7.5]
    np.testing.assert_array_equal(values, np.array(expected))
    assert list(errors) == [3, 7, 10, 11]  # in row order
    assert "« abc »" in errors[3]
    assert "ambigu" in errors[7]
    assert "erreur de formule Excel" in errors[10]
    assert "« VRAI »" in errors[11]


def test_parse_numbers_text_only_column_with_blanks_and_errors():
    column = ["1 250,40", None, "n/a", "  ", "-3 500", "n/a", "12,5 %"]
    values, errors = parse_numbers(column)
    np.testing.assert_array_equal(values, [1250.4, np.nan, np.nan, np.nan, -3500.0, np.nan, 0.125])
    assert sorted(errors) == [2, 5]


@pytest.mark.parametrize("column", [
    pd.Series(["1 250,40", None, "abc", "2"]),  # pandas 3 "str" dtype (Arrow-backed)
    pd.Series(["1 250,40", None, "abc", "2"], dtype=object),
    pd.Series(["1 250,40", None, "abc", "2"], dtype="category"),
    np.array(["1 250,40", None, "abc", "2"], dtype=object),
    pa.array(["1 250,40", None, "abc", "2"]),
    pa.array(["1 250,40", None, "abc", "2"], pa.large_string()),
    pa.array(["1 250,40", None, "abc", "2"], pa.string_view()),
    pa.chunked_array([["1 250,40", None], ["abc", "2"]]),
    pa.array(["1 250,40", None, "abc", "2"]).dictionary_encode(),
    ("1 250,40", None, "abc", "2"),
])
def test_parse_numbers_accepts_columns_of_any_kind(column):
    values, errors = parse_numbers(column)
    np.testing.assert_array_equal(values, [1250.4, np.nan, np.nan, 2.0])
    assert list(errors) == [2]


@pytest.mark.parametrize("column", [["1", "2"], pa.array([1.0, 2.0]), pd.Series([1.0, 2.0]), np.array([1, 2])])
def test_parse_numbers_returns_a_fresh_writable_array(column):
    values, _ = parse_numbers(column)
    values[0] = 9.0
    assert parse_numbers(column)[0][0] == 1.0


def test_parse_numbers_sliced_arrow_array_keeps_its_offset():
    column = pa.array(["9", "1 250,40", "12,5 %", "x", "3"]).slice(1, 3)
    values, errors = parse_numbers(column)
    np.testing.assert_array_equal(values, [1250.4, 0.125, np.nan])
    assert list(errors) == [2]


def test_parse_numbers_a_long_column_parsed_in_two_halves_keeps_each_row_in_place(monkeypatch):
    """Above _HALVES_FROM rows the column is parsed by two threads: errors and values stay at their row."""
    monkeypatch.setattr(values_module, "_HALVES_FROM", 4)
    column = pa.array(["1 250,40", "abc", "2", "12,5 %", "3", "1.234", "-7", None, "4 000 €"])
    values, errors = parse_numbers(column)
    np.testing.assert_array_equal(values, [1250.4, np.nan, 2.0, 0.125, 3.0, np.nan, -7.0, np.nan, 4000.0])
    assert list(errors) == [1, 5]
    assert "« abc »" in errors[1] and "ambigu" in errors[5]


@pytest.mark.parametrize("column", [
    np.array([1, 2, 3]),
    np.array([1.0, 2.0, 3.0]),
    pd.Series([1, 2, 3]),
    pd.Series([1, 2, 3], dtype="Int64"),
    pa.array([1, 2, 3]),
    [1, 2, 3],
])
def test_parse_numbers_numeric_columns_pass_through(column):
    values, errors = parse_numbers(column)
    np.testing.assert_array_equal(values, [1.0, 2.0, 3.0])
    assert errors == {}


def test_parse_numbers_numeric_column_with_blanks_and_excel_infinity():
    values, errors = parse_numbers(np.array([1.5, np.nan, np.inf]))
    np.testing.assert_array_equal(values, [1.5, np.nan, np.nan])
    assert list(errors) == [2] and "nombre fini" in errors[2]
    values, errors = parse_numbers(pd.Series([1, None], dtype="Int64"))
    np.testing.assert_array_equal(values, [1.0, np.nan])


def test_parse_numbers_booleans_are_errors():
    values, errors = parse_numbers(pd.Series([True, False]))
    assert np.isnan(values).all() and sorted(errors) == [0, 1]
    values, errors = parse_numbers([1.5, True, 2, None, pd.NA])  # not quietly read as 1.0
    np.testing.assert_array_equal(values, [1.5, np.nan, 2.0, np.nan, np.nan])
    assert list(errors) == [1] and "« VRAI »" in errors[1]


def test_parse_numbers_empty_column():
    values, errors = parse_numbers([])
    assert values.shape == (0,) and errors == {}


def test_parse_numbers_fast_and_slow_paths_agree_on_random_text():
    """Random strings built from number-like pieces: the vectorised column parse must give
    exactly what parse_number gives one value at a time (value or error)."""
    rng = random.Random(20260203)
    pieces = ["1", "12", "123", "1234", "0", " ", NBSP, NNBSP, THIN, ",", ".", "-", "€", "%", " €",
              " %", "5", "000", "E", "a", "EUR"]
    column = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))) for _ in range(3000)]
    column += ["1 250,40", "12,5 %", "1.234", "1234.5", "-3 500 €", "1 234 567 890 123 456 789"]
    values, errors = parse_numbers(column)
    for index, raw in enumerate(column):
        try:
            expected = parse_number(raw)
        except BadValue as exc:
            assert errors.get(index) == str(exc), raw
            assert np.isnan(values[index])
        else:
            assert index not in errors, raw
            if expected is None:
                assert np.isnan(values[index]), raw
            else:
                assert values[index] == expected, raw


# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------

DATES = [
    # real date cells
    (D(2026, 2, 3), False, D(2026, 2, 3)),
    (dt.datetime(2026, 2, 3, 14, 30), False, D(2026, 2, 3)),
    (pd.Timestamp("2026-02-03 14:30"), False, D(2026, 2, 3)),
    (np.datetime64("2026-02-03"), False, D(2026, 2, 3)),
    # blank
    (None, False, None),
    ("", False, None),
    (NBSP, False, None),
    (pd.NaT, False, None),
    ("-", False, None),
    # Excel serial numbers (days since 1899-12-30)
    (46056, False, D(2026, 2, 3)),
    (46056.75, False, D(2026, 2, 3)),  # a date with a time of day
    (np.int64(46056), False, D(2026, 2, 3)),
    ("46056", False, D(2026, 2, 3)),  # a serial that lost its date format in a CSV
    (20000, False, D(1954, 10, 3)),
    # day first, always
    ("03/02/2026", False, D(2026, 2, 3)),
    ("3/2/2026", False, D(2026, 2, 3)),
    ("3/2/26", False, D(2026, 2, 3)),
    ("03-02-2026", False, D(2026, 2, 3)),
    ("03.02.2026", False, D(2026, 2, 3)),
    ("12/01/2026", False, D(2026, 1, 12)),
    ("03/02/2026 14:30", False, D(2026, 2, 3)),
    ("03/02/2026 14h30", False, D(2026, 2, 3)),
    ("1/1/99", False, D(1999, 1, 1)),  # two-digit years follow Excel: 30–99 → 1900s
    # ISO
    ("2026-02-03", False, D(2026, 2, 3)),
    ("2026-02-03 00:00:00", False, D(2026, 2, 3)),
    ("2026-02-03T14:30:00", False, D(2026, 2, 3)),
    ("2026-02-03T14:30:00.123+01:00", False, D(2026, 2, 3)),
    ("2026/02/03", False, D(2026, 2, 3)),
    # French words
    ("3 février 2026", False, D(2026, 2, 3)),
    ("3 fevrier 2026", False, D(2026, 2, 3)),
    ("3 févr. 2026", False, D(2026, 2, 3)),
    ("03-févr.-26", False, D(2026, 2, 3)),
    ("1er mars 2026", False, D(2026, 3, 1)),
    ("1 MARS 2026", False, D(2026, 3, 1)),
    ("mardi 3 février 2026", False, D(2026, 2, 3)),
    ("15 août 2026", False, D(2026, 8, 15)),
    ("3 feb 2026", False, D(2026, 2, 3)),
    # English, month first (Zoho, Salesforce in English): the month's name says which is the day
    ("Feb 3, 2026", False, D(2026, 2, 3)),
    ("Feb 03, 2026 10:30 AM", False, D(2026, 2, 3)),
    ("February 3rd, 2026", False, D(2026, 2, 3)),
    ("Tuesday, February 3, 2026", False, D(2026, 2, 3)),
    # a month, quarter or year: first day, or last day at the end of a period
    ("févr. 2026", False, D(2026, 2, 1)),
    ("févr. 2026", True, D(2026, 2, 28)),
    ("2026-02", False, D(2026, 2, 1)),
    ("2026-02", True, D(2026, 2, 28)),
    ("02/2024", True, D(2024, 2, 29)),
    ("T1 2026", False, D(2026, 1, 1)),
    ("T1 2026", True, D(2026, 3, 31)),
    ("T4 2026", True, D(2026, 12, 31)),
    ("S2 2026", False, D(2026, 7, 1)),
    ("2026", True, D(2026, 12, 31)),
    (2026, False, D(2026, 1, 1)),
    # a real day stays that day even at the end of a period
    ("03/02/2026", True, D(2026, 2, 3)),
]


@pytest.mark.parametrize("raw, end_of_period, expected", DATES)
def test_parse_date(raw, end_of_period, expected):
    assert parse_date(raw, end_of_period=end_of_period) == expected


DATE_ERRORS = [
    ("31/02/2026", "« 31/02/2026 » : cette date n'existe pas ; écrivez une date réelle au format JJ/MM/AAAA"),
    ("13/13/2026", "cette date n'existe pas"),
    ("00/01/2026", "cette date n'existe pas"),
    ("2026-02-30", "cette date n'existe pas"),
    ("30 février 2026", "cette date n'existe pas"),
    ("02/13/2026", "le jour s'écrit en premier, au format JJ/MM/AAAA) ; vouliez-vous dire 13/02/2026 ?"),
    ("03/02/0226", "l'année 226 semble fausse"),
    ("2026-13", "le mois 13 n'existe pas"),
    ("demain", "« demain » n'est pas une date : écrivez-la au format JJ/MM/AAAA, par exemple 03/02/2026"),
    ("3 brumaire 2026", "n'est pas une date"),
    ("03/02", "n'est pas une date"),
    ("févr.", "« févr. » : ajoutez l'année"),
    (123, "« 123 » n'est pas une date"),
    (1.5, "« 1,5 » n'est pas une date"),
    (True, "« VRAI » n'est pas une date"),
    ("#N/A", "erreur de formule Excel"),
    (float("inf"), "nombre fini"),
]


@pytest.mark.parametrize("raw, fragment", DATE_ERRORS)
def test_parse_date_error(raw, fragment):
    with pytest.raises(BadValue) as error:
        parse_date(raw)
    assert fragment in str(error.value)


def test_parse_dates_column_reports_bad_rows_by_index():
    column = ["03/02/2026", None, D(2026, 1, 5), "31/02/2026", 46056, "", "03/02/2026", "abc"]
    dates, errors = parse_dates(column)
    assert dates == [D(2026, 2, 3), None, D(2026, 1, 5), None, D(2026, 2, 3), None, D(2026, 2, 3), None]
    assert sorted(errors) == [3, 7]
    assert "n'existe pas" in errors[3] and "« abc »" in errors[7]


def test_parse_dates_end_of_period():
    dates, errors = parse_dates(["T1 2026", "févr. 2026", "15/03/2026"], end_of_period=True)
    assert dates == [D(2026, 3, 31), D(2026, 2, 28), D(2026, 3, 15)] and errors == {}


def test_parse_dates_datetime_columns():
    series = pd.Series(pd.to_datetime(["2026-02-03 10:00", None, "2026-12-31 00:00"]))
    assert parse_dates(series) == ([D(2026, 2, 3), None, D(2026, 12, 31)], {})
    array = np.array(["2026-02-03", "NaT"], dtype="datetime64[ns]")
    assert parse_dates(array) == ([D(2026, 2, 3), None], {})
    assert parse_dates(pa.array([D(2026, 2, 3), None])) == ([D(2026, 2, 3), None], {})
    aware = pd.Series(pd.to_datetime(["2026-02-03 23:30"]).tz_localize("Europe/Paris"))
    assert parse_dates(aware) == ([D(2026, 2, 3)], {})


def test_parse_dates_parses_each_distinct_value_once(monkeypatch):
    import pac_core.io.values as values

    calls = []
    original = values.parse_date
    monkeypatch.setattr(values, "parse_date", lambda raw, **kw: calls.append(raw) or original(raw, **kw))
    column = ["03/02/2026", "04/02/2026", "x"] * 1000 + [46056, 46056.0]
    dates, errors = values.parse_dates(column)
    assert len(dates) == 3002 and len(errors) == 1000
    # int 46056 and float 46056.0 are distinct keys (type, value)
    assert sorted(map(str, calls)) == sorted(["03/02/2026", "04/02/2026", "x", "46056", "46056.0"])


# ---------------------------------------------------------------------------------------------
# Periods
# ---------------------------------------------------------------------------------------------

PERIODS = [
    # blank
    (None, None, None),
    ("", None, None),
    (f"{NNBSP}", None, None),
    # dates → their month
    (D(2026, 2, 14), None, month(2026, 2)),
    (dt.datetime(2026, 2, 14, 8), None, month(2026, 2)),
    (pd.Timestamp("2026-02-14"), None, month(2026, 2)),
    ("14/02/2026", None, month(2026, 2)),
    ("2026-02-14", None, month(2026, 2)),
    ("1er février 2026", None, month(2026, 2)),
    # Excel serial → its month
    (46056, None, month(2026, 2)),
    (46056.5, None, month(2026, 2)),
    # French month names: full, abbreviated, any case, with or without accent or dot
    ("janv. 2026", None, month(2026, 1)),
    ("janvier 2026", None, month(2026, 1)),
    ("jan 2026", None, month(2026, 1)),
    ("JANV 2026", None, month(2026, 1)),
    ("févr. 2026", None, month(2026, 2)),
    ("fév 2026", None, month(2026, 2)),
    ("FEV 2026", None, month(2026, 2)),
    ("fevrier 2026", None, month(2026, 2)),
    ("Février 2026", None, month(2026, 2)),
    ("février-2026", None, month(2026, 2)),
    ("févr.-26", None, month(2026, 2)),
    ("févr. 26", None, month(2026, 2)),
    ("mars 2026", None, month(2026, 3)),
    ("avr. 2026", None, month(2026, 4)),
    ("mai 2026", None, month(2026, 5)),
    ("juin 2026", None, month(2026, 6)),
    ("juil. 2026", None, month(2026, 7)),
    ("juillet 2026", None, month(2026, 7)),
    ("août 2026", None, month(2026, 8)),
    ("aout 2026", None, month(2026, 8)),
    ("AOÛT 2026", None, month(2026, 8)),
    ("sept. 2026", None, month(2026, 9)),
    ("oct. 2026", None, month(2026, 10)),
    ("nov. 2026", None, month(2026, 11)),
    ("déc. 2026", None, month(2026, 12)),
    ("dec 2026", None, month(2026, 12)),
    ("décembre 2026", None, month(2026, 12)),
    (f"déc.{NBSP}2026", None, month(2026, 12)),
    ("2026 févr.", None, month(2026, 2)),
    # English month names
    ("January 2026", None, month(2026, 1)),
    ("Feb 2026", None, month(2026, 2)),
    ("May-26", None, month(2026, 5)),
    ("Aug 2026", None, month(2026, 8)),
    # numeric months
    ("2026-02", None, month(2026, 2)),
    ("2026/02", None, month(2026, 2)),
    ("02/2026", None, month(2026, 2)),
    ("2/2026", None, month(2026, 2)),
    ("12-2026", None, month(2026, 12)),
    # month without year: default_year
    ("févr.", 2026, month(2026, 2)),
    ("Mars", 2025, month(2025, 3)),
    ("T2", 2026, quarter(2026, 2)),
    ("févr. 2027", 2026, month(2027, 2)),  # a written year wins
    # quarters
    ("T1 2026", None, quarter(2026, 1)),
    ("t1 2026", None, quarter(2026, 1)),
    ("T1-2026", None, quarter(2026, 1)),
    ("T4 2026", None, quarter(2026, 4)),
    ("Q1 2026", None, quarter(2026, 1)),
    ("2026-T1", None, quarter(2026, 1)),
    ("2026 Q3", None, quarter(2026, 3)),
    ("T2 26", None, quarter(2026, 2)),
    ("1er trimestre 2026", None, quarter(2026, 1)),
    ("2e trimestre 2026", None, quarter(2026, 2)),
    ("3ème trimestre 2026", None, quarter(2026, 3)),
    ("4eme trimestre 2026", None, quarter(2026, 4)),
    ("premier trimestre 2026", None, quarter(2026, 1)),
    ("Trimestre 2 2026", None, quarter(2026, 2)),
    # semesters
    ("S1 2026", None, semester(2026, 1)),
    ("S2 2026", None, semester(2026, 2)),
    ("H1 2026", None, semester(2026, 1)),
    ("2026-S2", None, semester(2026, 2)),
    ("1er semestre 2026", None, semester(2026, 1)),
    ("2nd semestre 2026", None, semester(2026, 2)),
    # years
    ("2026", None, year(2026)),
    (2026, None, year(2026)),
    (2026.0, None, year(2026)),
    (np.int64(2026), None, year(2026)),
    ("Année 2026", None, year(2026)),
    # already a period
    (quarter(2026, 1), None, quarter(2026, 1)),
]


@pytest.mark.parametrize("raw, default_year, expected", PERIODS)
def test_parse_period(raw, default_year, expected):
    assert parse_period(raw, default_year=default_year) == expected


PERIOD_ERRORS = [
    ("févr.", None, "« févr. » : ajoutez l'année, par exemple « févr. "),
    ("T1", None, "« T1 » : ajoutez l'année"),
    ("1er trimestre", None, "ajoutez l'année"),
    ("Total", None, "« Total » n'est pas une période : écrivez un mois (févr. 2026 ou 02/2026), "
                    "un trimestre (T1 2026), un semestre (S1 2026) ou une année (2026)"),
    ("T5 2026", None, "n'est pas une période"),
    ("S3 2026", None, "n'est pas une période"),
    ("brumaire 2026", None, "n'est pas une période"),
    ("13/2026", None, "« 13/2026 » : le mois 13 n'existe pas"),
    ("2026-00", None, "le mois 0 n'existe pas"),
    ("31/02/2026", None, "cette date n'existe pas"),
    ("0226", None, "l'année 226 semble fausse"),
    (12, None, "« 12 » n'est pas une période"),
    (2026.5, None, "n'est pas une période"),
    (True, None, "« VRAI » n'est pas une période"),
    ("#REF!", None, "erreur de formule Excel"),
]


@pytest.mark.parametrize("raw, default_year, fragment", PERIOD_ERRORS)
def test_parse_period_error(raw, default_year, fragment):
    with pytest.raises(BadValue) as error:
        parse_period(raw, default_year=default_year)
    assert fragment in str(error.value)


def test_period_month_starts_and_last_day():
    assert month(2026, 2).month_starts() == [D(2026, 2, 1)]
    assert quarter(2026, 4).month_starts() == [D(2026, 10, 1), D(2026, 11, 1), D(2026, 12, 1)]
    assert Period(D(2025, 11, 1), 3).month_starts() == [D(2025, 11, 1), D(2025, 12, 1), D(2026, 1, 1)]
    assert len(year(2026).month_starts()) == 12
    assert semester(2026, 2).month_starts()[-1] == D(2026, 12, 1)
    assert quarter(2026, 1).last_day == D(2026, 3, 31)
    assert month(2024, 2).last_day == D(2024, 2, 29)


def test_period_reads_in_french():
    assert [str(p) for p in (month(2026, 2), quarter(2026, 3), semester(2026, 1), year(2026))] == [
        "févr. 2026", "T3 2026", "S1 2026", "2026"]


def test_period_refuses_a_first_month_that_is_not_day_one():
    with pytest.raises(ValueError):
        Period(D(2026, 2, 3), 1)


def test_parse_periods_column_reports_bad_rows_by_index():
    column = ["janv. 2026", "févr.", None, "T1 2026", "Total", 46056, "janv. 2026", float("nan")]
    periods, errors = parse_periods(column, default_year=2026)
    assert periods == [month(2026, 1), month(2026, 2), None, quarter(2026, 1), None, month(2026, 2),
                       month(2026, 1), None]
    assert list(errors) == [4] and "« Total »" in errors[4]


def test_parse_periods_without_default_year_asks_for_the_year():
    periods, errors = parse_periods(["févr. 2026", "mars"])
    assert periods == [month(2026, 2), None]
    assert "ajoutez l'année" in errors[1]


def test_parse_periods_datetime_column():
    series = pd.Series(pd.to_datetime(["2026-02-14", None, "2026-03-01"]))
    assert parse_periods(series) == ([month(2026, 2), None, month(2026, 3)], {})


def test_parse_periods_parses_each_distinct_value_once(monkeypatch):
    import pac_core.io.values as values

    calls = []
    original = values.parse_period
    monkeypatch.setattr(values, "parse_period", lambda raw, **kw: calls.append(raw) or original(raw, **kw))
    column = ["janv. 2026", "févr. 2026", "mars 2026"] * 10_000
    periods, errors = values.parse_periods(pd.Series(column))
    assert errors == {} and periods[-1] == month(2026, 3)
    assert len(calls) == 3


# ---------------------------------------------------------------------------------------------
# Month headers (months as columns)
# ---------------------------------------------------------------------------------------------

MONTH_HEADERS = [
    ("janv. 2026", None, D(2026, 1, 1)),
    ("Févr. 2026", None, D(2026, 2, 1)),
    ("FEV-26", None, D(2026, 2, 1)),
    ("2026-02", None, D(2026, 2, 1)),
    ("02/2026", None, D(2026, 2, 1)),
    ("janv.", 2026, D(2026, 1, 1)),
    ("Juillet", 2026, D(2026, 7, 1)),
    ("August", 2026, D(2026, 8, 1)),
    (D(2026, 3, 1), None, D(2026, 3, 1)),
    (dt.datetime(2026, 3, 15), None, D(2026, 3, 1)),
    (pd.Timestamp("2026-04-01"), None, D(2026, 4, 1)),
    (46054, None, D(2026, 2, 1)),  # a date header stored as an Excel serial
    # not one month
    ("janv.", None, None),  # no year and no default year
    ("Total", 2026, None),
    ("Cumul", 2026, None),
    ("TOTAL 2026", 2026, None),
    ("T1 2026", 2026, None),
    ("T1", 2026, None),
    ("S1 2026", None, None),
    ("2026", None, None),
    (2026, None, None),
    ("ID action", 2026, None),
    ("Indicateur", 2026, None),
    ("Marseille", 2026, None),
    ("", 2026, None),
    (None, 2026, None),
    (3, 2026, None),
    (150000, 2026, None),
    (12.5, 2026, None),
    (True, 2026, None),
    ("13/2026", None, None),
    ("31/02/2026", None, None),
]


@pytest.mark.parametrize("raw, default_year, expected", MONTH_HEADERS)
def test_parse_month_header(raw, default_year, expected):
    assert parse_month_header(raw, default_year=default_year) == expected


@pytest.mark.parametrize("raw, expected", [
    ("15 000 € HT", 15000.0), ("1 500 €HT", 1500.0), ("1 200 TTC", 1200.0), ("(1 500)", -1500.0),
    ("(2 000 €)", -2000.0),
])
def test_tax_mentions_and_accounting_negatives(raw, expected):
    assert parse_number(raw) == expected
