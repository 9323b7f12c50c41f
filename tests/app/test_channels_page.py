"""Canaux & ROI run by AppTest on the demo: the figures shown are the KPI engine's and the hand-computed ones of
pac_core/demo.py (tests/kpi/test_roi.py works them out), with a filter, and on an empty database."""

import datetime
import json

import pytest

from pac_core import formatting as fmt
from pac_core.kpi.roi import channel_roi
from pac_core.kpi.scope import Scope
from tests.app.conftest import NBSP, NNBSP, metrics, shown_table, texts

pytestmark = pytest.mark.usefixtures("story_day")  # the demo's hand-computed figures (tests/conftest.py)

PAGE = "screens/canaux.py"
OCTOBER = Scope(as_of=datetime.date(2026, 10, 1))


def open_page(app, page=PAGE, **params):
    """The page as a link opens it: its query parameters (filters, choices) set before the run."""
    app.switch_page(page)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, app.exception
    return app


def rows(table) -> dict[str, dict]:
    frame = shown_table(table)
    return {record[frame.columns[0]]: record for record in frame.to_dict("records")}


def charts(app) -> list[dict]:
    return [json.loads(element.proto.spec) for element in app.main if getattr(element, "type", "") == "vega_lite_chart"]


def test_the_demo_channels(app):
    open_page(app)
    shown = metrics(app)
    # The whole demo January–October: 35 050 € spent, 146 800 € of revenue → ROI 111 750 / 35 050 = 318,8 %.
    assert shown["Coût"] == f"35{NNBSP}050{NBSP}€"
    assert shown["Chiffre d'affaires attribué"] == f"146{NNBSP}800{NBSP}€"
    assert shown["ROI"] == f"318,8{NNBSP}%"
    assert shown["ROAS"] == "4,19"
    table = rows(app.table[0])
    assert list(table) == ["Salon", "Site web / SEO", "Téléprospection", "Base de données", "Réseaux sociaux"]
    # Téléprospection: 6 × 1 000 € spent, 4 200 € signed in July → ROI −30,0 %, 6 RDV → 1 000 € per RDV.
    tel = table["Téléprospection"]
    assert (tel["Coût"], tel["CA attribué"], tel["ROI"]) == (f"6{NNBSP}000{NBSP}€", f"4{NNBSP}200{NBSP}€",
                                                             f"−30,0{NNBSP}%")
    assert (tel["Coût par RDV"], tel["Coût par contact"], tel["Source du CA"]) == (
        f"1{NNBSP}000{NBSP}€", "—", "Réalisé")
    # Salon: 1 850 + 9 200 + 3 400 = 14 450 € → 32 500 + 70 600 = 103 100 € → ROI 88 650 / 14 450 = 613,5 %.
    salon = table["Salon"]
    assert (salon["Coût"], salon["CA attribué"], salon["ROI"]) == (f"14{NNBSP}450{NBSP}€", f"103{NNBSP}100{NBSP}€",
                                                                   f"613,5{NNBSP}%")
    assert "de janvier à octobre 2026" in texts(app)


def test_every_figure_of_the_table_is_the_kpi_engine_s(app):
    open_page(app)
    engine = channel_roi(app.session_state["store"], OCTOBER, by="channel")
    table = rows(app.table[0])
    for row in engine.itertuples(index=False):
        shown = table[row.channel]
        assert shown["Coût"] == fmt.euros(row.cost) and shown["CA attribué"] == fmt.euros(row.revenue)
        assert shown["ROI"] == fmt.percent(row.roi if row.roi == row.roi else None)


def test_the_charts(app):
    open_page(app)
    bubble, ranking = charts(app)
    assert bubble["config"]["locale"]["number"]["decimal"] == ","
    assert ranking["config"]["locale"]["number"]["decimal"] == ","
    assert any(layer["mark"]["type"] == "line" for layer in bubble["layer"])  # the break-even line
    bar = next(layer for layer in ranking["layer"] if layer["mark"]["type"] == "bar")
    # Best to worst: Salon 613,5 %, Site web 354,0 %, Téléprospection −30 %, then −100 % for the two without revenue.
    assert bar["encoding"]["y"]["sort"][:3] == ["Salon", "Site web / SEO", "Téléprospection"]


