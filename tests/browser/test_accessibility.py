"""Accessibility checked by a machine (issue 18, build 8), on the demo at 1280×720: axe-core on every screen, every
wall slide and every view of the review's presentation mode, failing on any "serious" or "critical" violation
(each printed with its rule, impact, help and first elements). Text contrast: 4.5:1 on the screens (axe's
color-contrast), 7:1 on the wall and in presentation mode (axe's color-contrast-enhanced, enabled there only, and
our own measure where axe cannot see the text). Every control of a screen is reached with the Tab key.
ui/a11y.py's additions are checked on a real screen until app.py calls them."""

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from pac_core import wall
from pac_core.review import VIEWS
from tests.browser.conftest import screenshot, settle, wait_for_app

ROOT = Path(__file__).resolve().parents[2]
SCREENS = ["", *re.findall(r'url_path="([^"]+)"', (ROOT / "app.py").read_text(encoding="utf-8"))]
WALL = "mural"
BLOCKING = {"serious", "critical"}
AXE = Axe()

# Violations the app cannot remove, each excused by rule AND by a CSS selector the flagged element must match
# (never a whole rule for the whole page): (rule id, selector, why). Everything else on the page is checked.
EXCUSED = [
    # st.metric(chart_data=…) (the overview's cards): Streamlit's own Vega spec for the sparkline draws its
    # highlighted last point as role="graphics-symbol" with no aria-label, and st.metric has no parameter to name
    # it. The card's value and delta, read just before, say what the point shows.
    ("svg-img-alt", '[data-testid="stMetric"] [class*="_highlighted_points_marks"]',
     "Streamlit's st.metric sparkline point: no accessible name, no option to give it one"),
    # The uploader's button: Streamlit writes « Upload » (no translation in 1.67); ui/chrome.py hides it and draws
    # « Parcourir » with ::after. Chromium's accessibility tree names the button « Parcourir » (checked below by
    # test_the_uploader_button_is_named_parcourir_for_screen_readers), but axe-core 4.12 leaves CSS-generated
    # content out of a name and reports "no discernible text".
    ("button-name", '[data-testid="stFileUploaderDropzone"] button',
     "axe ignores the ::after text ui/chrome.py gives Streamlit's uploader button"),
]
MATCHES = """([target, selector]) => { const el = document.querySelector(target); return !!el && el.matches(selector); }"""


def _excused(page, violation: dict, node: dict) -> bool:
    if any(not isinstance(part, str) for part in node["target"]) or len(node["target"]) != 1:
        return False  # inside a frame or a shadow root: never excused
    return any(violation["id"] == rule and page.evaluate(MATCHES, [node["target"][0], selector])
               for rule, selector, _ in EXCUSED)


def _short(node: dict) -> str:
    """The end of axe's selector: Streamlit's generated class chains make the full one unreadable."""
    selector = " ".join(map(str, node["target"]))
    return " > ".join(selector.split(" > ")[-3:])


def blocking_violations(page, enhanced_contrast: bool = False) -> list[str]:
    """axe's serious and critical findings on the page, one readable line per rule (minus the excused nodes)."""
    options = {"resultTypes": ["violations"]}
    if enhanced_contrast:
        options["rules"] = {"color-contrast-enhanced": {"enabled": True}}
    results = AXE.run(page, options=options)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] not in BLOCKING:
            continue
        nodes = [node for node in violation["nodes"] if not _excused(page, violation, node)]
        if not nodes:
            continue
        targets = "\n    ".join(f"{_short(node)}  {node['html'][:120]}" for node in nodes[:4])
        why = " ".join(nodes[0].get("failureSummary", "").split())[:240]
        found.append(f"{violation['id']} [{violation['impact']}] {violation['help']} ({len(nodes)} élément(s); "
                     f"{why})\n    {targets}")
    return found


