"""The preview of an import, against figures computed by hand on a tiny database, and against what the
store then records: the preview must announce exactly what the import does, and write nothing."""

import datetime

import pytest

from pac_core.import_preview import TotalChange, of_month, preview_import
from pac_core.store import Store
from pac_core.validate import validate_files
from tests.builders import ACTION_HEADERS, action_row, plan_workbook, workbook

NNBSP, NBSP = "\u202f", "\u00a0"
JAN, FEB, MAR = datetime.date(2026, 1, 1), datetime.date(2026, 2, 1), datetime.date(2026, 3, 1)
RESULTS_HEADER = ["ID action", "Indicateur", "Période", "Réalisé"]


@pytest.fixture
def store(tmp_path):
    """A1 and A2 (budget 1 000 € each); results: A1 CA janv. 100 and févr. 200, A2 CA janv. 50, A1 RDV janv. 7,
    company-wide active clients janv. 10; target A1 CA janv. 300."""
    with Store(tmp_path / "pac.duckdb") as opened:
        first = plan_workbook(tmp_path / "plan.xlsx", actions=("A1", "A2"),
                              results=[("A1", "ca", "janv. 2026", 100), ("A1", "ca", "févr. 2026", 200),
                                       ("A2", "ca", "janv. 2026", 50), ("A1", "rdv", "janv. 2026", 7),
                                       (None, "clients actifs", "janv. 2026", 10)],
                              targets=[("A1", "ca", "janv. 2026", 300)])
        validation = validate_files([first], opened.context())
        assert validation.ok, validation.errors
        opened.import_batch(validation.batch, user="test")
        yield opened


def batch_of(store, path):
    validation = validate_files([path], store.context())
    assert validation.ok, [issue.message for issue in validation.errors]
    return validation.batch


def results_file(tmp_path, rows):
    return workbook(tmp_path / "realise.xlsx", {"Réalisé": [RESULTS_HEADER, *map(list, rows)]})


# The second file speaks for (A1, ca), (A1, rdv), (A2, contacts) and the company's active clients, over
# janvier and mars: A1 CA févr. and A2 CA are outside its scope; A1 RDV janv. is in scope and absent → removed.
SECOND = [("A1", "ca", "janv. 2026", 150), ("A1", "ca", "mars 2026", 400), ("A1", "rdv", "mars 2026", 3),
          ("A2", "contacts", "janv. 2026", 5), (None, "clients actifs", "janv. 2026", 12)]


def test_results_added_replaced_and_removed_per_table_and_per_action_and_month(store, tmp_path):
    preview = preview_import(store, batch_of(store, results_file(tmp_path, SECOND)))
    (counts,) = preview.counts
    # Replaced: A1 CA janv. (100 → 150) and active clients janv. (10 → 12); removed: A1 RDV janv.;
    # added: A1 CA mars, A1 RDV mars, A2 contacts janv.
    assert (counts.table, counts.added, counts.replaced, counts.changed, counts.removed) == ("results", 3, 2, 2, 1)
    by_key = {(change.key, change.month): (change.added, change.replaced, change.removed)
              for change in preview.changes}
    assert by_key == {("A1", JAN): (0, 1, 1), ("A1", MAR): (2, 0, 0), ("A2", JAN): (1, 0, 0), (None, JAN): (0, 1, 0)}


def test_totals_before_and_after_per_indicator_and_month_in_french(store, tmp_path):
    preview = preview_import(store, batch_of(store, results_file(tmp_path, SECOND)))
    assert [total.sentence() for total in preview.totals] == [
        f"Réalisé de janvier 2026 : Chiffre d'affaires 150{NBSP}€ → 200{NBSP}€",  # A1 100 + A2 50 → A1 150 + A2 50
        "Réalisé de janvier 2026 : Clients actifs (toute l'entreprise) 10 → 12",
        "Réalisé de janvier 2026 : Contacts — → 5",
        "Réalisé de janvier 2026 : Rendez-vous 7 → —",
        f"Réalisé de mars 2026 : Chiffre d'affaires — → 400{NBSP}€",
        "Réalisé de mars 2026 : Rendez-vous — → 3",
    ]


def test_the_preview_writes_nothing_and_announces_what_the_import_records(store, tmp_path):
    batch = batch_of(store, results_file(tmp_path, SECOND))
    version, current = store.data_version(), store.query("SELECT * FROM results ORDER BY ALL")
    preview = preview_import(store, batch)
    assert store.data_version() == version
    assert store.query("SELECT * FROM results ORDER BY ALL").equals(current)
    outcome = store.import_batch(batch, user="test")
    assert outcome.row_counts == preview.row_counts()
    after = store.query("SELECT sum(value) AS total FROM results WHERE metric = 'ca' AND month = ? "
                        "AND action_id IS NOT NULL", [JAN])["total"].iloc[0]
    assert after == preview.totals[0].after == 200


def test_reimporting_the_same_figures_replaces_without_changing_any_total(store, tmp_path):
    same = [("A1", "ca", "janv. 2026", 100), ("A1", "ca", "févr. 2026", 200)]
    preview = preview_import(store, batch_of(store, results_file(tmp_path, same)))
    (counts,) = preview.counts
    assert (counts.added, counts.replaced, counts.changed, counts.removed) == (0, 2, 0, 0)
    assert all(not total.differs for total in preview.totals)


