"""The wall's rotation from the URL and its HTML (data escaped, sizes in viewport units)."""

import datetime
import re
import zoneinfo

import pandas as pd
import pytest

from pac_core.freshness import Freshness
from pac_core.kpi.headline import Headline
from pac_core.wall import (DEFAULT_SLIDES, ROOM, STATUS_ON_DARK, TEXT_ON_DARK, WALL_CSS, actions_slide, frame_html,
                           headline_slide, list_room, objectives_slide, reload_due, rotation)

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


# --- status colour and contrast ----------------------------------------------------------------------------------

def _contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two #RRGGBB colours."""
    def luminance(color):
        channels = [int(color[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    light, dark = sorted([luminance(foreground), luminance(background)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_contrast_helper_matches_known_ratios():
    assert _contrast("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert _contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_every_text_colour_of_the_wall_is_at_least_seven_to_one_on_its_backgrounds():
    text_colours = set(re.findall(r"(?<![-\w])color:\s*(#[0-9A-Fa-f]{6})", WALL_CSS))
    text_colours |= set(STATUS_ON_DARK.values()) | {TEXT_ON_DARK}
    assert len(text_colours) >= 6  # the CSS was read: white, greys, blue, the statuses
    for background in ("#0B0F14", "#151B24"):  # the wall, a tile
        for colour in text_colours - {"#FFFFFF"}:  # white is the banner's, on its own background below
            assert _contrast(colour, background) >= 7, (colour, background)
    assert _contrast("#FFFFFF", "#7A2E00") >= 7  # the stale-data banner


def _headline(revenue_pace, contacts_pace, clients_pace):
    return Headline(as_of=datetime.date(2026, 10, 1), revenue_to_date=219_146.4, revenue_target_to_date=230_000.0,
                    revenue_target_year=300_000.0, revenue_pace=revenue_pace, contacts_to_date=2040.2,
                    contacts_target_to_date=2100.0, contacts_pace=contacts_pace, new_clients_to_date=32.7,
                    new_clients_target_to_date=40.0, new_clients_pace=clients_pace, cost_to_date=30_000.0,
                    budget_year=50_000.0, budget_consumed=0.6, action_count=10, active_clients=None)


def test_headline_figures_take_their_status_colour_with_the_status_word():
    shown = headline_slide(_headline(0.5, 0.97, 0.85))
    tiles = shown.split('<div class="pac-tile"')[1:]
    revenue, clients, contacts, budget = tiles
    assert f'color:{STATUS_ON_DARK["off_track"]}' in revenue and "✖ En retard" in revenue
    assert "219\u202f146\u00a0€" in revenue
    assert f'color:{STATUS_ON_DARK["watch"]}' in clients and "⚠ À surveiller" in clients and ">33<" in clients
    assert f'color:{STATUS_ON_DARK["on_track"]}' in contacts and "✔ En bonne voie" in contacts
    assert ">2\u202f040<" in contacts  # 2 040,2 contacts: a whole number
    assert f"color:{TEXT_ON_DARK}" in budget  # no goal: white
    # the scope's thresholds decide: 0,85 is on track when on track starts at 80 %
    assert f'color:{STATUS_ON_DARK["on_track"]}' in headline_slide(_headline(0.5, 0.97, 0.85), 0.80, 0.60).split(
        '<div class="pac-tile"')[2]


def test_a_headline_without_pace_is_grey_and_says_no_status():
    revenue = headline_slide(_headline(None, None, None)).split('<div class="pac-tile"')[1]
    assert f'color:{STATUS_ON_DARK[None]}' in revenue and "En retard" not in revenue and "—" in revenue


def test_every_objective_bar_has_the_same_track_and_its_figure_a_fixed_width():
    strategic = pd.DataFrame({
        "objective_id": ["O1", "O2"], "label": ["Chiffre d'affaires", "Grands comptes"], "metric": ["ca", "grands_comptes"],
        "current": [219_146.4, 2.7], "target": [300_000.0, 4.0], "forecast": [260_000.0, 2.7],
        "progress": [0.73, 0.4], "status": ["watch", "off_track"]})
    shown = objectives_slide(strategic)
    assert shown.count('class="pac-track"') == 2
    assert shown.count('class="pac-headline pac-objective-value"') == 2
    assert f'color:{STATUS_ON_DARK["off_track"]}">3</div>' in shown  # 2,7 accounts read 3, in red-orange
    assert ".pac-objective-value { flex: none; width:" in WALL_CSS


def test_the_revenue_tile_gives_the_year_end_forecast_and_its_band():
    import pandas as pd

    from pac_core.wall import forecast_line

    methods = pd.DataFrame({"method": ["saisonnier", "plan"], "objectives": [2, 1], "forecast": [200_000.0, 40_000.0],
                            "low": [190_000.0, 35_000.0], "high": [210_000.0, 45_000.0]})
    line = forecast_line(methods)
    assert line == "Fin d'année prévue : 240\u202f000\u00a0€ (225\u202f000\u00a0€ – 255\u202f000\u00a0€)"
    revenue = headline_slide(_headline(0.5, 0.97, 0.85), revenue_forecast=line).split('<div class="pac-tile"')[1]
    assert revenue.count('class="pac-detail"') == 2 and "Fin d&#x27;année prévue : 240" in revenue
    assert forecast_line(methods.iloc[:0]) == ""