# Every visible, enabled control a keyboard user must reach: in the main area and in the sidebar.
CONTROLS = """() => {
  const selector = 'button, input:not([type=hidden]), select, textarea, a[href], summary, [role=combobox],'
                 + ' [role=tab][aria-selected=true], [role=switch], [role=checkbox], [role=radio]';
  const roots = [...document.querySelectorAll('[data-testid="stMain"], [data-testid="stSidebar"]')];
  const seen = [];
  let n = 0;
  for (const root of roots) {
    for (const el of root.querySelectorAll(selector)) {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden' || el.disabled) continue;
      if (el.closest('[aria-hidden=true], [inert]')) continue;
      if (el.getAttribute('tabindex') === '-1') continue;
      if (el.matches('[role=radio]') && el.getAttribute('aria-checked') !== 'true'
          && el.closest('[role=radiogroup]')?.querySelector('[aria-checked=true]')) continue;  // arrows move
      if (el.matches('input[type=radio]') && !el.checked && el.closest('[role=radiogroup]')
          ?.querySelector('input[type=radio]:checked')) continue;  // one Tab stop per radio group
      el.dataset.a11yControl = String(n++);
      seen.push(el);
    }
  }
  window.__a11yReached = new Set();
  document.addEventListener('focusin', (event) => {
    const hit = event.target.closest('[data-a11y-control]');
    if (hit) window.__a11yReached.add(hit.dataset.a11yControl);
  }, true);
  return seen.map((el) => ({id: el.dataset.a11yControl,
    label: (el.getAttribute('aria-label') || el.innerText || el.getAttribute('placeholder') || el.name
            || el.tagName).trim().slice(0, 60), tag: el.tagName.toLowerCase()}));
}"""


def unreachable_controls(page, max_presses: int = 250) -> tuple[list[dict], list[str]]:
    """Tab from the top of the page until every control was reached or `max_presses` ran out; returns the
    controls never focused and the controls found."""
    controls = page.evaluate(CONTROLS)
    page.evaluate("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }")
    page.locator("body").focus()
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        reached = page.evaluate("() => window.__a11yReached.size")
        if reached >= len(controls):
            break
    reached = set(page.evaluate("() => [...window.__a11yReached]"))
    return [control for control in controls if control["id"] not in reached], controls


# axe finds no text to check on the wall: the slide is a fixed layer inside Streamlit's zero-height HTML block, so
# axe's isVisibleOnScreen (4.12) calls every element inside it "not on screen" and color-contrast comes back
# "inapplicable" (measured: 0 passes, 0 violations). This measures WCAG's ratio itself on every element that holds
# text: its colour over the stacked background colours of its ancestors. AAA: 7:1, or 4.5:1 for large text
# (24 px and more, or 18.66 px bold).
CONTRASTS = """(root) => {
  const rgba = (css) => { const p = css.match(/[\\d.]+/g).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, under) => under.map((v, i) => top[i] * top[3] + v * (1 - top[3]));
  const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
                       return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const background = (el) => { const layers = [];
    for (let e = el; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
    return layers.reverse().reduce((under, layer) => over(layer, under), [255, 255, 255]); };
  const found = [];
  for (const el of document.querySelectorAll(root + ' *')) {
    const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
    const style = getComputedStyle(el);
    if (!text || style.visibility === 'hidden' || !el.getClientRects().length) continue;
    const back = background(el), fore = over(rgba(style.color), back);
    const [light, dark] = [lum(fore), lum(back)].sort((a, b) => b - a);
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    found.push({text: text.slice(0, 40), ratio: Math.round((light + 0.05) / (dark + 0.05) * 100) / 100,
                needed: size >= 24 || (bold && size >= 18.66) ? 4.5 : 7, color: style.color, px: size});
  }
  return found;
}"""


def low_contrast(page, root: str) -> list[dict]:
    """Text under `root` below WCAG AAA; fails the test if no text at all was measured (a check of nothing)."""
    measured = page.evaluate(CONTRASTS, root)
    assert len(measured) >= 3, f"no text measured under {root}"
    return [item for item in measured if item["ratio"] < item["needed"]]


