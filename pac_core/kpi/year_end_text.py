"""The year-end forecasts as French text for a terminal (`python -m pac_core forecast`)."""

import datetime

from pac_core import formatting as fmt
from pac_core.forecast import METHOD_LABELS
from pac_core.forecast.text import error_text
from pac_core.kpi.summary_text import _label, _table, _value


def forecast_text(as_of: datetime.date, rows: list[dict]) -> str:
    """One line per action × indicator: actual to date, forecast, its 80 % band, the method and its past error,
    the plan-based atterrissage beside it; then why each method was chosen (or not)."""
    month = fmt.month(as_of, long=True)
    if not rows:
        return (f"PAC Pilot — prévisions de fin {as_of.year} à fin {month}\n\nAucun objectif ni réalisé en "
                f"{as_of.year} : rien à prévoir. Choisissez un mois d'une année du plan (--as-of AAAA-MM).")
    lines = [f"PAC Pilot — prévisions de fin {as_of.year} à fin {month}", "",
             _table(["Action", "Indicateur", "Réalisé", "Prévision", "Fourchette à 80 %", "Méthode", "Erreur passée",
                     "Atterrissage (plan)"],
                    [[row["action_id"], _label(row["metric"]), _value(row["actual_to_date"], row["metric"]),
                      _value(row["year_end"], row["metric"]),
                      f"{_value(row['low'], row['metric'])} – {_value(row['high'], row['metric'])}",
                      METHOD_LABELS.get(row["method"], row["method"]), _error(row["backtest_error"]),
                      _value(row["plan_year_end"], row["metric"])] for row in rows])]
    reasons = [f"{row['action_id']} · {_label(row['metric'])} : {row['reason']}" for row in rows
               if row["reason"] and row["method"] == "plan" and row["backtest_error"] is None]
    if reasons:
        lines += ["", "Prévisions faites selon le plan, faute d'historique utilisable", *reasons]
    pipeline = [f"{row['action_id']} : {fmt.euros(row['actual_to_date'] or 0)} réalisés + "
                f"{fmt.euros(row['pipeline_weighted'])} pondérés = {fmt.euros(row['pipeline_year_end'])}"
                for row in rows if row.get("pipeline_weighted")]
    if pipeline:
        lines += ["", "Chiffre d'affaires réalisé + pipeline ouvert pondéré (montant × probabilité de gain de l'étape, "
                      "mesurée sur vos opportunités gagnées et perdues)", *pipeline]
    lines += ["", "Sans 12 mois d'historique, la prévision est l'atterrissage selon le plan : réalisé à date + "
                  "objectif restant × rythme."]
    return "\n".join(lines)


def _error(relative: float | None) -> str:
    return fmt.MISSING if relative is None else error_text(relative)
