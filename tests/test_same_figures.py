"""One set of figures: at the same month on the demo, the year-end landings (atterrissages) and the channel ROIs
read on the overview and the other screens (AppTest), in the monthly review (pac_core.review), on the wall
(pac_core.wall, at the month the wall picks for itself) and from the CLI (`summary --json`) are the ones worked
out by hand below from pac_core/demo.py. A screen rounds (« 168 », « 613,5 % »): its text must be the hand value
to the precision it shows."""

import datetime
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pac_core.demo_loader import load_demo
from pac_core.kpi.options import available_months, default_month
from pac_core.kpi.roi import channel_roi
from pac_core.kpi.scope import Scope
from pac_core.kpi.strategic import strategic_objectives
from pac_core.review import review_data, review_views
from pac_core.store import Store
from pac_core.wall import channels_slide, objectives_slide

ROOT = Path(__file__).resolve().parents[1]
OCTOBER = datetime.date(2026, 10, 1)
NNBSP, NBSP = "\u202f", "\u00a0"

# -- By hand, at the end of October 2026 (pac_core/demo.py; the rules in pac_core/kpi/sql/*.sql) ----------------
# Landing of a flow = actual to date + the rest of the year's target × pace (the plan assumed kept without a pace).
# WEB's revenue: 39 500 € against 32 500 € to date (pace 39 500 / 32 500); 55 000 − 32 500 = 22 500 € to come.
WEB_REVENUE_LANDING = 39_500 + 22_500 * 39_500 / 32_500  # 66 846,15 €
# « +250 000 € de CA » is served by SAL1, SAL2, SAL3, WEB, TEL: the sum of their landings. SAL1 32 500 and SAL2
# 70 600 and TEL 4 200 have no target left; SAL3 has no target to date (pace: the plan kept), 45 000 € to come.
REVENUE_LANDING = 32_500 + 70_600 + 45_000 + WEB_REVENUE_LANDING + 4_200  # 219 146,15 €
# Stocks: October's figure + the mean monthly change of August, September, October × 2 months to 31 December.
ACTIVE_CLIENTS_LANDING = 165 + (0 + 4 + 1) / 3 * 2  # 168,33
KEY_ACCOUNTS_LANDING = 2 + (0 + 1 + 0) / 3 * 2  # 2,67
LANDINGS = {"+20 % de clients actifs": ACTIVE_CLIENTS_LANDING, "Rentrer chez 3 grands comptes": KEY_ACCOUNTS_LANDING,
            "+250 000 € de CA": REVENUE_LANDING}
# ROI = (revenue − cost) / cost, January to October. Salons: SAL1 32 500 + SAL2 70 600 + SAL3 0 of revenue for
# 1 850 + 9 200 + 3 400 of cost; the website 39 500 € for 8 700 €; the company 146 800 € for 35 050 €.
SALON_ROI = (103_100 - 14_450) / 14_450  # 613,49 %
WEB_ROI = (39_500 - 8_700) / 8_700  # 354,02 %
COMPANY_ROI = (146_800 - 35_050) / 35_050  # 318,83 %


def number(text: str) -> tuple[float, int]:
    """A French figure as read on screen (« 219 146 € », « −30,0 % », « 2,7 ») → (value, decimals shown)."""
    cleaned = re.sub(r"[\s\u202f\u00a0€%]", "", text).replace("−", "-")
    assert re.fullmatch(r"-?\d+(,\d+)?", cleaned), f"not a figure: {text!r}"
    decimals = len(cleaned.split(",")[1]) if "," in cleaned else 0
    return float(cleaned.replace(",", ".")), decimals


def shows(text: str, expected: float, percent: bool = False) -> bool:
    """The text is `expected` rounded to the decimals it shows (a ratio read as a percentage when `percent`)."""
    value, decimals = number(text)
    return abs(value - (expected * 100 if percent else expected)) <= 0.5 * 10 ** -decimals + 1e-9


def test_reading_a_figure_as_shown():
    assert number(f"219{NNBSP}146{NBSP}€") == (219_146, 0) and number(f"−30,0{NNBSP}%") == (-30.0, 1)
    assert shows("168", ACTIVE_CLIENTS_LANDING) and shows("168,3", ACTIVE_CLIENTS_LANDING)
    assert not shows("169", ACTIVE_CLIENTS_LANDING) and not shows("168,4", ACTIVE_CLIENTS_LANDING)
    assert shows(f"613,5{NNBSP}%", SALON_ROI, percent=True) and shows("613 %", SALON_ROI, percent=True)
    assert not shows(f"833{NNBSP}%", SALON_ROI, percent=True)  # the quarterly page's September figure


