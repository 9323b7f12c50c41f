"""The projected effect on the strategic objectives: each objective's forecast attainment before and after the
decisions being edited, against the 100 % line."""

import altair as alt
import pandas as pd

from pac_core import formatting as fmt
from pac_core.charts import described, french

BEFORE, AFTER = "Avant les décisions", "Après les décisions"
COLORS = {BEFORE: "#999999", AFTER: "#0072B2"}


def objectives_effect_chart(objectives: pd.DataFrame) -> alt.TopLevelMixin:
    """Grouped horizontal bars: forecast attainment of every objective, before (grey) and after (blue)."""
    rows = []
    for row in objectives.to_dict("records"):
        name = f"{row['objective_id']} · {row['label']}"
        for moment, column in ((BEFORE, "progress_before"), (AFTER, "progress_after")):
            progress = row[column]
            if progress is None or progress != progress:
                continue
            rows.append({"objectif": name, "moment": moment, "atteinte": progress,
                         "texte": fmt.percent(progress, 0)})
    data = pd.DataFrame(rows, columns=["objectif", "moment", "atteinte", "texte"])
    base = alt.Chart(data).encode(
        y=alt.Y("objectif:N", title=None, axis=alt.Axis(labelLimit=320)),
        yOffset=alt.YOffset("moment:N", sort=[BEFORE, AFTER]),
        color=alt.Color("moment:N", title=None, sort=[BEFORE, AFTER],
                        scale=alt.Scale(domain=list(COLORS), range=list(COLORS.values()))),
        tooltip=[alt.Tooltip("objectif:N", title="Objectif"), alt.Tooltip("moment:N", title=" "),
                 alt.Tooltip("texte:N", title="Atteinte à l'échéance")])
    bars = base.mark_bar(height=14).encode(
        x=alt.X("atteinte:Q", title="Atteinte prévue à l'échéance", axis=alt.Axis(format=".0%")))
    labels = base.mark_text(align="left", dx=4, fontSize=13).encode(x="atteinte:Q", text="texte:N")
    goal = alt.Chart(pd.DataFrame({"x": [1.0]})).mark_rule(strokeDash=[4, 3], color="#31333F").encode(x="x:Q")
    description = described("Atteinte prévue de chaque objectif à l'échéance, avant et après les décisions.",
                            (f"{row['objectif']} : {row['moment'].lower()} {row['texte']}" for row in rows))
    return french(alt.layer(bars, labels, goal), description=description,
                  height=max(120, 70 * objectives["objective_id"].nunique()))
