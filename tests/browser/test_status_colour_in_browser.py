"""The overview and Actions as a projector and a TV show them: progress bars in their status colour, the month's
change neutral when it is zero, the minus sign, whole counts; screenshots at 1280×720 and 1920×1080."""

import re

import pytest

from pac_core.display.overview import STATUS_ON_LIGHT
from tests.browser.conftest import SCREENSHOTS, settle

SIZES = ((1280, 720), (1920, 1080))


def _rgb(colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(colour[i:i + 2], 16) for i in (1, 3, 5)))


@pytest.mark.parametrize("width, height", SIZES)
def test_the_overview_colours_each_objective_bar_by_its_status(server, page, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(server.url)
    settle(page)
    page.locator(".pac-progress").first.wait_for(timeout=15_000)
    bars = page.evaluate("""() => [...document.querySelectorAll('.pac-progress')].map(bar => ({
        status: bar.dataset.status, fill: getComputedStyle(bar.firstElementChild.firstElementChild).backgroundColor,
        width: bar.firstElementChild.firstElementChild.getBoundingClientRect().width
               / bar.firstElementChild.getBoundingClientRect().width, now: Number(bar.getAttribute('aria-valuenow')),
        card: bar.closest('[data-testid="stVerticalBlock"]').innerText}))""")
    page.screenshot(path=str(SCREENSHOTS / f"statut-vue-ensemble-{width}x{height}.png"))
    page.screenshot(path=str(SCREENSHOTS / f"statut-vue-ensemble-{width}x{height}-page.png"), full_page=True)
    assert len(bars) == 3  # the demo's three strategic objectives
    words = {"on_track": "En bonne voie", "watch": "À surveiller", "off_track": "En retard"}
    for bar in bars:
        assert bar["fill"] == _rgb(STATUS_ON_LIGHT[bar["status"]])  # never the theme's blue
        assert words[bar["status"]] in bar["card"]  # the word goes with the colour
        assert bar["width"] == pytest.approx(bar["now"] / 100, abs=0.01)
    assert {bar["status"] for bar in bars} >= {"off_track", "watch"}  # the demo: clients late, the rest to watch
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert not re.search(r"(^|\s)-\d", main), "a hyphen written as a minus sign"
    assert not re.search(r"\+0\s?(€|\u00a0€)? en ", main), "a zero change shown as a rise"


@pytest.mark.parametrize("width, height", SIZES)
def test_the_actions_page_at_projector_and_tv_sizes(server, page, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{server.url}/actions")
    settle(page)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=15_000)
    page.wait_for_timeout(800)  # the grid draws its canvas after the run
    page.screenshot(path=str(SCREENSHOTS / f"statut-actions-{width}x{height}.png"))
    assert page.locator('[data-testid="stException"]').count() == 0
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert "En retard" in main
    assert not re.search(r"(^|\s)-\d", main), "a hyphen written as a minus sign"


@pytest.mark.parametrize("url_path", ["responsables", "pipeline"])
def test_figures_are_right_aligned_in_the_tables(server, page, url_path):
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{server.url}/{url_path}")
    settle(page)
    page.locator('[data-testid="stTable"] td').first.wait_for(timeout=15_000)
    cells = page.evaluate("""() => [...document.querySelectorAll('[data-testid="stTable"] td')].map(cell => [
        cell.innerText.trim(), getComputedStyle(cell).textAlign])""")
    page.screenshot(path=str(SCREENSHOTS / f"statut-{url_path}-1920x1080.png"))
    figure = re.compile(r"^[+\u2212]?\d{1,3}(\u202f\d{3})*(,\d+)?(\u00a0€|\u202f%)?$")
    figures = [align for text, align in cells if figure.match(text)]
    words = [align for text, align in cells if text and not re.match(r"[+\u2212\d]", text) and text != "—"]
    assert len(figures) >= 5 and set(figures) == {"right"}, [cell for cell in cells if figure.match(cell[0])
                                                             and cell[1] != "right"]
    assert words and "right" not in set(words)  # names stay left-aligned
