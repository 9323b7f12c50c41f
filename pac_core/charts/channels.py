"""Charts of the Canaux & ROI screen: cost against revenue with the break-even line, and the ROI ranking.

Both take the frames of pac_core.display.channels (bubble_frame, ranking_frame), whose texts are already
French; channels keep their colour of every chart, levers (which are not channels) get one neutral colour.
"""

import math
from dataclasses import dataclass

import altair as alt
import pandas as pd

from pac_core.charts import EURO_FORMAT, channel_scale, described, french

# Streamlit fits a chart's whole height (axes and titles included) to the height asked for: what the
# x axis, its title and the padding take, in pixels, is added to the plot's own height.
AXIS_ROOM = 90
BUBBLE_AXIS_ROOM = 79  # measured in Chromium: a 420-px bubble chart has a 341-px plot
INK = "#31333F"
LEVER_COLOR = "#4C5B6B"  # slate: in no channel's palette, so a lever is never mistaken for a channel
LOSS_COLOR = "#D55E00"
BREAK_EVEN_LABEL = "Seuil de rentabilité : CA = coût"


UNNAMED_TITLE = {"channel": "Autres canaux", "lever": "Autres leviers"}


def _color(by: str, groups, unnamed: list[str] | None = None):
    """Channels in their own colour, levers in one; `unnamed` (bubbles without a name on the chart) are
    listed in a legend, so that every bubble is named somewhere besides its tooltip."""
    legend = alt.Legend(values=unnamed, title=UNNAMED_TITLE[by], orient="right", symbolType="circle",
                        labelLimit=220) if unnamed else None
    if by == "channel":
        return alt.Color("group:N", scale=channel_scale(groups), legend=legend)
    if not unnamed:
        return alt.value(LEVER_COLOR)
    names = sorted({str(group) for group in groups})
    return alt.Color("group:N", scale=alt.Scale(domain=names, range=[LEVER_COLOR] * len(names)), legend=legend)


SIZE_RANGE = (120.0, 3600.0)  # bubble areas in px², from no client to the most


def _radius(size: pd.Series) -> pd.Series:
    """Each bubble's radius in pixels, as the size scale below draws it."""
    top = float(size.max()) if len(size) and size.max() > 0 else 1.0
    area = SIZE_RANGE[0] + (SIZE_RANGE[1] - SIZE_RANGE[0]) * size.astype(float) / top
    return (area / math.pi) ** 0.5


def size_legend_values(top: float) -> list[int]:
    """Whole numbers for the size legend (a count of clients or contacts has no decimals): a quarter, half
    and all of the largest."""
    return sorted({max(1, round(top / 4)), max(1, round(top / 2)), max(1, round(top))})


LABEL_FONT_SIZE = 15  # bold: a bubble's name
BREAK_EVEN_FONT_SIZE = 13
# Widths of text are estimated, not measured (Python has no browser): Source Sans averages about half an em
# per character (measured in Chromium: 0.45 em bold, 0.39 em regular); 0.52 em errs on the wide side, so an
# estimated box always holds the drawn text.
EM_PER_CHARACTER = 0.52
LINE_HEIGHT = 1.25
LABEL_GAP = 4  # pixels between a bubble's edge and its name
CLEARANCE = 3  # pixels kept free around a name (other names, bubbles, the break-even line and its text)
MAX_LABELS = 5  # the biggest few are named on the chart; the others in the legend and the tooltip
# The narrowest plot the Canaux page draws: 1280×720 with the sidebar open, the size legend on the right.
# Placing names at this width is enough: on a wider plot every horizontal distance only grows (names are
# centred on their bubble, and the break-even line gets flatter), so nothing that was clear starts to overlap.
MIN_PLOT_WIDTH = 280.0  # measured: 283 px


