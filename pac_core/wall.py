"""The wall (Mode mural): which slides, how long each, and each slide as HTML sized in viewport units, so that
a 4K TV shows the same picture as a 1080p one, readable from 4 metres and never scrolling.

Every text that comes from the data (labels, names, owners, channels) goes through `html.escape`; the rest is
our own constant markup. No Streamlit here: screens/mural.py draws what these return.
"""

import datetime
import html
import math
from dataclasses import dataclass

import pandas as pd

from pac_core import clock
from pac_core import formatting as fmt
from pac_core.charts import channel_color
from pac_core.display import metric_value, status_text
from pac_core.display.channels import group_name, ranked
from pac_core.freshness import Freshness

SLIDES = {"chiffres": "Chiffres clés", "objectifs": "Objectifs stratégiques", "actions": "Actions",
          "canaux": "Canaux & ROI", "pipeline": "Pipeline"}
DEFAULT_SLIDES = ("chiffres", "objectifs", "actions", "canaux", "pipeline")
DEFAULT_SECONDS, MIN_SECONDS, MAX_SECONDS = 20, 3, 600
MAX_TICK = 30  # seconds: the clock, the data and the banner are redrawn at least this often
# Text on the wall is at least 7:1 against its darkest and its tile background (#0B0F14, #151B24): WCAG AAA, read
# from across a room (tests/test_wall.py measures every colour of WALL_CSS and these).
STATUS_ON_DARK = {"on_track": "#2BC79A", "watch": "#F5B335", "off_track": "#FF8F66", None: "#AEB2BB"}
TEXT_ON_DARK = "#F2F4F8"  # a figure without a goal
NIGHTLY_RELOAD = datetime.time(3, 0)  # company time: a full reload clears what a browser tab gathers over weeks
# How many items each slide's list shows without and with the stale-data banner (sizes in vh: the same at every
# resolution); checked in Chromium at 1280×720, 1080p and 4K with more items than room (tests/browser).
ROOM = {"objectifs": {False: 4, True: 4}, "actions": {False: 7, True: 6}, "canaux": {False: 6, True: 5}}


