"""The wall and the monthly review in Chromium: sizes at 1080p and 4K, no scrolling, the rotation, an import seen
on the wall without reload, a server restart survived, the review's views and its PDF (one page per view)."""

import datetime
import io

import pytest
from pypdf import PdfReader

from pac_core import clock, wall
from pac_core import formatting as fmt
from pac_core.store import Store
from pac_core.validate import validate_files
from tests.browser import conftest
from tests.browser.conftest import DROPZONE, Server, screenshot, serving, wait_for_app
from pac_core.tables import LOST_STAGE, PIPELINE_STAGES
from tests.builders import ACTION_HEADERS, PIPELINE_HEADERS, action_row, opportunity_row, workbook
from tests.conftest import STORY_DAY

NNBSP, NBSP = "\u202f", "\u00a0"
SLIDE = "document.querySelector('.pac-wall')?.dataset.slide"


def open_wall(page, url: str, query: str) -> None:
    page.goto(f"{url}/mural?embed=true&{query}")
    wait_for_app(page)
    page.wait_for_selector(".pac-wall .pac-headline", timeout=30_000)
    page.wait_for_timeout(500)


def import_october_revenue(office, url: str, tmp_path, revenue: str, number: int) -> None:
    """On the Données page of `url`: the WEB action's October revenue set to `revenue`, imported as import n°
    `number` (the demo has 13 900 €, within 146 800 € for the company)."""
    correction = workbook(tmp_path / f"realise-octobre-{number}.xlsx", {"Réalisé": [
        ["ID action", "Indicateur", "Période", "Réalisé"], ["WEB", "Chiffre d'affaires", "oct. 2026", revenue]]})
    office.goto(f"{url}/donnees")
    wait_for_app(office)
    office.locator(DROPZONE).set_input_files(str(correction))
    office.get_by_text("Fichier valide : prêt à importer.").wait_for(timeout=30_000)
    wait_for_app(office)
    office.locator(".st-key-importer button").click()
    office.get_by_text(f"Import n° {number} enregistré").wait_for(timeout=30_000)


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


# Every element of the wall wholly inside the slide (never half a line or a bar cut off); text on one line only.
CUT_TEXT = """() => {
    const body = document.querySelector('.pac-body').getBoundingClientRect();
    const wall = document.querySelector('.pac-wall').getBoundingClientRect();
    const bad = [];
    for (const element of document.querySelectorAll('.pac-wall *')) {
        const box = element.getBoundingClientRect(), style = getComputedStyle(element);
        if (!box.width || !box.height) continue;
        const what = element.className + ': ' + element.textContent.slice(0, 50);
        if (element.closest('.pac-body') && box.bottom > body.bottom + 0.5) bad.push('cut at the bottom: ' + what);
        if (box.bottom > wall.bottom + 0.5 || box.right > wall.right + 0.5) bad.push('off the screen: ' + what);
        if (![...element.childNodes].some(node => node.nodeType === 3 && node.textContent.trim())) continue;
        const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
        const inner = box.height - ['paddingTop', 'paddingBottom', 'borderTopWidth', 'borderBottomWidth']
            .reduce((sum, side) => sum + parseFloat(style[side]), 0);
        if (inner > line * 1.5 + 1) bad.push('on two lines: ' + what);
    }
    return bad;
}"""
SIZES = ((1280, 720, 48), (1920, 1080, 80), (3840, 2160, 160))  # a projector, a TV, a 4K TV; smallest headline px
SLIDES = ["chiffres", "objectifs", "actions", "canaux", "pipeline"]


def check_the_slide_fits(page, url: str, slide: str, name: str) -> str:
    """At each size: no exception, no scrolling, big numbers, no chrome, no text wrapped or cut; the wall's text."""
    for width, height, smallest in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        open_wall(page, url, f"ecrans={slide}&duree=600")
        assert page.locator('[data-testid="stException"]').count() == 0
        measured = layout(page)
        assert measured["scroll"] <= measured["inner"] and measured["scrollWidth"] <= measured["innerWidth"]
        assert measured["contentBottom"] <= measured["wallBottom"], "a slide overflows the screen"
        assert measured["headline"] >= smallest, measured
        assert not measured["toolbar"]
        assert page.locator('[data-testid="stSidebar"]').count() == 0 or not page.locator(
            '[data-testid="stSidebar"]').is_visible()
        page.screenshot(path=str(conftest.SCREENSHOTS / f"{name}-{slide}-{width}x{height}.png"))
        assert page.evaluate(CUT_TEXT) == [], f"{slide} at {width}×{height}"
    return page.locator(".pac-wall").inner_text()


