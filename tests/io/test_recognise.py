"""Finding our tables in sheets: the template's own sheets are skipped without a word."""

from pac_core.io import xlsx_writer
from pac_core.io.recognise import TEMPLATE_SHEETS, recognise
from pac_core.io.sheet import RawSheet

ACTIONS = [["ID action", "Action"], ["A1", "Salon"]]
TEXT = [["Mode d'emploi"], ["Remplissez chaque feuille."]]


def sheet(name, rows, hidden=False, is_csv=False):
    return RawSheet(source="plan.xlsx", name=name, preview=rows, hidden=hidden, is_csv=is_csv, _rows=rows)


def test_the_template_sheet_names_are_the_writers():
    assert set(TEMPLATE_SHEETS) == {xlsx_writer.INSTRUCTIONS_SHEET, xlsx_writer.LISTS_SHEET}


def test_the_templates_instructions_and_hidden_lists_are_skipped_without_a_note():
    found = recognise([sheet("Instructions", TEXT), sheet("Actions", ACTIONS),
                       sheet("Listes", [["Indicateurs"], ["Contacts"]], hidden=True)])
    assert [table.table.name for table in found.found] == ["actions"]
    assert found.notes == [] and found.problems == []


def test_other_hidden_or_unrelated_sheets_still_get_a_note():
    found = recognise([sheet("Actions", ACTIONS), sheet("Brouillon", ACTIONS, hidden=True), sheet("Notes", TEXT)])
    assert [note for _, note in found.notes] == [
        "La feuille masquée « Brouillon » a été ignorée.",
        "La feuille « Notes » a été ignorée : elle ne contient aucune table du plan (en-têtes attendus : "
        "ID action, Indicateur, Période…)."]


def test_a_csv_without_a_table_is_spoken_of_as_a_file():
    found = recognise([RawSheet(source="notes.txt", name="notes.txt", preview=TEXT, is_csv=True)])
    assert [note for _, note in found.notes] == [
        "« notes.txt » a été ignoré : on n'y trouve aucune table du plan (en-têtes attendus : ID action, "
        "Indicateur, Période…)."]


# -- a sheet named like ours, headed like another tool's export -----------------------------------------------

SELLSY = [["Opportunité", "Société", "Montant HT", "Étape", "Statut", "Date de création", "Provenance", "Commercial"],
          ["Formation managers", "Dupont SA", 12000, "Gagnée", "Gagnée", "10/01/2026", "Salon", "Marie Durand"]]
OUR_PIPELINE_WITHOUT_STAGE = [["ID opportunité", "Compte", "ID action", "Montant"], ["O1", "Dupont", "A1", 100]]


def test_a_crm_sheet_named_opportunites_is_foreign_with_a_note_naming_what_it_lacks():
    """Sellsy's « Étape » is one of our columns, but the sheet has no identifier of ours and words of its own."""
    crm = sheet("Opportunités", SELLSY)
    found = recognise([crm])
    assert found.found == [] and found.problems == [] and found.foreign == [crm]
    assert [note for _, note in found.notes] == [
        "La feuille « Opportunités » porte le nom d'une feuille du modèle (Pipeline) mais pas ses colonnes (il manque "
        "« ID opportunité ») : elle est lue comme le fichier d'un autre outil."]


def test_a_sheet_named_like_ours_without_any_of_its_columns_is_foreign():
    deals = sheet("Deals", [["Nom de la transaction", "Phase de la transaction", "Montant", "Date de création"],
                            ["Dupont", "Gagné", 100, "10/01/2026"]])
    results = sheet("Results", [["Campaign name", "Cost", "Impressions"], ["Brand", 10, 1000]])  # no header we know
    found = recognise([deals, results])
    assert found.foreign == [deals, results] and found.problems == []
    assert "il manque « ID opportunité », « Étape »" in found.notes[0][1]
    assert "il manque « Indicateur »" in found.notes[1][1]


def test_our_sheet_missing_one_required_column_keeps_its_precise_error():
    found = recognise([sheet("Pipeline", OUR_PIPELINE_WITHOUT_STAGE)])
    assert found.foreign == [] and found.notes == []
    assert [reason for _, reason in found.problems] == [
        "La feuille « Pipeline » (Pipeline) n'a pas de colonne « Étape » : ajoutez-la ou renommez l'en-tête existant."]


def test_our_actions_without_their_ids_keep_the_precise_error_when_every_header_is_ours():
    found = recognise([sheet("Actions", [["Action", "Canal", "Budget"], ["Salon", "Salon", 100]])])
    assert [reason for _, reason in found.problems] == [
        "La feuille « Actions » (Actions) n'a pas de colonne « ID action » : ajoutez-la ou renommez l'en-tête "
        "existant."]


def test_beside_tables_of_ours_a_foreign_sheet_named_like_ours_is_refused_not_skipped():
    """Nothing half-imported: the plan's actions with a pipeline sheet that cannot be read refuse the file."""
    found = recognise([sheet("Actions", ACTIONS), sheet("Opportunités", SELLSY)])
    assert [table.table.name for table in found.found] == ["actions"] and found.foreign == []
    assert [reason for _, reason in found.problems] == [
        "La feuille « Opportunités » (Pipeline) n'a pas de colonne « ID opportunité » : ajoutez-la ou renommez "
        "l'en-tête existant."]


def test_an_export_with_id_and_name_among_its_own_columns_is_not_an_actions_sheet():
    """Salesforce's API export: « Id » and « Name » are aliases of ID action and Action, but nine of its eleven
    columns are its own — read as Actions, its opportunities would have become actions of the plan."""
    salesforce = [["Id", "Name", "AccountId", "Account.Name", "StageName", "Amount", "CloseDate", "CreatedDate",
                   "LeadSource", "OwnerId", "Probability"],
                  ["0065g00000AbCd1AAF", "Dupont - formation", "001", "Dupont SA", "Closed Won", 12000, "2026-02-15",
                   "2026-01-10", "Trade Show", "005", 100]]
    assert recognise([sheet("sf.csv", salesforce, is_csv=True)]).found == []
    ours_with_notes = [["ID action", "Action", "Canal", "Commentaire", "Priorité"], ["A1", "Salon", "Salon", "", 1]]
    found, = recognise([sheet("actions.csv", ours_with_notes, is_csv=True)]).found
    assert found.table.name == "actions"  # our own columns, with two of the user's: still ours
