"""The monthly review's presentation mode in Chromium: every view alone on the screen at a projector's, a TV's and a
4K TV's size, no scrollbar, no text running out of its box, contrast for a meeting room; the clicker's keys walk the
views and Échap goes back; a filtered review says so on the screen, in its PDF and in the PDF's name."""

import io

import pytest
from pypdf import PdfReader

from tests.browser import conftest
from tests.browser.conftest import settle, wait_for_app

NBSP = "\u00a0"
VIEWS = ["mois", "objectifs", "actions", "canaux", "pipeline", "decisions"]
SIZES = ((1280, 720), (1920, 1080), (3840, 2160))

# What the screen shows, measured in the page: the scrolling containers, chrome left visible, every element of the
# view inside the window, text running out of its box (allowed only where we ellipsise on purpose, with the whole
# text in the tooltip), and the text contrast against the background actually behind it (WCAG formula).
MEASURE = """() => {
    const visible = (selector) => [...document.querySelectorAll(selector)].some(element => {
        const box = element.getBoundingClientRect(), style = getComputedStyle(element);
        return box.width > 0 && box.height > 0 && style.display !== 'none' && style.visibility !== 'hidden';
    });
    const scrollers = [document.scrollingElement, document.querySelector('[data-testid="stMain"]'),
                       document.querySelector('[data-testid="stAppViewContainer"]')].filter(Boolean);
    const scrolls = scrollers.filter(e => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1)
        .map(e => (e.dataset.testid || e.tagName) + ' ' + e.scrollHeight + '>' + e.clientHeight);
    const rgb = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
    const luminance = ([r, g, b]) => [r, g, b].map(v => v / 255)
        .map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4))
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
    const background = (element) => {
        for (let e = element; e; e = e.parentElement) {
            const color = rgb(getComputedStyle(e).backgroundColor);
            if (color.length === 3 || (color.length === 4 && color[3] > 0)) return color.slice(0, 3);
        }
        return [255, 255, 255];
    };
    const bad = [], contrasts = [];
    const view = document.querySelector('.pac-pres');
    const screen = {w: window.innerWidth, h: window.innerHeight};
    for (const element of view.querySelectorAll('*')) {
        const box = element.getBoundingClientRect();
        if (!box.width || !box.height) continue;
        const what = element.tagName + '.' + element.className + ': ' + (element.textContent || '').slice(0, 50);
        if (box.bottom > screen.h + 0.5 || box.right > screen.w + 0.5 || box.top < -0.5 || box.left < -0.5)
            bad.push('off the screen: ' + what);
        if (![...element.childNodes].some(node => node.nodeType === 3 && node.textContent.trim())) continue;
        const style = getComputedStyle(element);
        const clipped = element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1;
        // Cut on purpose: one line ending in « … », or whole lines clamped, with the whole text in the tooltip.
        const ellipsis = style.whiteSpace === 'nowrap' && style.overflowX === 'hidden' && style.textOverflow === 'ellipsis'
            && element.scrollHeight <= element.clientHeight + 1;
        const clamped = style.overflowY === 'hidden' && style.webkitLineClamp !== 'none'
            && element.scrollWidth <= element.clientWidth + 1;
        const onPurpose = (ellipsis || clamped) && element.getAttribute('title') === element.textContent;
        if (clipped && !onPurpose) bad.push('overflowing: ' + what);
        const body = element.closest('.pac-pres-body');
        if (body && box.bottom > body.getBoundingClientRect().bottom + 0.5) bad.push('below its room: ' + what);
        const [l1, l2] = [luminance(rgb(style.color).slice(0, 3)), luminance(background(element))];
        contrasts.push({ratio: (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05), what});
    }
    const view_box = view.getBoundingClientRect();
    return {scrolls, bad, contrasts, sidebar: visible('[data-testid="stSidebar"]'),
            chrome: visible('[data-testid="stToolbar"]') || visible('[data-testid="stHeader"]'),
            fills: view_box.width >= screen.w - 1 && view_box.height >= screen.h - 1,
            position: document.querySelector('.pac-pres-position').innerText,
            bar: document.querySelector('.pac-pres-bar').innerText,
            more: [...view.querySelectorAll('.pac-pres-more')].map(e => e.innerText)};
}"""


def open_presentation(page, url: str, query: str) -> None:
    page.goto(f"{url}/revue?presentation=oui&{query}")
    wait_for_app(page)
    page.wait_for_selector(".pac-pres", timeout=30_000)
    page.wait_for_timeout(400)
    settle(page)


