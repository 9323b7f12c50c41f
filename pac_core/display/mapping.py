"""The texts and tables of the column-mapping step of the Données screen, in French: what each of our fields
is called, how a column of theirs looks, the notice of a saved mapping, the name suggested for a new one, and
the monthly figures a mapping produces. Values from users' files only ever go into table cells or are
escaped by the page."""

from __future__ import annotations

import datetime
import re
from pathlib import PurePath

import pandas as pd

from pac_core import formatting as fmt
from pac_core.catalogue import METRICS_BY_CODE
from pac_core.display import metric_label, value
from pac_core.mapping.model import ACTIONS, OPPORTUNITIES, RESULTS, TARGETS
from pac_core.mapping.suggest import SHAPE_LABELS, ColumnProfile
from pac_core.tables import TABLES_BY_NAME
from pac_core.text import fold

TITLE = "Associer les colonnes"
INTRO = ("Ce fichier n'est pas au format du modèle PAC Pilot. Indiquez ce que contiennent ses colonnes : "
         "PAC Pilot l'importera comme un fichier du modèle. Les choix ci-dessous sont des suggestions à vérifier.")
EDIT = "Modifier la correspondance"
KIND_QUESTION = "Ce fichier contient"
KIND_OPTIONS = {RESULTS: "du réalisé (dépenses, contacts, ventes…)", TARGETS: "des objectifs",
                ACTIONS: "des actions du plan", OPPORTUNITIES: "un pipeline d'opportunités (export CRM)"}
PART_TITLES = {RESULTS: "Réalisé", TARGETS: "Objectifs", ACTIONS: "Actions", OPPORTUNITIES: "Pipeline"}
NO_COLUMN = "— aucune —"
COLUMNS_TITLE = "Vos colonnes"
MEASURES_TITLE = "Les chiffres à importer"
NOTHING_WRITTEN = "Rien n'est écrit dans la base avant que vous cliquiez sur « {button} »."
MEASURES_HELP = ("Chaque colonne de chiffres choisie est additionnée par action et par mois (les dépenses "
                 "quotidiennes deviennent le coût du mois).")
NOT_IMPORTED = "— ne pas importer —"
VALUES_TITLE = "Correspondance des valeurs"
VALUES_HELP = "Chaque libellé du fichier, avec son nombre de lignes : choisissez ce qu'il représente chez nous."
TO_CHOOSE = "À choisir…"
IGNORE_ROWS = "Ignorer ces lignes"
NO_ACTION_ROWS = "Garder ces lignes, sans action (toute l'entreprise)"
IGNORE_UNMAPPED = "Ignorer les lignes dont la valeur n'est associée à rien (un avertissement les signalera)"
ONE_ACTION = "Une seule action pour tout le fichier"
WIDE_MONTHS = "Colonnes de mois"
WIDE_METRIC = "Indicateur des chiffres"
DEALS = "Compter aussi les affaires gagnées dans le réalisé mensuel (nouveaux clients et chiffre d'affaires)"
DEALS_HELP = ("Chaque affaire à l'étape « Signature de devis » compte pour un nouveau client, et son montant pour "
              "du chiffre d'affaires, au mois de sa clôture, dans l'action de sa source.")
ALSO_PART = "Importer aussi : {what}"
MISSING_TITLE = "Il manque encore :"
PREVIEW_TITLE = "Ce que l'import va changer"
MONTHLY_TITLE = "Chiffres mensuels obtenus"
REFUSED_NOTHING_WRITTEN = ("Rien n'a été importé : changez la correspondance ci-dessus, ou corrigez le fichier "
                           "et déposez-le à nouveau.")
REFUSED = "Le fichier ne peut pas encore être importé avec cette correspondance : {count}."
NAME_LABEL = "Nom de la correspondance"
NAME_HELP = ("Elle est enregistrée avec l'import : le prochain fichier avec les mêmes colonnes (l'export du mois "
             "suivant) sera associé tout seul.")
IMPORT_BUTTON = "Importer et enregistrer la correspondance"
SHEET_CHOICE = "Tableau à associer"

# Our fields of results and targets that come from one of their columns (the figures are chosen apart).
FIGURE_FIELDS = {"action_id": "Action (ou canal, campagne, commercial)", "period": "Date ou mois",
                 "period_end": "Fin de période (si une ligne couvre plusieurs mois)",
                 "metric": "Indicateur (si une colonne le donne)"}
