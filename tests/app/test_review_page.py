"""Revue mensuelle with AppTest: the views in order, Précédent / Suivant, the comment saved and shown at the next
month's review, the PDF button."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import NBSP, NNBSP, ROOT, shown_table, texts

pytestmark = pytest.mark.usefixtures("story_day")  # the demo's hand-computed figures (tests/conftest.py)

REVIEW = "screens/revue_mensuelle.py"


def open_review(app, **params):
    for key, value in params.items():
        app.query_params[key] = value
    app.run()  # a first run registers the pages; the review's url_path (revue) is not its file name
    app.switch_page(REVIEW)
    app.run()
    assert not app.exception
    return app


def heading(app) -> str:
    return app.header[0].value


def test_the_review_opens_on_the_month_at_a_glance(app):
    open_review(app)
    assert heading(app) == "1/6 · Le mois en bref"
    assert f"13{NNBSP}900{NBSP}€ de chiffre d'affaires en octobre 2026" in app.subheader[0].value.replace("\\", "")
    assert app.metric[0].value == f"146{NNBSP}800{NBSP}€"
    assert len(app.get("vega_lite_chart")) == 1
    assert any(button.label.startswith("Exporter la revue en PDF") for button in app.get("download_button"))


def test_next_and_previous_walk_through_the_views(app):
    open_review(app)
    seen = [heading(app)]
    for _ in range(5):
        app.button(key="suivant").click().run()
        seen.append(heading(app))
    assert seen == ["1/6 · Le mois en bref", "2/6 · Objectifs stratégiques et rythme",
                    "3/6 · Actions : les meilleures et les plus en retard", "4/6 · Canaux et ROI", "5/6 · Pipeline",
                    "6/6 · Décisions prises et à prendre"]
    app.button(key="suivant").click().run()
    assert heading(app) == "1/6 · Le mois en bref"  # after the last view, back to the first
    app.button(key="precedent").click().run()
    assert heading(app) == "6/6 · Décisions prises et à prendre"


def test_top_and_flop_name_their_owners(app):
    open_review(app, vue="actions")
    table = shown_table(app.table[0])
    assert "Directeur commercial" in table.to_string() and "Téléprospection externalisée" in table.to_string()


def test_a_comment_saved_in_september_opens_octobers_review(app):
    open_review(app, mois="septembre 2026", vue="decisions")
    assert app.text_area[0].label == "Commentaire de la revue de septembre 2026"
    app.text_area[0].input("Relancer la téléprospection avant fin octobre.")
    app.button[-1].click().run()  # the form's submit button
    assert not app.exception
    assert "Commentaire enregistré" in texts(app)
    assert app.text_area[0].value == "Relancer la téléprospection avant fin octobre."

    next_meeting = open_review(AppTest.from_file(str(ROOT / "app.py"), default_timeout=60), mois="octobre 2026")
    assert heading(next_meeting) == "1/6 · Le mois en bref"
    shown = texts(next_meeting).replace("\\", "")
    assert "Noté à la revue de septembre 2026" in shown
    assert "« Relancer la téléprospection avant fin octobre. »" in shown


def shown_slide(app) -> str:
    slides = [element.proto.body for element in app.get("html") if 'class="pac-pres"' in element.proto.body]
    assert len(slides) == 1
    return slides[0]


def test_presentation_mode_shows_the_view_alone_and_its_hidden_buttons_walk_and_leave(app):
    open_review(app, presentation="oui", vue="canaux")
    assert not app.title and not app.header  # no page title, no chooser: the slide is the page
    slide = shown_slide(app)
    assert 'data-view="canaux"' in slide and "4 / 6" in slide and "Revue mensuelle · octobre 2026" in slide
    assert "Meilleur ROI : Salon" in slide
    app.button(key="pres_suivante").click().run()
    assert 'data-view="pipeline"' in shown_slide(app) and app.query_params["vue"] == "pipeline"
    app.button(key="pres_precedente").click().run()
    app.button(key="pres_precedente").click().run()
    assert 'data-view="actions"' in shown_slide(app)
    app.button(key="pres_quitter").click().run()  # Échap: back to the normal review, on the same view
    assert not app.exception
    assert "presentation" not in app.query_params
    assert heading(app) == "3/6 · Actions : les meilleures et les plus en retard"


def test_the_presentation_button_enters_presentation_mode_on_the_view_shown(app):
    open_review(app, vue="pipeline")
    app.button(key="presenter").click().run()
    assert app.query_params["presentation"] == "oui"
    assert 'data-view="pipeline"' in shown_slide(app) and "5 / 6" in shown_slide(app)


def test_a_filtered_review_names_its_filter_in_its_title(app):
    open_review(app, canal="Salon")
    assert app.title[0].value == f"Revue mensuelle · Canal{NBSP}: Salon"
    assert f"103{NNBSP}100{NBSP}€" == app.metric[0].value  # Salon's revenue to October, not the company's
