"""A weekly file (« 2 publications par semaine », as the article's example plan counts): each week's figure goes
to its months by its days, as DESIGN.md says of weeks; a week across two years stays in its ISO year."""

import pytest

from pac_core.io.values import BadValue, parse_week, week_months
from pac_core.mapping import Mapping, Measure, TableMapping, apply, read_foreign, suggest
from tests.mapping.conftest import figures, messages

WEEKLY = ("Semaine;Action;Contacts;Publications\n"
          "2026-W01;Publicité Meta;7;2\n"       # Mon 29/12/2025 – Sun 04/01/2026: its ISO year's, January
          "2026-W05;Publicité Meta;7;2\n"       # Mon 26/01 – Sun 01/02: 6 days in January, 1 in February
          "Semaine 9;Publicité Meta;14;2\n"     # Mon 23/02 – Sun 01/03: 6 days in February, 1 in March
          "Semaine 12;Site internet;21;0\n")    # Mon 16/03 – Sun 22/03: all in March
# By hand, contacts: A1 January 7 + 7 × 6/7 = 13, February 7 × 1/7 + 14 × 6/7 = 13, March 14 × 1/7 = 2;
# A4 March 21. Publications: A1 January 2 + 2 × 6/7, February 2 × 1/7 + 2 × 6/7 = 2, March 2 × 1/7.
CONTACTS = {("A1", "contacts", "2026-01"): 13.0, ("A1", "contacts", "2026-02"): 13.0,
            ("A1", "contacts", "2026-03"): 2.0, ("A4", "contacts", "2026-03"): 21.0}


def weekly(tmp_path):
    path = tmp_path / "hebdo.csv"
    path.write_text(WEEKLY, encoding="utf-8")
    table, = read_foreign(path)
    return table


def test_each_week_goes_to_its_months_by_its_days(tmp_path, store, actions):
    table = weekly(tmp_path)
    mapping = suggest(table, actions)
    assert mapping.tables[0].columns["period"] == "Semaine"  # the week column is the period, as suggested
    validation = apply(table, mapping, store.context(), actions)
    assert validation.ok, messages(validation)
    assert any("réparti" in w.message and w.message.startswith("2 lignes") for w in validation.warnings)
    store.import_batch(validation.batch, user="test")
    assert figures(store, metric="contacts") == CONTACTS
    publications = figures(store, metric="publications")
    assert publications[("A1", "publications", "2026-01")] == pytest.approx(2 + 2 * 6 / 7)
    assert publications[("A1", "publications", "2026-02")] == pytest.approx(2.0)
    assert publications[("A1", "publications", "2026-03")] == pytest.approx(2 / 7)


def test_a_week_that_does_not_exist_is_named_in_french(tmp_path, store, actions):
    path = tmp_path / "hebdo.csv"
    path.write_text("Semaine;Action;Contacts\nSemaine 54;Publicité Meta;3\n", encoding="utf-8")
    table, = read_foreign(path)
    mapping = Mapping([TableMapping("results", columns={"period": "Semaine", "action_id": "Action"},
                                    measures=[Measure("contacts", "Contacts")])])
    mapping.set_value("Action", "Publicité Meta", "A1")
    validation = apply(table, mapping, store.context(), actions)
    error, = validation.errors
    assert (error.row, error.column, error.value) == (2, "Semaine", "Semaine 54")
    assert error.message == ("La semaine 54 n'existe pas en 2026 (« Semaine 54 ») : une année compte 52 ou 53 "
                             "semaines.")


@pytest.mark.parametrize("text, monday", [
    ("2026-W12", "2026-03-16"), ("2026W01", "2025-12-29"), ("W12 2026", "2026-03-16"),
    ("Semaine 12", "2026-03-16"), ("sem. 12 - 2026", "2026-03-16"), ("Week 53 2026", "2026-12-28"),
])
def test_the_ways_people_write_a_week(text, monday):
    assert str(parse_week(text, default_year=2026)) == monday


@pytest.mark.parametrize("text", ["S12", "S1 2026", "T1 2026", "mars 2026", "12"])
def test_what_is_not_a_week(text):
    assert parse_week(text, default_year=2026) is None  # « S12 » could be read as a semester: never a week


def test_a_week_without_a_year_needs_the_plans():
    with pytest.raises(BadValue, match="semaine sans année"):
        parse_week("Semaine 12", default_year=None)


def test_a_week_across_two_years_stays_in_its_iso_year():
    assert set(week_months(parse_week("2026-W01"))) == {parse_week("2026-W01").replace(year=2026, month=1, day=1)}
    last = week_months(parse_week("2026-W53"))  # Mon 28/12/2026 – Sun 03/01/2027
    assert set(last) == {last[0]} and last[0].isoformat() == "2026-12-01"


def test_last_years_weekly_file_is_history_left_out_or_moved_to_the_same_weeks(tmp_path, store, actions):
    path = tmp_path / "hebdo-2025.csv"
    path.write_text("Semaine;Action;Contacts\n2025-W12;Publicité Meta;14\n2026-W12;Publicité Meta;7\n",
                    encoding="utf-8")
    table, = read_foreign(path)
    mapping = suggest(table, actions)
    validation = apply(table, mapping, store.context(), actions)
    assert validation.ok, messages(validation)
    assert any(w.message.startswith("1 ligne de 2025 importée comme historique") for w in validation.warnings)
    months = validation.batch.tables["results"]["month"].dt.strftime("%Y-%m")
    assert sorted(months.unique()) == ["2025-03", "2026-03"]  # 2025-W12: 17–23 March 2025
    mapping.outside_year = "skip"
    validation = apply(table, mapping, store.context(), actions)
    assert any(w.message.startswith("1 ligne de 2025 ignorée") for w in validation.warnings)
    mapping.outside_year = "shift"
    validation = apply(table, mapping, store.context(), actions)
    store.import_batch(validation.batch, user="test")
    assert figures(store, metric="contacts") == {("A1", "contacts", "2026-03"): 14.0 + 7.0}  # both in week 12
