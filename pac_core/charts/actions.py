"""Charts of the Actions screen: a bullet chart per action (actual against the target to date and the year
target, by indicator), and one action's month by month, cumulative and cost charts.

Every chart goes through `french()`; the frames they draw are built here from the KPI engine's output, so
that a page only passes that output in."""

import copy
import datetime
import hashlib
import json

import altair as alt
import pandas as pd

from pac_core import formatting as fmt
from pac_core.catalogue import METRICS_BY_CODE
from pac_core.charts import EURO_FORMAT, STATUS_COLORS, described, french, month_frame
from pac_core.display import NO_STATUS, STATUS_TEXT, metric_label, metric_value, status_text

INK = "#31333F"
YEAR_TARGET_GREY = "#E6E6E6"
TARGET_TO_DATE_GREY = "#BDBDBD"
ROW_HEIGHT = 44
BAR_SIZE = 26


def _missing(value) -> bool:
    return value is None or value is pd.NA or value != value


def _status_scale() -> alt.Scale:
    """Status text → its colour, "no target to date" included (grey)."""
    keys = ["on_track", "watch", "off_track"]
    return alt.Scale(domain=[STATUS_TEXT[k] for k in keys] + [NO_STATUS],
                     range=[STATUS_COLORS[k] for k in keys] + [STATUS_COLORS[None]])


def bullet_frame(frame: pd.DataFrame, with_action: bool = False) -> pd.DataFrame:
    """One row per indicator of one action that has a year target (rows of `objectives()`): the actual and
    the target to date as shares of the year target, the status written out, and the texts to show (and the
    row's action_id first, `with_action`, for the rows of several actions built at once)."""
    rows = []
    for row in frame.itertuples(index=False):
        year = None if _missing(row.target_year) or row.target_year == 0 else float(row.target_year)
        if year is None:
            continue
        actual = None if _missing(row.actual_to_date) else float(row.actual_to_date)
        to_date = None if _missing(row.target_to_date) else float(row.target_to_date)
        status = status_text(None if _missing(row.status) else row.status)
        if to_date is None:
            label = f"{status} (année : {metric_value(year, row.metric)})"
        else:
            label = f"{metric_value(actual, row.metric)} / {metric_value(to_date, row.metric)} · {status}"
        rows.append({
            "action_id": row.action_id,
            "indicator": row.metric_label or metric_label(row.metric),
            "year_share": 1.0,
            "to_date_share": None if to_date is None else to_date / year,
            "actual_share": 0.0 if actual is None else actual / year,
            "status": status,
            "label": label,
            "actual_text": metric_value(actual, row.metric),
            "to_date_text": metric_value(to_date, row.metric),
            "year_text": metric_value(year, row.metric),
            "pace_text": fmt.percent(None if _missing(row.pace) else row.pace),
        })
    columns = ["indicator", "year_share", "to_date_share", "actual_share", "status", "label", "actual_text",
               "to_date_text", "year_text", "pace_text"]
    bullets = pd.DataFrame(rows, columns=["action_id", *columns])
    if not with_action:
        bullets = bullets.drop(columns="action_id")
    for column in ("year_share", "to_date_share", "actual_share"):
        bullets[column] = bullets[column].astype("float64")
    return bullets


def _share_ticks(end: float) -> list[float]:
    """Axis ticks every 25 % up to `end` (every 50 % beyond 200 %)."""
    step = 0.25 if end <= 2 else 0.5
    return [index * step for index in range(int(end / step + 1e-9) + 1)]


LABEL_SEPARATOR = "|||"
X_AXIS_HEIGHT = 32  # the share axis, inside the chart's height in Streamlit
LEFT_LABELS_WIDTH, RIGHT_LABELS_WIDTH = 130, 240  # the same plot width in most cards (longer labels still fit)


def _bullet_layout(bullets: pd.DataFrame) -> tuple[list[str], float, list[float], int]:
    """What a bullet chart's spec takes from its rows besides the rows: the order of the indicators, the end of
    the share axis (the longest bar, 100 % at least, plus 4 %), its ticks, and the chart's height."""
    longest = max([1.0, *bullets["actual_share"].dropna(), *bullets["to_date_share"].dropna()])
    return (list(bullets["key"]), longest * 1.04, _share_ticks(longest),
            max(1, len(bullets)) * ROW_HEIGHT + X_AXIS_HEIGHT)


def _keyed_bullets(frame: pd.DataFrame, with_action: bool = False) -> pd.DataFrame:
    bullets = bullet_frame(frame, with_action)
    bullets["key"] = bullets["indicator"] + LABEL_SEPARATOR + bullets["label"]
    return bullets


