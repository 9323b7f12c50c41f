"""The monthly review on the projector: one view filling the screen, nothing else, driven by the keys a clicker
sends. Every size is a multiple of one unit --u (1 % of the height of a 16:9 screen fitted into the window), so a
view laid out once fits at 1280×720, 1920×1080 and 3840×2160 alike; how many rows a list shows is computed here from
those same units, and what does not fit is told (« … et N autres ») rather than scrolled."""

import base64
import html
import json

import streamlit as st
import vl_convert

from pac_core.review import View, numeric_columns

VEGA_LITE = "6.4"
STATUS_WORDS = {"on_track": "✔ En bonne voie", "watch": "⚠ À surveiller", "off_track": "✖ En retard"}

# Heights in units of --u (a screen is 100 high): they decide how many rows fit, so the CSS below uses them too.
PAD, BAR, TITLE, MESSAGE, CARDS, NOTE, GAP = 2.5, 3.2, 5.4, 7.4, 18.0, 2.4, 1.4
LIST_TITLE, ROW, LINE, QUOTE = 3.0, 4.0, 3.6, 3.4
# A card's lines: 2,8 (label) + 6,2 (value) + 2,5 (change) + 4,4 (caption) + 2 × 0,8 (padding) = 17,5 ≤ CARDS with
# its borders: a line squeezed by its card would be cut mid-glyph.
CHART_MIN = 24.0  # a chart below this height says nothing from the back of the room

