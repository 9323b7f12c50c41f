"""The monthly review: the meeting's short sequence of views, each with one message, built once from the KPI
engine's answers so that the screen and the PDF show the same thing.

`review_data` reads every figure the review needs (one call, cached by the page); `review_views` turns it into
views of French text, cards, a table and a chart. The month's comment is saved through the one writer.
"""

import dataclasses
import datetime
import re
import unicodedata

import altair as alt
import pandas as pd

from pac_core import access
from pac_core import formatting as fmt
from pac_core.accounts import Principal
from pac_core.charts.channels import ranking_chart
from pac_core.charts.overview import cumulative_chart
from pac_core.charts.owners import pace_chart
from pac_core.charts.pipeline import funnel_chart
from pac_core.decisions import decisions_until
from pac_core.display import metric_value, status_text
from pac_core.display.channels import group_name, headline_cards as roi_cards, ranked, ranking_frame
from pac_core.display.overview import Card, forecast_note, headline_cards, strategic_cards
from pac_core.display.owners import pace_frame
from pac_core.display.pipeline import NO_OPPORTUNITY, funnel_frame, summary_cards
from pac_core.kpi import alerts as kpi_alerts
from pac_core.kpi import compare, funnel, headline, objectives, roi, series, strategic, year_end
from pac_core.kpi.scope import Filters, Scope, resolve, status_of
from pac_core.store import Store

VIEWS = {"mois": "Le mois en bref", "objectifs": "Objectifs stratégiques et rythme",
         "actions": "Actions : les meilleures et les plus en retard", "canaux": "Canaux et ROI",
         "pipeline": "Pipeline", "decisions": "Décisions prises et à prendre"}
DECISION_KINDS = ("off_track", "over_budget")  # alerts that call for maintenir / renforcer / réduire / arrêter
PACE_RULE = "Rythme = réalisé à date / objectif à date ; atterrissage = réalisé + reste du plan × rythme."
NO_DECISION_YET = ("Aucune décision enregistrée à ce jour : elles se prennent en revue trimestrielle "
                   "(maintenir, renforcer, réduire, arrêter, nouvelle action).")


# The filters as a person names them, in the order of the sidebar: (field of Filters, URL key, label).
FILTER_NAMES = (("lever", "levier", "Levier"), ("channel", "canal", "Canal"), ("owner", "responsable", "Responsable"),
                ("kind", "type", "Type d'action"), ("segment", "cible", "Cible"))


def filters_text(filters: Filters) -> str:
    """The active filters as read in a title: « Canal : Salon · Responsable : A, B » (a no-break space before the
    colon, as French writes it); empty when none."""
    return " · ".join(f"{label}\u00a0: {', '.join(values)}" for field, _, label in FILTER_NAMES
                      if (values := getattr(filters, field)))


def review_title(filters: Filters) -> str:
    """« Revue mensuelle », naming its filters: a filtered review must never pass for the whole company's."""
    named = filters_text(filters)
    return f"Revue mensuelle · {named}" if named else "Revue mensuelle"


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def pdf_file_name(month: datetime.date, filters: Filters) -> str:
    """revue-2026-10.pdf, or revue-2026-10-canal-salon.pdf: the file says which part of the company it shows."""
    parts = [f"revue-{month:%Y-%m}"]
    for field, key, _ in FILTER_NAMES:
        if values := getattr(filters, field):
            parts.append("-".join([key, *(_slug(value) or "x" for value in values)]))
    return "-".join(parts) + ".pdf"


def of_month(month: datetime.date) -> str:
    """'de septembre 2026', 'd'octobre 2026': French elides "de" before a vowel."""
    name = fmt.month(month, long=True)
    return f"d'{name}" if name[0] in "aeioué" else f"de {name}"


