"""`python -m pac_core summary` on the demo: the JSON against figures computed by hand from pac_core/demo.py."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.usefixtures("story_day")  # the demo's hand-computed figures (tests/conftest.py)

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    done = subprocess.run([sys.executable, "-m", "pac_core", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert "Traceback" not in done.stderr
    return done


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("summary") / "pac.duckdb"
    assert run("--db", db, "demo").returncode == 0
    return db


@pytest.fixture(scope="module")
def figures(demo_db):
    done = run("--db", demo_db, "summary", "--json")
    assert done.returncode == 0
    return json.loads(done.stdout)


def find(rows, **keys):
    return next(row for row in rows if all(row[k] == v for k, v in keys.items()))


def test_the_as_of_month_is_the_last_month_with_results(figures):
    assert figures["as_of"] == "2026-10"


def test_telemarketing_is_clearly_failing(figures):
    # TEL: 4 200 € of CA against 40 000 € planned April–September; nothing left to plan → forecast 4 200.
    ca = find(figures["actions"], action_id="TEL", metric="ca")
    assert (ca["actual_to_date"], ca["target_to_date"], ca["target_year"]) == (4_200, 40_000, 40_000)
    assert ca["pace"] == pytest.approx(0.105) and ca["status"] == "off_track"
    assert ca["forecast_year_end"] == 4_200
    rdv = find(figures["actions"], action_id="TEL", metric="rdv")
    assert (rdv["actual_to_date"], rdv["target_to_date"], rdv["status"]) == (6, 30, "off_track")  # 5 a month × 6


def test_the_website_is_ahead_and_its_forecast_follows_its_pace(figures):
    # WEB CA: 39 500 € of 32 500 € to date; 22 500 € left × 39 500 / 32 500 → 39 500 + 27 346,15 = 66 846,15.
    web = find(figures["actions"], action_id="WEB", metric="ca")
    assert web["pace"] == pytest.approx(39_500 / 32_500) and web["status"] == "on_track"
    assert web["forecast_year_end"] == pytest.approx(39_500 + 22_500 * 39_500 / 32_500)


def test_company_revenue(figures):
    ca = find(figures["company"], metric="ca")
    assert (ca["actual_to_date"], ca["target_to_date"], ca["target_year"]) == (146_800, 182_500, 250_000)
    assert ca["pace"] == pytest.approx(146_800 / 182_500)


def test_channels(figures):
    # Téléprospection: 6 000 € spent, 4 200 € of revenue → ROI (4 200 − 6 000) / 6 000 = −0,3.
    tel = find(figures["channels"], channel="Téléprospection")
    assert (tel["cost"], tel["revenue"]) == (6_000, 4_200) and tel["roi"] == pytest.approx(-0.3)
    # Salons: 1 850 + 9 200 + 3 400 = 14 450 € for 32 500 + 70 600 = 103 100 €.
    salon = find(figures["channels"], channel="Salon")
    assert (salon["cost"], salon["revenue"]) == (14_450, 103_100)
    assert salon["roi"] == pytest.approx((103_100 - 14_450) / 14_450)


def test_strategic_objectives(figures):
    os1 = find(figures["strategic_objectives"], id="OS1")
    assert (os1["metric"], os1["baseline"], os1["target"], os1["current"]) == ("clients_actifs", 150, 180, 165)
    os3 = find(figures["strategic_objectives"], id="OS3")
    assert (os3["current"], os3["target"]) == (146_800, 250_000)


def test_an_earlier_month_and_the_text_view(demo_db):
    done = run("--db", demo_db, "summary", "--as-of", "2026-06", "--json")
    june = json.loads(done.stdout)
    assert june["as_of"] == "2026-06"
    sal1 = find(june["actions"], action_id="SAL1", metric="contacts")
    assert sal1["actual_to_date"] == 52  # the February show, already counted in June
    text = run("--db", demo_db, "summary").stdout
    assert "situation à fin octobre 2026" in text and "Téléprospection" in text and "10,5\u202f%" in text
