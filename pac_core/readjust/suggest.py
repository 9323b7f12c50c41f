"""Suggested decisions, offered to the review and never applied by themselves, each with its reason in one
French sentence:
  - an action off track whose cost per result is high (no result at all for its spending, or at least 1,5 times
    the median of the actions on its main indicator) → arrêter when its pace is under 50 %, réduire otherwise;
  - the action on track with the best positive ROI among those with months left → renforcer;
  - an action with months left and nothing observed yet, on the channel with the best ROI → renforcer.
The main indicator is the first of MAIN_METRICS the action has (revenue before clients, meetings, contacts…).
"""

from __future__ import annotations

import pandas as pd

from pac_core import formatting as fmt
from pac_core.readjust.projection import REDUCE, REINFORCE, STOP

MAIN_METRICS = ("ca", "nouveaux_clients", "rdv", "contacts", "devis", "appels", "publications")
HIGH_COST_RATIO = 1.5
STOP_BELOW_PACE = 0.5
_SEVERITY = {"off_track": 0, "watch": 1, "on_track": 2}


def _main_rows(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per action: its main flow indicator with a target or a result."""
    flows = figures[(figures["aggregation"] == "sum") & figures["metric"].isin(MAIN_METRICS)].copy()
    flows["rank"] = flows["metric"].map({metric: rank for rank, metric in enumerate(MAIN_METRICS)})
    return flows.sort_values(["action_id", "rank"]).drop_duplicates("action_id").set_index("action_id")


def worst_status(figures: pd.DataFrame) -> dict[str, str]:
    """Each rated action's worst status over its indicators (off track before watch before on track)."""
    rated = figures[figures["status"].notna()]
    ranked = rated.assign(rank=rated["status"].map(_SEVERITY)).sort_values("rank").drop_duplicates("action_id")
    return dict(zip(ranked["action_id"], ranked["status"]))


# "par contact", not "par contacts": one result of each indicator, in the singular.
ONE_RESULT = {"contacts": "contact", "rdv": "rendez-vous", "nouveaux_clients": "nouveau client", "appels": "appel",
              "publications": "publication", "devis": "devis envoyé"}


def cost_text(value: float, metric: str, metric_label: str, unit: str) -> str:
    """'136 € par contact', '143 € de coût pour 100 € de chiffre d'affaires' (formatting.cost_per_result)."""
    if unit == "€":
        return fmt.cost_per_result(value, metric_label.lower(), in_euros=True)
    return fmt.cost_per_result(value, ONE_RESULT.get(metric, metric_label.lower()), metric_label.lower())


def _median_text(value: float, unit: str) -> str:
    """The median beside a cost, in the same unit: '23 €' (per 100 € of revenue), '49 €' (per contact)."""
    return fmt.euros(value * 100, 0) if unit == "€" else fmt.unit_price(value)


def suggestions(figures: pd.DataFrame, roi: pd.DataFrame, channel_roi: pd.DataFrame) -> pd.DataFrame:
    """action_id, name, suggestion, reason. `figures` is review_figures(...); `roi` the KPI engine's ROI by
    action, `channel_roi` by channel (columns roi, cost, revenue), over the year to date."""
    main = _main_rows(figures)
    status = worst_status(figures)
    medians = (figures[figures["cost_basis"] == "action"].groupby("metric")["cost_per_result"].median().to_dict())
    out = []
    for action_id, row in main.iterrows():
        if status.get(action_id) != "off_track":
            continue
        spent, actual, pace = row["spent"] or 0, row["actual_to_date"], row["pace"]
        label, unit = row["metric_label"], row["unit"]
        if spent > 0 and (actual == 0 or pd.isna(actual)):
            cost = f"{fmt.euros(spent)} dépensés pour aucun résultat en {label.lower()}"
        elif row["cost_basis"] == "action" and medians.get(row["metric"]) and \
                row["cost_per_result"] >= HIGH_COST_RATIO * medians[row["metric"]]:
            median = medians[row["metric"]]
            cost = (f"{cost_text(row['cost_per_result'], row['metric'], label, unit)}, contre "
                    f"{_median_text(median, unit)} en médiane des actions")
        else:
            continue
        kind = STOP if pd.isna(pace) or pace < STOP_BELOW_PACE else REDUCE
        left = "" if (row.get("months_remaining") or 0) > 0 else " ; elle est terminée : ne pas la reconduire"
        out.append((action_id, row["name"], kind,
                    f"En retard (rythme {fmt.percent(pace, 0)} en {label.lower()}) et coûteuse : {cost}{left}."))
    with_roi = roi[roi["roi"].notna()].set_index("action_id")["roi"]
    active = main[(main["months_remaining"].fillna(0) > 0)]
    on_track = [a for a in active.index if status.get(a) == "on_track" and with_roi.get(a, 0) > 0]
    if on_track:
        best = max(on_track, key=lambda a: with_roi[a])
        row = main.loc[best]
        out.append((best, row["name"], REINFORCE,
                    f"En bonne voie (rythme {fmt.percent(row['pace'], 0)} en {row['metric_label'].lower()}) avec le "
                    f"meilleur ROI des actions en cours ({fmt.percent(with_roi[best], 0)}) : un euro de plus y rapporte "
                    "le plus."))
    channels = channel_roi[channel_roi["roi"].notna()]
    if len(channels):
        best_channel = channels.sort_values("roi", ascending=False).iloc[0]
        for action_id, row in active.iterrows():
            if action_id in status or row["channel"] != best_channel["channel"] or action_id in with_roi.index:
                continue
            out.append((action_id, row["name"], REINFORCE,
                        f"Pas encore de résultat, mais son canal ({row['channel']}) a le meilleur ROI observé "
                        f"({fmt.percent(best_channel['roi'], 0)}) : y placer le budget retiré ailleurs."))
    return pd.DataFrame(out, columns=["action_id", "name", "suggestion", "reason"])


def starting_budget(planned, spent, decision: str) -> float:
    """A suggestion taken starts here: arrêter keeps what is spent, réduire gives back half of what is left,
    renforcer adds 20 % (to the hundred euros); the review can still change it."""
    planned = 0.0 if pd.isna(planned) else float(planned)
    spent = 0.0 if pd.isna(spent) else float(spent)
    if decision == STOP:
        return spent
    if decision == REDUCE:
        return max(spent, planned - max(planned - spent, 0) / 2)
    return round(planned * 1.2, -2) if decision == REINFORCE else planned
