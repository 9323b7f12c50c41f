"""Signing in, roles and wall links through the real app (AppTest): once an account exists nothing shows before
signing in; a lecteur sees the screens but the guard refuses its writes; a wall link opens the wall only; the
Comptes page is an admin's."""

import pytest
from streamlit.testing.v1 import AppTest

from pac_core import accounts
from pac_core.accounts import ADMIN, EDITEUR, LECTEUR
from pac_core.demo_loader import load_demo
from pac_core.store import Store
from tests.app.conftest import ROOT, metrics, texts
from tests.app.test_data_page import results_bytes

pytestmark = pytest.mark.usefixtures("story_day")  # the demo's hand-computed figures (tests/conftest.py)

PASSWORD = "un mot de passe long"


@pytest.fixture
def team_db(tmp_path, monkeypatch):
    """The demo, with an admin, an éditeur, a lecteur and one wall link."""
    db = tmp_path / "pac.duckdb"
    with Store(db) as store:
        load_demo(store)
        for name, role in (("direction", ADMIN), ("julie", EDITEUR), ("marc", LECTEUR)):
            accounts.add_account(store, name, role, PASSWORD, by="test")
        token = accounts.add_wall_token(store, "Couloir", by="direction")
    monkeypatch.setenv("PAC_DB", str(db))
    monkeypatch.chdir(ROOT)
    return db, token


def new_app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def signed_in(name: str) -> AppTest:
    app = new_app()
    app.run()
    app.text_input[0].input(name)
    app.text_input[1].input(PASSWORD)
    app.button[0].click()
    app.run()
    assert not app.exception, app.exception
    return app


def test_nothing_shows_before_signing_in_and_a_wrong_password_is_refused(team_db):
    app = new_app()
    app.run()
    assert not app.exception
    assert [title.value for title in app.title] == ["PAC Pilot"] and not app.metric
    app.text_input[0].input("direction")
    app.text_input[1].input("pas le bon")
    app.button[0].click()
    app.run()
    assert "Identifiant ou mot de passe incorrect." in texts(app) and not app.metric


def test_a_signed_in_admin_sees_the_overview_and_the_accounts_page(team_db):
    app = signed_in("direction")
    assert "Chiffre d'affaires réalisé" in metrics(app)
    assert "Connecté : direction (admin)" in texts(app)
    app.switch_page("screens/comptes.py")
    app.run()
    assert not app.exception and "Comptes et écrans muraux" in [title.value for title in app.title]


def test_a_lecteur_reads_the_screens_and_may_check_a_file_but_not_import_it(team_db, tmp_path):
    app = signed_in("marc")
    assert "Chiffre d'affaires réalisé" in metrics(app)
    app.switch_page("screens/donnees.py")
    app.run()
    app.file_uploader[0].set_value([results_bytes(tmp_path, [("WEB", "CA", "oct. 2026", 20_000)])])
    app.run()
    assert not app.exception
    assert "Fichier valide" in texts(app)  # checking writes nothing: a lecteur may
    assert app.button(key="importer").disabled
    assert "Votre rôle (lecteur) permet de vérifier un fichier, pas de l'importer" in texts(app)


def test_an_editeur_does_not_get_the_accounts_page(team_db):
    app = signed_in("julie")
    with pytest.raises(Exception):
        app.switch_page("screens/comptes.py")  # not in this session's navigation


def test_a_wall_link_opens_the_wall_and_a_revoked_one_nothing(team_db):
    db, token = team_db
    app = new_app()
    app.query_params["jeton"] = token
    app.run()  # the wall is the only page of a wall link: it opens at once
    assert not app.exception and not app.selectbox  # no filter: the sidebar is not drawn
    assert any('data-slide="Chiffres clés"' in html.proto.body for html in app.get("html"))
    with Store(db) as store:
        accounts.revoke_wall_token(store, 1, by="direction")
    again = new_app()
    again.query_params["jeton"] = token
    again.run()
    assert "n'est pas (ou plus) valable" in texts(again) and not again.metric


def test_the_admin_reads_the_sign_in_log_and_signs_an_account_out_everywhere(team_db):
    db, _ = team_db
    refused = new_app()
    refused.run()
    refused.text_input[0].input("marc")
    refused.text_input[1].input("pas le bon")
    refused.button[0].click()
    refused.run()
    marc = signed_in("marc")
    app = signed_in("direction")
    app.switch_page("screens/comptes.py")
    app.run()
    assert not app.exception and "**Journal des connexions** (3 dernières tentatives)" in texts(app)
    log = app.dataframe[-1].value
    assert log["Identifiant saisi"].tolist() == ["direction", "marc", "marc"]
    assert log["Résultat"].tolist() == ["✓ réussie", "✓ réussie", "✗ mot de passe refusé"]
    sessions = app.dataframe[-2].value
    assert dict(zip(sessions["Identifiant"], sessions["Sessions ouvertes"])) == {"direction": 1, "marc": 1}
    form_box = [box for box in app.selectbox if box.label == "Compte" and "marc" in box.options][-1]
    form_box.set_value("marc")
    [button for button in app.button if button.label == "Fermer toutes ses sessions"][0].click()
    app.run()
    assert "1 session(s) de « marc » fermée(s) : il faudra se reconnecter." in texts(app)
    marc.run()
    assert "Connecté : marc (lecteur)" not in texts(marc)


def test_the_admin_creates_a_wall_link_shown_once(team_db):
    app = signed_in("direction")
    app.switch_page("screens/comptes.py")
    app.run()
    [box for box in app.text_input if box.label == "Nom de l'écran"][0].input("Accueil")
    [button for button in app.button if button.label == "Créer un lien d'écran"][0].click()
    app.run()
    assert "Lien créé. Copiez-le maintenant : il ne sera plus jamais affiché." in texts(app)
    (code,) = [block.value for block in app.code]
    assert code.startswith("/mural?embed=true&jeton=") and len(code) > 40
