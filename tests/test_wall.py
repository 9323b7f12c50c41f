"""The wall's rotation from the URL and its HTML (data escaped, sizes in viewport units)."""

import datetime
import zoneinfo

import pandas as pd
import pytest

from pac_core.freshness import Freshness
from pac_core.wall import (DEFAULT_SLIDES, ROOM, WALL_CSS, actions_slide, frame_html, list_room,
                           objectives_slide, reload_due, rotation)

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def test_the_rotation_comes_from_the_url():
    chosen = rotation("objectifs,actions,canaux", "20")
    assert chosen.slides == ("objectifs", "actions", "canaux") and chosen.seconds == 20 and chosen.tick == 20
    assert [chosen.slide_at(tick) for tick in range(4)] == ["objectifs", "actions", "canaux", "objectifs"]


def test_a_long_slide_is_redrawn_every_30_seconds_at_most():
    chosen = rotation("canaux,pipeline", "90")
    assert chosen.tick == 30 and chosen.ticks_per_slide == 3
    assert [chosen.slide_at(tick) for tick in range(7)] == ["canaux"] * 3 + ["pipeline"] * 3 + ["canaux"]


def test_unknown_or_missing_choices_fall_back_to_the_defaults():
    assert rotation(None, None).slides == DEFAULT_SLIDES and rotation(None, None).seconds == 20
    assert rotation("Canaux, inconnu,canaux", "abc").slides == ("canaux",)
    assert rotation("", "1").seconds == 3 and rotation("", "99999").seconds == 600


@pytest.mark.parametrize("seconds", ["1e999", "-1e999", "nan", "inf", "abc", "10" * 400])
def test_a_duration_out_of_range_takes_the_default_with_a_note(seconds):
    chosen = rotation("canaux", seconds)
    assert chosen.seconds in (20, 600, 3) and chosen.note.startswith("durée")
    assert len(chosen.note) < 80


def test_a_followed_link_has_no_note_and_an_unknown_screen_is_named_in_it():
    assert rotation("canaux,pipeline", "20").note == ""
    assert rotation("canaux,meteo", "20").note.startswith("écrans inconnus ignorés")


def test_text_from_the_data_is_escaped():
    strategic = pd.DataFrame([{"objective_id": "O1", "label": "<script>alert(1)</script>", "metric": "ca",
                               "current": 10.0, "target": 20.0, "forecast": 15.0, "progress": 0.5,
                               "status": "watch"}])
    html = objectives_slide(strategic)
    assert "<script>" not in html and "&lt;script&gt;" in html
    late = pd.DataFrame([{"name": "A & B", "metric_label": "Contacts", "pace": 0.5, "owner": "<b>x</b>"}])
    assert "A &amp; B" in actions_slide({"on_track": 1, "watch": 0, "off_track": 1}, late, 1)
    assert "&lt;b&gt;x&lt;/b&gt;" in actions_slide({}, late, 1)


def test_the_frame_shows_the_company_clock_the_data_month_and_the_banner(monkeypatch):
    monkeypatch.setenv("PAC_TZ", "Europe/Paris")
    # stored at 09:05 UTC on 3 October: 11:05 in Paris (summer time)
    stale = Freshness(datetime.date(2026, 10, 1), datetime.date(2026, 9, 1), (), datetime.datetime(2026, 10, 3, 9, 5))
    now = datetime.datetime(2026, 11, 26, 14, 7, tzinfo=PARIS)
    html = frame_html("Canaux & ROI", "<p>corps</p>", as_of=datetime.date(2026, 9, 1), freshness=stale,
                      now=now, position="2/5")
    assert ">14:07</span>" in html and "Données à fin septembre 2026 · mises à jour le 03/10/2026 à 11:05" in html
    # the page's script keeps the server's time ticking, in the company's zone
    assert f'data-epoch="{int(now.timestamp() * 1000)}" data-zone="Europe/Paris"' in html
    assert 'role="alert"' in html and "aucun réalisé pour octobre 2026" in html
    fresh = Freshness(datetime.date(2026, 10, 1), datetime.date(2026, 10, 1), (), None)
    assert 'role="alert"' not in frame_html("x", "", as_of=None, freshness=fresh, now=now, position="1/1")
    assert list_room(stale) == ROOM["actions"][True] < list_room(fresh) == ROOM["actions"][False]


def late_rows(count):
    return pd.DataFrame([{"name": f"Action {n}", "metric_label": "Rendez-vous", "pace": n / 100,
                          "owner": "Directeur commercial"} for n in range(1, count + 1)])


@pytest.mark.parametrize("late, room, lines, more", [
    (2, 6, 2, None), (6, 6, 6, None), (7, 6, 5, "… et 2 autres"), (10, 5, 4, "… et 6 autres"), (0, 6, 0, None),
])
def test_the_late_actions_take_the_room_there_is_and_count_the_rest(late, room, lines, more):
    html = actions_slide({"off_track": late}, late_rows(min(late, room)), late, room)
    assert html.count('<span class="pac-late-name">') == lines
    assert (more in html) if more else "pac-more" not in html
    assert ("Les actions en retard" in html) == bool(late)


@pytest.mark.parametrize("opened, now, due", [
    ((2026, 12, 4, 14, 30), (2026, 12, 5, 2, 59), False),
    ((2026, 12, 4, 14, 30), (2026, 12, 5, 3, 0), True),
    ((2026, 12, 5, 1, 0), (2026, 12, 5, 3, 1), True),   # opened in the night: reloaded at 03:00 that night
    ((2026, 12, 5, 3, 0), (2026, 12, 5, 23, 0), False),  # reloaded at 03:00: the next one is tomorrow
    ((2027, 3, 27, 12, 0), (2027, 3, 28, 3, 0), True),   # the night summer time begins (02:00 → 03:00)
])
def test_the_nightly_reload_comes_at_three_in_the_company_time(opened, now, due):
    assert reload_due(datetime.datetime(*opened, tzinfo=PARIS), datetime.datetime(*now, tzinfo=PARIS)) is due


def test_sizes_follow_the_screen_not_pixels():
    assert ".pac-headline { font-size: 9vh;" in WALL_CSS and "px" not in WALL_CSS
