"""The Bilan annuel page in a real browser, on the demo told on 10 January 2027 (the whole of 2026, a closed year):
the verdicts and their reasons, the general comment saved, the PDF and next year's plan downloaded."""

import openpyxl
import pytest

from tests.browser.conftest import main_text, screenshot, serving, settle, wait_for_app

CLOSED_DAY = "2027-01-10"


@pytest.fixture(scope="module")
def closed_year_server(tmp_path_factory):
    yield from serving(tmp_path_factory.mktemp("bilan"), today=CLOSED_DAY)


def test_the_bilan_of_2026_suggests_verdicts_and_keeps_the_managers_comment(page, closed_year_server, tmp_path):
    page.goto(f"{closed_year_server.url}/bilan")
    wait_for_app(page)
    settle(page)
    text = main_text(page)
    assert "Bilan annuel 2026" in text
    assert "Chiffres de l'année 2026 entière" in text
    # TEL: 4 200 € of revenue for 40 000 € planned, 6 000 € spent (pac_core/demo.py)
    assert ("TEL · Téléprospection externalisée : Objectif de CA atteint à 10,5\u202f% seulement pour "
            "6\u202f000\u00a0€ dépensés (ROI −0,3) : à arrêter.") in text
    screenshot(page, "bilan-1920x1080")
    page.set_viewport_size({"width": 1280, "height": 720})
    settle(page)
    screenshot(page, "bilan-1280x720")
    page.set_viewport_size({"width": 1920, "height": 1080})

    page.get_by_label("Commentaire général du bilan").fill("Les salons ont porté leurs fruits.")
    page.get_by_role("button", name="Enregistrer le bilan").click()
    settle(page)
    text = main_text(page)
    assert "Bilan 2026 enregistré : 7 actions, 0 nouvelle idée." in text
    assert "Enregistré le " in text
    page.reload()
    settle(page)
    assert page.get_by_label("Commentaire général du bilan").input_value() == "Les salons ont porté leurs fruits."

    with page.expect_download(timeout=60_000) as pdf:
        page.get_by_role("button", name="Télécharger le PDF").click()
    assert pdf.value.suggested_filename == "bilan-2026.pdf"
    pdf_path = tmp_path / "bilan.pdf"
    pdf.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF")

    settle(page)  # a download button reruns the page: a click during that rerun can be lost
    with page.expect_download(timeout=60_000) as plan:
        page.get_by_role("button", name="Préparer le plan de l'année suivante (2027)").click()
    assert plan.value.suggested_filename == "plan-2027-depuis-bilan-2026.xlsx"
    plan_path = tmp_path / "plan.xlsx"
    plan.value.save_as(plan_path)
    book = openpyxl.load_workbook(plan_path)
    actions = [row[0] for row in book["Actions"].iter_rows(min_row=2, values_only=True) if row[0]]
    assert sorted(actions) == ["BDD", "RS", "SAL1", "SAL2", "SAL3", "WEB"]  # TEL, to arrêter, left out
    settle(page)
