"""The Données page, run by Streamlit's AppTest on a temporary database with the demo loaded. Files go in
through AppTest's own file_uploader support (Streamlit 1.67): real workbook bytes, the page's real code path.

Demo figures (pac_core/demo.py): revenue to October 146 800 €, of which WEB's October revenue 13 900 €.
"""

import getpass
import re

import pytest

from tests.app.conftest import NBSP, NNBSP, metrics, shown_table, texts
from tests.builders import workbook

pytestmark = pytest.mark.usefixtures("story_day")  # the demo's hand-computed figures (tests/conftest.py)

DATA_PAGE = "screens/donnees.py"
OVERVIEW = "screens/vue_ensemble.py"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RESULTS_HEADER = ["ID action", "Indicateur", "Période", "Réalisé"]
DEMO_REVENUE = f"146{NNBSP}800{NBSP}€"


def euros(text):
    return text.replace(" ", NNBSP) + f"{NBSP}€"


def results_bytes(tmp_path, rows, name="realise-octobre.xlsx") -> tuple:
    path = workbook(tmp_path / name, {"Réalisé": [RESULTS_HEADER, *map(list, rows)]})
    return (name, path.read_bytes(), XLSX)


def open_data(app):
    app.switch_page(DATA_PAGE)
    app.run()
    assert not app.exception, app.exception
    return app


def upload(app, *files):
    app.file_uploader[0].set_value(list(files))
    app.run()
    assert not app.exception, app.exception
    return app


def click(app, key):
    app.button(key=key).click()
    app.run()
    assert not app.exception, app.exception
    return app


def overview_revenue(app) -> str:
    """The overview's revenue card, then back to the Données page."""
    app.switch_page(OVERVIEW)
    app.run()
    assert not app.exception, app.exception
    revenue = metrics(app)["Chiffre d'affaires réalisé"]
    open_data(app)
    return revenue


def unescape(value):
    """A cell of a table of the page as the user reads it (the page escapes Markdown signs)."""
    return re.sub(r"\\(.)", r"\1", value) if isinstance(value, str) else value


def issues(app):
    """The report table (st.table, every cell escaped), as the user reads it."""
    frame = next(table.value for table in app.table if "Message" in table.value.columns)
    return frame.map(unescape)


def history(app):
    return next(frame.value for frame in app.dataframe if "N°" in frame.value.columns)


def imports_count(app) -> int:
    return int(app.session_state["store"].scalar("SELECT count(*) FROM history.imports"))


def import_and_check_revenue(app, tmp_path, revenue_october, name="realise-octobre.xlsx"):
    upload(app, results_bytes(tmp_path, [("WEB", "CA", "oct. 2026", revenue_october)], name))
    return click(app, "importer")


def test_the_page_offers_upload_template_and_export_and_says_the_upload_limit(app):
    open_data(app)
    assert [title.value for title in app.title] == ["Données"]
    assert "Taille maximale : 50 Mo par fichier." in texts(app)
    uploader = app.file_uploader[0]
    assert uploader.accept_multiple_files
    labels = [button.label for button in app.get("download_button")]
    assert "Télécharger le modèle Excel" in labels and "Exporter les données actuelles" in labels
    table = history(app)
    assert table.iloc[0][["N°", "Qui", "Depuis", "État"]].tolist() == ["1", "démo", "démonstration", "actif"]


def test_a_valid_file_is_previewed_then_imported_and_the_overview_changes(app, tmp_path):
    assert overview_revenue(open_data(app)) == DEMO_REVENUE
    upload(app, results_bytes(tmp_path, [("WEB", "CA", "oct. 2026", 20000)]))
    assert [message.value for message in app.success] == ["Fichier valide : prêt à importer."]
    totals = shown_table(app.table[1])["Total avant → après"].tolist()
    assert f"Réalisé d'octobre 2026 : Chiffre d'affaires {euros('13 900')} → {euros('20 000')}" in totals
    counts = shown_table(app.table[0])
    assert counts.iloc[0].tolist() == ["Réalisé", "0", "1", "1", "0"]
    assert imports_count(app) == 1  # nothing written before the button
    click(app, "importer")
    assert any("Import n° 2 enregistré : 1 ligne de réalisé (1 remplacée)" in m.value.replace("\\", "")
               for m in app.success)
    latest = history(app).iloc[0]
    assert latest[["N°", "Qui", "Depuis", "Fichiers", "État"]].tolist() == [
        "2", getpass.getuser(), "application", "realise-octobre.xlsx", "actif"]
    assert "Réalisé : 1 action, 1 indicateur, oct. 2026" == latest["Portée"]
    assert len(app.file_uploader[0].value or []) == 0  # the uploader starts empty again
    # 146 800 − 13 900 + 20 000
    assert overview_revenue(app) == euros("152 900")


def test_an_invalid_file_lists_its_errors_and_the_database_is_unchanged(app, tmp_path):
    open_data(app)
    version = app.session_state["store"].data_version()
    upload(app, results_bytes(tmp_path, [("WBE", "CA", "oct. 2026", 20000), ("WEB", "CA", "oct. 2026", "vingt")],
                              name="realise-faux.xlsx"))
    assert "Fichier refusé : 2 erreurs." in [message.value for message in app.error]
    errors = issues(app)
    assert list(errors.columns) == ["Fichier", "Feuille", "Ligne", "Colonne", "Valeur", "Message"]
    assert set(errors["Fichier"]) == {"realise-faux.xlsx"} and set(errors["Feuille"]) == {"Réalisé"}
    unknown = errors[errors["Valeur"] == "WBE"].iloc[0]
    assert unknown["Ligne"] == "2" and "Vouliez-vous dire « WEB » ?" in unknown["Message"]
    assert (errors["Valeur"] == "vingt").any()
    assert "importer" not in [button.key for button in app.button]
    assert "Télécharger le rapport d'erreurs (Excel)" in [button.label for button in app.get("download_button")]
    assert app.session_state["store"].data_version() == version
    assert overview_revenue(app) == DEMO_REVENUE


