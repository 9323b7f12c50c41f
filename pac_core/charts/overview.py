"""Charts of the overview: cumulative revenue against the plan, with the forecast."""

import altair as alt
import pandas as pd

from pac_core.charts import EURO_FORMAT, MONTH_FORMAT, french, month_frame


LAST_YEAR = "Réalisé N−1"


def cumulative_chart(series: pd.DataFrame, unit: str = "€") -> alt.TopLevelMixin:
    """Cumulative actual vs cumulative target over the year, with the forecast path and its band
    (from pac_core.kpi.series for a flow indicator)."""
    frame = month_frame(series)
    as_of_rows = frame[frame["actual_cumulative"].notna()]
    # The forecast starts from the last known cumulative actual so that the lines join.
    if len(as_of_rows):
        last = as_of_rows.iloc[-1]
        joint = frame[frame["forecast"].notna() | (frame["month"] == last["month"])].copy()
        joint.loc[joint["month"] == last["month"], ["forecast", "forecast_low", "forecast_high"]] = \
            last["actual_cumulative"]
    else:
        joint = frame[frame["forecast"].notna()]
    title = f"Cumul ({unit})" if unit else "Cumul"
    previous = frame[frame["previous_cumulative"].notna()] if "previous_cumulative" in frame else frame.iloc[:0]
    long = pd.concat([
        frame.assign(courbe="Objectif cumulé", valeur=frame["target_cumulative"])[["month", "courbe", "valeur"]],
        as_of_rows.assign(courbe="Réalisé cumulé", valeur=as_of_rows["actual_cumulative"])[["month", "courbe", "valeur"]],
        joint.assign(courbe="Atterrissage prévu", valeur=joint["forecast"])[["month", "courbe", "valeur"]],
        previous.assign(courbe=LAST_YEAR, valeur=previous["previous_cumulative"])[["month", "courbe", "valeur"]],
    ])
    x = alt.X("month:T", title=None, axis=alt.Axis(format="%b", tickCount="month"))
    names = ["Objectif cumulé", "Réalisé cumulé", "Atterrissage prévu"] + ([LAST_YEAR] if len(previous) else [])
    colors = alt.Scale(domain=names, range=["#999999", "#0072B2", "#0072B2", "#D55E00"][:len(names)])
    lines = alt.Chart(long).mark_line(point=True, strokeWidth=3).encode(
        x=x, y=alt.Y("valeur:Q", title=title, axis=alt.Axis(format=EURO_FORMAT)),
        color=alt.Color("courbe:N", title=None, scale=colors),
        strokeDash=alt.StrokeDash("courbe:N", title=None, scale=alt.Scale(
            domain=names, range=[[6, 4], [1, 0], [2, 3], [1, 3]][:len(names)])),
        tooltip=[alt.Tooltip("month:T", title="Mois", format=MONTH_FORMAT), alt.Tooltip("courbe:N", title="Courbe"),
                 alt.Tooltip("valeur:Q", title=title, format=EURO_FORMAT)])
    band = alt.Chart(joint).mark_area(opacity=0.15, color="#0072B2").encode(
        x=x, y="forecast_low:Q", y2="forecast_high:Q")
    compared = " et réalisé de l'année précédente (N−1)" if len(previous) else ""
    return french(band + lines, description=f"{title} sur l'année : objectif cumulé, réalisé cumulé, "
                                            f"atterrissage prévu avec sa fourchette{compared}.")
