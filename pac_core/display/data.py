"""The texts and tables of the Données screen, in French: the validation report, the preview of an import,
the import log. Values from users' files only ever go into table cells here, never into Markdown."""

import datetime

import pandas as pd

from pac_core import formatting as fmt
from pac_core.import_preview import COMPANY, TABLE_TITLES, ImportPreview
from pac_core.store import ImportOutcome
from pac_core.validate import Issue, Validation

UPLOAD_LABEL = "Déposez un ou plusieurs fichiers : classeur Excel (.xlsx) ou CSV"
UPLOAD_HELP = ("Les fichiers déposés ensemble forment un seul import. Réimporter le même périmètre (mêmes actions, "
               "indicateurs et mois) le remplace, sans doublon.")
NOTHING_WRITTEN = "Rien n'est écrit dans la base avant que vous cliquiez sur « Importer »."
REFUSED_NOTHING_WRITTEN = "Rien n'a été importé : corrigez les erreurs ci-dessous, puis déposez le fichier à nouveau."
PREVIEW_RULE = ("Un fichier d'objectifs ou de réalisé remplace, pour ses actions et indicateurs, les mois qu'il "
                "contient : un chiffre présent dans la base mais absent du fichier pour ces mois est retiré. Actions, "
                "objectifs stratégiques et opportunités sont remplacés par leur ID. Les totaux portent sur toutes les "
                "actions ; les chiffres de toute l'entreprise sont à part.")
NO_TOTAL_CHANGE = "Aucun total ne change : ces chiffres sont déjà dans la base."
NO_IMPORT_YET = "Aucun import pour l'instant."
UNDO_RULE = ("Annuler un import retire les données qu'il a apportées et fait revenir celles qu'il avait remplacées. "
             "L'import reste dans l'historique, marqué annulé.")
EXPORT_HELP = "Les données actuelles au format du modèle : ce fichier se réimporte tel quel."
TEMPLATE_HELP = "Le modèle vide, avec son mode d'emploi, ses listes déroulantes et une ligne d'exemple."
ORIGINS = {"app": "application", "cli": "ligne de commande", "demo": "démonstration", "dépôt": "dossier de dépôt"}
ISSUE_COLUMNS = ["Fichier", "Feuille", "Ligne", "Colonne", "Valeur", "Message"]
# Column widths for the screen's tables (Streamlit's "small", "medium", "large"): long texts get the room.
WIDTHS = {"Ligne": "small", "N°": "small", "Feuille": "small", "Message": "large", "Portée": "large",
          "Lignes": "large", "Quand": "medium"}


def upload_limit(megabytes) -> str:
    return f"Taille maximale : {fmt.number(megabytes)} Mo par fichier."


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{fmt.number(count)} {singular if count <= 1 else plural_form or singular + 's'}"


def issues_frame(issues: list[Issue]) -> pd.DataFrame:
    """The report as a table (errors first, as the validation sorts them), every cell as text."""
    rows = [[issue.source, issue.sheet if issue.sheet != issue.source else None,
             None if issue.row is None else str(issue.row), issue.column, issue.value, issue.message]
            for issue in issues]
    return pd.DataFrame(rows, columns=ISSUE_COLUMNS, dtype=object)


def verdict(validation: Validation, files: int) -> str:
    """One line: the files are valid (with their warnings), or refused with how many errors."""
    warnings = len(validation.warnings)
    also = f", avec {plural(warnings, 'avertissement')}" if warnings else ""
    if validation.ok:
        subject = "Fichier valide" if files == 1 else f"Les {fmt.number(files)} fichiers sont valides"
        return f"{subject}{also} : prêt à importer."
    subject = "Fichier refusé" if files == 1 else "Fichiers refusés"
    return f"{subject} : {plural(len(validation.errors), 'erreur')}{also}."


def counts_frame(preview: ImportPreview) -> pd.DataFrame:
    rows = []
    for count in preview.counts:
        changed = fmt.MISSING if count.changed is None else fmt.number(count.changed)
        rows.append([TABLE_TITLES[count.table], fmt.number(count.added), fmt.number(count.replaced), changed,
                     fmt.number(count.removed)])
    return pd.DataFrame(rows, columns=["Tableau", "Ajoutées", "Remplacées", "dont valeur modifiée", "Retirées"])


def changes_frame(preview: ImportPreview) -> pd.DataFrame:
    """Per table, per action (or ID) and month: rows added, replaced, removed."""
    rows = [[TABLE_TITLES[change.table], change.key if change.key is not None else COMPANY,
             fmt.month(change.month) if change.month else fmt.MISSING, fmt.number(change.added),
             fmt.number(change.replaced), fmt.number(change.removed)]
            for change in preview.changes]
    return pd.DataFrame(rows, columns=["Tableau", "Action ou ID", "Mois", "Ajoutées", "Remplacées", "Retirées"])


