"""Chart of the Responsables screen: the pace of one owner's objectives against the target to date, the
furthest behind first, each bar in its status colour and its status also written out."""

import altair as alt
import pandas as pd

from pac_core.charts import described, french, status_scale

ROW_HEIGHT = 38
AXIS_ROOM = 70  # x axis and its title, which Streamlit counts in the chart's height


def pace_chart(frame: pd.DataFrame) -> alt.TopLevelMixin:
    """Pace bars (actual to date / target to date) from pac_core.display.owners.pace_frame, 100 % marked."""
    top = max(float(frame["pace"].max()) if len(frame) else 0.0, 1.0)
    pace_scale = alt.Scale(domain=[0, top * 1.45], nice=False)
    y = alt.Y("objective:N", title=None, sort=list(frame["objective"]),
              axis=alt.Axis(labelFontSize=13, labelLimit=520))
    tooltip = [alt.Tooltip("objective:N", title="Objectif"), alt.Tooltip("label:N", title="Rythme"),
               alt.Tooltip("detail:N", title="Réalisé / objectif à date")]
    bars = alt.Chart(frame).mark_bar(cornerRadiusEnd=3).encode(
        x=alt.X("pace:Q", title="Rythme (réalisé / objectif à date)", scale=pace_scale,
                axis=alt.Axis(format=".0%", tickCount=6)),
        y=y, color=alt.Color("status:N", scale=status_scale(), legend=None), tooltip=tooltip)
    label = {"align": "left", "baseline": "middle", "dx": 6, "fontSize": 13}
    # A white halo keeps the text readable where it crosses the 100 % line.
    halo = alt.Chart(frame).mark_text(**label, color="white", stroke="white", strokeWidth=4, strokeJoin="round").encode(
        x=alt.X("pace:Q", scale=pace_scale), y=y, text="label:N")
    text = alt.Chart(frame).mark_text(**label, color="#31333F").encode(
        x=alt.X("pace:Q", scale=pace_scale), y=y, text="label:N")
    target = alt.Chart(pd.DataFrame({"pace": [1.0]}))
    rule = target.mark_rule(color="#31333F", strokeDash=[4, 3], strokeWidth=1.5).encode(
        x=alt.X("pace:Q", scale=pace_scale))
    description = described("Rythme de chaque objectif (réalisé sur objectif à date, 100 % marqué).",
                            (f"{objective} : {label}" for objective, label in zip(frame["objective"], frame["label"])))
    return french(bars + rule + halo + text, description=description,
                  height=ROW_HEIGHT * max(len(frame), 2) + AXIS_ROOM)