def bullet_chart(frame: pd.DataFrame) -> alt.TopLevelMixin:
    """Bullet chart of one action (rows of `objectives()`): per indicator, a light band for the year target
    (100 %), a darker one up to the target to date, a black tick at the target to date and the actual as a
    bar coloured by status; the indicator is written at the left, the actual, the target to date and the
    status at the right (a second axis, so that the text is never cut by the plot)."""
    bullets = _keyed_bullets(frame)
    order, x_end, ticks, height = _bullet_layout(bullets)
    x_scale = alt.Scale(domain=[0, x_end], nice=False)
    x_axis = alt.Axis(format=".0%", values=ticks, grid=True, title=None)
    tooltip = [alt.Tooltip("indicator:N", title="Indicateur"), alt.Tooltip("actual_text:N", title="Réalisé à date"),
               alt.Tooltip("to_date_text:N", title="Objectif à date"), alt.Tooltip("pace_text:N", title="Rythme"),
               alt.Tooltip("status:N", title="Statut"), alt.Tooltip("year_text:N", title="Objectif de l'année")]

    def y_axis(orient: str, part: int, **style) -> alt.Y:
        return alt.Y("key:N", sort=order, title=None, axis=alt.Axis(
            orient=orient, labelExpr=f"split(datum.label, '{LABEL_SEPARATOR}')[{part}]", labelFontSize=14,
            labelLimit=420, ticks=False, domain=False, labelColor=INK, **style))

    base = alt.Chart(bullets).encode(tooltip=tooltip)
    year_band = base.mark_bar(color=YEAR_TARGET_GREY, size=BAR_SIZE).encode(
        x=alt.X("year_share:Q", scale=x_scale, axis=x_axis), y=y_axis("left", 0, minExtent=LEFT_LABELS_WIDTH))
    to_date_band = base.mark_bar(color=TARGET_TO_DATE_GREY, size=BAR_SIZE).encode(
        x="to_date_share:Q", y=alt.Y("key:N", sort=order, axis=None))
    actual_bar = base.mark_bar(size=BAR_SIZE * 0.45).encode(
        x="actual_share:Q", y=alt.Y("key:N", sort=order, axis=None),
        color=alt.Color("status:N", scale=_status_scale(), legend=None))
    to_date_tick = base.mark_tick(color=INK, thickness=3, size=BAR_SIZE + 6).encode(
        x="to_date_share:Q", y=y_axis("right", 1, labelPadding=12, minExtent=RIGHT_LABELS_WIDTH))
    chart = alt.layer(year_band, to_date_band, actual_bar, to_date_tick).resolve_axis(y="independent")
    return french(chart, description=_bullet_description(bullets), height=height)


def _bullet_description(bullets: pd.DataFrame) -> str:
    return described("Réalisé de chaque indicateur face à son objectif à date.", (
        f"{indicator} : {actual} sur {to_date} à date, {status}" for indicator, actual, to_date, status
        in zip(bullets["indicator"], bullets["actual_text"], bullets["to_date_text"], bullets["status"])))


def bullet_specs(frame: pd.DataFrame, action_ids: list[str]) -> list[dict]:
    """The Vega-Lite specs of several actions' bullet charts (rows of `objectives()`), in the order of
    `action_ids`. Altair builds and checks the first chart only (that takes tens of milliseconds, so two dozen
    charts took seconds); every other spec is that one with its own rows, order of indicators, share axis and
    height put where bullet_chart puts them. The other actions' rows are built and made JSON-ready together,
    then dealt out. A test checks that both ways give the same spec."""
    chosen = frame[frame["action_id"].isin(action_ids[1:])]
    bullets = _keyed_bullets(chosen, with_action=True)
    records = alt.utils.sanitize_pandas_dataframe(bullets.drop(columns="action_id")).to_dict(orient="records")
    positions = bullets.groupby("action_id", sort=False).indices if len(bullets) else {}
    specs = []
    for action_id in action_ids:
        if not specs:
            specs.append(bullet_chart(frame[frame["action_id"] == action_id]).to_dict())
            continue
        rows = positions.get(action_id, [])
        specs.append(_filled_bullet_spec(specs[0], bullets.iloc[rows], [records[row] for row in rows]))
    return specs


def _filled_bullet_spec(template: dict, bullets: pd.DataFrame, values: list[dict]) -> dict:
    order, x_end, ticks, height = _bullet_layout(bullets)
    name = "data-" + hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()[:32]
    spec = {**template, "data": {"name": name}, "datasets": {name: values}, "height": height,
            "description": _bullet_description(bullets), "layer": copy.deepcopy(template["layer"])}
    for layer in spec["layer"]:
        layer["encoding"]["y"]["sort"] = order
    x = spec["layer"][0]["encoding"]["x"]
    x["scale"]["domain"], x["axis"]["values"] = [0, x_end], ticks
    return spec