def totals_frame(preview: ImportPreview) -> pd.DataFrame:
    """Totals before → after per table, indicator and month, as the sentences say them."""
    return pd.DataFrame([[total.sentence(), "modifié" if total.differs else "inchangé"] for total in preview.totals],
                        columns=["Total avant → après", "Effet"])


def changed_totals(preview: ImportPreview, limit: int = 6) -> list[str]:
    """The first totals that move, as sentences, and how many more."""
    moving = [total.sentence() for total in preview.totals if total.differs]
    if len(moving) > limit:
        return moving[:limit] + [f"… et {plural(len(moving) - limit, 'autre total', 'autres totaux')} "
                                 "(tableau ci-dessous)."]
    return moving


_OF_TABLE = {"actions": "d'actions", "targets": "d'objectifs", "results": "de réalisé",
             "strategic_objectives": "d'objectifs stratégiques", "opportunities": "d'opportunités"}
_COUNT_WORDS = {"ajoutées": ("ajoutée", "ajoutées"), "remplacées": ("remplacée", "remplacées"),
                "retirées": ("retirée", "retirées")}


def counts_text(row_counts: dict) -> str:
    """'1 200 lignes de réalisé (1 180 ajoutées, 20 remplacées) ; 1 ligne d'actions (1 remplacée)'."""
    parts = []
    for table, counts in row_counts.items():
        if table == "metrics":  # indicators created with the import (the column mapping's)
            parts.append(plural(counts.get("lignes", 0), "indicateur créé", "indicateurs créés"))
            continue
        detail = ", ".join(plural(n, *_COUNT_WORDS.get(word, (word, word))) for word, n in counts.items()
                           if word != "lignes" and n)
        parts.append(f"{plural(counts.get('lignes', 0), 'ligne')} {_OF_TABLE.get(table, table)}"
                     + (f" ({detail})" if detail else ""))
    return " ; ".join(parts) or "aucune ligne"


def imported_text(outcome: ImportOutcome) -> str:
    """The success message: what was imported, in French numbers; the store's sentence when nothing was done."""
    if outcome.import_id is None:
        return outcome.message
    return f"Import n° {outcome.import_id} enregistré : {counts_text(outcome.row_counts)}."


def _when(value) -> str:
    return fmt.local_time(value, at=" ")


def scope_text(scope: dict) -> str:
    """'Réalisé : 2 actions, 3 indicateurs, janv.–mars 2026 ; Actions : SAL1, SAL2'."""
    parts = []
    for table, spoken in scope.items():
        title = TABLE_TITLES.get(table, table)
        if "ids" in spoken:
            ids = spoken["ids"]
            shown = ", ".join(ids[:3]) + (f" et {fmt.number(len(ids) - 3)} autres" if len(ids) > 3 else "")
            parts.append(f"{title} : {shown}")
            continue
        who = []
        if spoken.get("actions"):
            who.append(plural(len(spoken["actions"]), "action"))
        if spoken.get("entreprise"):
            who.append("toute l'entreprise")
        months = [datetime.date.fromisoformat(m + "-01") for m in spoken.get("mois", [])]
        period = fmt.month(months[0]) if len(months) == 1 else (
            f"{fmt.month(months[0])} – {fmt.month(months[-1])}" if months else fmt.MISSING)
        parts.append(f"{title} : {', '.join(who)}, {plural(len(spoken.get('indicateurs', [])), 'indicateur')}, "
                     f"{period}")
    return " ; ".join(parts) or fmt.MISSING


def state_text(row) -> str:
    if row.undone_at is None or row.undone_at != row.undone_at:
        return "actif"
    return f"annulé le {_when(row.undone_at)} par {row.undone_by}"


def history_frame(log: pd.DataFrame) -> pd.DataFrame:
    """One line per import: n°, quand, qui, d'où, fichiers, portée, lignes, état."""
    rows = [[str(row.import_id), _when(row.imported_at), row.imported_by, ORIGINS.get(row.origin, row.origin),
             row.file_names, scope_text(row.scope), counts_text(row.row_counts), state_text(row)]
            for row in log.itertuples(index=False)]
    return pd.DataFrame(rows, columns=["N°", "Quand", "Qui", "Depuis", "Fichiers", "Portée", "Lignes", "État"])


def undo_label(row) -> str:
    """How an import is named in the undo list (a select box shows plain text)."""
    return f"n° {row.import_id} · {_when(row.imported_at)} · {row.imported_by} · {row.file_names}"
