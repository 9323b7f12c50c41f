"""Validating files: each problem named where the user will find it, and nothing imported in silence."""

import datetime

from pac_core.validate import validate_files
from tests.builders import ACTION_HEADERS, action_row, csv_file, plan_workbook, workbook

RESULTS = ["ID action", "Indicateur", "Période", "Réalisé"]


def errors(validation):
    return [(issue.sheet, issue.row, issue.column, issue.value, issue.message) for issue in validation.errors]


def test_a_duplicate_names_both_rows_even_across_two_files(tmp_path):
    book = plan_workbook(tmp_path / "plan.xlsx", results=[("A1", "CA", "janv. 2026", 10), ("A2", "CA", "janv. 2026", 5),
                                                          ("A1", "chiffre d'affaires", "01/2026", 12)])
    validation = validate_files([book])
    assert errors(validation) == [("Réalisé", 4, None, "A1 / ca / 01/2026",
                                   "Doublon : même clé que la ligne 2. Gardez une seule ligne (ou additionnez-les).")]
    extra = csv_file(tmp_path / "realise-janvier.csv", "ID action;Indicateur;Période;Réalisé\nA2;CA;janv. 2026;6\n")
    validation = validate_files([plan_workbook(tmp_path / "p2.xlsx", results=[("A2", "CA", "janv. 2026", 5)]), extra])
    assert [(e[0], e[1]) for e in errors(validation)] == [("realise-janvier.csv", 2)]
    assert validation.errors[0].message.startswith(
        "Doublon : même clé que la ligne 2 de la feuille « Réalisé » de « p2.xlsx ».")


def test_headers_without_any_row_are_refused_as_nothing_to_import(tmp_path):
    validation = validate_files([workbook(tmp_path / "vide.xlsx", {"Réalisé": [["Suivi 2026"], RESULTS]})])
    assert not validation.ok and not validation.unreadable
    assert errors(validation) == [("Réalisé", 2, None, None,
                                   "Aucune ligne de données sous les en-têtes (ligne 2) : il n'y a rien à importer. "
                                   "Remplissez le tableau sous les en-têtes, puis déposez le fichier à nouveau.")]


def test_a_wide_row_whose_months_are_all_emptied_is_not_nothing(tmp_path):
    """It speaks for those months: the store removes their figures."""
    path = workbook(tmp_path / "r.xlsx", {"Réalisé": [["ID action", "Indicateur", "janv. 2026"], ["A1", "CA", None]]})
    validation = validate_files([path])
    assert validation.ok and len(validation.batch.tables["results"]) == 0


def test_a_formula_without_its_result_is_an_error_only_where_a_figure_is_read(tmp_path):
    path = workbook(tmp_path / "f.xlsx", {
        "Actions": [ACTION_HEADERS, action_row("A1")],
        "Réalisé": [["ID action", "Indicateur", "janv. 2026", "févr. 2026", "Total", "Commentaire"],
                    ["A1", "CA", 100, "=C2*2", "=C2+D2", "=A2"]]})
    validation = validate_files([path])
    assert [(e[0], e[1], e[2]) for e in errors(validation)] == [("Réalisé", 2, "D « févr. 2026 »")]
    assert "formule dont le résultat n'a pas été enregistré" in validation.errors[0].message


def test_checks_across_columns_name_the_column_as_the_file_heads_it(tmp_path):
    english = ["Action ID", "Lever", "Action name", "Channel", "Action type", "Target segment", "Owner",
               "Start date", "End date", "Planned budget", "Status", "Strategic objective"]
    row = action_row("A1", budget=-1500.0, start=datetime.date(2026, 3, 1), end=datetime.date(2026, 2, 28))
    validation = validate_files([workbook(tmp_path / "en.xlsx", {"Actions": [english, row]})])
    assert [(e[1], e[2], e[3]) for e in errors(validation)] == [(2, "J « Planned budget »", "-1500"),
                                                                (2, "I « End date »", "28/02/2026")]


def test_in_the_wide_layout_a_figure_is_named_by_its_month_column(tmp_path):
    path = workbook(tmp_path / "o.xlsx", {
        "Actions": [ACTION_HEADERS, action_row("A1")],
        "Objectifs": [["ID action", "Indicateur", "janv.", "févr."], ["A1", "Appels", 200, -12.5]],
        "Réalisé": [["ID action", "Indicateur", "déc. 2026", "janv. 2027"], ["A1", "Appels", 180, 190]]})
    assert [(e[0], e[2], e[3], e[4][:20]) for e in errors(validate_files([path]))] == [
        ("Objectifs", "D « févr. »", "-12,5", "Objectif négatif : i"),
        ("Réalisé", "D « janv. 2027 »", "01/2027", "Période après l'anné")]


def test_a_csv_row_with_a_stray_delimiter_is_an_error_on_its_line_not_an_unreadable_file(tmp_path):
    path = csv_file(tmp_path / "realise.csv", "ID action;Indicateur;Période;Réalisé\nA1;CA;janv. 2026;1;250\n")
    validation = validate_files([path])
    assert not validation.ok and not validation.unreadable
    assert [(e[1], e[3]) for e in errors(validation)] == [(2, "A1;CA;janv. 2026;1;250")]


def test_a_sellsy_workbook_whose_sheet_is_named_opportunites_is_offered_to_the_column_mapping(tmp_path):
    """Its sheet name is one of our Pipeline's, its headers are Sellsy's: a foreign file, not a broken pipeline."""
    from tests.files.foreign.exports import sellsy

    validation = validate_files([sellsy(tmp_path / "sellsy.xlsx")])
    assert validation.no_plan_table and not validation.unreadable and not validation.ok
    assert [issue.message for issue in validation.errors] == [
        "Aucune table du plan n'a été trouvée. Les feuilles attendues sont « Actions », « Objectifs », « Réalisé », "
        "« Objectifs stratégiques » et « Pipeline », avec leurs en-têtes (voir le modèle Excel)."]
    assert [(issue.sheet, issue.message) for issue in validation.warnings] == [
        ("Opportunités", "La feuille « Opportunités » porte le nom d'une feuille du modèle (Pipeline) mais pas ses "
                         "colonnes (il manque « ID opportunité ») : elle est lue comme le fichier d'un autre outil.")]


def test_our_pipeline_sheet_missing_its_stage_column_is_still_named_precisely(tmp_path):
    path = workbook(tmp_path / "pipeline.xlsx", {"Opportunités": [
        ["ID opportunité", "Compte", "ID action", "Montant"], ["O1", "Dupont", "A1", 100]]})
    validation = validate_files([path])
    assert not validation.no_plan_table
    assert errors(validation) == [("Opportunités", None, None, None,
                                   "La feuille « Opportunités » (Pipeline) n'a pas de colonne « Étape » : ajoutez-la "
                                   "ou renommez l'en-tête existant.")]
