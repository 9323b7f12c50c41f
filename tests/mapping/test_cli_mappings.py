"""The command line applies saved column mappings: a file from an ad platform or a CRM, once mapped on the
Données page, is imported by `python -m pac_core import` — named with --mapping, or unattended from cron when
one saved mapping has its columns. Run as a user runs it: real files, a real database, exit codes, French."""

import datetime as dt
import json

import pytest

from pac_core.mapping import Mapping, Measure, TableMapping, signature
from pac_core.store import Store
from tests.builders import plan_workbook, workbook
from tests.files.foreign.make_foreign import AD_HEADERS, AD_ROWS, CRM_HEADERS, CRM_ROWS, ad_export, crm_export
from tests.mapping.conftest import figures, import_plan
from tests.mapping.test_ad_export import EXPECTED_CONTACTS, EXPECTED_COST
from tests.mapping.test_crm_export import EXPECTED_DEAL_RESULTS, EXPECTED_OPPORTUNITIES, opportunities
from tests.test_cli import cli, snapshot

pytestmark = pytest.mark.usefixtures("story_day")  # a known day, so that « saved at » can be checked by hand

MISSING_AD_COLUMNS = "« Canal », « Date », « Dépense (€) », « Conversions »"


@pytest.fixture
def db(tmp_path):
    """A database file holding the plan the foreign files point at, closed so that the command line can open it."""
    path = tmp_path / "pac.duckdb"
    with Store(path) as store:
        import_plan(store, tmp_path)
    return path


# The mappings a manager makes once on the Données page, written out here as they would be saved.
AD_MAPPING = Mapping(
    [TableMapping("results", {"period": "Date", "action_id": "Canal"},
                  [Measure("cout", "Dépense (€)"), Measure("contacts", "Conversions")])],
    value_maps={"Canal": {"meta": "A1", "google ads": "A2"}}, signature=signature(AD_HEADERS))
CRM_MAPPING = Mapping(
    [TableMapping("opportunities", {"opportunity_id": "Nom de l'opportunité", "account": "Compte", "stage": "Étape",
                                    "amount": "Montant", "created_on": "Date de création",
                                    "closed_on": "Date de clôture", "action_id": "Origine de la piste",
                                    "channel": "Origine de la piste"}),
     # « Compter aussi les affaires gagnées »: each won deal is a new client and revenue, in its month of closing
     TableMapping("results", {"period": "Date de clôture", "action_id": "Origine de la piste"},
                  [Measure("nouveaux_clients", None, "count"), Measure("ca", "Montant")],
                  row_filter={"Étape": ["gagne"]})],
    value_maps={"Étape": {"gagne": "Signature de devis", "proposition": "Proposition commerciale envoyée",
                          "perdu": "Perdu", "qualification": "Premier contact"},
                "Origine de la piste": {"salon": "A3", "linkedin": "A1", "site web": "A4"}},
    signature=signature(CRM_HEADERS))


def save_mapping(db, name, mapping, *, user="marketing"):
    """Save a mapping under a name, as the Données page does after a file's first import."""
    with Store(db) as store:
        store.save_mapping(name, mapping, user=user)


def current(db, metric=None):
    with Store(db) as store:
        return figures(store, metric=metric)


def state(db):
    """Everything a refused import must leave as it was: the current data and the import history."""
    with Store(db) as store:
        history = store.import_history().to_dict("records")
    return snapshot(db), history


# -- validate ----------------------------------------------------------------------------------------

def test_validate_offers_the_mapping_for_a_sellsy_workbook_whose_sheet_is_named_like_our_pipeline(tmp_path, db):
    """« Opportunités » is one of our Pipeline's sheet names; Sellsy's headers make it a file to map, not a
    pipeline missing « ID opportunité »."""
    from tests.files.foreign.exports import sellsy

    done = cli("validate", sellsy(tmp_path / "sellsy.xlsx"), db=db)
    assert done.returncode == 1
    assert "n'a pas de colonne" not in done.stdout + done.stderr
    assert ("« sellsy.xlsx » n'est pas au format du modèle PAC Pilot : ce fichier peut être associé au plan sur la "
            "page Données (correspondance des colonnes).") in done.stderr
    assert "porte le nom d'une feuille du modèle (Pipeline) mais pas ses colonnes" in done.stdout


