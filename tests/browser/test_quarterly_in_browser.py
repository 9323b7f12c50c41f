"""The quarterly review in a real browser: budget moved from telemarketing to the October trade show, and the
projected effect on the strategic objectives changes on screen (nothing saved: the server is shared)."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import screenshot, wait_for_app

NNBSP, NBSP = "\u202f", "\u00a0"


def choose(page, label, option):
    wait_for_app(page)
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
    box.scroll_into_view_if_needed()  # a click that scrolls first focuses the box without opening its list
    page.wait_for_timeout(300)
    box.click()
    page.get_by_role("option").filter(has_text=option).first.click()
    page.wait_for_timeout(400)
    wait_for_app(page)


def objective_card(page, name):
    return page.locator('[data-testid="stMetric"]').filter(has_text=name).first


def test_a_decision_changes_the_projected_effect(server, page):
    page.goto(f"{server.url}/trimestre?trimestre=T2+2026")  # a link to the T2 review
    wait_for_app(page)
    revenue = objective_card(page, "OS3")
    expect(revenue.locator('[data-testid="stMetricValue"]')).to_have_text(f"188{NNBSP}700{NBSP}€", timeout=30_000)
    choose(page, "Retirer de", "TEL ·")
    choose(page, "Donner à", "SAL3 ·")
    page.get_by_label("Montant (€)").fill("2000")
    page.get_by_role("button", name="Déplacer").click()
    page.wait_for_timeout(400)
    wait_for_app(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    # 2 000 € at the Salon channel's 0,2346 € per euro of revenue: +8 525 € (tests/app/test_quarterly_page.py)
    expect(revenue.locator('[data-testid="stMetricValue"]')).to_have_text(f"197{NNBSP}225{NBSP}€", timeout=30_000)
    assert re.search(r"\+8\s525\s€ d'atterrissage", revenue.inner_text())
    page.get_by_text("Effet projeté des décisions").scroll_into_view_if_needed()
    screenshot(page, "trimestre-effet-projete")
