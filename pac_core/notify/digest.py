"""Le résumé du lundi (issue 22): on Monday from 8 h, company time (PAC_TZ), the direction gets the week's
imports, the changes of status noted by the alerts, and whose results are missing — once per ISO week.
"""

from __future__ import annotations

import datetime as dt

from pac_core import clock
from pac_core import formatting as fmt
from pac_core.freshness import freshness
from pac_core.notify.alerts import STATUS_WORDS
from pac_core.notify.outbox import Queued
from pac_core.notify.reminders import APP_URL, addresses_of
from pac_core.notify.transport import Message

HOUR = 8


def due_digest(store, now: dt.datetime | None = None) -> list[Queued]:
    """This week's digest, from Monday 8 h (local time) on, to the direction; [] before, or without a direction."""
    now = now or clock.now()
    monday = (now - dt.timedelta(days=now.weekday())).date()
    if now < dt.datetime.combine(monday, dt.time(HOUR), tzinfo=now.tzinfo):
        return []
    to = addresses_of(store, "direction")
    if not to:
        return []
    year, week, _ = monday.isocalendar()
    return [Queued(f"résumé {year}-W{week:02d}", "digest", "email", to, digest_message(store, monday, to))]


def digest_message(store, monday: dt.date, to: tuple[str, ...]) -> Message:
    since = monday - dt.timedelta(days=7)
    imports = store.query("SELECT import_id, imported_at, imported_by, file_names FROM history.imports "
                          "WHERE imported_at >= ? AND imported_at < ? ORDER BY import_id", [since, monday])
    changes = store.query("SELECT action_id, metric, status FROM history.notify_status WHERE noted_at >= ? "
                          "AND noted_at < ? ORDER BY status_id", [since, monday]) \
        if _has_baseline(store, since) else None  # the first run's notes are not changes
    state = freshness(store, monday)
    lines = [f"Bonjour,\n\nLa semaine du {fmt.local_date(since)} au {fmt.local_date(monday - dt.timedelta(days=1))} :"]
    lines.append("\nImports :" if len(imports) else "\nAucun import.")
    lines += [f"  - n° {row.import_id} · {fmt.local_time(row.imported_at)} · {row.imported_by} · {row.file_names}"
              for row in imports.itertuples(index=False)]
    if changes is not None and len(changes):
        lines.append("\nChangements de statut :")
        lines += [f"  - {row.action_id or 'entreprise'} · {row.metric} : {STATUS_WORDS.get(row.status, row.status)}"
                  for row in changes.itertuples(index=False)]
    lines.append(f"\n{state.message() or 'Les chiffres sont à jour.'}")
    lines.append(f"\nLe tableau de bord : {APP_URL}\n\n— PAC Pilot")
    subject = f"PAC Pilot : le résumé de la semaine du {fmt.local_date(since)}"
    return Message(to, subject, "\n".join(lines))


def _has_baseline(store, since) -> bool:
    """Statuses noted before the week: the week's rows are changes, not the first run's notes."""
    return bool(store.scalar("SELECT count(*) FROM history.notify_status WHERE noted_at < ?", [since]))
