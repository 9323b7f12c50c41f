"""The wall and the monthly review in Chromium: sizes at 1080p and 4K, no scrolling, the rotation, an import seen
on the wall without reload, a server restart survived, the review's views and its PDF (one page per view)."""

import io

import pytest
from pypdf import PdfReader

from tests.browser import conftest
from tests.browser.conftest import DROPZONE, Server, screenshot, wait_for_app
from tests.builders import workbook

NNBSP, NBSP = "\u202f", "\u00a0"
SLIDE = "document.querySelector('.pac-wall')?.dataset.slide"


def open_wall(page, url: str, query: str) -> None:
    page.goto(f"{url}/mural?embed=true&{query}")
    wait_for_app(page)
    page.wait_for_selector(".pac-wall .pac-headline", timeout=30_000)
    page.wait_for_timeout(500)


def layout(page) -> dict:
    return page.evaluate("""() => ({
        scroll: document.scrollingElement.scrollHeight, inner: window.innerHeight,
        scrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth,
        headline: parseFloat(getComputedStyle(document.querySelector('.pac-headline')).fontSize),
        wallBottom: document.querySelector('.pac-wall').getBoundingClientRect().bottom,
        contentBottom: Math.max(...[...document.querySelectorAll('.pac-body > *')]
                                .map(e => e.getBoundingClientRect().bottom)),
        sidebar: document.querySelectorAll('[data-testid="stSidebar"]:not([style*="display: none"])').length,
        toolbar: !!document.querySelector('[data-testid="stToolbar"]')
                 && getComputedStyle(document.querySelector('[data-testid="stToolbar"]')).display !== 'none',
    })""")


@pytest.mark.parametrize("slide", ["chiffres", "objectifs", "actions", "canaux", "pipeline"])
def test_the_wall_fits_1080p_and_4k_with_big_type(server, page, slide):
    for width, height, smallest in ((1920, 1080, 80), (3840, 2160, 160)):
        page.set_viewport_size({"width": width, "height": height})
        open_wall(page, server.url, f"ecrans={slide}&duree=600")
        assert page.locator('[data-testid="stException"]').count() == 0
        measured = layout(page)
        assert measured["scroll"] <= measured["inner"] and measured["scrollWidth"] <= measured["innerWidth"]
        assert measured["contentBottom"] <= measured["wallBottom"], "a slide overflows the screen"
        assert measured["headline"] >= smallest, measured
        assert not measured["toolbar"]
        assert page.locator('[data-testid="stSidebar"]').count() == 0 or not page.locator(
            '[data-testid="stSidebar"]').is_visible()
        text = page.locator(".pac-wall").inner_text()
        assert "Données à fin octobre 2026" in text
        page.screenshot(path=str(conftest.SCREENSHOTS / f"mural-{slide}-{width}x{height}.png"))


def test_the_slides_rotate_in_place(server, page):
    open_wall(page, server.url, "ecrans=chiffres,canaux&duree=3")
    page.evaluate("window.__sameDocument = true")
    first = page.evaluate(SLIDE)
    before = page.screenshot()
    page.wait_for_function(f"{SLIDE} && {SLIDE} !== {first!r}", timeout=15_000)
    page.wait_for_timeout(500)
    second = page.evaluate(SLIDE)
    after = page.screenshot()
    assert {first, second} == {"Chiffres clés", "Canaux & ROI"}
    assert before != after
    page.wait_for_function(f"{SLIDE} === {first!r}", timeout=15_000)  # and back, in the same page
    assert page.evaluate("window.__sameDocument") is True
    assert page.locator('[data-testid="stException"]').count() == 0


def test_an_import_shows_on_the_wall_without_touching_it(own_server, context, tmp_path):
    wall, office = context.new_page(), context.new_page()
    open_wall(wall, own_server.url, "ecrans=chiffres&duree=5")
    wall.evaluate("window.__sameDocument = true")
    assert "Données à fin octobre 2026" in wall.locator(".pac-wall").inner_text()

    november = workbook(tmp_path / "realise-novembre.xlsx", {"Réalisé": [
        ["ID action", "Indicateur", "Période", "Réalisé"],
        ["WEB", "Chiffre d'affaires", "nov. 2026", "20 000 €"]]})
    office.goto(f"{own_server.url}/donnees")
    wait_for_app(office)
    office.locator(DROPZONE).set_input_files(str(november))
    office.get_by_text("Fichier valide : prêt à importer.").wait_for(timeout=30_000)
    wait_for_app(office)
    office.locator(".st-key-importer button").click()
    office.get_by_text("Import n° 2 enregistré").wait_for(timeout=30_000)

    wall.get_by_text("Données à fin novembre 2026").wait_for(timeout=60_000)
    assert f"166{NNBSP}800{NBSP}€" in wall.locator(".pac-wall").inner_text()  # 146 800 + 20 000
    assert wall.evaluate("window.__sameDocument") is True  # redrawn in place, not reloaded
    wall.screenshot(path=str(conftest.SCREENSHOTS / "mural-apres-import-1920x1080.png"))


def test_the_wall_comes_back_by_itself_after_a_server_restart(tmp_path, page, monkeypatch):
    first = Server(tmp_path / "pac.duckdb", tmp_path / "first.log")
    second = None
    try:
        first.wait_ready()
        open_wall(page, first.url, "ecrans=chiffres,canaux&duree=5")
        first.stop()
        page.wait_for_selector('[data-testid="stApp"]:not([data-test-connection-state="CONNECTED"])', timeout=30_000)
        monkeypatch.setattr(conftest, "_free_port", lambda: first.port)  # the same address, as on the TV
        second = Server(tmp_path / "pac.duckdb", tmp_path / "second.log")
        second.wait_ready()
        page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]', timeout=90_000)
        page.wait_for_selector(".pac-wall .pac-headline", timeout=60_000)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert "Données à fin octobre 2026" in page.locator(".pac-wall").inner_text()
    finally:
        (second or first).stop()


def test_the_review_walks_through_its_views_and_exports_one_pdf_page_per_view(server, page, tmp_path):
    page.goto(f"{server.url}/revue")
    wait_for_app(page)
    titles = []
    for number in range(1, 7):
        header = page.locator('[data-testid="stMain"] h2').first
        header.wait_for()
        titles.append(header.inner_text().strip())
        assert titles[-1].startswith(f"{number}/6 · ")
        assert page.locator('[data-testid="stException"]').count() == 0
        wait_for_app(page)
        page.wait_for_timeout(1200)  # charts and the comment box finish drawing
        screenshot(page, f"revue-{number}")
        if number < 6:
            page.get_by_role("button", name="Suivant ▶").click()
            page.wait_for_function("document.querySelector('[data-testid=stMain] h2')?.innerText"
                                   f".startsWith('{number + 1}/6')", timeout=30_000)
            wait_for_app(page)
    assert "Décisions prises et à prendre" in titles[-1]
    with page.expect_download(timeout=90_000) as download:
        page.get_by_role("button", name="Exporter la revue en PDF (une page par vue)").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name == "revue-mensuelle-2026-10.pdf"
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    assert len(reader.pages) == 6
    assert "Le mois en bref" in reader.pages[0].extract_text()