def test_validate_says_a_foreign_file_can_be_mapped_and_gives_the_command_of_the_saved_mapping_that_fits(tmp_path, db):
    ads = ad_export(tmp_path / "ads.xlsx")
    save_mapping(db, "Meta Ads", AD_MAPPING)
    done = cli("validate", ads, db=db)
    assert done.returncode == 1  # refused, as before
    assert "Aucune table du plan n'a été trouvée" in done.stderr
    assert ("« ads.xlsx » n'est pas au format du modèle PAC Pilot : ce fichier peut être associé au plan sur la page "
            "Données (correspondance des colonnes).") in done.stderr
    assert (f'La correspondance enregistrée « Meta Ads » convient : python -m pac_core --db {db} import --mapping '
            f'"Meta Ads" {ads}') in done.stderr


def test_validate_of_a_foreign_file_no_saved_mapping_fits_only_says_it_can_be_mapped(tmp_path, db):
    save_mapping(db, "Meta Ads", AD_MAPPING)
    done = cli("validate", crm_export(tmp_path / "crm.csv"), db=db)
    assert done.returncode == 1
    assert "ce fichier peut être associé au plan sur la page Données (correspondance des colonnes)" in done.stderr
    assert "convient" not in done.stderr


def test_validate_json_marks_a_foreign_file_and_lists_the_saved_mappings_that_fit(tmp_path, db):
    ads = ad_export(tmp_path / "ads.xlsx")
    save_mapping(db, "Meta Ads", AD_MAPPING)
    done = cli("validate", "--json", ads, db=db)
    report = json.loads(done.stdout)
    assert done.returncode == 1
    assert (report["valid"], report["foreign"], report["mappings"]) == (False, True, ["Meta Ads"])
    assert any('import --mapping "Meta Ads"' in hint for hint in report["hints"])
    ours = json.loads(cli("validate", "--json", plan_workbook(tmp_path / "plan.xlsx"), db=db).stdout)
    assert (ours["valid"], ours["foreign"], ours["mappings"]) == (True, False, [])


# -- import --mapping --------------------------------------------------------------------------------

def test_import_with_a_named_mapping_writes_the_hand_computed_monthly_figures(tmp_path, db):
    ads = ad_export(tmp_path / "ads.xlsx")
    save_mapping(db, "Meta Ads", AD_MAPPING)
    done = cli("import", "--mapping", "Meta Ads", ads, db=db)
    assert done.returncode == 0, done.stderr
    assert "Correspondance « Meta Ads » appliquée à la feuille « Export » de « ads.xlsx »." in done.stdout
    assert "ads.xlsx, feuille « Export », ligne 13 — Ligne de total ignorée" in done.stdout  # the usual report
    assert "Import n° 2 enregistré : 8 lignes de réalisé (8 ajoutées)." in done.stdout
    assert current(db, "cout") == EXPECTED_COST and current(db, "contacts") == EXPECTED_CONTACTS
    with Store(db) as store:
        newest = store.import_history().iloc[0]
    assert (newest["import_id"], newest["origin"], newest["file_names"]) == (2, "cli", "ads.xlsx")
    again = cli("import", "--mapping", "Meta Ads", ads, db=db)
    assert again.returncode == 0 and "déjà été importés" in again.stdout  # cron running twice changes nothing


def test_the_crm_export_brings_its_pipeline_and_its_won_deals(tmp_path, db):
    crm = crm_export(tmp_path / "crm.csv")
    save_mapping(db, "CRM opportunités", CRM_MAPPING)
    done = cli("import", "--json", "--mapping", "CRM opportunités", crm, db=db)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["mapping"], report["automatic"], report["file"]) == ("CRM opportunités", False, "crm.csv")
    assert report["import_id"] == 2
    with Store(db) as store:
        assert opportunities(store) == EXPECTED_OPPORTUNITIES
    assert current(db) == EXPECTED_DEAL_RESULTS  # 12 000 + 2 000 in February (A3), 4 500,50 in March (A4)


def test_undoing_a_mapped_import_brings_back_the_previous_figures(tmp_path, db):
    ads = ad_export(tmp_path / "ads.xlsx")
    save_mapping(db, "Meta Ads", AD_MAPPING)
    assert cli("import", "--mapping", "Meta Ads", ads, db=db).returncode == 0
    corrected = [[dt.datetime(2026, 1, 8), "Meta", "Notoriété hiver", 1000, 30, "300,00", 9],
                 [dt.datetime(2026, 1, 9), "Google Ads", "Search marque", 1000, 30, 40, 1],
                 [dt.datetime(2026, 1, 30), "META", "Notoriété hiver", 1000, 30, 25, 2]]
    second = ad_export(tmp_path / "ads-janvier-corrige.xlsx", corrected, "01/01/2026 - 31/01/2026")
    assert cli("import", "--mapping", "Meta Ads", second, db=db).returncode == 0
    assert current(db, "cout") == {**EXPECTED_COST, ("A1", "cout", "2026-01"): 300 + 25, ("A2", "cout", "2026-01"): 40}
    undone = cli("undo", "3", db=db)
    assert undone.returncode == 0 and "les données d'avant sont revenues" in undone.stdout
    assert current(db, "cout") == EXPECTED_COST and current(db, "contacts") == EXPECTED_CONTACTS


