"""The presentation mode's slides (ui/presentation.py): a list longer than the screen shows what fits and says how
many more, long names keep their whole text in a tooltip, figures are right-aligned, cards wear their status."""

import re

import pandas as pd

from pac_core.display.overview import Card
from pac_core.review import View
from pac_core.review import numeric_columns
from ui import presentation


def _items(html: str) -> list[str]:
    return re.findall(r"<li [^>]*>(.*?)</li>", html)


def test_a_long_list_shows_what_fits_and_says_how_many_more():
    lines = tuple(f"Action {number} : en retard." for number in range(1, 41))
    html = presentation.slide_html(View("decisions", "Décisions", "40 sujets.", lines=lines, lines_title="À décider"),
                                   6, 6, "Revue mensuelle · octobre 2026")
    # Without cards: 100 − 2×2,5 (margins) − 4,6 (bar) − 6,8 (title) − 8,8 (message) = 74,8 units for the body;
    # the list's title takes 3 + 1,4, leaving 70,4: 19 lines of 3,6 fit, so 18 items and « … et 22 autres ».
    assert len(_items(html)) == 18
    assert "… et 22 autres" in html
    assert '6 / 6' in html


def test_a_short_list_is_shown_whole():
    html = presentation.slide_html(View("decisions", "Décisions", "2 sujets.", lines=("Un.", "Deux."),
                                        lines_title="À décider"), 6, 6, "Revue")
    assert _items(html) == ["Un.", "Deux."] and "autre" not in html


def test_table_rows_fit_names_keep_their_tooltip_and_figures_align_right():
    frame = pd.DataFrame({"Action": [f"Une action au nom vraiment très long numéro {n}" for n in range(30)],
                          "Réalisé": [f"{n}\u202f000\u00a0€" for n in range(30)], "Rythme": ["—"] + ["80,0\u202f%"] * 29})
    html = presentation.slide_html(View("objectifs", "Objectifs", "Message.", table=frame, table_title="Tableau"),
                                   2, 6, "Revue")
    rows = re.findall(r"<tr>(.*?)</tr>", html)
    # 74,8 − 3 − 1,4 (the table's title) = 70,4 units: the header and 16 rows of 4 fit; one row's place goes to
    # « … et N autres »: 15 shown, 15 more (15 × 4 + 4 + 3,6 + 1,4 = 69 ≤ 70,4).
    assert len(rows) - 1 == 15 and "… et 15 autres" in html
    assert 'title="Une action au nom vraiment très long numéro 0"' in html
    assert numeric_columns(frame) == [False, True, True]
    assert '<td class="num" title="0\u202f000\u00a0€">' in html


def test_cards_show_their_status_in_words_beside_the_colour():
    cards = (Card("Chiffre d'affaires", "146\u202f800\u00a0€"), Card("Budget", "98,7\u202f%"))
    html = presentation.slide_html(View("mois", "Le mois", "Message.", cards=cards, card_statuses=("off_track", None)),
                                   1, 6, "Revue")
    assert 'class="pac-pres-card off_track" data-status="off_track"' in html and "✖ En retard" in html
    assert 'class="pac-pres-card no-goal" data-status=""' in html
    assert html.count("pac-pres-badge") == 1
