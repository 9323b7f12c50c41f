"""A French ad platform's daily export through the real dropzone, mapped in the browser as a manager would:
check the suggestions, choose the one action the page cannot guess, ignore one platform, read the monthly
figures, import; the costs then show on the Canaux & ROI page. Its own server and database.
Screenshots: tests/screenshots/correspondance-*.png."""

import time

from tests.browser.conftest import DROPZONE, main_text, screenshot, settle
from tests.files.foreign.demo_ads import NOVEMBER, demo_ad_export

NNBSP, NBSP = "\u202f", "\u00a0"


def choose(page, label: str, option: str) -> None:
    """Open the list of one of the file's labels and pick one of our values. (A synthetic click on the field
    does not open Streamlit 1.67's combobox in headless Chromium; the arrow key does, as for a keyboard user.)"""
    field = page.locator('[data-testid="stSelectbox"]', has_text=f"« {label} »").locator("input")
    field.click()
    page.keyboard.press("ArrowDown")
    page.get_by_role("option", name=option).click()
    settle(page)


def shoot(page, name: str) -> None:
    """The whole page, not only the first screen: Streamlit scrolls inside its main block, so the window is
    made as tall as the content for the screenshot."""
    height = page.evaluate("Math.max(...[...document.querySelectorAll('[data-testid=\"stMain\"], "
                           "[data-testid=\"stMainBlockContainer\"]')].map(e => e.scrollHeight))")
    page.set_viewport_size({"width": 1920, "height": max(1080, int(height) + 80)})
    page.wait_for_timeout(300)
    screenshot(page, name)
    page.set_viewport_size({"width": 1920, "height": 1080})


def test_a_french_ad_export_is_mapped_previewed_imported_and_its_costs_shown(own_server, page, tmp_path):
    october = demo_ad_export(tmp_path / "Export pub octobre 2026.xlsx")
    november = demo_ad_export(tmp_path / "Export pub novembre 2026.xlsx", NOVEMBER, "01/11/2026 - 30/11/2026")
    page.goto(f"{own_server.url}/donnees")
    settle(page)
    started = time.monotonic()

    page.locator(DROPZONE).set_input_files(str(october))
    page.get_by_text("Associer les colonnes").wait_for(timeout=30_000)
    settle(page)
    body = main_text(page)
    assert "n'est pas au format du modèle" in body and "Aucune table du plan" not in body
    assert "choisissez l'action pour « Google Ads » (2 lignes), « Bing » (1 ligne)" in body
    assert page.locator(".st-key-importer-correspondance").count() == 0
    shoot(page, "correspondance-1-proposee")

    choose(page, "Google Ads", "WEB — Refonte du site et référencement naturel (Site web / SEO)")
    shoot(page, "correspondance-2-google-choisi")
    choose(page, "Bing", "Ignorer ces lignes")
    page.get_by_text("Chiffres mensuels obtenus").wait_for(timeout=30_000)
    settle(page)
    body = main_text(page)
    assert f"330,50{NBSP}€" in body and f"1{NNBSP}216{NBSP}€" in body  # the month's cost per action
    assert f"Réalisé d'octobre 2026 : Coût 4{NNBSP}000{NBSP}€ → 4{NNBSP}947{NBSP}€" in body  # − 600 + 1 546,50
    shoot(page, "correspondance-3-apercu")

    page.locator(".st-key-importer-correspondance button").click()
    page.get_by_text("Import n° 2 enregistré").wait_for(timeout=30_000)
    settle(page)
    elapsed = time.monotonic() - started
    assert "Correspondance « Export pub » enregistrée pour les prochains fichiers." in main_text(page)
    shoot(page, "correspondance-4-importe")

    page.locator('[data-testid="stSidebarNav"] a', has_text="Canaux & ROI").first.click()
    settle(page)
    body = main_text(page)
    assert f"35{NNBSP}997{NBSP}€" in body  # the demo's 35 050 € to October − 600 + 1 546,50
    assert f"4{NNBSP}831{NBSP}€" in body and f"9{NNBSP}716{NBSP}€" in body  # social networks, web: Jan–Oct cost
    shoot(page, "correspondance-5-canaux")
    page.locator('[data-testid="stSidebarNav"] a', has_text="Actions").first.click()
    settle(page)
    shoot(page, "correspondance-6-actions")

    page.locator('[data-testid="stSidebarNav"] a', has_text="Données").first.click()
    settle(page)
    page.locator(DROPZONE).set_input_files(str(november))
    page.get_by_text("appliquée automatiquement").wait_for(timeout=30_000)
    settle(page)
    assert "Correspondance « Export pub » enregistrée le" in main_text(page)
    shoot(page, "correspondance-7-mois-suivant")
    page.locator(".st-key-importer-correspondance button").click()
    page.get_by_text("Import n° 3 enregistré").wait_for(timeout=30_000)
    settle(page)
    shoot(page, "correspondance-8-mois-suivant-importe")
    assert elapsed < 60  # the scripted clicks; a person reading the page takes longer (see the report)


def cp1252_ad_export(path):
    """A French ad platform's CSV as Windows saves it: Windows-1252, semicolons, a title line, a cell « n/a »
    and a TOTAL row. By hand: Facebook and Instagram are the demo's RS action; October cost 120,50 + 80 = 200,50
    once the « n/a » row is left out."""
    lines = ["Rapport de dépenses publicitaires — octobre 2026",
             "Jour;Plateforme;Campagne;Montant dépensé (€);Conversions",
             "02/10/2026;Facebook;Notoriété;120,50;3",
             "15/10/2026;Instagram;Leads automne;80,00;2",
             "20/10/2026;Facebook;Relance;n/a;1",
             "TOTAL;;;200,50;6"]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def test_a_cp1252_csv_with_a_bad_cell_is_imported_without_its_bad_row_and_shown_on_canaux(own_server, page, tmp_path):
    export = cp1252_ad_export(tmp_path / "Dépenses pub octobre.csv")
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{own_server.url}/donnees")
    settle(page)
    page.locator(DROPZONE).set_input_files(str(export))
    page.get_by_text("Associer les colonnes").wait_for(timeout=30_000)
    page.get_by_text("Cellules illisibles : corrigez-les ici").wait_for(timeout=30_000)
    settle(page)
    body = main_text(page)
    assert "Traceback" not in body and "ne peut pas encore être importé" in body
    assert page.locator('[data-testid="stDataFrame"], [data-testid="stDataEditor"]').count() >= 1  # the grid
    shoot(page, "correspondance-csv-1-cellule-illisible")

    page.get_by_text("Lignes à problème", exact=True).click()
    page.get_by_text("Importer les lignes valides et ignorer les autres", exact=True).click()
    page.get_by_text("Chiffres mensuels obtenus").wait_for(timeout=30_000)
    settle(page)
    body = main_text(page)
    assert f"200,50{NBSP}€" in body  # RS's October cost, the « n/a » row left out
    shoot(page, "correspondance-csv-2-lignes-valides")
    page.locator(".st-key-importer-correspondance button").click()
    page.get_by_text("Import n° 2 enregistré").wait_for(timeout=30_000)
    settle(page)

    page.locator('[data-testid="stSidebarNav"] a', has_text="Canaux & ROI").first.click()
    settle(page)
    body = main_text(page)
    assert f"4{NNBSP}701{NBSP}€" in body  # social networks Jan–Oct: the demo's 4 900,50 − 400 + 200,50
    shoot(page, "correspondance-csv-3-canaux")