def test_the_sheet_with_the_mappings_columns_is_imported_and_several_such_sheets_are_said(tmp_path, db):
    save_mapping(db, "Meta Ads", AD_MAPPING)
    book = workbook(tmp_path / "classeur.xlsx", {
        "Lisez-moi": [["Rubrique", "Commentaire"], ["Source", "Export des plateformes"]],
        "Export": [AD_HEADERS, *AD_ROWS],
        "Copie": [AD_HEADERS, [dt.datetime(2026, 3, 2), "Meta", "Printemps", 1000, 30, 999, 1]]})
    done = cli("import", "--mapping", "Meta Ads", book, db=db)
    assert done.returncode == 0, done.stderr
    assert ("Plusieurs feuilles de « classeur.xlsx » ont les colonnes de la correspondance « Meta Ads » : la première, "
            "« Export », est importée.") in done.stdout
    assert current(db, "cout") == EXPECTED_COST  # nothing from « Copie » (March, 999)


def test_when_no_sheet_has_exactly_the_mappings_columns_the_sheet_it_reads_is_imported(tmp_path, db):
    save_mapping(db, "Meta Ads", AD_MAPPING)
    with_currency = [[*row, "EUR"] for row in AD_ROWS if row[0] is not None]  # next month's export gained a column
    book = workbook(tmp_path / "classeur.xlsx", {"Résumé": [["Mois", "Total"], ["janv.", 1320]],
                                                 "Détail": [[*AD_HEADERS, "Devise"], *with_currency]})
    done = cli("import", "--mapping", "Meta Ads", book, db=db)
    assert done.returncode == 0, done.stderr
    assert "appliquée à la feuille « Détail » de « classeur.xlsx »" in done.stdout
    assert current(db, "cout") == EXPECTED_COST


def test_a_mapping_that_does_not_fit_is_refused_in_french_and_changes_nothing(tmp_path, db):
    save_mapping(db, "Meta Ads", AD_MAPPING)
    before = state(db)
    done = cli("import", "--mapping", "Meta Ads", crm_export(tmp_path / "crm.csv"), db=db)
    assert done.returncode == 1
    assert (f"La correspondance « Meta Ads » ne convient pas à « crm.csv » : il manque les colonnes "
            f"{MISSING_AD_COLUMNS}.") in done.stderr
    assert "Rien n'a été importé" in done.stderr
    assert state(db) == before


def test_rows_the_mapping_cannot_place_are_named_by_file_sheet_row_column_and_value(tmp_path, db):
    save_mapping(db, "Meta Ads", AD_MAPPING)
    before = state(db)
    rows = [*AD_ROWS, [dt.datetime(2026, 2, 20), "Criteo", "Search", 100, 5, 12, 0]]
    done = cli("import", "--mapping", "Meta Ads", ad_export(tmp_path / "ads-mars.xlsx", rows), db=db)
    assert done.returncode == 1
    assert "erreur · ads-mars.xlsx, feuille « Export », ligne 13, colonne B « Canal » : « Criteo » — " in done.stderr
    assert "Rien n'a été importé" in done.stderr
    assert state(db) == before


def test_an_unknown_mapping_name_exits_2_and_says_how_to_list_them(tmp_path, db):
    before = state(db)
    done = cli("import", "--mapping", "Google", ad_export(tmp_path / "ads.xlsx"), db=db)
    assert done.returncode == 2
    assert done.stderr.strip() == "Aucune correspondance nommée « Google » : python -m pac_core mappings les liste."
    assert state(db) == before


def test_the_file_is_read_in_a_bounded_process(tmp_path, db, monkeypatch):
    """A file built to take forever to parse cannot hang the command: the reading has a deadline."""
    ads = ad_export(tmp_path / "ads.xlsx")
    save_mapping(db, "Meta Ads", AD_MAPPING)
    monkeypatch.setenv("PAC_PARSE_SECONDS", "0.001")
    done = cli("import", "--mapping", "Meta Ads", ads, db=db)
    assert done.returncode == 2
    assert "sa lecture a dépassé 0,001 s" in done.stderr and "Rien n'a été importé" in done.stderr