def open_screen(page, url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(url)
    settle(page)
    page.wait_for_timeout(800)  # download buttons, charts and tables arrive just after the run
    wait_for_app(page)


ENGLISH_NAMES = re.compile(r"\b(Help|Collapse|Expand|Sidebar|Download|Fullscreen|Search|Show|Choose|Link to|Open|"
                           r"Close|Clear|Copy|Add files|visualization|pages|Skip)\b")

ENGLISH_NAMES_JS = """() => Array.from(document.querySelectorAll('[aria-label]'))
    .map(element => element.getAttribute('aria-label'))
    .concat([document.querySelector('a[data-testid="stSkipToContent"]')?.textContent || ''])"""


@pytest.mark.parametrize("url_path", [path for path in SCREENS if path != WALL])
def test_every_screen_passes_axe_is_reachable_by_tab_and_names_nothing_in_english(server, page, url_path):
    """On every screen at 1280×720: no serious or critical axe violation; every control reached with Tab; and
    nothing a screen reader says is Streamlit's English (« Collapse sidebar », « Help for … », « Download as CSV »)."""
    open_screen(page, f"{server.url}/{url_path}")
    screenshot(page, f"a11y-{url_path or 'vue-ensemble'}-1280x720")
    found = blocking_violations(page)
    assert not found, f"/{url_path}:\n" + "\n".join(found)
    names = page.evaluate(ENGLISH_NAMES_JS)
    assert len(names) >= 5, names  # the check reads real names
    assert [name for name in names if ENGLISH_NAMES.search(name)] == [], f"/{url_path}"
    missed, controls = unreachable_controls(page)
    assert len(controls) >= 2, f"/{url_path}: no controls found, the check would prove nothing"
    assert not missed, f"/{url_path}: never reached with Tab: {missed}"


@pytest.mark.parametrize("slide", list(wall.SLIDES))
def test_every_wall_slide_meets_the_enhanced_contrast(server, page, slide):
    """The wall is read from across a room: AAA contrast (7:1) on top of the serious/critical rules."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{server.url}/{WALL}?embed=true&ecrans={slide}&duree=600")
    wait_for_app(page)
    page.wait_for_selector(".pac-wall .pac-headline", timeout=30_000)
    page.wait_for_timeout(800)
    screenshot(page, f"a11y-mural-{slide}-1280x720")
    found = blocking_violations(page, enhanced_contrast=True)
    assert not found, f"mural/{slide}:\n" + "\n".join(found)
    assert low_contrast(page, ".pac-wall") == []


@pytest.mark.parametrize("view", list(VIEWS))
def test_every_view_of_the_presentation_mode_meets_the_enhanced_contrast(server, page, view):
    """The review projected in a meeting room: AAA contrast (7:1), like the wall."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{server.url}/revue?presentation=oui&vue={view}")
    settle(page)
    page.wait_for_selector(".pac-pres", timeout=30_000)
    page.wait_for_timeout(800)
    screenshot(page, f"a11y-presentation-{view}-1280x720")
    found = blocking_violations(page, enhanced_contrast=True)
    assert not found, f"presentation/{view}:\n" + "\n".join(found)
    assert low_contrast(page, ".pac-pres") == []


def test_the_checker_catches_a_low_contrast_text_and_an_unlabelled_button(server, page):
    """The checks above can fail: grey-on-white text and an icon button without a name are reported."""
    open_screen(page, f"{server.url}/")
    page.evaluate("""() => {
      const main = document.querySelector('[data-testid="stMain"]');
      const bad = document.createElement('div');
      bad.innerHTML = '<p style="color:#BBBBBB;background:#FFFFFF">texte trop pâle</p><button></button>';
      main.prepend(bad);
    }""")
    found = " ".join(blocking_violations(page))
    assert "color-contrast" in found and "button-name" in found
    page.evaluate("""() => { const pale = document.createElement('div');
      pale.className = 'pac-pale'; pale.style.background = '#0B0F14';
      pale.innerHTML = '<span style="color:#8A8F99;font-size:16px">gris sur noir</span><span style="color:#F2F4F8">lu</span>'
                     + '<span style="color:#F2F4F8">blanc</span>';
      document.querySelector('[data-testid="stMain"]').prepend(pale); }""")
    assert [item["text"] for item in low_contrast(page, ".pac-pale")] == ["gris sur noir"]  # 5.9:1 < 7:1
    missed, controls = unreachable_controls(page, max_presses=1)  # one press cannot reach every control
    assert len(missed) >= len(controls) - 1 >= 1


