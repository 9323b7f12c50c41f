"""Charts of the Canaux & ROI screen: cost against revenue with the break-even line, and the ROI ranking.

Both take the frames of pac_core.display.channels (bubble_frame, ranking_frame), whose texts are already
French; channels keep their colour of every chart, levers (which are not channels) get one neutral colour.
"""

import math

import altair as alt
import pandas as pd

from pac_core.charts import EURO_FORMAT, channel_scale, french

# Streamlit fits a chart's whole height (axes and titles included) to the height asked for: what the
# x axis, its title and the padding take, in pixels, is added to the plot's own height.
AXIS_ROOM = 90
LEVER_COLOR = "#4C5B6B"  # slate: in no channel's palette, so a lever is never mistaken for a channel
LOSS_COLOR = "#D55E00"
BREAK_EVEN_LABEL = "Seuil de rentabilité : CA = coût"


def _color(by: str, groups):
    if by == "channel":
        return alt.Color("group:N", scale=channel_scale(groups), legend=None)
    return alt.value(LEVER_COLOR)


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


LABEL_STEP = 18  # pixels between two names stacked above close bubbles
LABEL_WIDTH = 0.16  # share of the plot's width a name takes, roughly (the plot's width is the browser's)


def label_heights(frame: pd.DataFrame, x_max: float, y_max: float, plot_height: float) -> pd.Series:
    """Where each bubble's name goes, in revenue units: just above its bubble (its radius in pixels, converted
    with the plot's height), and one line higher than a close neighbour's name it would otherwise overlap.
    Vega-Lite cannot offset each label by its own number of pixels, so the offset is done here."""
    pixels_per_euro = plot_height / y_max
    wanted = frame["revenue"].astype(float) * pixels_per_euro + _radius(frame["size"]) + 4
    placed: list[tuple[float, float]] = []  # (x share, label height in pixels)
    heights = {}
    for index in frame["cost"].astype(float).sort_values(kind="stable").index:
        share, height = float(frame.at[index, "cost"]) / x_max, float(wanted[index])
        for other_share, other_height in sorted(placed, key=lambda item: item[1]):
            if abs(share - other_share) < LABEL_WIDTH and abs(height - other_height) < LABEL_STEP:
                height = other_height + LABEL_STEP
        placed.append((share, height))
        heights[index] = height / pixels_per_euro
    return pd.Series(heights).reindex(frame.index)


