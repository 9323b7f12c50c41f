"""Accessibility fixes Streamlit's theme cannot make: `apply()` is meant to be called by app.py once per run, before
the page (app.py does not call it yet: that line is for app.py's owner to add).

Contrast is the theme's job (.streamlit/config.toml); this adds what the theme has no option for, each measured in
tests/browser/test_accessibility.py:
- a visible keyboard focus ring on the sidebar's page links, heading anchors and expanders: Streamlit 1.67 draws
  none on them (measured: outline "none", no box-shadow), so a keyboard user Tabbing through the sidebar cannot
  see where they are (WCAG 2.4.7);
- the page's language: Streamlit writes <html lang="en">, so a screen reader reads our French with an English
  voice (WCAG 3.1.1)."""

import streamlit as st

FOCUS_COLOUR = "#B42318"  # the theme's primaryColor: 6.6:1 on white, 5.9:1 on the sidebar's grey

CSS = f"""<style>
[data-testid="stSidebarNav"] a:focus-visible, [data-testid="stSidebar"] a:focus-visible,
[data-testid="stMain"] a:focus-visible, [data-testid="stMain"] summary:focus-visible {{
  outline: 3px solid {FOCUS_COLOUR} !important; outline-offset: 2px; border-radius: 0.25rem; }}
/* The language script's block draws nothing: no empty slot (and its gap) at the top of every page */
[data-testid="stElementContainer"]:has(.pac-a11y-lang) {{ display: none; }}
</style>"""

# Our own constant script, no data in it: set once, Streamlit never writes the attribute again. The span marks
# its block for the CSS above.
LANG_JS = 'if (document.documentElement.lang !== "fr") { document.documentElement.lang = "fr"; }'
LANG_SCRIPT = f'<span class="pac-a11y-lang" hidden></span><script>{LANG_JS}</script>'


def apply() -> None:
    """Add the focus ring and the page's language to every screen (a style and a script, nothing drawn)."""
    st.html(CSS)
    st.html(LANG_SCRIPT, unsafe_allow_javascript=True)
