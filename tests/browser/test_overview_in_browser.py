"""A real browser on a real server: the demo's headline figures, French-formatted, no exception."""

from tests.browser.conftest import screenshot, wait_for_app

NNBSP, NBSP = "\u202f", "\u00a0"


def test_the_overview_shows_the_demo_figures_in_french(server, page):
    page.goto(server.url)
    wait_for_app(page)
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert f"146{NNBSP}800{NBSP}€" in values
    assert f"98,7{NNBSP}%" in values
    assert "Vue d'ensemble" in page.title() or "PAC Pilot" in page.title()
    assert "octobre 2026" in page.locator("body").inner_text()
    screenshot(page, "vue-ensemble-1920x1080")