CSS = f"""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
.st-key-pres_precedente, .st-key-pres_suivante, .st-key-pres_quitter {{ display: none !important; }}
[data-testid="stMain"] {{ overflow: hidden; }}
[data-testid="stMainBlockContainer"] {{ padding: 0 !important; max-width: 100% !important; }}
.pac-pres {{ --u: min(1vh, calc(100vw / 177.78)); position: fixed; inset: 0; z-index: 999990;
  box-sizing: border-box; padding: calc({PAD} * var(--u)) calc(4 * var(--u)); display: flex; flex-direction: column;
  gap: calc({GAP} * var(--u)); background: #FFFFFF; color: #111418; overflow: hidden; }}
.pac-pres * {{ box-sizing: border-box; }}
.pac-pres .pac-clip {{ white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; }}
.pac-pres-bar {{ flex: none; height: calc({BAR} * var(--u)); display: flex; justify-content: space-between;
  gap: calc(3 * var(--u)); font-size: calc(2.1 * var(--u)); line-height: calc({BAR} * var(--u)); color: #33373D; }}
.pac-pres-position {{ flex: none; font-variant-numeric: tabular-nums; }}
.pac-pres h1 {{ flex: none; margin: 0; padding: 0; height: calc({TITLE} * var(--u)); font-size: calc(3.9 * var(--u));
  line-height: calc({TITLE} * var(--u)); font-weight: 700; color: #0A3A78; }}
.pac-pres-message {{ flex: none; margin: 0; height: calc({MESSAGE} * var(--u)); font-size: calc(2.8 * var(--u));
  line-height: calc({MESSAGE / 2} * var(--u)); overflow: hidden; display: -webkit-box; -webkit-line-clamp: 2;
  -webkit-box-orient: vertical; }}
.pac-pres-cards {{ flex: none; height: calc({CARDS} * var(--u)); display: flex; gap: calc(1.6 * var(--u)); }}
.pac-pres-card {{ flex: 1 1 0; min-width: 0; height: 100%; border: 1px solid #C4C8CF;
  border-left: calc(0.9 * var(--u)) solid #C4C8CF; border-radius: calc(0.8 * var(--u));
  padding: calc(0.8 * var(--u)) calc(1.4 * var(--u)); display: flex; flex-direction: column; }}
.pac-pres-card > * {{ flex: none; }}
.pac-pres-card-top {{ display: flex; justify-content: space-between; gap: calc(1 * var(--u));
  height: calc(2.8 * var(--u)); line-height: calc(2.8 * var(--u)); font-size: calc(2 * var(--u)); color: #33373D; }}
.pac-pres-card-top .pac-clip {{ flex: 1; }}
.pac-pres-badge {{ flex: none; font-weight: 700; }}
.pac-pres-value {{ height: calc(6.2 * var(--u)); line-height: calc(6.2 * var(--u)); font-size: calc(4.4 * var(--u));
  font-weight: 700; font-variant-numeric: tabular-nums; }}
.pac-pres-delta {{ height: calc(2.5 * var(--u)); line-height: calc(2.5 * var(--u)); font-size: calc(1.75 * var(--u)); }}
.pac-pres-caption {{ height: calc(4.4 * var(--u)); line-height: calc(2.2 * var(--u)); font-size: calc(1.7 * var(--u));
  color: #33373D; overflow: hidden; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; }}
.pac-pres-card.on_track {{ border-left-color: #1E7B34; background: #EEF7F0; }}
.pac-pres-card.watch {{ border-left-color: #B26A00; background: #FFF6E0; }}
.pac-pres-card.off_track {{ border-left-color: #C62828; background: #FDEDED; }}
.on_track .pac-pres-badge {{ color: #0E4A1C; }}
.watch .pac-pres-badge {{ color: #5C3500; }}
.off_track .pac-pres-badge {{ color: #7A1111; }}
.pac-pres-body {{ flex: 1; min-height: 0; display: flex; flex-direction: column; gap: calc({GAP} * var(--u)); }}
.pac-pres-list-title {{ flex: none; height: calc({LIST_TITLE} * var(--u)); line-height: calc({LIST_TITLE} * var(--u));
  font-size: calc(2.1 * var(--u)); font-weight: 700; }}
.pac-pres table {{ flex: none; width: 100%; table-layout: fixed; border-collapse: collapse; font-size: calc(2 * var(--u)); }}
.pac-pres th, .pac-pres td {{ height: calc({ROW} * var(--u)); line-height: calc({ROW} * var(--u) - 1px); padding: 0 calc(0.8 * var(--u));
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; text-align: left; border-bottom: 1px solid #D5D8DD; }}
.pac-pres th {{ color: #33373D; font-weight: 700; }}
.pac-pres th.num, .pac-pres td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
.pac-pres ul {{ flex: none; margin: 0; padding: 0 0 0 calc(2.5 * var(--u)); font-size: calc(2.3 * var(--u)); }}
.pac-pres li {{ height: calc({LINE} * var(--u)); line-height: calc({LINE} * var(--u)); }}
.pac-pres-more {{ flex: none; height: calc({LINE} * var(--u)); line-height: calc({LINE} * var(--u));
  font-size: calc(2 * var(--u)); color: #33373D; font-style: italic; }}
.pac-pres-quote {{ flex: none; height: calc({QUOTE} * var(--u)); line-height: calc({QUOTE} * var(--u));
  font-size: calc(2.3 * var(--u)); font-style: italic; }}
.pac-pres-chart {{ flex: 1; min-height: 0; display: flex; justify-content: center; }}
.pac-pres-chart img {{ max-width: 100%; max-height: 100%; object-fit: contain; }}
.pac-pres-notes {{ flex: none; font-size: calc(1.7 * var(--u)); color: #33373D; }}
.pac-pres-notes div {{ height: calc({NOTE} * var(--u)); line-height: calc({NOTE} * var(--u)); }}
</style>"""

