"""Cost, attributed revenue and returns, on tiny plans whose figures are worked out by hand in each test,
and on the demo (pac_core/demo.py: RESULTS "cout", "ca", "contacts", "rdv", "nouveaux_clients")."""

import datetime

import pandas as pd
import pytest

from pac_core.demo_loader import load_demo
from pac_core.kpi.roi import channel_roi
from pac_core.kpi.scope import Filters, Scope
from pac_core.store import Store
from tests.builders import ACTION_HEADERS, action_row, workbook
from tests.test_store import do_import

pytestmark = pytest.mark.usefixtures("story_day")  # the demo's hand-computed figures (tests/conftest.py)

JAN, FEB, MAR = datetime.date(2026, 1, 1), datetime.date(2026, 2, 1), datetime.date(2026, 3, 1)
PIPELINE_HEADERS = ["ID opportunité", "Compte", "ID action", "Canal", "Étape", "Montant", "Création", "Clôture",
                    "Statut"]


def won(opportunity_id, action_id, amount, closed_on, channel="Salon", status="Gagnée"):
    stage = "Perdu" if status == "Perdue" else "Signature de devis" if status == "Gagnée" else "Prise de RDV"
    return [opportunity_id, f"Compte {opportunity_id}", action_id, channel, stage, amount,
            datetime.date(2026, 1, 5), closed_on, status]


# The plan of most tests, as-of March 2026 (range January–March):
#   A1 Salon, lever "Salons": cost January 1 000; ca results February 3 000 (0 in March);
#      40 contacts, 8 RDV, 2 new clients. Won opportunities: February 3 000 (the deal the result holds)
#      and March 400 (not in the results): A1 has ca results in the range, so its revenue is 3 000.
#   A2 Emailing, lever "Digital": cost 500, no ca result. Won opportunities closed 14 February 1 200 and
#      3 March 800; a won one closed in May (9 999, outside the range), a lost one (5 000) and an open one
#      (7 000) count for nothing → revenue 2 000 from the opportunities. 0 contacts reported.
#   A3 Emailing, lever "Digital": no cost, ca result March 700.
#   A won opportunity of 10 000 with a channel (Emailing) but no action: attributed to nothing.
#   A company-wide ca result of 50 000 (no action): in no channel.
RESULTS = [
    ("A1", "cout", "janv. 2026", 1000), ("A1", "ca", "févr. 2026", 3000), ("A1", "ca", "mars 2026", 0),
    ("A1", "contacts", "févr. 2026", 40), ("A1", "rdv", "févr. 2026", 8), ("A1", "nouveaux clients", "mars 2026", 2),
    ("A2", "cout", "févr. 2026", 500), ("A2", "contacts", "févr. 2026", 0),
    ("A3", "ca", "mars 2026", 700),
    (None, "ca", "mars 2026", 50_000),
]
OPPORTUNITIES = [
    won("O1", "A1", 3000, datetime.date(2026, 2, 20)),
    won("O2", "A1", 400, datetime.date(2026, 3, 9)),
    won("O3", "A2", 1200, datetime.date(2026, 2, 14), channel="Emailing"),
    won("O4", "A2", 800, datetime.date(2026, 3, 3), channel="Emailing"),
    won("O5", "A2", 9999, datetime.date(2026, 5, 2), channel="Emailing"),
    won("O6", "A2", 5000, datetime.date(2026, 2, 2), channel="Emailing", status="Perdue"),
    won("O7", "A2", 7000, None, channel="Emailing", status="En cours"),
    won("O8", None, 10_000, datetime.date(2026, 2, 2), channel="Emailing"),
]


def actions():
    rows = [action_row("A1"), action_row("A2", channel="Emailing"), action_row("A3", channel="Emailing")]
    for row, lever in zip(rows, ("Salons", "Digital", "Digital")):
        row[1] = lever
    return rows


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "pac.duckdb") as opened:
        do_import(opened, workbook(tmp_path / "plan.xlsx", {
            "Actions": [ACTION_HEADERS, *actions()],
            "Réalisé": [["ID action", "Indicateur", "Période", "Réalisé"], *map(list, RESULTS)],
            "Pipeline": [PIPELINE_HEADERS, *OPPORTUNITIES],
        }))
        yield opened


def plain(value):
    """NaN and NA → None, numpy scalars → Python ones."""
    if value is None or value is pd.NA or value != value:
        return None
    return value.item() if hasattr(value, "item") else value


def row(frame, key, column="action_id"):
    found = frame[frame[column] == key]
    assert len(found) == 1
    return {name: plain(value) for name, value in found.iloc[0].to_dict().items()}


