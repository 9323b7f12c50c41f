"""Streamlit's own chrome in French. Streamlit 1.67 has no translation of its widgets, so the English texts the
uploader draws (« Upload », « 50MB per file », « Drag and drop files here », a file's « 4.9KB ») are hidden with
CSS on its stable data-testid selectors and our French is drawn in their place with ::after. Generated content
counts in the accessible name (Chromium, Firefox), and `display: none` takes the English text out of it, so a
screen reader reads the French; nothing focusable is hidden.

The skip link « Skip to main content » is a bare text node, which CSS can only shrink, not take out of the
accessible name: ui/a11y.py's script rewrites its text in French instead (« Aller au contenu principal »).

`apply()` is called by app.py on every page (and by the Données screen, which has the uploader: twice is harmless).
`table` and `text_dataframe` right-align the figures of a table, as a spreadsheet does.
"""

import re

import pandas as pd
import streamlit as st

from ui.widgets import plain_frame, plain_table

UPLOAD_BUTTON = "Parcourir"
ADD_BUTTON = "Ajouter"  # the « + » beside deposited files (ui/a11y.py turns its aria-label « Add files » French)
DROP_HINT = "ou glissez-déposez vos fichiers ici"
DROP_NOW = "Déposez vos fichiers ici"

_DROPZONE = '[data-testid="stFileUploaderDropzone"]'
_BUTTON_TEXT = f'{_DROPZONE} button [data-testid="stMarkdownContainer"]'
# The button's inner label span: it holds the icon and the text; Streamlit marks it with data-has-shortcut.
_BUTTON_LABEL = f"{_DROPZONE} button span[data-has-shortcut]"
# Its name is « Add files » until ui/a11y.py's script makes it « Ajouter des fichiers »: either way.
_ADD_LABEL = (f'{_DROPZONE} button:is([aria-label="Add files"], [aria-label="Ajouter des fichiers"]) '
              'span[data-has-shortcut]')
_INSTRUCTIONS = f'{_DROPZONE} [data-testid="stFileUploaderDropzoneInstructions"]'
# While a file is dragged over the zone, Streamlit adds an overlay right after the hidden input, with no test id.
_DRAG_OVERLAY = f'{_DROPZONE} > input + div:not([data-testid]) > span'
# A deposited file's chip: its name, then its size in English units (« 4.9KB »): the size is left out.
_CHIP_SIZE = '[data-testid="stFileChipName"] + *'


# A row of five metric cards at 1280 px leaves each about 120 px: Streamlit cut « 1 397 400 € » to « 1 397 … » and
# « Taux de transformation » to « Taux de transf… ». Each card is a size container: its value's font steps down
# when the card is narrow (never below 1.3rem), and its label wraps instead of being cut.
METRIC_FIT = """[data-testid="stMetric"] { container-type: inline-size; }
@container (max-width: 13rem) { [data-testid="stMetricValue"] { font-size: 1.75rem; } }
@container (max-width: 10rem) { [data-testid="stMetricValue"] { font-size: 1.3rem; } }
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
"""

# Rows of cards inside `st.container(key=CARD_GRID_KEY)` wrap to one card per row when a card would be narrower
# than 34rem: the Actions page's bullet charts (130 px of names, 240 px of figures) had 0 px left for their bars in
# the two 400-px cards of a 1280-px screen. At 1920 px two cards still sit side by side.
CARD_GRID_KEY = "pac-card-grid"
CARD_GRID = f""".st-key-{CARD_GRID_KEY} [data-testid="stHorizontalBlock"] {{ flex-wrap: wrap; }}
.st-key-{CARD_GRID_KEY} [data-testid="stHorizontalBlock"] > [data-testid="stColumn"] {{ min-width: min(34rem, 100%); }}
"""


def _quoted(text: str) -> str:
    """A CSS string: our texts have no quote or backslash, which is checked rather than escaped."""
    if '"' in text or "\\" in text:
        raise ValueError(f"no quote or backslash in a CSS text: {text!r}")
    return f'"{text}"'


def css() -> str:
    """The style sheet: English nodes out of sight and of the accessibility tree, the French drawn instead."""
    return f"""
{_BUTTON_TEXT} {{ display: none; }}
{_BUTTON_LABEL}::after {{ content: {_quoted(UPLOAD_BUTTON)}; }}
{_ADD_LABEL}::after {{ content: {_quoted(ADD_BUTTON)}; }}
{_INSTRUCTIONS} span {{ display: none; }}
{_INSTRUCTIONS}::after {{ content: {_quoted(DROP_HINT)}; font-size: 0.875rem; }}
{_DRAG_OVERLAY} {{ font-size: 0; }}
{_DRAG_OVERLAY}::after {{ content: {_quoted(DROP_NOW)}; font-size: 1rem; }}
{_CHIP_SIZE} {{ display: none; }}
{METRIC_FIT}{CARD_GRID}"""


def apply() -> None:
    """Put the style sheet on the page: a style-only st.html goes to Streamlit's event container, so it takes no
    room in the layout (not even in the wall's)."""
    st.html(f"<style>{css()}</style>")


# A figure as this app writes it: optional sign, digits grouped by spaces (NNBSP, NBSP), optional decimals, then
# an optional unit (€, %, a multiplier ×); « — » is a missing ratio, still a figure's cell.
_FIGURE = re.compile(r"^[−+-]?\d[\d \u202f\u00a0]*(?:[,.]\d+)?(?:[ \u202f\u00a0]?(?:€|%|×|k€))?$")
_MISSING = {"", "—", "–", "-"}


def numeric_columns(frame: pd.DataFrame) -> list[str]:
    """The columns whose every cell is a number or a figure written in French (« 14 450 € », « −30,0 % »,
    « — »), with at least one real figure: those read right-aligned, units under units, like a spreadsheet."""
    found = []
    for name in frame.columns:
        cells = ["" if pd.isna(cell) else str(cell).strip() for cell in frame[name]]
        figures = [cell for cell in cells if cell not in _MISSING]
        if figures and all(_FIGURE.match(cell) for cell in figures):
            found.append(name)
    return found


def table(frame: pd.DataFrame, **options) -> None:
    """widgets.plain_table (every cell escaped, long texts wrapped) with its figure columns right-aligned,
    headings included (!important: st.table writes an inline text-align on every cell)."""
    numeric = numeric_columns(frame)
    if not numeric or frame.size > pd.get_option("styler.render.max_elements"):  # Streamlit refuses a larger Styler
        plain_table(frame, **options)
        return
    positions = [frame.columns.get_loc(name) for name in numeric]
    styler = plain_frame(frame).style.set_properties(subset=numeric, **{"text-align": "right !important"})
    styler = styler.set_table_styles([{"selector": f"th.col{position}", "props": "text-align: right !important;"}
                                      for position in positions])
    st.table(styler, **{"hide_index": True, "border": "horizontal", **options})


def right_aligned(frame: pd.DataFrame, config: dict | None = None) -> dict:
    """st.dataframe's column_config with the figure columns right-aligned (a TextColumn is left-aligned)."""
    config = dict(config or {})
    for name in numeric_columns(frame):
        config[name] = {**(config.get(name) or st.column_config.Column()), "alignment": "right"}
    return config


def text_dataframe(frame: pd.DataFrame, widths: dict, key: str) -> None:
    """widgets.text_dataframe (cells as text, sortable, long columns given room) with its figures right-aligned."""
    config = {name: st.column_config.TextColumn(width=width) for name, width in widths.items() if name in frame}
    st.dataframe(frame, hide_index=True, width="stretch", key=key, column_config=right_aligned(frame, config))
