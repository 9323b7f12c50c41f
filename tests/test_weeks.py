"""The weekly rhythm (issue 19): objectives and results by ISO week, split into months by their days, kept by week
for « Cette semaine »; a week that does not exist, a week given twice, weekly and monthly files for one indicator
in one year are refused with one French sentence, and nothing is imported."""

import datetime as dt
import sys
from pathlib import Path

import pytest

from pac_core.display.weeks import week_span, week_view
from pac_core.kpi.scope import Filters, Scope
from pac_core.store import Store
from pac_core.validate import validate_files
from pac_core.weeks import split_weeks
from tests.builders import ACTION_HEADERS, action_row, workbook

sys.path.insert(0, str(Path(__file__).parent / "files"))
from make_weekly import calls_done, make_weekly  # noqa: E402

WEEK_HEADERS = [f"S{week:02d}" for week in range(1, 54)]  # 2026 has 53 ISO weeks (1 January is a Thursday)


def weekly_results(path, figures: dict[str, float], headers=WEEK_HEADERS, metric="Appels", action="A1",
                   sheet="Réalisé", with_actions=True):
    """Actions A1 (2026) and a wide sheet: one row of `metric`, one column per week header."""
    sheets = {"Actions": [ACTION_HEADERS, action_row("A1")]} if with_actions else {}
    sheets[sheet] = [["ID action", "Indicateur", *headers], [action, metric, *[figures.get(h) for h in headers]]]
    return workbook(path, sheets)


def long_sheet(path, rows, period_header="Semaine", sheet="Réalisé", value_header="Réalisé"):
    return workbook(path, {"Actions": [ACTION_HEADERS, action_row("A1")],
                           sheet: [["ID action", "Indicateur", period_header, value_header], *map(list, rows)]})


def months_of(frame, metric="appels"):
    rows = frame[frame["metric"] == metric]
    return {f"{month:%Y-%m}": round(value, 6) for month, value in zip(rows["month"], rows["value"])}


def do_import(store, path):
    validation = validate_files([path], store.context())
    assert validation.ok, [issue.message for issue in validation.errors]
    return store.import_batch(validation.batch, user="test")


def refused(store, path) -> list[str]:
    validation = validate_files([path], store.context())
    assert not validation.ok
    return [issue.message for issue in validation.errors]


def stored_months(store, table="results", metric="appels"):
    frame = store.query(f"SELECT month, value FROM main.{table} WHERE action_id = 'A1' AND metric = ? ORDER BY month",
                        [metric])
    return {f"{month:%Y-%m}": round(value, 6) for month, value in zip(frame["month"], frame["value"])}


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "pac.duckdb") as opened:
        yield opened


# -- reading --------------------------------------------------------------------------------------------------------

def test_a_week_across_two_months_is_split_by_its_days(tmp_path):
    # S05 2026 runs from Monday 26 January to Sunday 1 February: 6 days in January, 1 in February.
    # 70 calls: 70 × 6/7 = 60 in January, 70 × 1/7 = 10 in February; S06 (2–8 February) = 14, all in February.
    # January: 60; February: 10 + 14 = 24. The month is the sum of its days.
    path = weekly_results(tmp_path / "semaines.xlsx", {"S05": 70, "S06": 14})
    validation = validate_files([path])
    assert validation.ok, [issue.message for issue in validation.errors]
    assert months_of(validation.batch.tables["results"]) == {"2026-01": 60, "2026-02": 24}
    weeks = validation.batch.weeks["results"]
    assert sorted(weeks.frame["value"]) == [14, 70]
    assert len(weeks.scope_weeks) == 53  # the file speaks for every week it has a column for, S01 to S53


def test_weeks_1_and_53_stay_in_their_iso_year():
    # S01 2026 = 29 December 2025 → 4 January 2026: its 3 December days count in January 2026 (7 → 7 in January).
    # S53 2026 = 28 December 2026 → 3 January 2027: its 3 January days count in December 2026 (14 → 14 in December).
    frame = split_weeks(__import__("pandas").DataFrame({
        "action_id": ["A1", "A1"], "metric": ["appels", "appels"],
        "week": [dt.date(2025, 12, 29), dt.date(2026, 12, 28)], "value": [7.0, 14.0]}))
    assert months_of(frame) == {"2026-01": 7, "2026-12": 14}


