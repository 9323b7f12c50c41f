"""The texts of the Bilan annuel screen and of its PDF: the table of actions with their figures in French, the
verdicts as people read them, and the way back from the edited tables to pac_core.bilan's decisions."""

from __future__ import annotations

import pandas as pd

from pac_core import formatting as fmt
from pac_core.bilan import ARRETER, IDEA_COLUMNS, TESTER, VERDICT_LABELS, VERDICTS, Bilan, cost_per_result_text

VERDICT_BY_LABEL = {label: verdict for verdict, label in VERDICT_LABELS.items()}
VERDICT_OPTIONS = [VERDICT_LABELS[verdict] for verdict in VERDICTS]
FIGURES = ("Objectif", "Réalisé", "Atteinte", "Coût", "CA attribué", "ROI")  # right-aligned, as figures read
EDITABLE = ("Verdict", "Objectif proposé", "Commentaire")  # what the managers change; the rest is the bilan's
IDEA_HEADERS = {"idea_id": "ID", "name": "Nom", "lever": "Levier", "channel": "Canal", "owner": "Responsable",
                "budget": "Budget (€)", "verdict": "Verdict", "comment": "Commentaire"}
RULES = ("Verdict suggéré (indicateur principal : le premier objectif de performance, sinon d'activité) : "
         "reconduire de 95 à 130 % d'atteinte avec un ROI positif ; ajuster entre 60 et 95 % ou au-delà de 130 % "
         "(objectif proposé = le réalisé arrondi) ; arrêter sous 60 % avec une perte ; tester une action dans sa "
         "première année encore trop peu mesurée, et les nouvelles idées. ROI = (CA − coût) / coût ; « — » : pas "
         "de coût ou pas de résultat.")


def year_label(year: int, closed_years) -> str:
    return str(year) if year in closed_years else f"{year} (provisoire)"


def _figure(value, unit) -> str:
    if value is None or pd.isna(value):
        return fmt.MISSING
    if unit == "€":
        return fmt.euros(value)
    if unit == "%":
        return fmt.percent(value)
    return fmt.count(value)


def _roi(value) -> str:
    return fmt.MISSING if value is None or pd.isna(value) else fmt.number(value, 1)


def figures_frame(bilan: Bilan) -> pd.DataFrame:
    """One row per action, every figure as French text (the table on screen and in the PDF)."""
    rows = []
    for _, row in bilan.rows.iterrows():
        rows.append({
            "ID": row["action_id"], "Action": row["name"], "Responsable": row["owner"] or fmt.MISSING,
            "Indicateur principal": row["metric_label"] or fmt.MISSING,
            "Objectif": _figure(row["objective"], row["unit"]), "Réalisé": _figure(row["actual"], row["unit"]),
            "Atteinte": fmt.percent(row["attainment"]), "Coût": fmt.euros(row["cost"]),
            "CA attribué": fmt.euros(row["revenue"]), "ROI": _roi(row["roi"]),
            "Coût par résultat": cost_per_result_text(row),
            "Verdict suggéré": VERDICT_LABELS[row["suggested_verdict"]],
            "Raison": row["reason"]})
    return pd.DataFrame(rows, columns=["ID", "Action", "Responsable", "Indicateur principal", "Objectif", "Réalisé",
                                       "Atteinte", "Coût", "CA attribué", "ROI", "Coût par résultat",
                                       "Verdict suggéré", "Raison"])


def editor_frame(bilan: Bilan) -> pd.DataFrame:
    """The figures, then the three columns the managers change (the verdict chosen, next year's objective of the
    main indicator, a comment)."""
    frame = figures_frame(bilan)
    frame["Verdict"] = [VERDICT_LABELS[verdict] for verdict in bilan.rows["verdict"]]
    frame["Objectif proposé"] = pd.to_numeric(bilan.rows["next_objective"], errors="coerce").astype(float).values
    frame["Commentaire"] = bilan.rows["comment"].fillna("").astype(str).values
    return frame