@dataclasses.dataclass(frozen=True)
class ReviewData:
    month: datetime.date
    now: headline.Headline
    before: headline.Headline | None  # the month before, in the same year
    revenue_series: pd.DataFrame
    strategic: pd.DataFrame
    company: pd.DataFrame  # objectives rolled up for the company, one row per indicator
    status_counts: dict
    top: pd.DataFrame
    flop: pd.DataFrame
    channels: pd.DataFrame
    company_roi: pd.DataFrame
    pipeline: pd.DataFrame
    funnel: pd.DataFrame
    decisions: pd.DataFrame
    alerts: pd.DataFrame
    scope: Scope = dataclasses.field(default_factory=Scope)  # the thresholds that colour the cards, the filters
    forecast_methods: pd.DataFrame | None = None  # how the revenue forecast was made (kpi/year_end.forecast_methods)


def review_data(store: Store, scope: Scope) -> ReviewData:
    """Every figure of the review of scope.as_of, from the KPI engine."""
    scope = resolve(store, scope)
    previous = dataclasses.replace(scope, as_of=fmt.previous_month(scope.as_of)) if scope.as_of.month > 1 else None
    top, flop = compare.top_and_flop_by_pace(store, scope, count=3)
    return ReviewData(
        month=scope.as_of, now=headline.headline(store, scope),
        before=headline.headline(store, previous) if previous else None,
        revenue_series=series.series(store, "ca", scope), strategic=strategic.strategic_objectives(store, scope),
        company=objectives.rollup(store, scope), status_counts=objectives.counts_of(objectives.status_summary(store, scope)),
        top=top, flop=flop, channels=roi.channel_roi(store, scope, by="channel"),
        company_roi=roi.channel_roi(store, scope, by="company"), pipeline=funnel.pipeline_summary(store, scope),
        funnel=funnel.funnel(store, scope), decisions=decisions_until(store, scope.as_of),
        alerts=kpi_alerts.alerts(store, scope), scope=scope,
        forecast_methods=year_end.forecast_methods(store, scope, "ca"))


@dataclasses.dataclass(frozen=True)
class Comment:
    month: datetime.date
    text: str
    written_at: datetime.datetime
    written_by: str

    def line(self) -> str:
        return (f"Noté à la revue {of_month(self.month)} ({self.written_by}, "
                f"le {fmt.local_date(self.written_at)}) : « {self.text} »")


def month_comment(store: Store, month: datetime.date) -> Comment | None:
    found = store.review_comment(month)
    return Comment(month.replace(day=1), *found) if found else None


def save_month_comment(store: Store, month: datetime.date, text: str, who: Principal | None = None) -> None:
    """Save the review's comment, after the app's write guard (pac_core.access)."""
    access.save_review_comment(store, month, text, who)


@dataclasses.dataclass(frozen=True)
class View:
    key: str
    title: str
    message: str  # the one thing to remember from this view
    cards: tuple[Card, ...] = ()
    chart: alt.TopLevelMixin | None = None
    table: pd.DataFrame | None = None
    table_title: str = ""
    lines: tuple[str, ...] = ()  # a list read aloud (decisions to take)
    lines_title: str = ""
    notes: tuple[str, ...] = ()  # small print: rules, last month's comment
    quote_title: str = ""  # the month's own comment, written at the meeting
    quote: str = ""
    card_statuses: tuple[str | None, ...] = ()  # on_track / watch / off_track per card that has a goal, else None


NUMERIC_START = "0123456789−-+"


def numeric_columns(frame: pd.DataFrame) -> list[bool]:
    """Columns whose every value is a figure (or « — »): right-aligned on the screen and in the PDF."""
    flags = []
    for name in frame.columns:
        values = [str(value).strip() for value in frame[name] if str(value).strip() not in ("", fmt.MISSING)]
        flags.append(bool(values) and all(value[0] in NUMERIC_START and any(c.isdigit() for c in value)
                                          for value in values))
    return flags


def _present(value) -> bool:
    return value is not None and value is not pd.NA and value == value