def test_sem_1_headers_and_a_semaine_column_in_long_form_are_weeks(tmp_path):
    # « sem. 1 » = 29 Dec 2025 → 4 Jan 2026 (all January 2026); « sem. 2 » = 5 → 11 January.
    wide = weekly_results(tmp_path / "sem.xlsx", {"sem. 1": 7, "sem. 2": 21}, headers=["sem. 1", "sem. 2"])
    validation = validate_files([wide])
    assert validation.ok, [issue.message for issue in validation.errors]
    assert months_of(validation.batch.tables["results"]) == {"2026-01": 28}
    # A « Semaine » column: S12 (16 → 22 March), 13 (23 → 29 March), 2026-W14 (30 March → 5 April: 2 days in March,
    # 5 in April), and a date, Wednesday 8 April, is its week 15 (6 → 12 April).
    # March: 7 + 14 + 21 × 2/7 = 27; April: 21 × 5/7 + 28 = 43.
    long = long_sheet(tmp_path / "long.xlsx", [("A1", "Appels", "S12", 7), ("A1", "Appels", 13, 14),
                                               ("A1", "Appels", "2026-W14", 21),
                                               ("A1", "Appels", dt.date(2026, 4, 8), 28)])
    validation = validate_files([long])
    assert validation.ok, [issue.message for issue in validation.errors]
    assert months_of(validation.batch.tables["results"]) == {"2026-03": 27, "2026-04": 43}
    assert sorted(validation.batch.weeks["results"].frame["week"].dt.strftime("%G-W%V")) == [
        "2026-W12", "2026-W13", "2026-W14", "2026-W15"]


def test_a_period_column_holds_months_and_a_week_only_when_the_cell_says_so(tmp_path):
    # « 2026-W12 » in « Période » is a week (16 → 22 March): 7 in March. A date there stays a month, as before.
    weekly = long_sheet(tmp_path / "periode.xlsx", [("A1", "Appels", "2026-W12", 7), ("A1", "Appels", "semaine 13", 7)],
                        period_header="Période")
    validation = validate_files([weekly])
    assert validation.ok, [issue.message for issue in validation.errors]
    assert months_of(validation.batch.tables["results"]) == {"2026-03": 14}
    monthly = long_sheet(tmp_path / "mois.xlsx", [("A1", "Appels", dt.date(2026, 3, 16), 7)], period_header="Date")
    validation = validate_files([monthly])
    assert validation.ok and not validation.batch.weeks
    assert months_of(validation.batch.tables["results"]) == {"2026-03": 7}


def test_s1_and_s2_alone_are_semesters_not_weeks(tmp_path):
    path = weekly_results(tmp_path / "semestres.xlsx", {"S1": 10, "S2": 12}, headers=["S1", "S2"])
    messages = [issue.message for issue in validate_files([path]).issues]
    assert not any("semaine" in message for message in messages)
    assert any("ni colonnes de mois" in message for message in messages)


# -- bad input: a French sentence, nothing imported -----------------------------------------------------------------

def test_week_54_is_refused_and_nothing_is_imported(store, tmp_path):
    path = weekly_results(tmp_path / "s54.xlsx", {"S05": 70, "S54": 3}, headers=[*WEEK_HEADERS, "S54"])
    assert refused(store, path) == ["La semaine 54 n'existe pas en 2026 : cette année compte 53 semaines "
                                    "(S01 à S53). Corrigez le numéro ou retirez-la."]
    long = long_sheet(tmp_path / "s54-long.xlsx", [("A1", "Appels", 54, 3)])
    assert any("La semaine 54 n'existe pas en 2026" in message for message in refused(store, long))
    assert store.scalar("SELECT count(*) FROM history.imports") == 0


def test_week_53_of_a_52_week_year_is_refused(store, tmp_path):
    path = long_sheet(tmp_path / "2025.xlsx", [("A1", "Appels", "2025-W53", 3)])
    assert any("La semaine 53 n'existe pas en 2025 : cette année compte 52 semaines" in message
               for message in refused(store, path))


def test_a_week_given_twice_is_a_duplicate_naming_both_rows(store, tmp_path):
    path = long_sheet(tmp_path / "double.xlsx", [("A1", "Appels", "S12", 7), ("A1", "Appels", "S13", 8),
                                                 ("A1", "Appels", "2026-W12", 9)])
    validation = validate_files([path], store.context())
    assert not validation.ok
    [error] = validation.errors
    assert error.row == 4  # the third data row, under the header on row 1
    assert error.message == ("Doublon : la semaine 12 de 2026 (A1 / Appels) est déjà donnée ligne 2. Gardez une "
                             "seule ligne (ou additionnez-les).")