def test_by_lever(app):
    open_page(app, axe="Par levier")
    table = rows(app.table[0])
    assert list(shown_table(app.table[0]).columns)[0] == "Levier"
    # Téléprospection lever = BDD + TEL: 1 000 + 6 000 = 7 000 € for 4 200 € → ROI −40,0 %.
    assert table["Téléprospection"]["ROI"] == f"−40,0{NNBSP}%"
    assert table["Téléprospection"]["Coût"] == f"7{NNBSP}000{NBSP}€"


def test_by_quarter(app):
    open_page(app)
    quarters = rows(app.table[1])
    assert list(shown_table(app.table[1]).columns) == ["Canal", "T1 2026 · janv. – mars", "T2 2026 · avr. – juin",
                                                "T3 2026 · juil. – sept.", "T4 2026 · oct. (à date)"]
    # Téléprospection in the third quarter: 3 × 1 000 € for the 4 200 € of July → ROI 40,0 %.
    assert quarters["Téléprospection"]["T3 2026 · juil. – sept."] == f"40,0{NNBSP}%"
    # Salons spent nothing in the third quarter (SAL2 paid its 9 200 € in May): no ROI, not 0.
    assert quarters["Salon"]["T3 2026 · juil. – sept."] == "—"
    # Salons in the first quarter: SAL1 1 850 € for 7 200 € (March) → (7 200 − 1 850) / 1 850 = 289,2 %.
    assert quarters["Salon"]["T1 2026 · janv. – mars"] == f"289,2{NNBSP}%"
    assert "Ensemble" in quarters


def test_a_filter_and_an_earlier_month(app):
    open_page(app, canal="Salon", mois="juin 2026")
    shown = metrics(app)
    # Salons January–June: SAL1 1 850 + SAL2 9 200 = 11 050 €; revenue SAL1 32 500 + SAL2 14 600 (June) = 47 100 €.
    assert shown["Coût"] == f"11{NNBSP}050{NBSP}€"
    assert shown["Chiffre d'affaires attribué"] == f"47{NNBSP}100{NBSP}€"
    assert list(rows(app.table[0])) == ["Salon"]
    assert list(shown_table(app.table[1]).columns)[1:] == ["T1 2026 · janv. – mars", "T2 2026 · avr. – juin"]


def test_filters_that_match_nothing(app):
    open_page(app, canal="Salon", responsable="Service marketing")
    assert "Aucune action ne correspond aux filtres" in texts(app)
    assert not app.table


def test_an_empty_database_shows_the_welcome(empty_app):
    open_page(empty_app)
    assert "python -m pac_core import" in texts(empty_app)
    assert not empty_app.metric and not empty_app.table


@pytest.mark.parametrize("size", ["Contacts", "Nouveaux clients"])
def test_the_bubble_size_can_be_chosen(app, size):
    open_page(app)
    app.segmented_control(key="bulles").set_value(
        {"Contacts": "contacts", "Nouveaux clients": "new_clients"}[size]).run()
    assert not app.exception
    bubble = charts(app)[0]
    circle = next(layer for layer in bubble["layer"] if layer["mark"]["type"] == "circle")
    assert circle["encoding"]["size"]["title"] == size


def right_aligned_columns(table) -> list[str]:
    """The columns whose cells the table's style sheet right-aligns (st.table draws a Styler's CSS as is)."""
    styles = table.proto.arrow_data.styler.styles
    frame = shown_table(table)
    return [name for position, name in enumerate(frame.columns)
            if f"_row0_col{position}," in styles or f"_row0_col{position} " in styles]


def test_figures_are_right_aligned_and_words_left(app):
    open_page(app)
    assert "text-align: right !important" in app.table[0].proto.arrow_data.styler.styles
    assert right_aligned_columns(app.table[0]) == ["Actions", "Coût", "CA attribué", "ROI", "ROAS", "Coût par contact",
                                                   "Coût par RDV", "Coût par nouveau client"]
    assert right_aligned_columns(app.table[1]) == ["T1 2026 · janv. – mars", "T2 2026 · avr. – juin",
                                                   "T3 2026 · juil. – sept.", "T4 2026 · oct. (à date)"]