@dataclass(frozen=True)
class Box:
    """A rectangle in the plot's pixels, y upwards from the x axis."""
    left: float
    bottom: float
    right: float
    top: float

    def grown(self, margin: float) -> "Box":
        return Box(self.left - margin, self.bottom - margin, self.right + margin, self.top + margin)

    def meets(self, other: "Box") -> bool:
        return self.left < other.right and other.left < self.right and self.bottom < other.top \
            and other.bottom < self.top

    def meets_circle(self, x: float, y: float, radius: float) -> bool:
        nearest_x, nearest_y = min(max(x, self.left), self.right), min(max(y, self.bottom), self.top)
        return (nearest_x - x) ** 2 + (nearest_y - y) ** 2 < radius ** 2


RANKING_FONT_SIZE, BOLD = 14, 1.1  # the ranking's values, and how much wider bold text runs


def text_width(text: str, font_size: float) -> float:
    return len(text) * font_size * EM_PER_CHARACTER


@dataclass(frozen=True)
class Plot:
    """The bubble plot's geometry in pixels: its size and the data range its axes show."""
    x_max: float
    y_max: float
    width: float
    height: float

    def point(self, cost: float, revenue: float) -> tuple[float, float]:
        return cost / self.x_max * self.width, revenue / self.y_max * self.height

    def break_even_at(self, x: float) -> float:
        """The height in pixels of the line CA = coût at x pixels."""
        return x / self.width * self.x_max / self.y_max * self.height

    def break_even_text(self) -> Box:
        """Where the break-even line's own label is drawn: right-aligned at the line's end, 8 px above it."""
        right, bottom = self.width - 4, self.break_even_at(self.width) + 8
        return Box(right - text_width(BREAK_EVEN_LABEL, BREAK_EVEN_FONT_SIZE), bottom, right,
                   bottom + BREAK_EVEN_FONT_SIZE * LINE_HEIGHT)

    def crosses_break_even(self, box: Box) -> bool:
        """True when the line passes through the box: it rises, so it is lowest at the box's left edge."""
        return self.break_even_at(box.left) < box.top and self.break_even_at(box.right) > box.bottom


ALIGNMENTS = ("center", "left", "right")  # a name centred on its bubble, else starting or ending at its centre


def _box(align: str, x: float, bottom: float, width: float, height: float) -> Box:
    left = {"center": x - width / 2, "left": x, "right": x - width}[align]
    return Box(left, bottom, left + width, bottom + height)


def place_labels(frame: pd.DataFrame, plot: Plot, limit: int = MAX_LABELS) -> pd.DataFrame:
    """Where each bubble's name goes: `label_y` (its baseline, in revenue units) and `label_align`, both empty
    for a bubble left unnamed. The biggest bubbles first; a name goes above its bubble, else below it, centred,
    else starting or ending at the bubble's centre; only where it meets no other name, no bubble, neither the
    break-even line nor its text, and stays inside the plot. Every box holds its bubble's x, so the distances
    measured at `plot.width` only grow on a wider plot. Vega-Lite places no label by itself: it is done here."""
    radius = _radius(frame["size"]) if len(frame) else pd.Series(dtype=float)
    centres = {index: plot.point(float(frame.at[index, "cost"]), float(frame.at[index, "revenue"]))
               for index in frame.index}
    obstacles = [plot.break_even_text()]
    heights, aligns = {}, {}
    order = frame.sort_values(["size", "revenue", "cost"], ascending=False, kind="stable").index
    height = LABEL_FONT_SIZE * LINE_HEIGHT
    for index in order:
        if len(heights) >= limit:
            break
        x, y = centres[index]
        width = text_width(str(frame.at[index, "group"]), LABEL_FONT_SIZE)
        bottoms = (y + float(radius[index]) + LABEL_GAP, y - float(radius[index]) - LABEL_GAP - height)
        for bottom in bottoms:
            align = next((align for align in ALIGNMENTS
                          if _clear(_box(align, x, bottom, width, height), plot, obstacles, centres, radius)), None)
            if align is not None:
                obstacles.append(_box(align, x, bottom, width, height))
                heights[index], aligns[index] = bottom / plot.height * plot.y_max, align
                break
    return pd.DataFrame({"label_y": pd.Series(heights, dtype=float), "label_align": pd.Series(aligns, dtype=object)},
                        index=frame.index)


