"""The downloadable Excel template: instructions in French, every sheet, drop-down lists, one example.

The example is one coherent story: strategic objective OS1, served by action EX1, which has one
target, one result and one opportunity. Every value is well-formed, so the template imports as is.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from pac_core.catalogue import DEFAULT_METRICS
from pac_core.io.xlsx_writer import write_workbook
from pac_core.tables import ACTIONS, OBJECTIVES, PIPELINE, RESULTS, TARGETS

TEMPLATE_YEAR = 2026
TEMPLATE_FILE_NAME = "modele-pac.xlsx"
TEMPLATE_PATH = Path(__file__).resolve().parent.parent / "data" / TEMPLATE_FILE_NAME

EXAMPLE_OBJECTIVE_ID = "OS1"
EXAMPLE_ACTION_ID = "EX1"
EXAMPLE_OPPORTUNITY_ID = "OPP-EX1"


def _metric_list() -> str:
    return ", ".join(f"{metric.label_fr} ({metric.unit})" for metric in DEFAULT_METRICS)


TEMPLATE_INSTRUCTIONS = [
    "Modèle de plan d'action commercial (PAC) — mode d'emploi",
    "Ce classeur se remplit puis se dépose dans PAC Pilot. Chaque feuille correspond à un tableau du plan ; "
    "les en-têtes de la ligne 1 ne doivent pas être renommés (les noms anglais sont aussi acceptés). "
    "Chaque feuille contient une ligne d'exemple (objectif OS1, action EX1) : remplacez-la par vos données "
    "ou supprimez-la avant le dépôt.",
    "## Les feuilles",
    f"« {ACTIONS.sheet} » : une ligne par action du plan. ID action (court et unique, par exemple SAL1), levier "
    "(grand axe : salons professionnels, visibilité sur internet…), nom de l'action, canal, type (acquisition, "
    "fidélisation, vente additionnelle), cible, responsable, dates de début et de fin, budget prévu, statut, et le "
    "ou les objectifs stratégiques servis (leurs ID séparés par des points-virgules, par exemple OS1;OS3).",
    f"« {TARGETS.sheet} » : les objectifs opérationnels de chaque action, un indicateur par ligne, mois par mois. "
    "Un objectif porte sur l'une des deux familles : objectifs d'activité (appels, contacts, rendez-vous, "
    "publications, devis envoyés : ce que l'on fait) ou objectifs de performance (chiffre d'affaires, nouveaux "
    "clients : ce que l'on obtient). « 200 appels par mois » s'écrit sur six lignes de 200 ; « 40 contacts au "
    "salon de février » sur une seule ligne, en février. Le coût n'est pas un objectif : c'est le budget de "
    "l'action.",
    f"« {RESULTS.sheet} » : ce qui a été réellement obtenu, par action, indicateur et mois, y compris le coût "
    "dépensé (indicateur Coût). Une ligne de Réalisé sans ID action est un chiffre de toute l'entreprise, par "
    "exemple le nombre de clients actifs ou de grands comptes à la fin du mois.",
    f"« {OBJECTIVES.sheet} » (facultative) : les objectifs de l'année pour toute l'entreprise, par exemple "
    "+20 % de clients actifs, rentrer chez 3 grands comptes, +250 000 € de CA : indicateur, valeur de "
    "référence, cible et échéance.",
    f"« {PIPELINE.sheet} » (facultative) : une ligne par opportunité, avec l'action ou le canal qui l'a apportée, "
    "son étape (premier contact, prise de RDV, démonstration réalisée, proposition commerciale envoyée, "
    "signature de devis, ou perdu), son montant, ses dates de création et de clôture, et son statut "
    "(En cours, Gagnée, Perdue).",
    "## Indicateurs",
    f"Indicateurs connus : {_metric_list()}. Le libellé ou un synonyme courant (CA, RDV, leads…) est accepté, "
    "avec ou sans accents, en majuscules ou minuscules. Les listes déroulantes proposent les valeurs "
    "habituelles (indicateurs, canaux, types, statuts, étapes), mais une autre valeur peut aussi être saisie.",
    "## Mois en lignes ou en colonnes",
    "Dans « Objectifs » et « Réalisé », la colonne Période contient un mois (01/03/2026, mars 2026 ou "
    "une date Excel), un trimestre (T1 2026) ou une année (2026). Les mois peuvent aussi être donnés en colonnes, comme dans le "
    "tableau habituel : ID action, Indicateur, puis une colonne par mois (janv., févr., mars, avr., mai, "
    "juin, juil., août, sept., oct., nov., déc.), intitulée par exemple « janv. 2026 », « févr. 2026 »… "
    "Une case vide signifie : pas de chiffre pour ce mois. Un objectif donné sur un trimestre ou une année "
    "est réparti également sur ses mois.",
    "## Nombres et dates",
    "Nombres acceptés : 2000, 2 000, 2 000 €, 2000,50, 12,5 % ; les cellules numériques d'Excel conviennent "
    "aussi. Dates acceptées : cellules date d'Excel, 31/12/2026 ou 2026-12-31. "
    "Les lignes vides et les lignes de total sont ignorées ; l'en-tête peut ne pas être en ligne 1.",
    "## Déposer le fichier",
    "Déposez le classeur sur la page « Données » de PAC Pilot (ou, en ligne de commande : "
    "python -m pac_core import FICHIER.xlsx). Le fichier est d'abord vérifié : s'il contient une erreur, "
    "un message indique la feuille, la ligne, la colonne et la valeur en cause, et rien n'est importé.",
    "Redéposer un fichier remplace les données du même périmètre (mêmes actions et mêmes mois) : corriger puis "
    "redéposer son fichier ne crée jamais de doublon. Un import peut être annulé depuis l'historique.",
]


def example_tables() -> dict[str, pd.DataFrame]:
    """One example row per table, referencing each other (OS1 ← EX1 ← target, result, opportunity)."""
    march = dt.date(TEMPLATE_YEAR, 3, 1)
    return {
        "actions": pd.DataFrame([{
            "action_id": EXAMPLE_ACTION_ID,
            "lever": "Salons professionnels",
            "name": "Salon régional des RH (exemple)",
            "channel": "Salon",
            "kind": "Acquisition",
            "segment": "Entreprises de plus de 100 salariés de la région",
            "owner": "Directeur commercial",
            "start_date": dt.date(TEMPLATE_YEAR, 3, 1),
            "end_date": dt.date(TEMPLATE_YEAR, 6, 30),
            "budget": 2_000,
            "status": "En cours",
            "objective_ids": EXAMPLE_OBJECTIVE_ID,
        }]),
        "targets": pd.DataFrame([{"action_id": EXAMPLE_ACTION_ID, "metric": "contacts", "period": march,
                                  "value": 40}]),
        "results": pd.DataFrame([{"action_id": EXAMPLE_ACTION_ID, "metric": "contacts", "period": march,
                                  "value": 35}]),
        "strategic_objectives": pd.DataFrame([{
            "objective_id": EXAMPLE_OBJECTIVE_ID,
            "label": "+20 % de clients actifs",
            "metric": "clients_actifs",
            "baseline": 150,
            "target": 180,
            "due_date": dt.date(TEMPLATE_YEAR, 12, 31),
        }]),
        "opportunities": pd.DataFrame([{
            "opportunity_id": EXAMPLE_OPPORTUNITY_ID,
            "account": "Entreprise Exemple SAS",
            "action_id": EXAMPLE_ACTION_ID,
            "channel": "Salon",
            "stage": "Prise de RDV",
            "amount": 5_000,
            "created_on": dt.date(TEMPLATE_YEAR, 3, 12),
            "closed_on": None,
            "status": "En cours",
        }]),
    }


def write_template(path) -> None:
    """Write the template workbook (a file name or a binary file object, e.g. for a download button)."""
    write_workbook(path, example_tables(), instructions=TEMPLATE_INSTRUCTIONS, dropdowns=True)


if __name__ == "__main__":  # python -m pac_core.template [PATH]
    import sys

    write_template(sys.argv[1] if len(sys.argv) > 1 else TEMPLATE_PATH)