@dataclass(frozen=True)
class Rotation:
    slides: tuple[str, ...]
    seconds: int  # each slide stays this long
    tick: float  # the fragment's run_every: divides `seconds`, at most MAX_TICK
    note: str = ""  # what was asked in the URL and could not be followed, in French

    @property
    def ticks_per_slide(self) -> int:
        return round(self.seconds / self.tick)

    def slide_at(self, tick_count: int) -> str:
        """The slide shown after `tick_count` redraws."""
        return self.slides[(tick_count // self.ticks_per_slide) % len(self.slides)]


def rotation(screens: str | None, seconds: str | None) -> Rotation:
    """The rotation asked in the URL (?ecrans=objectifs,canaux&duree=20); unknown names are left out, and an
    empty or unreadable choice falls back to the default."""
    chosen = [name.strip().lower() for name in (screens or "").split(",")]
    slides = tuple(dict.fromkeys(name for name in chosen if name in SLIDES)) or DEFAULT_SLIDES
    notes = []
    if screens and any(name and name not in SLIDES for name in chosen):
        notes.append(f"écrans inconnus ignorés (choix : {', '.join(SLIDES)})")
    try:
        duration = float(seconds) if seconds else float(DEFAULT_SECONDS)
    except (TypeError, ValueError):
        duration = math.nan
    if not math.isfinite(duration):  # « abc », « nan », « 1e999 »
        notes.append(f"durée « {str(seconds)[:20]} » illisible : {DEFAULT_SECONDS} s")
        duration = DEFAULT_SECONDS
    elif not MIN_SECONDS <= duration <= MAX_SECONDS:
        notes.append(f"durée ramenée entre {MIN_SECONDS} et {MAX_SECONDS} s")
    duration = int(min(max(duration, MIN_SECONDS), MAX_SECONDS))
    return Rotation(slides, duration, duration / math.ceil(duration / MAX_TICK), " · ".join(notes))


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _present(value) -> bool:
    return value is not None and value is not pd.NA and value == value


def reload_due(started: datetime.datetime, now: datetime.datetime) -> bool:
    """Whether the night's reload time (03:00, company time) has come since the wall page was opened."""
    first = datetime.datetime.combine(started.date(), NIGHTLY_RELOAD, tzinfo=started.tzinfo)
    if started >= first:
        first += datetime.timedelta(days=1)
    return now >= first


def frame_html(title: str, body: str, *, as_of: datetime.date | None, freshness: Freshness | None,
               now: datetime.datetime, position: str, reload: bool = False) -> str:
    """The whole screen: top bar (name, slide, clock), the stale-data banner, the slide, the bottom bar. The clock
    is the server's, in the company's time zone (`now` is aware); the page's script keeps it ticking from there."""
    data_line = f"Données à fin {fmt.month(as_of, long=True)}" if as_of else "Aucune donnée"
    if freshness is not None and freshness.changed_at is not None:
        data_line += f" · mises à jour le {fmt.local_time(freshness.changed_at)}"
    warning = banner_text(freshness)
    banner = f'<div class="pac-banner" role="alert">⚠ {_e(warning)}</div>' if warning else ""
    epoch = int(now.timestamp() * 1000)
    zone = getattr(now.tzinfo, "key", None) or clock.zone().key
    return f"""<div class="pac-wall" data-slide="{_e(title)}" data-reload="{int(reload)}">
<div class="pac-top"><span class="pac-brand">PAC Pilot</span><span class="pac-title">{_e(title)}</span>
<span class="pac-clock" id="pac-clock" data-epoch="{epoch}" data-zone="{_e(zone)}">{now:%H:%M}</span></div>
{banner}<div class="pac-body">{body}</div>
<div class="pac-bottom"><span class="pac-data">{_e(data_line)}</span><span>{_e(position)}</span></div>
</div>"""


def banner_text(freshness: Freshness | None) -> str | None:
    """The stale-data banner's sentence, None when the data is up to date."""
    return freshness.message() if freshness is not None else None


def list_room(freshness: Freshness | None, slide: str = "actions") -> int:
    """How many items a slide's list may show: fewer when the banner takes its line."""
    return ROOM.get(slide, ROOM["actions"])[banner_text(freshness) is not None]


def _shown(count: int, room: int) -> int:
    """Items shown of `count` in `room` lines: all when they fit, else one line fewer, for « … et N autres »."""
    return count if count <= room else room - 1


def _more(hidden: int, tag: str = "li") -> str:
    """The last line of a list that has more items than room (always two or more: one would take the line)."""
    return f'<{tag} class="pac-more">… et {fmt.number(hidden)} autres</{tag}>' if hidden > 0 else ""


def _tile(label: str, value: str, detail: str = "", color: str = TEXT_ON_DARK, status: str | None = None,
          more: str = "") -> str:
    """A figure with its label and detail line; `more`, a second detail line when given."""
    marked = f' data-status="{_e(status)}"' if status else ""
    second = f'<div class="pac-detail">{_e(more)}</div>' if more else ""
    return (f'<div class="pac-tile"{marked}><div class="pac-label">{_e(label)}</div>'
            f'<div class="pac-headline" style="color:{color}">{_e(value)}</div>'
            f'<div class="pac-detail">{_e(detail)}</div>{second}</div>')


def _goal_tile(label: str, value: str, pace, on_track: float, watch: float, forecast: str = "") -> str:
    """A figure that has a goal: in its status colour, with the status icon and word beside the pace (never told
    by colour alone), and its year-end forecast when given."""
    status = status_of(pace, on_track, watch)
    detail = f"{fmt.percent(pace)} de l'objectif à date"
    if status is not None:
        detail += f" · {status_text(status)}"
    return _tile(label, value, detail, STATUS_ON_DARK[status], status or "none", more=forecast)


def forecast_line(methods: pd.DataFrame) -> str:
    """« Fin d'année : 240 000 € (225 000 – 255 000 €) »: the revenue forecast and its band, added up over the
    methods (kpi.year_end.forecast_methods); "" without one."""
    if methods is None or methods.empty or not _present(methods["forecast"].sum(min_count=1)):
        return ""
    low, high = methods["low"].sum(min_count=1), methods["high"].sum(min_count=1)
    return (f"Fin d'année prévue : {fmt.euros(methods['forecast'].sum())} "
            f"({fmt.euros(low)} – {fmt.euros(high)})")


def status_of(pace, on_track: float = 0.95, watch: float = 0.80) -> str | None:
    """on_track / watch / off_track from the pace, with the scope's thresholds; None without a pace."""
    if not _present(pace):
        return None
    return "on_track" if pace >= on_track else "watch" if pace >= watch else "off_track"


def headline_slide(now, on_track: float = 0.95, watch: float = 0.80, revenue_forecast: str = "") -> str:
    """Chiffres clés: revenue (with its year-end forecast, `forecast_line`), new clients, contacts (each in its
    status colour), budget consumed (a pac_core.kpi.headline.Headline); `on_track` and `watch` are the scope's
    thresholds."""
    return '<div class="pac-tiles pac-grid">' + "".join([
        _goal_tile("Chiffre d'affaires", fmt.euros(now.revenue_to_date), now.revenue_pace, on_track, watch,
                   revenue_forecast),
        _goal_tile("Nouveaux clients", fmt.count(now.new_clients_to_date), now.new_clients_pace, on_track, watch),
        _goal_tile("Contacts", fmt.count(now.contacts_to_date), now.contacts_pace, on_track, watch),
        _tile("Budget consommé", fmt.percent(now.budget_consumed, 0),
              f"{fmt.euros(now.cost_to_date)} sur {fmt.euros(now.budget_year)}"),
    ]) + "</div>"


def _bar(share, color: str) -> str:
    width = min(max(float(share), 0.0), 1.0) * 100 if _present(share) else 0.0
    return f'<div class="pac-track"><div class="pac-fill" style="width:{width:.1f}%;background:{color}"></div></div>'


def objectives_slide(strategic: pd.DataFrame, room: int = ROOM["objectifs"][False]) -> str:
    """Each strategic objective: where it stands, the way to its target, its forecast and status; as many as the
    room allows, the rest counted."""
    if strategic.empty:
        return '<div class="pac-empty">Aucun objectif stratégique n\'est défini.</div>'
    rows = []
    shown = _shown(len(strategic), room)
    for row in strategic.head(shown).itertuples(index=False):
        color = STATUS_ON_DARK.get(row.status if isinstance(row.status, str) else None)
        label = row.label if isinstance(row.label, str) and row.label.strip() else row.objective_id
        progress = row.progress if _present(row.progress) else None
        rows.append(
            f'<div class="pac-objective"><div class="pac-objective-text"><div class="pac-label">{_e(label)}</div>'
            f'<div class="pac-detail">Cible {_e(metric_value(row.target, row.metric))} · atterrissage '
            f'{_e(metric_value(row.forecast, row.metric))} · <span style="color:{color}">'
            f'{_e(status_text(row.status))}</span></div>{_bar(progress, color)}</div>'
            f'<div class="pac-headline pac-objective-value" style="color:{color}">'
            f'{_e(metric_value(row.current, row.metric))}</div></div>')
    return '<div class="pac-rows">' + "".join(rows) + _more(len(strategic) - shown, "div") + "</div>"


def _owner(owner) -> str:
    return owner if isinstance(owner, str) and owner.strip() else "sans responsable"


def actions_slide(counts: dict, late: pd.DataFrame, late_count: int, room: int = ROOM["actions"][False]) -> str:
    """How many actions are on track, to watch and late, then the late actions, furthest behind first: one line
    each with its worst indicator and its owner, as many as the room allows, the rest counted (« … et 3 autres »).
    `late` has the columns of kpi.compare.late_actions; `late_count` is how many actions are late in all."""
    tiles = "".join(_tile(status_text(status), fmt.number(counts.get(status, 0)), color=STATUS_ON_DARK[status])
                    for status in ("on_track", "watch", "off_track"))
    shown = _shown(late_count, room)
    lines = "".join(
        f'<li><span class="pac-late-name">{_e(row.name)}</span>'
        f'<span class="pac-late-figure">{_e(row.metric_label.lower())} à {_e(fmt.percent(row.pace))}</span>'
        f'<span class="pac-late-owner">{_e(_owner(row.owner))}</span></li>'
        for row in late.head(shown).itertuples(index=False))
    more = _more(late_count - min(shown, len(late)))
    listing = (f'<div class="pac-list"><div class="pac-label">Les actions en retard</div><ul>{lines}{more}</ul></div>'
               if late_count else "")
    return f'<div class="pac-tiles pac-three">{tiles}</div>{listing}'


def channels_slide(company: pd.DataFrame, channels: pd.DataFrame, room: int = ROOM["canaux"][False]) -> str:
    """The company's ROI, then each channel's ROI as a bar in its colour, best first, as many as the room allows."""
    row = company.iloc[0] if len(company) else None
    head = "".join([
        _tile("ROI", fmt.percent(row["roi"]) if row is not None and _present(row["roi"]) else fmt.MISSING,
              "(CA − coût) / coût depuis janvier"),
        _tile("CA attribué", fmt.euros(row["revenue"]) if row is not None else fmt.MISSING,
              f"pour {fmt.euros(row['cost'])} dépensés" if row is not None else ""),
    ])
    with_roi = ranked(channels[channels["roi"].notna()])
    rows = with_roi.head(_shown(len(with_roi), room))
    top = max([abs(float(value)) for value in rows["roi"]] + [1e-9])
    bars = "".join(
        f'<div class="pac-hbar"><span class="pac-hname">{_e(group_name(r.channel))}</span>'
        f'{_bar(max(float(r.roi), 0) / top, channel_color(r.channel))}'
        f'<span class="pac-hvalue{" pac-value-negative" if r.roi < 0 else ""}">{_e(fmt.percent(r.roi))}</span></div>'
        for r in rows.itertuples(index=False))
    more = _more(len(with_roi) - len(rows), "div")
    return f'<div class="pac-tiles pac-two">{head}</div><div class="pac-bars">{bars}{more}</div>'


def pipeline_slide(summary: pd.DataFrame, funnel: pd.DataFrame) -> str:
    """Weighted pipeline and win rate, then the funnel stage by stage."""
    if summary.empty or not summary["opportunities"].iloc[0]:
        return '<div class="pac-empty">Aucune opportunité dans le pipeline.</div>'
    row = summary.iloc[0]
    head = "".join([
        _tile("Pipeline pondéré", fmt.euros(row["weighted_value"]),
              f"{fmt.number(row['open'])} opportunités en cours"),
        _tile("Taux de transformation", fmt.percent(row["win_rate"], 0) if _present(row["win_rate"]) else fmt.MISSING,
              f"{fmt.number(row['won'])} gagnées"),
    ])
    top = max(float(funnel["reached"].max()) if len(funnel) else 0.0, 1.0)
    bars = "".join(
        f'<div class="pac-hbar"><span class="pac-hname">{_e(r.stage)}</span>{_bar(r.reached / top, "#5FA8E8")}'
        f'<span class="pac-hvalue">{_e(fmt.number(r.reached))}</span></div>'
        for r in funnel.sort_values("stage_number").itertuples(index=False))
    return f'<div class="pac-tiles pac-two">{head}</div><div class="pac-bars">{bars}</div>'


# The wall's look: dark, high contrast, every size in viewport units; fixed to the screen so nothing scrolls.
WALL_CSS = """<style>
html, body, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] {
  overflow: hidden !important; background: #0B0F14 !important; }
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"] { display: none !important; }
[data-stale="true"], .stale-element { opacity: 1 !important; transition: none !important; }
.pac-wall { position: fixed; inset: 0; z-index: 999990; box-sizing: border-box; padding: 2.5vh 3vw;
  display: flex; flex-direction: column; gap: 2vh; background: #0B0F14; color: #F2F4F8;
  font-family: "Source Sans", "DejaVu Sans", sans-serif; overflow: hidden; }
.pac-top, .pac-bottom { display: flex; align-items: baseline; justify-content: space-between; gap: 2vw;
  line-height: 1.2; }
/* Text from the data never wraps: one line, cut with an ellipsis (a slide never shows half a line) */
.pac-title, .pac-bottom > span, .pac-banner, .pac-label, .pac-detail, .pac-list li > span {
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; }
.pac-brand, .pac-clock { flex: none; }
.pac-brand { font-size: 3vh; color: #8FC1F0; font-weight: 700; }
.pac-title { font-size: 5.2vh; font-weight: 700; flex: 1; }
.pac-clock { font-size: 6vh; font-weight: 700; font-variant-numeric: tabular-nums; }
.pac-bottom { font-size: 2.8vh; color: #C9CDD6; }
.pac-banner { background: #7A2E00; color: #FFFFFF; border-left: 1vw solid #FF7A45; font-size: 3.2vh;
  line-height: 1.2; padding: 1.2vh 1.5vw; font-weight: 600; flex: none; }
.pac-body { flex: 1; min-height: 0; display: flex; flex-direction: column; gap: 3vh; overflow: hidden; }
.pac-tiles { display: grid; grid-template-columns: repeat(4, 1fr); gap: 2vw; }
.pac-tiles.pac-three { grid-template-columns: repeat(3, 1fr); }
.pac-tiles.pac-two { grid-template-columns: repeat(2, 1fr); }
.pac-tile { background: #151B24; border-radius: 1vh; padding: 2.5vh 1.5vw; min-width: 0; }
.pac-label { font-size: 3.4vh; color: #C9CDD6; font-weight: 600; }
.pac-headline { font-size: 9vh; line-height: 1.1; font-weight: 800; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; font-variant-numeric: tabular-nums; }
.pac-tiles.pac-grid { grid-template-columns: repeat(2, 1fr); grid-template-rows: 1fr 1fr; flex: 1; }
.pac-grid .pac-tile { display: flex; flex-direction: column; justify-content: center; }
.pac-grid .pac-headline, .pac-three .pac-headline { font-size: min(14vh, 7vw); }
.pac-value-negative { color: #FF8F66; }
.pac-detail { font-size: 3vh; color: #C9CDD6; }
.pac-rows { display: flex; flex-direction: column; gap: 2vh; flex: 1; }
.pac-objective { flex: 1; max-height: 24vh; display: flex; align-items: center; gap: 3vw; background: #151B24;
  border-radius: 1vh; padding: 0.8vh 1.5vw; }
.pac-objective-text { flex: 1; min-width: 0; display: flex; flex-direction: column; gap: 0.6vh; }
.pac-track { height: 2.6vh; background: #2A3240; border-radius: 1.3vh; overflow: hidden; flex: 1 0 auto; }
.pac-objective-text .pac-track { flex: none; width: 100%; }
/* The figure takes a fixed width, so every objective's track has the same length: one scale on the slide */
.pac-objective-value { flex: none; width: 30vw; text-align: right; font-size: min(8vh, 4.5vw); }
.pac-fill { height: 100%; border-radius: 1.3vh; }
.pac-list ul { margin: 1vh 0 0 0; padding: 0; font-size: 4.2vh; line-height: 1.5; list-style: none; }
.pac-list li { display: flex; align-items: baseline; gap: 1.5vw; height: 1.5em; }
.pac-list li::before { content: "●"; color: #FF8F66; font-size: 0.6em; flex: none; }
.pac-list li.pac-more { color: #C9CDD6; }
.pac-list li.pac-more::before { content: ""; }
.pac-late-name { font-weight: 700; flex: 0 1 auto; }
.pac-late-figure { flex: none; font-variant-numeric: tabular-nums; }
.pac-late-owner { flex: 0 1 auto; max-width: 24vw; color: #C9CDD6; }
.pac-bars { display: flex; flex-direction: column; justify-content: space-evenly; flex: 1; }
.pac-hbar { display: flex; align-items: center; gap: 1.5vw; font-size: 4vh; }
.pac-hname { width: 36vw; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.pac-hvalue { width: 11vw; text-align: right; font-weight: 700; font-variant-numeric: tabular-nums; }
.pac-empty { font-size: 4vh; color: #C9CDD6; }
div.pac-more { font-size: 3.4vh; color: #C9CDD6; white-space: nowrap; }
</style>"""