def test_reuploading_the_same_month_replaces_it_and_the_same_file_twice_is_said(app, tmp_path):
    open_data(app)
    import_and_check_revenue(app, tmp_path, 20000)
    second = results_bytes(tmp_path, [("WEB", "CA", "oct. 2026", 15000)], name="realise-octobre-v2.xlsx")
    upload(app, second)
    totals = shown_table(app.table[1])["Total avant → après"].tolist()
    assert f"Réalisé d'octobre 2026 : Chiffre d'affaires {euros('20 000')} → {euros('15 000')}" in totals
    assert shown_table(app.table[0]).iloc[0].tolist() == ["Réalisé", "0", "1", "1", "0"]
    click(app, "importer")
    assert overview_revenue(app) == euros("147 900")  # 146 800 − 13 900 + 15 000: replaced, not added
    upload(app, second)  # the very same bytes again
    assert any("déjà été importés" in message.value for message in app.info)  # said before the button
    click(app, "importer")
    assert any("déjà été importés" in message.value for message in app.info)
    assert imports_count(app) == 3


def test_several_files_at_once_make_one_import(app, tmp_path):
    open_data(app)
    targets = workbook(tmp_path / "objectifs.xlsx", {"Objectifs": [["ID action", "Indicateur", "Période", "Objectif"],
                                                                  ["WEB", "CA", "nov. 2026", 18000]]})
    upload(app, results_bytes(tmp_path, [("WEB", "CA", "oct. 2026", 20000)]),
           ("objectifs.xlsx", targets.read_bytes(), XLSX))
    assert [message.value for message in app.success] == ["Les 2 fichiers sont valides : prêt à importer."]
    assert shown_table(app.table[0])["Tableau"].tolist() == ["Objectifs", "Réalisé"]
    click(app, "importer")
    assert history(app).iloc[0]["Fichiers"] == "realise-octobre.xlsx, objectifs.xlsx"


def test_undo_needs_a_confirmation_and_restores_the_previous_figures(app, tmp_path):
    open_data(app)
    import_and_check_revenue(app, tmp_path, 20000)
    assert overview_revenue(app) == euros("152 900")
    app.selectbox[0].set_value(2)
    app.run()
    assert app.button(key="annulation").disabled  # not before the confirmation is ticked
    app.checkbox[0].check()
    app.run()
    click(app, "annulation")
    assert any("Import n° 2" in message.value and "annulé" in message.value for message in app.success)
    assert history(app).iloc[0]["État"].startswith("annulé le ")
    assert overview_revenue(app) == DEMO_REVENUE


def test_an_unreadable_file_gets_its_french_sentence(app):
    open_data(app)
    upload(app, ("budget 2025.xls", bytes.fromhex("D0CF11E0A1B11AE1") + bytes(600), "application/vnd.ms-excel"))
    shown = " ".join(message.value.replace("\\", "") for message in app.error)
    assert "« budget 2025.xls » est un ancien classeur Excel 97-2003 (.xls)" in shown
    assert "importer" not in [button.key for button in app.button]


def test_names_and_values_from_a_file_are_never_rendered_as_markdown(app, tmp_path):
    open_data(app)
    upload(app, results_bytes(tmp_path, [("[clic](http://x)", "CA", "oct. 2026", 1)], name="**gras**.xlsx"))
    errors = issues(app)
    assert set(errors["Fichier"]) == {"**gras**.xlsx"} and "[clic](http://x)" in set(errors["Valeur"])
    raw = next(table.value for table in app.table if "Message" in table.value.columns)
    assert set(raw["Fichier"]) == {r"\*\*gras\*\*\.xlsx"}  # every Markdown sign escaped
    for element in [*app.markdown, *app.error, *app.success, *app.caption]:
        assert "**gras**" not in element.value and "[clic](http" not in element.value


@pytest.mark.parametrize("page", ["screens/vue_ensemble.py"])
def test_an_empty_database_links_to_the_data_page(empty_app, page):
    empty_app.switch_page(page)
    empty_app.run()
    assert not empty_app.exception
    assert [link.value for link in empty_app.page_link] == ["Importer des données"]
    assert "page Données" in texts(empty_app)


def test_figure_columns_are_told_from_word_columns():
    """ui.chrome right-aligns a column when every cell is a figure as the app writes it (« — » for a missing
    ratio); a column with one word in it, or only « — », stays left-aligned like text."""
    import pandas as pd

    from ui.chrome import numeric_columns

    frame = pd.DataFrame({
        "Canal": ["Salon", "SEA"], "Actions": [3, 1], "Coût": ["14\u202f450\u00a0€", "0,70\u00a0€"],
        "ROI": ["−30,0\u202f%", "—"], "ROAS": ["7,13", "0,00"], "Source": ["Réalisé", "—"], "Vide": ["—", "—"],
        "Lignes": ["7 lignes", "3"], "Période": ["oct. 2026", "T1 2026"]})
    assert numeric_columns(frame) == ["Actions", "Coût", "ROI", "ROAS"]