def test_one_week_in_two_columns_is_refused(tmp_path):
    path = weekly_results(tmp_path / "colonnes.xlsx", {"S05": 1}, headers=[*WEEK_HEADERS, "Semaine 5"])
    messages = [issue.message for issue in validate_files([path]).errors]
    assert messages == ["La feuille « Réalisé » a deux colonnes pour la semaine 5 (G « S05 » et BD « Semaine 5 ») : "
                        "gardez-en une seule."]


def test_a_stock_is_not_given_by_week(tmp_path):
    path = weekly_results(tmp_path / "stock.xlsx", {"S05": 150}, metric="Clients actifs")
    assert [issue.message for issue in validate_files([path]).errors] == [
        "« Clients actifs » est un stock (sa valeur à la fin du mois) : il se donne par mois, pas par semaine. "
        "Déposez-le dans un fichier par mois."]


def test_weeks_and_months_in_one_sheet_are_refused(tmp_path):
    path = long_sheet(tmp_path / "melange.xlsx", [("A1", "Appels", "janv. 2026", 7), ("A1", "Appels", "2026-W12", 7)],
                      period_header="Période")
    assert [issue.message for issue in validate_files([path]).errors] == [
        "La feuille « Réalisé » mélange des semaines (ligne 3) et des mois (ligne 2) : déposez un fichier par semaine "
        "ou un fichier par mois."]


# -- weekly and monthly for one indicator in one year ---------------------------------------------------------------

def test_a_monthly_file_is_refused_once_the_indicator_is_followed_by_week(store, tmp_path):
    do_import(store, weekly_results(tmp_path / "semaines.xlsx", {"S05": 70}))  # import n° 1
    monthly = long_sheet(tmp_path / "mois.xlsx", [("A1", "Appels", "mars 2026", 200)], period_header="Période")
    assert refused(store, monthly) == [
        "Les appels de A1 sont suivis par semaine en 2026 (import n° 1) : déposez un fichier par semaine, ou annulez "
        "cet import pour revenir au mois."]
    # Another indicator, or another year, stays free to be monthly.
    other = long_sheet(tmp_path / "rdv.xlsx", [("A1", "Rendez-vous", "mars 2026", 4)], period_header="Période")
    assert validate_files([other], store.context()).ok


def test_a_weekly_file_is_refused_while_months_it_does_not_cover_are_held_by_month(store, tmp_path):
    do_import(store, long_sheet(tmp_path / "mois.xlsx", [("A1", "Appels", "janv. 2026", 200),
                                                         ("A1", "Appels", "févr. 2026", 180),
                                                         ("A1", "Appels", "mars 2026", 190)],
                                period_header="Période"))  # import n° 1
    # S10 to S13: 2 → 29 March, March only.
    march = weekly_results(tmp_path / "mars.xlsx", {"S10": 50, "S11": 45, "S12": 40, "S13": 55},
                           headers=["S10", "S11", "S12", "S13"])
    assert refused(store, march) == [
        "Les appels de A1 sont suivis par mois en 2026 : déposez un fichier par mois, ou un fichier par "
        "semaine qui couvre aussi janv. 2026 et févr. 2026 pour passer à la semaine."]
    # A weekly file covering every month held by month replaces them: the indicator changes grain.
    # S01 (29 Dec → 4 Jan, all counted in January 2026) … S14 (30 March → 5 April): 14 weeks of 7 calls, a call a
    # day: each month gets its days. January: 31 + S01's 3 December days = 34; February: 28; March: 31;
    # April: S14's 1 → 5 April = 5. Total 98 = 14 × 7.
    whole = weekly_results(tmp_path / "t1.xlsx", {f"S{week:02d}": 7 for week in range(1, 15)},
                           headers=[f"S{week:02d}" for week in range(1, 15)])
    do_import(store, whole)
    assert stored_months(store) == {"2026-01": 34, "2026-02": 28, "2026-03": 31, "2026-04": 5}


