"""Altair chart specs for every screen: French locale, one colour per channel, a colour-blind-safe status
palette. No Streamlit here: pages call these and draw the result. This module holds what every chart
shares; each screen's charts are in a module of this package (overview, actions, channels…).

Streamlit draws Altair charts with the browser's locale unless the spec carries its own, so every chart
goes through `french()`, which sets Vega-Lite's `config.locale` (d3 number and time dictionaries).

`french()` also gives every chart one French sentence for screen readers (its `description`, the chart's
accessible name) and turns off Vega's own ARIA texts, which are English (« X-axis for a linear scale… ») and
read out internal field names (« label_y: 83933,2 », « group: Salon ») mark by mark. The figures a chart shows
are in the sentence or in the table beside it.
"""

import altair as alt
import pandas as pd

from pac_core.display import STATUS_TEXT
from pac_core.formatting import MONTHS_LONG, MONTHS_SHORT

NNBSP, NBSP = "\u202f", "\u00a0"

FRENCH_LOCALE = {
    "number": {"decimal": ",", "thousands": NNBSP, "grouping": [3], "currency": ["", f"{NBSP}€"],
               "percent": f"{NNBSP}%"},
    "time": {
        "dateTime": "%A %e %B %Y à %X", "date": "%d/%m/%Y", "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
        "shortDays": ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
        "months": list(MONTHS_LONG),
        "shortMonths": list(MONTHS_SHORT),
    },
}

# Okabe & Ito's palette, readable by colour-blind people; a status is also always written as text.
STATUS_COLORS = {"on_track": "#009E73", "watch": "#E69F00", "off_track": "#D55E00", None: "#999999"}
# Channel colours (Paul Tol's palettes) kept apart from the status colours, so that a channel's bars
# never read as "on track" or "late".
_CHANNEL_PALETTE = ["#0072B2", "#88CCEE", "#AA4499", "#882255", "#44AA99", "#999933", "#332288", "#DDCC77",
                    "#777777", "#000000"]
KNOWN_CHANNELS = ("Salon", "Site web / SEO", "Réseaux sociaux", "Téléprospection", "Emailing", "Base de données",
                  "SEA", "Prospection terrain", "Prescripteurs", "Événement")

# Streamlit 1.67's own font (its theme's bodyFont, a web font every page loads), so charts read like the page;
# where it is missing (vl-convert's PNGs for the review PDF) DejaVu Sans, the PDF's own text font, not Arial.
FONT = '"Source Sans", "DejaVu Sans", sans-serif'
EURO_FORMAT = ",.0f"  # with the French locale: 1 234 567 (the € sign goes in the axis title)
MONTH_FORMAT = "%b %Y"


def channel_color(channel: str | None) -> str:
    """The same colour for a channel on every chart: fixed for the template's channels, stable for others."""
    if channel in KNOWN_CHANNELS:
        return _CHANNEL_PALETTE[KNOWN_CHANNELS.index(channel) % len(_CHANNEL_PALETTE)]
    key = sum(ord(ch) for ch in str(channel))
    return _CHANNEL_PALETTE[key % len(_CHANNEL_PALETTE)]


def channel_scale(channels) -> alt.Scale:
    channels = sorted({c for c in channels if c is not None})
    return alt.Scale(domain=channels, range=[channel_color(c) for c in channels])


def status_scale() -> alt.Scale:
    keys = ["on_track", "watch", "off_track"]
    return alt.Scale(domain=[STATUS_TEXT[k] for k in keys], range=[STATUS_COLORS[k] for k in keys])


def french(chart: alt.TopLevelMixin, *, description: str, height: int = 320) -> alt.TopLevelMixin:
    """The chart with the French locale, the app's fonts and sizes, and its sentence for screen readers."""
    return (chart.properties(height=height, description=description)
            .configure(locale=FRENCH_LOCALE, font=FONT, aria=False)
            .configure_axis(labelFontSize=13, titleFontSize=14, labelColor="#31333F", titleColor="#31333F")
            .configure_legend(labelFontSize=13, titleFontSize=14, orient="bottom", labelColor="#31333F",
                              titleColor="#31333F")
            .configure_mark(aria=False)  # no Vega ARIA per mark (config.aria alone leaves unnamed mark groups)
            .configure_view(stroke=None))


def described(intro: str, figures) -> str:
    """A chart's sentence for screen readers: what it shows, then each of its figures (« Salon : 613,5 % »)."""
    said = "; ".join(figures)
    return f"{intro} {said}." if said else intro


def month_frame(frame: pd.DataFrame, column: str = "month") -> pd.DataFrame:
    """Months as timestamps, which Vega-Lite reads as dates."""
    frame = frame.copy()
    frame[column] = pd.to_datetime(frame[column])
    return frame