FIGURE_FIELD_HELP = {
    "action_id": "La colonne dont les libellés désignent l'action du plan ; chaque libellé est associé plus bas.",
    "period": "Les lignes d'un même mois sont additionnées.",
}
FIELD_NAMES = {"action_id": "action", "stage": "étape", "status": "statut", "metric": "indicateur"}
_WHAT = {"action_id": "l'action", "stage": "l'étape", "status": "le statut", "metric": "l'indicateur"}
_MONTH_WORDS = {fold(word) for word in (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
    "décembre", "janv", "févr", "fev", "avr", "juil", "sept", "oct", "nov", "déc", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "dec", "t1", "t2", "t3", "t4", "q1", "q2", "q3", "q4")}
_DATE_LIKE = re.compile(r"^\d+$|^\d{1,4}[./]\d{1,2}([./]\d{1,4})?$")


def fields_of(table: str) -> dict[str, str]:
    """Our fields a column of theirs can fill, with their French names, for one of our tables."""
    if table in (RESULTS, TARGETS):
        return FIGURE_FIELDS
    fields = {column.name: column.header + (" *" if column.required else "") for column in TABLES_BY_NAME[table].columns}
    if table == OPPORTUNITIES:  # read through the value map, like the action of a row of figures
        fields["action_id"] = "Action d'origine (source, campagne…)"
    return fields


def column_hint(profile: ColumnProfile | None) -> str:
    """« dates · ex. 02/11/2026, 09/11/2026 »: what a column of theirs holds, shown under its choice."""
    if profile is None:
        return ""
    shape = SHAPE_LABELS.get(profile.shape, profile.shape)
    if not profile.examples:
        return shape
    return f"{shape} · ex. {', '.join(profile.examples)}"


def column_option(header: str | None, profile: ColumnProfile | None) -> str:
    """A column in a list: its header and what it holds."""
    if header is None:
        return NO_COLUMN
    hint = column_hint(profile)
    return f"{header} ({hint})" if hint else header


def action_option(action) -> str:
    """« WEB — Refonte du site (Site web / SEO) »: the channel only when the name does not already say it."""
    label = f"{action.action_id} — {action.name}" if action.name else action.action_id
    if action.channel and fold(action.channel) not in fold(action.name):
        label += f" ({action.channel})"
    return label


def choice_label(label: str, count: int, first_row: int) -> str:
    """The text above one label's list: « Google Ads » · 2 lignes (1re : ligne 6)."""
    lines = "1 ligne" if count == 1 else f"{fmt.number(count)} lignes"
    return f"« {label} » · {lines} (1re : ligne {first_row})"


def unchosen_problems(choices) -> list[str]:
    """One line per column whose labels still need a choice: « Associez « Google Ads » (2 lignes) et … »."""
    by_column: dict[str, list] = {}
    for choice in choices:
        by_column.setdefault((choice.header, choice.field), []).append(choice)
    lines = []
    for (header, name), labels in by_column.items():
        what = _WHAT.get(name, "une valeur")
        listed = ", ".join(f"« {c.label} » ({'1 ligne' if c.count == 1 else f'{fmt.number(c.count)} lignes'})"
                           for c in labels)
        lines.append(f"Colonne « {header} » : choisissez {what} pour {listed}, ou « {IGNORE_ROWS} ».")
    return lines


def saved_notice(name: str, saved_at) -> str:
    when = f" le {fmt.local_date(saved_at)}" if isinstance(saved_at, (datetime.date, datetime.datetime)) else ""
    return (f"Correspondance « {name} » enregistrée{when} appliquée automatiquement : ce fichier a les mêmes "
            "colonnes. Vérifiez l'aperçu, puis importez.")


def default_name(file_name: str) -> str:
    """A name for a new mapping from the file's name, without its dates: « Export pub novembre 2026.xlsx »
    → « Export pub », so that next month's file gets the same one."""
    words = re.split(r"[\s_\-–—()\[\],]+", PurePath(str(file_name)).stem)
    kept = [word for word in words if word and fold(word).rstrip(".") not in _MONTH_WORDS
            and not _DATE_LIKE.match(word)]
    name = " ".join(kept).strip() or PurePath(str(file_name)).stem.strip() or "Correspondance"
    return name[:1].upper() + name[1:]


