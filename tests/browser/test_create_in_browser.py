"""The "done when" walk of the mapping wizard, in Chromium at 1280×720: a Windows-1252 ad export naming a
platform the plan lacks (Bing) and an unreadable cell. The manager creates the action (typing a new channel),
creates an indicator for the conversions, corrects the cell in the grid, imports, finds the figures on Canaux
and Actions, then imports next month's export with one click. Its own server and database.
Screenshots: tests/screenshots/creation-*.png."""

from tests.browser.conftest import DROPZONE, main_text, screenshot, settle

NNBSP, NBSP = "\u202f", "\u00a0"


def export(path, lines):
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


HEADER = "Jour;Plateforme;Campagne;Montant dépensé (€);Conversions"
OCTOBER = ["Rapport de dépenses publicitaires — octobre 2026", HEADER,
           "02/10/2026;Facebook;Notoriété;120,50;3",
           "09/10/2026;Bing;Search marque;35,00;1",
           "16/10/2026;Bing;Search générique;64,90;2",
           "20/10/2026;Facebook;Relance;n/a;1",
           "TOTAL;;;;7"]
NOVEMBER = ["Rapport de dépenses publicitaires — novembre 2026", HEADER,
            "05/11/2026;Bing;Search marque;50,00;2",
            "06/11/2026;Facebook;Notoriété;30,00;1",
            "TOTAL;;;80,00;3"]
# By hand: the « n/a » corrected to 45 makes RS's October cost 120,50 + 45 = 165,50, so social networks cost
# the demo's 4 900,50 − 400 (its October) + 165,50 = 4 666 € from January to October; Bing (the new channel
# « Publicité en ligne ») 35 + 64,90 = 99,90 €. Conversions: RS 3 + 1 = 4, Bing 1 + 2 = 3.


def open_list(page, field) -> None:
    """Open a Streamlit 1.67 combobox as a keyboard user does (a synthetic click alone does not, headless)."""
    field.click()
    page.keyboard.press("ArrowDown")


def choose(page, label: str, option: str) -> None:
    open_list(page, page.locator('[data-testid="stSelectbox"]', has_text=label).locator("input"))
    page.get_by_role("option", name=option).click()
    settle(page)


def type_in_grid(page, row: int, column: int, text: str) -> None:
    """Type into one cell of the grid of unreadable cells: click its first cell, move with the arrows, type."""
    grid = page.locator('[class*="st-key-correspondance-"][class*="-grille"]')
    grid.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 20, box["y"] + 35 + 17 + 35 * row)
    page.wait_for_timeout(500)  # the grid takes the focus
    for _ in range(column):
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(150)
    page.keyboard.press("Enter")  # opens the cell's editor, as a double click would
    editor = page.locator("textarea.gdg-input, input.gdg-input").first
    editor.wait_for(state="visible", timeout=5_000)
    editor.fill(text)
    editor.press("Enter")
    page.wait_for_timeout(300)
    # Out of the grid: the edit is sent. A rerun may briefly show the block twice: either copy will do.
    page.get_by_text("Cellules illisibles : corrigez-les ici").first.click()
    settle(page)


def test_a_new_action_a_new_indicator_and_a_corrected_cell_in_the_browser(own_server, page, tmp_path):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{own_server.url}/donnees")
    settle(page)
    page.locator(DROPZONE).set_input_files(str(export(tmp_path / "Dépenses pub octobre.csv", OCTOBER)))
    page.get_by_text("Associer les colonnes").wait_for(timeout=30_000)
    settle(page)
    assert "« Bing » (2 lignes)" in main_text(page)

    choose(page, "« Bing »", "+ Nouvelle action…")
    page.get_by_text("Nouvelle action BING").wait_for(timeout=10_000)
    name = page.get_by_label("Nom de l'action")
    name.fill("Bing Ads")
    name.press("Enter")
    settle(page)
    main = page.get_by_test_id("stMainBlockContainer")
    channel = main.get_by_role("combobox", name="Canal", exact=True)
    channel.click()
    channel.fill("Publicité en ligne")
    page.keyboard.press("Enter")
    settle(page)
    open_list(page, main.get_by_role("combobox", name="Responsable", exact=True))
    page.get_by_role("option", name="Service marketing").click()
    settle(page)
    screenshot(page, "creation-1-nouvelle-action")

    choose(page, "Conversions → indicateur", "+ Nouvel indicateur…")
    label = page.get_by_label("Nom de l'indicateur")
    label.fill("Conversions publicitaires")
    label.press("Enter")
    settle(page)
    page.get_by_text("Cellules illisibles : corrigez-les ici").first.wait_for(timeout=30_000)
    settle(page)
    screenshot(page, "creation-2-cellule-illisible")
    type_in_grid(page, row=0, column=3, text="45")  # « Valeur corrigée »
    page.get_by_text("Chiffres mensuels obtenus").wait_for(timeout=30_000)
    settle(page)
    body = main_text(page)
    assert "Nouvel indicateur : Conversions publicitaires (nombre, activité, additionné sur les mois)" in body
    assert "Nouvelle action : BING — Bing Ads (canal Publicité en ligne, responsable Service marketing)" in body
    assert "BING — Bing Ads" in body and "Conversions publicitaires" in body  # the monthly figures, new names
    assert f"165,50{NBSP}€" in body  # RS's October cost with the corrected cell: 120,50 + 45
    screenshot(page, "creation-3-apercu")

    page.locator(".st-key-importer-correspondance button").click()
    page.get_by_text("Import n° 2 enregistré").wait_for(timeout=30_000)
    settle(page)
    assert "1 indicateur créé" in main_text(page)

    page.locator('[data-testid="stSidebarNav"] a', has_text="Canaux & ROI").first.click()
    settle(page)
    body = main_text(page)
    cells = [line.strip() for line in body.splitlines() if line.strip()]
    table = cells[cells.index("Coût par nouveau client"):]  # the table « Rentabilité par canal »
    # Canal, Actions, Coût, CA attribué: the new channel holds Bing's 99,90 € (whole euros from here on).
    assert table[table.index("Publicité en ligne"):][:4] == ["Publicité en ligne", "1", f"100{NBSP}€", f"0{NBSP}€"]
    assert table[table.index("Réseaux sociaux"):][:3] == ["Réseaux sociaux", "1", f"4{NNBSP}666{NBSP}€"]
    screenshot(page, "creation-4-canaux")
    page.locator('[data-testid="stSidebarNav"] a', has_text="Actions").first.click()
    settle(page)
    assert "Bing Ads" in main_text(page)
    screenshot(page, "creation-5-actions")

    page.locator('[data-testid="stSidebarNav"] a', has_text="Données").first.click()
    settle(page)
    page.locator(DROPZONE).set_input_files(str(export(tmp_path / "Dépenses pub novembre.csv", NOVEMBER)))
    page.get_by_text("appliquée automatiquement").wait_for(timeout=30_000)
    settle(page)
    assert "Nouvelle action" not in main_text(page)
    page.locator(".st-key-importer-correspondance button").click()
    page.get_by_text("Import n° 3 enregistré").wait_for(timeout=30_000)
    settle(page)
    screenshot(page, "creation-6-mois-suivant")
