"""The Données page's column mapping, run by AppTest on the demo database: a French ad platform's daily export
(tests/files/foreign/demo_ads.py) is mapped through the page's own lists, previewed, imported, and its mapping
is applied by itself to next month's export. Expected costs are the hand sums of demo_ads.py."""

import datetime as dt

import pytest

from pac_core import clock
from tests.app.conftest import NBSP, NNBSP, texts
from tests.app.test_data_page import click, history, open_data, unescape, upload
from tests.files.foreign.demo_ads import NOVEMBER, NOVEMBER_COST, OCTOBER, OCTOBER_COST, demo_ad_export

pytestmark = pytest.mark.usefixtures("story_day")  # the demo's hand-computed figures (tests/conftest.py)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORT = "importer-correspondance"
DEMO_OCTOBER_COST = {"SAL3": 3400.0, "RS": 400.0, "WEB": 200.0}  # pac_core/demo.py


def rounded(figures: dict) -> dict:
    return {action: round(value, 2) for action, value in figures.items()}


def export_bytes(tmp_path, name="Export pub octobre 2026.xlsx", rows=None, period="01/10/2026 - 31/10/2026"):
    path = demo_ad_export(tmp_path / name, rows, period)
    return (name, path.read_bytes(), XLSX)


def label_list(app, label: str):
    """The value list of one label of the file (« Google Ads » · 2 lignes …)."""
    found = [box for box in app.selectbox if f"« {label} »" in unescape(box.label)]
    assert len(found) == 1, [box.label for box in app.selectbox]
    return found[0]


def choose(app, label: str, value: str):
    label_list(app, label).set_value(value)
    app.run()
    assert not app.exception, app.exception


def costs(app, month: str) -> dict:
    frame = app.session_state["store"].query(
        "SELECT action_id, value FROM results WHERE metric = 'cout' AND strftime(month, '%Y-%m') = ?", [month])
    return {row.action_id: round(row.value, 2) for row in frame.itertuples(index=False)}


def monthly(app):
    return next(table.value for table in app.table if "Indicateur" in table.value.columns
                and "Action" in table.value.columns).map(unescape)


def euros(text):
    return text.replace(" ", NNBSP).replace(".", ",") + f"{NBSP}€"


def test_an_ad_export_is_mapped_in_the_page_imported_and_its_mapping_applied_to_next_month(app, tmp_path):
    open_data(app)
    store = app.session_state["store"]
    version = store.data_version()
    upload(app, export_bytes(tmp_path))
    assert "Associer les colonnes" in texts(app)
    assert not any("Aucune table du plan" in message.value for message in app.error)  # offered, not refused
    # The suggestion: the day, the platform, spend → cost, conversions → contacts; Facebook/Instagram → RS.
    assert label_list(app, "Facebook").value == "RS" and label_list(app, "Instagram").value == "RS"
    assert label_list(app, "Google Ads").value is None
    missing = unescape(app.warning[0].value)
    assert "« Google Ads » (2 lignes), « Bing » (1 ligne)" in missing
    assert IMPORT not in [button.key for button in app.button]  # no import while a label has no choice

    choose(app, "Google Ads", "WEB")
    choose(app, "Bing", "")  # « Ignorer ces lignes »
    assert not app.warning
    figures = monthly(app)
    assert list(figures.columns) == ["Action", "Indicateur", "oct. 2026"]
    cost = figures[figures["Indicateur"] == "Coût"].set_index("Action")["oct. 2026"].to_dict()
    assert cost == {"RS — Réseaux sociaux (LinkedIn, Facebook, Instagram)": euros("330.50"),
                    "WEB — Refonte du site et référencement naturel": euros("1 216")}
    assert app.text_input(key=next(t.key for t in app.text_input if t.key.endswith("-nom"))).value == "Export pub"
    # The same preview as our own files: added rows counted, and nothing written yet.
    counts = next(table.value for table in app.table if "Ajoutées" in table.value.columns)
    # The demo's October cost and contacts replaced; impressions and clicks added (indicators of their own).
    assert counts.iloc[0].tolist()[:3] == ["Réalisé", "4", "4"]
    totals = " ".join(unescape(element.value) for element in app.markdown)
    assert f"Réalisé d'octobre 2026 : Coût {euros('4 000')} → {euros('4 947')}" in totals  # 4 000 − 600 + 1 546,50
    assert store.data_version() == version

    name_field = next(t for t in app.text_input if t.key.endswith("-nom"))
    name_field.set_value("Export publicité")  # another rerun: every choice is still there
    app.run()
    assert label_list(app, "Google Ads").value == "WEB" and label_list(app, "Bing").value == ""

    click(app, IMPORT)
    assert any("Correspondance « Export publicité » enregistrée" in unescape(m.value) for m in app.success)
    assert costs(app, "2026-10") == {**DEMO_OCTOBER_COST, **rounded(OCTOBER_COST)}
    assert history(app).iloc[0]["Fichiers"] == "Export pub octobre 2026.xlsx"

    upload(app, export_bytes(tmp_path, "Export pub novembre 2026.xlsx", NOVEMBER, "01/11/2026 - 30/11/2026"))
    notice = " ".join(unescape(message.value) for message in app.success)
    assert f"Correspondance « Export publicité » enregistrée le {clock.today():%d/%m/%Y} appliquée automatiquement" \
        in notice
    assert label_list(app, "Google Ads").value == "WEB"  # from the saved mapping, in the editing expander
    click(app, IMPORT)
    assert costs(app, "2026-11") == rounded(NOVEMBER_COST)
    assert costs(app, "2026-10") == {**DEMO_OCTOBER_COST, **rounded(OCTOBER_COST)}
    assert list(store.mappings()["name"]) == ["Export publicité"]


