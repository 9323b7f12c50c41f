"""The « Qualité du plan » panel in a real browser: a file of objectives dropped on Données is judged with the
database's actions (qui ? quoi ? combien ? comment ? quand ?) before anything is imported, and the current plan's
check sits in its expander. Its own server and database. Screenshots: tests/screenshots/qualite-*.png, at
1920×1080 and 1280×720."""

from tests.browser.conftest import DROPZONE, main_text, screenshot, settle
from tests.builders import workbook

NNBSP = "\u202f"
MONTHS = ["janv. 2026", "févr. 2026", "mars 2026", "avr. 2026", "mai 2026", "juin 2026", "juil. 2026", "août 2026",
          "sept. 2026", "oct. 2026", "nov. 2026", "déc. 2026"]


def scroll_to(page, locator) -> None:
    locator.evaluate("element => element.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)


def test_a_dropped_file_shows_the_quality_of_its_actions(own_server, page, tmp_path):
    # SAL1 (demo: owner, channel Salon, Feb-Jun, 2 000 €) gets its year's meetings all in December and a row of
    # calls left empty: combien and quand are not answered, 3/5 = 60 % (tests/test_smart.py computes the same).
    objectives = workbook(tmp_path / "objectifs-sal1.xlsx", {"Objectifs": [
        ["ID action", "Indicateur", *MONTHS],
        ["SAL1", "Rendez-vous", *[None] * 11, 12],
        ["SAL1", "Appels", *[None] * 12]]})
    page.goto(f"{own_server.url}/donnees")
    settle(page)

    plan = page.locator('[data-testid="stExpander"]', has_text="Qualité du plan 2026")
    plan.locator("summary").click()
    settle(page)
    assert (f"Plan SMART à 100{NNBSP}% : chaque action répond aux cinq questions ; conseil : 2 actions avec budget "
            "sans objectif de résultat.") in plan.inner_text()
    scroll_to(page, plan)
    screenshot(page, "qualite-1-plan-1920")
    page.set_viewport_size({"width": 1280, "height": 720})
    scroll_to(page, plan)
    screenshot(page, "qualite-1-plan-1280")
    page.set_viewport_size({"width": 1920, "height": 1080})

    page.locator(DROPZONE).set_input_files(str(objectives))
    page.get_by_text("Fichier valide : prêt à importer.").wait_for(timeout=30_000)
    settle(page)
    body = main_text(page)
    assert f"Plan SMART à 60{NNBSP}% : 1 objectif sans valeur, 1 objectif tout en décembre." in body
    panel = page.locator('[data-testid="stHeading"]', has_text="Qualité du plan").first
    table = page.locator('[data-testid="stTable"]', has_text="Combien").first
    row = table.locator("tr", has_text="SAL1").first.inner_text()
    for cell in ("Salon 1 (février)", "objectif d'appels sans valeur", "objectif de rendez-vous tout en décembre",
                 "3/5"):
        assert cell in row
    assert page.locator(".st-key-importer button").is_visible()  # advice: the import stays possible
    scroll_to(page, panel)
    screenshot(page, "qualite-2-fichier-1920")
    page.set_viewport_size({"width": 1280, "height": 720})
    scroll_to(page, panel)
    screenshot(page, "qualite-2-fichier-1280")