def test_targets_are_compared_with_the_current_plan(store, tmp_path):
    path = workbook(tmp_path / "objectifs.xlsx", {"Objectifs": [["ID action", "Indicateur", "Période", "Objectif"],
                                                               ["A1", "ca", "janv. 2026", 350],
                                                               ["A2", "ca", "janv. 2026", 120]]})
    preview = preview_import(store, batch_of(store, path))
    (counts,) = preview.counts
    assert (counts.table, counts.added, counts.replaced, counts.removed) == ("targets", 1, 1, 0)
    assert [total.sentence() for total in preview.totals] == [
        f"Objectifs de janvier 2026 : Chiffre d'affaires 300{NBSP}€ → 470{NBSP}€"]


def test_actions_are_replaced_by_id_and_the_budget_total_follows(store, tmp_path):
    path = workbook(tmp_path / "actions.xlsx", {"Actions": [ACTION_HEADERS, action_row("A2", budget=500),
                                                           action_row("A3", budget=700)]})
    preview = preview_import(store, batch_of(store, path))
    (counts,) = preview.counts
    assert (counts.table, counts.added, counts.replaced) == ("actions", 1, 1)
    assert [(change.key, change.added, change.replaced) for change in preview.changes] == [("A2", 0, 1), ("A3", 1, 0)]
    # Before: 1 000 + 1 000; after: A1 1 000 + A2 500 + A3 700.
    assert [total.sentence() for total in preview.totals] == [
        f"Budget total des actions : 2{NNBSP}000{NBSP}€ → 2{NNBSP}200{NBSP}€"]
    assert preview.row_counts() == store.import_batch(batch_of(store, path), user="test").row_counts


def test_a_first_import_into_an_empty_database_only_adds(tmp_path):
    with Store(tmp_path / "empty.duckdb") as empty:
        path = plan_workbook(tmp_path / "plan.xlsx", actions=("A1",), results=[("A1", "ca", "mai 2026", 48000)])
        preview = preview_import(empty, batch_of(empty, path))
    assert [(c.table, c.added, c.replaced, c.removed) for c in preview.counts] == [("actions", 1, 0, 0),
                                                                                   ("results", 1, 0, 0)]
    assert f"Réalisé de mai 2026 : Chiffre d'affaires — → 48{NNBSP}000{NBSP}€" in [t.sentence() for t in preview.totals]


@pytest.mark.parametrize("month, expected", [(datetime.date(2026, 4, 1), "d'avril 2026"),
                                             (datetime.date(2026, 8, 1), "d'août 2026"),
                                             (datetime.date(2026, 10, 1), "d'octobre 2026"),
                                             (datetime.date(2026, 5, 1), "de mai 2026")])
def test_month_names_are_elided_as_in_french(month, expected):
    assert of_month(month) == expected


def test_the_example_sentence_of_the_issue():
    total = TotalChange("results", "ca", datetime.date(2026, 5, 1), 48000, 52300)
    assert total.sentence() == f"Réalisé de mai 2026 : Chiffre d'affaires 48{NNBSP}000{NBSP}€ → 52{NNBSP}300{NBSP}€"


def test_the_same_files_already_imported_are_said_before_the_button(store, tmp_path):
    path = results_file(tmp_path, [("A1", "ca", "janv. 2026", 150)])
    assert preview_import(store, batch_of(store, path)).already_imported is None
    store.import_batch(batch_of(store, path), user="test")
    said = preview_import(store, batch_of(store, path)).already_imported
    assert "déjà été importés" in said and "(import n° 2)" in said


def test_a_reimport_that_removes_stored_figures_says_so_with_the_count(store, tmp_path):
    """SECOND leaves A1's rendez-vous of January empty while speaking for it: that figure would be removed."""
    preview = preview_import(store, batch_of(store, results_file(tmp_path, SECOND)))
    assert preview.removal_warning() == (
        "1 chiffre enregistré serait retiré : Réalisé de janvier 2026, A1, Rendez-vous : 7. Le fichier laisse ces "
        "cases vides alors qu'il couvre leurs actions, indicateurs et mois : si ce n'est pas voulu, remplissez-les "
        "avant d'importer.")
    two = [("A1", "ca", "janv. 2026", 150), ("A1", "rdv", "mars 2026", 3)]  # A1 CA févr. stays outside: not removed
    assert preview_import(store, batch_of(store, results_file(tmp_path, two))).removal_warning().startswith(
        "1 chiffre enregistré serait retiré")
    whole = [("A1", "ca", "janv. 2026", 150), ("A1", "ca", "févr. 2026", None), ("A1", "rdv", "févr. 2026", 1)]
    assert preview_import(store, batch_of(store, results_file(tmp_path, whole))).removal_warning().startswith(
        f"2 chiffres enregistrés seraient retirés : Réalisé de janvier 2026, A1, Rendez-vous : 7 ; Réalisé de février "
        f"2026, A1, Chiffre d'affaires : 200{NBSP}€")


def test_an_import_that_removes_nothing_warns_of_nothing(store, tmp_path):
    same = [("A1", "ca", "janv. 2026", 100), ("A1", "rdv", "janv. 2026", 9)]
    assert preview_import(store, batch_of(store, results_file(tmp_path, same))).removal_warning() is None