def shown_view(page) -> str:
    return page.evaluate("document.querySelector('.pac-pres')?.dataset.view || ''")


@pytest.mark.parametrize("view", VIEWS)
def test_each_view_fills_the_screen_without_scrolling_at_every_size(server, page, view):
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        open_presentation(page, server.url, f"vue={view}")
        assert shown_view(page) == view
        page.screenshot(path=str(conftest.SCREENSHOTS / f"presentation-{view}-{width}x{height}.png"))
        measured = page.evaluate(MEASURE)
        assert measured["scrolls"] == [], f"{view} at {width}×{height} scrolls: {measured['scrolls']}"
        assert measured["bad"] == [], f"{view} at {width}×{height}: {measured['bad']}"
        assert not measured["sidebar"] and not measured["chrome"] and measured["fills"]
        assert measured["position"] == f"{VIEWS.index(view) + 1} / 6"
        assert measured["bar"].startswith("Revue mensuelle · octobre 2026")
        weakest = min(measured["contrasts"], key=lambda item: item["ratio"])
        assert weakest["ratio"] >= 7, weakest
        if view == "mois":  # the cards with a goal carry their status in words, beside the colour
            statuses = page.eval_on_selector_all(".pac-pres-card", "cards => cards.map(c => c.dataset.status)")
            assert statuses == ["watch", "on_track", "off_track", ""]  # CA 80,4 %, contacts 98,3 %, clients 78,6 %
            assert "⚠ À surveiller" in page.locator(".pac-pres-card").first.inner_text()


