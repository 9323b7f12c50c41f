"""The texts of the Canaux & ROI screen: headline figures, the table by channel or lever, the ranking, the
quarters of the year to date — every figure formatted in French from pac_core.kpi.roi's answers."""

import dataclasses
import datetime

import pandas as pd

from pac_core import formatting as fmt
from pac_core.display.overview import Card

DIMENSIONS = {"channel": "Par canal", "lever": "Par levier"}
DIMENSION_LABELS = {"channel": "Canal", "lever": "Levier"}
SIZES = {"new_clients": "Nouveaux clients", "contacts": "Contacts"}
QUARTER_MEASURES = {"roi": "ROI", "cost": "Coût", "revenue": "Chiffre d'affaires"}
SOURCE_TEXT = {"réalisé": "Réalisé", "opportunités": "Opportunités gagnées", "mixte": "Réalisé et opportunités"}
NO_GROUP = "(non renseigné)"
ALL_GROUPS = "Ensemble"

REVENUE_RULE = ("Chiffre d'affaires attribué : le réalisé saisi pour l'action ; à défaut, les opportunités "
                "gagnées qui lui sont rattachées — jamais les deux, pour ne compter aucun euro deux fois.")
BREAK_EVEN_RULE = ("Au-dessus de la droite pointillée, le chiffre d'affaires dépasse le coût ; dans la zone orangée "
                   "en dessous, le coût dépasse le chiffre d'affaires. Taille des bulles : résultat obtenu.")
QUARTER_RULE = ("Chaque trimestre est compté seul : un salon payé en mai qui signe en juillet a son coût au T2 et "
                "son chiffre d'affaires au T3 (ROI « — » au T3, faute de coût).")
RATIO_RULE = ("ROI = (CA − coût) / coût ; ROAS = CA / coût ; coût par contact, par RDV, par nouveau client = "
              "coût / ce résultat. « — » : pas de coût ou pas de résultat, le ratio n'a pas de sens.")


@dataclasses.dataclass(frozen=True)
class Quarter:
    label: str  # "T1 2026"
    first: datetime.date  # first month
    last: datetime.date  # last month counted: the quarter's, or the as-of month in the current quarter
    months: str  # "janv. – mars", "oct. (à date)"

    @property
    def heading(self) -> str:
        """'T1 2026 · janv. – mars', the column of a quarter table."""
        return f"{self.label} · {self.months}"

    @property
    def range(self) -> tuple[datetime.date, datetime.date]:
        return self.first, self.last