@pytest.mark.parametrize("slide", SLIDES)
def test_on_todays_clock_the_demo_wall_is_current_and_fits_every_screen(todays_server, page, slide):
    """Whatever day the suite runs (or PAC_TODAY says), the demo reaches the last closed month: no stale banner."""
    text = check_the_slide_fits(page, todays_server.url, slide, "mural")
    assert f"Données à fin {fmt.month(clock.last_closed_month(), long=True)}" in text
    assert page.locator(".pac-banner").count() == 0


LONG_NAME = "Campagne d'acquisition multicanale auprès des directions des ressources humaines de l'industrie"


OBJECTIVES = {True: 4, False: 6}  # under the banner, four still fit; six never do


def crowded_plan(path, stale: bool):
    """Twelve actions, every one late, with long names, owners and channels; six long strategic objectives (when
    `stale`: four, and only the first owner sent October's results: on 15 November the banner names the others)."""
    actions = [action_row(f"L{n:02d}", name=f"{LONG_NAME} n° {n}", channel=f"Canal partenaire régional numéro {n}",
                          owner=f"Responsable du développement commercial de la zone {n}") for n in range(1, 13)]
    months = [datetime.date(2026, month, 1) for month in range(1, 13)]
    targets = [[f"L{n:02d}", "Rendez-vous", month, 10] for n in range(1, 13) for month in months]
    results = [[f"L{n:02d}", indicator, month, value] for n in range(1, 13) for month in months[:9]
               for indicator, value in (("Rendez-vous", n % 5 + 1), ("Coût", 500), ("Chiffre d'affaires", 300 * n))]
    results += [[f"L{n:02d}", "Rendez-vous", months[9], 2] for n in (range(1, 2) if stale else range(1, 13))]
    strategic = [[f"OS{n}", f"Objectif stratégique au libellé très long, pour la réunion de direction n° {n}",
                  "Rendez-vous", 0, 1000, datetime.date(2026, 12, 31)] for n in range(1, OBJECTIVES[stale] + 1)]
    for row in actions:
        row[-1] = "OS1"
    stages = [*PIPELINE_STAGES, LOST_STAGE]
    pipeline = [opportunity_row(f"O{n:03d}", stages[n % len(stages)], 1000 + 10 * n, datetime.date(2026, 9, 1),
                                datetime.date(2026, 10, 1) if stages[n % len(stages)] in (stages[-2], stages[-1]) else None,
                                action_id=f"L{n % 12 + 1:02d}") for n in range(60)]
    return workbook(path, {
        "Actions": [ACTION_HEADERS, *actions],
        "Objectifs": [["ID action", "Indicateur", "Période", "Objectif"], *targets],
        "Réalisé": [["ID action", "Indicateur", "Période", "Réalisé"], *results],
        "Objectifs stratégiques": [["ID", "Objectif", "Indicateur", "Référence", "Cible", "Échéance"], *strategic],
        "Pipeline": [PIPELINE_HEADERS, *pipeline]})


@pytest.fixture(scope="module", params=["retard", "a-jour"])
def crowded_server(tmp_path_factory, request):
    folder = tmp_path_factory.mktemp(f"crowded-{request.param}")
    with Store(folder / "pac.duckdb") as store:
        plan = crowded_plan(folder / "plan.xlsx", stale=request.param == "retard")
        validation = validate_files([plan], store.context())
        assert validation.ok, [issue.message for issue in validation.errors]
        store.import_batch(validation.batch, user="test")
    for running in serving(folder, today=STORY_DAY):  # one server, stopped when the generator ends
        running.stale = request.param == "retard"
        yield running


@pytest.mark.parametrize("slide", SLIDES)
def test_twelve_late_actions_long_names_and_the_stale_banner_never_cut_a_line(crowded_server, page, slide):
    stale = crowded_server.stale
    text = check_the_slide_fits(page, crowded_server.url, slide, "mural-retard" if stale else "mural-charge")
    if stale:
        assert "Réalisé de octobre 2026 manquant pour" in page.locator(".pac-banner").inner_text()
    else:
        assert page.locator(".pac-banner").count() == 0
    room = wall.ROOM.get(slide, {}).get(stale)  # fewer with the banner; the last line counts the others
    shown = {"actions": ".pac-late-name", "objectifs": ".pac-objective", "canaux": ".pac-hname"}
    items = {"actions": 12, "objectifs": OBJECTIVES[stale], "canaux": 12}  # late actions, objectives, channels
    if slide in shown and items[slide] <= room:
        assert page.locator(shown[slide]).count() == items[slide] and "autres" not in text
    elif slide in shown:
        assert page.locator(shown[slide]).count() == room - 1
        assert f"… et {items[slide] - room + 1} autres" in text


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

    import_october_revenue(office, own_server.url, tmp_path, "33 900 €", 2)  # was 13 900 €

    wall.get_by_text(f"166{NNBSP}800{NBSP}€").wait_for(timeout=60_000)  # 146 800 + 20 000
    assert "Données à fin octobre 2026 · mises à jour le" in wall.locator(".pac-wall").inner_text()
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
            page.get_by_role("button", name="Suivant", exact=True).click()
            page.wait_for_function("document.querySelector('[data-testid=stMain] h2')?.innerText"
                                   f".startsWith('{number + 1}/6')", timeout=30_000)
            wait_for_app(page)
    assert "Décisions prises et à prendre" in titles[-1]
    with page.expect_download(timeout=90_000) as download:
        page.get_by_role("button", name="Exporter la revue en PDF (une page par vue)").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name == "revue-2026-10.pdf"  # no filter: the whole company's review
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    assert len(reader.pages) == 6
    assert "Le mois en bref" in reader.pages[0].extract_text()


