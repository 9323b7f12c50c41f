"""The plan's actions as the mapping sees them: what a label in a foreign file may point to."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KnownAction:
    action_id: str
    name: str = ""
    channel: str = ""
    owner: str = ""


def known_actions(store) -> list[KnownAction]:
    """The current actions of the database, in ID order."""
    frame = store.query("SELECT action_id, name, channel, owner FROM actions ORDER BY action_id")
    return [KnownAction(*(value if isinstance(value, str) else "" for value in row))
            for row in frame.itertuples(index=False)]