def quarter_ranges(as_of: datetime.date) -> list[Quarter]:
    """The quarters of the as-of year up to the as-of month; the current one stops at the as-of month."""
    quarters = []
    for number in range(1, (as_of.month - 1) // 3 + 2):
        first = datetime.date(as_of.year, 3 * number - 2, 1)
        end = datetime.date(as_of.year, 3 * number, 1)
        last = min(end, as_of.replace(day=1))
        months = fmt.MONTHS_SHORT[first.month - 1]
        if last != first:
            months += f" – {fmt.MONTHS_SHORT[last.month - 1]}"
        if last != end:
            months += " (à date)"
        quarters.append(Quarter(f"T{number} {as_of.year}", first, last, months))
    return quarters


def _day(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def _present(value) -> bool:
    return value is not None and value is not pd.NA and value == value


def unit_cost(value) -> str:
    """A cost per contact, meeting or client: cents below 10 € (0,70 €), whole euros above (formatting.unit_price)."""
    return fmt.unit_price(value if _present(value) else None)


def ratio_text(value) -> str:
    """A ROAS: 7,13 (euros of revenue per euro spent)."""
    return fmt.number(value, 2) if _present(value) else fmt.MISSING


def source_text(source) -> str:
    return SOURCE_TEXT.get(source, fmt.MISSING) if isinstance(source, str) else fmt.MISSING


def group_name(value) -> str:
    return value if isinstance(value, str) and value.strip() else NO_GROUP


def ranked(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows from the best ROI to the worst; those without ROI (no cost) last, the biggest revenue first."""
    return (frame.assign(_no_roi=frame["roi"].isna())
            .sort_values(["_no_roi", "roi", "revenue"], ascending=[True, False, False], kind="stable")
            .drop(columns="_no_roi").reset_index(drop=True))


def no_action_in(company: pd.DataFrame) -> bool:
    """True when the filters keep no action (channel_roi by='company' still answers one row, with 0 actions)."""
    return company.empty or not company["actions"].iloc[0]


def headline_cards(company: pd.DataFrame) -> list[Card]:
    """Cost, attributed revenue, ROI and ROAS of the whole scope (channel_roi by='company')."""
    if company.empty:
        return []
    row = company.iloc[0]
    period = period_text(_day(row["first_month"]), _day(row["last_month"]))
    return [
        Card("Coût", fmt.euros(row["cost"]), caption=f"Dépensé {period}"),
        Card("Chiffre d'affaires attribué", fmt.euros(row["revenue"]),
             caption=f"Source : {source_text(row['revenue_source']).lower()}", help=REVENUE_RULE),
        Card("ROI", fmt.percent(row["roi"]) if _present(row["roi"]) else fmt.MISSING,
             caption=f"CA − coût : {fmt.euros(row['revenue'] - row['cost'])}", help="(CA − coût) / coût"),
        Card("ROAS", ratio_text(row["roas"]), caption="€ de chiffre d'affaires par € dépensé", help="CA / coût"),
    ]


def roi_table(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """One row per channel (or lever), best ROI first: every figure as French text."""
    rows = []
    for row in ranked(frame).itertuples(index=False):
        rows.append({
            DIMENSION_LABELS[by]: group_name(getattr(row, by)),
            "Actions": fmt.number(row.actions),
            "Coût": fmt.euros(row.cost),
            "CA attribué": fmt.euros(row.revenue),
            "Source du CA": source_text(row.revenue_source),
            "ROI": fmt.percent(row.roi) if _present(row.roi) else fmt.MISSING,
            "ROAS": ratio_text(row.roas),
            "Coût par contact": unit_cost(row.cost_per_contact),
            "Coût par RDV": unit_cost(row.cost_per_meeting),
            "Coût par nouveau client": unit_cost(row.cost_per_new_client),
        })
    return pd.DataFrame(rows, columns=[DIMENSION_LABELS[by], "Actions", "Coût", "CA attribué", "Source du CA", "ROI",
                                       "ROAS", "Coût par contact", "Coût par RDV", "Coût par nouveau client"])


def last_year_table(frame: pd.DataFrame, last_year: pd.DataFrame, by: str) -> pd.DataFrame | None:
    """The same groups against the same months of the year before (channel_roi over those months): cost and
    revenue, N−1 and « Évolution », in the order of roi_table; None when last year has no figure (no history).
    A table of its own beside roi_table, which has no room left for two more columns at 1280 px."""
    if not len(last_year) or not (last_year[["cost", "revenue"]].fillna(0) != 0).any(axis=None):
        return None
    before = last_year.set_index(by)
    rows = []
    for row in ranked(frame).itertuples(index=False):
        key = getattr(row, by)
        cost = before["cost"].get(key) if key in before.index else None
        revenue = before["revenue"].get(key) if key in before.index else None
        rows.append({DIMENSION_LABELS[by]: group_name(key),
                     "Coût": fmt.euros(row.cost), "Coût N−1": fmt.euros(cost),
                     "Évolution du coût": fmt.evolution(row.cost, cost),
                     "CA attribué": fmt.euros(row.revenue), "CA N−1": fmt.euros(revenue),
                     "Évolution du CA": fmt.evolution(row.revenue, revenue)})
    return pd.DataFrame(rows)


def without_roi_note(frame: pd.DataFrame, by: str) -> str | None:
    """Which channels (or levers) have no ROI because they cost nothing over the period."""
    names = [group_name(name) for name in frame.loc[frame["roi"].isna(), by]]
    if not names:
        return None
    if len(names) > 1:
        return f"Sans coût sur la période, donc sans ROI : {', '.join(names)}."
    noun = "canal" if by == "channel" else "levier"
    return f"Le {noun} {names[0]} n'a aucun coût sur la période : pas de ROI."


def group_order(frame: pd.DataFrame, by: str) -> list[str]:
    """The channels (or levers) from the best ROI to the worst, as the year's table ranks them."""
    return [group_name(name) for name in ranked(frame)[by]]


def quarter_table(frames: list[pd.DataFrame], totals: list[pd.DataFrame], quarters: list[Quarter], by: str,
                  measure: str = "roi", order: list[str] | None = None) -> pd.DataFrame:
    """One row per channel (or lever) and a last row for all of them, one column per quarter: the ROI,
    cost or revenue of that quarter as French text ("—" where it has no meaning). Rows follow `order` (the
    year's ranking), then any other group alphabetically."""
    if measure not in QUARTER_MEASURES:
        raise ValueError(f"unknown measure: {measure}")
    show = {"roi": lambda v: fmt.percent(v) if _present(v) else fmt.MISSING, "cost": fmt.euros,
            "revenue": fmt.euros}[measure]
    seen = {group_name(name) for frame in frames for name in frame[by]}
    ranked_first = [group for group in (order or []) if group in seen]
    groups = ranked_first + sorted(seen - set(ranked_first), key=lambda g: (g == NO_GROUP, g))
    table = {group: {} for group in groups}
    table[ALL_GROUPS] = {}
    for quarter, frame, total in zip(quarters, frames, totals):
        column = quarter.heading
        for row in frame.itertuples(index=False):
            table[group_name(getattr(row, by))][column] = show(getattr(row, measure))
        table[ALL_GROUPS][column] = show(total[measure].iloc[0]) if len(total) else fmt.MISSING
    columns = [quarter.heading for quarter in quarters]
    return pd.DataFrame([{DIMENSION_LABELS[by]: group, **{c: values.get(c, fmt.MISSING) for c in columns}}
                         for group, values in table.items()], columns=[DIMENSION_LABELS[by], *columns])


def ranking_frame(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """What the ROI ranking draws: the groups with a ROI, best first, with the value written out and where
    the text goes (right of the bar, or right of zero for a loss)."""
    rows = ranked(frame[frame["roi"].notna()])
    return pd.DataFrame({
        "group": [group_name(name) for name in rows[by]],
        "roi": rows["roi"].astype(float),
        "roi_text": [fmt.percent(value) for value in rows["roi"]],
        "label_at": rows["roi"].astype(float).clip(lower=0),
        "rank": range(1, len(rows) + 1),
    })


def bubble_frame(frame: pd.DataFrame, by: str, size: str = "new_clients") -> pd.DataFrame:
    """What the cost-vs-revenue chart draws: one bubble per group that spent or earned something, its size and
    French tooltips."""
    if size not in SIZES:
        raise ValueError(f"unknown bubble size: {size}")
    frame = frame[(frame["cost"] != 0) | (frame["revenue"] != 0)].reset_index(drop=True)  # nothing to place
    sizes = frame[size].astype(float).fillna(0)
    return pd.DataFrame({
        "group": [group_name(name) for name in frame[by]],
        "cost": frame["cost"].astype(float),
        "revenue": frame["revenue"].astype(float),
        "size": sizes,
        "cost_text": [fmt.euros(value) for value in frame["cost"]],
        "revenue_text": [fmt.euros(value) for value in frame["revenue"]],
        "roi_text": [fmt.percent(value) if _present(value) else fmt.MISSING for value in frame["roi"]],
        "size_text": [fmt.number(value) for value in sizes],
    })


def period_text(first: datetime.date, last: datetime.date) -> str:
    """'de janvier à octobre 2026', 'en mars 2026'."""
    first, last = first.replace(day=1), last.replace(day=1)
    if first == last:
        return f"en {fmt.month(last, long=True)}"
    start = fmt.MONTHS_LONG[first.month - 1] if first.year == last.year else fmt.month(first, long=True)
    return f"de {start} à {fmt.month(last, long=True)}"