MONTHLY_SERIES = ("Objectif du mois", "Réalisé du mois")


def monthly_frame(series: pd.DataFrame, metric: str) -> pd.DataFrame:
    """Long frame of one indicator's monthly target and actual (from `series()`), with the French month
    and the formatted figure for the tooltip; a month without a figure has no bar."""
    rows = []
    for month, target, actual in zip(series["month"], series["target"], series["actual"]):
        for name, amount in zip(MONTHLY_SERIES, (target, actual)):
            if _missing(amount):
                continue
            rows.append({"month": month, "mois": fmt.month(month), "mois_court": fmt.MONTHS_SHORT[month.month - 1],
                         "courbe": name, "valeur": float(amount), "texte": metric_value(amount, metric)})
    return pd.DataFrame(rows, columns=["month", "mois", "mois_court", "courbe", "valeur", "texte"])


def _unit(metric: str) -> str:
    metric_info = METRICS_BY_CODE.get(metric)
    return metric_info.unit if metric_info else "nombre"


def _value_axis(metric: str, title: str) -> alt.Axis:
    """French thousands; counts without half-steps (no "0, 1, 1, 2" on a small scale)."""
    if _unit(metric) == "nombre":
        return alt.Axis(format=EURO_FORMAT, title=title, tickMinStep=1)
    return alt.Axis(format=EURO_FORMAT, title=title)