def test_weeks_and_months_for_one_indicator_in_one_batch_are_refused(tmp_path):
    weekly = weekly_results(tmp_path / "semaines.xlsx", {"S05": 70})
    monthly = workbook(tmp_path / "mois.xlsx", {"Réalisé": [["ID action", "Indicateur", "Période", "Réalisé"],
                                                           ["A1", "Appels", "mars 2026", 200]]})
    messages = [issue.message for issue in validate_files([weekly, monthly]).errors]
    assert messages == ["Les appels de A1 sont suivis par semaine (feuille « Réalisé ») et par mois (feuille "
                        "« Réalisé ») pour 2026 : gardez l'un des deux."]


def test_monthly_objectives_with_weekly_results_are_no_mix(store, tmp_path):
    do_import(store, long_sheet(tmp_path / "objectifs.xlsx", [("A1", "Appels", "mars 2026", 200)],
                                period_header="Période", sheet="Objectifs", value_header="Objectif"))
    assert validate_files([weekly_results(tmp_path / "semaines.xlsx", {"S12": 40})], store.context()).ok


# -- the store: weeks kept, months the sum of their days, undo -----------------------------------------------------

def test_a_later_weekly_file_keeps_the_earlier_weeks_share_of_a_month(store, tmp_path):
    # Import 1: S05 = 70 (60 in January, 10 in February). Import 2 gives only S06 = 14 (February): February is
    # recomputed from every current week, 10 + 14 = 24, not 14.
    do_import(store, weekly_results(tmp_path / "s05.xlsx", {"S05": 70}, headers=["S03", "S04", "S05"]))
    do_import(store, weekly_results(tmp_path / "s06.xlsx", {"S06": 14}, headers=["S06", "S07", "S08"]))
    assert stored_months(store) == {"2026-01": 60, "2026-02": 24}
    # Re-importing S05 empty removes the week, and its days leave January and February.
    do_import(store, weekly_results(tmp_path / "s05-vide.xlsx", {"S05": None, "S07": 7},
                                    headers=["S05", "S07", "S08"]))
    assert stored_months(store) == {"2026-02": 21}
    assert store.scalar("SELECT count(*) FROM main.week_results") == 2  # S06 and S07


def test_undoing_a_weekly_import_brings_the_months_and_weeks_back(store, tmp_path):
    first = do_import(store, weekly_results(tmp_path / "a.xlsx", {"S05": 70}, headers=["S03", "S04", "S05"]))
    second = do_import(store, weekly_results(tmp_path / "b.xlsx", {"S05": 35}, headers=["S03", "S04", "S05"]))
    assert stored_months(store) == {"2026-01": 30, "2026-02": 5}  # 35 × 6/7, 35 × 1/7
    store.undo(second.import_id, user="test")
    assert stored_months(store) == {"2026-01": 60, "2026-02": 10}
    assert store.query("SELECT value FROM main.week_results")["value"].tolist() == [70]
    store.undo(first.import_id, user="test")
    assert stored_months(store) == {}
    assert store.scalar("SELECT count(*) FROM main.week_results") == 0


def test_weekly_objectives_are_kept_by_week_and_by_month(store, tmp_path):
    # 45 calls a week from S14 (30 March): March gets 2 days, 45 × 2/7 = 12,857…; April: S14's 5 days + S15-S17 +
    # S18's 4 days (27 → 30 April) = 45 × (5 + 21 + 4)/7 = 192,857…
    headers = [f"S{week:02d}" for week in range(14, 19)]
    do_import(store, weekly_results(tmp_path / "objectifs.xlsx", {h: 45 for h in headers}, headers=headers,
                                    sheet="Objectifs"))
    assert stored_months(store, "plan_targets") == {"2026-03": round(45 * 2 / 7, 6), "2026-04": round(45 * 30 / 7, 6),
                                                     "2026-05": round(45 * 3 / 7, 6)}
    assert store.query("SELECT value FROM main.week_targets")["value"].tolist() == [45] * 5


# -- « Cette semaine » ----------------------------------------------------------------------------------------------