def test_rows_the_checks_refuse_are_listed_like_the_validation_report_and_nothing_is_written(app, tmp_path):
    open_data(app)
    version = app.session_state["store"].data_version()
    rows = [*OCTOBER, [dt.datetime(2026, 10, 30), "Facebook", "[Noël](http://x)", 100, 5, "12,5O", 0]]
    upload(app, export_bytes(tmp_path, rows=rows))
    choose(app, "Google Ads", "WEB")
    choose(app, "Bing", "")
    assert any("ne peut pas encore être importé" in message.value for message in app.error)
    report = next(table.value for table in app.table if "Message" in table.value.columns).map(unescape)
    assert set(report["Ligne"]) == {"11"}
    assert any("n'est pas un nombre" in message for message in report["Message"])
    assert IMPORT not in [button.key for button in app.button]
    assert app.session_state["store"].data_version() == version


@pytest.mark.parametrize("name, expected", [("Export pub novembre 2026.xlsx", "Export pub"),
                                            ("meta_ads_2026-11.csv", "Meta ads"),
                                            ("2026-11.xlsx", "2026-11")])
def test_the_suggested_name_leaves_out_the_dates(name, expected):
    from pac_core.display.mapping import default_name

    assert default_name(name) == expected


def test_a_csv_from_an_ad_platform_opens_the_mapping_instead_of_a_traceback(app):
    """A Meta Ads export as French Windows saves it (Windows-1252, tabs): it used to crash the page."""
    text = ("Nom de la campagne\tJour\tMontant dépensé (EUR)\tImpressions\tClics (tous)\r\n"
            "Formation managers\t02/10/2026\t150,50\t8 000\t210\r\n")
    upload(open_data(app), ("Meta Ads octobre.csv", text.encode("cp1252"), "text/csv"))
    assert "Associer les colonnes" in texts(app)
    assert not app.error


