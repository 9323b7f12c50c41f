"""The one clock of the product: what day it is, and the company's time zone.

Everything that asks "what day is it" (the default month of reference, freshness, the wall, sessions, the demo,
export and backup names) asks `today()` or `now()`. `PAC_TODAY=AAAA-MM-JJ` pins the day (demonstrations,
training, tests); the time of day stays the real one. `PAC_TZ` (default Europe/Paris) is the zone of every time a
person reads; stored timestamps are UTC (`utc_now`, and the store's connection runs in UTC).
"""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo

DEFAULT_ZONE = "Europe/Paris"
UTC = dt.timezone.utc


class ClockError(ValueError):
    """PAC_TODAY or PAC_TZ cannot be read; str(exc) is one French sentence naming the variable."""


def zone() -> zoneinfo.ZoneInfo:
    """The company's time zone (PAC_TZ)."""
    name = os.environ.get("PAC_TZ", "").strip() or DEFAULT_ZONE
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        raise ClockError(f"La variable PAC_TZ vaut « {name} », qui n'est pas un fuseau horaire : donnez un nom de "
                         "fuseau IANA, par exemple PAC_TZ=Europe/Paris.") from None


def pinned_day() -> dt.date | None:
    """The day PAC_TODAY pins, None when it is unset."""
    raw = os.environ.get("PAC_TODAY", "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw) if len(raw) == 10 else _refuse(raw)
    except ValueError:
        _refuse(raw)


def _refuse(raw: str):
    raise ClockError(f"La variable PAC_TODAY vaut « {raw} », qui n'est pas une date : écrivez-la AAAA-MM-JJ, par "
                     "exemple PAC_TODAY=2027-03-15 (ou retirez-la pour suivre le calendrier).")


def now() -> dt.datetime:
    """Now, in the company's time zone; on the pinned day when PAC_TODAY is set (the time of day is real)."""
    company = zone()
    real = dt.datetime.now(company)
    day = pinned_day()
    if day is None:
        return real
    return dt.datetime.combine(day, real.time().replace(tzinfo=None), tzinfo=company)


def today() -> dt.date:
    """Today's date in the company's time zone (or PAC_TODAY)."""
    return now().date()


def utc_now() -> dt.datetime:
    """The clock's now as a naive UTC timestamp, the way timestamps are stored."""
    return now().astimezone(UTC).replace(tzinfo=None)


def local(stamp: dt.datetime) -> dt.datetime:
    """A stored timestamp (naive = UTC) as the company's local time, for a person to read."""
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone(zone())


def last_closed_month(day: dt.date | None = None) -> dt.date:
    """First day of the last month the calendar has left: on 4 December, November."""
    first = (day or today()).replace(day=1)
    return (first - dt.timedelta(days=1)).replace(day=1)


def check() -> None:
    """Refuse to start on an unreadable PAC_TODAY or PAC_TZ (raises ClockError)."""
    zone()
    pinned_day()
