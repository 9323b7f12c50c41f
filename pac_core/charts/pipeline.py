"""Chart of the Pipeline screen: the funnel, one bar per stage in order with its count and amount written
out, and between two bars the conversion from one stage to the next."""

import altair as alt
import pandas as pd

from pac_core.charts import channel_color, described, french

ALL_CHANNELS_COLOR = "#4C5B6B"  # slate: in no channel's palette, for the pipeline of every channel together
ROW_HEIGHT = 34  # pixels per row (a stage, or the gap that holds a conversion)


def funnel_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The stages interleaved with the gaps between them: row 'gap k' holds the conversion into stage k."""
    rows = []
    for record in frame.sort_values("stage_number").itertuples(index=False):
        if record.stage_number > 1:
            rows.append({"row": f"→{record.stage_number}", "stage": "", "reached": None, "label": "",
                         "conversion_text": record.conversion_text})
        rows.append({"row": record.stage, "stage": record.stage, "reached": record.reached, "label": record.label,
                     "conversion_text": ""})
    return pd.DataFrame(rows, columns=["row", "stage", "reached", "label", "conversion_text"])


def funnel_chart(frame: pd.DataFrame, channel: str | None = None) -> alt.TopLevelMixin:
    """The funnel of pac_core.display.pipeline.funnel_frame, in the colour of its channel (or a neutral one
    for all channels together). The x axis is left out: every bar carries its count."""
    rows = funnel_rows(frame)
    color = channel_color(channel) if channel else ALL_CHANNELS_COLOR
    top = max(float(frame["reached"].max()) if len(frame) else 0.0, 1.0)
    x_scale = alt.Scale(domain=[0, top * 1.6], nice=False)
    # Gap rows carry no axis label; stage rows show the stage's name.
    y = alt.Y("row:N", sort=list(rows["row"]), title=None, scale=alt.Scale(paddingInner=0.08, paddingOuter=0.05),
              axis=alt.Axis(labelExpr="indexof(datum.label, '→') == 0 ? '' : datum.label", labelFontSize=15,
                            labelLimit=320, ticks=False, domain=False, labelPadding=8))
    stages = rows[rows["stage"] != ""]
    bars = alt.Chart(stages).mark_bar(color=color, cornerRadiusEnd=3).encode(
        x=alt.X("reached:Q", scale=x_scale, axis=None), y=y,
        tooltip=[alt.Tooltip("stage:N", title="Étape"), alt.Tooltip("label:N", title="Atteinte par")])
    counts = alt.Chart(stages).mark_text(align="left", baseline="middle", dx=8, fontSize=15, fontWeight="bold",
                                         color="#31333F").encode(
        x=alt.X("reached:Q", scale=x_scale), y=y, text="label:N")
    gaps = rows[rows["conversion_text"] != ""].assign(reached=0.0)
    conversions = alt.Chart(gaps).mark_text(align="left", baseline="middle", dx=4, fontSize=14, fontStyle="italic",
                                            color="#555867").encode(
        x=alt.X("reached:Q", scale=x_scale), y=y, text="conversion_text:N")
    description = described(f"Entonnoir de vente{' du canal ' + channel if channel else ''}, étape par étape.",
                            (f"{stage} : {label}" for stage, label in zip(stages["stage"], stages["label"])))
    return french(bars + counts + conversions, description=description, height=ROW_HEIGHT * len(rows) + 20)
