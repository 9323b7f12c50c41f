"""Mode mural with AppTest: no filter drawn, the slides chosen in the URL, the data month always shown.
(Timers, CSS and embed mode are the browser tests' part.)"""

import pytest

pytestmark = pytest.mark.usefixtures("story_day")  # the demo's hand-computed figures (tests/conftest.py)
WALL = "screens/mural.py"


def open_wall(app, **params):
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    app.switch_page(WALL)
    app.run()
    assert not app.exception
    return app


def wall_html(app) -> str:
    return next(element.proto.body for element in app.get("html") if 'class="pac-wall"' in element.proto.body)


def test_the_wall_shows_the_first_slide_of_the_url_without_any_widget(app):
    open_wall(app, ecrans="canaux,actions", duree="20")
    html = wall_html(app)
    assert 'data-slide="Canaux &amp; ROI"' in html
    assert "Données à fin octobre 2026" in html
    assert "Salon" in html and "pac-headline" in html
    assert not app.selectbox and not app.multiselect and not app.button  # no filter, no widget


def test_the_default_rotation_starts_with_the_key_figures(app):
    open_wall(app)
    assert 'data-slide="Chiffres clés"' in wall_html(app)
    assert "146" in wall_html(app)
