"""Alerts: each one a French sentence about one action, most urgent first."""

import datetime

from pac_core.kpi.alerts import alerts
from pac_core.kpi.scope import Scope
from tests.builders import action_row
from tests.kpi.test_objectives import plan

MAR = datetime.date(2026, 3, 1)


def test_what_the_review_should_look_at(tmp_path):
    actions = [action_row("A1", name="Salon", budget=1000), action_row("A2", name="Emailing"),
               action_row("A3", name="Sans pilote", owner=None, start=None, end=None)]
    targets = [("A1", "rdv", "mars 2026", 10), ("A2", "rdv", "mars 2026", 10)]
    # A1: 5 meetings of 10 (50 %: off track) and 1 500 € spent of 1 000 €; A2: nothing reported for March.
    results = [("A1", "rdv", "mars 2026", 5), ("A1", "coût", "mars 2026", 1500), ("A2", "rdv", "févr. 2026", 3)]
    with plan(tmp_path, targets, results, actions=actions) as store:
        frame = alerts(store, Scope(as_of=MAR))
    found = set(zip(frame["kind"], frame["action_id"]))
    assert {("off_track", "A1"), ("over_budget", "A1"), ("missing_result", "A2"), ("off_track", "A2"),
            ("no_owner", "A3"), ("no_target", "A3"), ("no_dates", "A3")} <= found
    assert ("missing_result", "A1") not in found
    assert list(frame["severity"]) == sorted(frame["severity"])
    messages = dict(zip(zip(frame["kind"], frame["action_id"]), frame["message"]))
    assert messages[("off_track", "A1")] == ("Salon : rendez-vous à 50,0\u202f% de l'objectif à date (5 sur 10) "
                                             "— en retard.")
    assert "aucun réalisé pour mars 2026" in messages[("missing_result", "A2")]
    assert "1\u202f500\u00a0€ dépensés pour un budget de 1\u202f000\u00a0€" in messages[("over_budget", "A1")]
    assert "pas de responsable" in messages[("no_owner", "A3")]