def test_revenue_in_results_and_won_deals_is_counted_once_from_the_results(store):
    # A1: revenue 3 000 (results), not 3 000 + 3 000 + 400. ROI (3 000 − 1 000) / 1 000 = 2, ROAS 3;
    # cost per contact 1 000 / 40 = 25, per RDV 1 000 / 8 = 125, per new client 1 000 / 2 = 500.
    a1 = row(channel_roi(store, Scope(as_of=MAR), by="action_id"), "A1")
    assert (a1["cost"], a1["revenue"], a1["revenue_source"]) == (1000, 3000, "réalisé")
    assert a1["roi"] == pytest.approx(2) and a1["roas"] == pytest.approx(3)
    assert (a1["cost_per_contact"], a1["cost_per_meeting"], a1["cost_per_new_client"]) == pytest.approx((25, 125, 500))
    assert (a1["first_month"].date(), a1["last_month"].date()) == (JAN, MAR)


def test_revenue_only_in_won_deals_is_taken_from_them(store):
    # A2: 1 200 + 800 closed in the range (the May deal, the lost and the open ones do not count) = 2 000;
    # ROI (2 000 − 500) / 500 = 3. 0 contacts reported: cost per contact None, not inf.
    a2 = row(channel_roi(store, Scope(as_of=MAR), by="action_id"), "A2")
    assert (a2["cost"], a2["revenue"], a2["revenue_source"]) == (500, 2000, "opportunités")
    assert a2["roi"] == pytest.approx(3) and a2["roas"] == pytest.approx(4)
    assert a2["contacts"] == 0 and a2["cost_per_contact"] is None
    assert a2["cost_per_meeting"] is None and a2["cost_per_new_client"] is None  # no rdv, no new client reported


def test_an_action_without_cost_has_no_roi(store):
    # A3: 700 € of revenue and no cost: ROI and ROAS None (shown "—"), not inf.
    a3 = row(channel_roi(store, Scope(as_of=MAR), by="action_id"), "A3")
    assert (a3["cost"], a3["revenue"]) == (0, 700)
    assert a3["roi"] is None and a3["roas"] is None


def test_channels_add_their_actions_and_leave_out_company_and_actionless_revenue(store):
    # Emailing = A2 + A3: cost 500, revenue 2 000 (opportunités) + 700 (réalisé) = 2 700, source 'mixte';
    # ROI (2 700 − 500) / 500 = 4,4. The 10 000 € deal without action and the company-wide 50 000 € are
    # in no channel: all channels together hold 3 000 + 2 700 = 5 700.
    frame = channel_roi(store, Scope(as_of=MAR))
    emailing, salon = row(frame, "Emailing", "channel"), row(frame, "Salon", "channel")
    assert (emailing["actions"], emailing["cost"], emailing["revenue"]) == (2, 500, 2700)
    assert emailing["revenue_source"] == "mixte" and emailing["roi"] == pytest.approx(4.4)
    assert salon["revenue_source"] == "réalisé" and salon["roi"] == pytest.approx(2)
    assert frame["revenue"].sum() == 5700
    digital = row(channel_roi(store, Scope(as_of=MAR), by="lever"), "Digital", "lever")
    assert (digital["cost"], digital["revenue"]) == (500, 2700)


def test_a_range_of_months(store):
    # March only: A1 has no cost in March (ROI None) and a ca result of 0 in March → revenue 0 from the
    # results (the 400 € deal closed in March is not added: the results speak for A1).
    # February only: A1 has a ca result (3 000); A2 1 200 from the deal of 14 February, cost 500 →
    # ROI (1 200 − 500) / 500 = 1,4; A3 has no ca result in February and no won deal → revenue 0, no source.
    march = channel_roi(store, Scope(as_of=MAR), by="action_id", months=(MAR, MAR))
    assert (row(march, "A1")["revenue"], row(march, "A1")["roi"]) == (0, None)
    february = channel_roi(store, Scope(as_of=MAR), by="action_id", months=(FEB, datetime.date(2026, 2, 28)))
    a1, a2, a3 = row(february, "A1"), row(february, "A2"), row(february, "A3")
    assert (a1["revenue"], a1["revenue_source"], a1["cost"], a1["roi"]) == (3000, "réalisé", 0, None)
    assert (a2["revenue"], a2["revenue_source"]) == (1200, "opportunités") and a2["roi"] == pytest.approx(1.4)
    assert (a3["revenue"], a3["revenue_source"]) == (0, None)
    with pytest.raises(ValueError):
        channel_roi(store, Scope(as_of=MAR), months=(MAR, FEB))