def test_the_clicker_keys_walk_the_views_and_escape_goes_back(server, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{server.url}/revue")
    settle(page)
    page.get_by_role("button", name="Mode présentation").click()
    page.wait_for_selector(".pac-pres", timeout=30_000)
    settle(page)
    assert shown_view(page) == "mois" and "presentation=oui" in page.url
    assert page.evaluate("!!document.fullscreenElement")  # the button also asked the browser for full screen
    walked = []
    for key in ("ArrowRight", "PageDown", "ArrowRight", "PageUp", "ArrowLeft", "ArrowLeft", "ArrowLeft"):
        before = shown_view(page)
        page.keyboard.press(key)
        page.wait_for_function(f"(document.querySelector('.pac-pres')?.dataset.view || '') !== '{before}'",
                               timeout=30_000)
        settle(page)
        walked.append(shown_view(page))
    assert walked == ["objectifs", "actions", "canaux", "actions", "objectifs", "mois", "decisions"]
    assert page.locator(".pac-pres-position").inner_text() == "6 / 6"
    assert "vue=decisions" in page.url  # a reload keeps the view on the screen
    page.keyboard.press("Escape")
    page.wait_for_selector(".pac-pres", state="detached", timeout=30_000)
    settle(page)
    assert "presentation" not in page.url
    assert page.locator('[data-testid="stSidebar"]').is_visible()
    assert page.locator('[data-testid="stMain"] h2').first.inner_text().startswith("6/6 · Décisions")
    assert not page.evaluate("!!document.fullscreenElement")


def test_leaving_full_screen_leaves_presentation_mode_on_the_same_view(server, page):
    """In full screen the browser keeps Échap for itself: leaving full screen must leave presentation mode too."""
    page.goto(f"{server.url}/revue?vue=canaux")
    settle(page)
    page.get_by_role("button", name="Mode présentation").click()
    page.wait_for_selector(".pac-pres", timeout=30_000)
    settle(page)
    page.keyboard.press("PageDown")
    page.wait_for_function("document.querySelector('.pac-pres')?.dataset.view === 'pipeline'", timeout=30_000)
    settle(page)
    page.evaluate("document.exitFullscreen()")
    page.wait_for_selector(".pac-pres", state="detached", timeout=30_000)
    settle(page)
    assert page.locator('[data-testid="stMain"] h2').first.inner_text().startswith("5/6 · Pipeline")


def test_the_normal_review_reads_whole_on_a_projector(server, page):
    """At 1280×720 with the sidebar: whole button words, the six view choices on the screen, card titles uncut."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{server.url}/revue")
    settle(page)
    page.wait_for_timeout(800)
    conftest.screenshot(page, "revue-normale-1280x720")
    assert page.locator('.st-key-vue button').count() == 6
    cut = page.evaluate("""() => {
        const main = document.querySelector('[data-testid="stMain"]').getBoundingClientRect();
        const bad = [];
        for (const e of document.querySelectorAll('[data-testid="stMain"] button p, '
                + '[data-testid="stMain"] [data-testid="stMetricLabel"] p, .st-key-vue button p')) {
            const box = e.getBoundingClientRect();
            if (!box.width) continue;
            if (e.scrollWidth > e.clientWidth + 1 || box.right > main.right + 0.5) bad.push(e.innerText);
        }
        return bad;
    }""")
    assert cut == []
    for label in ("Le mois", "Objectifs", "Actions", "Canaux & ROI", "Pipeline", "Décisions"):
        choice = page.locator(".st-key-vue button").get_by_text(label, exact=True)
        assert choice.is_visible() and choice.bounding_box()["x"] + choice.bounding_box()["width"] <= 1280
    for label in ("Précédent", "Suivant", "Mode présentation"):
        assert page.get_by_role("button", name=label).first.inner_text().strip().endswith(label)
    labels = page.locator('[data-testid="stMain"] [data-testid="stMetricLabel"]').all_inner_texts()
    assert "Chiffre d'affaires réalisé · ⚠ À surveiller" in [label.replace("\n", " ").strip() for label in labels]


def test_a_filtered_review_names_its_filter_on_screen_in_its_pdf_and_its_file_name(server, page, tmp_path):
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{server.url}/revue?canal=Salon")
    settle(page)
    assert page.locator('[data-testid="stMain"] h1').first.inner_text().strip() == f"Revue mensuelle · Canal{NBSP}: Salon"
    with page.expect_download(timeout=90_000) as download:
        page.get_by_role("button", name="Exporter la revue en PDF (une page par vue)").click()
    assert download.value.suggested_filename == "revue-2026-10-canal-salon.pdf"
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    first = reader.pages[0].extract_text().replace(NBSP, " ")
    assert "Revue mensuelle d'octobre 2026 — Canal : Salon" in first
    assert len(reader.pages) == 6
    open_presentation(page, server.url, "canal=Salon&vue=mois")
    assert page.locator(".pac-pres-bar").inner_text().startswith(f"Revue mensuelle · Canal{NBSP}: Salon · octobre 2026")
    page.screenshot(path=str(conftest.SCREENSHOTS / "presentation-filtre-salon-1920x1080.png"))


@pytest.fixture(scope="module")
def crowded_review(tmp_path_factory):
    """The wall tests' crowded plan: twelve late actions with long names and owners, six long strategic objectives."""
    from pac_core.store import Store
    from pac_core.validate import validate_files
    from tests.browser.test_wall_in_browser import crowded_plan
    from tests.conftest import STORY_DAY

    folder = tmp_path_factory.mktemp("crowded-review")
    with Store(folder / "pac.duckdb") as store:
        validation = validate_files([crowded_plan(folder / "plan.xlsx", stale=False)], store.context())
        assert validation.ok, [issue.message for issue in validation.errors]
        store.import_batch(validation.batch, user="test")
    yield from conftest.serving(folder, today=STORY_DAY)


@pytest.mark.parametrize("view", VIEWS)
def test_a_crowded_review_still_fits_and_says_what_it_leaves_out(crowded_review, page, view):
    for width, height in ((1280, 720), (3840, 2160)):
        page.set_viewport_size({"width": width, "height": height})
        open_presentation(page, crowded_review.url, f"vue={view}")
        page.screenshot(path=str(conftest.SCREENSHOTS / f"presentation-charge-{view}-{width}x{height}.png"))
        measured = page.evaluate(MEASURE)
        assert measured["scrolls"] == [] and measured["bad"] == [], f"{view} at {width}×{height}: {measured}"
        if view == "decisions":  # twelve late actions and more: the list says how many it could not show
            shown = page.locator(".pac-pres li").count()
            more = measured["more"]
            total = int(page.locator(".pac-pres-message").inner_text().split(" ")[0])
            assert (shown == total and more == []) or more == [f"… et {total - shown} autres"], (shown, total, more)


def test_the_normal_reviews_figures_are_right_aligned(server, page):
    page.goto(f"{server.url}/revue?vue=objectifs")
    page.wait_for_selector(".st-key-tableau-vue tbody tr", timeout=60_000)  # a slow machine's first run, awaited
    settle(page)
    aligns = page.evaluate("""() => [...document.querySelectorAll('.st-key-tableau-vue tbody tr:first-child td')]
        .map(cell => [cell.innerText.trim(), getComputedStyle(cell).textAlign])""")
    # Appels: 1 116 done of 1 200 to date, 93,0 %, to watch; landing 1 116 of 1 200 for the year.
    assert [align for _, align in aligns] == ["left", "right", "right", "right", "left", "right", "right"], aligns
    assert aligns[0][0] == "Appels"