# -- unattended import (cron) ------------------------------------------------------------------------

def test_a_foreign_file_with_one_saved_mapping_is_imported_with_it_without_any_option(tmp_path, db):
    save_mapping(db, "CRM opportunités", CRM_MAPPING)
    save_mapping(db, "Meta Ads", AD_MAPPING)
    april = [*CRM_ROWS, ["OPP-010", "Nouveau client", "Gagné", "1 000", "Salon", "01/04/2026", "15/04/2026", "Paul"]]
    done = cli("import", crm_export(tmp_path / "crm-avril.csv", april), db=db)
    assert done.returncode == 0, done.stderr
    assert ("Correspondance enregistrée « CRM opportunités » appliquée d'elle-même à « crm-avril.csv » "
            "(mêmes colonnes).") in done.stdout
    assert current(db) == {**EXPECTED_DEAL_RESULTS, ("A3", "nouveaux_clients", "2026-04"): 1,
                           ("A3", "ca", "2026-04"): 1000}


def test_a_foreign_file_no_saved_mapping_fits_is_refused_as_before_with_the_mapping_hint(tmp_path, db):
    save_mapping(db, "Meta Ads", AD_MAPPING)
    before = state(db)
    done = cli("import", crm_export(tmp_path / "crm.csv"), db=db)
    assert done.returncode == 1
    assert "Aucune table du plan n'a été trouvée" in done.stderr and "Rien n'a été importé" in done.stderr
    assert "ce fichier peut être associé au plan sur la page Données (correspondance des colonnes)" in done.stderr
    assert state(db) == before


def test_two_saved_mappings_for_the_same_columns_are_not_chosen_between_unattended(tmp_path, db):
    ads = ad_export(tmp_path / "ads.xlsx")
    save_mapping(db, "Meta Ads", AD_MAPPING)
    save_mapping(db, "Meta Ads (agence)", AD_MAPPING)
    before = state(db)
    done = cli("import", ads, db=db)
    assert done.returncode == 1
    for name in ("Meta Ads", "Meta Ads (agence)"):
        assert f'La correspondance enregistrée « {name} » convient : python -m pac_core --db {db} import --mapping ' \
               f'"{name}" {ads}' in done.stderr
    assert state(db) == before


# -- mappings -----------------------------------------------------------------------------------------

def test_mappings_lists_what_each_saved_mapping_fills_when_and_by_whom_and_the_columns_it_expects(tmp_path, db,
                                                                                                 monkeypatch):
    monkeypatch.setenv("PAC_TZ", "Europe/Paris")
    empty = cli("mappings", db=db)
    assert empty.returncode == 0
    assert empty.stdout.strip() == ("Aucune correspondance enregistrée : elles le sont à l'import d'un fichier sur la "
                                    "page Données.")
    assert json.loads(cli("mappings", "--json", db=db).stdout) == []
    save_mapping(db, "Meta Ads", AD_MAPPING, user="marketing")
    save_mapping(db, "CRM opportunités", CRM_MAPPING, user="direction")
    with Store(db) as store:
        stored = store.scalar("SELECT saved_at FROM history.column_mappings WHERE name = 'Meta Ads'")
    paris = stored + dt.timedelta(hours=1)  # stored in UTC; Paris is UTC+1 in November
    listing = cli("mappings", db=db)
    assert listing.returncode == 0
    crm_line, ads_line = listing.stdout.strip().splitlines()  # newest first
    assert ads_line == (f"« Meta Ads » · Réalisé · enregistrée le {paris:%d/%m/%Y à %H:%M} par marketing · colonnes "
                        f"attendues : {MISSING_AD_COLUMNS}")
    assert crm_line.startswith("« CRM opportunités » · Pipeline (opportunités), Réalisé · enregistrée le ")
    assert "par direction" in crm_line and "« Étape »" in crm_line and "« Montant »" in crm_line
    listed = json.loads(cli("mappings", "--json", db=db).stdout)
    assert [m["name"] for m in listed] == ["CRM opportunités", "Meta Ads"]
    assert listed[1] == {"name": "Meta Ads", "fills": ["Réalisé"], "tables": ["results"],
                         "saved_at": f"{paris:%Y-%m-%dT%H:%M:%S}+01:00", "saved_by": "marketing",
                         "columns": ["Canal", "Date", "Dépense (€)", "Conversions"]}
