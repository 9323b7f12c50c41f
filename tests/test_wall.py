"""The wall's rotation from the URL and its HTML (data escaped, sizes in viewport units)."""

import datetime

import pandas as pd

from pac_core.freshness import Freshness
from pac_core.wall import (DEFAULT_SLIDES, WALL_CSS, actions_slide, frame_html, objectives_slide, rotation)


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


def test_text_from_the_data_is_escaped():
    strategic = pd.DataFrame([{"objective_id": "O1", "label": "<script>alert(1)</script>", "metric": "ca",
                               "current": 10.0, "target": 20.0, "forecast": 15.0, "progress": 0.5,
                               "status": "watch"}])
    html = objectives_slide(strategic)
    assert "<script>" not in html and "&lt;script&gt;" in html
    flop = pd.DataFrame([{"name": "A & B", "metric_label": "Contacts", "pace": 0.5, "owner": "<b>x</b>"}])
    assert "A &amp; B" in actions_slide({"on_track": 1, "watch": 0, "off_track": 1}, flop)
    assert "&lt;b&gt;x&lt;/b&gt;" in actions_slide({}, flop)


def test_the_frame_shows_the_clock_the_data_month_and_the_banner():
    stale = Freshness(datetime.date(2026, 10, 1), datetime.date(2026, 9, 1), (), datetime.datetime(2026, 10, 3, 9, 5))
    html = frame_html("Canaux & ROI", "<p>corps</p>", as_of=datetime.date(2026, 9, 1), freshness=stale,
                      now=datetime.datetime(2026, 11, 26, 14, 7), position="2/5")
    assert "14:07" in html and "Données à fin septembre 2026 · mises à jour le 03/10/2026 à 09:05" in html
    assert 'role="alert"' in html and "aucun réalisé pour octobre 2026" in html
    fresh = Freshness(datetime.date(2026, 10, 1), datetime.date(2026, 10, 1), (), None)
    assert 'role="alert"' not in frame_html("x", "", as_of=None, freshness=fresh, now=datetime.datetime.now(),
                                            position="1/1")


def test_sizes_follow_the_screen_not_pixels():
    assert ".pac-headline { font-size: 9vh;" in WALL_CSS and "px" not in WALL_CSS
