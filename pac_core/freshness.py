"""Is the data on the wall up to date? The rule behind the wall's "données en retard" banner.

A month is closed once the calendar has left it: on 26 November, October is the last closed month. The data
is stale when no result at all is recorded for that month, or when an owner has actions running that month
but none of them has a result for it (that owner's file is missing).
"""

import datetime
from dataclasses import dataclass

from pac_core import clock
from pac_core import formatting as fmt
from pac_core.store import Store

# Owners whose actions run during $month (no dates: running) and have no action-level result that month.
OWNERS_WITHOUT_RESULTS_SQL = """
SELECT a.owner
FROM main.actions AS a
WHERE a.owner IS NOT NULL AND trim(a.owner) <> ''
  AND (a.start_date IS NULL OR a.start_date <= last_day($month))
  AND (a.end_date IS NULL OR a.end_date >= $month)
GROUP BY a.owner
HAVING count(*) FILTER (WHERE EXISTS (
    SELECT 1 FROM main.results AS r WHERE r.action_id = a.action_id AND r.month = $month)) = 0
ORDER BY a.owner
"""


@dataclass(frozen=True)
class Freshness:
    last_closed: datetime.date  # first day of the last closed month
    latest_result: datetime.date | None  # first day of the newest month with a result
    owners_missing: tuple[str, ...]  # owners with running actions and no result for last_closed
    changed_at: datetime.datetime | None = None  # the last import or undo: when the data last changed

    @property
    def stale(self) -> bool:
        return self.latest_result is None or self.latest_result < self.last_closed or bool(self.owners_missing)

    def message(self) -> str | None:
        """One French sentence for the banner, or None when the data is up to date."""
        month = fmt.month(self.last_closed, long=True)
        if self.latest_result is None:
            return "Aucun réalisé importé : déposez les fichiers du mois sur la page Données."
        if self.latest_result < self.last_closed:
            return (f"Données en retard : aucun réalisé pour {month}, les chiffres s'arrêtent à "
                    f"{fmt.month(self.latest_result, long=True)}.")
        if self.owners_missing:
            names = ", ".join(self.owners_missing[:4]) + (" …" if len(self.owners_missing) > 4 else "")
            return f"Réalisé de {month} manquant pour : {names}."
        return None


def freshness(store: Store, today: datetime.date | None = None) -> Freshness:
    """How current the data is, against the calendar month that ended last."""
    month = clock.last_closed_month(today or clock.today())
    latest = store.scalar("SELECT max(month) FROM main.results")
    latest = latest.date() if isinstance(latest, datetime.datetime) else latest
    owners = store.query(OWNERS_WITHOUT_RESULTS_SQL, {"month": month})["owner"].tolist()
    changed = store.scalar("SELECT greatest(max(imported_at), max(undone_at)) FROM history.imports")
    return Freshness(month, latest.replace(day=1) if latest else None, tuple(owners), changed)