def bubble_chart(frame: pd.DataFrame, by: str = "channel", size_title: str = "Nouveaux clients",
                 height: int = 420) -> alt.TopLevelMixin:
    """Cost (x) against attributed revenue (y), one bubble per channel (or lever) sized by new clients or
    contacts, with the break-even line y = x: above it a channel earns more than it costs, below it (shaded)
    it loses money. Each bubble carries its name just above it, readable without a legend."""
    x_max = max(float(frame["cost"].max()) if len(frame) else 0.0, 1.0) * 1.15
    y_max = max(float(frame["revenue"].max()) if len(frame) else 0.0, x_max) * 1.12
    x = alt.X("cost:Q", title="Coût (€)", scale=alt.Scale(domain=[0, x_max], nice=False),
              axis=alt.Axis(format=EURO_FORMAT, tickCount=6))
    revenue_scale = alt.Scale(domain=[0, y_max], nice=False)
    y = alt.Y("revenue:Q", title="Chiffre d'affaires attribué (€)", scale=revenue_scale,
              axis=alt.Axis(format=EURO_FORMAT, tickCount=6))
    line = pd.DataFrame({"cost": [0.0, x_max], "revenue": [0.0, x_max], "floor": [0.0, 0.0]})
    loss = alt.Chart(line).mark_area(color=LOSS_COLOR, opacity=0.10).encode(x=x, y=y, y2="floor:Q")
    break_even = alt.Chart(line).mark_line(color="#31333F", strokeDash=[6, 4], strokeWidth=2).encode(x=x, y=y)
    break_even_text = alt.Chart(line.tail(1).assign(text=BREAK_EVEN_LABEL)).mark_text(
        align="right", baseline="bottom", dx=-4, dy=-8, fontSize=13, color="#31333F").encode(x=x, y=y, text="text:N")
    tooltip = [alt.Tooltip("group:N", title="Canal" if by == "channel" else "Levier"),
               alt.Tooltip("cost_text:N", title="Coût"), alt.Tooltip("revenue_text:N", title="CA attribué"),
               alt.Tooltip("roi_text:N", title="ROI"), alt.Tooltip("size_text:N", title=size_title)]
    top = float(frame["size"].max()) if len(frame) and frame["size"].max() > 0 else 0.0
    legend = alt.Legend(values=size_legend_values(top), format=",.0f", orient="right", symbolFillColor="#999999",
                        symbolStrokeColor="#999999") if top else None
    bubbles = alt.Chart(frame).mark_circle(opacity=0.85, stroke="white", strokeWidth=1.5).encode(
        x=x, y=y, color=_color(by, frame["group"]),
        size=alt.Size("size:Q", title=size_title, scale=alt.Scale(domain=[0, top or 1.0], range=list(SIZE_RANGE)),
                      legend=legend),
        tooltip=tooltip)
    labelled = frame.assign(label_y=label_heights(frame, x_max, y_max, height - AXIS_ROOM))
    label_y = alt.Y("label_y:Q", scale=revenue_scale)
    text = {"align": "center", "baseline": "bottom", "fontSize": 15, "fontWeight": "bold"}
    # A white halo under each name keeps it readable where it crosses another bubble or the line.
    halo = alt.Chart(labelled).mark_text(**text, color="white", stroke="white", strokeWidth=5, strokeJoin="round"
                                         ).encode(x=x, y=label_y, text="group:N")
    labels = alt.Chart(labelled).mark_text(**text).encode(
        x=x, y=label_y, text="group:N", color=_color(by, frame["group"]), tooltip=tooltip)
    return french(loss + break_even + break_even_text + bubbles + halo + labels, height=height)


def ranking_chart(frame: pd.DataFrame, by: str = "channel", bar_height: int = 46) -> alt.TopLevelMixin:
    """ROI bars from the best to the worst, the value written at the end of each bar, 0 % marked."""
    low = min(float(frame["roi"].min()) if len(frame) else 0.0, 0.0)
    high = max(float(frame["roi"].max()) if len(frame) else 0.0, 0.0)
    span = max(high - low, 0.1)
    roi_scale = alt.Scale(domain=[low - 0.05 * span, high + 0.22 * span], nice=False)
    x = alt.X("roi:Q", title="ROI", scale=roi_scale, axis=alt.Axis(format=".0%", tickCount=6))
    # An explicit order: Vega-Lite drops a field sort when layers share the axis.
    y = alt.Y("group:N", title=None, sort=list(frame["group"]),
              axis=alt.Axis(labelFontSize=14, labelLimit=260))
    bars = alt.Chart(frame).mark_bar(cornerRadiusEnd=3).encode(
        x=x, y=y, color=_color(by, frame["group"]),
        tooltip=[alt.Tooltip("group:N", title="Canal" if by == "channel" else "Levier"),
                 alt.Tooltip("roi_text:N", title="ROI")])
    text = alt.Chart(frame).mark_text(align="left", baseline="middle", dx=6, fontSize=14, fontWeight="bold",
                                      color="#31333F").encode(
        x=alt.X("label_at:Q", scale=roi_scale), y=y, text="roi_text:N")
    zero = alt.Chart(pd.DataFrame({"roi": [0.0]})).mark_rule(color="#31333F", strokeWidth=1.5).encode(x="roi:Q")
    return french(bars + zero + text, height=bar_height * max(len(frame), 2) + AXIS_ROOM)