def _month_view(data: ReviewData, previous_comment: Comment | None) -> View:
    now, before = data.now, data.before
    month = fmt.month(data.month, long=True)
    in_month = (now.revenue_to_date - before.revenue_to_date
                if before is not None and _present(now.revenue_to_date) and _present(before.revenue_to_date)
                else now.revenue_to_date if data.month.month == 1 else None)
    message = (f"{fmt.euros(in_month)} de chiffre d'affaires en {month}" if _present(in_month) else month.capitalize())
    message += (f" ; {fmt.euros(now.revenue_to_date)} depuis janvier, soit {fmt.percent(now.revenue_pace)} "
                "de l'objectif à date.")
    notes = (previous_comment.line(),) if previous_comment else ()
    if data.forecast_methods is not None and data.month.month < 12:
        notes += (forecast_note(data.forecast_methods),)
    statuses = tuple(status_of(pace, data.scope) if _present(pace) else None
                     for pace in (now.revenue_pace, now.contacts_pace, now.new_clients_pace)) + (None,)
    return View("mois", VIEWS["mois"], message, tuple(headline_cards(now, before, {})),
                chart=cumulative_chart(data.revenue_series), notes=notes, card_statuses=statuses)


def _objectives_view(data: ReviewData) -> View:
    frame = data.strategic
    on_track = int((frame["status"] == "on_track").sum()) if len(frame) else 0
    watch, late = (int((frame["status"] == status).sum()) for status in ("watch", "off_track"))
    message = (f"Objectifs stratégiques : {on_track} sur {len(frame)} en bonne voie, {watch} à surveiller, "
               f"{late} en retard." if len(frame) else "Aucun objectif stratégique n'est défini.")
    cards = tuple(Card(card.label, card.current, caption=f"{card.progress_text} · {card.forecast_text} · "
                                                         f"{card.status}") for card in strategic_cards(frame))
    company = data.company[data.company["target_to_date"].notna()]
    table = pd.DataFrame({
        "Indicateur": company["metric_label"].tolist(),
        "Réalisé à date": [metric_value(v, m) for v, m in zip(company["actual_to_date"], company["metric"])],
        "Objectif à date": [metric_value(v, m) for v, m in zip(company["target_to_date"], company["metric"])],
        "Rythme": [fmt.percent(v) if _present(v) else fmt.MISSING for v in company["pace"]],
        "Statut": [status_text(v) for v in company["status"]],
        "Atterrissage": [metric_value(v, m) for v, m in zip(company["forecast"], company["metric"])],
        "Objectif de l'année": [metric_value(v, m) for v, m in zip(company["target_year"], company["metric"])],
    })
    statuses = tuple(status if isinstance(status, str) else None for status in frame["status"]) if len(frame) else ()
    return View("objectifs", VIEWS["objectifs"], message, cards, table=table,
                table_title="Rythme de l'entreprise, indicateur par indicateur",
                notes=(PACE_RULE,), card_statuses=statuses)


def _top_flop_rows(frame: pd.DataFrame, side: str) -> list[dict]:
    return [{"": side, "Action": row.name, "Responsable": row.owner if _present(row.owner) else fmt.MISSING,
             "Indicateur": row.metric_label, "Réalisé à date": metric_value(row.actual_to_date, row.metric),
             "Objectif à date": metric_value(row.target_to_date, row.metric), "Rythme": fmt.percent(row.pace),
             "Statut": status_text(row.status)} for row in frame.itertuples(index=False)]


def _actions_view(data: ReviewData) -> View:
    counts = data.status_counts
    message = (f"{counts['on_track']} actions en bonne voie, {counts['watch']} à surveiller, "
               f"{counts['off_track']} en retard.")
    table = pd.DataFrame(_top_flop_rows(data.top, "▲ Top") + _top_flop_rows(data.flop, "▼ Flop"))
    both = pd.concat([data.top, data.flop]).drop_duplicates(["action_id", "metric"])
    chart = pace_chart(pace_frame(both)) if len(both) else None
    return View("actions", VIEWS["actions"], message, table=table, chart=chart,
                table_title="Les trois meilleurs rythmes et les trois plus faibles, avec leur responsable")


