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
STATUS_ON_DARK = {"on_track": "#2BC79A", "watch": "#F5B335", "off_track": "#FF7A45", None: "#A0A4AE"}


@dataclass(frozen=True)
class Rotation:
    slides: tuple[str, ...]
    seconds: int  # each slide stays this long
    tick: float  # the fragment's run_every: divides `seconds`, at most MAX_TICK

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
    try:
        duration = int(float(seconds)) if seconds else DEFAULT_SECONDS
    except ValueError:
        duration = DEFAULT_SECONDS
    duration = min(max(duration, MIN_SECONDS), MAX_SECONDS)
    return Rotation(slides, duration, duration / math.ceil(duration / MAX_TICK))


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _present(value) -> bool:
    return value is not None and value is not pd.NA and value == value


def frame_html(title: str, body: str, *, as_of: datetime.date | None, freshness: Freshness | None,
               now: datetime.datetime, position: str) -> str:
    """The whole screen: top bar (name, slide, clock), the stale-data banner, the slide, the bottom bar."""
    data_line = f"Données à fin {fmt.month(as_of, long=True)}" if as_of else "Aucune donnée"
    if freshness is not None and freshness.changed_at is not None:
        data_line += f" · mises à jour le {freshness.changed_at:%d/%m/%Y à %H:%M}"
    warning = freshness.message() if freshness is not None else None
    banner = f'<div class="pac-banner" role="alert">⚠ {_e(warning)}</div>' if warning else ""
    return f"""<div class="pac-wall" data-slide="{_e(title)}">
<div class="pac-top"><span class="pac-brand">PAC Pilot</span><span class="pac-title">{_e(title)}</span>
<span class="pac-clock" id="pac-clock">{now:%H:%M}</span></div>
{banner}<div class="pac-body">{body}</div>
<div class="pac-bottom"><span class="pac-data">{_e(data_line)}</span><span>{_e(position)}</span></div>
</div>"""


def _tile(label: str, value: str, detail: str = "", color: str = "#F2F4F8") -> str:
    return (f'<div class="pac-tile"><div class="pac-label">{_e(label)}</div>'
            f'<div class="pac-headline" style="color:{color}">{_e(value)}</div>'
            f'<div class="pac-detail">{_e(detail)}</div></div>')


def headline_slide(now) -> str:
    """Chiffres clés: revenue, new clients, contacts, budget consumed (a pac_core.kpi.headline.Headline)."""
    return '<div class="pac-tiles pac-grid">' + "".join([
        _tile("Chiffre d'affaires", fmt.euros(now.revenue_to_date),
              f"{fmt.percent(now.revenue_pace)} de l'objectif à date"),
        _tile("Nouveaux clients", fmt.number(now.new_clients_to_date),
              f"{fmt.percent(now.new_clients_pace)} de l'objectif à date"),
        _tile("Contacts", fmt.number(now.contacts_to_date), f"{fmt.percent(now.contacts_pace)} de l'objectif à date"),
        _tile("Budget consommé", fmt.percent(now.budget_consumed, 0),
              f"{fmt.euros(now.cost_to_date)} sur {fmt.euros(now.budget_year)}"),
    ]) + "</div>"


def _bar(share, color: str) -> str:
    width = min(max(float(share), 0.0), 1.0) * 100 if _present(share) else 0.0
    return f'<div class="pac-track"><div class="pac-fill" style="width:{width:.1f}%;background:{color}"></div></div>'


def objectives_slide(strategic: pd.DataFrame, limit: int = 4) -> str:
    """Each strategic objective: where it stands, the way to its target, its forecast and status."""
    if strategic.empty:
        return '<div class="pac-empty">Aucun objectif stratégique n\'est défini.</div>'
    rows = []
    for row in strategic.head(limit).itertuples(index=False):
        color = STATUS_ON_DARK.get(row.status if isinstance(row.status, str) else None)
        label = row.label if isinstance(row.label, str) and row.label.strip() else row.objective_id
        progress = row.progress if _present(row.progress) else None
        rows.append(
            f'<div class="pac-objective"><div class="pac-objective-text"><div class="pac-label">{_e(label)}</div>'
            f'<div class="pac-detail">Cible {_e(metric_value(row.target, row.metric))} · atterrissage '
            f'{_e(metric_value(row.forecast, row.metric))} · <span style="color:{color}">'
            f'{_e(status_text(row.status))}</span></div>{_bar(progress, color)}</div>'
            f'<div class="pac-headline">{_e(metric_value(row.current, row.metric))}</div></div>')
    return '<div class="pac-rows">' + "".join(rows) + "</div>"