def test_cette_semaine_shows_the_week_against_its_objective_and_the_four_before(store, tmp_path):
    # Results by week S20…S24; objectives by month only: 200 calls in May, 300 in June.
    # Today: Wednesday 10 June 2026, week 24 (8 → 14 June); before it S20 (11 → 17 May) … S23 (1 → 7 June).
    # Week objectives, the month's by its days: S20, S21 in May: 200 × 7/31 = 45,16 → « 45 ¹ »;
    # S22 (25 → 31 May): 45 ¹; S23 and S24 in June: 300 × 7/30 = 70 ¹.
    # Four weeks before: done 40 + 50 + 45 + 60 = 195 of 45,16 × 3 + 70 = 205,48: 94,9 %. This week 35 / 70 = 50,0 %.
    workbook(tmp_path / "plan.xlsx", {
        "Actions": [ACTION_HEADERS, action_row("A1", owner="Julie"), action_row("A2", owner="Marc")],
        "Objectifs": [["ID action", "Indicateur", "Période", "Objectif"], ["A1", "Appels", "mai 2026", 200],
                      ["A1", "Appels", "juin 2026", 300], ["A2", "Appels", "juin 2026", 100]],
        "Réalisé": [["ID action", "Indicateur", "S20", "S21", "S22", "S23", "S24"],
                    ["A1", "Appels", 40, 50, 45, 60, 35]]})
    do_import(store, tmp_path / "plan.xlsx")
    view = week_view(store, Scope(), dt.date(2026, 6, 10))
    assert view["title"] == "Semaine 24 (S24), du 8 au 14 juin 2026"
    current = view["current"].iloc[0].to_dict()
    assert current == {"Responsable": "Julie", "Action": "A1 · Action A1", "Indicateur": "Appels",
                       "Objectif de la semaine": "70 ¹", "Réalisé": "35", "Taux de réalisation": "50,0\u202f%"}
    assert len(view["current"]) == 1  # A2 is followed by month only: left out, and said (display.weeks.LEFT_OUT)
    assert view["before_title"] == "Les 4 semaines précédentes (S20 à S23), du 11 mai au 7 juin 2026"
    assert view["before"].iloc[0].to_dict() == {
        "Action": "A1", "Indicateur": "Appels", "S20": "40 / 45 ¹", "S21": "50 / 45 ¹", "S22": "45 / 45 ¹",
        "S23": "60 / 70 ¹", "Taux sur 4 semaines": "94,9\u202f%"}
    assert view["from_month"]
    # The owner filter of the sidebar: Marc has nothing followed by week.
    assert week_view(store, Scope(filters=Filters(owner=("Marc",))), dt.date(2026, 6, 10))["empty"]


def test_week_spans_read_in_french():
    assert week_span(dt.date(2026, 6, 29)) == "du 29 juin au 5 juil. 2026"
    assert week_span(dt.date(2026, 12, 28)) == "du 28 déc. 2026 au 3 janv. 2027"


# -- the done-when: the demo and a weekly telemarketing file -------------------------------------------------------

def test_the_weekly_telemarketing_file_on_the_demo(tmp_path, monkeypatch):
    monkeypatch.setenv("PAC_TODAY", "2026-12-04")
    from pac_core.demo_loader import load_demo

    with Store(tmp_path / "pac.duckdb") as store:
        load_demo(store)
        outcome = do_import(store, make_weekly(tmp_path / "tel-semaines.xlsx"))
        assert outcome.import_id == 2
        months = store.query("SELECT month, value FROM main.results WHERE action_id = 'TEL' AND metric = 'appels' "
                             "ORDER BY month")
        by_month = {f"{m:%Y-%m}": round(v, 6) for m, v in zip(months["month"], months["value"])}
        # S14 = 30 March → 5 April (46 calls): 2 days in March, 46 × 2/7 = 13,142857.
        assert by_month["2026-03"] == round(46 * 2 / 7, 6) and calls_done(14) == 46
        # April = S14's 5 days + S15 + S16 + S17 + S18's 4 days (27 → 30 April):
        # 46 × 5/7 + 38 + 45 + 52 + 44 × 4/7 = 32,857 + 135 + 25,143 = 193.
        assert [calls_done(week) for week in (15, 16, 17, 18)] == [38, 45, 52, 44]
        assert by_month["2026-04"] == 193
        # The year adds up: the months hold exactly the weeks.
        weeks_total = sum(calls_done(week) for week in range(14, 49))
        assert round(months["value"].sum(), 6) == weeks_total
        view = week_view(store, Scope(), dt.date(2026, 12, 4))
        assert view["title"] == "Semaine 49 (S49), du 30 nov. au 6 déc. 2026"
        before = view["before"].set_index("Indicateur")
        # S45 … S48: 38, 45, 52, 44 calls against 45 a week: 179 / 180 = 99,4 %.
        assert before.loc["Appels"].tolist() == ["TEL", "38 / 45", "45 / 45", "52 / 45", "44 / 45", "99,4\u202f%"]