def test_the_uploader_button_is_named_parcourir_for_screen_readers(server, page):
    """The one button-name violation excused above is real only if the name is missing where it counts: in
    Chromium's own accessibility tree (what a screen reader reads), the uploader's button is « Parcourir »."""
    open_screen(page, f"{server.url}/donnees")
    page.locator('[data-testid="stFileUploaderDropzone"] button').wait_for()
    tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    names = [node.get("name", {}).get("value") for node in tree if node.get("role", {}).get("value") == "button"]
    assert "Parcourir" in names and "Upload" not in names, names


FOCUS_STYLE = """() => { const e = document.activeElement, s = getComputedStyle(e);
  return {tag: e.tagName, inNav: !!e.closest('[data-testid="stSidebarNav"]'), outline: s.outlineStyle,
          width: s.outlineWidth, color: s.outlineColor}; }"""


def test_ui_a11y_gives_the_sidebar_links_a_focus_ring_and_the_page_its_french_language(server, page):
    """What ui/a11y.apply() adds, put on a real screen: Tab onto the sidebar's page links shows a 3-px ring in the
    theme's red, and <html lang> says French (Streamlit's own says "en")."""
    from ui import a11y

    open_screen(page, f"{server.url}/actions")
    page.add_style_tag(content=a11y.CSS.removeprefix("<style>").removesuffix("</style>"))
    page.evaluate(f"() => {{ {a11y.LANG_JS} }}")
    assert page.evaluate("() => document.documentElement.lang") == "fr"
    page.locator("body").focus()
    for _ in range(3):  # skip link, then the first page links of the sidebar
        page.keyboard.press("Tab")
    focused = page.evaluate(FOCUS_STYLE)
    assert focused["inNav"] and focused["tag"] == "A", focused
    assert (focused["outline"], focused["width"], focused["color"]) == ("solid", "3px", "rgb(180, 35, 24)")
    screenshot(page, "a11y-focus-ring-sidebar-1280x720")


PROBE = """import sys
sys.path.insert(0, {root!r})
import streamlit as st
from ui import a11y
a11y.apply()
st.title("Sonde")
"""


def test_ui_a11y_apply_through_streamlit_sets_french_and_takes_no_room(tmp_path, page):
    """apply() itself, run by Streamlit (its st.html script really runs): <html lang="fr"> and the title sits
    where it sits without apply(): the script's block takes no slot."""
    import subprocess
    import sys
    import urllib.request

    from tests.browser.conftest import _free_port

    tops = {}
    for applied in (True, False):
        script = tmp_path / f"sonde_{applied}.py"
        body = PROBE.format(root=str(ROOT))
        script.write_text(body if applied else body.replace("a11y.apply()\n", ""), encoding="utf-8")
        port = _free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
             "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
            cwd=tmp_path, stdout=(tmp_path / "sonde.log").open("w"), stderr=subprocess.STDOUT)
        try:
            for _ in range(200):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
                    break
                except OSError:
                    page.wait_for_timeout(300)
            page.goto(f"http://127.0.0.1:{port}/")
            settle(page)
            page.locator("h1").wait_for()
            page.wait_for_timeout(500)
            tops[applied] = page.evaluate("() => document.querySelector('h1').getBoundingClientRect().top")
            lang = page.evaluate("() => document.documentElement.lang")
            assert lang == ("fr" if applied else "en"), (applied, lang)
        finally:
            process.terminate()
            process.wait(timeout=10)
    assert tops[True] == tops[False], tops
