"""The Données page in a real browser: a real workbook goes through the real dropzone, the preview shows what
will change, the import changes the overview's figures, and an undo brings them back. Its own server and
database, so that the shared server keeps the demo figures the other browser tests check.
Screenshots: tests/screenshots/donnees-*.png."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import DROPZONE, main_text, screenshot, settle
from tests.builders import workbook

NNBSP, NBSP = "\u202f", "\u00a0"
RESULTS_HEADER = ["ID action", "Indicateur", "Période", "Réalisé"]


def go_to(page, title: str) -> None:
    """Open a page from the sidebar and wait until its own title is shown and its script has finished: a click
    made while the previous page is still on screen can be lost in the switch."""
    page.locator('[data-testid="stSidebarNav"] a', has_text=title).first.click()
    page.locator('[data-testid="stMain"] h1', has_text=title).wait_for(timeout=30_000)
    settle(page)


def test_upload_preview_import_and_undo_through_the_dropzone(own_server, page, tmp_path):
    good = workbook(tmp_path / "realise-octobre.xlsx",
                    {"Réalisé": [RESULTS_HEADER, ["WEB", "Chiffre d'affaires", "oct. 2026", "20 000 €"]]})
    bad = workbook(tmp_path / "realise_*faux*.xlsx",  # Markdown signs in a name and a value: shown as typed
                   {"Réalisé": [RESULTS_HEADER, ["[WBE](http://x)", "CA", "oct. 2026", 20000],
                                ["WEB", "CA", "oct. 2026", "vingt"]]})
    page.goto(f"{own_server.url}/donnees")
    settle(page)
    assert "Taille maximale : 50 Mo par fichier." in main_text(page)
    screenshot(page, "donnees-1-page")

    page.locator(DROPZONE).set_input_files(str(bad))
    page.get_by_text("Fichier refusé : 2 erreurs.").wait_for(timeout=30_000)
    settle(page)
    body = main_text(page)
    assert "realise_*faux*.xlsx" in body and "[WBE](http://x)" in body and "« vingt » n'est pas un nombre" in body
    assert page.locator('[data-testid="stMain"] a[href="http://x"]').count() == 0
    assert page.locator(".st-key-importer").count() == 0
    screenshot(page, "donnees-2-erreurs")

    page.locator('[data-testid="stFileChipDeleteBtn"]').first.click()
    settle(page)
    page.locator(DROPZONE).set_input_files(str(good))
    page.get_by_text("Fichier valide : prêt à importer.").wait_for(timeout=30_000)
    settle(page)
    body = main_text(page)
    assert f"Réalisé d'octobre 2026 : Chiffre d'affaires 13{NNBSP}900{NBSP}€ → 20{NNBSP}000{NBSP}€" in body
    screenshot(page, "donnees-3-apercu")
    page.locator('[data-testid="stExpander"] summary', has_text="Détail par action et par mois").click()
    page.wait_for_timeout(300)
    screenshot(page, "donnees-3b-apercu-detail")

    page.locator(".st-key-importer button").click()
    page.get_by_text("Import n° 2 enregistré").wait_for(timeout=30_000)
    settle(page)
    assert "Import n° 2 enregistré : 1 ligne de réalisé (1 remplacée)." in main_text(page)
    assert "Fichier valide" not in main_text(page)  # the uploader starts empty again
    screenshot(page, "donnees-4-importe")

    go_to(page, "Vue d'ensemble")
    assert f"152{NNBSP}900{NBSP}€" in main_text(page)  # 146 800 − 13 900 + 20 000
    screenshot(page, "donnees-5-vue-ensemble-apres-import")

    go_to(page, "Données")
    page.locator('[data-testid="stExpander"] summary', has_text="Annuler un import").click()
    page.get_by_text("Je confirme l'annulation de l'import n° 2").click()
    settle(page)
    screenshot(page, "donnees-6-confirmation")
    expect(page.locator(".st-key-annulation button")).to_be_enabled()  # the confirmation was taken
    page.locator(".st-key-annulation button").click()
    page.get_by_text(re.compile(r"Import n° 2 .* annulé")).wait_for(timeout=30_000)
    settle(page)
    screenshot(page, "donnees-7-annule")

    go_to(page, "Vue d'ensemble")
    assert f"146{NNBSP}800{NBSP}€" in main_text(page)


def test_the_export_downloads_and_reimports_without_changing_anything(own_server, page, tmp_path):
    page.goto(f"{own_server.url}/donnees")
    settle(page)
    with page.expect_download() as template:
        page.get_by_role("button", name="Télécharger le modèle Excel").click()
    assert template.value.suggested_filename == "modele-pac.xlsx"
    settle(page)  # a download button reruns the page: a click during that rerun can be lost
    with page.expect_download(timeout=60_000) as export:
        page.get_by_role("button", name="Exporter les données actuelles").click()
    exported = tmp_path / export.value.suggested_filename
    export.value.save_as(exported)
    assert re.fullmatch(r"pac-donnees-\d{4}-\d{2}-\d{2}\.xlsx", exported.name)

    page.locator(DROPZONE).set_input_files(str(exported))
    page.get_by_text("Fichier valide").wait_for(timeout=60_000)
    settle(page)
    assert "Aucun total ne change : ces chiffres sont déjà dans la base." in main_text(page)
    screenshot(page, "donnees-8-export-reimporte")
