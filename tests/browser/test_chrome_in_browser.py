"""Streamlit's chrome in French and one type family, measured in Chromium: the uploader shows no English word and
stays usable by keyboard, the skip link is kept, chart texts are drawn in the app's font (Source Sans), and the
names on the Canaux bubble chart meet neither each other, nor a bubble, nor the break-even line.
Screenshots: tests/screenshots/chrome-*.png."""

import pytest

from tests.browser.conftest import DROPZONE, SCREENSHOTS, main_text, screenshot, settle
from tests.builders import workbook
from ui.chrome import ADD_BUTTON, DROP_HINT, DROP_NOW, UPLOAD_BUTTON

SIZES = [(1280, 720), (1920, 1080)]
ENGLISH = ["Upload", "upload", "Drag and drop", "per file", "Browse files", "MB"]
UPLOADER = '[data-testid="stFileUploader"]'


def open_page(page, server, path: str, size: tuple[int, int]) -> None:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{server.url}/{path}")
    settle(page)


def drawn_text(page, selector: str) -> str:
    """What the eye reads in the element: its visible text and the ::after texts our CSS adds (innerText leaves
    generated content out, and counts the Material icon's ligature name, which is drawn as an icon)."""
    return page.locator(selector).first.evaluate("""root => {
        const parts = [];
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
        for (let node = root; node; node = walker.nextNode()) {
            const style = getComputedStyle(node);
            if (style.display === 'none' || style.visibility === 'hidden') continue;
            if (node.closest('[data-testid="stIconMaterial"]')) continue;
            for (const child of node.childNodes) {
                if (child.nodeType === Node.TEXT_NODE && child.textContent.trim()
                    && getComputedStyle(node).fontSize !== '0px' && node.offsetParent !== null) {
                    let hidden = false;
                    for (let up = node; up && up !== root.parentElement; up = up.parentElement) {
                        if (getComputedStyle(up).display === 'none') { hidden = true; break; }
                    }
                    if (!hidden) parts.push(child.textContent.trim());
                }
            }
            const after = getComputedStyle(node, '::after').content;
            if (after && after !== 'none' && after !== 'normal') parts.push(JSON.parse(after));
        }
        return parts.join(' | ');
    }""")


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_uploader_speaks_french_and_stays_usable_by_keyboard(server, page, size):
    open_page(page, server, "donnees", size)
    shown = drawn_text(page, UPLOADER)
    assert UPLOAD_BUTTON in shown and DROP_HINT in shown, shown
    assert not [word for word in ENGLISH if word in shown], shown
    assert "Taille maximale : 50 Mo par fichier." in main_text(page)  # the size limit, in French, under the zone
    # A screen reader reads the button by its French name (generated content counts; the English is display: none).
    button = page.locator(UPLOADER).get_by_role("button", name=UPLOAD_BUTTON, exact=True)
    assert button.count() == 1
    screenshot(page, f"chrome-donnees-{size[0]}x{size[1]}")
    # Keyboard: Tab reaches the button, Entrée asks for the file chooser.
    page.locator('[data-testid="stMain"] h1').click()
    reached = False
    for _ in range(40):
        page.keyboard.press("Tab")
        reached = page.evaluate("""() => document.activeElement.tagName === 'BUTTON'
            && document.activeElement.closest('[data-testid="stFileUploaderDropzone"]') !== null""")
        if reached:
            break
    assert reached, page.evaluate("document.activeElement.outerHTML.slice(0, 200)")
    # Entrée on the button clicks the hidden file input, which is what opens the system's file chooser.
    page.evaluate("""() => { window.chooserAsked = false;
        document.querySelector('[data-testid="stFileUploaderDropzoneInput"]')
            .addEventListener('click', () => { window.chooserAsked = true; }, {once: true}); }""")
    page.keyboard.press("Enter")
    page.wait_for_function("window.chooserAsked === true", timeout=10_000)


def test_a_deposited_file_shows_no_english_either(own_server, page, tmp_path):
    """A file in the zone: its chip shows its name, not Streamlit's English size (« 4.9KB »). Its own server: the
    check of a file counts against the session's rate, which the shared server's other tests need."""
    deposited = workbook(tmp_path / "realise-octobre.xlsx",
                         {"Réalisé": [["ID action", "Indicateur", "Période", "Réalisé"],
                                      ["WEB", "Chiffre d'affaires", "oct. 2026", "20 000 €"]]})
    open_page(page, own_server, "donnees", (1280, 720))
    page.locator(DROPZONE).set_input_files(str(deposited))
    page.get_by_text("Fichier valide : prêt à importer.").wait_for(timeout=30_000)
    settle(page)
    shown = drawn_text(page, UPLOADER)
    assert "realise-octobre.xlsx" in shown and ADD_BUTTON in shown
    assert "KB" not in shown and not [word for word in ENGLISH if word in shown], shown
    screenshot(page, "chrome-donnees-fichier-1280x720")