def test_a_wrong_header_row_is_corrected_and_a_label_written_once_is_filled_down(app, tmp_path):
    """A budget tracker: a note line the guess takes for the headers, the real ones on row 3, each platform
    named once above blank cells. Expected: RS 100 (sept.) and 120 (oct.), WEB 300 and 310."""
    from tests.builders import workbook

    path = workbook(tmp_path / "Suivi budget.xlsx", {"Budget": [
        ["Notes : montants HT", "validés", "par la direction"], [],
        ["Plateforme", "Mois", "Dépense"],
        ["Facebook", "sept. 2026", 100], [None, "oct. 2026", 120],
        ["Google Ads", "sept. 2026", 300], [None, "oct. 2026", 310]]})
    upload(open_data(app), ("Suivi budget.xlsx", path.read_bytes(), XLSX))
    header_row = app.number_input(key=next(n.key for n in app.number_input if "entetes" in n.key))
    assert header_row.label == "Ligne des en-têtes" and header_row.value == 1  # the guess: the note line
    header_row.set_value(3)
    app.run()
    assert not app.exception, app.exception
    fill_down = next(box for box in app.multiselect if box.label == "Colonnes à recopier vers le bas")
    assert fill_down.value == ["Plateforme"]  # suggested: a label on the first row of each block
    choose(app, "Google Ads", "WEB")
    assert label_list(app, "Facebook").value == "RS"
    cost = monthly(app).set_index("Action")
    assert cost.loc[cost.index.str.startswith("RS"), ["sept. 2026", "oct. 2026"]].values.tolist() == [
        [euros("100"), euros("120")]]
    assert cost.loc[cost.index.str.startswith("WEB"), ["sept. 2026", "oct. 2026"]].values.tolist() == [
        [euros("300"), euros("310")]]

    app.multiselect(key=fill_down.key).set_value([])  # without it, the blank rows have no platform: no action
    app.run()
    assert not app.exception, app.exception
    cost = monthly(app).set_index("Action")
    assert cost.loc["(toute l'entreprise)", "oct. 2026"] == euros("430")  # 120 + 310


def test_a_bad_cell_is_listed_for_fixing_and_the_valid_rows_can_be_imported_without_it(app, tmp_path):
    open_data(app)
    store = app.session_state["store"]
    rows = [*OCTOBER, [dt.datetime(2026, 10, 30), "Facebook", "Relance", 100, 5, "n/a", 0]]
    upload(app, export_bytes(tmp_path, rows=rows))
    choose(app, "Google Ads", "WEB")
    choose(app, "Bing", "")
    assert any("ne peut pas encore être importé" in message.value for message in app.error)
    assert "Cellules illisibles : corrigez-les ici" in texts(app)  # the grid of cells to fix in place
    assert IMPORT not in [button.key for button in app.button]

    next(box for box in app.checkbox if box.key.endswith("-lignes-valides")).check()
    app.run()
    assert not app.error
    warnings = " ".join(unescape(table.value.to_string()) for table in app.table if "Message" in table.value.columns)
    assert "1 ligne ignorée parce qu'elle contient une erreur" in warnings and "Ligne ignorée" in warnings
    click(app, IMPORT)
    assert costs(app, "2026-10") == {**DEMO_OCTOBER_COST, **rounded(OCTOBER_COST)}  # the « n/a » row left out
    saved = store.mapping_named("Export pub")
    assert saved.skip_invalid  # the choice is kept for next month's export


def test_a_column_whose_numbers_read_two_ways_is_asked_about_on_the_page(app):
    text = ("Campaign Name,Day,Cost\r\n"
            "Formation managers,2026-10-02,\"1,500\"\r\n"
            "Formation managers,2026-10-09,\"2,250\"\r\n")
    upload(open_data(app), ("linkedin.csv", text.encode(), "text/csv"))
    question, = [radio for radio in app.radio if "Cost" in unescape(radio.label)]
    assert "« 1,500 », « 2,250 »" in unescape(question.label) and question.value is None
    assert any("choisissez son format" in unescape(message.value) for message in app.warning)
    question.set_value("en")
    app.run()
    assert not any("choisissez son format" in unescape(message.value) for message in app.warning)


def test_an_empty_workbook_is_refused_with_the_reason_not_with_the_template_hint(app, tmp_path):
    import openpyxl

    openpyxl.Workbook().save(tmp_path / "vide.xlsx")
    upload(open_data(app), ("vide.xlsx", (tmp_path / "vide.xlsx").read_bytes(), XLSX))
    said = " ".join(unescape(message.value) for message in app.error)
    assert "vide.xlsx" in said and "aucun tableau lisible" in said, said
    assert "Associer les colonnes" not in texts(app)