def _clear(box: Box, plot: Plot, obstacles: list[Box], centres: dict, radius: pd.Series) -> bool:
    if box.left < 0 or box.right > plot.width or box.bottom < 0 or box.top > plot.height:
        return False
    room = box.grown(CLEARANCE)
    if plot.crosses_break_even(room) or any(room.meets(other) for other in obstacles):
        return False
    return not any(room.meets_circle(*centres[other], float(radius[other])) for other in centres)


def _axes_room(frame: pd.DataFrame) -> tuple[float, float]:
    """The axes' ends: a little beyond the largest cost and the largest revenue (the break-even line is drawn to
    the end of the cost axis, so revenue goes at least as high)."""
    x_max = max(float(frame["cost"].max()) if len(frame) else 0.0, 1.0) * 1.15
    y_max = max(float(frame["revenue"].max()) if len(frame) else 0.0, x_max) * 1.12
    return x_max, y_max


def bubble_chart(frame: pd.DataFrame, by: str = "channel", size_title: str = "Nouveaux clients",
                 height: int = 420) -> alt.TopLevelMixin:
    """Cost (x) against attributed revenue (y), one bubble per channel (or lever) sized by new clients or
    contacts, with the break-even line y = x: above it a channel earns more than it costs, below it (shaded)
    it loses money. The biggest bubbles carry their name (place_labels: no two names, bubbles or the line
    overlap); the others are named in a legend, and every bubble in its tooltip."""
    x_max, y_max = _axes_room(frame)
    x = alt.X("cost:Q", title="Coût (€)", scale=alt.Scale(domain=[0, x_max], nice=False),
              axis=alt.Axis(format=EURO_FORMAT, tickCount=6))
    revenue_scale = alt.Scale(domain=[0, y_max], nice=False)
    y = alt.Y("revenue:Q", title="Chiffre d'affaires attribué (€)", scale=revenue_scale,
              axis=alt.Axis(format=EURO_FORMAT, tickCount=6))
    line = pd.DataFrame({"cost": [0.0, x_max], "revenue": [0.0, x_max], "floor": [0.0, 0.0]})
    loss = alt.Chart(line).mark_area(color=LOSS_COLOR, opacity=0.10).encode(x=x, y=y, y2="floor:Q")
    break_even = alt.Chart(line).mark_line(color="#31333F", strokeDash=[6, 4], strokeWidth=2).encode(x=x, y=y)
    break_even_text = alt.Chart(line.tail(1).assign(text=BREAK_EVEN_LABEL)).mark_text(
        align="right", baseline="bottom", dx=-4, dy=-8, fontSize=BREAK_EVEN_FONT_SIZE, color="#31333F").encode(
        x=x, y=y, text="text:N")
    tooltip = [alt.Tooltip("group:N", title="Canal" if by == "channel" else "Levier"),
               alt.Tooltip("cost_text:N", title="Coût"), alt.Tooltip("revenue_text:N", title="CA attribué"),
               alt.Tooltip("roi_text:N", title="ROI"), alt.Tooltip("size_text:N", title=size_title)]
    top = float(frame["size"].max()) if len(frame) and frame["size"].max() > 0 else 0.0
    legend = alt.Legend(values=size_legend_values(top), format=",.0f", orient="right", symbolFillColor="#999999",
                        symbolStrokeColor="#999999") if top else None
    plot = Plot(x_max, y_max, MIN_PLOT_WIDTH, height - BUBBLE_AXIS_ROOM)
    labelled = pd.concat([frame, place_labels(frame, plot)], axis=1)
    unnamed = [str(name) for name in labelled.loc[labelled["label_y"].isna(), "group"]]
    bubbles = alt.Chart(frame).mark_circle(opacity=0.85, stroke="white", strokeWidth=1.5).encode(
        x=x, y=y, color=_color(by, frame["group"], unnamed),
        size=alt.Size("size:Q", title=size_title, scale=alt.Scale(domain=[0, top or 1.0], range=list(SIZE_RANGE)),
                      legend=legend),
        tooltip=tooltip)
    named = labelled[labelled["label_y"].notna()]
    label_y = alt.Y("label_y:Q", scale=revenue_scale)
    text = {"baseline": "bottom", "fontSize": LABEL_FONT_SIZE, "fontWeight": "bold"}
    # A white halo under each name keeps it readable over the grid and the shaded loss area.
    # Names in ink, not in their channel's colour: a pale channel colour (#88CCEE) is unreadable on white.
    names = []
    for align in ALIGNMENTS:  # Vega-Lite's text align is one per layer, not an encoding
        rows = named[named["label_align"] == align].drop(columns="label_align")
        if len(rows):
            names += [alt.Chart(rows).mark_text(**text, align=align, color="white", stroke="white", strokeWidth=5,
                                                strokeJoin="round").encode(x=x, y=label_y, text="group:N"),
                      alt.Chart(rows).mark_text(**text, align=align, color=INK).encode(
                          x=x, y=label_y, text="group:N", tooltip=tooltip)]
    description = described(
        f"Coût et chiffre d'affaires attribué par {_grouped_by(by)}, face au seuil de rentabilité.",
        (f"{group} : coût {cost}, CA attribué {revenue}, ROI {roi}" for group, cost, revenue, roi
         in zip(frame["group"], frame["cost_text"], frame["revenue_text"], frame["roi_text"])))
    return french(alt.layer(loss, break_even, break_even_text, bubbles, *names), description=description,
                  height=height)


