"""The « Qualité du plan » panel's texts: the SMART check (pac_core.smart) as a French table, one sentence for the
plan, the warnings, and the few lines the CLI prints."""

import pandas as pd

from pac_core import formatting as fmt
from pac_core import smart

TITLE = "Qualité du plan"
ANSWERED = "✓"
COLUMNS = ("ID", "Action", "Qui", "Quoi", "Combien", "Comment", "Quand", "Score")
HELP = ("Chaque action d'un plan d'action commercial répond à cinq questions : qui (un responsable), quoi (une "
        "action nommée et au moins un indicateur), combien (un chiffre par objectif et un budget), comment (un "
        "canal), quand (des dates et des objectifs répartis dans le temps). Ce sont des conseils : rien n'est "
        "refusé.")
BATCH_CAPTION = ("Les actions de ces fichiers, telles qu'elles seront après l'import (avec ce que la base contient "
                 "déjà pour elles).")
NO_ACTION = "Aucune action du plan dans ces fichiers : rien à juger."
MAX_CLI_ACTIONS = 10

# What each gap counts in the plan's sentence: (singular, plural); objectives for indicator-level gaps.
_COUNTED = (
    (smart.NO_OWNER, "action sans responsable", "actions sans responsable"),
    (smart.NO_NAME, "action sans nom", "actions sans nom"),
    (smart.NO_INDICATOR, "action sans indicateur", "actions sans indicateur"),
    (smart.NO_VALUE, "objectif sans valeur", "objectifs sans valeur"),
    (smart.NO_BUDGET, "action sans budget", "actions sans budget"),
    (smart.NO_CHANNEL, "action sans canal", "actions sans canal"),
    ((smart.NO_DATES, smart.NO_START, smart.NO_END), "action sans dates complètes", "actions sans dates complètes"),
    (smart.NOT_PHASED, "action aux objectifs non répartis", "actions aux objectifs non répartis"),
    (smart.DECEMBER, "objectif tout en décembre", "objectifs tout en décembre"),
)


def score_text(action: smart.ActionCheck) -> str:
    """« 4/5 »."""
    return f"{action.answered}/{len(smart.QUESTIONS)}"


def smart_frame(check: smart.SmartCheck) -> pd.DataFrame:
    """One row per action: the five questions as ✓ or the reason, and the score."""
    rows = [[action.action_id, action.name or fmt.MISSING,
             *[ANSWERED if answer.answered else answer.reason for answer in action.answers], score_text(action)]
            for action in check.actions]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def warnings_frame(check: smart.SmartCheck) -> pd.DataFrame:
    return pd.DataFrame([[advice.action_id, advice.text] for advice in check.warnings],
                        columns=["Action", "Conseil"])


def _counts(check: smart.SmartCheck) -> list[str]:
    """« 3 actions sans budget », « 1 objectif tout en décembre »… for each gap found, in the questions' order."""
    found = []
    for kinds, singular, plural in _COUNTED:
        kinds = kinds if isinstance(kinds, tuple) else (kinds,)
        gaps = [gap for action in check.actions for answer in action.answers for gap in answer.gaps
                if gap.kind in kinds]
        count = len(gaps) if any(gap.metric for gap in gaps) else len(
            {action.action_id for action in check.actions for answer in action.answers for gap in answer.gaps
             if gap.kind in kinds})
        if count:
            found.append(f"{count} {singular if count == 1 else plural}")
    return found


def plan_sentence(check: smart.SmartCheck) -> str:
    """« Plan SMART à 82 % : 3 actions sans budget, 1 objectif tout en décembre. » The advice that does not lower
    the score (budget without a result objective) follows « conseil »."""
    if check.score is None:
        return NO_ACTION
    gaps = _counts(check)
    head = f"Plan SMART à {fmt.percent(check.score, 0)}"
    said = f"{head} : {', '.join(gaps)}" if gaps else f"{head} : chaque action répond aux cinq questions"
    without_result = len({advice.action_id for advice in check.warnings
                          if advice.kind == smart.BUDGET_WITHOUT_RESULT})
    if without_result:
        said += (f" ; conseil : {without_result} action{'s' if without_result > 1 else ''} avec budget sans objectif "
                 "de résultat")
    return said + "."


def summary_lines(check: smart.SmartCheck) -> list[str]:
    """What the CLI prints after the validation report: the sentence, the actions that miss an answer, the
    warnings."""
    if check.score is None:
        return []
    lines = [f"{TITLE} — {plan_sentence(check)}"]
    missing = [action for action in check.actions if action.answered < len(smart.QUESTIONS)]
    for action in missing[:MAX_CLI_ACTIONS]:
        reasons = " ; ".join(answer.sentence() for answer in action.answers if not answer.answered)
        lines.append(f"  {action.action_id} ({score_text(action)}) — {reasons}")
    if len(missing) > MAX_CLI_ACTIONS:
        lines.append(f"  … et {len(missing) - MAX_CLI_ACTIONS} autres actions incomplètes.")
    lines += [f"  Conseil · {advice.message}" for advice in check.warnings[:MAX_CLI_ACTIONS]]
    if len(check.warnings) > MAX_CLI_ACTIONS:
        lines.append(f"  … et {len(check.warnings) - MAX_CLI_ACTIONS} autres conseils.")
    return lines
