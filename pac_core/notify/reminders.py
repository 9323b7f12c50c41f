"""Relances (issue 22): on day N after a month closes (default 3) and again on day N + 4, each owner of actions
running that month with no result for it gets a short French e-mail naming the actions and where to send the
figures; nothing once the figures are in. The contacts (an address per account or owner) live here too.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os

import pandas as pd

from pac_core import clock
from pac_core import formatting as fmt
from pac_core.freshness import OWNERS_WITHOUT_RESULTS_SQL
from pac_core.io.xlsx_writer import write_workbook
from pac_core.notify.outbox import Queued
from pac_core.notify.transport import Message, valid_address

FIRST_DAY = int(os.environ.get("PAC_RELANCE_JOUR", "3"))
SECOND_AFTER = 4  # days after the first
APP_URL = os.environ.get("PAC_URL", "http://localhost:8501")

CONTACTS_SQL = """
SELECT name, email FROM history.contacts
QUALIFY row_number() OVER (PARTITION BY name ORDER BY contact_id DESC) = 1
"""


class ContactError(Exception):
    """str(exc): one French sentence."""


def set_email(store, name: str, email: str, *, by: str) -> None:
    """An address for an account or an owner ('' removes it); refused in French when it is not one."""
    name, email = " ".join(name.split()), email.strip()
    if not name:
        raise ContactError("Indiquez le nom du compte ou du responsable.")
    if email and not valid_address(email):
        raise ContactError(f"« {email} » n'est pas une adresse e-mail (une seule adresse, sans nom : "
                           "marie.durand@exemple.fr).")
    with store.transaction() as con:
        con.execute("INSERT INTO history.contacts SELECT coalesce(max(contact_id), 0) + 1, ?, ?, ?, ? "
                    "FROM history.contacts", [name, email, by, clock.utc_now()])


def contact_names(store) -> list[str]:
    """Who may be given an address: the owners of actions as the plan writes them, the accounts, and the names
    that have one already."""
    owners = store.query("SELECT DISTINCT owner FROM main.actions WHERE owner IS NOT NULL")["owner"]
    accounts = store.query("SELECT username FROM history.accounts")["username"]
    return sorted(set(owners) | set(accounts) | set(emails(store)))


def emails(store) -> dict[str, str]:
    """Name → address, for the names that have one."""
    rows = store.query(CONTACTS_SQL)
    return {name: email for name, email in zip(rows["name"], rows["email"]) if email}


def due_reminders(store, today: dt.date | None = None) -> list[Queued]:
    """The relances due today: the first from day FIRST_DAY of the month after, the second from 4 days later, to
    the owners still without results for the closed month. Their keys make each one queued once."""
    today = today or clock.today()
    month = clock.last_closed_month(today)
    rank = 2 if today.day >= FIRST_DAY + SECOND_AFTER else 1 if today.day >= FIRST_DAY else 0
    if not rank:
        return []
    owners = store.query(OWNERS_WITHOUT_RESULTS_SQL, {"month": month})["owner"].tolist()
    addresses = emails(store)
    due = []
    for owner in owners:
        if owner not in addresses:
            continue  # no address: the outbox page lists them (missing_addresses)
        actions = store.query("SELECT action_id, name FROM main.actions WHERE owner = ? "
                              "AND (start_date IS NULL OR start_date <= last_day(?)) "
                              "AND (end_date IS NULL OR end_date >= ?) ORDER BY action_id", [owner, month, month])
        message = reminder_message(owner, addresses[owner], month, list(zip(actions["action_id"], actions["name"])),
                                   rank, results_to_fill(store, actions["action_id"].tolist(), month))
        due.append(Queued(f"relance {month:%Y-%m} {owner} {rank}", "relance", "email", (addresses[owner],), message))
    return due


def results_to_fill(store, action_ids: list[str], month: dt.date) -> bytes:
    """Our template's « Réalisé » sheet with a line per action × indicator the plan follows for them this year
    (targets or results), the month given and the figure left blank: filled in Excel, it imports as is."""
    pairs = store.query("SELECT DISTINCT action_id, metric FROM (SELECT action_id, metric, month "
                        "FROM main.plan_targets UNION ALL SELECT action_id, metric, month FROM main.results) "
                        "WHERE list_contains(?, action_id) AND year(month) = ? ORDER BY action_id, metric",
                        [action_ids, month.year])
    buffer = io.BytesIO()
    write_workbook(buffer, {"results": pd.DataFrame({"action_id": pairs["action_id"], "metric": pairs["metric"],
                                                      "period": [month] * len(pairs), "value": [None] * len(pairs)})},
                   instructions=[f"Remplissez la colonne « Réalisé » de {fmt.month(month, long=True)}, puis déposez "
                                 "ce fichier sur la page Données de PAC Pilot."])
    return buffer.getvalue()


def reminder_message(owner: str, address: str, month: dt.date, actions: list[tuple[str, str]], rank: int,
                     workbook: bytes | None = None) -> Message:
    """The relance as its recipient reads it, with the file to fill when there is one."""
    name = fmt.month(month, long=True)
    subject = (f"PAC Pilot : vos chiffres de {name}" if rank == 1
               else f"PAC Pilot : rappel, vos chiffres de {name} manquent toujours")
    listed = "\n".join(f"  - {action_id} · {label}" for action_id, label in actions)
    body = (f"Bonjour {owner},\n\n"
            f"Le réalisé de {name} n'est pas encore arrivé pour vos actions :\n{listed}\n\n"
            + ("Le fichier joint les attend : remplissez la colonne « Réalisé », puis déposez-le" if workbook else
               "Déposez le fichier du mois (le modèle Excel, feuille « Réalisé »)")
            + f" sur la page Données : {APP_URL}/donnees\n"
            "La revue du mois s'appuie sur ces chiffres.\n\n"
            "— PAC Pilot (message automatique ; il ne part plus dès que vos chiffres sont importés)")
    attachments = ((f"realise-{month:%Y-%m}.xlsx", workbook,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),) if workbook else ()
    return Message((address,), subject, body, attachments)


LISTS = {"direction": "PAC_DIRECTION", "revue": "PAC_REVUE_PARTICIPANTS"}  # the environment, when none is kept


def set_list(store, name: str, members: list[str], *, by: str) -> None:
    """Keep who the direction (alerts, Monday digest) or the review's participants are: contact names or
    addresses."""
    members = [" ".join(member.split()) for member in members if member and member.strip()]
    with store.transaction() as con:
        con.execute("INSERT INTO history.notify_lists SELECT coalesce(max(list_id), 0) + 1, ?, ?, ?, ? "
                    "FROM history.notify_lists", [name, json.dumps(members, ensure_ascii=False), by,
                                                  clock.utc_now()])


def list_members(store, name: str, environ=os.environ) -> list[str]:
    """The kept list, or else the environment's (comma-separated)."""
    kept = store.scalar("SELECT members FROM history.notify_lists WHERE name = ? ORDER BY list_id DESC LIMIT 1",
                        [name])
    if kept is not None:
        return json.loads(kept)
    return [part.strip() for part in environ.get(LISTS[name], "").split(",") if part.strip()]


def addresses_of(store, name: str) -> tuple[str, ...]:
    """The addresses of a list's members (a name without an address is left out)."""
    known, found = emails(store), []
    for member in list_members(store, name):
        address = member if valid_address(member) else known.get(member)
        if address and address not in found:
            found.append(address)
    return tuple(found)