def _grouped_by(by: str) -> str:
    return "canal" if by == "channel" else "levier"


def _room_for_labels(start: float, high: float, labels) -> alt.ExprRef:
    """The ROI axis' end, so that the longest value written after the best bar fits in the chart at any width:
    the plot's `width` (a Vega signal, known only in the browser) keeps `room` pixels right of `high`. A fixed
    share of the axis left « 613,5 % » cut by 3 px in the 240-px column of a 1280-px screen."""
    room = max((text_width(str(label), RANKING_FONT_SIZE) * BOLD for label in labels), default=0.0) + 16
    return alt.ExprRef(expr=f"({high!r} * width - {start!r} * {room:.0f}) / max(width - {room:.0f}, 1)")


def ranking_chart(frame: pd.DataFrame, by: str = "channel", bar_height: int = 46) -> alt.TopLevelMixin:
    """ROI bars from the best to the worst, the value written at the end of each bar, 0 % marked."""
    low = min(float(frame["roi"].min()) if len(frame) else 0.0, 0.0)
    high = max(float(frame["roi"].max()) if len(frame) else 0.0, 0.0)
    start = low - 0.05 * max(high - low, 0.1)
    roi_scale = alt.Scale(domainMin=start, domainMax=_room_for_labels(start, high, frame["roi_text"]), nice=False)
    x = alt.X("roi:Q", title="ROI", scale=roi_scale, axis=alt.Axis(format=".0%", tickCount=6))
    # An explicit order: Vega-Lite drops a field sort when layers share the axis.
    y = alt.Y("group:N", title=None, sort=list(frame["group"]),
              axis=alt.Axis(labelFontSize=14, labelLimit=260))
    bars = alt.Chart(frame).mark_bar(cornerRadiusEnd=3).encode(
        x=x, y=y, color=_color(by, frame["group"]),
        tooltip=[alt.Tooltip("group:N", title="Canal" if by == "channel" else "Levier"),
                 alt.Tooltip("roi_text:N", title="ROI")])
    text = alt.Chart(frame).mark_text(align="left", baseline="middle", dx=6, fontSize=RANKING_FONT_SIZE,
                                      fontWeight="bold", color="#31333F").encode(
        x=alt.X("label_at:Q", scale=roi_scale), y=y, text="roi_text:N")
    zero = alt.Chart(pd.DataFrame({"roi": [0.0]})).mark_rule(color="#31333F", strokeWidth=1.5).encode(x="roi:Q")
    description = described(f"ROI par {_grouped_by(by)}, du meilleur au moins bon.",
                            (f"{group} : {roi}" for group, roi in zip(frame["group"], frame["roi_text"])))
    return french(bars + zero + text, description=description, height=bar_height * max(len(frame), 2) + AXIS_ROOM)
