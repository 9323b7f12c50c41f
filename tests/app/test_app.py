"""The app, run by Streamlit's AppTest on a temporary database: the demo's headline figures on screen."""

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest


ROOT = Path(__file__).resolve().parents[2]
NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("PAC_DB", str(tmp_path / "pac.duckdb"))
    monkeypatch.chdir(ROOT)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def metrics(app_test) -> dict:
    return {metric.label: metric.value for metric in app_test.metric}


def test_a_fresh_install_loads_the_demo_and_shows_its_headline_figures(app):
    app.run()
    assert not app.exception
    shown = metrics(app)
    # Hand-computed from the demo's parameters (pac_core/demo.py): CA Jan–Oct 32 500 + 70 600 + 4 200 + 39 500.
    assert shown["Chiffre d'affaires réalisé"] == f"146{NNBSP}800{NBSP}€"
    assert shown["Contacts recueillis"] == f"1{NNBSP}934"
    assert shown["Nouveaux clients"] == "22"
    # 35 050 € spent of 35 500 € budgeted = 98,7 %
    assert shown["Budget consommé"] == f"98,7{NNBSP}%"
    assert shown["Clients actifs"] == "165"
    captions = " ".join(caption.value for caption in app.caption)
    assert "octobre 2026" in captions
    # Revenue pace: 146 800 / 182 500 = 80,4 %
    assert f"80,4{NNBSP}%" in captions


def test_an_empty_database_shows_how_to_import_instead_of_an_error(app):
    app.run()
    store = app.session_state["store"]
    store.undo(1, user="test")
    app.run()
    assert not app.exception
    assert any("python -m pac_core import" in info.value for info in app.info)


def test_every_file_in_pages_is_registered_in_the_navigation():
    declared = set(re.findall(r'st\.Page\("pages/([^"]+)"', (ROOT / "app.py").read_text(encoding="utf-8")))
    on_disk = {path.name for path in (ROOT / "pages").glob("*.py")}
    assert on_disk == declared