def _channels_view(data: ReviewData) -> View:
    with_roi = ranked(data.channels[data.channels["roi"].notna()])
    if len(with_roi):
        best, worst = with_roi.iloc[0], with_roi.iloc[-1]
        message = (f"Meilleur ROI : {group_name(best['channel'])} ({fmt.percent(best['roi'])}) ; "
                   f"le plus faible : {group_name(worst['channel'])} ({fmt.percent(worst['roi'])}).")
    else:
        message = "Aucun coût enregistré : le ROI des canaux n'est pas encore mesurable."
    ranking = ranking_frame(data.channels, "channel")
    return View("canaux", VIEWS["canaux"], message, tuple(roi_cards(data.company_roi)),
                chart=ranking_chart(ranking, "channel") if len(ranking) else None,
                notes=("ROI = (CA − coût) / coût, depuis janvier ; « — » : pas de coût.",))


def _pipeline_view(data: ReviewData) -> View:
    summary = data.pipeline
    if summary.empty or not summary["opportunities"].iloc[0]:
        return View("pipeline", VIEWS["pipeline"], NO_OPPORTUNITY)
    row = summary.iloc[0]
    message = (f"{fmt.euros(row['weighted_value'])} de pipeline pondéré ; taux de transformation "
               f"{fmt.percent(row['win_rate']) if _present(row['win_rate']) else fmt.MISSING}.")
    return View("pipeline", VIEWS["pipeline"], message, tuple(summary_cards(summary)),
                chart=funnel_chart(funnel_frame(data.funnel)))


def decisions_to_take(alerts: pd.DataFrame) -> list[str]:
    """The alerts that call for a decision (an action late, a budget overrun), most urgent first."""
    return alerts[alerts["kind"].isin(DECISION_KINDS)]["message"].tolist()


def _decisions_view(data: ReviewData, comment: Comment | None) -> View:
    to_take = decisions_to_take(data.alerts)
    late = int((data.alerts["kind"] == "off_track").sum())
    budgets = int((data.alerts["kind"] == "over_budget").sum())
    message = (f"{len(to_take)} sujet{'s' if len(to_take) > 1 else ''} appelle{'nt' if len(to_take) > 1 else ''} "
               f"une décision : {late} objectif{'s' if late > 1 else ''} en retard, "
               f"{budgets} budget{'s' if budgets > 1 else ''} dépassé{'s' if budgets > 1 else ''} ou en passe de "
               "l'être." if to_take else "Aucune action en retard ni budget dépassé : pas de décision urgente.")
    decisions = data.decisions
    table = pd.DataFrame({
        "Date": [fmt.date(day) for day in decisions["decided_on"]],
        "Action": [name if _present(name) else (action or "Nouvelle action")
                   for name, action in zip(decisions["name"], decisions["action_id"])],
        "Décision": [str(value).capitalize() for value in decisions["decision"]],
        "Responsable": [value if _present(value) else fmt.MISSING for value in decisions["owner"]],
        "Commentaire": [value if _present(value) else fmt.MISSING for value in decisions["comment"]],
    }) if len(decisions) else None
    return View("decisions", VIEWS["decisions"], message, table=table, table_title="Décisions prises",
                lines=tuple(to_take), lines_title="À décider", notes=(NO_DECISION_YET,) if table is None else (),
                quote_title=f"Commentaire de la revue {of_month(data.month)}",
                quote=comment.text if comment else "")


def review_views(data: ReviewData, previous_comment: Comment | None = None,
                 comment: Comment | None = None) -> list[View]:
    """The review's views in the meeting's order (see VIEWS)."""
    return [_month_view(data, previous_comment), _objectives_view(data), _actions_view(data),
            _channels_view(data), _pipeline_view(data), _decisions_view(data, comment)]
