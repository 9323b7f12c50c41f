"""The annual bilan (the seed's step 2: « dresser le bilan de la période écoulée… orienter les décisions de
reconduire ou de tester de nouvelles actions »): for a year, per action, its main objective against the actual,
what it cost and brought, and a suggested verdict the managers confirm or change, with their comments.

The figures are the KPI engine's, read at December of the year (a closed year) or at the last closed month (the
current year: a « bilan provisoire », objectives to date): objective, actual and attainment come from
kpi/objectives.py (attainment = actual / objective), cost, attributed revenue and ROI from kpi/roi.py
(ROI = (revenue − cost) / cost). A ratio with a zero or missing denominator is None (shown « — »).

The main indicator of an action: its first performance indicator with an objective, else its first activity one,
else its first indicator with an objective, else (no objective) its first one with a result; « first » in the order
of the objectives (kpi/objective_grid.py: performance before activity, then by code: ca before nouveaux_clients).
The cost per result: cost / the actual of that indicator when it is a count; when it is in euros (revenue), of the
action's first counted indicator (SAL1: 1 850 € / 5 nouveaux clients = 370 € par nouveau client).

Suggested verdicts (A = attainment of the main indicator), in this order:
- tester: the action's first year with too little evidence — it has results of its main indicator in fewer than
  half of the months that have a target, or neither a result nor a cost; and every new idea of the bilan page.
- arrêter: A < 60 % and money spent for nothing in return (cost > 0 and ROI < 0 or no revenue), or a cost with
  no result at all. The main objective then goes; the money is better tried elsewhere.
- ajuster: 60 % ≤ A < 95 % (the objective was too high) or A > 130 % (too low): suggested objective = the actual,
  rounded to two significant figures (70 600 € → 71 000 €), since it is what last year showed reachable; A < 60 %
  without a loss: the same (the objective comes down to what was done); 95 % ≤ A ≤ 130 % but ROI < 0 on an
  action that has revenue: the objective stays, the reason says the budget must come down. No objective but a
  result: the result becomes the objective.
- reconduire: 95 % ≤ A ≤ 130 %, and ROI ≥ 0 or no cost — or an action without revenue (no revenue objective and no
  revenue attributed, e.g. buying a database: its ROI of −100 % says nothing of contacts). The objective stays.
The band 95 %–130 % is the product's « en bonne voie » threshold (95 %) and a margin above which the objective was
plainly set too low.

Kept in the database (history.bilan_verdicts, history.bilan_comments, schema 9): the verdict, objective and
comment the managers chose per action, their new ideas, and a general comment, append-only (the newest row of a
year × action counts).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd

from pac_core import clock
from pac_core import formatting as fmt
from pac_core.accounts import ADMIN, Principal
from pac_core.kpi.objectives import objectives
from pac_core.kpi.roi import channel_roi
from pac_core.kpi.scope import Scope
from pac_core.store import Store

RECONDUIRE, AJUSTER, ARRETER, TESTER = "reconduire", "ajuster", "arrêter", "tester"
VERDICTS = (RECONDUIRE, AJUSTER, ARRETER, TESTER)
VERDICT_LABELS = {RECONDUIRE: "Reconduire", AJUSTER: "Ajuster", ARRETER: "Arrêter", TESTER: "Tester"}
REACHED, LOW, HIGH = 0.95, 0.60, 1.30  # attainment thresholds of the verdicts (module docstring)
IDEA_PREFIX = "IDEE"

_SQL = (Path(__file__).with_suffix(".sql")).read_text(encoding="utf-8")
QUERIES = {match.group(1): match.group(2).strip()
           for match in re.finditer(r"-- name: (\w+)\n(.*?)(?=\n-- name: |\Z)", _SQL, flags=re.S)}

# How one result reads in a cost per result (« 370 € par nouveau client »).
SINGULAR = {"contacts": "contact", "appels": "appel", "rdv": "rendez-vous", "publications": "publication",
            "devis": "devis envoyé", "nouveaux_clients": "nouveau client", "leads": "lead", "clics": "clic",
            "impressions": "impression", "grands_comptes": "grand compte", "clients_actifs": "client actif"}
# How an objective is named in a reason (« Objectif de CA »).
SHORT_LABEL = {"ca": "CA", "rdv": "RDV"}


class BilanError(ValueError):
    """No bilan (or no next plan) for this year; str(exc) is one French sentence."""


@dataclasses.dataclass
class Bilan:
    year: int
    provisional: bool  # the current year, at the end of its last closed month
    as_of: dt.date  # the month the figures stop at
    plan_version: int
    rows: pd.DataFrame  # one row per action (COLUMNS), the verdict chosen (saved) or suggested
    indicators: pd.DataFrame  # every action × indicator: objective, actual, attainment (kpi/objectives.py)
    ideas: pd.DataFrame  # the new ideas (IDEA_COLUMNS)
    comment: str = ""
    saved_at: dt.datetime | None = None
    saved_by: str | None = None

    @property
    def title(self) -> str:
        if self.provisional:
            return f"Bilan provisoire {self.year}, à fin {fmt.month(self.as_of, long=True).split()[0]}"
        return f"Bilan annuel {self.year}"


COLUMNS = ("action_id", "name", "lever", "channel", "kind", "segment", "owner", "budget", "metric", "metric_label",
           "unit", "objective", "actual", "attainment", "cost", "revenue", "roi", "cost_per_result",
           "result_metric", "first_year", "suggested_verdict", "suggested_objective", "reason", "verdict",
           "next_objective", "comment")
IDEA_COLUMNS = ("idea_id", "name", "lever", "channel", "owner", "budget", "verdict", "comment")


# -- years ------------------------------------------------------------------------------------------------
def is_closed(year: int, today: dt.date | None = None) -> bool:
    """A year is closed once the clock is in a later year."""
    return year < (today or clock.today()).year


def years_with_data(store: Store) -> list[int]:
    return [int(year) for year in store.query(QUERIES["years"])["year"]]


def bilan_years(store: Store, today: dt.date | None = None) -> list[int]:
    """The years a bilan can be shown for, newest first: closed years with data, and the current year once one
    of its months is closed (provisional)."""
    today = today or clock.today()
    years = [year for year in years_with_data(store) if year < today.year
             or (year == today.year and clock.last_closed_month(today).year == year)]
    return sorted(years, reverse=True)


def default_year(store: Store, today: dt.date | None = None) -> int | None:
    """The last closed year with data (else the newest year a bilan can be shown for)."""
    years = bilan_years(store, today)
    closed = [year for year in years if is_closed(year, today)]
    return (closed or years or [None])[0]


# -- figures ----------------------------------------------------------------------------------------------
def round_objective(value: float | None, unit: str = "nombre") -> float | None:
    """An objective a person would set: two significant figures from 100 (70 600 → 71 000, 1 420 → 1 400),
    whole below (48 contacts); a percentage to the tenth."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if unit == "%":
        return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    magnitude = abs(value)
    step = Decimal(10) ** (int(math.floor(math.log10(magnitude))) - 1) if magnitude >= 100 else Decimal(1)
    return float((Decimal(repr(float(value))) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step)


def _number(value) -> float | None:
    if value is None or pd.isna(value):
        return None
    return float(value)


def _figure(value, unit: str) -> str:
    """A figure in its indicator's unit: 70 600 €, 52."""
    if unit == "€":
        return fmt.euros(value)
    if unit == "%":
        return fmt.percent(value)
    return fmt.count(value)


def _objective_name(metric: str, label: str) -> str:
    """« Objectif de CA », « Objectif de contacts », « Objectif d'appels »."""
    word = SHORT_LABEL.get(metric, (label or metric).lower())
    return f"Objectif d'{word}" if word[:1].lower() in "aeiouéèh" else f"Objectif de {word}"


def suggest(*, attainment, objective, actual, cost, roi, revenue_counts: bool, first_year: bool,
            target_months: int, result_months: int, metric: str = "ca", label: str = "CA", unit: str = "€",
            result_text: str = "") -> tuple[str, float | None, str]:
    """(verdict, suggested objective, reason in one French sentence) from an action's figures (module docstring).
    `revenue_counts`: the action has a revenue objective or revenue attributed (its ROI means something)."""
    cost = cost or 0.0
    what = _objective_name(metric, label)
    spent = f"pour {fmt.euros(cost)} dépensés" if cost > 0 else "sans coût enregistré"
    roi_text = f" (ROI {fmt.number(roi, 1)})" if roi is not None and revenue_counts else ""
    reported = actual is not None and result_months > 0
    if first_year and ((reported and result_months * 2 < target_months) or (not reported and cost <= 0)):
        measured = (f"un résultat sur {result_months} mois sur {target_months} prévus" if reported
                    else "aucun résultat ni coût")
        return TESTER, objective, f"Première année, {measured} : trop tôt pour juger, à tester encore un an."
    if not reported or not actual:
        if cost > 0:
            return ARRETER, None, (f"{fmt.euros(cost)} dépensés sans aucun résultat de {(label or metric).lower()} : "
                                   "à arrêter.")
        return TESTER, objective, f"{what} sans résultat ni coût : rien à juger, à tester encore un an."
    if attainment is None:  # a result, no objective
        proposed = round_objective(actual, unit)
        return AJUSTER, proposed, (f"Pas d'objectif, {_figure(actual, unit)} obtenus {spent} : à ajuster, objectif "
                                   f"proposé {_figure(proposed, unit)}.")
    rate = fmt.percent(attainment)
    if attainment < LOW:
        if cost > 0 and (roi is None or roi < 0):
            return ARRETER, None, f"{what} atteint à {rate} seulement {spent}{roi_text} : à arrêter."
        proposed = round_objective(actual, unit)
        return AJUSTER, proposed, (f"{what} atteint à {rate} seulement, sans perte {spent}{roi_text} : à ajuster, "
                                   f"objectif ramené à {_figure(proposed, unit)}.")
    if attainment < REACHED:
        proposed = round_objective(actual, unit)
        return AJUSTER, proposed, (f"{what} atteint à {rate} ({_figure(actual, unit)} pour "
                                   f"{_figure(objective, unit)}) {spent}{roi_text} : à ajuster, objectif proposé "
                                   f"{_figure(proposed, unit)}.")
    if attainment > HIGH:
        proposed = round_objective(actual, unit)
        return AJUSTER, proposed, (f"{what} dépassé : atteint à {rate} ({_figure(actual, unit)} pour "
                                   f"{_figure(objective, unit)}) : à ajuster, objectif relevé à "
                                   f"{_figure(proposed, unit)}.")
    if revenue_counts and roi is not None and roi < 0:
        return AJUSTER, objective, (f"{what} atteint à {rate} mais le coût dépasse le chiffre d'affaires{roi_text} : "
                                    "à ajuster, en réduisant le budget.")
    per_result = f", {result_text}" if result_text and cost > 0 else ""
    return RECONDUIRE, objective, f"{what} atteint à {rate} {spent}{roi_text}{per_result} : à reconduire."


def _main_indicator(rows: pd.DataFrame) -> pd.Series | None:
    """The action's main indicator (module docstring), from its rows of objectives() in their order."""
    with_objective = rows[rows["target_to_date"].notna() & (rows["target_to_date"] != 0)]
    for family in ("performance", "activité"):
        chosen = with_objective[with_objective["family"] == family]
        if len(chosen):
            return chosen.iloc[0]
    if len(with_objective):
        return with_objective.iloc[0]
    if len(rows):
        return rows.iloc[0]
    return None


def _result_indicator(rows: pd.DataFrame, main: pd.Series | None) -> pd.Series | None:
    """The indicator a cost per result counts: the main one when counted, else the first counted with an objective."""
    if main is not None and main["unit"] == "nombre":
        return main
    counted = rows[(rows["unit"] == "nombre") & rows["target_to_date"].notna()]
    return counted.iloc[0] if len(counted) else None


def compute(store: Store, year: int, today: dt.date | None = None) -> Bilan:
    """The bilan of `year` with its suggested verdicts, and the managers' saved ones on top; BilanError (French)
    when the year has no data or has not started."""
    today = today or clock.today()
    if year > today.year:
        raise BilanError(f"L'année {year} n'a pas encore commencé : son bilan viendra après sa clôture.")
    if year not in years_with_data(store):
        raise BilanError(f"Aucune donnée pour {year} : ni objectif ni réalisé d'une action. Importez les chiffres de "
                         "cette année (page Données) avant d'en faire le bilan.")
    provisional = not is_closed(year, today)
    as_of = clock.last_closed_month(today) if provisional else dt.date(year, 12, 1)
    if as_of.year != year:
        raise BilanError(f"Aucun mois de {year} n'est encore clos : le bilan provisoire sera possible à la fin de "
                         "janvier.")
    version = store.query(QUERIES["plan_version"], {"year": year})["plan_version"].iloc[0]
    version = int(version) if pd.notna(version) else store.current_plan_version()
    scope = Scope(as_of=as_of, plan_version=version)
    indicators = objectives(store, scope)
    money = channel_roi(store, scope, by="action_id", months=(dt.date(year, 1, 1), as_of)).set_index("action_id")
    evidence = store.query(QUERIES["evidence"], {"year": year, "as_of": as_of, "version": version})
    months = {(row.action_id, row.metric): (int(row.target_months), int(row.result_months))
              for row in evidence.itertuples(index=False)}
    first_years = dict(zip(evidence["action_id"], evidence["first_year"]))
    actions = store.query("SELECT action_id, name, lever, channel, kind, segment, owner, budget FROM main.actions "
                          "ORDER BY action_id").set_index("action_id")
    concerned = set(indicators["action_id"]) | set(money.index[(money["cost"] > 0) | (money["revenue"] > 0)])
    records = []
    for action_id in sorted(concerned & set(actions.index)):
        rows = indicators[indicators["action_id"] == action_id]
        main = _main_indicator(rows)
        counted = _result_indicator(rows, main)
        spend = money.loc[action_id] if action_id in money.index else None
        cost = _number(spend["cost"]) if spend is not None else 0.0
        revenue = _number(spend["revenue"]) if spend is not None else 0.0
        roi = _number(spend["roi"]) if spend is not None else None
        metric = main["metric"] if main is not None else None
        objective = _number(main["target_to_date"]) if main is not None else None
        actual = _number(main["actual_to_date"]) if main is not None else None
        attainment = fmt.ratio(actual, objective)
        counted_actual = _number(counted["actual_to_date"]) if counted is not None else None
        cost_per_result = fmt.ratio(cost, counted_actual) if cost else None
        result_metric = counted["metric"] if counted is not None else None
        result_text = (fmt.cost_per_result(cost_per_result, SINGULAR.get(result_metric, result_metric))
                       if cost_per_result is not None else "")
        target_months, result_months = months.get((action_id, metric), (0, 0))
        revenue_counts = bool(revenue) or bool((rows["metric"] == "ca").any() and rows.loc[
            rows["metric"] == "ca", "target_to_date"].notna().any())
        first = first_years.get(action_id)
        verdict, proposed, reason = suggest(
            attainment=attainment, objective=objective, actual=actual, cost=cost, roi=roi,
            revenue_counts=revenue_counts, first_year=first is not None and int(first) >= year,
            target_months=target_months, result_months=result_months, metric=metric or "",
            label=main["metric_label"] if main is not None else "", unit=main["unit"] if main is not None else "nombre",
            result_text=result_text)
        attributes = actions.loc[action_id]
        records.append({
            "action_id": action_id, "name": attributes["name"], "lever": attributes["lever"],
            "channel": attributes["channel"], "kind": attributes["kind"], "segment": attributes["segment"],
            "owner": attributes["owner"], "budget": _number(attributes["budget"]), "metric": metric,
            "metric_label": main["metric_label"] if main is not None else None,
            "unit": main["unit"] if main is not None else None, "objective": objective, "actual": actual,
            "attainment": attainment, "cost": cost, "revenue": revenue, "roi": roi,
            "cost_per_result": cost_per_result, "result_metric": result_metric,
            "first_year": first is not None and int(first) >= year, "suggested_verdict": verdict,
            "suggested_objective": proposed, "reason": reason, "verdict": verdict, "next_objective": proposed,
            "comment": ""})
    frame = pd.DataFrame.from_records(records, columns=list(COLUMNS))
    bilan = Bilan(year, provisional, as_of, version, frame, indicators, pd.DataFrame(columns=list(IDEA_COLUMNS)))
    _apply_saved(store, bilan)
    return bilan


# -- what the managers decided ----------------------------------------------------------------------------
_SAVED_SQL = """
SELECT * FROM (
    SELECT v.*, row_number() OVER (PARTITION BY item_id ORDER BY verdict_id DESC) AS newest
    FROM history.bilan_verdicts AS v WHERE year = ?)
WHERE newest = 1 ORDER BY item_id"""


def _apply_saved(store: Store, bilan: Bilan) -> None:
    saved = store.query(_SAVED_SQL, [bilan.year])
    for row in saved[~saved["is_idea"].astype(bool)].itertuples(index=False):
        where = bilan.rows["action_id"] == row.item_id
        if not where.any():
            continue
        bilan.rows.loc[where, "verdict"] = row.verdict
        bilan.rows.loc[where, "next_objective"] = _number(row.suggested_objective)
        bilan.rows.loc[where, "comment"] = row.comment or ""
    ideas = saved[saved["is_idea"].astype(bool)]
    bilan.ideas = pd.DataFrame({
        "idea_id": ideas["item_id"], "name": ideas["idea_name"], "lever": ideas["idea_lever"],
        "channel": ideas["idea_channel"], "owner": ideas["idea_owner"], "budget": ideas["idea_budget"],
        "verdict": ideas["verdict"], "comment": ideas["comment"]}, columns=list(IDEA_COLUMNS)).reset_index(drop=True)
    comment = store.query("SELECT comment, written_at, written_by FROM history.bilan_comments WHERE year = ? "
                          "ORDER BY comment_id DESC LIMIT 1", [bilan.year])
    if len(comment):
        bilan.comment = comment["comment"].iloc[0]
    if len(saved):
        newest = saved.sort_values("verdict_id").iloc[-1]
        bilan.saved_at, bilan.saved_by = newest["decided_at"], newest["decided_by"]
    elif len(comment):
        bilan.saved_at, bilan.saved_by = comment["written_at"].iloc[0], comment["written_by"].iloc[0]


def _clean(value) -> str:
    return " ".join(str(value).split()) if value is not None and not pd.isna(value) else ""


def _idea_problems(ideas: pd.DataFrame) -> list[str]:
    problems = []
    for position, idea in enumerate(ideas.itertuples(index=False), start=1):
        if not _clean(idea.name):
            problems.append(f"Nouvelle idée n° {position} : donnez-lui un nom.")
        budget = idea.budget
        if budget is not None and not pd.isna(budget) and float(budget) < 0:
            problems.append(f"Nouvelle idée « {_clean(idea.name)} » : le budget ne peut pas être négatif.")
    return problems


def save_bilan(store: Store, bilan: Bilan, decisions: pd.DataFrame, ideas: pd.DataFrame, comment: str,
               who: Principal | None = None) -> str:
    """Keep the managers' verdicts (decisions: action_id, verdict, next_objective, comment), their new ideas
    (IDEA_COLUMNS; an empty idea_id gets the next IDEE n) and the year's comment, in one transaction, after the
    app's write guard (admin: the bilan decides next year's plan). Returns the French sentence to show."""
    from pac_core.access import require

    name = require(store, who, ADMIN, "enregistrer le bilan")
    unknown = sorted(set(decisions["verdict"]) - set(VERDICTS)) + sorted(set(ideas["verdict"].dropna()) - set(VERDICTS))
    if unknown:
        raise BilanError(f"Verdict inconnu : {', '.join(unknown)} (reconduire, ajuster, arrêter ou tester).")
    problems = _idea_problems(ideas)
    if problems:
        raise BilanError(" ".join(problems))
    figures = bilan.rows.set_index("action_id")
    taken = set(store.query("SELECT action_id FROM main.actions")["action_id"])
    with store.transaction() as con:
        taken |= {row[0] for row in con.execute("SELECT item_id FROM history.bilan_verdicts").fetchall()}
        next_id = con.execute("SELECT coalesce(max(verdict_id), 0) FROM history.bilan_verdicts").fetchall()[0][0]
        now = clock.utc_now()
        rows = []
        for decision in decisions.itertuples(index=False):
            action = figures.loc[decision.action_id]
            next_id += 1
            rows.append([next_id, bilan.year, decision.action_id, False, decision.verdict, action["suggested_verdict"],
                         action["metric"], _number(decision.next_objective), _clean(decision.comment),
                         json.dumps(_json_row(action, decision.action_id), ensure_ascii=False),
                         None, None, None, None, None, name, now])
        counter = 0
        for idea in ideas.itertuples(index=False):
            idea_id = _clean(idea.idea_id)
            if not idea_id:
                counter += 1
                while f"{IDEA_PREFIX}{counter}" in taken:
                    counter += 1
                idea_id = f"{IDEA_PREFIX}{counter}"
                taken.add(idea_id)
            next_id += 1
            rows.append([next_id, bilan.year, idea_id, True, idea.verdict if idea.verdict in VERDICTS else TESTER,
                         None, None, None, _clean(idea.comment), None, _clean(idea.name), _clean(idea.lever) or None,
                         _clean(idea.channel) or None, _clean(idea.owner) or None, _number(idea.budget), name, now])
        if rows:
            con.executemany(f"INSERT INTO history.bilan_verdicts VALUES ({', '.join(['?'] * 17)})", rows)
        if _clean(comment) != _clean(bilan.comment):
            con.execute("INSERT INTO history.bilan_comments SELECT coalesce(max(comment_id), 0) + 1, ?, ?, ?, ? "
                        "FROM history.bilan_comments", [bilan.year, str(comment or "").strip(), now, name])
    count = len(decisions)
    return (f"Bilan {bilan.year} enregistré : {count} action{'s' if count > 1 else ''}, {len(ideas)} nouvelle"
            f"{'s' if len(ideas) > 1 else ''} idée{'s' if len(ideas) > 1 else ''}.")


# -- output -----------------------------------------------------------------------------------------------
def _json_row(row: pd.Series, action_id: str) -> dict:
    def plain(value):
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return None
        return value.item() if hasattr(value, "item") else value

    return {"action_id": action_id, "name": plain(row["name"]), "metric": plain(row["metric"]),
            "objective": plain(row["objective"]), "actual": plain(row["actual"]),
            "attainment": plain(row["attainment"]), "cost": plain(row["cost"]), "revenue": plain(row["revenue"]),
            "roi": plain(row["roi"]), "cost_per_result": plain(row["cost_per_result"]),
            "result_metric": plain(row["result_metric"]), "verdict": plain(row["verdict"]),
            "suggested_verdict": plain(row["suggested_verdict"]),
            "suggested_objective": plain(row["next_objective"]), "reason": plain(row["reason"]),
            "comment": plain(row["comment"])}


def as_json(bilan: Bilan) -> dict:
    """The bilan for `bilan --json`: keys in English, ratios as numbers (0.88), None for « — »."""
    return {"year": bilan.year, "provisional": bilan.provisional, "as_of": bilan.as_of.isoformat(),
            "plan_version": bilan.plan_version,
            "actions": [_json_row(row, row["action_id"]) for _, row in bilan.rows.iterrows()],
            "ideas": [{key: (None if pd.isna(value) else value) for key, value in idea.items()}
                      for idea in bilan.ideas.to_dict("records")],
            "comment": bilan.comment}


def cost_per_result_text(row) -> str:
    if row["cost_per_result"] is None or pd.isna(row["cost_per_result"]):
        return fmt.MISSING
    return fmt.cost_per_result(row["cost_per_result"], SINGULAR.get(row["result_metric"], row["result_metric"]))


def as_text(bilan: Bilan) -> str:
    """The bilan for a terminal: one paragraph per action."""
    lines = [bilan.title + f" (objectifs de la version {bilan.plan_version} du plan)", ""]
    for _, row in bilan.rows.iterrows():
        unit = row["unit"] or "nombre"
        lines.append(f"{row['action_id']} · {row['name']} — {VERDICT_LABELS[row['verdict']]}"
                     + (" (suggéré : " + VERDICT_LABELS[row["suggested_verdict"]] + ")"
                        if row["verdict"] != row["suggested_verdict"] else ""))
        lines.append(f"  {row['metric_label'] or '—'} : objectif {_figure(row['objective'], unit)}, réalisé "
                     f"{_figure(row['actual'], unit)}, atteinte {fmt.percent(row['attainment'])} ; coût "
                     f"{fmt.euros(row['cost'])}, CA attribué {fmt.euros(row['revenue'])}, ROI "
                     f"{fmt.number(row['roi'], 1) if row['roi'] is not None and not pd.isna(row['roi']) else '—'}, "
                     f"{cost_per_result_text(row)}")
        lines.append(f"  {row['reason']}")
        if row["comment"]:
            lines.append(f"  Commentaire : {row['comment']}")
    for idea in bilan.ideas.itertuples(index=False):
        lines.append(f"{idea.idea_id} · {idea.name} (nouvelle idée) — {VERDICT_LABELS.get(idea.verdict, idea.verdict)}")
    if bilan.comment:
        lines += ["", f"Commentaire général : {bilan.comment}"]
    return "\n".join(lines)
