"""Accessibility fixes Streamlit's theme cannot make: app.py calls `apply()` once per run, before the page.

Contrast is the theme's job (.streamlit/config.toml); this adds what the theme has no option for, each measured in
tests/browser/test_accessibility.py:
- a visible keyboard focus ring on the sidebar's page links, heading anchors and expanders: Streamlit 1.67 draws
  none on them (measured: outline "none", no box-shadow), so a keyboard user Tabbing through the sidebar cannot
  see where they are (WCAG 2.4.7);
- the page's language: Streamlit writes <html lang="en">, so a screen reader reads our French with an English
  voice (WCAG 3.1.1);
- the skip link's text: Streamlit's « Skip to main content » is a bare text node that CSS cannot take out of the
  link's accessible name, so the script writes « Aller au contenu principal » in its place (and again whenever
  React draws the link anew), keeping the link, its focus and its target;
- the names of Streamlit's own buttons (« Collapse sidebar », « Download as CSV », « Help for Mois de
  référence »…): their aria-label, in English, is what a screen reader says; the script rewrites them in French."""

import json

import streamlit as st

FOCUS_COLOUR = "#B42318"  # the theme's primaryColor: 6.6:1 on white, 5.9:1 on the sidebar's grey

CSS = f"""<style>
[data-testid="stSidebarNav"] a:focus-visible, [data-testid="stSidebar"] a:focus-visible,
[data-testid="stMain"] a:focus-visible, [data-testid="stMain"] summary:focus-visible {{
  outline: 3px solid {FOCUS_COLOUR} !important; outline-offset: 2px; border-radius: 0.25rem; }}
/* The language script's block draws nothing: no empty slot (and its gap) at the top of every page */
[data-testid="stElementContainer"]:has(.pac-a11y-lang) {{ display: none; }}
</style>"""

SKIP_LINK = "Aller au contenu principal"
# The names Streamlit 1.67 gives its own buttons and regions (aria-label), read out by screen readers: in French.
# « Help for X » (the ⓘ beside a widget) is handled apart: it carries the widget's own label.
FRENCH_NAMES = {
    "App pages": "Pages de l'application", "Sidebar": "Menu latéral",
    "Collapse sidebar": "Replier le menu", "Expand sidebar": "Déplier le menu",
    "Help": "Aide", "Link to heading": "Lien vers ce titre", "Choose date": "Choisir une date",
    "Open": "Ouvrir la liste", "Clear all": "Tout effacer", "Clear value": "Effacer", "Remove": "Retirer",
    "Vega visualization": "Graphique", "Add files": "Ajouter des fichiers",
    "Show password": "Afficher le mot de passe", "Hide password": "Masquer le mot de passe",
    "Fullscreen": "Plein écran", "Close fullscreen": "Quitter le plein écran",
    "Exit fullscreen": "Quitter le plein écran",
    "Download as CSV": "Télécharger en CSV", "Download as PNG": "Télécharger en PNG",
    "Download as SVG": "Télécharger en SVG", "Copy Vega-Lite spec": "Copier la définition du graphique",
    "Show data": "Afficher les données", "Search": "Rechercher",
    "Show/hide columns": "Afficher ou masquer des colonnes",
}
HELP_PREFIX, HELP_FRENCH = "Help for ", "Aide : "

# Our own constant script, no data in it. The span marks its block for the CSS above. The observer is installed once
# per browser page (the script runs again on every rerun); it only writes where a text is still Streamlit's English,
# so its own writes end there.
LANG_JS = """
if (document.documentElement.lang !== "fr") { document.documentElement.lang = "fr"; }
if (!window.pacFrench) {
  const names = %s;
  window.pacFrench = () => {
    const link = document.querySelector('a[data-testid="stSkipToContent"]');
    if (link && link.textContent !== %s) { link.textContent = %s; }
    for (const element of document.querySelectorAll("[aria-label]")) {
      const label = element.getAttribute("aria-label");
      const french = names[label] || (label.startsWith(%s) ? %s + label.slice(%d) : null);
      if (french) { element.setAttribute("aria-label", french); }
    }
  };
  window.pacFrench();
  new MutationObserver(window.pacFrench).observe(document.body,
    {childList: true, subtree: true, attributes: true, attributeFilter: ["aria-label"]});
}
""" % (json.dumps(FRENCH_NAMES, ensure_ascii=False), json.dumps(SKIP_LINK), json.dumps(SKIP_LINK),
       json.dumps(HELP_PREFIX), json.dumps(HELP_FRENCH), len(HELP_PREFIX))
LANG_SCRIPT = f'<span class="pac-a11y-lang" hidden></span><script>{LANG_JS}</script>'


def apply() -> None:
    """Add the focus ring and the page's French (language, skip link, button names) to every screen: a style and
    a script, nothing drawn."""
    st.html(CSS)
    st.html(LANG_SCRIPT, unsafe_allow_javascript=True)