def monthly_chart(series: pd.DataFrame, metric: str, color: str = "#0072B2") -> alt.TopLevelMixin:
    """Month by month target (grey) and actual (the action's channel colour) for one indicator."""
    frame = monthly_frame(series, metric).drop(columns="month")
    months = [fmt.MONTHS_SHORT[month.month - 1] for month in series["month"]]
    label = metric_label(metric)
    title = f"{label} ({_unit(metric)})" if _unit(metric) != "nombre" else label
    chart = alt.Chart(frame).mark_bar(cornerRadiusTopLeft=2, cornerRadiusTopRight=2).encode(
        x=alt.X("mois_court:N", title=None, sort=months, scale=alt.Scale(domain=months),
                axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("courbe:N", sort=list(MONTHLY_SERIES)),
        y=alt.Y("valeur:Q", axis=_value_axis(metric, title)),
        color=alt.Color("courbe:N", title=None, sort=list(MONTHLY_SERIES),
                        scale=alt.Scale(domain=list(MONTHLY_SERIES), range=[TARGET_TO_DATE_GREY, color])),
        tooltip=[alt.Tooltip("mois:N", title="Mois"), alt.Tooltip("courbe:N", title="Série"),
                 alt.Tooltip("texte:N", title=label)])
    return french(chart, description=f"{label} mois par mois : objectif et réalisé.", height=300)


CUMULATIVE_SERIES = ("Objectif cumulé", "Réalisé cumulé", "Atterrissage prévu")


def cumulative_frame(series: pd.DataFrame, metric: str) -> pd.DataFrame:
    """Long frame of one flow indicator's cumulative target, cumulative actual (to the as-of month) and
    forecast path (from `series()`); the forecast starts from the last cumulative actual so that the lines join."""
    rows = []
    last_actual = None
    for record in series.itertuples(index=False):
        values = {"Objectif cumulé": record.target_cumulative, "Réalisé cumulé": record.actual_cumulative,
                  "Atterrissage prévu": record.forecast}
        if not _missing(record.actual_cumulative):
            last_actual = (record.month, float(record.actual_cumulative))
        for name in CUMULATIVE_SERIES:
            if not _missing(values[name]):
                rows.append({"month": record.month, "courbe": name, "valeur": float(values[name])})
    frame = pd.DataFrame(rows, columns=["month", "courbe", "valeur"])
    if last_actual is not None and (frame["courbe"] == "Atterrissage prévu").any():
        joint = pd.DataFrame([{"month": last_actual[0], "courbe": "Atterrissage prévu", "valeur": last_actual[1]}])
        frame = pd.concat([frame, joint], ignore_index=True).sort_values(["courbe", "month"], kind="stable")
    frame["mois"] = [fmt.month(month) for month in frame["month"]]
    frame["texte"] = [metric_value(value, metric) for value in frame["valeur"]]
    return frame.reset_index(drop=True)


def cumulative_indicator_chart(series: pd.DataFrame, metric: str, color: str = "#0072B2") -> alt.TopLevelMixin:
    """Cumulative actual vs cumulative target and the forecast path, for one flow indicator of one action;
    the actual and its forecast in the action's channel colour, the target in grey; the lines also differ by
    dash, and the legend shows both."""
    data = month_frame(cumulative_frame(series, metric))
    unit = _unit(metric)
    title = f"Cumul ({unit})" if unit != "nombre" else f"{metric_label(metric)} cumulés"
    names = list(CUMULATIVE_SERIES)
    legend = alt.Legend(title=None, symbolType="stroke", symbolStrokeWidth=3, symbolSize=500)
    chart = alt.Chart(data).mark_line(point=alt.OverlayMarkDef(size=40), strokeWidth=3).encode(
        x=alt.X("month:T", title=None, axis=alt.Axis(format="%b", tickCount="month", labelAngle=0)),
        y=alt.Y("valeur:Q", axis=_value_axis(metric, title)),
        color=alt.Color("courbe:N", sort=names, legend=legend,
                        scale=alt.Scale(domain=names, range=["#999999", color, color])),
        strokeDash=alt.StrokeDash("courbe:N", sort=names, legend=legend,
                                  scale=alt.Scale(domain=names, range=[[6, 4], [1, 0], [2, 3]])),
        tooltip=[alt.Tooltip("mois:N", title="Mois"), alt.Tooltip("courbe:N", title="Courbe"),
                 alt.Tooltip("texte:N", title=title)])
    return french(chart, description=f"{title} : objectif cumulé, réalisé cumulé et atterrissage prévu.",
                  height=300)


def cost_frame(monthly_costs: list[float], as_of: datetime.date) -> pd.DataFrame:
    """Month (January to the as-of month), cost of the month and cumulative cost, from `monthly_actuals(…,
    "cout")`, with the French month and the formatted figures for the tooltip."""
    months = [datetime.date(as_of.year, number, 1) for number in range(1, len(monthly_costs) + 1)]
    frame = pd.DataFrame({"month": months, "cost": [float(c) for c in monthly_costs]})
    frame["cumulative"] = frame["cost"].cumsum()
    frame["mois"] = [fmt.month(month) for month in months]
    frame["mois_court"] = [fmt.MONTHS_SHORT[month.month - 1] for month in months]
    frame["cost_text"] = [fmt.euros(value) for value in frame["cost"]]
    frame["cumulative_text"] = [fmt.euros(value) for value in frame["cumulative"]]
    return frame


COST_SERIES = ("Coût du mois", "Coût cumulé", "Budget prévu")


def cost_chart(frame: pd.DataFrame, planned: float | None, color: str = "#0072B2") -> alt.TopLevelMixin:
    """Monthly cost (bars), cumulative cost (line) and the planned budget (dashed rule) of one action,
    from `cost_frame`."""
    data = frame.drop(columns="month")
    months = list(frame["mois_court"])
    x = alt.X("mois_court:N", title=None, sort=months, scale=alt.Scale(domain=months), axis=alt.Axis(labelAngle=0))
    y_axis = alt.Axis(format=EURO_FORMAT, title="Montant (€)")
    tooltip = [alt.Tooltip("mois:N", title="Mois"), alt.Tooltip("cost_text:N", title="Coût du mois"),
               alt.Tooltip("cumulative_text:N", title="Coût cumulé")]
    names = list(COST_SERIES)
    legend = alt.Scale(domain=names, range=[color, INK, "#D55E00"])
    bars = alt.Chart(data).transform_calculate(serie="'Coût du mois'").mark_bar(
        opacity=0.85, cornerRadiusTopLeft=2, cornerRadiusTopRight=2, width=alt.RelativeBandSize(0.6)).encode(
        x=x, y=alt.Y("cost:Q", axis=y_axis), color=alt.Color("serie:N", title=None, scale=legend, sort=names),
        tooltip=tooltip)
    line = alt.Chart(data).transform_calculate(serie="'Coût cumulé'").mark_line(point=True, strokeWidth=3).encode(
        x=x, y="cumulative:Q", color=alt.Color("serie:N", title=None, scale=legend, sort=names), tooltip=tooltip)
    layers = [bars, line]
    if not _missing(planned):
        rule_frame = pd.DataFrame({"budget": [float(planned)], "serie": ["Budget prévu"],
                                   "texte": [fmt.euros(planned)]})
        rule = alt.Chart(rule_frame).mark_rule(strokeDash=[8, 4], strokeWidth=2).encode(
            y="budget:Q", color=alt.Color("serie:N", title=None, scale=legend, sort=names),
            tooltip=[alt.Tooltip("texte:N", title="Budget prévu")])
        layers.append(rule)
    budget = f", face au budget prévu de {fmt.euros(planned)}" if not _missing(planned) else ""
    return french(alt.layer(*layers), description=f"Coût de l'action mois par mois et cumulé{budget}.", height=300)