def test_a_file_dragged_over_the_zone_is_invited_in_french(server, page):
    open_page(page, server, "donnees", (1280, 720))
    page.locator('[data-testid="stFileUploaderDropzone"]').evaluate("""zone => {
        const data = new DataTransfer();
        data.items.add(new File(['x'], 'realise.csv', {type: 'text/csv'}));
        zone.dispatchEvent(new DragEvent('dragenter', {dataTransfer: data, bubbles: true}));
    }""")
    page.wait_for_function("""() => {
        const zone = document.querySelector('[data-testid="stFileUploaderDropzone"]');
        return zone.querySelector('input + div:not([data-testid]) > span') !== null; }""", timeout=5_000)
    shown = drawn_text(page, '[data-testid="stFileUploaderDropzone"] > input + div:not([data-testid])')
    assert shown == DROP_NOW
    screenshot(page, "chrome-donnees-glisser-1280x720")


def test_the_skip_link_is_kept_and_speaks_french(server, page):
    """Streamlit's « Skip to main content » is an accessibility feature: it stays, focusable, pointing at the
    page, and says so in French — after a rerun and on another screen too."""
    open_page(page, server, "canaux", (1280, 720))
    link = page.locator('a[data-testid="stSkipToContent"]')
    assert link.count() == 1 and link.get_attribute("href") == "#stMain"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.testid") == "stSkipToContent"
    assert page.evaluate("document.activeElement.textContent") == "Aller au contenu principal"
    page.get_by_role("link", name="Pipeline").first.click()
    page.wait_for_url("**/pipeline")
    settle(page)
    assert link.text_content() == "Aller au contenu principal"
    assert "Skip" not in page.locator("body").inner_text()


def chart_fonts(page) -> list[str]:
    return page.evaluate("""() => Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"] svg text'))
        .map(text => getComputedStyle(text).fontFamily)""")


@pytest.mark.parametrize("path", ["", "canaux", "pipeline", "actions"])
def test_chart_texts_are_drawn_in_the_app_font(server, page, path):
    open_page(page, server, path, (1920, 1080))
    page.locator('[data-testid="stVegaLiteChart"] svg text').first.wait_for(timeout=30_000)
    fonts = chart_fonts(page)
    assert fonts and all(font.startswith('"Source Sans"') for font in fonts), set(fonts)
    # The same face the page's text uses, loaded (not a fallback such as Arial).
    body = page.evaluate("getComputedStyle(document.querySelector('[data-testid=\"stMain\"] h1')).fontFamily")
    assert body.startswith('"Source Sans"')
    assert page.evaluate("document.fonts.check('13px \"Source Sans\"')")


BUBBLE_GEOMETRY = """chart => {
    const svg = chart.querySelector('svg');
    const rect = element => { const box = element.getBoundingClientRect();
        return {left: box.left, top: box.top, right: box.right, bottom: box.bottom}; };
    const names = []; const seen = new Set();
    for (const text of svg.querySelectorAll('g.mark-text.role-mark text')) {
        const box = rect(text); const key = text.textContent + Math.round(box.left) + Math.round(box.top);
        if (seen.has(key)) continue;  // the white halo under each name
        seen.add(key); names.push({text: text.textContent, ...box});
    }
    const bubbles = Array.from(svg.querySelectorAll('g.mark-symbol.role-mark path')).map(path => {
        const box = rect(path); return {x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2,
                                        r: (box.right - box.left) / 2 - 0.75}; });
    const line = svg.querySelector('g.mark-line.role-mark path');
    const matrix = line.getScreenCTM(); const length = line.getTotalLength();
    const ends = [0, length].map(at => { const p = line.getPointAtLength(at).matrixTransform(matrix);
                                         return {x: p.x, y: p.y}; });
    const legend = Array.from(svg.querySelectorAll('g.role-legend-label text')).map(text => text.textContent);
    return {names, bubbles, line: ends, legend};
}"""


def meets(first: dict, second: dict) -> bool:
    return first["left"] < second["right"] and second["left"] < first["right"] and \
        first["top"] < second["bottom"] and second["top"] < first["bottom"]


def meets_circle(box: dict, circle: dict) -> bool:
    x = min(max(circle["x"], box["left"]), box["right"])
    y = min(max(circle["y"], box["top"]), box["bottom"])
    return (x - circle["x"]) ** 2 + (y - circle["y"]) ** 2 < circle["r"] ** 2


