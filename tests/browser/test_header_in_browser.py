"""The header of every screen in a real browser: the browser tab names the screen, the active filters show as
readable chips (at 1280×720 too) that one click clears, and the month the figures stop at is stated the same way."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, main_text, settle

ROOT = Path(__file__).resolve().parents[2]
WALL = "mural"
NNBSP, NBSP = "\u202f", "\u00a0"
# (url path, title) of every screen as app.py registers it; "" is the overview, at /.
SCREENS = [("" if "default=True" in call else re.search(r'url_path="?([^",)]+)', call).group(1).replace("WALL", WALL),
            re.search(r'title="([^"]+)"', call).group(1))
           for call in re.findall(r'st\.Page\("screens/.*?\)', (ROOT / "app.py").read_text(encoding="utf-8"), re.S)]
FILES = dict(re.findall(r'st\.Page\("(screens/[^"]+)", title="([^"]+)"', (ROOT / "app.py").read_text(encoding="utf-8")))
TWO_FILTERS = "canal=Salon&levier=Salons+professionnels"
CHIPS = ".st-key-pac_filtres"
AS_OF = "PAC Pilot · données à fin octobre 2026"  # the story day's last closed month (tests/conftest.py)
HEADERLESS = {WALL}  # the wall is full screen: its month is in its own frame (tests/browser/test_wall_in_browser.py)


def test_the_screens_are_all_read_from_app_py():
    assert len(SCREENS) == 12 and ("", "Vue d'ensemble") in SCREENS and ("canaux", "Canaux & ROI") in SCREENS
    assert ("trimestre", "Revue trimestrielle") in SCREENS and ("mural", "Mode mural") in SCREENS
    assert ("bilan", "Bilan annuel") in SCREENS and ("semaine", "Cette semaine") in SCREENS


@pytest.mark.parametrize("url_path, title", SCREENS, ids=[path or "vue-ensemble" for path, _ in SCREENS])
def test_the_browser_tab_names_the_screen(server, page, url_path, title):
    page.goto(f"{server.url}/{url_path}")
    settle(page)
    assert page.title() == f"{title} · PAC Pilot"


def test_the_tab_title_follows_the_page_when_moving_in_the_sidebar(server, page):
    page.goto(f"{server.url}/")
    settle(page)
    assert page.title() == "Vue d'ensemble · PAC Pilot"
    page.locator('[data-testid="stSidebarNav"] a', has_text="Canaux").first.click()
    page.wait_for_url(re.compile(r".*/canaux.*"))
    settle(page)
    assert page.title() == "Canaux & ROI · PAC Pilot"


def window_shot(page, name: str) -> None:
    """What the window shows (not the whole page): the header must be read without scrolling."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def _chips_fit_the_window(page, width: int, height: int) -> None:
    """Every chip is drawn whole inside the window, and its text is the one written."""
    chips = page.locator(f'{CHIPS} [data-testid="stMarkdownContainer"] span',
                         has_text=re.compile("^(Canal|Levier)"))
    assert chips.count() == 2
    texts = sorted(chips.all_inner_texts())
    assert texts == [f"Canal{NBSP}: Salon", f"Levier{NBSP}: Salons professionnels"]
    for index in range(2):
        box = chips.nth(index).bounding_box()
        assert box is not None and box["width"] > 40
        assert 0 <= box["x"] and box["x"] + box["width"] <= width
        assert 0 <= box["y"] and box["y"] + box["height"] <= height
    # the button is drawn after the chips: waited for (seen missing once in CI, 1 of 1 894, drawn a moment later)
    expect(page.get_by_role("button", name="Effacer les filtres")).to_be_visible()


def _with_header(path: str, title: str):
    """A screen whose file does not draw ui.widgets.page_header yet is expected to miss the chips (reported)."""
    source = next((ROOT / file).read_text(encoding="utf-8") for file, name in FILES.items() if name == title)
    missing = pytest.mark.xfail("page_header(" not in source, reason="the screen draws its own title, not page_header",
                                strict=True)
    return pytest.param(path, title, marks=missing, id=path or "vue-ensemble")


@pytest.mark.parametrize("url_path, title", [_with_header(path, title) for path, title in SCREENS
                                             if path not in HEADERLESS])
def test_two_filters_show_as_chips_in_every_header_at_1280x720(server, page, url_path, title):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{server.url}/{url_path}?{TWO_FILTERS}")
    settle(page)
    _chips_fit_the_window(page, 1280, 720)
    header = main_text(page)
    assert header.index(title) < header.index(AS_OF)  # the title, then the month, then the chips
    assert page.locator(CHIPS).bounding_box()["y"] > page.get_by_text(AS_OF).bounding_box()["y"]
    window_shot(page, f"en-tete-{url_path or 'vue-ensemble'}-1280x720")


def test_the_chips_read_well_at_1920x1080_and_3840x2160(server, page):
    for width, height in ((1920, 1080), (3840, 2160)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{server.url}/canaux?{TWO_FILTERS}")
        settle(page)
        _chips_fit_the_window(page, width, height)
        window_shot(page, f"en-tete-canaux-{width}x{height}")


def test_the_chip_text_has_the_contrast_of_normal_text(server, page):
    """WCAG AA asks 4.5:1 for text of this size; the chip's colours are measured as the browser draws them."""
    page.goto(f"{server.url}/canaux?{TWO_FILTERS}")
    settle(page)
    colours = page.locator(f'{CHIPS} [data-testid="stMarkdownContainer"] span', has_text="Canal").first.evaluate(
        """element => {
             const parse = text => text.match(/[\\d.]+/g).map(Number);
             let back = element, fill = [0, 0, 0, 0];
             while (back && fill[3] === 0) {
               const found = parse(getComputedStyle(back).backgroundColor);
               fill = found.length > 3 ? found : [...found, 1]; back = back.parentElement;
             }
             return {text: parse(getComputedStyle(element).color), background: fill};
           }""")
    assert _contrast(colours["text"], colours["background"]) >= 4.5, colours


def _luminance(rgb) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (channel(value) for value in rgb[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _contrast(text, background) -> float:
    """The text's colour blended over white under a translucent background, as the eye sees it."""
    alpha = background[3] if len(background) > 3 else 1
    drawn = [alpha * channel + (1 - alpha) * 255 for channel in background[:3]]
    lighter, darker = sorted((_luminance(text), _luminance(drawn)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_clearing_the_chips_clears_the_filters_the_url_and_the_figures(server, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{server.url}/?{TWO_FILTERS}")
    settle(page)
    # Salons to October (pac_core/demo.py RESULTS): SAL1 32 500 + SAL2 70 600 → 103 100 €; the company 146 800 €.
    assert f"103{NNBSP}100{NBSP}€" in main_text(page)
    page.get_by_role("button", name="Effacer les filtres").click()
    page.wait_for_function("() => !window.location.search.includes('canal=')")
    settle(page)
    assert page.locator(CHIPS).count() == 0
    assert "canal=" not in page.url and "levier=" not in page.url
    assert f"146{NNBSP}800{NBSP}€" in main_text(page)
    assert AS_OF in main_text(page)