# -- Each surface, read once per module --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def cli(story_day, tmp_path_factory):
    """`python -m pac_core summary --as-of 2026-10 --json` on a demo database of its own (the CLI opens the file
    itself: no other connection may hold it), and under "text" what the same command prints for a person."""
    db = tmp_path_factory.mktemp("cli") / "pac.duckdb"
    with Store(db) as store:
        load_demo(store)
    def summary(*options: str) -> str:
        done = subprocess.run([sys.executable, "-m", "pac_core", "summary", "--as-of", "2026-10", *options],
                              cwd=ROOT, env={**os.environ, "PAC_DB": str(db)}, capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout

    return {**json.loads(summary("--json")), "text": summary()}


@pytest.fixture(scope="module")
def store(story_day, tmp_path_factory):
    with Store(tmp_path_factory.mktemp("core") / "pac.duckdb") as opened:
        load_demo(opened)
        yield opened


@pytest.fixture(scope="module")
def review(store):
    """The monthly review's views of October, as the screen and the PDF draw them."""
    return {view.key: view for view in review_views(review_data(store, Scope(as_of=OCTOBER)))}


@pytest.fixture(scope="module")
def wall(store):
    """The wall's slides at the month the wall chooses itself (ui/wall.py: the last closed month), not October by
    decree: if the wall's month drifted from the screens', the figures would tell."""
    month = default_month(available_months(store))
    scope = Scope(as_of=month)
    return {"month": month, "objectifs": objectives_slide(strategic_objectives(store, scope), room=12),
            "canaux": channels_slide(channel_roi(store, scope, by="company"), channel_roi(store, scope, by="channel"),
                                     room=12)}


@pytest.fixture(scope="module")
def screens(story_day, tmp_path_factory):
    """The overview, Actions and Canaux & ROI as a user opens them on a fresh install (the demo loads at first
    start), month of reference October, read by AppTest."""
    import streamlit as st

    from tests.app.conftest import _STARTED, app_on, shown, shown_table

    with pytest.MonkeyPatch.context() as patch:
        app = app_on(tmp_path_factory.mktemp("app") / "pac.duckdb", patch)
        _STARTED.remove(app)  # closed here, at the module's end
        app.query_params["mois"] = "2026-10"
        app.run()
        assert not app.exception and app.title[0].value == "Vue d'ensemble"
        overview = [shown(caption.value) for caption in app.caption]
        app.switch_page("screens/actions.py")
        app.run()
        assert not app.exception and app.title[0].value == "Actions"
        actions = [table.value for table in app.dataframe]
        app.switch_page("screens/canaux.py")
        app.run()
        assert not app.exception and app.title[0].value == "Canaux & ROI"
        channels = {"cards": {metric.label: metric.value for metric in app.metric},
                    "table": shown_table(app.table[0])}
        app.session_state["store"].close()
    st.cache_resource.clear()
    return {"overview": overview, "actions": actions, "canaux": channels}


# -- Landings ----------------------------------------------------------------------------------------------------
def overview_landings(captions: list[str]) -> list[str]:
    """The overview's strategic cards, in order: « Atterrissage prévu : 219 146 € au 31/12/2026 »."""
    return [re.match(r"Atterrissage prévu : (.+?) au ", caption).group(1) for caption in captions
            if caption.startswith("Atterrissage prévu : ")]


def test_the_strategic_landings_are_the_hand_computed_ones_on_every_screen(screens, review, wall, cli):
    shown = {
        "vue d'ensemble": overview_landings(screens["overview"]),
        "revue mensuelle": [re.search(r"Atterrissage prévu : (.+?) au ", card.caption).group(1)
                            for card in review["objectifs"].cards],
        "mur": re.findall(r"atterrissage ([^·<]+?) · ", wall["objectifs"]),
    }
    assert [card.label for card in review["objectifs"].cards] == list(LANDINGS)
    for surface, texts in shown.items():
        assert len(texts) == len(LANDINGS), surface
        for (label, expected), text in zip(LANDINGS.items(), texts):
            assert shows(text, expected), f"{surface}: {label} reads {text!r}, by hand {expected:.2f}"
    # A person reads the same text on the three screens, whatever the rounding rule.
    assert shown["vue d'ensemble"] == shown["revue mensuelle"] == shown["mur"]
    from_cli = {row["label"]: row["forecast"] for row in cli["strategic_objectives"]}
    assert from_cli == pytest.approx(LANDINGS, abs=0.01)
    # The CLI's table for a person: « OS3  +250 000 € de CA  0 €  146 800 €  250 000 €  58,7 %  219 146 €  … ».
    printed = [re.split(r" {2,}", line)[6] for line in cli["text"].splitlines() if re.match(r"OS\d ", line)]
    assert printed == shown["vue d'ensemble"]
    assert cli["as_of"] == "2026-10" and wall["month"] == OCTOBER


def test_the_company_revenue_landing_is_the_same_in_the_review_table_and_the_cli(review, cli):
    table = review["objectifs"].table.set_index("Indicateur")
    assert shows(table.loc["Chiffre d'affaires", "Atterrissage"], REVENUE_LANDING)
    company = {row["metric"]: row for row in cli["company"]}
    assert company["ca"]["forecast_year_end"] == pytest.approx(REVENUE_LANDING, abs=0.01)


def test_one_actions_landing_is_the_same_on_the_actions_screen_and_in_the_cli(screens, cli):
    rows = [frame[(frame["ID"] == "WEB") & (frame["Indicateur"] == "Chiffre d'affaires")]
            for frame in screens["actions"]]
    (text,) = [row["Atterrissage"].iloc[0] for row in rows if len(row)]
    assert text == f"66{NNBSP}846{NBSP}€" and shows(text, WEB_REVENUE_LANDING)
    (web,) = [row for row in cli["actions"] if row["action_id"] == "WEB" and row["metric"] == "ca"]
    assert web["forecast_year_end"] == pytest.approx(WEB_REVENUE_LANDING, abs=0.01)


# -- ROIs --------------------------------------------------------------------------------------------------------
def wall_rois(html: str) -> dict[str, str]:
    return dict(re.findall(r'class="pac-hname">([^<]+)</span>.*?class="pac-hvalue[^"]*">([^<]+)</span>', html))


def test_the_channel_rois_are_the_hand_computed_ones_on_every_screen(screens, review, wall, cli):
    table = screens["canaux"]["table"].set_index("Canal")["ROI"]
    ranking = {row["group"]: row["roi_text"] for rows in review["canaux"].chart.to_dict()["datasets"].values()
               for row in rows if "group" in row}  # the bars' labels (the other data set is the zero line)
    on_wall = wall_rois(wall["canaux"])
    for channel, expected in (("Salon", SALON_ROI), ("Site web / SEO", WEB_ROI)):
        for surface, text in (("Canaux & ROI", table[channel]), ("revue mensuelle", ranking[channel]),
                              ("mur", on_wall[channel])):
            assert shows(text, expected, percent=True), f"{surface}: {channel} ROI reads {text!r}"
    assert f"Meilleur ROI : Salon ({table['Salon']})" in review["canaux"].message
    (salon_line,) = [line for line in cli["text"].splitlines() if line.startswith("Salon ")]
    assert table["Salon"].replace(NNBSP, " ") in salon_line.replace(NNBSP, " ")
    from_cli = {row["channel"]: row["roi"] for row in cli["channels"]}
    assert from_cli["Salon"] == pytest.approx(SALON_ROI) and from_cli["Site web / SEO"] == pytest.approx(WEB_ROI)


def test_the_company_roi_is_the_hand_computed_one_on_every_screen(screens, review, wall):
    cards = {card.label: card.value for card in review["canaux"].cards}
    wall_roi = re.search(r'pac-label">ROI</div><div class="pac-headline"[^>]*>([^<]+)<', wall["canaux"]).group(1)
    for surface, text in (("Canaux & ROI", screens["canaux"]["cards"]["ROI"]), ("revue mensuelle", cards["ROI"]),
                          ("mur", wall_roi)):
        assert shows(text, COMPANY_ROI, percent=True), f"{surface}: the company ROI reads {text!r}"


def test_the_wall_writes_the_rois_as_the_screens_do(screens, wall):
    table = screens["canaux"]["table"].set_index("Canal")["ROI"]
    assert wall_rois(wall["canaux"])["Salon"] == table["Salon"]
