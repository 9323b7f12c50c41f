"""Every screen in a real browser on a real server: loads, no exception, French formatting as the browser
shows it, and a screenshot of each (tests/screenshots/)."""

import re
from pathlib import Path

import pytest

from tests.browser.conftest import screenshot, settle, wait_for_app

ROOT = Path(__file__).resolve().parents[2]
NNBSP, NBSP = "\u202f", "\u00a0"
PAGES = ["", *re.findall(r'url_path="([^"]+)"', (ROOT / "app.py").read_text(encoding="utf-8"))]  # "": the overview

# What each screen must show on the demo, as the browser renders it (hand-computed in tests/kpi and tests/app).
EXPECTED = {
    "": [f"146{NNBSP}800{NBSP}€", f"98,7{NNBSP}%"],
    "actions": [f"4{NNBSP}200{NBSP}€", "En retard"],
    "canaux": [f"14{NNBSP}450{NBSP}€", f"103{NNBSP}100{NBSP}€"],
    "pipeline": [f"14,7{NNBSP}%"],
    "responsables": ["Directeur commercial"],
    "semaine": ["Aucun indicateur n'est suivi par semaine"],  # the demo is monthly (tests/test_weeks.py: by week)
    "donnees": ["Taille maximale : 50 Mo par fichier.", "Historique des imports", "Télécharger le modèle Excel"],
    "comptes": ["Mode local ouvert", "Créer un lien d'écran"],
}


@pytest.mark.parametrize("url_path", PAGES)
def test_every_page_loads_in_french_without_exception(server, page, url_path):
    page.goto(f"{server.url}/{url_path}")
    wait_for_app(page)
    page.wait_for_timeout(500)
    wait_for_app(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    main = page.locator('[data-testid="stMain"]')
    for expected in EXPECTED.get(url_path, []):  # some elements (download buttons…) arrive just after the run
        main.get_by_text(expected, exact=False).first.wait_for(state="attached", timeout=15_000)
    body = main.inner_text()
    assert "octobre 2026" in body
    for expected in EXPECTED.get(url_path, []):
        assert expected in body, f"{expected!r} not on {url_path}"
    assert not re.search(r"\d,\d{3}(\.\d+)?\s?€", body), "an English-formatted amount is on the page"
    name = url_path or "vue-ensemble"
    screenshot(page, f"{name}-1920x1080")
    page.set_viewport_size({"width": 1920, "height": 3000})
    page.wait_for_timeout(300)
    screenshot(page, f"{name}-full")


def test_filters_travel_in_the_url_from_page_to_page(server, page):
    page.goto(f"{server.url}/?canal=Salon&mois=juin%202026")
    settle(page)  # the first run reads the filters from the URL: "not running" may show before it starts
    page.locator("[data-testid=\"stSidebarNav\"] a", has_text="Actions").first.click()
    page.wait_for_url(re.compile(r".*/actions.*"))
    settle(page)
    assert "canal=Salon" in page.url and "mois=juin" in page.url
    assert "juin 2026" in page.locator('[data-testid="stMain"]').inner_text()


def test_a_deep_link_works_on_a_freshly_started_server(tmp_path, page):
    """A bookmark (or the wall) opening /pipeline right after a restart gets the page, not an error."""
    from tests.browser.conftest import Server

    fresh = Server(tmp_path / "pac.duckdb", tmp_path / "streamlit.log")
    try:
        fresh.wait_ready()
        page.goto(f"{fresh.url}/pipeline?canal=Salon")
        wait_for_app(page)
        page.wait_for_timeout(500)
        wait_for_app(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.locator('[role="dialog"]').count() == 0
        assert "Pipeline" in page.locator('[data-testid="stMain"]').inner_text()
    finally:
        fresh.stop()