# Our own constant script (no data in it), kept once per browser tab (the review page injects it in both modes): the
# keys a projector's clicker sends press the view's hidden buttons (a rerun of this session: the filters and the month
# stay as they are). Keys typed into a field are left alone; outside presentation mode (no .pac-pres) nothing happens.
KEYS_SCRIPT = """<script>
(function () {
  if (window.__pacPresentation) { return; }
  window.__pacPresentation = true;
  var actions = {ArrowRight: "suivante", PageDown: "suivante", ArrowLeft: "precedente", PageUp: "precedente",
                 Escape: "quitter"};
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (target && (/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable)) { return; }
    if (!document.querySelector(".pac-pres")) { return; }
    var action = actions[event.key];
    if (!action) { return; }
    event.preventDefault();
    if (action === "quitter" && document.fullscreenElement) { document.exitFullscreen(); return; }  // then below
    var button = document.querySelector(".st-key-pres_" + action + " button");
    if (button) { button.click(); }
  }, true);
  // « Mode présentation » also asks the browser for full screen (a click is the gesture it requires); leaving full
  // screen (Échap, which the browser keeps for itself then) leaves presentation mode too.
  document.addEventListener("click", function (event) {
    var root = document.documentElement;
    if (event.target.closest && event.target.closest(".st-key-presenter button") && root.requestFullscreen
        && !document.fullscreenElement) { root.requestFullscreen().catch(function () {}); }
  }, true);
  document.addEventListener("fullscreenchange", function () {
    var button = document.querySelector(".st-key-pres_quitter button");
    if (!document.fullscreenElement && document.querySelector(".pac-pres") && button) { button.click(); }
  });
})();
</script>"""


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _clip(text, tag: str = "div", extra: str = "") -> str:
    """One line, ellipsised when too long, the whole text in its tooltip."""
    return f'<{tag} class="pac-clip{(" " + extra) if extra else ""}" title="{_e(text)}">{_e(text)}</{tag}>'


def _more(hidden: int) -> str:
    return (f'<div class="pac-pres-more pac-clip">… et {hidden} autre{"s" if hidden > 1 else ""}</div>'
            if hidden > 0 else "")


def _shown(count: int, room: int) -> int:
    """Items shown of `count` in `room` lines: all when they fit, else one line fewer for « … et N autres »."""
    return count if count <= room else max(room - 1, 0)