def monthly_frame(batch, action_names: dict[str, str]) -> pd.DataFrame:
    """The figures of results and targets a mapping produced: a row per table, action and indicator, a column
    per month, as a person reads them (an indicator the import creates under its new name)."""
    rows, months = [], set()
    created = {metric.code: metric for metric in batch.new_metrics} if batch is not None else {}
    for table in (RESULTS, TARGETS):
        frame = batch.tables.get(table) if batch is not None else None
        if frame is None or frame.empty:
            continue
        frame = frame.assign(month=pd.to_datetime(frame["month"]).dt.date,
                             action_id=frame["action_id"].astype(object).where(frame["action_id"].notna(), None))
        for (action, metric), group in frame.groupby([frame["action_id"].fillna(""), "metric"], sort=True):
            values = dict(zip(group["month"], group["value"]))
            months.update(values)
            info = created.get(metric) or METRICS_BY_CODE.get(metric)
            rows.append((PART_TITLES[table], _action(action, action_names),
                         info.label_fr if info else metric_label(metric), info.unit if info else "nombre", values))
    ordered = sorted(months)
    data = [[title, action, label, *[_figure(values[m], unit) if m in values else "" for m in ordered]]
            for title, action, label, unit, values in rows]
    frame = pd.DataFrame(data, columns=["Tableau", "Action", "Indicateur", *[fmt.month(m) for m in ordered]],
                         dtype=object)
    return frame.drop(columns="Tableau") if frame["Tableau"].nunique() <= 1 else frame


def _figure(amount: float, unit: str) -> str:
    """Euros with their cents when they have some (330,50 €), to compare with the platform's own total."""
    if unit == "€" and not float(amount).is_integer():
        return fmt.euros(amount, 2)
    return value(amount, unit)


def _action(action_id: str, names: dict[str, str]) -> str:
    if not action_id:
        return "(toute l'entreprise)"
    name = names.get(action_id)
    return f"{action_id} — {name}" if name else action_id


# -- the file's layout (« Mise en page du fichier ») -------------------------------------------------------

LAYOUT_TITLE = "Mise en page du fichier"
HEADER_ROW = "Ligne des en-têtes"
HEADER_ROW_HELP = "Le numéro de la ligne qui porte les noms des colonnes, tel qu'Excel l'affiche à gauche."
UNGUESSED_SHEET = "en-têtes non reconnus"
FILL_DOWN = "Colonnes à recopier vers le bas"
FILL_DOWN_HELP = ("Un libellé écrit seulement sur la première ligne de son bloc (la plateforme nommée une fois, "
                  "des cellules vides en dessous) : chaque cellule vide reprend la valeur au-dessus.")
YEAR_COLUMN = "Colonne de l'année"
YEAR_COLUMN_HELP = "Quand l'année et le mois sont dans deux colonnes (Année = 2026, Mois = mars ou 3)."
PERIOD_VALUE = "Période de tout le fichier"
PERIOD_VALUE_HELP = ("Quand aucune colonne ne donne la date : un mois (2026-03), un trimestre (T1 2026) ou deux dates "
                     "(01/01/2026-31/03/2026). Les chiffres sont répartis également sur ses mois.")
BLOCKS = "Blocs de colonnes de mois à importer (selon ce qui est écrit au-dessus des en-têtes)"
NO_BLOCK = "Mise en page : cochez au moins un bloc de colonnes de mois à importer."


def block_label(name: str, months: int) -> str:
    return f"{name} ({months} mois)"

# Creating from the wizard (pac_core.mapping.create)
NEW_ACTION = "+ Nouvelle action…"
NEW_METRIC = "+ Nouvel indicateur…"
NEW_ACTION_TITLE = "Nouvelle action {action_id}"
NEW_ACTION_NAME = "Nom de l'action"
NEW_ACTION_CHANNEL = "Canal"
NEW_ACTION_OWNER = "Responsable"
NEW_CHOICE_HELP = "Choisissez dans la liste, ou tapez un nouveau nom puis Entrée."
NEW_METRIC_TITLE = "Nouvel indicateur"
NEW_METRIC_NAME = "Nom de l'indicateur"
NEW_METRIC_UNIT = "Unité"
NEW_METRIC_FAMILY = "Famille"
NEW_METRIC_AGGREGATION = "Sur plusieurs mois"
AGGREGATION_OPTIONS = {"sum": "s'additionne (visites, clics…)", "last": "garde la dernière valeur (un stock)"}
FAMILY_OPTIONS = {"activité": "activité (ce que l'on fait)", "performance": "performance (ce que l'on obtient)"}
CREATION_RIGHTS = ("Créer une action ou un indicateur modifie le plan : l'import demandera le rôle admin.")


def borrowed_notice(count: int) -> str:
    """Label choices taken from the other saved mappings of the company."""
    what = "choix de valeur repris" if count == 1 else "choix de valeurs repris"
    return (f"{count} {what} de vos autres correspondances (par exemple la même plateforme dans un autre format) : "
            "vérifiez-les ci-dessous.")
