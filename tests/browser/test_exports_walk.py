"""Every realistic export we made (tests/files/foreign/exports.py and unseen.py: ad platforms, CRMs, trackers, targets
sheets, and three hostile files) dropped on the Données page in Chromium at 1280×720, on a database holding the
plan they point at: each opens the mapping wizard with its suggestion or is refused in French — never a traceback
(a CSV of headers alone is refused: there is no row to import). Screenshots: tests/screenshots/export-*.png. The
figures each imports are checked against hand sums in tests/mapping/test_exports_vocabulary.py and
test_unseen_exports.py; the whole walk, with creation and cell fixing, in test_create_in_browser.py."""

import pytest

from pac_core.store import Store
from tests.browser.conftest import DROPZONE, Server, main_text, screenshot, settle
from tests.files.foreign import exports, unseen
from tests.mapping.conftest import import_plan

BROKEN = ("Traceback", "Erreur inattendue", "Exception", "Error:")


@pytest.fixture
def plan_server(tmp_path):
    """A server on a database holding make_foreign.PLAN_ACTIONS, the plan the exports point at."""
    with Store(tmp_path / "pac.duckdb") as store:
        import_plan(store, tmp_path)
    running = Server(tmp_path / "pac.duckdb", tmp_path / "streamlit.log")
    try:
        running.wait_ready()
        yield running
    finally:
        running.stop()


def test_every_export_opens_the_wizard_or_is_refused_in_french(plan_server, page, tmp_path):
    page.set_viewport_size({"width": 1280, "height": 720})
    ready, refused = [], []
    for name, build in {**exports.BUILDERS, **unseen.BUILDERS}.items():
        path = build(tmp_path / name)
        page.goto(f"{plan_server.url}/donnees")
        settle(page)
        page.locator(DROPZONE).set_input_files(str(path))
        page.get_by_text("Associer les colonnes").or_(page.get_by_text("Vérification", exact=True)).first.wait_for(
            timeout=30_000)
        settle(page)
        body = main_text(page)
        assert not any(word in body for word in BROKEN), (name, body)
        if "Associer les colonnes" in body:
            assert "Ce que l'import va changer" in body or "Il manque encore" in body \
                or "ne peut pas encore être importé" in body, (name, body)
            if page.locator(".st-key-importer-correspondance").count():
                ready.append(name)
        else:
            assert name in unseen.HOSTILE, (name, body[body.find("Vérification"):][:1500])
            assert "pas un tableau" in body or "aucun tableau lisible" in body \
                or "n'a que sa ligne d'en-têtes" in body, (name, body)  # the reason
            refused.append(name)
        page.get_by_text("Associer les colonnes").or_(page.get_by_text("Vérification", exact=True)).first \
            .scroll_into_view_if_needed()
        screenshot(page, f"export-{name.rsplit('.', 1)[0]}")
    assert sorted(refused) == ["export-crm-image.csv", "export-vide.xlsx", "tiktok-sans-depense.csv"]
    assert len(ready) >= 10, ready  # most exports import with PAC Pilot's suggestion alone


def test_a_pipedrive_export_imported_in_the_browser_shows_its_deals_on_pipeline(plan_server, page, tmp_path):
    """By hand (exports.PIPEDRIVE_ROWS): five deals, 101 and 104 won, 103 lost, 102 and 105 open: win rate 2 / 3,
    open pipeline 8 500 + 1 500 = 10 000 €, average cycle (36 + 18) / 2 = 27 days."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{plan_server.url}/donnees")
    settle(page)
    page.locator(DROPZONE).set_input_files(str(exports.pipedrive(tmp_path / "pipedrive-deals.csv")))
    page.get_by_text("Ce que l'import va changer").wait_for(timeout=30_000)
    settle(page)
    assert "Pipeline : 0 opportunités → 5" in main_text(page)
    page.get_by_text("Compter aussi les affaires gagnées dans le réalisé mensuel").click()  # revenue too
    settle(page)
    page.locator(".st-key-importer-correspondance button").click()
    page.get_by_text("enregistré").first.wait_for(timeout=30_000)
    settle(page)
    page.locator('[data-testid="stSidebarNav"] a', has_text="Pipeline").first.click()
    settle(page)
    body = main_text(page)
    assert "2 en cours · 2 gagnées · 1 perdue" in body and "66,7\u202f%" in body
    assert "27 jours" in body  # the won deals' cycles: 36 days (101) and 18 days (104)
    assert "10\u202f000\u00a0€" in body
    screenshot(page, "export-pipedrive-pipeline")
