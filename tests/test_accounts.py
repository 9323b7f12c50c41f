"""Accounts, roles and wall tokens: open local mode until the first account, hashed secrets, revocation."""

import io

import pytest

from pac_core import accounts
from pac_core.accounts import ADMIN, EDITEUR, LECTEUR, AccountError
from pac_core.cli import main
from pac_core.store import Store


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "pac.duckdb") as opened:
        yield opened


def test_a_fresh_install_is_in_open_mode_until_the_first_account(store):
    assert accounts.open_mode(store)
    accounts.add_account(store, "direction", ADMIN, "un mot de passe long", by="test")
    assert not accounts.open_mode(store)


def test_the_first_account_must_be_an_admin(store):
    with pytest.raises(AccountError, match="premier compte doit être admin"):
        accounts.add_account(store, "julie", EDITEUR, "salon-de-lyon-2026", by="test")
    assert accounts.open_mode(store)


@pytest.fixture
def admin(store):
    accounts.add_account(store, "direction", ADMIN, "un mot de passe long", by="test")


def test_passwords_are_stored_as_argon2_hashes_and_checked(store, admin):
    accounts.add_account(store, "julie", EDITEUR, "salon-de-lyon-2026", by="test")
    stored = store.scalar("SELECT password_hash FROM history.accounts WHERE username = 'julie'")
    assert stored.startswith("$argon2") and "salon-de-lyon-2026" not in stored
    assert accounts.sign_in(store, "julie", "salon-de-lyon-2026") == accounts.Principal("julie", EDITEUR, "password")
    assert accounts.sign_in(store, "julie", "mauvais mot de passe") is None
    assert accounts.sign_in(store, "personne", "salon-de-lyon-2026") is None


def test_bad_names_short_passwords_and_unknown_roles_are_refused_in_french(store, admin):
    with pytest.raises(AccountError, match="identifiant"):
        accounts.add_account(store, "a b", LECTEUR, "assez long mot", by="test")
    with pytest.raises(AccountError, match="trop court"):
        accounts.add_account(store, "marc", LECTEUR, "court", by="test")
    with pytest.raises(AccountError, match="inconnu"):
        accounts.add_account(store, "marc", "superviseur", "assez long mot", by="test")
    assert len(accounts.accounts(store)) == 1  # nothing was written


def test_roles_are_understood_without_accents_or_capitals(store, admin):
    accounts.add_account(store, "julie", "Editeur", "salon-de-lyon-2026", by="test")
    assert accounts.sign_in(store, "julie", "salon-de-lyon-2026").role == EDITEUR


def test_a_disabled_account_cannot_sign_in_and_the_last_admin_cannot_leave(store):
    accounts.add_account(store, "direction", ADMIN, "un mot de passe long", by="test")
    accounts.add_account(store, "julie", EDITEUR, "salon-de-lyon-2026", by="test")
    with pytest.raises(AccountError, match="dernier compte admin"):
        accounts.disable_account(store, "direction", by="test")
    with pytest.raises(AccountError, match="dernier compte admin"):
        accounts.set_role(store, "direction", LECTEUR, by="test")
    accounts.disable_account(store, "julie", by="test")
    assert accounts.sign_in(store, "julie", "salon-de-lyon-2026") is None


def test_a_wall_token_is_a_lecteur_shown_once_stored_hashed_and_revocable(store):
    token = accounts.add_wall_token(store, "Couloir du 2e", by="direction")
    assert len(token) >= 40
    assert token not in store.query("SELECT * FROM history.wall_tokens").to_csv()
    principal = accounts.principal_for_token(store, token)
    assert principal.role == LECTEUR and principal.via == "wall" and not principal.at_least(EDITEUR)
    assert accounts.principal_for_token(store, token[:-1] + "x") is None
    accounts.revoke_wall_token(store, 1, by="direction")
    assert accounts.principal_for_token(store, token) is None


def test_oidc_users_are_the_accounts_named_by_their_email(store, admin):
    accounts.add_account(store, "claire@exemple.fr", EDITEUR, None, by="test")
    assert accounts.principal_for_oidc(store, "Claire@Exemple.fr").role == EDITEUR
    assert accounts.principal_for_oidc(store, "inconnu@exemple.fr") is None
    assert accounts.sign_in(store, "claire@exemple.fr", "") is None  # no password: only OIDC signs her in



def test_the_command_line_ends_open_mode_and_makes_tokens(tmp_path, monkeypatch, capsys):
    db = tmp_path / "pac.duckdb"
    monkeypatch.setattr("sys.stdin", io.StringIO("un mot de passe long\n"))
    assert main(["--db", str(db), "user", "add", "direction", "--role", "admin", "--password-stdin"]) == 0
    assert "mode local ouvert est terminé" in capsys.readouterr().out
    assert main(["--db", str(db), "token", "add", "Accueil"]) == 0
    url = capsys.readouterr().out.strip().split()[-1]
    with Store(db) as store:
        assert accounts.principal_for_token(store, url.split("jeton=")[1]).role == LECTEUR
    assert main(["--db", str(db), "token", "revoke", "un"]) == 2
    assert "n'est pas un numéro de jeton" in capsys.readouterr().err
    assert main(["--db", str(db), "token", "revoke", "1"]) == 0
    assert main(["--db", str(db), "user", "disable", "direction"]) == 2  # the last admin stays
    assert "dernier compte admin" in capsys.readouterr().err
