"""Numbers and dates read the way their column writes them: decided from all its values, asked when they
cannot decide, never guessed cell by cell (issue 16: « 9,265 » clicks read as nine beside « 2,472,851 »)."""

import csv

import pytest

from pac_core.mapping import apply, read_foreign, suggest
from pac_core.mapping.cell_formats import (DAY_FIRST, ENGLISH, FRENCH, MONTH_FIRST, Question, date_order,
                                           number_format)
from pac_core.mapping.prepare import questions, settle_formats
from tests.mapping.conftest import figures, messages


def english_export(path, rows, header=("Campaign Name", "Start Date", "Impressions", "Total Spent", "Leads")):
    """An English ad export: month-first dates, thousands commas, decimal points, as LinkedIn writes it."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Campaign Performance Report"])
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.mark.parametrize("cells, expected", [
    (["9,265", "2,472,851"], ENGLISH),  # the second only reads the English way: so does the first
    (["99,50", "9,265"], FRENCH),  # « 99,50 » is no English number
    (["1 020,00 €", "12"], FRENCH),
    (["1,234.56", "12"], ENGLISH),
    (["12", "45.5", 7.0], None),  # every reading agrees: nothing to decide
])
def test_a_number_format_is_decided_from_the_whole_column(cells, expected):
    assert number_format(cells) == expected


def test_a_column_both_formats_read_differently_is_a_question_never_a_guess():
    asked = number_format(["9,265", "1,500"])
    assert isinstance(asked, Question) and asked.examples == ("9,265", "1,500") and not asked.mixed
    mixed = number_format(["99,50", "2,472,851"])
    assert isinstance(mixed, Question) and mixed.mixed


@pytest.mark.parametrize("cells, expected", [
    (["01/17/2026", "02/03/2026"], MONTH_FIRST),
    (["17/01/2026", "02/03/2026"], DAY_FIRST),
    (["2026-01-05", "05/05/2026"], None),
])
def test_a_date_order_is_decided_from_the_whole_column(cells, expected):
    assert date_order(cells) == expected


def test_an_english_export_is_read_in_english_numbers_and_month_first_dates(tmp_path, store, actions):
    rows = [["Publicité Meta", "01/15/2026", "2,472,851", "1,234.50", "12"],
            ["Publicité Meta", "01/28/2026", "9,265", "99.5", "3"],
            ["Google Ads", "02/03/2026", "800", "2,000", "1,001"]]
    table, = read_foreign(english_export(tmp_path / "linkedin.csv", rows))
    mapping = suggest(table, actions)
    part, = mapping.tables
    part.measures = [m for m in part.measures if m.column in ("Total Spent", "Leads")]
    validation = apply(table, mapping, store.context(), actions)
    assert validation.ok, messages(validation)
    store.import_batch(validation.batch)
    # By hand: Total Spent is English (« 1,234.50 »): « 2,000 » is two thousand; Leads « 1,001 » one thousand
    # and one, because the file's other figure column is English; 01/28/2026 is the 28th of January.
    assert figures(store, metric="cout") == {("A1", "cout", "2026-01"): 1234.5 + 99.5, ("A2", "cout", "2026-02"): 2000}
    assert figures(store, metric="leads") == {("A1", "leads", "2026-01"): 15, ("A2", "leads", "2026-02"): 1001}


def test_an_ambiguous_column_is_asked_about_and_the_answer_is_kept_with_the_mapping(tmp_path, store, actions):
    rows = [["Publicité Meta", "2026-01-15", "1,500"], ["Google Ads", "2026-02-03", "2,250"]]
    table, = read_foreign(english_export(tmp_path / "spend.csv", rows, ("Campaign Name", "Day", "Cost")))
    mapping = suggest(table, actions)
    asked, = questions(table, mapping)
    assert asked.header == "Cost" and asked.kind == "number"
    assert "« 1,500 », « 2,250 »" in asked.sentence() and "choisissez son format" in asked.sentence()
    refused = apply(table, mapping, store.context(), actions)
    assert not refused.ok and asked.sentence() in messages(refused)
    assert figures(store) == {}

    mapping.number_formats["Cost"] = ENGLISH
    validation = apply(table, mapping, store.context(), actions)
    assert validation.ok, messages(validation)
    store.import_batch(validation.batch)
    assert figures(store, metric="cout") == {("A1", "cout", "2026-01"): 1500, ("A2", "cout", "2026-02"): 2250}


def test_a_cell_written_the_other_way_is_named_once_the_format_is_chosen(tmp_path, store, actions):
    rows = [["Publicité Meta", "2026-01-15", "1,234.50"], ["Google Ads", "2026-02-03", "99,50"]]
    table, = read_foreign(english_export(tmp_path / "spend.csv", rows, ("Campaign Name", "Day", "Cost")))
    mapping = suggest(table, actions)
    assert questions(table, mapping)[0].mixed
    mapping.number_formats["Cost"] = ENGLISH
    error, = apply(table, mapping, store.context(), actions).errors
    assert (error.row, error.column, error.value) == (4, "Cost", "99,50")
    assert "n'est pas écrit au format choisi pour cette colonne (1,234.5)" in error.message


def test_the_formats_a_file_decided_are_saved_for_next_months_export(tmp_path, actions):
    first, = read_foreign(english_export(tmp_path / "jan.csv", [["Publicité Meta", "01/15/2026", "2,472,851", "1,234.50", "1"]]))
    mapping = suggest(first, actions)
    settle_formats(first, mapping)
    assert mapping.date_orders == {"Start Date": MONTH_FIRST}
    assert mapping.number_formats["Total Spent"] == ENGLISH
    second, = read_foreign(english_export(tmp_path / "feb.csv", [["Publicité Meta", "02/03/2026", "1,500", "1,500", "1"]]))
    assert questions(second, mapping) == []  # 02/03 and 1,500 would be questions alone


def test_a_currency_other_than_the_euro_is_flagged(tmp_path, store, actions):
    rows = [["Publicité Meta", "2026-01-15", "$1,234.50"], ["Google Ads", "2026-02-03", "$20.00"]]
    table, = read_foreign(english_export(tmp_path / "usd.csv", rows, ("Campaign Name", "Day", "Cost")))
    validation = apply(table, suggest(table, actions), store.context(), actions)
    assert validation.ok, messages(validation)
    flagged, = [w for w in validation.warnings if "en dollars" in w.message]
    assert flagged.column == "Cost" and "PAC Pilot compte en euros" in flagged.message