def test_ca_results_elsewhere_in_the_year_do_not_block_deals_in_the_range(tmp_path):
    # A1 reports revenue only in March (600); a deal of 250 closed in January. January–January: A1 has no
    # ca result in that range → 250 from the deal. January–March: the results speak → 600, once.
    with Store(tmp_path / "pac.duckdb") as store:
        do_import(store, workbook(tmp_path / "plan.xlsx", {
            "Actions": [ACTION_HEADERS, action_row("A1")],
            "Réalisé": [["ID action", "Indicateur", "Période", "Réalisé"], ["A1", "ca", "mars 2026", 600]],
            "Pipeline": [PIPELINE_HEADERS, won("O1", "A1", 250, datetime.date(2026, 1, 15))],
        }))
        january = row(channel_roi(store, Scope(as_of=MAR), by="action_id", months=(JAN, JAN)), "A1")
        quarter = row(channel_roi(store, Scope(as_of=MAR), by="action_id"), "A1")
    assert (january["revenue"], january["revenue_source"]) == (250, "opportunités")
    assert (quarter["revenue"], quarter["revenue_source"]) == (600, "réalisé")


def test_filters_keep_their_actions(store):
    # Lever Digital only: A2 and A3; by company: cost 500, revenue 2 700.
    scope = Scope(as_of=MAR, filters=Filters(lever=("Digital",)))
    assert set(channel_roi(store, scope, by="action_id")["action_id"]) == {"A2", "A3"}
    company = row(channel_roi(store, scope, by="company"), "Entreprise", "scope")
    assert (company["actions"], company["cost"], company["revenue"]) == (2, 500, 2700)
    assert company["revenue_source"] == "mixte"


def test_an_unknown_dimension_is_refused(store):
    with pytest.raises(ValueError):
        channel_roi(store, by="segment) --")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("demo") / "pac.duckdb") as store:
        load_demo(store)
        yield {by: channel_roi(store, by=by) for by in ("action_id", "channel", "company")}, \
            channel_roi(store, by="action_id", months=(datetime.date(2026, 7, 1), datetime.date(2026, 9, 1)))


def test_demo_telemarketing_loses_money(demo):
    # TEL, January–October: cost 6 × 1 000 = 6 000; revenue 4 200 (July) → ROI (4 200 − 6 000) / 6 000 = −0,30,
    # ROAS 0,70; 1+2+1+0+1+1 = 6 RDV → 1 000 € per RDV; 1 new client → 6 000 €; no contacts reported.
    tel = row(demo[0]["channel"], "Téléprospection", "channel")
    assert (tel["cost"], tel["revenue"], tel["revenue_source"]) == (6000, 4200, "réalisé")
    assert tel["roi"] == pytest.approx(-0.30) and tel["roas"] == pytest.approx(0.70)
    assert tel["cost_per_meeting"] == pytest.approx(1000) and tel["cost_per_new_client"] == pytest.approx(6000)
    assert tel["cost_per_contact"] is None


def test_demo_trade_shows_and_social_media(demo):
    # Salon = SAL1 + SAL2 + SAL3: cost 1 850 + 9 200 + 3 400 = 14 450;
    # revenue SAL1 7 200+13 500+11 800+0 = 32 500, SAL2 14 600+21 900+6 800+27 300 = 70 600, SAL3 none → 103 100;
    # ROI (103 100 − 14 450) / 14 450 = 6,135; contacts 52 + 118 + 86 = 256 → 14 450 / 256 = 56,45 € per contact.
    # RS: cost 4 900, no revenue reported and no won deal → revenue 0, no source, ROI −1.
    salon = row(demo[0]["channel"], "Salon", "channel")
    assert (salon["cost"], salon["revenue"], salon["actions"]) == (14_450, 103_100, 3)
    assert salon["roi"] == pytest.approx(88_650 / 14_450)
    assert salon["cost_per_contact"] == pytest.approx(14_450 / 256)
    rs = row(demo[0]["action_id"], "RS")
    assert (rs["cost"], rs["revenue"], rs["revenue_source"], rs["roi"]) == (4900, 0, None, -1)


def test_demo_revenue_is_not_doubled_by_its_won_deals(demo):
    # The demo's 22 won deals add up exactly to the ca results (146 800 €): counted once.
    # Company: (146 800 − 35 050) / 35 050 = 3,188.
    company = row(demo[0]["company"], "Entreprise", "scope")
    assert (company["cost"], company["revenue"], company["revenue_source"]) == (35_050, 146_800, "réalisé")
    assert company["roi"] == pytest.approx(111_750 / 35_050)


def test_demo_third_quarter(demo):
    # July–September: TEL cost 3 × 1 000 = 3 000, revenue 4 200 → ROI 0,4.
    # SAL2 spent nothing in the quarter (its 9 200 were in May) → ROI None, revenue 21 900 + 6 800 + 27 300 = 56 000.
    tel, sal2 = row(demo[1], "TEL"), row(demo[1], "SAL2")
    assert (tel["cost"], tel["revenue"]) == (3000, 4200) and tel["roi"] == pytest.approx(0.4)
    assert (sal2["cost"], sal2["revenue"], sal2["roi"]) == (0, 56_000, None)
