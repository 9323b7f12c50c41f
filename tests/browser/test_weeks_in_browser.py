"""« Cette semaine » in a real browser (issue 19): the demo, a weekly telemarketing file imported, the page read as
an owner reads it, with the sidebar's owner filter."""

import sys
from pathlib import Path

import pytest

from tests.browser.conftest import Server, main_text, screenshot, settle

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "files"))
from make_weekly import make_weekly  # noqa: E402

NNBSP = "\u202f"
DAY = "2026-12-04"  # a Friday of week 49: the demo is told to the end of November


@pytest.fixture
def weekly_server(tmp_path, monkeypatch):
    from pac_core.demo_loader import load_demo
    from pac_core.store import Store
    from pac_core.validate import validate_files

    monkeypatch.setenv("PAC_TODAY", DAY)
    db = tmp_path / "pac.duckdb"
    with Store(db) as store:
        load_demo(store)
        validation = validate_files([make_weekly(tmp_path / "tel-semaines.xlsx")], store.context())
        assert validation.ok, [issue.message for issue in validation.errors]
        store.import_batch(validation.batch, user="test")
    running = Server(db, tmp_path / "streamlit.log", today=DAY)
    try:
        running.wait_ready()
        yield running
    finally:
        running.stop()


def test_cette_semaine_shows_the_weekly_telemarketing_file(weekly_server, page):
    page.goto(f"{weekly_server.url}/semaine")
    settle(page)
    text = main_text(page)
    assert "Semaine 49 (S49), du 30 nov. au 6 déc. 2026" in text
    assert "Les 4 semaines précédentes (S45 à S48), du 2 au 29 nov. 2026" in text
    # S45…S48 calls against 45 a week (tests/test_weeks.py computes them): 38, 45, 52, 44 → 179 / 180.
    for expected in ("38 / 45", "52 / 45", f"99,4{NNBSP}%", "Téléprospection externalisée", "Directeur commercial"):
        assert expected in text, expected
    screenshot(page, "semaine-fichier-hebdo-1920x1080")
    page.set_viewport_size({"width": 1280, "height": 720})
    page.wait_for_timeout(300)
    screenshot(page, "semaine-fichier-hebdo-1280x720")
    # The sidebar's owner filter: the marketing service follows nothing by week.
    page.goto(f"{weekly_server.url}/semaine?responsable=Service+marketing")
    settle(page)
    assert "Aucun indicateur n'est suivi par semaine pour ces actions." in main_text(page)