def actions_slide(counts: dict, flop: pd.DataFrame, limit: int = 3) -> str:
    """How many actions are on track, to watch and late, and the furthest behind with their owner."""
    tiles = "".join(_tile(status_text(status), fmt.number(counts.get(status, 0)), color=STATUS_ON_DARK[status])
                    for status in ("on_track", "watch", "off_track"))
    late = "".join(
        f'<li><b>{_e(row.name)}</b> — {_e(row.metric_label.lower())} à {_e(fmt.percent(row.pace))} · '
        f'{_e(row.owner if isinstance(row.owner, str) and row.owner.strip() else "sans responsable")}</li>'
        for row in flop.head(limit).itertuples(index=False))
    listing = (f'<div class="pac-list"><div class="pac-label">Les plus en retard</div><ul>{late}</ul></div>'
               if late else "")
    return f'<div class="pac-tiles pac-three">{tiles}</div>{listing}'


def channels_slide(company: pd.DataFrame, channels: pd.DataFrame, limit: int = 6) -> str:
    """The company's ROI, then each channel's ROI as a bar in its colour, best first."""
    row = company.iloc[0] if len(company) else None
    head = "".join([
        _tile("ROI", fmt.percent(row["roi"], 0) if row is not None and _present(row["roi"]) else fmt.MISSING,
              "(CA − coût) / coût depuis janvier"),
        _tile("CA attribué", fmt.euros(row["revenue"]) if row is not None else fmt.MISSING,
              f"pour {fmt.euros(row['cost'])} dépensés" if row is not None else ""),
    ])
    rows = ranked(channels[channels["roi"].notna()]).head(limit)
    top = max([abs(float(value)) for value in rows["roi"]] + [1e-9])
    bars = "".join(
        f'<div class="pac-hbar"><span class="pac-hname">{_e(group_name(r.channel))}</span>'
        f'{_bar(max(float(r.roi), 0) / top, channel_color(r.channel))}'
        f'<span class="pac-hvalue{" pac-value-negative" if r.roi < 0 else ""}">{_e(fmt.percent(r.roi, 0))}</span></div>'
        for r in rows.itertuples(index=False))
    return f'<div class="pac-tiles pac-two">{head}</div><div class="pac-bars">{bars}</div>'


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
  font-family: "Source Sans Pro", "Source Sans 3", "DejaVu Sans", sans-serif; overflow: hidden; }
.pac-top, .pac-bottom { display: flex; align-items: baseline; justify-content: space-between; gap: 2vw; }
.pac-brand { font-size: 3vh; color: #8FC1F0; font-weight: 700; }
.pac-title { font-size: 5.2vh; font-weight: 700; flex: 1; }
.pac-clock { font-size: 6vh; font-weight: 700; font-variant-numeric: tabular-nums; }
.pac-bottom { font-size: 2.8vh; color: #C9CDD6; }
.pac-banner { background: #7A2E00; color: #FFFFFF; border-left: 1vw solid #FF7A45; font-size: 3.2vh;
  padding: 1.2vh 1.5vw; font-weight: 600; }
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
.pac-value-negative { color: #FF7A45; }
.pac-detail { font-size: 3vh; color: #C9CDD6; }
.pac-rows { display: flex; flex-direction: column; gap: 2.5vh; flex: 1; }
.pac-objective { flex: 1; max-height: 24vh; display: flex; align-items: center; gap: 3vw; background: #151B24;
  border-radius: 1vh;
  padding: 1.8vh 1.5vw; }
.pac-objective-text { flex: 1; min-width: 0; display: flex; flex-direction: column; gap: 0.8vh; }
.pac-track { height: 2.6vh; background: #2A3240; border-radius: 1.3vh; overflow: hidden; flex: 1 0 auto; }
.pac-objective-text .pac-track { flex: none; width: 100%; }
.pac-fill { height: 100%; border-radius: 1.3vh; }
.pac-list ul { margin: 1vh 0 0 2vw; padding: 0; font-size: 4.2vh; line-height: 1.5; }
.pac-bars { display: flex; flex-direction: column; justify-content: space-evenly; flex: 1; }
.pac-hbar { display: flex; align-items: center; gap: 1.5vw; font-size: 4vh; }
.pac-hname { width: 36vw; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.pac-hvalue { width: 11vw; text-align: right; font-weight: 700; font-variant-numeric: tabular-nums; }
.pac-empty { font-size: 4vh; color: #C9CDD6; }
</style>"""
