"""Alertes (issue 22): when the figures turn an action × indicator « En retard » — or bring it back « En bonne
voie » — its owner and the direction are told, once per change, with the figures.

The statuses of the last closed month are compared, at each `envoyer`, with the ones noted at the previous run
(history.notify_status); the first run only notes them (a company switching alerts on is not sent its whole plan).
The direction: the list kept on the Comptes page (or PAC_DIRECTION: names or addresses, comma-separated).
"""

from __future__ import annotations

import datetime as dt

from pac_core import clock
from pac_core import formatting as fmt
from pac_core.display import metric_value
from pac_core.kpi.objectives import objectives
from pac_core.kpi.scope import Scope
from pac_core.notify.outbox import Queued
from pac_core.notify.reminders import APP_URL, addresses_of, emails
from pac_core.notify.transport import Message

STATUS_WORDS = {"on_track": "En bonne voie", "watch": "À surveiller", "off_track": "En retard"}
LATE, BACK = "off_track", "on_track"

NOTED_SQL = """
SELECT status_id, action_id, metric, status FROM history.notify_status
QUALIFY row_number() OVER (PARTITION BY action_id, metric ORDER BY status_id DESC) = 1
"""


def due_alerts(store, today: dt.date | None = None, *, note: bool = True) -> list[Queued]:
    """The alerts of the changes since the previous run; the new statuses are noted (unless note=False, a trial)."""
    as_of = clock.last_closed_month(today or clock.today())
    frame = objectives(store, Scope(as_of=as_of))
    noted = store.query(NOTED_SQL)
    before = {(a, m): (s, i) for i, a, m, s in zip(noted["status_id"], noted["action_id"], noted["metric"],
                                                     noted["status"])}
    first_run = noted.empty
    addresses, alerts, changes = emails(store), [], []
    for row in frame.itertuples(index=False):
        status = row.status if isinstance(row.status, str) else None
        previous, previous_id = before.get((row.action_id, row.metric), (None, 0))
        if status is None or status == previous:
            continue
        changes.append((row.action_id, row.metric, status))
        if first_run or not (status == LATE or (previous == LATE and status == BACK)):
            continue
        recipients = tuple(dict.fromkeys([*([addresses[row.owner]] if row.owner in addresses else []),
                                          *addresses_of(store, "direction")]))
        if recipients:
            alerts.append(Queued(f"alerte {row.action_id} {row.metric} {previous}>{status} {previous_id}", "alerte",
                                 "email", recipients, alert_message(row, status, as_of, recipients)))
    if note and changes:
        with store.transaction() as con:
            base = con.execute("SELECT coalesce(max(status_id), 0) FROM history.notify_status").fetchall()[0][0]
            con.executemany("INSERT INTO history.notify_status VALUES (?, ?, ?, ?, ?, ?)",
                            [[base + index + 1, action_id, metric, status, as_of, clock.utc_now()]
                             for index, (action_id, metric, status) in enumerate(changes)])
    return alerts


def alert_message(row, status: str, as_of: dt.date, recipients: tuple[str, ...]) -> Message:
    """The alert as its recipients read it: the action, the indicator, the figures to date and for the year."""
    month = fmt.month(as_of, long=True)
    late = status == LATE
    subject = (f"PAC Pilot : {row.name} · {row.metric_label.lower()} "
               + ("en retard" if late else "de nouveau en bonne voie"))

    def value(number):
        return metric_value(number, row.metric) if number is not None and number == number else fmt.MISSING

    body = (f"Bonjour,\n\n{row.action_id} · {row.name} ({row.owner}) : {row.metric_label.lower()} "
            f"{'passe « En retard »' if late else 'revient « En bonne voie »'} à fin {month}.\n\n"
            f"  Réalisé à date : {value(row.actual_to_date)} pour un objectif à date de {value(row.target_to_date)} "
            f"(rythme {fmt.percent(row.pace)})\n"
            f"  Objectif de l'année : {value(row.target_year)} · atterrissage prévu : {value(row.forecast)}\n\n"
            f"Le détail de l'action : {APP_URL}/actions\n\n— PAC Pilot (une alerte par changement de statut)")
    return Message(recipients, subject, body)