def decisions_from_editor(bilan: Bilan, edited: pd.DataFrame) -> pd.DataFrame:
    """The edited table back as pac_core.bilan's decisions (action_id, verdict, next_objective, comment)."""
    verdicts = [VERDICT_BY_LABEL.get(label, suggested)
                for label, suggested in zip(edited["Verdict"], bilan.rows["suggested_verdict"])]
    objectives = pd.to_numeric(edited["Objectif proposé"], errors="coerce")
    return pd.DataFrame({"action_id": list(edited["ID"]), "verdict": verdicts,
                         "next_objective": [None if pd.isna(value) else float(value) for value in objectives],
                         "comment": ["" if pd.isna(text) else str(text) for text in edited["Commentaire"]]})


def ideas_frame(bilan: Bilan) -> pd.DataFrame:
    """The new ideas, under French headers, for the editor (a new line is a new idea to test)."""
    frame = bilan.ideas.rename(columns=IDEA_HEADERS)[list(IDEA_HEADERS.values())].copy()
    frame["Verdict"] = [VERDICT_LABELS.get(verdict, VERDICT_LABELS[TESTER]) for verdict in bilan.ideas["verdict"]]
    frame["Budget (€)"] = pd.to_numeric(frame["Budget (€)"], errors="coerce").astype(float)
    for column in ("ID", "Nom", "Levier", "Canal", "Responsable", "Commentaire"):
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame.reset_index(drop=True)


def ideas_from_editor(edited: pd.DataFrame) -> pd.DataFrame:
    """The edited ideas back under pac_core.bilan's names; wholly empty lines dropped, a blank verdict is tester."""
    frame = edited.rename(columns={header: name for name, header in IDEA_HEADERS.items()})
    frame = frame.reindex(columns=list(IDEA_COLUMNS))
    texts = ["idea_id", "name", "lever", "channel", "owner", "comment"]
    filled = frame[["name", "lever", "channel", "owner", "comment"]].apply(
        lambda column: column.map(lambda value: bool(str(value).strip()) if value is not None and not pd.isna(value)
                                  else False)).any(axis=1) | frame["budget"].notna()
    frame = frame[filled].copy()
    for column in texts:
        frame[column] = frame[column].map(lambda value: None if value is None or pd.isna(value) else str(value))
    frame["verdict"] = [VERDICT_BY_LABEL.get(label, TESTER) if isinstance(label, str) else TESTER
                        for label in frame["verdict"]]
    frame["budget"] = pd.to_numeric(frame["budget"], errors="coerce")
    return frame.reset_index(drop=True)


def reasons(bilan: Bilan) -> list[str]:
    """« SAL2 · Salon 2 (mai) : Objectif de CA atteint à 88,3 %… » — the suggested verdicts' reasons, in full."""
    return [f"{row.action_id} · {row.name} : {row.reason}" for row in bilan.rows.itertuples(index=False)]


def verdict_counts(bilan: Bilan) -> list[tuple[str, str, int]]:
    """(verdict, label, number of actions) for the cards above the table; new ideas count as « tester »."""
    counts = bilan.rows["verdict"].value_counts()
    ideas = int((bilan.ideas["verdict"] != ARRETER).sum()) if len(bilan.ideas) else 0
    return [(verdict, VERDICT_LABELS[verdict], int(counts.get(verdict, 0)) + (ideas if verdict == TESTER else 0))
            for verdict in VERDICTS]


def header_text(bilan: Bilan) -> str:
    """What the figures are: the year or the months to date, and the plan version of the objectives."""
    if bilan.provisional:
        span = (f"janvier à {fmt.month(bilan.as_of, long=True).split()[0]} {bilan.year} : objectifs à date, l'année "
                "n'est pas close")
    else:
        span = f"année {bilan.year} entière"
    return f"Chiffres de l'{span} · objectifs de la version {bilan.plan_version} du plan"


def saved_text(bilan: Bilan) -> str:
    if bilan.saved_at is None:
        return "Bilan pas encore enregistré : les verdicts affichés sont ceux que suggère PAC Pilot."
    return f"Enregistré le {fmt.local_time(bilan.saved_at)} par {bilan.saved_by}."


def pdf_file_name(bilan: Bilan) -> str:
    return f"bilan-{bilan.year}{'-provisoire' if bilan.provisional else ''}.pdf"