def crosses(box: dict, line: list[dict]) -> bool:
    """Whether the segment passes through the box: the line's height at the box's two edges, clipped to the
    segment, brackets part of the box."""
    (x0, y0), (x1, y1) = (line[0]["x"], line[0]["y"]), (line[1]["x"], line[1]["y"])
    left, right = max(box["left"], min(x0, x1)), min(box["right"], max(x0, x1))
    if left >= right:
        return False
    at = [y0 + (y1 - y0) * (x - x0) / (x1 - x0) for x in (left, right)]
    return min(at) < box["bottom"] and max(at) > box["top"]


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("grouping", ["Par canal", "Par levier"])
def test_bubble_names_meet_no_other_name_no_bubble_and_not_the_break_even_line(server, page, size, grouping):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{server.url}/canaux?axe={grouping.replace(' ', '+')}")
    settle(page)
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.locator("svg g.mark-symbol.role-mark path").first.wait_for(timeout=30_000)
    for bubble_size in ("Nouveaux clients", "Contacts"):
        page.locator('[data-testid="stButtonGroup"]').get_by_text(bubble_size, exact=True).click()
        settle(page)
        page.wait_for_timeout(500)
        geometry = chart.evaluate(BUBBLE_GEOMETRY)
        threshold = next(name for name in geometry["names"] if name["text"].startswith("Seuil de rentabilité"))
        names = [name for name in geometry["names"] if name is not threshold]
        assert names, "the biggest bubbles carry their name"
        for index, name in enumerate(names):
            for other in names[index + 1:] + [threshold]:
                assert not meets(name, other), (name, other)
            assert not crosses(name, geometry["line"]), name
            for bubble in geometry["bubbles"]:
                assert not meets_circle(name, bubble), (name, bubble)
        # Every bubble is named once: on the chart, or in the legend of the others (the size legend's labels
        # are counts).
        in_legend = [label for label in geometry["legend"] if not any(ch.isdigit() for ch in label)]
        assert sorted({name["text"] for name in names} | set(in_legend)) == sorted([name["text"] for name in names]
                                                                                   + in_legend)
        assert len(names) + len(in_legend) == len(geometry["bubbles"])
        slug = f"{grouping.split()[-1]}-{'clients' if bubble_size.startswith('Nouveaux') else 'contacts'}"
        screenshot(page, f"chrome-canaux-{slug}-{size[0]}x{size[1]}")
        chart.scroll_into_view_if_needed()
        chart.screenshot(path=str(SCREENSHOTS / f"chrome-canaux-{slug}-{size[0]}x{size[1]}-graphique.png"))


CUT_IN_CARDS = """() => Array.from(document.querySelectorAll('[data-testid="stMetric"] *'))
    .filter(element => element.textContent.trim() && element.scrollWidth > element.clientWidth + 1)
    .map(element => element.textContent)"""


VALUE_SIZES = """() => Array.from(document.querySelectorAll('[data-testid="stMetricValue"]'))
    .map(value => parseFloat(getComputedStyle(value).fontSize))"""


def test_no_card_cuts_its_figure_or_its_name_at_1280(server, page):
    """Five cards in a row at 1280×720 with the sidebar open: « 1 397 400 € » and « Taux de transformation » are
    whole (Streamlit cut them to « 1 397 … » and « Taux de transf… »); the value's font steps down instead."""
    for path in ("", "canaux", "responsables", "pipeline"):
        open_page(page, server, path, (1280, 720))
        page.locator('[data-testid="stMetric"]').first.wait_for()
        assert page.evaluate(CUT_IN_CARDS) == [], f"/{path}"
    text = main_text(page)
    assert "1\u202f397\u202f400\u00a0€" in text and "Taux de transformation" in text
    assert 20.8 <= min(page.evaluate(VALUE_SIZES)) < 36  # down to 1.3rem: smaller, still a headline figure
    open_page(page, server, "pipeline", (1920, 1080))
    page.locator('[data-testid="stMetric"]').first.wait_for()
    assert page.evaluate(CUT_IN_CARDS) == []
    assert set(page.evaluate(VALUE_SIZES)) == {36.0}  # wide enough: Streamlit's own size


TEXTS_PAST_THEIR_CHART = """() => Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"] svg')).flatMap(svg => {
    const edge = svg.getBoundingClientRect();
    return Array.from(svg.querySelectorAll('text'))
      .filter(text => text.textContent.trim() && !(text.getAttribute('transform') || '').includes('rotate'))
      .filter(text => { const box = text.getBoundingClientRect();
                        return box.width > 0 && (box.right > edge.right + 0.5 || box.left < edge.left - 0.5); })
      .map(text => text.textContent); })"""

WIDEST_BAR_PER_CHART = """() => Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"] svg')).map(svg =>
    Math.max(0, ...Array.from(svg.querySelectorAll('.mark-rect path')).map(bar => bar.getBoundingClientRect().width)))"""


def test_no_chart_text_runs_past_its_chart_and_every_bullet_has_room_at_1280(server, page):
    """At 1280×720 with the sidebar open: the funnel's « 300 opportunités · 2 788 100 € » and the ROI ranking's
    « 613,5 % » are drawn whole, and the Actions page's bullet charts, one per row there, keep their bars (two per
    row, 130 px of names and 240 px of figures left them 0 px)."""
    for path in ("", "canaux", "pipeline", "responsables", "actions"):
        open_page(page, server, path, (1280, 720))
        page.locator('[data-testid="stVegaLiteChart"] svg text').first.wait_for()
        page.wait_for_timeout(500)
        assert page.evaluate(TEXTS_PAST_THEIR_CHART) == [], f"/{path}"
    bars = page.evaluate(WIDEST_BAR_PER_CHART)
    assert len(bars) >= 6 and min(bars) > 300, bars  # every bullet chart of the demo's actions