def _table(frame, room: float) -> tuple[str, float]:
    """The table's rows that fit in `room` units (header included), and the height used."""
    rows = int((room - ROW) // ROW)
    if frame is None or not len(frame) or rows < 1:
        return "", 0.0
    shown = _shown(len(frame), rows)
    numeric = numeric_columns(frame)
    head = "".join(f'<th class="{"num" if flag else ""}" title="{_e(name)}">{_e(name)}</th>'
                   for name, flag in zip(frame.columns, numeric))
    body = "".join("<tr>" + "".join(f'<td class="{"num" if flag else ""}" title="{_e(value)}">{_e(value)}</td>'
                                    for value, flag in zip(values, numeric)) + "</tr>"
                   for values in frame.head(shown).itertuples(index=False))
    more = _more(len(frame) - shown)
    weights = [min(max(len(str(name)), *(len(str(value)) for value in frame[name].head(shown)), 6), 32)
               for name in frame.columns]  # long names get the room, short figures what they need
    columns = "".join(f'<col style="width:{100 * weight / sum(weights):.2f}%">' for weight in weights)
    return f"<table><colgroup>{columns}</colgroup><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}", ROW * (shown + 1) + (
        LINE + GAP if more else 0)


def _lines(lines, room: float) -> tuple[str, float]:
    rows = int(room // LINE)
    if not lines or rows < 1:
        return "", 0.0
    shown = _shown(len(lines), rows)
    items = "".join(_clip(line, "li") for line in lines[:shown])
    more = _more(len(lines) - shown)
    return f"<ul>{items}</ul>{more}", LINE * shown + (LINE + GAP if more else 0)


@st.cache_data(max_entries=48, show_spinner=False)
def _svg(spec_json: str) -> str | None:
    """The chart drawn by vl-convert as SVG (it scales to any screen without blur); None if it cannot be drawn."""
    try:
        return vl_convert.vegalite_to_svg(json.loads(spec_json), vl_version=VEGA_LITE)
    except Exception:  # noqa: BLE001 - a chart that fails to draw must not cost the meeting its view
        return None


def _chart(chart, room: float, width_u: float = 169.0) -> str:
    """The chart as an image sized for `room` units of height, or nothing when there is no room for it."""
    if chart is None or room < CHART_MIN:
        return ""
    try:
        spec = chart.to_dict()
    except Exception:  # noqa: BLE001
        return ""
    scale = 7.0  # chart pixels per unit: labels drawn at the chart's own sizes read large on the screen
    spec["width"], spec["height"] = int(width_u * scale * 0.8), int((room - 6) * scale)  # axes and legend take room
    spec.setdefault("config", {})
    spec["background"] = "#FFFFFF"
    svg = _svg(json.dumps(spec, sort_keys=True, default=str))
    if svg is None:
        return ""
    data = base64.b64encode(svg.encode()).decode()
    return f'<div class="pac-pres-chart"><img alt="Graphique de la vue" src="data:image/svg+xml;base64,{data}"></div>'


def _cards(view: View) -> str:
    statuses = list(view.card_statuses) + [None] * (len(view.cards) - len(view.card_statuses))
    tiles = []
    for card, status in zip(view.cards, statuses):
        badge = f'<span class="pac-pres-badge">{_e(STATUS_WORDS[status])}</span>' if status in STATUS_WORDS else ""
        delta = _clip(card.delta, extra="pac-pres-delta") if card.delta else '<div class="pac-pres-delta"></div>'
        tiles.append(f'<div class="pac-pres-card {status or "no-goal"}" data-status="{status or ""}">'
                     f'<div class="pac-pres-card-top">{_clip(card.label, "span")}{badge}</div>'
                     f'{_clip(card.value, extra="pac-pres-value")}{delta}'
                     f'<div class="pac-pres-caption pac-clip-lines" title="{_e(card.caption)}">{_e(card.caption)}</div>'
                     "</div>")
    return f'<div class="pac-pres-cards">{"".join(tiles)}</div>'


def slide_html(view: View, number: int, count: int, heading: str) -> str:
    """One view, full screen: the bar (review, month, filters · « 3 / 6 »), title, message, cards, the list or
    table that fits, the chart in the room left, the notes."""
    notes = [note for note in view.notes if note]
    room = 100 - 2 * PAD - (BAR + GAP) - (TITLE + GAP) - (MESSAGE + GAP) - (CARDS + GAP if view.cards else 0)
    room -= (NOTE * len(notes) + GAP) if notes else 0
    parts = []
    if view.lines:
        lines_room = room - LIST_TITLE - GAP - (QUOTE + GAP if view.quote else 0)
        if view.table is not None and len(view.table):
            lines_room = min(lines_room, LINE * (len(view.lines) + 1))
            lines_room = max(lines_room, LINE * 3)
        block, used = _lines(list(view.lines), lines_room)
        parts.append(_clip(view.lines_title, extra="pac-pres-list-title") + block)
        room -= LIST_TITLE + GAP + used + GAP
    if view.quote:
        parts.append(_clip(f"{view.quote_title} — « {view.quote} »", extra="pac-pres-quote"))
        room -= QUOTE + GAP
    if view.table is not None and len(view.table):
        table_room = room - LIST_TITLE - GAP - (CHART_MIN + GAP if view.chart is not None else 0)
        if view.chart is not None and table_room < ROW * 3:
            table_room = room - LIST_TITLE - GAP  # the table is the message: the chart goes first
        block, used = _table(view.table, table_room)
        if block:
            parts.append(_clip(view.table_title, extra="pac-pres-list-title") + block)
            room -= LIST_TITLE + GAP + used + GAP
    parts.append(_chart(view.chart, room))
    notes_html = ('<div class="pac-pres-notes">' + "".join(_clip(note) for note in notes) + "</div>") if notes else ""
    return (f'<div class="pac-pres" data-view="{_e(view.key)}" role="region" aria-label="Présentation">'
            f'<div class="pac-pres-bar">{_clip(heading, "span")}'
            f'<span class="pac-pres-position">{number} / {count}</span></div>'
            f'{_clip(view.title, "h1")}<p class="pac-pres-message pac-clip-lines" title="{_e(view.message)}">{_e(view.message)}</p>'
            f'{_cards(view) if view.cards else ""}<div class="pac-pres-body">{"".join(parts)}</div>{notes_html}</div>')
