"""The app on the one clock: on whatever day the suite runs (or PAC_TODAY says), a fresh install shows the demo up
to the last closed month on every screen; an unreadable PAC_TODAY or PAC_TZ stops it with one French sentence."""

import pytest

from pac_core import clock
from pac_core import formatting as fmt
from tests.app.conftest import ROOT, texts

SCREENS = sorted(path.relative_to(ROOT).as_posix() for path in (ROOT / "screens").glob("*.py"))


@pytest.mark.parametrize("variable, value", [("PAC_TODAY", "2027-02-30"), ("PAC_TZ", "Europe/Pariss")])
def test_an_unreadable_clock_setting_stops_the_app_with_one_sentence(app, monkeypatch, tmp_path, variable, value):
    monkeypatch.setenv(variable, value)
    app.run()
    assert not app.exception
    assert [error.value for error in app.error] == [str(pytest.raises(clock.ClockError, clock.check).value)]
    assert f"La variable {variable} vaut « {value} »" in app.error[0].value
    assert not (tmp_path / "pac.duckdb").exists()  # nothing opened, nothing written


@pytest.mark.parametrize("screen", [screen for screen in SCREENS if not screen.endswith("comptes.py")])
def test_on_todays_clock_every_screen_shows_the_last_closed_month(app, screen):
    closed = clock.last_closed_month()
    app.switch_page(screen)
    app.run()
    assert not app.exception
    if not screen.endswith("mural.py"):  # the wall draws no sidebar (its own test is in the browser)
        assert app.selectbox(key="mois").value == f"{closed:%Y-%m}"
        assert f"Données à fin {fmt.month(closed, long=True)}" in texts(app)