# Contrast of every text element of the wall against the background it sits on (the first opaque one up the tree).
WALL_CONTRAST = """() => {
    const rgb = text => (text.match(/[\\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map(c => { c /= 255; return c <= 0.03928 ? c / 12.92
                                                   : Math.pow((c + 0.055) / 1.055, 2.4); })
                                       .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
    const worst = [];
    for (const element of document.querySelectorAll('.pac-wall *')) {
        if (![...element.childNodes].some(node => node.nodeType === 3 && node.textContent.trim())) continue;
        let back = element, background = null;
        while (back) {
            const colour = rgb(getComputedStyle(back).backgroundColor);
            if (colour.length === 3 || colour[3] === 1) { background = colour.slice(0, 3); break; }
            back = back.parentElement;
        }
        const [a, b] = [lum(rgb(getComputedStyle(element).color).slice(0, 3)), lum(background)].sort((x, y) => y - x);
        worst.push([(a + 0.05) / (b + 0.05), element.className + ': ' + element.textContent.slice(0, 30)]);
    }
    return worst.sort((x, y) => x[0] - y[0]);
}"""
WALL_SIZES = ((1280, 720), (1920, 1080))


@pytest.mark.parametrize("slide", SLIDES)
def test_every_text_on_the_wall_has_a_contrast_of_seven_to_one(server, page, slide):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_wall(page, server.url, f"ecrans={slide}&duree=600")
    measured = page.evaluate(WALL_CONTRAST)
    assert len(measured) >= 4, measured  # the top and bottom bars, the slide's texts
    assert measured[0][0] >= 7, measured[:5]


def test_the_headline_figures_wear_their_status_colour_and_word(server, page):
    for width, height in WALL_SIZES:
        page.set_viewport_size({"width": width, "height": height})
        open_wall(page, server.url, "ecrans=chiffres&duree=600")
        tiles = page.evaluate("""() => [...document.querySelectorAll('.pac-tile')].map(tile => ({
            status: tile.dataset.status || null, text: tile.innerText,
            colour: getComputedStyle(tile.querySelector('.pac-headline')).color}))""")
        page.screenshot(path=str(conftest.SCREENSHOTS / f"mural-couleurs-chiffres-{width}x{height}.png"))
        assert [tile["status"] for tile in tiles[:3]] != [None, None, None]
        for tile in tiles[:3]:  # revenue, new clients, contacts: each has a goal
            expected = wall.STATUS_ON_DARK[None if tile["status"] == "none" else tile["status"]]
            assert tile["colour"] == "rgb({}, {}, {})".format(*(int(expected[i:i + 2], 16) for i in (1, 3, 5)))
            if tile["status"] != "none":
                assert any(word in tile["text"] for word in ("En bonne voie", "À surveiller", "En retard"))
        assert tiles[3]["status"] is None and tiles[3]["colour"] == "rgb(242, 244, 248)"  # budget: no goal, white


def test_the_objectives_bars_share_one_scale(server, page):
    for width, height in WALL_SIZES:
        page.set_viewport_size({"width": width, "height": height})
        open_wall(page, server.url, "ecrans=objectifs&duree=600")
        tracks = page.evaluate("""() => [...document.querySelectorAll('.pac-objective .pac-track')].map(track => {
            const box = track.getBoundingClientRect(); return [box.left, box.width]; })""")
        page.screenshot(path=str(conftest.SCREENSHOTS / f"mural-couleurs-objectifs-{width}x{height}.png"))
        assert len(tracks) >= 2
        assert max(w for _, w in tracks) - min(w for _, w in tracks) < 1, tracks  # one length
        assert max(x for x, _ in tracks) - min(x for x, _ in tracks) < 1, tracks  # one start
        assert page.evaluate("() => [...document.querySelectorAll('.pac-objective-value')]"
                             ".every(e => e.scrollWidth <= e.clientWidth)"), "a figure is cut"
